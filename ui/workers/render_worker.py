"""Rendering certificates on a worker thread, with progress and Cancel.

The worker only draws: the data was read and numbered on the UI thread beforehand, so no
database connection crosses threads.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from certificates.render import Cancelled, RenderJob, render_pdf, render_split
from models.errors import BookError, os_error_text

log = logging.getLogger(__name__)


class _Worker(QObject):
    finished = Signal(object)  # RenderResult
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, job: RenderJob, target: Path, split: bool):
        super().__init__()
        self.job = job
        self.target = target
        self.split = split
        self.stop = threading.Event()
        self.done = 0
        self.total = len(job.certificates)

    def _progress(self, done: int, total: int) -> None:
        self.done = done

    @Slot()
    def run(self) -> None:
        render = render_split if self.split else render_pdf
        try:
            result = render(self.job, self.target, self._progress, self.stop.is_set)
        except Cancelled:
            self.cancelled.emit()
        except BookError as exc:
            self.failed.emit(exc.message)
        except OSError as exc:
            self.failed.emit(f"Không ghi được “{exc.filename or self.target}”: {os_error_text(exc)}.")
        except Exception:  # a bug must not kill the thread silently: log it, tell the user
            log.exception("rendering certificates failed")
            self.failed.emit("Lỗi không mong đợi khi tạo giấy khen; chi tiết đã ghi vào nhật ký.")
        else:
            self.finished.emit(result)


class RenderTask(QObject):
    """One rendering run; emits progress, then exactly one of done / failed / cancelled."""

    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, job: RenderJob, target: Path, *, split: bool = False, parent: QObject | None = None):
        super().__init__(parent)
        self._thread = QThread(self)
        self._worker = _Worker(job, target, split)
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
        self.progress.emit(self._worker.done, self._worker.total)

    def cancel(self) -> None:
        self._worker.stop.set()

    def wait(self, ms: int = 10000) -> bool:
        return self._thread.wait(ms)
