"""Rendering certificates on a worker thread, with progress and Hủy.

The worker only draws: the data was read and numbered on the UI thread beforehand, so no
database connection crosses threads.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject

from certificates import render
from ui.workers.background import BackgroundTask, Cancelled


def render_task(job: render.RenderJob, target: Path, *, split: bool = False, parent: QObject | None = None):
    """A task drawing `job` into `target` (one PDF, or a file each with split); its result
    is the RenderResult."""
    draw = render.render_split if split else render.render_pdf

    def work(progress, stopped):
        try:
            return draw(job, target, progress, stopped)
        except render.Cancelled:
            raise Cancelled from None

    return BackgroundTask(work, "tạo giấy khen", len(job.certificates), parent)
