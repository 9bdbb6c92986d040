"""The print page's busy bar: certificates being drawn off the window's thread, then pages
going to the printer, with one Hủy for both. Idle, it takes no room."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QWidget

from models.errors import BookError
from ui.workers.spool import print_pdf

if TYPE_CHECKING:  # the certificate code loads reportlab: imported where it runs, not with the window
    from certificates.render import RenderJob, RenderResult
    from ui.workers.render_worker import RenderTask


_DRAWING = "Đang tạo giấy khen: %v / %m"


class RenderBar(QWidget):
    started = Signal()
    ended = Signal()  # after done, failed or cancelled: the page may start another run

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.task: RenderTask | None = None
        self._stop_spool = False
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
        from ui.workers.render_worker import RenderTask  # loads reportlab: not at start

        self.task = RenderTask(job, target, split=split, parent=self)
        self.progress.setRange(0, len(job.certificates))
        self.progress.setValue(0)
        self.show()
        self.task.progress.connect(lambda done, total: self.progress.setValue(done))
        self.task.done.connect(on_done)
        self.task.failed.connect(on_failed)
        self.task.cancelled.connect(on_cancelled)
        for signal in (self.task.done, self.task.failed, self.task.cancelled):
            signal.connect(self._ended)
        self.started.emit()
        self.task.start()

    def _ended(self, *_args) -> None:
        self.hide()
        if self.task is not None:
            self.task.wait()
            self.task.deleteLater()
        self.task = None
        self.ended.emit()

    def cancel(self) -> None:
        self._stop_spool = True
        if self.task is not None:
            self.task.cancel()

    def spool(self, pdf: Path, printer: QPrinter, on_error: Callable[[str], None]) -> int:
        """Send the pages; the window repaints and Hủy stops between pages. Pages sent."""
        self._stop_spool = False
        self.progress.setFormat("Đang gửi tới máy in: %v / %m")
        self.show()

        def keep_going(done: int, total: int) -> bool:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            QCoreApplication.processEvents()
            return not self._stop_spool

        try:
            return print_pdf(pdf, printer, keep_going)
        except BookError as exc:
            on_error(exc.message)
            return 0
        finally:
            self.progress.setFormat(_DRAWING)
            self.hide()
