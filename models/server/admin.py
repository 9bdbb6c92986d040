"""Running a book on a PostgreSQL server: its people and their rights.

Two group roles hold the rights; each person logs in as their own role, a member of one:

- vinhdanh_district: the district office. Everything: every ward's rows, decisions,
  numbering and printing, the award order, the ceremony screens.
- vinhdanh_clerk: a ward clerk. Reads the whole book (the ceremony, the decisions, other
  wards' lists), and adds, edits and deletes only the awardees of their own ward. The
  database itself holds that rule (row-level security), so no other program with the
  clerk's login can do more than the window lets them.

Which ward a clerk keeps is in clerk_ward, written only by the administrator.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from models.domain import text
from models.errors import BookError
from models.server.feed import install_triggers
from models.storage.pg_store import PgStore

DISTRICT = "vinhdanh_district"
CLERK = "vinhdanh_clerk"
# Tables a clerk may write, besides awardee (whose rows are bounded by ward): none yet.
_READ_ONLY_FOR_CLERKS = "ALL TABLES IN SCHEMA public"


@dataclass(frozen=True)
class Clerk:
    login: str
    ward: str


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def apply_rules(store: PgStore) -> None:
    """Roles, grants and row rules as this version wants them; safe to run again (init,
    migrate and check all do)."""
    with store.transaction() as db:
        for role in (DISTRICT, CLERK):
            if not db.execute("SELECT 1 FROM pg_roles WHERE rolname = ?", (role,)).fetchone():
                db.execute(f"CREATE ROLE {role} NOLOGIN")
        db.execute(
            "CREATE TABLE IF NOT EXISTS clerk_ward (login TEXT PRIMARY KEY, ward TEXT NOT NULL CHECK (ward <> ''))"
        )
        db.execute(f"GRANT USAGE ON SCHEMA public TO {DISTRICT}, {CLERK}")
        db.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {DISTRICT}")
        db.execute(f"REVOKE INSERT, UPDATE, DELETE ON clerk_ward FROM {DISTRICT}")
        db.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {DISTRICT}, {CLERK}")
        db.execute(f"GRANT SELECT ON {_READ_ONLY_FOR_CLERKS} TO {CLERK}")
        db.execute(f"GRANT INSERT, UPDATE, DELETE ON awardee TO {CLERK}")
        # The ward a row belongs to is compared as stored (NFC, spaces collapsed) with the
        # ward the administrator gave the clerk.
        db.execute("ALTER TABLE awardee ENABLE ROW LEVEL SECURITY")  # the owner (administrator) is not bound
        for policy in ("awardee_read", "awardee_district", "awardee_own_ward"):
            db.execute(f"DROP POLICY IF EXISTS {policy} ON awardee")
        db.execute("CREATE POLICY awardee_read ON awardee FOR SELECT USING (true)")
        db.execute(f"CREATE POLICY awardee_district ON awardee TO {DISTRICT} USING (true) WITH CHECK (true)")
        own = "ward = (SELECT w.ward FROM clerk_ward w WHERE w.login = current_user)"
        db.execute(f"CREATE POLICY awardee_own_ward ON awardee TO {CLERK} USING ({own}) WITH CHECK ({own})")
        install_triggers(db)


def init(url: str) -> list[str]:
    """Create (or bring up to date) the book on the server, with its roles and rules."""
    store = PgStore(url, migrate=True)
    try:
        apply_rules(store)
        return [
            f"Sổ trên máy chủ “{store.label}” đã sẵn sàng (lược đồ {store.version}).",
            f"Nhóm quyền: {DISTRICT} (quận: mọi việc), {CLERK} (phường: nhập, sửa danh sách phường mình).",
        ]
    finally:
        store.close()


def add_clerk(url: str, ward: str, login: str | None = None, district: bool = False) -> tuple[Clerk, str]:
    """A new login for a ward clerk (or, with district=True, for the district office);
    returns it with its password, which is shown once and kept nowhere by the app."""
    ward = text.clean(ward)
    if not district and not ward:
        raise BookError("Cần tên phường của cán bộ (ví dụ --ward “Bồ Đề”).")
    login = login or _login_for(ward if not district else "quan")
    if not login.replace("_", "").isalnum() or not login.isascii() or len(login) > 40:
        raise BookError(f"Tên đăng nhập “{login}” chỉ được có chữ không dấu, số và dấu gạch dưới (tối đa 40 ký tự).")
    password = secrets.token_urlsafe(12)
    store = PgStore(url)
    try:
        with store.transaction() as db:
            if db.execute("SELECT 1 FROM pg_roles WHERE rolname = ?", (login,)).fetchone():
                raise BookError(f"Máy chủ đã có tên đăng nhập “{login}”; hãy chọn tên khác (--login).")
            group = DISTRICT if district else CLERK
            db.execute(f"CREATE ROLE {_quoted(login)} LOGIN PASSWORD {_literal(password)} IN ROLE {group}")
            if not district:
                db.execute("INSERT INTO clerk_ward (login, ward) VALUES (?, ?)", (login, ward))
    finally:
        store.close()
    return Clerk(login, ward if not district else ""), password


def _login_for(ward: str) -> str:
    base = "_".join(text.fold(ward).split()) or "phuong"
    return f"{base}_{secrets.token_hex(2)}"


def clerks(url: str) -> list[Clerk]:
    store = PgStore(url)
    try:
        rows = (
            store.read()
            .execute(
                "SELECT r.rolname, coalesce(w.ward, '') FROM pg_roles r"
                " JOIN pg_auth_members m ON m.member = r.oid JOIN pg_roles g ON g.oid = m.roleid"
                " LEFT JOIN clerk_ward w ON w.login = r.rolname"
                " WHERE g.rolname IN (?, ?) ORDER BY r.rolname",
                (DISTRICT, CLERK),
            )
            .fetchall()
        )
    finally:
        store.close()
    return [Clerk(login, ward) for login, ward in rows]


def remove_clerk(url: str, login: str) -> None:
    store = PgStore(url)
    try:
        with store.transaction() as db:
            member = db.execute(
                "SELECT 1 FROM pg_roles r JOIN pg_auth_members m ON m.member = r.oid"
                " JOIN pg_roles g ON g.oid = m.roleid WHERE r.rolname = ? AND g.rolname IN (?, ?)",
                (login, DISTRICT, CLERK),
            ).fetchone()
            if not member:
                raise BookError(f"Không có cán bộ nào đăng nhập bằng “{login}” trong sổ này.")
            db.execute("DELETE FROM clerk_ward WHERE login = ?", (login,))
            db.execute(f"DROP ROLE {_quoted(login)}")
    finally:
        store.close()


def check(url: str) -> list[str]:
    """What an administrator wants to know before the clerks start."""
    store = PgStore(url)
    try:
        db = store.read()
        secure = db.execute("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").fetchone()
        rls = db.execute("SELECT relrowsecurity FROM pg_class WHERE relname = 'awardee'").fetchone()
        roles = {r[0] for r in db.execute("SELECT rolname FROM pg_roles WHERE rolname IN (?, ?)", (DISTRICT, CLERK))}
        lines = [
            f"Máy chủ: {store.label}; lược đồ {store.version}.",
            "Kết nối được mã hóa (TLS)." if secure and secure[0] else "Kết nối KHÔNG mã hóa: hãy bật TLS trên máy chủ.",
            "Quyền theo phường đang bật." if rls and rls[0] else "Quyền theo phường CHƯA bật: chạy “server init”.",
        ]
        if roles != {DISTRICT, CLERK}:
            lines.append("Thiếu nhóm quyền: chạy “server init”.")
        return lines
    finally:
        store.close()
