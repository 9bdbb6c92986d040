"""The SQLite store: opening, integrity, migrations, backups and transactions.

Everything else in models/ reaches the database through Store.transaction() or
Store.read(); nothing outside models/ sees SQL.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

from models.errors import (
    BookError,
    BookGoneError,
    ChangedElsewhereError,
    DamagedDatabaseError,
    NewerDatabaseError,
    ReadOnlyBookError,
    StorageError,
)
from models.storage import backup, wal_guard
from models.storage.copies import clear_leftovers, save_copy
from models.storage.file_lock import BookLock
from models.storage.paths import check_book_path
from models.storage.schema import MIGRATIONS, SCHEMA_VERSION
from models.storage.sqlite_errors import in_use, is_busy, is_environmental, storage_error

log = logging.getLogger(__name__)

# How long to wait for another program's lock before saying the file is in use.
LOCK_WAIT_SECONDS = 2.0


# INSERT … RETURNING (the repositories take new ids so, alike on a server) came in 3.35.
MIN_SQLITE = (3, 35, 0)


def _connect(path: Path) -> sqlite3.Connection:
    if sqlite3.sqlite_version_info < MIN_SQLITE:
        raise StorageError(
            f"Thư viện SQLite của máy này ({sqlite3.sqlite_version}) cũ quá: Vinh Danh cần bản 3.35 trở lên. "
            "Hãy dùng bản Vinh Danh đóng gói sẵn (có SQLite đi kèm) hoặc Python mới hơn."
        )
    return _open_connection(path, sqlite3.Connection)


def _open_connection(path: Path, factory: type) -> sqlite3.Connection:
    # isolation_level=None: we issue BEGIN/COMMIT ourselves, so every write is explicit.
    con: sqlite3.Connection = sqlite3.connect(path, isolation_level=None, timeout=LOCK_WAIT_SECONDS, factory=factory)
    con.row_factory = sqlite3.Row
    # SQLite's normal locking is the second line behind BookLock: should another program
    # bypass the lock file, WAL keeps both consistent and PRAGMA data_version tells us, so
    # we refuse to write and read again. (Exclusive locking would keep a private WAL index
    # whose close writes stale pages over the other program's work.)
    return con


# Checkpoints are the app's own (wal_guard needs to know when the book file changes): after
# a commit that leaves the WAL larger than this, as SQLite's automatic one would.
CHECKPOINT_BYTES = 4 * 1024 * 1024


def _size(path: Path) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _try_reading(uri: str) -> sqlite3.Connection | None:
    try:
        con = sqlite3.connect(uri, uri=True, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        con.execute("PRAGMA user_version").fetchone()
    except sqlite3.Error:
        con.close()
        return None
    return con


def _stamp(path: Path) -> tuple:
    """What changes when anyone writes the book: the size of the file and of its WAL. (Not the
    time: Windows may stamp our own last write late, and a false alarm refuses a sound edit.)"""
    out: list[int | None] = []
    for p in (path, Path(f"{path}-wal")):
        try:
            st = os.stat(p)
        except FileNotFoundError:
            out.append(None)
        else:
            out.append(st.st_size)
    return tuple(out)


class Store:
    def __init__(self, path: Path | str, *, backups: bool = True, read_only: bool = False):
        self.path = Path(path)
        self._backups = backups
        # Only for looking: a sound book where it cannot be written (a CD, a locked USB
        # stick, a read-only share). Nothing is written, not even beside it; every write is
        # refused with the reason, and Tệp › Lưu bản sao… makes a copy that can be.
        self.read_only = read_only
        self._closed = False
        self.warnings: list[str] = []  # said to the user once the file is open
        # Called (with no arguments) when a write was refused because the book changed
        # under us; the window uses it to reopen and re-read.
        self.on_changed_elsewhere: Callable[[], None] | None = None
        self._lost: BookError | None = None  # set when the book could not be read again
        # (table, id) -> the version this app last wrote: its own undo and redo steps on one
        # record follow each other (a delete undone puts the record back as a new version).
        self.written: dict[tuple[str, int], int] = {}
        self._lock = BookLock(self.path)
        check_book_path(self.path)
        if read_only:
            self._open_for_reading()
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._take_lock()
            clear_leftovers(self.path)
            aside = wal_guard.set_aside_if_foreign(self.path, self._lock.read_note())
            if aside is not None:
                self.warnings.append(wal_guard.foreign_wal_message(self.path, aside))
            self._lock.write_note(wal_guard.PENDING)
            self._db = self._open()
            self._settle()
            self._opened_as = self._identity()
            self._seen = self._fingerprint()
        except (sqlite3.Error, OSError) as exc:
            self._lock.release()
            raise storage_error(
                exc, f"Không mở được tệp dữ liệu “{self.path}”", self.path, saved_is_safe=False
            ) from exc
        except BaseException:
            self._lock.release()
            raise

    def _open_for_reading(self) -> None:
        uri = self.path.resolve().as_uri()
        try:
            db: sqlite3.Connection | None = None
            if wal_guard.has_leftover_wal(self.path):
                # Its last commits are in the WAL: read them too if SQLite can here.
                db = _try_reading(f"{uri}?mode=ro")
                if db is None:
                    self.warnings.append(
                        f"Cạnh “{self.path.name}” còn nhật ký ghi dở ({self.path.name}-wal) mà chỗ chỉ đọc "
                        "này không cho áp vào: bản đang xem có thể thiếu những thay đổi cuối cùng."
                    )
            if db is None:
                # The file alone, as it is on disk: nothing is made beside it.
                db = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None)
            self._db = db
            self._db.row_factory = sqlite3.Row
            self._check_integrity(self._db)
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.Error as exc:
            doing = f"Không mở được tệp dữ liệu “{self.path}”"
            raise storage_error(exc, doing, self.path, saved_is_safe=False) from exc
        if version > SCHEMA_VERSION:
            self._db.close()
            raise NewerDatabaseError(self.path, version, SCHEMA_VERSION)
        if version < SCHEMA_VERSION:
            self._db.close()
            raise ReadOnlyBookError(self.path, old_version=True)
        self._opened_as = self._identity()
        self._seen = self._fingerprint()

    def _take_lock(self) -> None:
        try:
            taken = self._lock.acquire()
        except OSError as exc:
            if isinstance(exc, PermissionError) or exc.errno in (errno.EROFS, errno.EACCES):
                # A folder we may not write to: nothing can be saved there either, so
                # SQLite's own lock is enough to keep two copies from writing.
                log.warning("no lock file beside %s: %s", self.path, exc)
                return
            raise
        if not taken:
            raise in_use(self.path)

    def _open(self) -> sqlite3.Connection:
        existed = self.path.exists() and self.path.stat().st_size > 0
        db = _connect(self.path)
        try:
            if existed:
                self._check_integrity(db)
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise NewerDatabaseError(self.path, version, SCHEMA_VERSION)
            # The backup comes before anything is changed: a file refused for want of a
            # backup is left exactly as it was, not even switched to WAL.
            if existed and self._backups:
                self._backup_on_open(db, version)
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA wal_autocheckpoint = 0")  # Store._settle checkpoints instead
            # FULL: a committed edit must survive a power cut, not only a crash.
            db.execute("PRAGMA synchronous = FULL")
            self._migrate(db, version)
        except BaseException:
            db.close()
            raise
        return db

    def _backup_on_open(self, db: sqlite3.Connection, version: int) -> None:
        if version < SCHEMA_VERSION:
            backup.make_backup(db, self.path, "truoc-nang-cap")  # no migration without a copy
            return
        try:
            backup.make_backup(db, self.path, "khi-mo")
        except StorageError as exc:
            # The file itself is sound; a full backup disk must not lock the clerk out of it.
            log.warning("backup on open failed: %s", exc.message)
            self.warnings.append(exc.message)

    def _check_integrity(self, db: sqlite3.Connection) -> None:
        try:
            rows = db.execute("PRAGMA integrity_check").fetchall()
            detail = "; ".join(r[0] for r in rows[:3])
        except sqlite3.DatabaseError as exc:
            if is_busy(exc):
                raise in_use(self.path) from exc
            if is_environmental(exc) and backup.is_sound(self.path):
                # Sound when only read: the disk, folder or file refuses writing, which is
                # no damage, and no backup may be put over it.
                raise ReadOnlyBookError(self.path) from exc
            detail = str(exc)
        else:
            if detail == "ok":
                return
        raise DamagedDatabaseError(self.path, detail, backup.good_backups(self.path))

    @staticmethod
    def _migrate(db: sqlite3.Connection, version: int) -> None:
        for target in range(version + 1, SCHEMA_VERSION + 1):
            db.execute("BEGIN IMMEDIATE")
            try:
                MIGRATIONS[target - 1](db)
                db.execute(f"PRAGMA user_version = {target}")
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    @property
    def version(self) -> int:
        return self._db.execute("PRAGMA user_version").fetchone()[0]

    @property
    def label(self) -> str:
        """The book as the window's title names it."""
        return self.path.name

    @property
    def location(self) -> str:
        return str(self.path)

    def _fingerprint(self) -> tuple:
        return (self._db.execute("PRAGMA data_version").fetchone()[0], _stamp(self.path))

    def _identity(self) -> tuple[int, int] | None:
        """Which file the path names now (device, file number); None when there is none.
        A file system that gives no file number (0, some network shares) is known by its
        existence alone."""
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return None
        return (st.st_dev, st.st_ino) if st.st_ino else (0, 0)

    def _check_still_there(self) -> None:
        """The path must still name the file we opened: a deleted or replaced book is never
        written (SQLite would save into the void, or into a stranger's file)."""
        if self._identity() != self._opened_as:
            log.warning("%s is no longer the file opened (%s)", self.path, self._opened_as)
            raise BookGoneError(self.path)

    def changed_elsewhere(self) -> bool:
        """True when something other than this store wrote the book since we last did."""
        return self._fingerprint() != self._seen

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All writes go through here: committed whole or rolled back whole. A failure of
        the disk or the file (full, locked, gone) becomes a StorageError the user can read.

        A book changed under us (by another program, in spite of the locks) is never
        written: ChangedElsewhereError, and the window reopens the book to show what is
        there now."""
        if self._lost is not None:
            raise self._lost
        if self.read_only:
            raise StorageError(
                f"Tệp “{self.path.name}” đang mở chỉ để xem (chỗ này không ghi được): thay đổi chưa được "
                "lưu. Hãy dùng Tệp › Lưu bản sao… để có một bản ghi được, rồi làm việc trên bản đó."
            )
        self._check_still_there()
        try:
            if self.changed_elsewhere():
                log.warning("%s changed under us: %s -> %s", self.path, self._seen, self._fingerprint())
                if self.on_changed_elsewhere is not None:
                    self.on_changed_elsewhere()
                raise ChangedElsewhereError(self.path)
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self._failed(exc, "Chưa ghi được vào tệp dữ liệu") from exc
        try:
            yield self._db
            self._db.execute("COMMIT")
        except BaseException as exc:
            self._rollback()
            if isinstance(exc, sqlite3.Error) and is_environmental(exc):
                raise self._failed(exc, "Chưa lưu được thay đổi") from exc
            raise
        else:
            if _size(wal_guard.wal_path(self.path)) > CHECKPOINT_BYTES:
                self._settle()
        finally:
            self._seen = self._fingerprint()

    def _settle(self) -> None:
        """Copy the WAL into the book and empty it, then note the book's digest in the lock
        file (see wal_guard): what a later leftover WAL must have been written for.
        Best effort: if it cannot finish, the note stays "pending" and nothing is refused."""
        if not self._lock.held:
            return
        self._lock.write_note(wal_guard.PENDING)
        try:
            busy, _, _ = self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if busy or _size(wal_guard.wal_path(self.path)) > 0:
                return
            self._lock.write_note(wal_guard.file_digest(self.path))
        except (sqlite3.Error, OSError) as exc:
            log.warning("checkpoint of %s not finished: %s", self.path, exc)

    def _rollback(self) -> None:
        # SQLite may already have rolled back by itself (after SQLITE_FULL, for one).
        if self._db.in_transaction:
            try:
                self._db.execute("ROLLBACK")
            except sqlite3.Error:
                log.exception("rollback failed")

    def _failed(self, exc: sqlite3.Error, doing: str) -> StorageError:
        log.warning("%s: %s (%s)", doing, exc, getattr(exc, "sqlite_errorname", ""))
        return storage_error(exc, doing, self.path)

    def reopen(self) -> None:
        """Read the book afresh after someone else changed it: a new connection, so nothing
        cached survives, checked as at start. If the file cannot be opened as a sound book
        any more, reads go on from a plain connection and every later write is refused."""
        self._lock.write_note(wal_guard.PENDING)  # another program's WAL: nothing to vouch for
        self._db.close()
        try:
            self._db = self._open()
        except (sqlite3.Error, OSError, BookError) as exc:
            self._lost = (
                exc
                if isinstance(exc, BookError)
                else storage_error(exc, f"Không đọc lại được tệp dữ liệu “{self.path}”", self.path)
            )
            with contextlib.suppress(sqlite3.Error):
                self._db = _connect(self.path)
            raise self._lost from exc
        self._lost = None
        self._opened_as = self._identity()
        self._seen = self._fingerprint()

    def read(self) -> sqlite3.Connection:
        return self._db

    def backup_now(self, reason: str = "dinh-ky") -> Path | None:
        """A backup beside the book; None for a book open only to look at (nothing changes)."""
        if self.read_only:
            return None
        return backup.make_backup(self._db, self.path, reason)

    def save_copy(self, target: Path) -> Path:
        """A whole, consistent copy of the book at `target`, made while it stays open."""
        return save_copy(self._db, self.path, Path(target))

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        self._closed = True
        if self.read_only:
            self._db.close()
            return
        try:
            self._lock.write_note(wal_guard.PENDING)  # closing checkpoints into the book
            self._db.close()
        finally:
            self._lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
