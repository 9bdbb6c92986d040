"""The SQLite store: opening, integrity, migrations, backups and transactions.

Everything else in models/ reaches the database through Store.transaction() or
Store.read(); nothing outside models/ sees SQL.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from . import backup
from .errors import DamagedDatabaseError, NewerDatabaseError, StorageError
from .schema import MIGRATIONS, SCHEMA_VERSION
from .sqlite_errors import in_use, is_busy, is_environmental, storage_error

log = logging.getLogger(__name__)

# How long to wait for another program's lock before saying the file is in use.
LOCK_WAIT_SECONDS = 2.0


def _connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: we issue BEGIN/COMMIT ourselves, so every write is explicit.
    con = sqlite3.connect(path, isolation_level=None, timeout=LOCK_WAIT_SECONDS)
    con.row_factory = sqlite3.Row
    # One copy of the app per file: the first holds an OS lock for as long as it is open
    # (released by the OS if it dies), a second is told the file is in use. Set before
    # WAL is entered, so the WAL index lives in memory and no -shm file is shared.
    con.execute("PRAGMA locking_mode = EXCLUSIVE")
    return con


class Store:
    def __init__(self, path: Path | str, *, backups: bool = True):
        self.path = Path(path)
        self._backups = backups
        self.warnings: list[str] = []  # said to the user once the file is open
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = self._open()
        except (sqlite3.Error, OSError) as exc:
            raise storage_error(
                exc, f"Không mở được tệp dữ liệu “{self.path}”", self.path, saved_is_safe=False
            ) from exc

    def _open(self) -> sqlite3.Connection:
        existed = self.path.exists() and self.path.stat().st_size > 0
        db = _connect(self.path)
        try:
            if existed:
                self._check_integrity(db)
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise NewerDatabaseError(self.path, version, SCHEMA_VERSION)
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("PRAGMA journal_mode = WAL")
            # FULL: a committed edit must survive a power cut, not only a crash.
            db.execute("PRAGMA synchronous = FULL")
            if existed and self._backups:
                self._backup_on_open(db, version)
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

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All writes go through here: committed whole or rolled back whole. A failure of
        the disk or the file (full, locked, gone) becomes a StorageError the user can read."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self._failed(exc, "Chưa ghi được vào tệp dữ liệu") from exc
        try:
            yield self._db
            self._db.execute("COMMIT")
        except BaseException as exc:
            self._rollback()
            if is_environmental(exc):
                raise self._failed(exc, "Chưa lưu được thay đổi") from exc
            raise

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

    def read(self) -> sqlite3.Connection:
        return self._db

    def backup_now(self, reason: str = "dinh-ky") -> Path:
        return backup.make_backup(self._db, self.path, reason)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
