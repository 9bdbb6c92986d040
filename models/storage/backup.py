"""Rotating backups made with SQLite's online backup API (safe while the file is open).

A backup is named BOOK-YYYYMMDD-HHMMSS-ffffff-REASON.sqlite and carries the book's name in
its header (application_id, a CRC of the name), so a neighbour whose name starts the same
("ds-cu" beside "ds") is neither rotated away with it nor offered in its place.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sqlite3
import zlib
from pathlib import Path

from models.errors import StorageError
from models.storage.sqlite_errors import storage_error

KEEP = 10


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def _stamped(stem: str) -> re.Pattern:
    return re.compile(re.escape(stem) + r"-\d{8}-\d{6}-\d{6}-[0-9a-z-]+\.sqlite")


def book_mark(db_path: Path) -> int:
    """The signed 32-bit mark of a book's name, kept in its backups' header."""
    mark = zlib.crc32(db_path.stem.encode("utf-8")) or 1
    return mark - (1 << 32) if mark >= 1 << 31 else mark


def list_backups(db_path: Path) -> list[Path]:
    """Backups of this database, newest first: its exact name, a timestamp and a reason."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    pattern = _stamped(db_path.stem)
    return sorted((p for p in folder.glob("*.sqlite") if pattern.fullmatch(p.name)), reverse=True)


def make_backup(db: sqlite3.Connection, db_path: Path, reason: str, keep: int = KEEP) -> Path:
    folder = backup_dir(db_path)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{db_path.stem}-{stamp}-{reason}.sqlite"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        dest = sqlite3.connect(target)
        try:
            db.backup(dest)
            dest.execute(f"PRAGMA application_id = {book_mark(db_path)}")
        finally:
            dest.close()
    except (sqlite3.Error, OSError) as exc:
        # A half-written copy must never be offered later as a backup.
        target.unlink(missing_ok=True)
        raise storage_error(exc, "Chưa sao lưu được tệp dữ liệu", db_path) from exc
    for old in list_backups(db_path)[keep:]:
        old.unlink(missing_ok=True)
    return target


def is_sound(path: Path, mark: int | None = None) -> bool:
    """Passes integrity_check and, when `mark` is given, was made from that book (a backup
    from before marks existed carries 0 and is judged by its name alone). Read as immutable:
    nothing is created beside it, so it also works on a disk that cannot be written."""
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            if mark is not None and con.execute("PRAGMA application_id").fetchone()[0] not in (0, mark):
                return False
            return con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return False


def good_backups(db_path: Path) -> list[Path]:
    mark = book_mark(db_path)
    return [p for p in list_backups(db_path) if is_sound(p, mark)]


def restore(db_path: Path, backup: Path) -> Path:
    """Put a backup in place of a damaged file; the damaged one is kept beside it.

    The copy is made first, so a failure (disk full) leaves the damaged file where it was.
    A file that passes integrity_check is never replaced, whatever the caller believes."""
    if db_path.exists() and is_sound(db_path):
        raise StorageError(
            f"Tệp dữ liệu “{db_path.name}” vẫn còn tốt, nên không khôi phục đè lên nó; tệp không bị thay đổi."
        )
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = db_path.with_name(f"{db_path.name}.hong-{stamp}")
    incoming = db_path.with_name(f".{db_path.name}.dang-khoi-phuc")
    try:
        shutil.copy2(backup, incoming)
        if db_path.exists():
            db_path.replace(kept)
        for suffix in ("-wal", "-shm"):
            side = Path(f"{db_path}{suffix}")
            if side.exists():
                side.replace(Path(f"{kept}{suffix}"))
        incoming.replace(db_path)
    except OSError as exc:
        incoming.unlink(missing_ok=True)
        raise storage_error(exc, f"Chưa khôi phục được từ “{backup.name}”", db_path, saved_is_safe=False) from exc
    return kept
