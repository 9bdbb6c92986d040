"""Benchmark advancing the ceremony screens: key press to both screens repainted.

Run by hand (not in CI):  python bench/bench_presenter.py [--batches 60] [--size 10] [--rounds 3]
With DISPLAY set it runs on the real X server (Xvfb or a desktop); otherwise offscreen.
Aim: an advance under one frame (16 ms), including painting both screens.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

# A real screen when there is one (Xvfb counts), offscreen otherwise.
PLATFORM = os.environ.get("QT_QPA_PLATFORM") or (
    "" if os.environ.get("DISPLAY") or sys.platform.startswith("win") else "offscreen"
)
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEvent, Qt  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from bench.bench_table import fill  # noqa: E402
from bench.measure import peak_memory_mib  # noqa: E402
from models.domain.award_order import default_order  # noqa: E402
from models.domain.live import Show  # noqa: E402
from models.reports.mc_script import ceremony_script  # noqa: E402
from models.repos.book import CeremonyBook  # noqa: E402
from models.repos.order_book import OrderBook, gather_entries  # noqa: E402
from models.storage.store import Store  # noqa: E402
from ui.session import BookSession  # noqa: E402
from ui.show.audience_screen import AudienceScreen  # noqa: E402
from ui.show.mc_screen import McScreen  # noqa: E402
from ui.show.show_controller import ShowController  # noqa: E402

if PLATFORM:  # bench_table sets offscreen for itself
    os.environ["QT_QPA_PLATFORM"] = PLATFORM
else:
    os.environ.pop("QT_QPA_PLATFORM", None)


def press(widget, key) -> None:
    QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier))


def measure(app: QApplication, mc: McScreen, hall: AudienceScreen, steps: int) -> list[float]:
    """Milliseconds from the key event to both windows painted, one per advance or step back."""
    times = []
    keys = [Qt.Key.Key_Right] * steps + [Qt.Key.Key_Left] * steps
    for key in keys:
        start = time.perf_counter()
        press(mc, key)
        mc.repaint()  # paint now, not at the next event loop turn
        hall.repaint()
        times.append((time.perf_counter() - start) * 1000)
        app.processEvents()
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--batches", type=int, default=60)
    parser.add_argument("--size", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    app = QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "bench.sqlite", backups=False)
        book = CeremonyBook(store)
        ceremony_id = fill(book, args.batches * args.size)
        orders = OrderBook(store)
        orders.save(default_order(ceremony_id, gather_entries(book, ceremony_id), args.size))
        started = time.perf_counter()
        show = Show(ceremony_script(book, ceremony_id))
        controller = ShowController(show, BookSession(book), ceremony_id)
        hall = AudienceScreen(controller)
        mc = McScreen(controller)
        hall.resize(1024, 768)
        mc.resize(1366, 768)
        hall.show()
        mc.show()
        app.processEvents()
        opened = (time.perf_counter() - started) * 1000
        rounds = []
        for _ in range(args.rounds):
            rounds.append(measure(app, mc, hall, show.last_step))
        all_times = sorted(t for r in rounds for t in r)
        p95 = all_times[int(len(all_times) * 0.95)]
        print(f"platform: {app.platformName()}, {show.batch_count} batches of {args.size}, {len(all_times)} moves")
        print(f"open both screens (script, layouts of every step): {opened:.0f} ms")
        print(
            f"advance, key to both screens painted: median {statistics.median(all_times):.2f} ms, "
            f"p95 {p95:.2f} ms, max {all_times[-1]:.2f} ms (aim < 16 ms)"
        )
        print("median per round: " + ", ".join(f"{statistics.median(r):.2f} ms" for r in rounds))
        memory = peak_memory_mib()
        if memory is not None:
            print(f"peak memory: {memory:.0f} MiB")
        controller.finish()
        store.close()


if __name__ == "__main__":
    main()
