"""A ceremony book on a PostgreSQL server: the same repositories, the same migrations.

A PgStore offers what Store offers the repositories (read(), transaction(), version,
close()); the server keeps the data safe, so the file-keeping of Store (lock file, WAL
guard, backups beside the file) has no part here.

One connection, in autocommit between transactions: a read sees what other clerks have
committed, and no transaction is left open while the window waits for a person.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from urllib.parse import urlsplit

from models.errors import BookError, NotAllowedError, StorageError
from models.storage.schema import MIGRATIONS, POSTGRESQL, SCHEMA_VERSION, VERSION_TABLE

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 5
# Two administrators migrating at once take turns on this lock (any constant will do).
MIGRATION_LOCK = 0x56494E48  # "VINH"


def is_server_url(spec: object) -> bool:
    return isinstance(spec, str) and spec.startswith(("postgresql://", "postgres://"))


def shown(url: str) -> str:
    """The address as a user may see it: never the password."""
    parts = urlsplit(url)
    host = parts.hostname or "máy này"
    database = parts.path.lstrip("/") or (parts.username or "")
    return f"{database} trên {host}" + (f":{parts.port}" if parts.port else "")


class LoginError(StorageError):
    """The server did not take this login and password (or wants a password)."""


class ServerSchemaError(BookError):
    """The server's book is at another schema version than this copy of the app."""


class PgStore:
    engine = POSTGRESQL
    read_only = False
    on_changed_elsewhere = None

    def __init__(self, url: str, *, migrate: bool = False, password: str | None = None):
        """migrate=True (the administrator's `server init` / `server migrate`) creates or
        upgrades the schema; a clerk's app only ever opens a book at its own version.
        A password typed in the window is held in memory only, for reconnecting."""
        self.url = url
        self.label = shown(url)
        self.warnings: list[str] = []
        self._closed = False
        self._password = password
        self.written: dict[tuple[str, int], int] = {}  # as Store.written
        self._db = self._connect()
        try:
            self._check_version(migrate)
        except BaseException:
            self._db.close()
            raise

    def connect_raw(self):
        """A new psycopg connection to this book (the change feed listens on one)."""
        import psycopg  # only a book on a server needs it

        try:  # a None password is left out: libpq then looks in PGPASSWORD and .pgpass
            return psycopg.connect(
                self.url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S, password=self._password
            )
        except psycopg.Error as exc:
            detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            if "password" in detail.lower():
                raise LoginError(f"Máy chủ “{self.label}” không nhận tên đăng nhập hoặc mật khẩu này.") from None
            if "no encryption" in detail:  # pg_hba.conf takes only hostssl, and the URL said sslmode=disable
                raise StorageError(
                    f"Máy chủ dữ liệu “{self.label}” chỉ nhận kết nối mã hóa (TLS), mà địa chỉ này tắt mã hóa"
                    " (sslmode=disable). Hãy bỏ “sslmode=disable” khỏi địa chỉ."
                ) from None
            raise StorageError(
                f"Không kết nối được máy chủ dữ liệu “{self.label}” ({detail}). "
                "Hãy kiểm tra mạng và địa chỉ máy chủ, hoặc hỏi người quản trị."
            ) from None

    def _connect(self):
        from models.storage.pg_connection import Connection

        return Connection(self.connect_raw(), self.label)

    # --- schema ---------------------------------------------------------------------

    @property
    def version(self) -> int:
        row = self._db.execute(
            f"SELECT version FROM {VERSION_TABLE}" if self._has_version_table() else "SELECT 0"
        ).fetchone()
        return row[0] if row else 0

    def _has_version_table(self) -> bool:
        return self._db.execute("SELECT to_regclass(?) IS NOT NULL", (VERSION_TABLE,)).fetchone()[0]

    def _check_version(self, migrate: bool) -> None:
        version = self.version
        if version == SCHEMA_VERSION:
            return
        if version > SCHEMA_VERSION:
            raise ServerSchemaError(
                f"Sổ trên máy chủ “{self.label}” dùng lược đồ {version}, mới hơn phiên bản Vinh Danh này "
                f"(đọc được đến {SCHEMA_VERSION}). Hãy cập nhật ứng dụng; dữ liệu trên máy chủ không bị thay đổi."
            )
        if not migrate:
            if version == 0:
                raise ServerSchemaError(
                    f"Máy chủ “{self.label}” chưa có sổ Vinh Danh. Người quản trị tạo sổ bằng lệnh "
                    "“main.py server init --db …”."
                )
            raise ServerSchemaError(
                f"Sổ trên máy chủ “{self.label}” dùng lược đồ {version}, cũ hơn phiên bản này ({SCHEMA_VERSION}). "
                "Người quản trị nâng cấp bằng lệnh “main.py server migrate --db …”; cho đến lúc đó hãy dùng "
                "phiên bản Vinh Danh cũ."
            )
        self.migrate()

    def migrate(self) -> None:
        """Bring the schema to SCHEMA_VERSION, one step per transaction, under an advisory
        lock: a second administrator waits, then finds the work done."""
        for target in range(1, SCHEMA_VERSION + 1):
            with self.transaction() as db:
                db.execute("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK,))
                db.execute(f"CREATE TABLE IF NOT EXISTS {VERSION_TABLE} (version BIGINT NOT NULL)")
                row = db.execute(f"SELECT version FROM {VERSION_TABLE} FOR UPDATE").fetchone()
                current = row[0] if row else 0
                if current >= target:
                    continue
                MIGRATIONS[target - 1](db)
                if row is None:
                    db.execute(f"INSERT INTO {VERSION_TABLE} (version) VALUES (?)", (target,))
                else:
                    db.execute(f"UPDATE {VERSION_TABLE} SET version = ?", (target,))
                log.info("server book %s migrated to schema %d", self.label, target)

    # --- what the repositories use ------------------------------------------------------

    def _alive(self):
        """The connection, made anew if the last one broke (the network dropped, the server
        restarted): the save after a failed one goes through without restarting the app."""
        if not self._closed and (self._db.raw.broken or self._db.raw.closed):
            log.info("reconnecting to %s", self.label)
            self.reopen()
        return self._db

    def read(self):
        return self._alive()

    @contextlib.contextmanager
    def transaction(self) -> Iterator:
        """Committed whole or rolled back whole; a lost connection becomes a StorageError."""
        import psycopg

        if self._closed:
            raise StorageError(f"Sổ “{self.label}” đã đóng.")
        db = self._alive()
        try:
            with db.raw.transaction():
                yield db
        except StorageError:
            raise
        except psycopg.errors.InsufficientPrivilege as exc:
            log.info("refused by the server's rules: %s", exc)
            if "row-level security" in str(exc):
                said = "chỉ được nhập, sửa, xóa tập thể, cá nhân của phường mình"
            else:
                said = "không có quyền làm việc này (việc của cán bộ quận)"
            raise NotAllowedError(f"Tài khoản “{self._db.user}” {said}; chưa có gì được lưu.") from None
        except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
            log.warning("server transaction failed: %s", exc)
            raise StorageError(
                f"Mất kết nối với máy chủ “{self.label}”: thay đổi vừa rồi chưa được lưu. "
                "Hãy kiểm tra mạng rồi làm lại."
            ) from None

    @property
    def location(self) -> str:
        return self.label

    @property
    def pid(self) -> int:
        """The server's process for this connection: notifications from it are our own."""
        return self._db.raw.info.backend_pid

    def reopen(self) -> None:
        """A fresh connection (after the network came back)."""
        fresh = self._connect()
        self._db.close()
        self._db = fresh

    def changed_elsewhere(self) -> bool:
        return False  # other clerks' changes arrive as notifications (#19), not as a conflict

    def backup_now(self, reason: str = "dinh-ky") -> None:
        """The server's own backups keep a server book; nothing is written beside the app."""
        return None

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        self._closed = True
        self._db.close()

    def __enter__(self) -> PgStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
