"""The clerk's main window: ceremony chooser, three pages, menus and status bar."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.domain import text
from models.domain.changes import Kind
from models.domain.records import Ceremony
from models.ops.entities import DeleteCeremony, SaveRecord
from models.version import VERSION
from ui.book_opening import open_book
from ui.dialogs.file_dialogs import ask_open
from ui.file_menu import FileMenu
from ui.pages.awardee_page import AwardeePage
from ui.pages.ceremony_page import CeremonyPage
from ui.pages.order_page import OrderPage
from ui.pages.print_page import PrintPage
from ui.pages.prize_page import PrizePage
from ui.session import BookSession
from ui.widgets import ChoiceCombo, ScrollingTabs, ask, fit_to_screen

BACKUP_EVERY_MS = 30 * 60 * 1000


class MainWindow(QMainWindow):
    def __init__(self, session: BookSession, parent=None):
        super().__init__(parent)
        self.session = session
        looking = session.book.store.read_only
        self.setWindowTitle(f"Vinh Danh – {session.book.store.label}" + (" (chỉ xem)" if looking else ""))
        fit_to_screen(self, 1320, 680)

        self.ceremony_choice = ChoiceCombo()
        self.ceremony_choice.setSizeAdjustPolicy(ChoiceCombo.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.ceremony_choice.setMinimumContentsLength(40)
        add = QPushButton("Thêm hội nghị…")
        remove = QPushButton("Xóa hội nghị")
        top = QHBoxLayout()
        label = QLabel("&Hội nghị:")
        label.setBuddy(self.ceremony_choice)
        label.setStyleSheet("font-weight:bold;")
        top.addWidget(label)
        top.addWidget(self.ceremony_choice, 1)
        top.addWidget(add)
        top.addWidget(remove)

        self.awardees = AwardeePage(session)
        self.prizes = PrizePage(session)
        self.details = CeremonyPage(session)
        self.printing = PrintPage(session)
        self.order = OrderPage(session)
        self.tabs = ScrollingTabs()
        self.tabs.add_page(self.awardees, "&1 Tập thể, cá nhân")
        self.tabs.add_page(self.prizes, "&2 Giải cuộc thi")
        self.tabs.add_page(self.details, "&3 Thông tin hội nghị")
        self.tabs.add_page(self.order, "&4 Thứ tự trao")
        self.tabs.add_page(self.printing, "&5 In giấy khen")

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.count_label = QLabel()
        self._counts: dict[QWidget, str] = {}
        self.statusBar().addPermanentWidget(self.count_label)
        if looking:
            # Always in sight: a clerk who types into a book open only to look must know why
            # nothing is kept before typing a page of names.
            banner = QLabel("CHỈ XEM – không lưu được thay đổi (Tệp › Lưu bản sao… để có bản ghi được)")
            banner.setStyleSheet("background:#fff3cd; color:#664d03; font-weight:bold; padding:2px 8px;")
            self.statusBar().addPermanentWidget(banner)

        self._build_menus()
        add.clicked.connect(self.add_ceremony)
        remove.clicked.connect(self.delete_ceremony)
        self.ceremony_choice.currentIndexChanged.connect(self._ceremony_chosen)
        self.tabs.currentChanged.connect(self._update_count)
        self.awardees.count_changed.connect(self._show_count(self.awardees))
        self.prizes.count_changed.connect(self._show_count(self.prizes))
        self.printing.count_changed.connect(self._show_count(self.printing))
        self.order.count_changed.connect(self._show_count(self.order))
        self.printing.open_templates.connect(self.edit_templates)
        self.printing.open_calibration.connect(self.calibrate_printer)
        session.changed.connect(lambda changes: self._reload_ceremonies() if changes.touches(Kind.CEREMONY) else None)
        session.message.connect(lambda m: self.statusBar().showMessage(m, 6000))
        session.failed.connect(self.show_error)

        self._backup_timer = QTimer(self, interval=BACKUP_EVERY_MS)
        self._backup_timer.timeout.connect(self._scheduled_backup)
        self._backup_timer.start()
        self._reload_ceremonies()

    def _build_menus(self) -> None:
        self.files = FileMenu(self, self.session, self.current_ceremony_id, self.open_other_book)

        edit_menu = self.menuBar().addMenu("&Sửa")
        self.undo_action = self.session.undo_stack.createUndoAction(self, "Hoàn tác")
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo_action = self.session.undo_stack.createRedoAction(self, "Làm lại")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self.bulk_action = QAction("&Sửa nhiều dòng đã chọn…", self, shortcut=QKeySequence("Ctrl+E"))
        self.bulk_action.triggered.connect(self._edit_selected)
        edit_menu.addAction(self.bulk_action)
        self.addActions([self.undo_action, self.redo_action, self.bulk_action])

        look_up = self.menuBar().addMenu("Tra &cứu")
        self.history_action = QAction("&Quá trình khen thưởng…", self, shortcut=QKeySequence("Ctrl+Shift+F"))
        self.history_action.setToolTip("Ai đã nhận gì qua các hội nghị, các năm; sổ theo dõi cấp giấy khen")
        self.history_action.triggered.connect(self.look_up_history)
        look_up.addAction(self.history_action)
        self.addAction(self.history_action)

        help_menu = self.menuBar().addMenu("Trợ &giúp")
        guide = QAction("&Hướng dẫn nhanh", self, shortcut=QKeySequence("F1"))
        guide.triggered.connect(self.show_help)
        about = QAction("&Giới thiệu Vinh Danh", self)
        about.triggered.connect(self._about)
        help_menu.addAction(guide)
        help_menu.addAction(about)
        self.addAction(guide)

    def look_up_history(self) -> None:
        from ui.dialogs.history_dialog import HistoryDialog

        dialog = HistoryDialog(self.session, self)
        dialog.exec()
        dialog.deleteLater()

    def _edit_selected(self) -> None:
        self.tabs.setCurrentWidget(self.awardees)
        self.awardees.edit_selected()

    # --- ceremonies ---------------------------------------------------------------------

    def current_ceremony_id(self) -> int | None:
        return self.ceremony_choice.value()

    def _reload_ceremonies(self, select: int | None = None) -> None:
        current = select if select is not None else self.current_ceremony_id()
        ceremonies = self.session.book.ceremonies()
        self.ceremony_choice.blockSignals(True)
        self.ceremony_choice.set_choices([(self._ceremony_label(c), c.id) for c in ceremonies])
        self.ceremony_choice.set_value(current)
        self.ceremony_choice.blockSignals(False)
        if self.current_ceremony_id() != getattr(self, "_shown", object()):
            self._ceremony_chosen()

    @staticmethod
    def _ceremony_label(c: Ceremony) -> str:
        when = text.short_date(c.held_on) if c.held_on else "chưa có ngày"
        place = f"{c.place}, " if c.place else ""
        return f"{place}{when} – {c.title}"

    def _ceremony_chosen(self) -> None:
        ceremony_id = self.current_ceremony_id()
        self._shown = ceremony_id
        for page in (self.awardees, self.prizes, self.details, self.order, self.printing):
            page.set_ceremony(ceremony_id)
        self._update_count()

    def add_ceremony(self) -> None:
        title, ok = QInputDialog.getText(self, "Thêm hội nghị", "Tên hội nghị / lễ trao:")
        if not ok or not text.clean(title):
            return
        op = SaveRecord.ceremony(self.session.book, Ceremony(title=title, held_on=dt.date.today()))
        if self.session.run(op):
            self._reload_ceremonies(select=op.after.id)
            self.tabs.setCurrentWidget(self.details)
            self.details.place.setFocus()

    def delete_ceremony(self) -> None:
        ceremony_id = self.current_ceremony_id()
        if ceremony_id is None:
            return
        c = self.session.book.ceremony(ceremony_id)
        count = len(self.session.book.awardees(ceremony_id))
        answer = ask(
            self,
            "Xóa hội nghị",
            f"Xóa hội nghị “{c.title}” cùng {count} tập thể, cá nhân, các quyết định và cuộc thi của nó?\n\n"
            "Việc này không hoàn tác được; một bản sao lưu sẽ được tạo trước khi xóa.",
            warning=True,
        )
        if not answer:
            return
        self.session.run(DeleteCeremony(self.session.book, ceremony_id))
        self._reload_ceremonies()

    # --- status, dialogs ------------------------------------------------------------------

    def _show_count(self, page):
        def show(message: str) -> None:
            self._counts[page] = message
            self._update_count()

        return show

    def _update_count(self, *_args) -> None:
        self.count_label.setText(self._counts.get(self.tabs.currentWidget(), ""))

    def show_error(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)
        QMessageBox.warning(self, "Chưa lưu được", message)

    def edit_templates(self) -> None:
        from ui.dialogs.template_dialog import TemplateDialog

        ceremony_id = self.current_ceremony_id()
        if ceremony_id is not None:
            TemplateDialog(self.session, ceremony_id, self).exec()
            self.printing.reload()

    def calibrate_printer(self) -> None:
        from ui.dialogs.calibration_dialog import CalibrationDialog

        CalibrationDialog(self.session, self).exec()

    def _scheduled_backup(self) -> None:
        self.session.attempt(lambda: self.session.book.store.backup_now("dinh-ky"))

    def _about(self) -> None:
        QMessageBox.about(
            self,
            "Giới thiệu Vinh Danh",
            f"<b>Vinh Danh {VERSION}</b><br>Quản lý khen thưởng phong trào “Dân vận khéo”: nhập danh sách, "
            "in giấy khen, điều hành lễ trao.<br><br>Dữ liệu: " + html.escape(self.session.book.store.location),
        )

    def show_help(self) -> None:
        from ui.dialogs.help_dialog import HelpDialog

        HelpDialog(self).exec()

    # --- other books --------------------------------------------------------------------

    def open_other_book(self, path: Path | None = None) -> None:
        """Open another book in a window of its own; this one closes and lets go of its file."""
        if path is None:
            path = ask_open(self, self.session.settings, "Mở tệp dữ liệu", "Tệp dữ liệu Vinh Danh (*.sqlite)")
        if path is None:
            return
        if path.resolve() == Path(self.session.book.store.location).resolve():
            self.statusBar().showMessage(f"“{path.name}” đang mở trong cửa sổ này.", 6000)
            return
        book = open_book(path, self)
        if book is None:
            return
        self.session.settings.add_recent_book(path)
        self.successor = MainWindow(BookSession(book, self.session.settings))
        self.successor.show()
        self.close()

    def closeEvent(self, event) -> None:
        # Edits are already committed; leaving a field commits the one being typed.
        focused = self.focusWidget()
        if focused is not None:
            focused.clearFocus()
        super().closeEvent(event)
        if event.isAccepted():
            self._backup_timer.stop()
            self.session.book.store.close()  # lets go of the file: another window may open it
