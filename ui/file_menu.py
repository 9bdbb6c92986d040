"""The window's Tệp menu: other books, copies and backups, lists in and out of the book.

Kept apart from the window so that the window only lays out pages; what each entry does
needs nothing of the window but a parent, its status bar and the ceremony chosen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

from models.exports.csv_export import export_csv
from models.storage.backup import backup_dir
from models.storage.store import Store
from ui.dialogs.file_dialogs import ask_open, ask_save
from ui.session import BookSession

ANNEX_XLSX = "Bảng tính Excel (*.xlsx)"
ANNEX_PDF = "Bản in PDF (*.pdf)"
ANNEX_DOCX = "Tệp Word để sửa tiếp (*.docx)"


class FileMenu:
    def __init__(
        self,
        window: QMainWindow,
        session: BookSession,
        ceremony_id: Callable[[], int | None],
        open_other_book: Callable[[Path | None], None],
    ):
        self.window, self.session, self._ceremony_id = window, session, ceremony_id
        menu = window.menuBar().addMenu("&Tệp")
        self.recent_menu = QMenu("Tệp &gần đây", window)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._open_other_book = open_other_book
        self.import_action = self._action("&Nhập danh sách từ bảng tính…", self.import_list, "Ctrl+I")
        save_copy = self._action("Lưu &bản sao…", self.save_copy)
        save_copy.setToolTip("Một bản đầy đủ của tệp dữ liệu, để mang sang máy ở hội trường")
        menu.addAction(self._action("&Mở tệp dữ liệu…", lambda: open_other_book(None), "Ctrl+O"))
        menu.addMenu(self.recent_menu)
        menu.addAction(save_copy)
        menu.addSeparator()
        menu.addAction(self.import_action)
        menu.addSeparator()
        menu.addAction(self._action("Xuất danh sách &kèm theo quyết định (.xlsx, .pdf)…", self.export_annex))
        menu.addAction(self._action("&Số liệu cho bài viết…", self.show_stats))
        menu.addAction(self._action("Ghi bảng &tính mẫu để phường điền…", self.export_template))
        menu.addAction(self._action("&Xuất danh sách ra CSV…", self.export_csv))
        menu.addSeparator()
        menu.addAction(self._action("Sao &lưu ngay", self.backup_now))
        menu.addAction(self._action("Mở thư mục sa&o lưu", self.open_backups_folder))
        menu.addSeparator()
        menu.addAction(self._action("T&hoát", window.close, "Ctrl+Q"))

    def _action(self, label: str, run: Callable[[], object], shortcut: str = "") -> QAction:
        action = QAction(label, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: run())
        return action

    def _say(self, message: str, ms: int = 8000) -> None:
        self.window.statusBar().showMessage(message, ms)

    def _chosen(self, missing: str) -> int | None:
        ceremony_id = self._ceremony_id()
        if ceremony_id is None:
            self.session.failed.emit(missing)
        return ceremony_id

    # --- other books and copies ---------------------------------------------------------

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        current = Path(self.session.book.store.location).resolve()
        books = [p for p in self.session.settings.recent_books() if p.resolve() != current]
        for n, path in enumerate(books, 1):
            shown = f"{path.name} – {path.parent}".replace("&", "&&")
            action = self.recent_menu.addAction(f"&{n} {shown}")
            action.triggered.connect(lambda _checked=False, p=path: self._open_other_book(p))
            action.setEnabled(path.exists())
        if not books:
            self.recent_menu.addAction("(chưa có)").setEnabled(False)

    def _on_server(self) -> bool:
        if isinstance(self.session.book.store, Store):
            return False
        self._say("Sổ này nằm trên máy chủ: máy chủ giữ dữ liệu và các bản sao lưu của nó.", 8000)
        return True

    def save_copy(self) -> None:
        store = self.session.book.store
        if not isinstance(store, Store):
            self._copy_from_server(store)
            return
        path, _ = ask_save(
            self.window,
            self.session.settings,
            "Lưu bản sao tệp dữ liệu",
            f"{store.path.stem}-ban-sao.sqlite",
            "Tệp dữ liệu Vinh Danh (*.sqlite)",
        )
        if path is None:
            return
        if path.suffix.lower() != ".sqlite":
            path = path.with_name(path.name + ".sqlite")
        saved = self.session.attempt(lambda: store.save_copy(path))
        if saved is not None:
            self._say(f"Đã lưu bản sao vào “{saved}”. Mở bản đó bằng Tệp › Mở tệp dữ liệu….", 10000)

    def _copy_from_server(self, store) -> None:
        """The whole server book into one file, for the hall's laptop (no network needed)."""
        from models.server.hall import export_to_file

        path, _ = ask_save(
            self.window,
            self.session.settings,
            "Chép sổ từ máy chủ ra tệp (cho máy ở hội trường)",
            "so-hoi-truong.sqlite",
            "Tệp dữ liệu Vinh Danh (*.sqlite)",
        )
        if path is None:
            return
        if path.suffix.lower() != ".sqlite":
            path = path.with_name(path.name + ".sqlite")
        counts = self.session.attempt(lambda: export_to_file(store, path))
        if counts is not None:
            self._say(f"Đã chép sổ ra “{path}” ({counts['awardee']} tập thể, cá nhân). Mở tệp này ở hội trường.", 10000)

    def backup_now(self) -> None:
        if self._on_server():
            return
        if self.session.book.store.read_only:
            self._say("Sổ đang mở chỉ để xem: không có thay đổi nào cần sao lưu.")
            return
        saved = self.session.attempt(lambda: self.session.book.store.backup_now("thu-cong"))
        if saved is not None:
            self._say(f"Đã sao lưu vào “{saved}”.")

    def open_backups_folder(self) -> None:
        store = self.session.book.store
        if not isinstance(store, Store):
            self._on_server()
            return
        folder = backup_dir(store.path)
        folder.mkdir(parents=True, exist_ok=True)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            QMessageBox.information(self.window, "Thư mục sao lưu", f"Các bản sao lưu nằm ở:\n{folder}")

    # --- lists in and out ---------------------------------------------------------------

    def import_list(self, path: str | Path | None = None) -> None:
        from ui.dialogs.import_dialog import FILE_FILTER, ImportDialog, open_workbook

        ceremony_id = self._chosen("Hãy tạo hoặc chọn một hội nghị trước khi nhập danh sách.")
        if ceremony_id is None:
            return
        if not path:
            path = ask_open(self.window, self.session.settings, "Nhập danh sách từ bảng tính", FILE_FILTER)
        if not path:
            return
        workbook = open_workbook(Path(path), self.window)
        if workbook is not None:
            dialog = ImportDialog(self.session, workbook, ceremony_id, self.window)
            dialog.imported.connect(lambda summary: self._say(summary, 10000))
            dialog.exec()

    def export_csv(self) -> None:
        path, _ = ask_save(
            self.window, self.session.settings, "Xuất danh sách ra CSV", "danh-sach-khen-thuong.csv", "Tệp CSV (*.csv)"
        )
        if path is None:
            return
        count = self.session.attempt(lambda: export_csv(self.session.book, path))
        if count is not None:
            self._say(f"Đã xuất {count} dòng ra “{path}”.")

    def export_annex(self) -> None:
        ceremony_id = self._chosen("Hãy tạo hoặc chọn một hội nghị trước khi xuất danh sách kèm theo quyết định.")
        if ceremony_id is None:
            return
        out, chosen = ask_save(
            self.window,
            self.session.settings,
            "Danh sách kèm theo quyết định",
            "danh-sach-kem-theo-quyet-dinh.xlsx",
            f"{ANNEX_XLSX};;{ANNEX_PDF};;{ANNEX_DOCX}",
        )
        if out is None:
            return
        if out.suffix.lower() not in (".xlsx", ".pdf", ".docx"):
            out = out.with_suffix({ANNEX_PDF: ".pdf", ANNEX_DOCX: ".docx"}.get(chosen, ".xlsx"))
        from certificates.documents.annex_export import write_annex_file

        message = self.session.attempt(lambda: write_annex_file(self.session.book, ceremony_id, out))
        if message is not None:
            self._say(message, 10000)

    def show_stats(self) -> None:
        from models.reports.stats import ceremony_stats
        from ui.dialogs.stats_dialog import StatsDialog

        ceremony_id = self._chosen("Hãy tạo hoặc chọn một hội nghị để xem số liệu.")
        if ceremony_id is None:
            return
        stats = self.session.attempt(lambda: ceremony_stats(self.session.book, ceremony_id))
        if stats is not None:
            StatsDialog(stats, self.window).exec()

    def export_template(self) -> None:
        from models.exports.xlsx_template import write_template

        path, _ = ask_save(
            self.window,
            self.session.settings,
            "Bảng tính mẫu cho phường",
            "mau-danh-sach-khen-thuong.xlsx",
            "Excel (*.xlsx)",
        )
        if path and self.session.succeeds(lambda: write_template(path, self.session.book.fields())):
            self._say(f"Đã ghi bảng tính mẫu “{path}”.")
