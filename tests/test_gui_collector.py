"""Garbage is collected on the window's thread only (ui/collector.py)."""

from __future__ import annotations

import gc
import threading
import weakref

from ui.collector import MainThreadCollector


class _Cycle:
    def __init__(self):
        self.me = self


def test_cycles_are_collected_by_the_window_thread_and_never_by_a_worker(qtbot):
    was_enabled = gc.isenabled()
    gc.enable()  # as in a fresh app, before the collector takes over
    try:
        collector = MainThreadCollector()
        assert not gc.isenabled()
        collected_in: list[str] = []

        def note(phase, info):
            if phase == "start":
                collected_in.append(threading.current_thread().name)

        gc.callbacks.append(note)
        try:
            garbage = _Cycle()
            gone = weakref.ref(garbage)
            del garbage

            def allocate_a_lot():  # what a drawing thread does: far past any threshold
                for _ in range(200_000):
                    [object()]

            worker = threading.Thread(target=allocate_a_lot, name="ve-giay-khen")
            worker.start()
            worker.join()
            assert gone() is not None and "ve-giay-khen" not in collected_in
            qtbot.waitUntil(lambda: gone() is None, timeout=3000)
            assert set(collected_in) == {threading.main_thread().name}
        finally:
            gc.callbacks.remove(note)
        collector.deleteLater()
    finally:
        (gc.enable if was_enabled else gc.disable)()
