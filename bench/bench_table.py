"""Benchmark the clerk's table on 10,000 awardees: load, filter keystrokes, sort, memory.

Run by hand (not in CI):  python bench/bench_table.py [--rows 10000]
Prints its figures; aims: load under 0.3 s, a filter keystroke under 30 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from bench.measure import peak_memory_mib  # noqa: E402
from models.domain.records import Awardee, AwardeeKind, AwardForm, Ceremony, Decision  # noqa: E402
from models.repos.book import CeremonyBook  # noqa: E402
from models.sample import FAMILY, GIVEN, LONG_BIEN_WARDS, MIDDLE, MODELS  # noqa: E402
from models.storage.store import Store  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.session import BookSession  # noqa: E402


def fill(book: CeremonyBook, rows: int) -> int:
    ceremony = book.save_ceremony(Ceremony(title="Benchmark", place="Long Biên"))
    decision = book.save_decision(Decision(ceremony_id=ceremony.id, award_form=AwardForm.GIAY_KHEN))
    fields = list(MODELS)
    records = []
    for i in range(rows):
        ward = LONG_BIEN_WARDS[i % len(LONG_BIEN_WARDS)]
        field = fields[i % len(fields)]
        person = i % 3 != 0
        name = (
            f"{FAMILY[i % len(FAMILY)]} {MIDDLE[(i // 7) % len(MIDDLE)]} {GIVEN[(i // 3) % len(GIVEN)]}"
            if person
            else f"Tổ dân phố số {i % 97 + 1} phường {ward}"
        )
        records.append(
            Awardee(
                ceremony_id=ceremony.id,
                kind=AwardeeKind.INDIVIDUAL if person else AwardeeKind.COLLECTIVE,
                name=name,
                position="Tổ trưởng tổ dân phố" if person else "",
                unit=f"Phường {ward}",
                ward=ward,
                field=field,
                model_name=MODELS[field][i % len(MODELS[field])],
                decision_id=decision.id,
            )
        )
    book.add_awardees(records)
    return ceremony.id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="vinhdanh-bench-"))
    store = Store(folder / "bench.sqlite")
    book = CeremonyBook(store)
    t = time.perf_counter()
    ceremony_id = fill(book, args.rows)
    print(f"rows: {args.rows}")
    print(f"insert (one transaction): {time.perf_counter() - t:.2f} s")

    window = MainWindow(BookSession(book))
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    page = window.awardees

    t = time.perf_counter()
    records = book.awardees(ceremony_id)
    t_read = time.perf_counter() - t
    page.set_ceremony(None)
    app.processEvents()
    t = time.perf_counter()
    page.set_ceremony(ceremony_id)
    t_load = time.perf_counter() - t
    app.processEvents()
    t_paint = time.perf_counter() - t
    print(
        f"load table: {t_load * 1000:.0f} ms (a separate SQLite read alone: {t_read * 1000:.0f} ms; "
        f"{len(records)} rows); with first paint {t_paint * 1000:.0f} ms"
    )

    query = "nguyen thi thu"
    filter_ms, with_paint_ms = [], []
    for n in range(1, len(query) + 1):
        t = time.perf_counter()
        page.search.setText(query[:n])
        page.apply_filter()  # the debounce timer would call this after a pause in typing
        app.processEvents()  # includes the deferred status-bar count
        filter_ms.append((time.perf_counter() - t) * 1000)
        page.table.viewport().repaint()
        with_paint_ms.append((time.perf_counter() - t) * 1000)
    print(
        f"filter keystroke ({len(query)} keystrokes typing '{query}', ending at {page.proxy.rowCount()} rows): "
        f"mean {statistics.mean(filter_ms):.1f} ms, max {max(filter_ms):.1f} ms; "
        f"with repaint mean {statistics.mean(with_paint_ms):.1f} ms, max {max(with_paint_ms):.1f} ms"
    )
    page.search.clear()
    page.apply_filter()

    for label in ("first", "again (keys cached)"):
        t = time.perf_counter()
        page.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        print(f"sort by name, official order, {label}: {(time.perf_counter() - t) * 1000:.0f} ms")

    peak = peak_memory_mib()
    print(f"peak memory (RSS): {peak:.0f} MiB" if peak is not None else "peak memory: not measurable here")
    window.close()
    store.close()


if __name__ == "__main__":
    main()
