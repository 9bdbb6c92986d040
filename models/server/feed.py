"""Other clerks' changes, as they are committed: PostgreSQL's LISTEN/NOTIFY.

Every table of a server book has a statement trigger that notifies the channel
"vinhdanh" with what changed (the table, and for awardees and prizes up to 500 ids; more
than that says "re-read"), the committing connection's pid (a window ignores its own) and
the login. A notification is sent when its transaction commits, never before.

ChangeFeed listens on a connection of its own; changes_from() turns what it heard into the
window's one description of a change (Changes), reading the records that changed.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from models.domain.changes import Changes, Kind
from models.repos.book import CeremonyBook
from models.storage.pg_store import PgStore

log = logging.getLogger(__name__)

CHANNEL = "vinhdanh"
MAX_IDS = 500  # a notification carries at most 8,000 bytes

KINDS = {
    "ceremony": Kind.CEREMONY,
    "decision": Kind.DECISION,
    "contest": Kind.CONTEST,
    "contest_quota": Kind.CONTEST,
    "awardee": Kind.AWARDEE,
    "prize": Kind.PRIZE,
    "award_order": Kind.ORDER,
    "award_batch": Kind.ORDER,
    "award_batch_item": Kind.ORDER,
    "certificate_template": Kind.TEMPLATE,
    "field": Kind.FIELD,
    "register_counter": Kind.PRINT,
    "register_given": Kind.PRINT,
    "print_job": Kind.PRINT,
    "print_item": Kind.PRINT,
}
_WITH_IDS = ("awardee", "prize")

_NOTIFY_ROWS = f"""
CREATE OR REPLACE FUNCTION vinhdanh_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE n bigint; ids text;
BEGIN
    IF TG_OP = 'DELETE' THEN
        SELECT count(*), string_agg(id::text, ',') INTO n, ids FROM (SELECT id FROM old_rows LIMIT {MAX_IDS + 1}) s;
    ELSE
        SELECT count(*), string_agg(id::text, ',') INTO n, ids FROM (SELECT id FROM new_rows LIMIT {MAX_IDS + 1}) s;
    END IF;
    IF n > 0 THEN
        PERFORM pg_notify('{CHANNEL}', json_build_object(
            'table', TG_TABLE_NAME, 'op', TG_OP, 'ids', CASE WHEN n > {MAX_IDS} THEN NULL ELSE ids END,
            'pid', pg_backend_pid(), 'by', session_user)::text);
    END IF;
    RETURN NULL;
END $$
"""
_NOTIFY_TABLE = f"""
CREATE OR REPLACE FUNCTION vinhdanh_table_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('{CHANNEL}', json_build_object(
        'table', TG_TABLE_NAME, 'op', TG_OP, 'ids', NULL, 'pid', pg_backend_pid(), 'by', session_user)::text);
    RETURN NULL;
END $$
"""


def install_triggers(db) -> None:
    """Run by `server init` and `server migrate` (safe to run again)."""
    db.execute(_NOTIFY_ROWS)
    db.execute(_NOTIFY_TABLE)
    for table in KINDS:
        for event in ("INSERT", "UPDATE", "DELETE"):
            name = f"vinhdanh_{table}_{event.lower()}"
            db.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            if table in _WITH_IDS:
                rows = "OLD TABLE AS old_rows" if event == "DELETE" else "NEW TABLE AS new_rows"
                db.execute(
                    f"CREATE TRIGGER {name} AFTER {event} ON {table} REFERENCING {rows}"
                    " FOR EACH STATEMENT EXECUTE FUNCTION vinhdanh_rows_changed()"
                )
            else:
                db.execute(
                    f"CREATE TRIGGER {name} AFTER {event} ON {table}"
                    " FOR EACH STATEMENT EXECUTE FUNCTION vinhdanh_table_changed()"
                )


@dataclass(frozen=True)
class Event:
    table: str
    op: str
    ids: tuple[int, ...] | None  # None: too many to name, re-read the list
    pid: int
    by: str


def _event(payload: str) -> Event | None:
    try:
        data = json.loads(payload)
        ids = None if data.get("ids") is None else tuple(int(i) for i in str(data["ids"]).split(",") if i)
        return Event(str(data["table"]), str(data["op"]), ids, int(data["pid"]), str(data.get("by", "")))
    except (ValueError, KeyError, TypeError):
        log.warning("a notification not understood: %r", payload[:200])
        return None


class ChangeFeed:
    """A connection that only listens. wait() gives what arrived within `timeout` seconds,
    or None when the connection is lost (the caller reconnects and re-reads everything:
    what was committed meanwhile was not heard)."""

    def __init__(self, store: PgStore):
        self._conn = store.connect_raw()  # the same login (and password typed) as the book's
        self._conn.execute(f"LISTEN {CHANNEL}")

    def wait(self, timeout: float) -> list[Event] | None:
        import psycopg

        try:
            # The first as soon as it comes, then whatever else has arrived by then.
            first = list(self._conn.notifies(timeout=timeout, stop_after=1))
            rest = list(self._conn.notifies(timeout=0.01)) if first else []
            heard = [_event(n.payload) for n in (*first, *rest)]
        except psycopg.Error as exc:
            log.info("change feed lost: %s", exc)
            return None
        return [e for e in heard if e is not None]

    def close(self) -> None:
        self._conn.close()


def changes_from(book: CeremonyBook, events: list[Event], own_pid: int | None = None) -> list[Changes]:
    """What others changed, as the pages are told: one Changes per kind of record (pages
    take upserted records of their own kind), each marked with who made it."""
    others = [e for e in events if e.pid != own_pid and e.table in KINDS]
    if not others:
        return []
    by = ", ".join(sorted({e.by for e in others if e.by})) or "người khác"
    said: list[Changes] = []
    for table, read in (("awardee", book.awardees_by_id), ("prize", book.prizes_by_id)):
        mine = [e for e in others if e.table == table]
        if not mine:
            continue
        kind = KINDS[table]
        if any(e.ids is None for e in mine):
            said.append(Changes.of(kind, wholesale=True, by=by))
            continue
        ids = sorted({i for e in mine for i in (e.ids or ())})
        if len(ids) > MAX_IDS:  # an import heard row by row: re-read rather than patch
            said.append(Changes.of(kind, wholesale=True, by=by))
            continue
        found: dict[int, Any] = read(ids)
        said.append(
            Changes.of(
                kind,
                upserted=tuple(found[i] for i in ids if i in found),
                removed=tuple(i for i in ids if i not in found),
                by=by,
            )
        )
    rest = {KINDS[e.table] for e in others if e.table not in _WITH_IDS}
    if rest:
        said.append(Changes(frozenset(rest), wholesale=True, by=by))
    return said
