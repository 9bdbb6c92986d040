"""Sending a finished PDF to a printer through Qt, page by page, at true paper scale."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from models.errors import BookError

MAX_DPI = 300  # a page image at 600 dpi on A3 would take 280 MB on a modest laptop


def _layout_for(size_pt: QSizeF) -> QPageLayout:
    size = QPageSize(size_pt, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    orientation = (
        QPageLayout.Orientation.Landscape if size_pt.width() > size_pt.height() else QPageLayout.Orientation.Portrait
    )
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0))


def print_pdf(pdf: Path, printer: QPrinter, keep_going: Callable[[int, int], bool]) -> int:
    """Print every page of `pdf`; keep_going(done, total) returning False stops. Pages sent."""
    document = QPdfDocument()
    document.load(str(pdf))
    if document.status() != QPdfDocument.Status.Ready:
        raise BookError(f"Không đọc được tệp PDF vừa tạo “{pdf}”.")
    total = document.pageCount()
    # Full page: positions are measured from the paper's edge, as blank forms need.
    printer.setFullPage(True)
    printer.setPageLayout(_layout_for(document.pagePointSize(0)))
    painter = QPainter()
    if not painter.begin(printer):
        raise BookError(f"Không mở được máy in “{printer.printerName()}”. Hãy kiểm tra máy in rồi thử lại.")
    sent = 0
    try:
        for i in range(total):
            if not keep_going(i, total):
                break
            size_pt = document.pagePointSize(i)
            if i:
                printer.setPageLayout(_layout_for(size_pt))
                printer.newPage()
            dpi = min(printer.resolution(), MAX_DPI)
            pixels = QSize(round(size_pt.width() / 72 * dpi), round(size_pt.height() / 72 * dpi))
            image = document.render(i, pixels)
            target = printer.pageLayout().fullRectPixels(printer.resolution())
            painter.drawImage(QRectF(target), image)
            sent += 1
    finally:
        painter.end()
        document.close()
    return sent
