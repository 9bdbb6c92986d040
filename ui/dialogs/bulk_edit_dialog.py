"""Set a decision, a field or a ward on many selected awardees at once."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel

from models.domain.records import Decision
from ui.widgets import ChoiceCombo, completing_line_edit


class BulkEditDialog(QDialog):
    """Each value has a tick: only ticked values are set; changing a value ticks it."""

    def __init__(self, count: int, decisions: list[Decision], fields: list[str], wards: list[str], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Sửa nhiều dòng")
        self.set_decision = QCheckBox("&Quyết định:")
        self.decision = ChoiceCombo()
        self.decision.set_choices([("(chưa chọn)", None)] + [(d.label, d.id) for d in decisions])
        self.set_field = QCheckBox("&Lĩnh vực:")
        self.field = QComboBox()
        self.field.setEditable(True)
        self.field.addItems([""] + fields)
        self.set_ward = QCheckBox("&Phường:")
        self.ward, completer = completing_line_edit("VD: Thạch Bàn")
        completer.set_values(wards)
        self.decision.currentIndexChanged.connect(lambda: self.set_decision.setChecked(True))
        self.field.currentTextChanged.connect(lambda: self.set_field.setChecked(True))
        self.ward.textEdited.connect(lambda: self.set_ward.setChecked(True))

        about = QLabel(f"Đặt cho {count} dòng đã chọn. Ô không đánh dấu được giữ nguyên; Ctrl+Z hoàn tác cả lần sửa.")
        about.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(f"Áp dụng cho {count} dòng")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(about)
        form.addRow(self.set_decision, self.decision)
        form.addRow(self.set_field, self.field)
        form.addRow(self.set_ward, self.ward)
        form.addRow(buttons)

    def changes(self) -> dict[str, object]:
        """The fields to set, by record attribute."""
        out: dict[str, object] = {}
        if self.set_decision.isChecked():
            out["decision_id"] = self.decision.value()
        if self.set_field.isChecked():
            out["field"] = self.field.currentText()
        if self.set_ward.isChecked():
            out["ward"] = self.ward.text()
        return out
