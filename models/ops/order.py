"""An edit of the award order (a person or batch moved, a batch split or merged, a leader
or the MC's wording set, a reset to the default) as one operation."""

from __future__ import annotations

from models.domain.award_order import AwardOrder
from models.domain.changes import Changes, Kind
from models.ops.base import Op
from models.repos.order_book import OrderBook


class EditOrder(Op):
    """Saves only what differs from what the book holds (OrderBook.held), so an edit stays
    quick at 50,000 awardees. What the ceremony screens wrote meanwhile (absences, the step
    reached, the clock) is kept unless the edit itself changed it (a reset clears them)."""

    def __init__(self, orders: OrderBook, before: AwardOrder, after: AwardOrder, label: str):
        self.orders, self.before, self.after, self.label = orders, before.copy(), after.copy(), label
        self.saved: AwardOrder | None = None  # the order as written by the last do, undo or redo

    def _store(self, order: AwardOrder, source: AwardOrder) -> Changes:
        stored = self.orders.held(order.ceremony_id)
        live = AwardOrder(order.ceremony_id, batches=order.batches)
        self.orders.refresh_live([live, *([stored] if stored else [])])
        target = order.copy()
        edited = order.absent ^ source.absent
        target.absent = (live.absent - edited) | (order.absent & edited)
        if (order.live_step, order.live_started) == (source.live_step, source.live_started):
            target.live_step, target.live_started = live.live_step, live.live_started
        self.orders.save(target.copy(), stored)
        self.saved = target
        return Changes.of(Kind.ORDER, ceremony_id=order.ceremony_id)

    def do(self) -> Changes:
        return self._store(self.after, self.before)

    def undo(self) -> Changes:
        return self._store(self.before, self.after)
