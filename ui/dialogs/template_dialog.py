"""The certificate template of one ceremony and award form: paper, font, wording, blank-form positions."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from certificates.fonts import FontError, bundled, family_from_files, installed_families, register
from certificates.layout import default_placements
from models.domain.records import AwardForm
from models.domain.templates import FIELD_LABELS, CertificateTemplate, Paper, Placement, merge_templates
from models.errors import ConflictError
from models.ops.entities import SaveTemplate
from ui.session import BookSession
from ui.widgets import ChoiceCombo, NoticeLabel, ask, whose_to_keep

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_NUMBERS = ("x", "y", "width", "height", "size")


class PlacementModel(QAbstractTableModel):
    """Blank-form boxes: whether each field is printed, and where, in millimetres."""

    HEADERS = ("Phần chữ", "In", "Cách trái (mm)", "Cách trên (mm)", "Rộng (mm)", "Cao (mm)", "Cỡ chữ (pt)")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.names: list[str] = []
        self.placements: dict[str, Placement] = {}
        self.changed = False

    def set_placements(self, placements: dict[str, Placement]) -> None:
        self.beginResetModel()
        self.names = [n for n in FIELD_LABELS if n in placements]
        self.placements = {n: dataclasses.replace(p) for n, p in placements.items()}
        self.changed = False
        self.endResetModel()

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.names)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def flags(self, index: _Index):
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 1:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() >= 2:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: _Index, role=Qt.ItemDataRole.DisplayRole):
        name = self.names[index.row()]
        p = self.placements[name]
        column = index.column()
        if column == 0 and role == Qt.ItemDataRole.DisplayRole:
            return FIELD_LABELS[name]
        if column == 1 and role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if p.enabled else Qt.CheckState.Unchecked
        if column >= 2 and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            value = getattr(p, _NUMBERS[column - 2])
            return value if role == Qt.ItemDataRole.EditRole else f"{value:.1f}".replace(".", ",")
        return None

    def setData(self, index: _Index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        p = self.placements[self.names[index.row()]]
        column = index.column()
        if column == 1 and role == Qt.ItemDataRole.CheckStateRole:
            p.enabled = Qt.CheckState(value) == Qt.CheckState.Checked
        elif column >= 2 and role == Qt.ItemDataRole.EditRole:
            number = float(value)
            if number < 0 or (column >= 4 and number <= 0):
                return False
            setattr(p, _NUMBERS[column - 2], round(number, 1))
        else:
            return False
        self.changed = True
        self.dataChanged.emit(index, index)
        return True


class TemplateDialog(QDialog):
    def __init__(self, session: BookSession, ceremony_id: int, parent=None, form: AwardForm = AwardForm.GIAY_KHEN):
        super().__init__(parent)
        self.session = session
        self.ceremony_id = ceremony_id
        self.setWindowTitle("Mẫu giấy khen")
        self.resize(820, 640)

        self.form_choice = ChoiceCombo()
        self.form_choice.set_choices([(f.label, f) for f in AwardForm])
        self.paper = ChoiceCombo()
        self.paper.set_choices([(p.label, p) for p in Paper])
        self.font_choice = ChoiceCombo()  # not self.font: that is QWidget.font()
        self._families = [bundled(), *(f for f in installed_families() if f.name != bundled().name)]
        self._show_families()
        self.lead = QLineEdit()
        self.lead.setPlaceholderText("VD: Tặng (để trống nếu mẫu không dùng)")
        self.prefix = QLineEdit()
        self.prefix.setPlaceholderText("VD: Đồng chí hoặc Ông/Bà (để trống nếu không dùng)")
        self.show_qr = QCheckBox("In mã QR dẫn tới bài viết về hội nghị")
        self.qr_template = QLineEdit()
        self.qr_template.setPlaceholderText(
            "Để trống: địa chỉ bài viết của hội nghị. Riêng từng giấy: https://…?so={so}"
        )
        self.placements = PlacementModel(self)
        self.table = QTableView()
        self.table.setModel(self.placements)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setColumnWidth(0, 190)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        reset = QPushButton("Khôi phục vị trí mặc định")
        design = QPushButton("Đặt bằng chuột trên ảnh &phôi…")
        design.setToolTip("Mở ảnh quét hoặc ảnh chụp phôi, rồi kéo từng ô chữ vào đúng chỗ.")
        self.notice = NoticeLabel()

        fields = QFormLayout()
        fields.addRow("&Hình thức:", self.form_choice)
        fields.addRow("Tiêu đề:", self.heading)
        fields.addRow("&Khổ giấy:", self.paper)
        fields.addRow("&Phông chữ:", self.font_choice)
        fields.addRow("Chữ “&Tặng”:", self.lead)
        fields.addRow("Trước &tên cá nhân:", self.prefix)
        fields.addRow("", self.show_qr)
        fields.addRow("Địa chỉ &QR:", self.qr_template)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addLayout(fields)
        layout.addWidget(
            QLabel(
                "<b>In lên phôi:</b> vị trí từng phần chữ tính từ mép trái và mép trên của tờ giấy. "
                "Bỏ dấu “In” ở phần phôi đã in sẵn."
            )
        )
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(reset)
        row.addWidget(design)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.notice)
        layout.addWidget(buttons)

        self._loaded = CertificateTemplate.default(form)
        self._form = form
        self.form_choice.set_value(form)
        self._load(form)
        self.form_choice.currentIndexChanged.connect(self._switch_form)
        self.paper.currentIndexChanged.connect(self._paper_changed)
        reset.clicked.connect(lambda: self.placements.set_placements(default_placements(self.paper.value())))
        design.clicked.connect(self.design_on_scan)
        buttons.button(QDialogButtonBox.StandardButton.Save).clicked.connect(self.save)
        buttons.rejected.connect(self.reject)

    def _show_families(self) -> None:
        self.font_choice.set_choices(
            [(f"{f.name} (kèm theo ứng dụng)" if i == 0 else f.name, f.files) for i, f in enumerate(self._families)]
        )

    def _load(self, form: AwardForm) -> None:
        t = self.session.prints.template(self.ceremony_id, form)
        self._loaded = t
        self._form = form
        for widget in (self.paper, self.font_choice):
            widget.blockSignals(True)
        self.paper.set_value(t.paper)
        files = tuple(t.font_files) or bundled().files
        if files not in [f.files for f in self._families]:
            # Chosen on another computer, or its files moved: still listed, checked on save.
            self._families.append(family_from_files(files))
            self._show_families()
        self.font_choice.set_value(files)
        for widget in (self.paper, self.font_choice):
            widget.blockSignals(False)
        self.lead.setText(t.lead)
        self.prefix.setText(t.individual_prefix)
        self.show_qr.setChecked(t.show_qr)
        self.qr_template.setText(t.qr_url_template)
        self.placements.set_placements({**default_placements(t.paper), **t.placements})
        self.heading.setText(self._heading_text(form))
        self.notice.clear_notice()

    def _heading_text(self, form: AwardForm) -> str:
        """Which heading this form's papers carry: it follows each decision's issuer."""
        headings = []
        for d in self.session.book.decisions(self.ceremony_id):
            if d.award_form is form and d.heading not in headings:
                headings.append(d.heading)
        if not headings:
            return "Chưa có quyết định nào in hình thức này."
        lines = [f"{' / '.join(h.left) or '(chưa ghi cơ quan ban hành)'}  —  {' / '.join(h.right)}" for h in headings]
        return "\n".join(lines) + "\n(Đổi ở trang Thông tin hội nghị, theo từng quyết định.)"

    def current(self) -> CertificateTemplate:
        paper = self.paper.value()
        defaults = default_placements(paper)
        files = self.font_choice.value()
        return CertificateTemplate(
            paper=paper,
            font_files=() if files == bundled().files else tuple(files),
            lead=self.lead.text(),
            individual_prefix=self.prefix.text(),
            qr_url_template=self.qr_template.text(),
            show_qr=self.show_qr.isChecked(),
            # Only what differs from the default layout is kept, so layout fixes reach old templates.
            placements={n: p for n, p in self.placements.placements.items() if p != defaults.get(n)},
        )

    def designer(self):
        """The mouse designer on the positions shown in the table (not yet saved)."""
        from ui.dialogs.form_designer import FormDesigner

        return FormDesigner(
            self.session, self.paper.value(), self.placements.placements, self,
            ceremony_id=self.ceremony_id, form=self._form,
        )  # fmt: skip

    def design_on_scan(self) -> None:
        dialog = self.designer()
        if dialog.exec() == dialog.DialogCode.Accepted:
            self.placements.set_placements(dialog.placements())  # saved with the template, as typed ones are
        dialog.deleteLater()

    def is_dirty(self) -> bool:
        return self.current() != self._loaded

    def save(self) -> bool:
        t = self.current()
        try:
            register(family_from_files(t.font_files))
        except FontError as exc:
            self.notice.show_notice(exc.message)
            return False
        conflicts: list[ConflictError] = []
        op = SaveTemplate(self.session.prints, self.ceremony_id, self._form, t, self._loaded)
        if not self.session.run(op, self.notice.show_notice, conflicts.append):
            return bool(conflicts) and self._save_over(conflicts[0], t)
        self._loaded = self.session.prints.template(self.ceremony_id, self._form)
        self.notice.show_notice(f"Đã lưu mẫu {self._form.label}.", "info")
        return True

    def _save_over(self, conflict: ConflictError, mine: CertificateTemplate) -> bool:
        """Another organiser saved this form meanwhile: what only one of us changed is kept
        from each; where we both changed a setting the user says whose stands."""
        theirs = conflict.theirs
        assert isinstance(theirs, CertificateTemplate)
        merged, clashes = merge_templates(self._loaded, mine, theirs)
        if clashes:
            choice = whose_to_keep(self, f"{conflict.message}\n\nCả hai cùng sửa: {', '.join(clashes)}.")
            if choice == "theirs":
                self._load(self._form)
                self.notice.show_notice(f"Đã lấy bản mẫu {self._form.label} vừa được người khác lưu.", "info")
                return False
            if choice != "mine":
                self.notice.show_notice("Thay đổi chưa được lưu; bản của bạn vẫn ở đây.")
                return False
        op = SaveTemplate(self.session.prints, self.ceremony_id, self._form, merged, theirs)
        if not self.session.run(op, self.notice.show_notice):
            return False
        self._load(self._form)
        self.notice.show_notice(
            f"Đã lưu mẫu {self._form.label}, gộp với thay đổi người khác vừa lưu trên máy chủ.", "info"
        )
        return True

    def _switch_form(self) -> None:
        if self.is_dirty() and ask(
            self, "Mẫu giấy khen", f"Lưu thay đổi của mẫu {self._form.label}?", default_yes=True
        ):
            if not self.save():
                self.form_choice.blockSignals(True)
                self.form_choice.set_value(self._form)
                self.form_choice.blockSignals(False)
                return
        self._load(self.form_choice.value())

    def _paper_changed(self) -> None:
        # Positions are millimetres on a given paper: a new paper starts from its own defaults.
        self.placements.set_placements(default_placements(self.paper.value()))

    def reject(self) -> None:
        if self.is_dirty() and ask(self, "Mẫu giấy khen", "Lưu thay đổi trước khi đóng?", default_yes=True):
            if not self.save():
                return
        super().reject()
