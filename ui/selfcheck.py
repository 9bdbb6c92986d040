"""`python main.py selfcheck`: prove an installed copy works before the day of the ceremony.

Opens the main window on a throw-away sample book, prints one certificate to a PDF and
reads back that it holds pages with the embedded font; touches no real data.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from certificates import batch
from certificates.render import RenderJob, render_pdf
from models.repos.book import CeremonyBook
from models.repos.print_book import PrintBook
from models.sample import build_sample
from models.storage.store import Store
from ui.i18n import install_vietnamese
from ui.main_window import MainWindow
from ui.session import BookSession


def run_selfcheck() -> list[str]:
    """What was checked, one Vietnamese line each; raises on the first failure."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    said = []
    translated = install_vietnamese(app) is not None
    said.append("Bản dịch tiếng Việt của Qt: " + ("có" if translated else "KHÔNG CÓ (hộp thoại sẽ hiện tiếng Anh)"))
    with tempfile.TemporaryDirectory(prefix="vinhdanh-kiem-tra-") as tmp:
        folder = Path(tmp)
        store = Store(folder / "kiem-tra.sqlite", backups=False)
        try:
            book = CeremonyBook(store)
            ceremonies = build_sample(book)
            window = MainWindow(BookSession(book))
            window.show()
            app.processEvents()
            if not window.isVisible():
                raise RuntimeError("main window not shown")
            said.append(f"Cửa sổ chính mở được ({QApplication.platformName()}), {len(ceremonies)} hội nghị mẫu.")
            plan = batch.prepare(book, PrintBook(store), ceremonies[0].id, assign=False)
            out = folder / "giay-khen.pdf"
            result = render_pdf(RenderJob(plan.certificates[:3], plan.templates), out)
            data = out.read_bytes()
            if result.pages != 3 or b"/FontFile2" not in data or b"Helvetica" in data:
                raise RuntimeError("certificate PDF lacks its pages or its embedded font")
            said.append(f"In thử {result.pages} giấy khen ra PDF ({len(data) // 1024} KiB), phông chữ được nhúng.")
            said.append(_drawn_into_a_printer(out, folder))
            said.append(_word_script(book, ceremonies[0].id, folder))
            window.close()
        finally:
            store.close()
    return said


def _drawn_into_a_printer(pdf: Path, folder: Path) -> str:
    """The way pages reach a printer that takes no PDF (Windows): PDFium draws them."""
    from PySide6.QtPrintSupport import QPrinter

    from ui.workers.spool import PrintChoice, draw_into_printer

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(folder / "may-in.pdf"))
    printer.setResolution(150)
    sent = draw_into_printer(pdf, PrintChoice(printer, first_only=True))
    if sent != 1 or not (folder / "may-in.pdf").stat().st_size:
        raise RuntimeError("a page could not be drawn into a printer")
    return "Vẽ thử 1 trang vào máy in (PDFium): được."


def _word_script(book: CeremonyBook, ceremony_id: int, folder: Path) -> str:
    from docx import Document

    from models.exports.docx_script import write_script_docx
    from models.reports.mc_script import ceremony_script

    out = folder / "kich-ban.docx"
    write_script_docx(ceremony_script(book, ceremony_id), out)
    if Document(str(out)).paragraphs[0].text != "KỊCH BẢN TRAO KHEN THƯỞNG":
        raise RuntimeError("the Word script reads back wrong")
    return "Ghi thử kịch bản MC ra tệp Word: được."
