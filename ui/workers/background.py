"""One piece of work on a worker thread, with progress, Hủy, and exactly one ending.

The work is a function of (progress, stopped): it reports progress(done, total), looks at
stopped() between steps, and returns its result. It must touch no database connection and
no widget: what it needs was read on the window's thread beforehand.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from models.errors import BookError, os_error_text

log = logging.getLogger(__name__)

Work = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]


class Cancelled(Exception):
    """The work stopped at Hủy and leaves nothing behind."""


class _Worker(QObject):
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, work: Work, what: str):
        super().__init__()
        self.work, self.what = work, what
        self.stop = threading.Event()
        self.done = 0
        self.total = 0

    def _progress(self, done: int, total: int) -> None:
        self.done, self.total = done, total

    @Slot()
    def run(self) -> None:
        try:
            result = self.work(self._progress, self.stop.is_set)
        except Cancelled:
            self.cancelled.emit()
        except BookError as exc:
            self.failed.emit(exc.message)
        except OSError as exc:
            self.failed.emit(f"Không ghi được “{exc.filename or self.what}”: {os_error_text(exc)}.")
        except Exception:  # a bug must not kill the thread silently: log it, tell the user
            log.exception("%s failed", self.what)
            self.failed.emit(f"Lỗi không mong đợi khi {self.what}; chi tiết đã ghi vào nhật ký.")
        else:
            self.finished.emit(result)


class BackgroundTask(QObject):
    """Emits progress, then exactly one of done / failed / cancelled."""

    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, work: Work, what: str, total: int = 0, parent: QObject | None = None):
        super().__init__(parent)
        self._thread = QThread(self)
        self._worker = _Worker(work, what)
        self._worker.total = total
        self.reached = 0  # steps done when it last reported: at the end, how far it got
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        # Progress is polled, not signalled: a signal emitted per page from the worker thread
        # crashed PySide6 6.12 at exit (a refcount error), and the bar needs no more than 10 Hz.
        self._poll = QTimer(self, interval=100)
        self._poll.timeout.connect(self._report)
        for signal in (self._worker.finished, self._worker.failed, self._worker.cancelled):
            signal.connect(self._poll.stop)
            signal.connect(self._report)
        for signal, ours in (
            (self._worker.finished, self.done),
            (self._worker.failed, self.failed),
            (self._worker.cancelled, self.cancelled),
        ):
            signal.connect(self._thread.quit)
            signal.connect(ours)
        self._thread.finished.connect(self._worker.deleteLater)

    def start(self) -> None:
        self._poll.start()
        self._thread.start()

    def _report(self, *_args) -> None:
        self.reached = self._worker.done
        self.progress.emit(self._worker.done, self._worker.total)

    def cancel(self) -> None:
        self._worker.stop.set()

    def wait(self, ms: int = 10000) -> bool:
        return self._thread.wait(ms)
