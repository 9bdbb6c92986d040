"""Where the award order is kept: loading, saving, absences and the live position.

With book.py and print_book.py, the only modules holding SQL besides store.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import text
from .award_order import AwardOrder, Batch, Entries, Reconciled, default_order, gather_entries, reconcile
from .book import CeremonyBook
from .domain import AwardForm, Ref
from .store import Store


@dataclass(slots=True)
class CurrentOrder:
    """The order as it stands now, with what changed since it was saved."""

    order: AwardOrder
    entries: Entries
    saved: bool  # False: generated from the data, never arranged by hand
    added: int = 0
    dropped: int = 0

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
    def __init__(self, store: Store):
        self.store = store

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
            ref: Ref = ("awardee", r["awardee_id"]) if r["awardee_id"] is not None else ("prize", r["prize_id"])
            batches[r["batch_id"]].refs.append(ref)
            if r["absent"]:
                result.absent.add(ref)
        return result

    def save(self, o: AwardOrder) -> None:
        """Replace the ceremony's saved order with this one, in one transaction."""
        with self.store.transaction() as db:
            db.execute(
                "INSERT INTO award_order (ceremony_id, batch_size, opening, closing, live_step, live_started)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (ceremony_id) DO UPDATE SET"
                " batch_size = excluded.batch_size, opening = excluded.opening,"
                " closing = excluded.closing, live_step = excluded.live_step, live_started = excluded.live_started",
                (
                    o.ceremony_id,
                    o.batch_size,
                    text.clean_multiline(o.opening),
                    text.clean_multiline(o.closing),
                    o.live_step,
                    _iso(o.live_started),
                ),
            )
            db.execute("DELETE FROM award_batch WHERE ceremony_id = ?", (o.ceremony_id,))
            for position, b in enumerate(o.batches):
                batch_id = db.execute(
                    "INSERT INTO award_batch (ceremony_id, position, award_form, leader_name, leader_role, intro)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        o.ceremony_id,
                        position,
                        b.form.value,
                        text.clean(b.leader_name),
                        text.clean(b.leader_role),
                        text.clean_multiline(b.intro),
                    ),
                ).lastrowid
                db.executemany(
                    "INSERT INTO award_batch_item (batch_id, position, awardee_id, prize_id, absent)"
                    " VALUES (?, ?, ?, ?, ?)",
                    [
                        (
                            batch_id,
                            i,
                            ref[1] if ref[0] == "awardee" else None,
                            ref[1] if ref[0] == "prize" else None,
                            int(ref in o.absent),
                        )
                        for i, ref in enumerate(b.refs)
                    ],
                )

    def forget(self, ceremony_id: int) -> None:
        """Drop the arranged order; the default one applies again."""
        with self.store.transaction() as db:
            db.execute("DELETE FROM award_order WHERE ceremony_id = ?", (ceremony_id,))

    def set_absent(self, ceremony_id: int, ref: Ref, absent: bool) -> None:
        column = "awardee_id" if ref[0] == "awardee" else "prize_id"
        with self.store.transaction() as db:
            db.execute(
                f"UPDATE award_batch_item SET absent = ? WHERE {column} = ? AND batch_id IN"
                " (SELECT id FROM award_batch WHERE ceremony_id = ?)",
                (int(absent), ref[1], ceremony_id),
            )

    def set_live_step(self, ceremony_id: int, step: int, started: dt.datetime | None = None) -> None:
        with self.store.transaction() as db:
            db.execute(
                "UPDATE award_order SET live_step = ?, live_started = ? WHERE ceremony_id = ?",
                (max(0, step), _iso(started), ceremony_id),
            )

    def current(self, book: CeremonyBook, ceremony_id: int) -> CurrentOrder:
        """The saved order kept true to today's lists, or the default order if none is saved."""
        entries = gather_entries(book, ceremony_id)
        saved = self.load(ceremony_id)
        if saved is None:
            return CurrentOrder(default_order(ceremony_id, entries), entries, saved=False)
        fixed: Reconciled = reconcile(saved, entries)
        return CurrentOrder(fixed.order, entries, True, len(fixed.added), fixed.dropped)


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None
