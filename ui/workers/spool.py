"""Sending a finished PDF to a printer, off the window's thread.

Where the print system takes PDF (CUPS on Linux and macOS) the file itself goes to the
queue: text prints as sharp as the printer can, positions are the PDF's own. Elsewhere
(Windows) each page is drawn into the printer at the printer's own resolution, a band at a
time, so a 600 dpi A3 page never needs more than a few megabytes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from models.errors import BookError
from models.printers import cups, send

# A band of a page in memory at a time. 16 MB bands held Python's lock long enough to stall
# the window 87 ms; 4 MB ones 15 ms at most, as fast (bench/bench_print.py).
BAND_BYTES = 4 * 1024 * 1024
_PAPERS = {"A4": QPageSize.PageSizeId.A4, "A3": QPageSize.PageSizeId.A3}


@dataclass
class PrintChoice:
    """A printer as the print dialog left it, and the page's own choices."""

    printer: QPrinter
    first_only: bool = False  # one page, to check the position on a blank form
    manual_feed: bool = False  # blank forms fed by hand

    @property
    def name(self) -> str:
        return self.printer.printerName() or self.printer.outputFileName() or "Máy in mặc định"

    @cached_property  # asks the print system (lpstat): once per print, not per question
    def to_queue(self) -> bool:
        """The PDF goes to a CUPS queue as it is (not Qt's own PDF writer, not Windows)."""
        native = self.printer.outputFormat() == QPrinter.OutputFormat.NativeFormat
        return native and cups.available() and self.printer.printerName() in cups.queues()

    def order(self) -> send.QueueOrder:
        return send.QueueOrder(
            self.printer.printerName(),
            copies=max(1, self.printer.copyCount()),
            first_only=self.first_only,
            manual_feed=self.manual_feed,
        )


def start_with_paper(printer: QPrinter, paper: str) -> None:
    """The print dialog opens on the template's paper, landscape as every template is."""
    if paper in _PAPERS:
        printer.setPageSize(QPageSize(_PAPERS[paper]))
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)


def lacks(choice: PrintChoice, papers: set[str]) -> str:
    """Why this printer cannot take the run (a paper it has not, no hand feed), or ""."""
    if choice.to_queue:
        try:
            send.check_queue(choice.order(), papers)
        except cups.PrinterError as exc:
            return exc.message
        return ""
    if choice.printer.outputFormat() == QPrinter.OutputFormat.NativeFormat:
        info = QPrinterInfo(choice.printer)
        sizes = {s.id() for s in info.supportedPageSizes()}
        missing = sorted(p for p in papers if p in _PAPERS and sizes and _PAPERS[p] not in sizes)
        # (Windows drivers name their trays freely; Qt asks each for its "Manual" one.)
        if missing:
            return send.lacks_paper(choice.name, missing)
    return ""  # Qt's own PDF writer takes any paper


def spool_work(pdf: Path, choice: PrintChoice) -> Callable:
    """The work for a background task: send the pages, return how many went."""
    if choice.to_queue:
        order = choice.order()
        return lambda progress, stopped: send.send(pdf, order, progress, stopped)
    if choice.printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and choice.printer.outputFileName():
        # "Print to file (PDF)": the file itself, not pictures of its pages.
        out = Path(choice.printer.outputFileName())
        return lambda progress, stopped: copy_pages(pdf, out, 1 if choice.first_only else None)
    return lambda progress, stopped: draw_into_printer(pdf, choice, progress, stopped)


def copy_pages(pdf: Path, out: Path, pages: int | None) -> int:
    from pypdf import PdfReader, PdfWriter

    from models.storage.atomic import atomic_write

    reader = PdfReader(pdf)
    writer = PdfWriter()
    for page in reader.pages[:pages]:
        writer.add_page(page)
    with atomic_write(out, binary=True) as f:
        writer.write(f)
    return len(writer.pages)


def send_now(pdf: Path, choice: PrintChoice) -> int:
    """A page or two on the window's thread (the calibration sheet): pages sent."""
    return spool_work(pdf, choice)(lambda done, total: None, lambda: False)


def _layout_for(size_pt: QSizeF) -> QPageLayout:
    # Qt's paper is named upright and turned by the orientation: a landscape page given as
    # it lies would be turned again, and drawn squeezed onto upright paper.
    short, long = sorted((size_pt.width(), size_pt.height()))
    size = QPageSize(QSizeF(short, long), QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    orientation = (
        QPageLayout.Orientation.Landscape if size_pt.width() > size_pt.height() else QPageLayout.Orientation.Portrait
    )
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0))


def draw_into_printer(
    pdf: Path,
    choice: PrintChoice,
    progress: Callable[[int, int], None] = lambda done, total: None,
    stopped: Callable[[], bool] = lambda: False,
) -> int:
    """Draw every page of `pdf` into the printer at its own resolution; Hủy stops between
    pages. The number of pages sent."""
    import pypdfium2  # PDFium with exact crop rectangles, for bands at any resolution

    printer = choice.printer
    try:
        document = pypdfium2.PdfDocument(str(pdf))
    except (OSError, pypdfium2.PdfiumError) as exc:
        raise BookError(f"Không đọc được tệp PDF vừa tạo “{pdf}”: {exc}.") from None
    total = min(1, len(document)) if choice.first_only else len(document)
    # Full page: positions are measured from the paper's edge, as blank forms need.
    printer.setFullPage(True)
    if choice.manual_feed:
        printer.setPaperSource(QPrinter.PaperSource.Manual)
    printer.setPageLayout(_layout_for(QSizeF(*document[0].get_size())))
    painter = QPainter()
    if not painter.begin(printer):
        document.close()
        raise BookError(f"Không mở được máy in “{choice.name}”. Hãy kiểm tra máy in rồi thử lại.")
    sent = 0
    progress(0, total)
    try:
        for i in range(total):
            if stopped():
                break
            page = document[i]
            if i:
                printer.setPageLayout(_layout_for(QSizeF(*page.get_size())))
                printer.newPage()
            _draw_page(page, printer, painter)
            page.close()
            sent += 1
            progress(sent, total)
    finally:
        painter.end()
        document.close()
    return sent


def _draw_page(page, printer: QPrinter, painter: QPainter) -> None:
    """The page in horizontal bands of whole device pixels, each cropped from the PDF by
    PDFium itself: no band is scaled or shifted against another."""
    dpi = printer.resolution()
    width_pt, height_pt = page.get_size()
    scale = dpi / 72
    width, height = round(width_pt * scale), round(height_pt * scale)
    target = QRectF(printer.pageLayout().fullRectPixels(dpi))
    sx, sy = target.width() / width, target.height() / height
    band = max(1, BAND_BYTES // (3 * width))
    for top in range(0, height, band):
        rows = min(band, height - top)
        # crop is (left, bottom, right, top) in points cut away from the page's edges
        crop = (0, (height - top - rows) / scale, 0, top / scale)
        bitmap = page.render(scale=scale, crop=crop, rev_byteorder=True, fill_color=(255, 255, 255, 255))
        image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB888)
        painter.drawImage(QRectF(target.x(), target.y() + top * sy, bitmap.width * sx, bitmap.height * sy), image)
        bitmap.close()
