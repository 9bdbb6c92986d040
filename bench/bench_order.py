"""Benchmark award-order edits on a district-sized ceremony: what one edit costs to save.

Run by hand (not in CI):  python bench/bench_order.py [--rows 10000 50000] [--edits 40]
For each size, the same random edits (a person moved, a batch moved, a leader set, a batch
split) are saved three ways in one run, on the same file:
  app      OrderBook.save(after, stored): only what the edit changed (what the window does)
  whole    OrderBook.save(after): the whole order replaced, as before #15
  floor    bare sqlite3 on a copy of the book: one transaction rewriting the item rows of
           the batches the edit touched
and the window's old way of reading the ceremony back after each edit (OrderBook.current).
Prints medians in milliseconds and each against the floor (aim: an edit under 100 ms).
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_annex import _book  # noqa: E402

from models.domain import award_order as ao  # noqa: E402
from models.errors import ValidationError  # noqa: E402
from models.repos.order_book import OrderBook  # noqa: E402


def _edit(o: ao.AwardOrder, rng: random.Random) -> None:
    while True:
        i = rng.randrange(len(o.batches))
        kind = rng.choice(["entry", "batch", "leader", "split"])
        try:
            if kind == "entry":
                to = min(len(o.batches) - 1, i + 1)
                ao.move_entries(o, [o.batches[i].refs[-1]], to, 0)
            elif kind == "batch":
                ao.move_batch(o, i, rng.randrange(len(o.batches)))
            elif kind == "leader":
                ao.set_leader(o, [i], "Lê Trí Vũ", "Trưởng Ban Dân vận Thành ủy")
            elif len(o.batches[i].refs) > 1:
                ao.split_batch(o, i, 1)
            else:
                continue
            return
        except ValidationError:
            continue


def _touched(before: ao.AwardOrder, after: ao.AwardOrder) -> list[tuple[int, ao.Batch]]:
    old = {(b.form, tuple(b.refs), b.leader_name, b.leader_role, b.intro) for b in before.batches}
    return [
        (p, b)
        for p, b in enumerate(after.batches)
        if (b.form, tuple(b.refs), b.leader_name, b.leader_role, b.intro) not in old
    ]


def _floor(path: Path, ceremony_id: int, touched: list[tuple[int, ao.Batch]]) -> None:
    """The least any store does: the touched batches' item rows rewritten, nothing read
    (on a copy of the book, so the app's own file stays as the app wrote it)."""
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("BEGIN IMMEDIATE")
        for position, b in touched:
            row = db.execute(
                "SELECT id FROM award_batch WHERE ceremony_id = ? AND position = ?", (ceremony_id, position)
            ).fetchone()
            if row is None:
                continue
            db.execute("DELETE FROM award_batch_item WHERE batch_id = ?", (row[0],))
            db.executemany(
                "INSERT INTO award_batch_item (batch_id, position, awardee_id, prize_id, absent)"
                " VALUES (?, ?, ?, ?, 0)",
                [(row[0], i, r[1], None) for i, r in enumerate(b.refs)],
            )
        db.execute("COMMIT")
    finally:
        db.close()


def measure(rows: int, edits: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        book, ceremony_id = _book(Path(tmp), rows)
        orders = OrderBook(book.store)
        start = time.perf_counter()
        current = orders.current(book, ceremony_id)
        read_s = time.perf_counter() - start
        stored = current.order
        orders.save(stored)
        copy = Path(tmp) / "floor.sqlite"
        book.store.save_copy(copy)
        rng = random.Random(rows)
        app, whole, floor = [], [], []
        for _ in range(edits):
            after = stored.copy()
            _edit(after, rng)
            touched = _touched(stored, after)
            t = time.perf_counter()
            _floor(copy, ceremony_id, touched)
            floor.append(time.perf_counter() - t)
            t = time.perf_counter()
            orders.save(after, stored)
            app.append(time.perf_counter() - t)
            stored = after
        for _ in range(max(3, edits // 10)):
            t = time.perf_counter()
            orders.save(stored)
            whole.append(time.perf_counter() - t)
        assert orders.load(ceremony_id) == stored
        book.store.close()
    f = statistics.median(floor)
    for label, times in (("app: changes only", app), ("whole order (before #15)", whole), ("floor", floor)):
        m = statistics.median(times)
        print(f"{rows:>7,}  {label:<26}{m * 1000:>9.1f}{min(times) * 1000:>9.1f}{max(times) * 1000:>9.1f}{m / f:>8.1f}")
    print(f"{rows:>7,}  {'read back (before #15)':<26}{read_s * 1000:>9.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[10000, 50000])
    parser.add_argument("--edits", type=int, default=40)
    args = parser.parse_args()
    print(f"{'awardees':>7}  {'one order edit saved':<26}{'med ms':>9}{'min':>9}{'max':>9}{'×floor':>8}")
    for rows in args.rows:
        measure(rows, args.edits)


if __name__ == "__main__":
    main()
