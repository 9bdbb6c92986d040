"""Small dialogs of the award order page: who hands over, and the MC's own wording."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.domain import text


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Lưu")
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class LeaderDialog(QDialog):
    """Name and role of the leader who hands over the chosen batches."""

    def __init__(self, known: list[tuple[str, str]], current: tuple[str, str], batches: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Lãnh đạo trao")
        self._known = dict(known)
        self.name = QComboBox()
        self.name.setEditable(True)
        self.name.addItems(list(self._known))
        self.name.setCurrentText(current[0])
        edit = self.name.lineEdit()
        if edit is not None:  # an editable combo box has one
            edit.setPlaceholderText("VD: Lê Khắc Nam")
        self.role = QLineEdit(current[1])
        self.role.setPlaceholderText("VD: Phó Chủ tịch UBND thành phố")
        self.name.currentTextChanged.connect(self._known_role)
        self.name.setMinimumWidth(380)
        form = QFormLayout(self)
        about = QLabel(f"Lãnh đạo trao cho {batches}. MC sẽ đọc: “Trân trọng kính mời đồng chí [họ tên], [chức vụ]”.")
        about.setWordWrap(True)
        form.addRow(about)
        form.addRow("&Họ và tên:", self.name)
        form.addRow("&Chức vụ:", self.role)
        form.addRow(_buttons(self))

    def _known_role(self, name: str) -> None:
        if name in self._known:
            self.role.setText(self._known[name])

    def value(self) -> tuple[str, str]:
        return text.clean(self.name.currentText()), text.clean(self.role.text())


class WordingDialog(QDialog):
    """Edit a passage of the script; "Dùng lời mặc định" goes back to the generated one."""

    def __init__(self, title: str, hint: str, value: str, default: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.default = default
        self.edit = QPlainTextEdit(value or default)
        self.edit.setMinimumSize(620, 220)
        reset = QPushButton("Dùng lời &mặc định")
        reset.clicked.connect(lambda: self.edit.setPlainText(default))
        hint_label = QLabel(hint)
        hint_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label)
        layout.addWidget(self.edit, 1)
        layout.addWidget(reset)
        layout.addWidget(_buttons(self))

    def value(self) -> str:
        """The text to store; empty when it is the default, so it keeps following the data."""
        typed = text.clean_multiline(self.edit.toPlainText())
        return "" if typed == text.clean_multiline(self.default) else typed
