"""Sending 100 certificates to a printer, and how the window answers meanwhile (run by hand,
not in CI; needs the CUPS queue tests/cups_queues.py makes for the queue rows).

    python bench/bench_print.py [--pages 100] [--queue VinhDanh_PDF] [--dpi 600]

Three ways pages go out, each with a floor measured in the same run:
- to a CUPS queue (the PDF as it is): the app's send() against a bare `lp` of the same file;
  both timed to the queue accepting the jobs and, separately, until cups-pdf has written them;
- drawn into a printer at its resolution (the Windows path), here Qt's PDF printer at --dpi:
  against bare PDFium rendering the same pages at that resolution, whole pages, no printer;
- the window's answer while pages go out: a 10 ms timer on the window's thread, the worst
  gap between its ticks while the spooling task runs, against the same timer with nothing
  running (what the event loop alone costs here).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def make_pdf(pages: int, folder: Path) -> Path:
    """`pages` certificates of the sample (repeating its ceremonies' people)."""
    from certificates.print_run import PrintRun
    from certificates.render import render_pdf
    from models.repos.book import CeremonyBook
    from models.repos.print_book import PrintBook
    from models.sample import build_sample
    from models.storage.store import Store

    store = Store(folder / "so.sqlite", backups=False)
    book = CeremonyBook(store)
    build_sample(book)
    certificates = []
    for ceremony in book.ceremonies():
        run = PrintRun(book, PrintBook(store), ceremony.id)
        certificates += run.certificates
        job = run.job()
    job.certificates = (certificates * (pages // len(certificates) + 1))[:pages]
    out = folder / "in.pdf"
    render_pdf(job, out)
    store.close()
    return out


def written(out: Path, before: set[Path], jobs: int, queue: str) -> float:
    from models.printers import cups

    start = time.perf_counter()
    while len(set(out.glob("*.pdf")) - before) < jobs or cups.pending(queue):
        time.sleep(0.05)
    return time.perf_counter() - start


def queue_rows(pdf: Path, queue: str, out: Path, runs: int) -> None:
    from models.printers import send

    app_submit, bare_submit, app_done, bare_done = [], [], [], []
    for _ in range(runs):
        before = set(out.glob("*.pdf"))
        start = time.perf_counter()
        send.send(pdf, send.QueueOrder(queue))
        app_submit.append(time.perf_counter() - start)
        app_done.append(app_submit[-1] + written(out, before, 1, queue))
        before = set(out.glob("*.pdf"))
        start = time.perf_counter()
        subprocess.run(["lp", "-d", queue, "-o", "media=A4", str(pdf)], check=True, capture_output=True)
        bare_submit.append(time.perf_counter() - start)
        bare_done.append(bare_submit[-1] + written(out, before, 1, queue))
    a, b = statistics.median(app_submit), statistics.median(bare_submit)
    print(f"queue: accepted     app {a * 1000:7.1f} ms   bare lp {b * 1000:7.1f} ms   ratio {a / b:.2f}×")
    a, b = statistics.median(app_done), statistics.median(bare_done)
    print(f"queue: written      app {a:7.2f} s    bare lp {b:7.2f} s    ratio {a / b:.2f}×")


def raster_rows(pdf: Path, dpi: int, folder: Path, pages: int) -> None:
    import pypdfium2
    from PySide6.QtCore import QSizeF
    from PySide6.QtPrintSupport import QPrinter

    from ui.workers.spool import PrintChoice, draw_into_printer

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(folder / "printer.pdf"))
    printer.setResolution(dpi)
    start = time.perf_counter()
    draw_into_printer(pdf, PrintChoice(printer))
    app = time.perf_counter() - start
    document = pypdfium2.PdfDocument(str(pdf))
    start = time.perf_counter()
    for page in document:
        page.render(scale=dpi / 72).close()
    bare = time.perf_counter() - start
    # The same printer fed whole pages at once (no bands, a whole page in memory): what
    # the printer's own engine costs, which any way of drawing into it pays.
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    from ui.workers.spool import _layout_for

    printer.setOutputFileName(str(folder / "whole.pdf"))
    printer.setFullPage(True)
    start = time.perf_counter()
    painter = QPainter()
    for i, page in enumerate(document):
        size = page.get_size()
        printer.setPageLayout(_layout_for(QSizeF(*size)))
        if i == 0:
            painter.begin(printer)
        else:
            printer.newPage()
        bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
        image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB888)
        painter.drawImage(QRectF(printer.pageLayout().fullRectPixels(dpi)), image)
        bitmap.close()
    painter.end()
    whole = time.perf_counter() - start
    print(
        f"drawn at {dpi} dpi: app {pages / app:5.1f} pages/s;  floors: whole pages into the same printer "
        f"{pages / whole:5.1f} pages/s (ratio {app / whole:.2f}× the time), bare PDFium {pages / bare:5.1f} pages/s"
    )


def responsiveness(pdf: Path, choice_factory, label: str) -> None:
    """The worst gap between ticks of a 10 ms timer on the window's thread."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    from ui.workers.background import BackgroundTask
    from ui.workers.spool import spool_work

    def worst_gap(task: BackgroundTask | None, idle_ms: int = 2000) -> tuple[float, float]:
        clock, gaps, last = QElapsedTimer(), [], [0.0]
        loop = QEventLoop()
        tick = QTimer(interval=10)

        def on_tick() -> None:
            now = clock.nsecsElapsed() / 1e6
            gaps.append(now - last[0])
            last[0] = now

        tick.timeout.connect(on_tick)
        clock.start()
        tick.start()
        if task is None:
            QTimer.singleShot(idle_ms, loop.quit)
        else:
            task.done.connect(loop.quit)
            task.failed.connect(lambda message: (print(message), loop.quit()))
            task.start()
        loop.exec()
        tick.stop()
        return max(gaps[1:]) - 10, clock.elapsed() / 1000

    idle, _ = worst_gap(None)
    task = BackgroundTask(spool_work(pdf, choice_factory()), "gửi tới máy in")
    busy, took = worst_gap(task)
    task.wait()
    print(
        f"window while {label}: worst extra wait {busy:5.1f} ms (idle loop {idle:4.1f} ms); the pages took {took:.1f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--queue", default="VinhDanh_PDF")
    parser.add_argument("--dpi", type=int, default=600)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    from models.printers import cups
    from ui.workers.spool import PrintChoice

    app = QApplication([])  # noqa: F841 (Qt needs it for printers and timers)
    folder = Path(tempfile.mkdtemp(prefix="vinhdanh-bench-print-"))
    try:
        pdf = make_pdf(args.pages, folder)
        print(f"{args.pages} certificates, {pdf.stat().st_size / 1e6:.1f} MB PDF")
        out = Path(os.environ.get("VINHDANH_CUPS_OUT", "/var/spool/cups-pdf/vinhdanh"))
        if cups.available() and args.queue in cups.queues():
            queue_rows(pdf, args.queue, out, args.runs)

            def to_queue() -> PrintChoice:
                printer = QPrinter()
                printer.setPrinterName(args.queue)
                return PrintChoice(printer)

            responsiveness(pdf, to_queue, f"{args.pages} pages go to the queue")
        else:
            print(f"(no CUPS queue {args.queue}: queue rows skipped)")
        raster_rows(pdf, args.dpi, folder, args.pages)

        def drawn() -> PrintChoice:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(folder / "printer2.pdf"))
            printer.setResolution(args.dpi)
            choice = PrintChoice(printer)
            return choice

        import ui.workers.spool as spool

        copy_path = spool.spool_work

        def raster_work(pdf_path, choice):  # Qt's PDF printer would get the file copied: draw instead
            return lambda progress, stopped: spool.draw_into_printer(pdf_path, choice, progress, stopped)

        spool.spool_work = raster_work
        try:
            responsiveness(pdf, drawn, f"{args.pages} pages are drawn at {args.dpi} dpi")
        finally:
            spool.spool_work = copy_path
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
