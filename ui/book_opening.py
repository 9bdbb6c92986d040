"""Opening a ceremony book from the window: a damaged book offers its newest sound backup
(never by default), a book that cannot be written opens to look at, a new book offers the sample."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QMessageBox

from models.errors import BookError, DamagedDatabaseError, ReadOnlyBookError
from models.repos.book import CeremonyBook
from models.sample import build_sample
from models.storage import backup
from models.storage.pg_store import shown
from models.storage.store import Store
from ui.widgets import ask


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


def open_server_book(url: str, parent=None) -> CeremonyBook | None:
    """Open a book on a server, with the password the clerk asked this computer to remember
    or, when the server wants one, a password asked for now (held in memory only unless
    they tick "remember"); None if it cannot be opened."""
    from models.storage.pg_store import LoginError, PgStore
    from ui.dialogs import server_login

    key = url  # the address as given: it never holds the password
    password = server_login.remembered(key)
    problem, keep = "", False
    for _ in range(4):
        try:
            book = CeremonyBook(PgStore(url, password=password))
        except LoginError as exc:
            if password is not None and password == server_login.remembered(key):
                server_login.forget(key)  # the server no longer takes the one kept here
            dialog = server_login.LoginDialog(shown(url), problem, parent)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            password, problem = dialog.password.text(), exc.message
            keep = dialog.keep.isChecked()
            continue
        except BookError as exc:
            QMessageBox.critical(parent, "Không mở được sổ trên máy chủ", exc.message)
            return None
        if password is not None and keep:
            server_login.remember(key, password)
        return book
    QMessageBox.critical(parent, "Không mở được sổ trên máy chủ", "Sai mật khẩu nhiều lần; hãy hỏi người quản trị.")
    return None
