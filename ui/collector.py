"""Python's garbage collection kept on the window's thread.

Left automatic, a collection starts in whichever thread happens to allocate when the
threshold is crossed: a certificate drawing off the window's thread could then finalise a
closed dialog or page, and Qt objects must never be deleted from another thread (the run
of 1 December 2026 crashed so in a print test). Automatic collection is turned off; the
window's thread collects the young generations every second and everything every minute
(a full pass with 50,000 awardees in memory took 11 ms here).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

YOUNG_MS = 1000
FULL_EVERY = 60  # young collections between full ones


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._ticks = 0
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._collect)
        self._timer.start(YOUNG_MS)

    def _collect(self) -> None:
        self._ticks += 1
        gc.collect(2 if self._ticks % FULL_EVERY == 0 else 1)
