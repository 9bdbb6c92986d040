"""Where the print system takes no PDF (Windows), pages are drawn into the printer at the
printer's own resolution, a band at a time: as sharp as the printer, in bounded memory, at
true size. Checked here through Qt's own PDF printer, which keeps what was drawn."""

from __future__ import annotations

import pypdf
from PySide6.QtPrintSupport import QPrinter

from certificates.print_run import PrintRun
from certificates.render import render_pdf
from models.repos.print_book import PrintBook
from tests import print_readback as R
from tests.pdf_tools import ceremony_by_place
from ui.workers.spool import BAND_BYTES, PrintChoice, draw_into_printer


def test_pages_are_drawn_at_the_printers_resolution_in_bands_at_true_size(qapp, sample_book, tmp_path):
    ceremony = ceremony_by_place(sample_book, "Long Biên", 2022)
    run = PrintRun(sample_book, PrintBook(sample_book.store), ceremony.id)
    run.certificates[2:] = []
    render_pdf(run.job(), tmp_path / "app.pdf")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printer.pdf"))
    printer.setResolution(600)
    seen: list[tuple[int, int]] = []

    sent = draw_into_printer(tmp_path / "app.pdf", PrintChoice(printer), lambda done, total: seen.append((done, total)))

    assert sent == 2 and seen[-1] == (2, 2)
    for page in pypdf.PdfReader(tmp_path / "printer.pdf").pages:
        bands = [image.image for image in page.images]
        assert {b.width for b in bands} == {round(297 / 25.4 * 600)}  # 600 dpi across A4's long side
        assert sum(b.height for b in bands) == round(210 / 25.4 * 600)
        assert len(bands) > 1 and max(b.width * b.height * 3 for b in bands) <= BAND_BYTES  # RGB
    names = [c.who for c in run.certificates]
    checks = R.compare(tmp_path / "app.pdf", [(tmp_path / "printer.pdf", i) for i in range(2)], names)
    assert R.within_tolerance(checks), checks
    assert R.paper(tmp_path / "printer.pdf") == ["A4", "A4"]
