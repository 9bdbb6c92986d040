"""Schema migrations: one step per version, each run in its own transaction.

Version N is reached by MIGRATIONS[N - 1]. Never edit a released step; add a new one
and a fixture database for the version it starts from (tests/fixtures/).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable


def _run(db: sqlite3.Connection, script: str) -> None:
    """Run DDL statement by statement: executescript() would COMMIT the open transaction."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _v1_initial(db: sqlite3.Connection) -> None:
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if tables:
        raise RuntimeError(f"version 0 database already has tables: {sorted(tables)}")
    _run(
        db,
        """
        CREATE TABLE ceremony (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            held_on TEXT,
            place TEXT NOT NULL DEFAULT '',
            organiser TEXT NOT NULL DEFAULT '',
            chair TEXT NOT NULL DEFAULT '',
            news_url TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE decision (
            id INTEGER PRIMARY KEY,
            ceremony_id INTEGER NOT NULL REFERENCES ceremony(id) ON DELETE CASCADE,
            award_form TEXT NOT NULL
                CHECK (award_form IN ('bang_khen', 'giay_khen', 'giay_chung_nhan')),
            number TEXT NOT NULL DEFAULT '',
            signed_on TEXT,
            issuer TEXT NOT NULL DEFAULT '',
            signer_role TEXT NOT NULL DEFAULT '',
            signer_name TEXT NOT NULL DEFAULT '',
            achievement TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX decision_ceremony ON decision(ceremony_id);
        CREATE TABLE field (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            position INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE awardee (
            id INTEGER PRIMARY KEY,
            ceremony_id INTEGER NOT NULL REFERENCES ceremony(id) ON DELETE CASCADE,
            decision_id INTEGER REFERENCES decision(id) ON DELETE RESTRICT,
            kind TEXT NOT NULL CHECK (kind IN ('collective', 'individual')),
            name TEXT NOT NULL CHECK (name <> ''),
            position TEXT NOT NULL DEFAULT '',
            unit TEXT NOT NULL DEFAULT '',
            ward TEXT NOT NULL DEFAULT '',
            field TEXT NOT NULL DEFAULT '',
            model_name TEXT NOT NULL DEFAULT '',
            achievement TEXT NOT NULL DEFAULT '',
            register_no TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            search_key TEXT NOT NULL DEFAULT '',
            match_key TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX awardee_ceremony ON awardee(ceremony_id);
        CREATE INDEX awardee_decision ON awardee(decision_id);
        CREATE INDEX awardee_match ON awardee(ceremony_id, match_key);
        CREATE TABLE contest (
            id INTEGER PRIMARY KEY,
            ceremony_id INTEGER NOT NULL REFERENCES ceremony(id) ON DELETE CASCADE,
            decision_id INTEGER REFERENCES decision(id) ON DELETE RESTRICT,
            title TEXT NOT NULL CHECK (title <> ''),
            entries_received INTEGER NOT NULL DEFAULT 0 CHECK (entries_received >= 0),
            notes TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE contest_quota (
            contest_id INTEGER NOT NULL REFERENCES contest(id) ON DELETE CASCADE,
            level TEXT NOT NULL CHECK (level IN ('special', 'a', 'b', 'c', 'consolation')),
            quota INTEGER NOT NULL CHECK (quota >= 0),
            PRIMARY KEY (contest_id, level)
        );
        CREATE TABLE prize (
            id INTEGER PRIMARY KEY,
            contest_id INTEGER NOT NULL REFERENCES contest(id) ON DELETE CASCADE,
            level TEXT NOT NULL CHECK (level IN ('special', 'a', 'b', 'c', 'consolation')),
            authors TEXT NOT NULL CHECK (authors <> ''),
            work_title TEXT NOT NULL DEFAULT '',
            unit TEXT NOT NULL DEFAULT '',
            register_no TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            search_key TEXT NOT NULL DEFAULT '',
            match_key TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX prize_contest ON prize(contest_id);
        """,
    )
    db.executemany(
        "INSERT INTO field (name, position) VALUES (?, ?)",
        [(name, i) for i, name in enumerate(("VH-XH", "Bảo vệ môi trường", "GPMB", "Kinh tế", "TTĐT"))],
    )


def _v2_printing(db: sqlite3.Connection) -> None:
    """Certificate templates, register-number counters and the print log."""
    _run(
        db,
        """
        CREATE TABLE certificate_template (
            ceremony_id INTEGER NOT NULL REFERENCES ceremony(id) ON DELETE CASCADE,
            award_form TEXT NOT NULL
                CHECK (award_form IN ('bang_khen', 'giay_khen', 'giay_chung_nhan')),
            settings TEXT NOT NULL DEFAULT '{}',
            PRIMARY KEY (ceremony_id, award_form)
        );
        CREATE TABLE register_counter (
            series TEXT PRIMARY KEY,
            last INTEGER NOT NULL CHECK (last >= 0)
        );
        CREATE TABLE print_job (
            id INTEGER PRIMARY KEY,
            ceremony_id INTEGER NOT NULL REFERENCES ceremony(id) ON DELETE CASCADE,
            printed_at TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('print', 'pdf')),
            target TEXT NOT NULL DEFAULT '',
            mode TEXT NOT NULL CHECK (mode IN ('full', 'blank')),
            copies INTEGER NOT NULL DEFAULT 1 CHECK (copies >= 1),
            reason TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX print_job_ceremony ON print_job(ceremony_id);
        CREATE TABLE print_item (
            job_id INTEGER NOT NULL REFERENCES print_job(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            awardee_id INTEGER REFERENCES awardee(id) ON DELETE SET NULL,
            prize_id INTEGER REFERENCES prize(id) ON DELETE SET NULL,
            name TEXT NOT NULL,
            register_no TEXT NOT NULL,
            reprint INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (job_id, position)
        );
        CREATE INDEX print_item_awardee ON print_item(awardee_id);
        CREATE INDEX print_item_prize ON print_item(prize_id)
        """,
    )


def _v3_award_order(db: sqlite3.Connection) -> None:
    """The award order: batches on stage, their leaders, absences and the MC's wording."""
    _run(
        db,
        """
        CREATE TABLE award_order (
            ceremony_id INTEGER PRIMARY KEY REFERENCES ceremony(id) ON DELETE CASCADE,
            batch_size INTEGER NOT NULL DEFAULT 10 CHECK (batch_size BETWEEN 1 AND 50),
            opening TEXT NOT NULL DEFAULT '',
            closing TEXT NOT NULL DEFAULT '',
            live_step INTEGER NOT NULL DEFAULT 0 CHECK (live_step >= 0)
        );
        CREATE TABLE award_batch (
            id INTEGER PRIMARY KEY,
            ceremony_id INTEGER NOT NULL REFERENCES award_order(ceremony_id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            award_form TEXT NOT NULL
                CHECK (award_form IN ('bang_khen', 'giay_khen', 'giay_chung_nhan')),
            leader_name TEXT NOT NULL DEFAULT '',
            leader_role TEXT NOT NULL DEFAULT '',
            intro TEXT NOT NULL DEFAULT '',
            UNIQUE (ceremony_id, position)
        );
        CREATE TABLE award_batch_item (
            batch_id INTEGER NOT NULL REFERENCES award_batch(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            awardee_id INTEGER REFERENCES awardee(id) ON DELETE CASCADE,
            prize_id INTEGER REFERENCES prize(id) ON DELETE CASCADE,
            absent INTEGER NOT NULL DEFAULT 0,
            CHECK ((awardee_id IS NULL) <> (prize_id IS NULL)),
            PRIMARY KEY (batch_id, position)
        );
        CREATE INDEX award_batch_item_awardee ON award_batch_item(awardee_id);
        CREATE INDEX award_batch_item_prize ON award_batch_item(prize_id)
        """,
    )


def _v4_party_heading(db: sqlite3.Connection) -> None:
    """A decision says whether its papers carry the Party or the national heading ('' =
    guess from the issuer) and, for the Party, the superior body printed above the issuer.
    The ceremony screens keep the moment the handing over began, so the MC's clock goes on
    from there after a restart. A print run is logged before its pages are made ('running')
    and settled after: one killed half-way counts as printed until someone looks."""
    _run(
        db,
        """
        ALTER TABLE decision ADD COLUMN heading TEXT NOT NULL DEFAULT ''
            CHECK (heading IN ('', 'state', 'party'));
        ALTER TABLE decision ADD COLUMN superior TEXT NOT NULL DEFAULT '';
        ALTER TABLE award_order ADD COLUMN live_started TEXT;
        ALTER TABLE print_job ADD COLUMN status TEXT NOT NULL DEFAULT 'done'
            CHECK (status IN ('done', 'running'))
        """,
    )
    # The field list shows full names ("Giải phóng mặt bằng" beside "Bảo vệ môi trường"); the
    # short forms version 1 put in the list become their full names. Records keep their text.
    for short, full in (("VH-XH", "Văn hóa – xã hội"), ("GPMB", "Giải phóng mặt bằng"), ("TTĐT", "Trật tự đô thị")):
        if db.execute("SELECT 1 FROM field WHERE name = ?", (full,)).fetchone():
            db.execute("DELETE FROM field WHERE name = ?", (short,))
        else:
            db.execute("UPDATE field SET name = ? WHERE name = ?", (full, short))


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _v1_initial,
    _v2_printing,
    _v3_award_order,
    _v4_party_heading,
]
SCHEMA_VERSION = len(MIGRATIONS)
