"""Reading certificate PDFs back the way a person would check a printout."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pypdf
import pypdfium2
import zxingcpp

from certificates import batch
from certificates.render import RenderJob, render_pdf
from models.domain.printing import PaperMode
from models.repos.book import CeremonyBook
from models.repos.print_book import PrintBook

MM = 72 / 25.4


def ceremony_by_place(book: CeremonyBook, place: str, year: int):
    return next(c for c in book.ceremonies() if c.place == place and c.held_on.year == year)


def render_ceremony(book: CeremonyBook, ceremony_id: int, out: Path, mode: PaperMode = PaperMode.FULL, **job_options):
    prints = PrintBook(book.store)
    plan = batch.prepare(book, prints, ceremony_id, assign=True)
    job = RenderJob(plan.certificates, plan.templates, mode, invariant=True, **job_options)
    return plan, render_pdf(job, out)


def page_texts(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() for page in pdf.pages]


def page_chars(path: Path, index: int) -> tuple[list[dict], float, float]:
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[index]
        return list(page.chars), float(page.width), float(page.height)


def fonts_used(path: Path) -> dict[str, bool]:
    """Base font name -> whether its program is embedded in the file."""
    found = {}
    for page in pypdf.PdfReader(path).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            found[str(font["/BaseFont"])] = any(k in descriptor for k in ("/FontFile2", "/FontFile3", "/FontFile"))
    return found


def decode_qr(path: Path, index: int = 0, dpi: int = 150) -> list[zxingcpp.Barcode]:
    """Render one page at `dpi` and decode every QR code on it with a real decoder."""
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        image = pdf[index].render(scale=dpi / 72).to_pil().convert("L")
    finally:
        pdf.close()
    return [b for b in zxingcpp.read_barcodes(image) if b.format == zxingcpp.BarcodeFormat.QRCode]
