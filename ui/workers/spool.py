"""Sending a finished PDF to a printer, off the window's thread.

Where the print system takes PDF (CUPS on Linux and macOS) the file itself goes to the
queue: text prints as sharp as the printer can, positions are the PDF's own. Elsewhere
(Windows) each page is drawn into the printer at the printer's own resolution, a band at a
time, so a 600 dpi A3 page never needs more than a few megabytes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRect, QRectF, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from models.errors import BookError
from models.printers import cups, send

BAND_BYTES = 16 * 1024 * 1024  # one band of a page in memory at a time
_PAPERS = {"A4": QPageSize.PageSizeId.A4, "A3": QPageSize.PageSizeId.A3}


@dataclass(slots=True)
class PrintChoice:
    """A printer as the print dialog left it, and the page's own choices."""

    printer: QPrinter
    first_only: bool = False  # one page, to check the position on a blank form
    manual_feed: bool = False  # blank forms fed by hand

    @property
    def name(self) -> str:
        return self.printer.printerName() or self.printer.outputFileName() or "Máy in mặc định"

    @property
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
            offered = cups.options(choice.printer.printerName())
        except cups.PrinterError as exc:
            return exc.message
        missing = sorted(p for p in papers if not offered.has_paper(p))
        no_hand_feed = choice.manual_feed and not offered.manual_slot
    elif choice.printer.outputFormat() == QPrinter.OutputFormat.NativeFormat:
        info = QPrinterInfo(choice.printer)
        sizes = {s.id() for s in info.supportedPageSizes()}
        missing = sorted(p for p in papers if p in _PAPERS and sizes and _PAPERS[p] not in sizes)
        no_hand_feed = False  # Windows drivers name their trays freely; Qt asks for "Manual"
    else:
        return ""  # Qt's own PDF writer takes any paper
    if missing:
        return (
            f"Máy in “{choice.name}” không có khổ giấy {', '.join(missing)} mà mẫu giấy khen cần; chưa gửi trang "
            "nào, chưa cấp số nào. Hãy chọn máy in khác hoặc đổi khổ giấy trong Mẫu giấy khen."
        )
    if no_hand_feed:
        return f"Máy in “{choice.name}” không có khay nạp tay; bỏ chọn “Nạp tay từng tờ” để in từ khay thường."
    return ""


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
    size = QPageSize(size_pt, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
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
    printer = choice.printer
    document = QPdfDocument()
    document.load(str(pdf))
    if document.status() != QPdfDocument.Status.Ready:
        raise BookError(f"Không đọc được tệp PDF vừa tạo “{pdf}”.")
    total = min(1, document.pageCount()) if choice.first_only else document.pageCount()
    # Full page: positions are measured from the paper's edge, as blank forms need.
    printer.setFullPage(True)
    if choice.manual_feed:
        printer.setPaperSource(QPrinter.PaperSource.Manual)
    printer.setPageLayout(_layout_for(document.pagePointSize(0)))
    painter = QPainter()
    if not painter.begin(printer):
        raise BookError(f"Không mở được máy in “{choice.name}”. Hãy kiểm tra máy in rồi thử lại.")
    sent = 0
    progress(0, total)
    try:
        for i in range(total):
            if stopped():
                break
            if i:
                printer.setPageLayout(_layout_for(document.pagePointSize(i)))
                printer.newPage()
            _draw_page(document, i, printer, painter)
            sent += 1
            progress(sent, total)
    finally:
        painter.end()
        document.close()
    return sent


def _draw_page(document: QPdfDocument, index: int, printer: QPrinter, painter: QPainter) -> None:
    dpi = printer.resolution()
    size_pt = document.pagePointSize(index)
    width, height = round(size_pt.width() / 72 * dpi), round(size_pt.height() / 72 * dpi)
    target = QRectF(printer.pageLayout().fullRectPixels(dpi))
    scale_y = target.height() / height
    band = max(1, BAND_BYTES // (4 * width))
    options = QPdfDocumentRenderOptions()
    options.setScaledSize(QSize(width, height))
    for top in range(0, height, band):
        rows = min(band, height - top)
        options.setScaledClipRect(QRect(0, top, width, rows))
        image = document.render(index, QSize(width, rows), options)
        painter.drawImage(QRectF(target.x(), target.y() + top * scale_y, target.width(), rows * scale_y), image)
