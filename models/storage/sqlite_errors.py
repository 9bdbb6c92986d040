"""SQLite's failures said in Vietnamese: what happened and what the user can do."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from models.errors import FileInUseError, StorageError

_HINTS = {
    "SQLITE_FULL": "ổ đĩa đã đầy; hãy xóa bớt tệp (hoặc dọn thùng rác) rồi làm lại",
    "SQLITE_READONLY": "tệp dữ liệu chỉ cho phép đọc (thư mục hoặc tệp bị khóa ghi, hay ổ USB bị khóa)",
    "SQLITE_IOERR": "ổ đĩa báo lỗi đọc/ghi (ổ mạng mất kết nối, USB bị rút, hoặc ổ đầy)",
    "SQLITE_CANTOPEN": "không mở được tệp (thư mục không còn, hoặc không có quyền)",
    "SQLITE_PERM": "không có quyền ghi tệp",
    "SQLITE_CORRUPT": "tệp dữ liệu bị hỏng; hãy đóng ứng dụng và mở lại để khôi phục từ bản sao lưu",
    "SQLITE_NOTADB": "tệp dữ liệu bị hỏng; hãy đóng ứng dụng và mở lại để khôi phục từ bản sao lưu",
    "SQLITE_NOMEM": "máy không đủ bộ nhớ; hãy đóng bớt chương trình khác",
}


# Failures of the machine, not of our SQL: they become a message, everything else is a bug.
_ENVIRONMENT = {"SQLITE_FULL", "SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_READONLY", "SQLITE_IOERR", "SQLITE_CANTOPEN"}
_ENVIRONMENT |= {"SQLITE_PERM", "SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_NOMEM"}


_DAMAGED = {"SQLITE_CORRUPT", "SQLITE_NOTADB"}


def _base_name(exc: BaseException) -> str:
    # Extended codes such as SQLITE_IOERR_WRITE share the primary code's first two words.
    return "_".join(getattr(exc, "sqlite_errorname", "").split("_")[:2])


def is_busy(exc: sqlite3.Error) -> bool:
    return _base_name(exc) in ("SQLITE_BUSY", "SQLITE_LOCKED")


def is_environmental(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.Error) and _base_name(exc) in _ENVIRONMENT


def in_use(path: Path) -> FileInUseError:
    return FileInUseError(
        f"Tệp dữ liệu “{path}” đang được mở trong một cửa sổ Vinh Danh khác (trên máy này hoặc "
        "máy khác dùng chung thư mục). Hãy dùng cửa sổ đó, hoặc đóng nó rồi mở lại; "
        "tệp không bị thay đổi."
    )


def storage_error(exc: sqlite3.Error | OSError, doing: str, path: Path, *, saved_is_safe: bool = True) -> StorageError:
    """The BookError for a failed read or write; `doing` says what was not done."""
    if isinstance(exc, sqlite3.Error) and is_busy(exc):
        return in_use(path)
    name = _base_name(exc)
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        name = "SQLITE_FULL"
    hint = _HINTS.get(name, f"lỗi “{exc}”")
    # Of a damaged file nothing can be promised; the restore from a backup says what is kept.
    tail = " Những gì đã lưu trước đó vẫn an toàn." if saved_is_safe and name not in _DAMAGED else ""
    return StorageError(f"{doing}: {hint}.{tail}")
