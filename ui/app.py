"""Start-up of the window: the Qt application, the database, first-run sample, errors."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from models.errors import BookError
from models.storage import paths
from models.storage.pg_store import PgStore, is_server_url
from ui.book_opening import offer_sample, open_book, open_server_book
from ui.collector import MainThreadCollector
from ui.i18n import install_vietnamese
from ui.main_window import MainWindow
from ui.session import BookSession
from ui.workers.server_feed import ServerFeed

log = logging.getLogger(__name__)


def _report_unexpected(exc_type, exc, tb) -> None:
    """No traceback reaches the user: log it, say it plainly in Vietnamese."""
    log.error("unexpected error:\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
    if issubclass(exc_type, BookError):
        QMessageBox.warning(None, "Vinh Danh", exc.message)
        return
    log_file = paths.data_dir() / "vinhdanh.log"
    QMessageBox.critical(
        None,
        "Vinh Danh – lỗi không mong đợi",
        "Đã xảy ra lỗi không mong đợi; thao tác vừa rồi có thể chưa hoàn tất.\n"
        "Những gì đã lưu trước đó vẫn an toàn.\n\n"
        f"Chi tiết kỹ thuật đã ghi vào: {log_file}",
    )


def run(db_path: Path | str | None) -> int:
    QApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Vinh Danh")
    app.setOrganizationName("VinhDanh")
    install_vietnamese(app)
    sys.excepthook = _report_unexpected
    MainThreadCollector(app)  # no garbage collection in the drawing and reading threads

    if isinstance(db_path, str) and is_server_url(db_path):
        book = open_server_book(db_path)
        if book is None:
            return 1
        session = BookSession(book)
        assert isinstance(book.store, PgStore)
        feed: ServerFeed | None = ServerFeed(session, book.store)  # other clerks' changes, as they come
    else:
        path = Path(db_path) if db_path else paths.default_database()
        is_new = not path.exists()
        book = open_book(path)
        if book is None:
            return 1
        if is_new and not book.ceremonies():
            offer_sample(book)
        session = BookSession(book)
        session.settings.add_recent_book(path)
        feed = None
    window = MainWindow(session)
    window.show()
    try:
        return app.exec()
    finally:
        if feed is not None:
            feed.stop()
        book.store.close()
