"""Copies of a book beside the ones backups make: a whole copy to carry (Tệp › Lưu bản
sao…), and the half-made files of runs that were killed, cleared at the next start."""

from __future__ import annotations

import logging
import sqlite3
import time
from pathlib import Path

from models.errors import StorageError
from models.storage.file_lock import BookLock
from models.storage.sqlite_errors import in_use, storage_error

log = logging.getLogger(__name__)


def save_copy(db: sqlite3.Connection, book: Path, target: Path) -> Path:
    """A whole, consistent copy of the book at `target` (for the hall's laptop, a USB
    stick), made with SQLite's backup API while the book stays open. Written beside the
    target and moved into place, so a failure never leaves half a book; a book open in
    another window is never written over."""
    if target.resolve() == book.resolve():
        raise StorageError(f"“{target.name}” là chính tệp đang mở; hãy chọn tên hoặc thư mục khác.")
    lock = BookLock(target)
    made_lock_file = not lock.path.exists()
    try:
        if not lock.acquire():
            raise in_use(target)
    except OSError as exc:
        raise storage_error(exc, f"Chưa lưu được bản sao “{target}”", book) from exc
    incoming = target.with_name(f".{target.name}.dang-ghi")
    try:
        dest = sqlite3.connect(incoming)
        try:
            db.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")  # one file to carry, no -wal beside it
        finally:
            dest.close()
        for suffix in ("-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        incoming.replace(target)
    except (sqlite3.Error, OSError) as exc:
        incoming.unlink(missing_ok=True)
        raise storage_error(exc, f"Chưa lưu được bản sao “{target}”", book) from exc
    finally:
        lock.release()
        if made_lock_file:  # ours alone, held for a moment: the copy travels without it
            lock.path.unlink(missing_ok=True)
    return target


# Half-made files of a run that was killed: this book's own (".NAME.dang-tao" from demo,
# ".NAME.dang-khoi-phuc" from a restore) and the app's whole-or-nothing temporaries.
LEFTOVER_AGE_SECONDS = 600


def clear_leftovers(path: Path) -> None:
    """Called with the book's lock held. Only files old enough that no live run owns them."""
    now = time.time()
    patterns = (f".{path.name}.dang-*", ".vinhdanh-*")
    for pattern in patterns:
        for leftover in path.parent.glob(pattern):
            try:
                if leftover.is_file() and now - leftover.stat().st_mtime > LEFTOVER_AGE_SECONDS:
                    leftover.unlink()
                    log.info("removed the leftover %s", leftover)
            except OSError as exc:
                log.warning("could not remove the leftover %s: %s", leftover, exc)
