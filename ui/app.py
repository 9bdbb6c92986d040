"""Start-up of the window: the Qt application, the database, first-run sample, errors."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from models.errors import BookError, DamagedDatabaseError, ReadOnlyBookError
from models.repos.book import CeremonyBook
from models.sample import build_sample
from models.storage import backup, paths
from models.storage.store import Store

from .i18n import install_vietnamese
from .main_window import MainWindow
from .session import BookSession
from .widgets import ask

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


def open_book(path: Path, parent=None) -> CeremonyBook | None:
    """Open the database, offering a backup if it is damaged; None if it cannot be opened."""
    try:
        store = Store(path)
    except DamagedDatabaseError as exc:
        if not exc.backups:
            QMessageBox.critical(parent, "Tệp dữ liệu bị hỏng", exc.message)
            return None
        answer = ask(
            parent,
            "Tệp dữ liệu bị hỏng",
            f"{exc.message}\n\nKhôi phục từ bản sao lưu “{exc.backups[0].name}”? "
            "Tệp hỏng được giữ lại bên cạnh để kiểm tra.",
            default_yes=False,  # replacing a book is never what Enter does
        )
        if not answer:
            return None
        try:
            backup.restore(path, exc.backups[0])
        except BookError as failed:
            QMessageBox.critical(parent, "Chưa khôi phục được", failed.message)
            return None
        return open_book(path, parent)
    except ReadOnlyBookError as exc:
        if not exc.can_view or not ask(
            parent,
            "Tệp chỉ đọc được",
            f"{exc.message}\n\nMở để xem (và lưu bản sao ra chỗ khác) mà không thay đổi gì?",
            default_yes=True,  # looking changes nothing
        ):
            if not exc.can_view:
                QMessageBox.critical(parent, "Không mở được dữ liệu", exc.message)
            return None
        try:
            store = Store(path, read_only=True)
        except BookError as failed:
            QMessageBox.critical(parent, "Không mở được dữ liệu", failed.message)
            return None
    except BookError as exc:
        QMessageBox.critical(parent, "Không mở được dữ liệu", exc.message)
        return None
    for warning in store.warnings:
        after = "Sổ mở để xem." if store.read_only else "Dữ liệu vẫn mở và làm việc bình thường."
        QMessageBox.warning(parent, "Vinh Danh", f"{warning}\n{after}")
    return CeremonyBook(store)


def offer_sample(book: CeremonyBook, parent=None) -> None:
    answer = ask(
        parent,
        "Dữ liệu mới",
        "Chưa có hội nghị nào. Tạo dữ liệu mẫu từ các hội nghị thực tế "
        "(Long Biên 2021, 2022 và Hải Phòng 2022) để xem thử?",
        default_yes=True,
    )
    if answer:
        build_sample(book)


def run(db_path: Path | None) -> int:
    QApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Vinh Danh")
    app.setOrganizationName("VinhDanh")
    install_vietnamese(app)
    sys.excepthook = _report_unexpected

    path = Path(db_path) if db_path else paths.default_database()
    is_new = not path.exists()
    book = open_book(path)
    if book is None:
        return 1
    if is_new and not book.ceremonies():
        offer_sample(book)
    session = BookSession(book)
    session.settings.add_recent_book(path)
    window = MainWindow(session)
    window.show()
    try:
        return app.exec()
    finally:
        book.store.close()
