"""What the ceremony screens write while the show runs: who is absent, and how far the show
has come (with the clock's start). They are live state, not edits: the MC undoes an absence by
pressing its key again and goes back with ←, so they never go on the window's undo stack
(nor clear it), and they are saved without a note in the status bar at every key."""

from __future__ import annotations

import datetime as dt

from models.domain.award_order import AwardOrder
from models.domain.changes import Changes, Kind
from models.domain.records import Ref
from models.ops.base import Op
from models.repos.order_book import OrderBook


class LiveOp(Op):
    undoable = False
    quiet = True

    def undo(self) -> Changes:  # never asked: not on the stack
        raise NotImplementedError


class MarkAbsent(LiveOp):
    def __init__(self, orders: OrderBook, ceremony_id: int, ref: Ref, absent: bool):
        self.orders, self.ceremony_id, self.ref, self.absent = orders, ceremony_id, ref, absent
        self.label = "Vắng mặt" if absent else "Có mặt"

    def do(self) -> Changes:
        self.orders.set_absent(self.ceremony_id, self.ref, self.absent)
        return Changes.of(Kind.LIVE, ceremony_id=self.ceremony_id)


class ReachStep(LiveOp):
    label = "Vị trí lễ trao"

    def __init__(self, orders: OrderBook, ceremony_id: int, step: int, started: dt.datetime | None):
        self.orders, self.ceremony_id, self.step, self.started = orders, ceremony_id, step, started

    def do(self) -> Changes:
        self.orders.set_live_step(self.ceremony_id, self.step, self.started)
        return Changes.of(Kind.LIVE, ceremony_id=self.ceremony_id)


class BeginShow(LiveOp):
    """The order the screens open on is kept as the arranged one, with where the show
    resumes (or the start again): absences and the position are saved from here on."""

    label = "Bắt đầu lễ trao"

    def __init__(self, orders: OrderBook, order: AwardOrder):
        self.orders, self.order = orders, order.copy()

    def do(self) -> Changes:
        self.orders.save(self.order.copy())
        return Changes.of(Kind.ORDER, ceremony_id=self.order.ceremony_id)
