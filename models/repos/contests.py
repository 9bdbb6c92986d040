"""Contests and their prizes in the book: the part of CeremonyBook (which inherits it) for
essay and outreach contests, quotas of A/B/C prizes included."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from models.domain.records import (
    Contest,
    Prize,
    PrizeLevel,
)
from models.errors import ValidationError
from models.repos.rows import (
    PRIZES,
    cleaned,
    save_versioned,
)

if TYPE_CHECKING:
    from models.storage.engine import BookStore


class ContestRecords:
    store: BookStore

    @property
    def _db(self) -> sqlite3.Connection:
        return self.store.read()

    # --- contests and prizes ----------------------------------------------------------

    def contests(self, ceremony_id: int) -> list[Contest]:
        rows = self._db.execute("SELECT * FROM contest WHERE ceremony_id = ? ORDER BY id", (ceremony_id,)).fetchall()
        return [self._contest_from_row(r) for r in rows]

    def _contest_from_row(self, r: sqlite3.Row) -> Contest:
        quotas = {
            PrizeLevel(q["level"]): q["quota"]
            for q in self._db.execute("SELECT level, quota FROM contest_quota WHERE contest_id = ?", (r["id"],))
        }
        return Contest(
            ceremony_id=r["ceremony_id"],
            title=r["title"],
            entries_received=r["entries_received"],
            decision_id=r["decision_id"],
            quotas=quotas,
            notes=r["notes"],
            id=r["id"],
            version=r["version"],
        )

    def save_contest(self, c: Contest) -> Contest:
        c = cleaned(c)
        if not c.title:
            raise ValidationError("Chưa nhập tên cuộc thi.")
        if c.entries_received < 0 or any(q < 0 for q in c.quotas.values()):
            raise ValidationError("Số tác phẩm và số giải không được âm.")
        values = dict(
            ceremony_id=c.ceremony_id,
            decision_id=c.decision_id,
            title=c.title,
            entries_received=c.entries_received,
            notes=c.notes,
        )
        with self.store.transaction() as db:
            save_versioned(db, "contest", values, c, self._contest_from_row)
            db.execute("DELETE FROM contest_quota WHERE contest_id = ?", (c.id,))
            db.executemany(
                "INSERT INTO contest_quota (contest_id, level, quota) VALUES (?, ?, ?)",
                [(c.id, level.value, n) for level, n in c.quotas.items() if n],
            )
        self._wrote("contest", [c])
        return c

    def delete_contest(self, contest_id: int) -> None:
        with self.store.transaction() as db:
            db.execute("DELETE FROM contest WHERE id = ?", (contest_id,))

    def prizes(self, contest_id: int) -> list[Prize]:
        return PRIZES.read_all(self._db, contest_id)

    def prize(self, prize_id: int) -> Prize:
        return PRIZES.get(self._db, prize_id)

    def _wrote(self, table: str, records: Iterable) -> None:
        """Note the versions this app wrote (see Store.written)."""
        for r in records:
            self.store.written[(table, r.id)] = r.version

    def latest_written(self, table: str, record_id: int) -> int | None:
        return self.store.written.get((table, record_id))

    def _checked_prize(self, p: Prize) -> Prize:
        p = cleaned(p)
        if not p.authors:
            raise ValidationError("Chưa nhập tên tác giả.")
        return p

    def add_prizes(self, records: Iterable[Prize]) -> list[Prize]:
        checked = [self._checked_prize(p) for p in records]
        with self.store.transaction() as db:
            PRIZES.insert(db, checked)
        self._wrote("prize", checked)
        return checked

    def add_prize(self, p: Prize) -> Prize:
        return self.add_prizes([p])[0]

    def update_prize(self, p: Prize) -> Prize:
        p = self._checked_prize(p)
        with self.store.transaction() as db:
            PRIZES.update(db, [p])
        self._wrote("prize", [p])
        return p

    def delete_prizes(self, ids: Sequence[int], versions: Mapping[int, int] | None = None) -> list[Prize]:
        with self.store.transaction() as db:
            return PRIZES.delete(db, ids, versions)

    def find_prize_duplicates(self, p: Prize) -> list[Prize]:
        return PRIZES.duplicates(self._db, p)
