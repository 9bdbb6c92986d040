"""The MC script beside the award order: what the MC will read, built from the order as it
stands; the opening and closing words, and the script out to PDF or text."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from models.domain.award_order import AwardOrder, Entries
from models.domain.records import Ceremony, Decision
from models.domain.script import Script, build_script, default_closing, default_opening
from models.errors import BookError
from models.reports.mc_script import write_script_text
from ui.dialogs.file_dialogs import ask_save
from ui.dialogs.order_dialogs import WordingDialog
from ui.session import BookSession

# How the pane asks for an order edit: label, the change made to a copy of the order.
Change = Callable[[str, Callable[[AwardOrder], object]], bool]


class ScriptPane(QWidget):
    def __init__(self, session: BookSession, change: Change, parent=None):
        super().__init__(parent)
        self.session, self._change = session, change
        self._shown: tuple[Ceremony, AwardOrder, Entries, list[Decision]] | None = None
        self._script: Script | None = None
        self.view = QPlainTextEdit()
        self.view.setReadOnly(True)
        font = QFont(self.view.font())
        font.setPointSizeF(font.pointSizeF() + 1)
        self.view.setFont(font)
        self.opening_button = QPushButton("Lời mở đầ&u…")
        self.closing_button = QPushButton("Lời &kết…")
        self.export_button = QPushButton("&Xuất kịch bản…")
        self.start_button = QPushButton("▶ &Bắt đầu lễ trao (F5)")
        self.start_button.setStyleSheet("font-weight:bold; padding:4px 12px;")
        buttons = QHBoxLayout()
        for w in (self.opening_button, self.closing_button, self.export_button):
            buttons.addWidget(w)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>Kịch bản MC</b>"))
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.start_button)
        self.opening_button.clicked.connect(lambda: self.edit_wording("opening"))
        self.closing_button.clicked.connect(lambda: self.edit_wording("closing"))
        self.export_button.clicked.connect(self.export_script)

    def show_order(self, ceremony_id: int, order: AwardOrder, entries: Entries) -> None:
        book = self.session.book
        self._shown = (book.ceremony(ceremony_id), order, entries, book.decisions(ceremony_id))
        self._script = build_script(*self._shown)
        self.view.setPlainText(self._script.as_text())

    def clear(self) -> None:
        self._shown, self._script = None, None
        self.view.clear()

    def edit_wording(self, part: str) -> None:
        if self._shown is None:
            return
        _, order, entries, decision_list = self._shown
        ordered = [entries.by_ref[r] for r in order.refs() if r in entries.by_ref]
        if part == "opening":
            decisions: dict[int | None, Decision] = {d.id: d for d in decision_list}
            title, default = "Lời mở đầu – công bố quyết định", default_opening(ordered, decisions)
        else:
            title, default = "Lời kết", default_closing(ordered)
        dialog = WordingDialog(title, "MC đọc đoạn này trước đợt trao đầu tiên / sau đợt cuối.", "", default, self)
        dialog.edit.setPlainText(getattr(order, part) or default)
        if dialog.exec() == WordingDialog.DialogCode.Accepted:
            value = dialog.value()
            self._change(title, lambda o: setattr(o, part, value))

    def export_script(self) -> None:
        script = self._script
        if script is None or not script.batches:
            return
        out, chosen = ask_save(
            self,
            self.session.settings,
            "Xuất kịch bản MC",
            "kich-ban-trao-khen-thuong.pdf",
            "Tệp PDF (*.pdf);;Tệp Word (*.docx);;Văn bản (*.txt)",
        )
        if out is None:
            return
        if out.suffix.lower() not in (".pdf", ".txt", ".docx"):
            out = out.with_suffix(".txt" if "txt" in chosen else ".docx" if "docx" in chosen else ".pdf")
        try:
            if out.suffix.lower() == ".pdf":
                from certificates.documents.script_pdf import write_script_pdf

                write_script_pdf(script, out)
            elif out.suffix.lower() == ".docx":
                from models.exports.docx_script import write_script_docx

                write_script_docx(script, out)
            else:
                write_script_text(script, out)
        except BookError as exc:
            self.session.failed.emit(exc.message)
        except OSError as exc:
            self.session.failed.emit(f"Không ghi được kịch bản vào “{out}”: {exc.strerror or exc}.")
        else:
            self.session.message.emit(f"Đã xuất kịch bản ra “{out}”.")
