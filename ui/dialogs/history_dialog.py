"""Tra cứu quá trình khen thưởng: everyone whose name holds what is typed (with or without
diacritics), each with what they received by year across every ceremony of the book; the
office's period for the same-form warning; the register book written to .xlsx or PDF."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from models.errors import BookError, os_error_text
from models.reports import history
from ui.dialogs.file_dialogs import ask_save
from ui.widgets import NoticeLabel

COLUMNS = ["Tên / năm", "Hình thức", "Quyết định", "Số vào sổ", "Hội nghị"]
MAX_SHOWN = 200  # receivers listed; a longer list asks for more letters
MIN_LETTERS = 4


class HistoryDialog(QDialog):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Tra cứu quá trình khen thưởng")
        self.resize(1100, 600)
        self.query = QLineEdit()
        self.query.setPlaceholderText("Gõ tên hoặc một phần tên, có dấu hay không dấu: VD “nguyen thi thuy dung”")
        self.query.setClearButtonEnabled(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(COLUMNS)
        for column, width in enumerate((260, 150, 330, 110)):
            self.tree.setColumnWidth(column, width)
        self.summary = QLabel()
        self.years = QSpinBox()
        self.years.setRange(1, 50)
        self.years.setValue(session.settings.repeat_years())
        self.years.setSuffix(" năm")
        self.years.setToolTip("1 năm: cảnh báo khi cùng một người, tập thể nhận cùng hình thức trong cùng năm.")
        register = QPushButton("Xuất &sổ theo dõi cấp giấy khen…")
        self.notice = NoticeLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)

        top = QHBoxLayout()
        label = QLabel("&Tên:")
        label.setBuddy(self.query)
        top.addWidget(label)
        top.addWidget(self.query, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel("Cảnh báo khi cùng hình thức trong vòng"))
        bottom.addWidget(self.years)
        bottom.addStretch(1)
        bottom.addWidget(register)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.notice)
        layout.addWidget(buttons)

        self._timer = QTimer(self, singleShot=True, interval=200)
        self._timer.timeout.connect(self.search)
        self.query.textChanged.connect(self._timer.start)
        self.years.valueChanged.connect(session.settings.set_repeat_years)
        register.clicked.connect(self.export_register)
        buttons.rejected.connect(self.reject)
        self.summary.setText("Gõ tên để tra cứu trong mọi hội nghị của sổ.")

    def search(self) -> None:
        self.tree.clear()
        typed = self.query.text()
        if len(typed.strip()) < MIN_LETTERS:  # "ng" would list half a district (0.4 s at 50,000)
            self.summary.setText(f"Gõ ít nhất {MIN_LETTERS} chữ cái.")
            return
        found = self.session.attempt(lambda: history.search(self.session.history, typed))
        if found is None:
            return
        for receiver in found[:MAX_SHOWN]:
            units = f" – {'; '.join(receiver.units)}" if receiver.units else ""
            top = QTreeWidgetItem([receiver.name + units, receiver.kind.label, "", "", f"{len(receiver.awards)} lần"])
            top.setToolTip(0, receiver.name + units)
            for row in receiver.awards:
                QTreeWidgetItem(
                    top,
                    [
                        str(row.year or "—"),
                        history.award_label(row),
                        history.decision_label(row),
                        row.register_no,
                        row.ceremony,
                    ],
                )
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)
        more = f" (hiện {MAX_SHOWN} người đầu; gõ thêm để thu hẹp)" if len(found) > MAX_SHOWN else ""
        self.summary.setText(f"{len(found)} tập thể, cá nhân có tên chứa “{typed.strip()}”{more}.")

    def export_register(self) -> None:
        path, _ = ask_save(
            self, self.session.settings, "Xuất sổ theo dõi cấp giấy khen", "so-theo-doi.xlsx",
            "Bảng tính Excel (*.xlsx);;Tệp PDF (*.pdf)",
        )  # fmt: skip
        if path is None:
            return
        if path.suffix.lower() not in (".xlsx", ".pdf"):
            path = path.with_suffix(".xlsx")
        try:
            rows = self.session.history.register()
            if path.suffix.lower() == ".pdf":
                from certificates.documents.register_pdf import write_register_pdf

                write_register_pdf(rows, path)
            else:
                from models.exports.xlsx_register import write_register_xlsx

                write_register_xlsx(rows, path)
        except BookError as exc:
            self.notice.show_notice(exc.message)
            return
        except OSError as exc:
            self.notice.show_notice(f"Không ghi được “{path}”: {os_error_text(exc)}.")
            return
        self.notice.show_notice(f"Đã ghi {len(rows)} số vào sổ vào “{path}”.", "info")
