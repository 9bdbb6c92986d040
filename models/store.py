"""The SQLite store: opening, integrity, migrations, backups and transactions.

Everything else in models/ reaches the database through Store.transaction() or
Store.read(); nothing outside models/ sees SQL.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from . import backup
from .errors import DamagedDatabaseError, NewerDatabaseError, StorageError
from .schema import MIGRATIONS, SCHEMA_VERSION


def _connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: we issue BEGIN/COMMIT ourselves, so every write is explicit.
    con = sqlite3.connect(path, isolation_level=None)
    con.row_factory = sqlite3.Row
    return con


class Store:
    def __init__(self, path: Path | str, *, backups: bool = True):
        self.path = Path(path)
        self._backups = backups
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = self._open()
        except (sqlite3.OperationalError, OSError) as exc:
            raise StorageError(f"Không mở được tệp dữ liệu “{self.path}”: {exc}.") from exc

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
                reason = "truoc-nang-cap" if version < SCHEMA_VERSION else "khi-mo"
                backup.make_backup(db, self.path, reason)
            self._migrate(db, version)
        except BaseException:
            db.close()
            raise
        return db

    def _check_integrity(self, db: sqlite3.Connection) -> None:
        try:
            rows = db.execute("PRAGMA integrity_check").fetchall()
            detail = "; ".join(r[0] for r in rows[:3])
        except sqlite3.DatabaseError as exc:
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
        """All writes go through here: committed whole or rolled back whole."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StorageError(f"Không ghi được vào tệp dữ liệu: {exc}.") from exc
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        try:
            self._db.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            self._db.execute("ROLLBACK")
            raise StorageError(f"Không lưu được thay đổi: {exc}.") from exc

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
