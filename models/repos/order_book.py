"""Where the award order is kept: loading, saving, absences and the live position.

The repos/ modules (this one, book.py, print_book.py, rows.py) hold the only SQL outside storage/.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models.domain import text
from models.domain.award_order import AwardOrder, Batch, Entries, Reconciled, default_order, entries_of, reconcile
from models.domain.records import Awardee, AwardForm, Ref, RefKind
from models.errors import ConflictError
from models.repos.book import CeremonyBook
from models.repos.rows import insert_returning_id
from models.storage.engine import BookStore


@dataclass(slots=True)
class CurrentOrder:
    """The order as it stands now, with what changed since it was saved."""

    order: AwardOrder
    entries: Entries
    saved: bool  # False: generated from the data, never arranged by hand
    added: int = 0
    dropped: int = 0
    stored: AwardOrder | None = None  # exactly what the book holds, for saving only changes

    @property
    def changes(self) -> str:
        """A note for the organiser when the lists changed after the order was arranged."""
        parts = []
        if self.added:
            parts.append(f"{self.added} mục mới được xếp vào cuối các đợt cùng hình thức")
        if self.dropped:
            parts.append(f"{self.dropped} mục không còn gắn quyết định được bỏ khỏi thứ tự")
        return "; ".join(parts)


class OrderBook:
    def __init__(self, store: BookStore):
        self.store = store
        # What this book last read or wrote, per ceremony: the base an edit is saved
        # against (save() checks the book still holds it before writing only changes).
        self._held: dict[int, AwardOrder] = {}

    def held(self, ceremony_id: int) -> AwardOrder | None:
        return self._held.get(ceremony_id)

    def load(self, ceremony_id: int) -> AwardOrder | None:
        db = self.store.read()
        head = db.execute("SELECT * FROM award_order WHERE ceremony_id = ?", (ceremony_id,)).fetchone()
        if head is None:
            return None
        result = AwardOrder(
            ceremony_id,
            batch_size=head["batch_size"],
            opening=head["opening"],
            closing=head["closing"],
            live_step=head["live_step"],
            live_started=dt.datetime.fromisoformat(head["live_started"]) if head["live_started"] else None,
        )
        batches: dict[int, Batch] = {}
        for r in db.execute("SELECT * FROM award_batch WHERE ceremony_id = ? ORDER BY position", (ceremony_id,)):
            batch = Batch(AwardForm(r["award_form"]), [], r["leader_name"], r["leader_role"], r["intro"])
            batches[r["id"]] = batch
            result.batches.append(batch)
        rows = db.execute(
            "SELECT i.* FROM award_batch_item i JOIN award_batch b ON b.id = i.batch_id"
            " WHERE b.ceremony_id = ? ORDER BY b.position, i.position",
            (ceremony_id,),
        )
        for r in rows:
            ref = Ref.of_columns(r["awardee_id"], r["prize_id"])
            batches[r["batch_id"]].refs.append(ref)
            if r["absent"]:
                result.absent.add(ref)
        self._held[ceremony_id] = result.copy()
        return result

    def save(self, o: AwardOrder, stored: AwardOrder | None = None) -> None:
        """Make the ceremony's saved order this one, in one transaction.

        `stored` is the order the book holds now, as loaded or last saved: then only what
        differs is written (an edit at 50,000 awardees touches two batches, not 50,000
        rows), and what the edit did not change is left as the book has it, such as an
        absence marked on stage meanwhile. Without it the whole order is replaced."""
        with self.store.transaction() as db:
            on_server = getattr(db, "engine", "sqlite") == "postgresql"
            ids = self._batch_ids(db, o.ceremony_id, stored) if stored is not None else None
            if stored is not None and ids is None and on_server:
                raise self._arranged_meanwhile(o)
            if stored is not None and ids is not None:
                if not self._write_head(db, o, stored, guarded=on_server):
                    raise self._arranged_meanwhile(o)
                self._write_changes(db, o, stored, ids)
            else:
                self._write_head(db, o, None)
                db.execute("DELETE FROM award_batch WHERE ceremony_id = ?", (o.ceremony_id,))
                for position, b in enumerate(o.batches):
                    self._insert_batch(db, o.ceremony_id, position, b, {r: r in o.absent for r in b.refs})
        self._held[o.ceremony_id] = o.copy()

    def _arranged_meanwhile(self, o: AwardOrder) -> ConflictError:
        # On a server "not what we read" means another organiser changed it since: their
        # order is not written over (a file has one writer; there it is replaced).
        self._held.pop(o.ceremony_id, None)
        return ConflictError(
            "Thứ tự trao của hội nghị này vừa được người khác sửa trên máy chủ (sắp xếp, người trao hay lời dẫn);"
            " thay đổi của bạn chưa được lưu. Trang Thứ tự trao đọc lại bản mới để bạn làm lại trên đó.",
            None,
            o,
        )

    @staticmethod
    def _batch_ids(db, ceremony_id: int, stored: AwardOrder) -> list[int] | None:
        """The stored batches' row ids by position, or None if the book does not hold
        exactly `stored`'s batches, people and wording (another window saved, an awardee
        was deleted): then the caller writes the whole order rather than edit rows it does
        not know."""
        rows = db.execute(
            "SELECT id, award_form, leader_name, leader_role, intro FROM award_batch"
            " WHERE ceremony_id = ? ORDER BY position",
            (ceremony_id,),
        ).fetchall()
        # As they were written (cleaned): an order held as typed is the same order.
        wording = [
            (b.form.value, text.clean(b.leader_name), text.clean(b.leader_role), text.clean_multiline(b.intro))
            for b in stored.batches
        ]
        if [tuple(r[1:]) for r in rows] != wording:
            return None
        ids = [r[0] for r in rows]
        # One string from SQLite, one from memory: 25 ms at 50,000 against 55 ms for rows.
        # SQLite joins in the subquery's order; PostgreSQL is told the order in the aggregate.
        on_server = getattr(db, "engine", "sqlite") == "postgresql"
        joined = "string_agg(x, ',' ORDER BY bp, ip)" if on_server else "group_concat(x, ',')"
        (held,) = db.execute(
            f"SELECT {joined} FROM (SELECT b.position AS bp, i.position AS ip, b.position || ':' || "
            "coalesce(CAST(i.awardee_id AS TEXT), 'p' || i.prize_id) AS x"
            " FROM award_batch_item i JOIN award_batch b ON b.id = i.batch_id WHERE b.ceremony_id = ?"
            " ORDER BY b.position, i.position) AS held",
            (ceremony_id,),
        ).fetchone()
        expected = ",".join(f"{p}:{ref.key()}" for p, b in enumerate(stored.batches) for ref in b.refs)
        return ids if (held or "") == expected else None

    @staticmethod
    def _write_head(db, o: AwardOrder, stored: AwardOrder | None, guarded: bool = False) -> bool:
        """Write the order's head; guarded, only over the wording `stored` holds: False
        (nothing written) if it was changed meanwhile."""
        values = {
            "batch_size": o.batch_size,
            "opening": text.clean_multiline(o.opening),
            "closing": text.clean_multiline(o.closing),
            "live_step": o.live_step,
            "live_started": _iso(o.live_started),
        }
        if stored is None:
            db.execute(
                "INSERT INTO award_order (ceremony_id, batch_size, opening, closing, live_step, live_started)"
                " VALUES (:ceremony_id, :batch_size, :opening, :closing, :live_step, :live_started)"
                " ON CONFLICT (ceremony_id) DO UPDATE SET"
                " batch_size = excluded.batch_size, opening = excluded.opening,"
                " closing = excluded.closing, live_step = excluded.live_step, live_started = excluded.live_started",
                {"ceremony_id": o.ceremony_id, **values},
            )
            return True
        # Only what this edit changed: the ceremony screens keep live_step up to date meanwhile.
        changed = {k: v for k, v in values.items() if getattr(o, k) != getattr(stored, k)}
        if not changed:
            return True
        columns = ", ".join(f"{k} = :{k}" for k in changed)
        # On a server another organiser may have changed the wording since this edit read it
        # (where the show is, live_step, is the stage's and is not checked).
        worded = [k for k in changed if k in _WORDING] if guarded else []
        was = {f"was_{k}": _stored_value(stored, k) for k in worded}
        guard = "".join(f" AND {k} = :was_{k}" for k in worded)
        cur = db.execute(
            f"UPDATE award_order SET {columns} WHERE ceremony_id = :ceremony_id{guard}",
            {"ceremony_id": o.ceremony_id, **changed, **was},
        )
        return cur.rowcount == 1

    def _write_changes(self, db, o: AwardOrder, stored: AwardOrder, ids: list[int]) -> None:
        # A batch the edit left as it was keeps its row, wherever it moved to.
        unused: dict[tuple, list[int]] = {}
        for batch_id, b in zip(ids, stored.batches, strict=True):
            unused.setdefault(_content(b), []).append(batch_id)
        kept: list[int | None] = []
        for b in o.batches:
            same = unused.get(_content(b))
            kept.append(same.pop(0) if same else None)
        gone = [batch_id for rows in unused.values() for batch_id in rows]
        # What stage marked in the batches rewritten now is kept, unless this edit changed it.
        edited_absence = o.absent ^ stored.absent
        on_stage = self._absent_in(db, gone)
        db.executemany("DELETE FROM award_batch WHERE id = ?", [(i,) for i in gone])
        old_position = {batch_id: p for p, batch_id in enumerate(ids)}
        moved = [(-1 - p, i) for p, i in enumerate(kept) if i is not None and old_position[i] != p]
        # Positions are unique: moved batches wait at negative ones while new batches go in.
        db.executemany("UPDATE award_batch SET position = ? WHERE id = ?", moved)
        for position, (b, kept_id) in enumerate(zip(o.batches, kept, strict=True)):
            if kept_id is None:
                absent = {
                    r: (r in o.absent) if r in edited_absence or r not in on_stage else on_stage[r] for r in b.refs
                }
                self._insert_batch(db, o.ceremony_id, position, b, absent)
        if moved:
            db.execute(
                "UPDATE award_batch SET position = -1 - position WHERE ceremony_id = ? AND position < 0",
                (o.ceremony_id,),
            )
        for ref in edited_absence:
            self._set_absent(db, o.ceremony_id, ref, ref in o.absent)

    @staticmethod
    def _absent_in(db, batch_ids: list[int]) -> dict[Ref, bool]:
        found: dict[Ref, bool] = {}
        for batch_id in batch_ids:
            for r in db.execute(
                "SELECT awardee_id, prize_id, absent FROM award_batch_item WHERE batch_id = ?", (batch_id,)
            ):
                ref = Ref.of_columns(r[0], r[1])
                found[ref] = bool(r[2])
        return found

    @staticmethod
    def _insert_batch(db, ceremony_id: int, position: int, b: Batch, absent: dict[Ref, bool]) -> None:
        batch_id = insert_returning_id(
            db,
            "INSERT INTO award_batch (ceremony_id, position, award_form, leader_name, leader_role, intro)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                ceremony_id,
                position,
                b.form.value,
                text.clean(b.leader_name),
                text.clean(b.leader_role),
                text.clean_multiline(b.intro),
            ),
        )
        db.executemany(
            "INSERT INTO award_batch_item (batch_id, position, awardee_id, prize_id, absent) VALUES (?, ?, ?, ?, ?)",
            [
                (
                    batch_id,
                    i,
                    ref.awardee_id,
                    ref.prize_id,
                    int(absent[ref]),
                )
                for i, ref in enumerate(b.refs)
            ],
        )

    def forget(self, ceremony_id: int) -> None:
        """Drop the arranged order; the default one applies again."""
        with self.store.transaction() as db:
            db.execute("DELETE FROM award_order WHERE ceremony_id = ?", (ceremony_id,))
        self._held.pop(ceremony_id, None)

    def set_absent(self, ceremony_id: int, ref: Ref, absent: bool) -> None:
        with self.store.transaction() as db:
            self._set_absent(db, ceremony_id, ref, absent)

    @staticmethod
    def _set_absent(db, ceremony_id: int, ref: Ref, absent: bool) -> None:
        column = "awardee_id" if ref.kind is RefKind.AWARDEE else "prize_id"
        db.execute(
            f"UPDATE award_batch_item SET absent = ? WHERE {column} = ? AND batch_id IN"
            " (SELECT id FROM award_batch WHERE ceremony_id = ?)",
            (int(absent), ref.id, ceremony_id),
        )

    def refresh_live(self, orders: list[AwardOrder]) -> None:
        """Bring what the ceremony screens write (step, clock, absences) up to date in these
        orders of one ceremony, without reading the whole order again."""
        if not orders:
            return
        db = self.store.read()
        ceremony_id = orders[0].ceremony_id
        head = db.execute(
            "SELECT live_step, live_started FROM award_order WHERE ceremony_id = ?", (ceremony_id,)
        ).fetchone()
        absent = {
            Ref.of_columns(r[0], r[1])
            for r in db.execute(
                "SELECT i.awardee_id, i.prize_id FROM award_batch_item i JOIN award_batch b ON b.id = i.batch_id"
                " WHERE b.ceremony_id = ? AND i.absent <> 0",
                (ceremony_id,),
            )
        }
        for o in orders:
            if head is not None:
                o.live_step = head["live_step"]
                o.live_started = dt.datetime.fromisoformat(head["live_started"]) if head["live_started"] else None
            o.absent = absent & set(o.refs())

    def set_live_step(self, ceremony_id: int, step: int, started: dt.datetime | None = None) -> None:
        with self.store.transaction() as db:
            db.execute(
                "UPDATE award_order SET live_step = ?, live_started = ? WHERE ceremony_id = ?",
                (max(0, step), _iso(started), ceremony_id),
            )

    def current(self, book: CeremonyBook, ceremony_id: int, awardees: list[Awardee] | None = None) -> CurrentOrder:
        """The saved order kept true to today's lists, or the default order if none is saved.
        `awardees`: the ceremony's, when the caller has just read them."""
        entries = gather_entries(book, ceremony_id, awardees)
        saved = self.load(ceremony_id)
        if saved is None:
            return CurrentOrder(default_order(ceremony_id, entries), entries, saved=False)
        fixed: Reconciled = reconcile(saved, entries)
        return CurrentOrder(fixed.order, entries, True, len(fixed.added), fixed.dropped, saved)


def gather_entries(book: CeremonyBook, ceremony_id: int, awardees: list[Awardee] | None = None) -> Entries:
    """Everyone the ceremony can call, read from the book."""
    contests = [(c, book.prizes(c.id)) for c in book.contests(ceremony_id)]
    listed = awardees if awardees is not None else book.awardees(ceremony_id)
    return entries_of(book.decisions(ceremony_id), listed, contests)


_WORDING = ("batch_size", "opening", "closing")


def _stored_value(stored: AwardOrder, column: str) -> object:
    value = getattr(stored, column)
    return text.clean_multiline(value) if isinstance(value, str) else value


def _content(b: Batch) -> tuple:
    return (b.form, tuple(b.refs), b.leader_name, b.leader_role, b.intro)


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None
