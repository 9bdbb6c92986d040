"""The print page's busy bar: certificates being drawn off the window's thread, then pages
going to the printer, with one Hủy for both. Idle, it takes no room."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QWidget

from ui.workers.spool import PrintChoice, spool_work

if TYPE_CHECKING:  # the certificate code loads reportlab: imported where it runs, not with the window
    from certificates.render import RenderJob, RenderResult
    from ui.workers.background import BackgroundTask


_DRAWING = "Đang tạo giấy khen: %v / %m"


class RenderBar(QWidget):
    started = Signal()
    ended = Signal()  # after done, failed or cancelled: the page may start another run

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.task: BackgroundTask | None = None
        self.progress = QProgressBar()
        self.progress.setFormat(_DRAWING)
        self.cancel_button = QPushButton("&Hủy")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.progress, 1)
        layout.addWidget(self.cancel_button)
        self.cancel_button.clicked.connect(self.cancel)
        self.hide()

    def draw(
        self,
        job: RenderJob,
        target: Path,
        on_done: Callable[[RenderResult], None],
        on_failed: Callable[[str], None],
        on_cancelled: Callable[[], None],
        *,
        split: bool = False,
    ) -> None:
        """Draw `job` into `target`; exactly one of the three callbacks follows."""
        from ui.workers.render_worker import render_task  # loads reportlab: not at start

        task = render_task(job, target, split=split, parent=self)
        self.progress.setFormat(_DRAWING)
        self.progress.setRange(0, len(job.certificates))
        self.progress.setValue(0)
        task.progress.connect(lambda done, total: self.progress.setValue(done))
        self._start(task, on_done, on_failed, on_cancelled)

    def spool(
        self, pdf: Path, choice: PrintChoice, on_sent: Callable[[int], None], on_error: Callable[[str], None]
    ) -> None:
        """Send the pages off the window's thread; Hủy stops between pages (between jobs on a
        print queue). on_sent(pages sent) follows, also after Hủy or an error part-way."""
        from ui.workers.background import BackgroundTask

        task = BackgroundTask(spool_work(pdf, choice), "gửi tới máy in", parent=self)
        self.progress.setFormat("Đang gửi tới máy in: %v / %m")
        self.progress.setRange(0, 0)

        def progress(done: int, total: int) -> None:
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(done)

        def failed(message: str) -> None:
            on_error(message)
            on_sent(task.reached)

        task.progress.connect(progress)
        self._start(task, on_sent, failed, lambda: on_sent(task.reached))

    def _start(self, task: BackgroundTask, on_done: Callable, on_failed: Callable, on_cancelled: Callable) -> None:
        """Run `task`; once it ends the bar is free again, then its callback runs (which may
        start the next task: the pages drawn go to the printer)."""
        self.task = task

        def ending(callback: Callable) -> Callable:
            def ended(*args) -> None:
                self._ended(task)
                callback(*args)

            return ended

        task.done.connect(ending(on_done))
        task.failed.connect(ending(on_failed))
        task.cancelled.connect(ending(on_cancelled))
        self.show()
        self.started.emit()
        task.start()

    def _ended(self, task: BackgroundTask) -> None:
        task.wait()
        task.deleteLater()
        if self.task is task:
            self.task = None
            self.hide()
        self.ended.emit()

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
