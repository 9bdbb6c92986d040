"""A leftover WAL is replayed only into the file it was written for.

When a window is killed, the book's last commits stay in NAME.sqlite-wal, and SQLite
replays them into whatever file is at NAME.sqlite the next time it is opened. If that file
was replaced meanwhile (an older copy put back by hand, a file synchronised from another
laptop), the pages of one book are written into another: damaged at best, and at worst a
silent mix of two states of the same book, with names that were never entered together.

SQLite cannot tell: a WAL names no database. So the app keeps, in its lock file, a digest
of the book file as it was when its WAL last started empty. The WAL only ever holds
changes to that content; a WAL found beside a file with another digest belongs elsewhere,
and is set aside (kept, never replayed, the user told). While the app checkpoints, the
note says "pending": a kill there leaves a half-copied file that matches nothing, and the
WAL is then trusted, as SQLite alone would.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import sys
from pathlib import Path

log = logging.getLogger(__name__)

PENDING = "pending"
_SHM_DEAD_MAN = 128  # the byte every SQLite connection holds a shared lock on, in -shm


def wal_path(book: Path) -> Path:
    return Path(f"{book}-wal")


def file_digest(path: Path) -> str:
    with open(path, "rb") as f:
        return "sha256:" + hashlib.file_digest(f, "sha256").hexdigest()


def has_leftover_wal(book: Path) -> bool:
    try:
        return os.path.getsize(wal_path(book)) > 0
    except OSError:
        return False


def in_use_by_sqlite(book: Path) -> bool:
    """True when another process has the book open through SQLite (its WAL is live).
    Unknown counts as in use: a live WAL must never be moved."""
    shm = Path(f"{book}-shm")
    if not shm.exists():
        return False
    try:
        fd = os.open(shm, os.O_RDWR | getattr(os, "O_BINARY", 0))
    except OSError:
        return True
    try:
        return not _try_lock_byte(fd, _SHM_DEAD_MAN)
    finally:
        os.close(fd)


if sys.platform == "win32":
    import msvcrt

    def _try_lock_byte(fd: int, offset: int) -> bool:
        os.lseek(fd, offset, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        os.lseek(fd, offset, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return True

else:
    import fcntl

    def _try_lock_byte(fd: int, offset: int) -> bool:
        # Our process holds no SQLite connection on this book yet, so closing this
        # descriptor drops no lock of ours (POSIX drops them all on any close).
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, offset)
        except OSError:
            return False
        fcntl.lockf(fd, fcntl.LOCK_UN, 1, offset)
        return True


def set_aside_if_foreign(book: Path, note: str) -> Path | None:
    """Before SQLite opens the book: move a WAL that was not written for this file out of
    the way; the path it was moved to, or None when there was nothing to move."""
    if not has_leftover_wal(book) or not note.startswith("sha256:"):
        return None  # no leftover, or nothing to check it against: SQLite's own way
    if in_use_by_sqlite(book):
        return None  # another program's live WAL: its data, and never ours to move
    if file_digest(book) == note:
        return None
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = book.with_name(f"{book.name}-wal.khong-khop-{stamp}")
    os.replace(wal_path(book), aside)
    Path(f"{book}-shm").unlink(missing_ok=True)  # an index of the WAL just moved
    log.warning("%s: the leftover WAL was written for another file; set aside as %s", book, aside)
    return aside


def foreign_wal_message(book: Path, aside: Path) -> str:
    return (
        f"Bên cạnh tệp dữ liệu “{book.name}” có một nhật ký ghi dở không phải của chính tệp này "
        "(có lẽ tệp đã được thay bằng một bản khác sau khi chương trình bị tắt đột ngột). "
        f"Nhật ký đó không được áp vào mà được để riêng thành “{aside.name}”; "
        "sổ được mở đúng như tệp hiện có."
    )
