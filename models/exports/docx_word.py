"""What the Word files share: A4 in Times New Roman (Word's own font for office papers), page
numbers in the footer, a table whose header row repeats on every page, text set as it is
(NFC, never run through any field or formula)."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from models.storage.atomic import atomic_write

FONT = "Times New Roman"
A4_MM = (210, 297)


def _nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def new_document(size: float = 13) -> DocxDocument:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(size)
    # East Asian and complex-script slots too, or Word falls back to its theme font for them.
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)
    style.paragraph_format.space_after = Pt(2)
    return document


def page(section, *, landscape: bool, margin_mm: float = 15) -> None:
    width, height = A4_MM if not landscape else A4_MM[::-1]
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(width), Mm(height)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(margin_mm))


def page_numbers(section) -> None:
    """ "Trang N" centred at the foot, as a PAGE field Word and LibreOffice fill in."""
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Trang ")
    run = footer.add_run()
    for kind, value in (("begin", None), ("instr", " PAGE "), ("separate", None), ("end", None)):
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = value
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)
        if kind == "separate":
            shown = OxmlElement("w:t")
            shown.text = "1"
            run._r.append(shown)


def paragraph(document, value: str, *, bold=False, italic=False, size: float | None = None, centre=False,
              underline=False, before: float = 0, after: float | None = None):  # fmt: skip
    p = document.add_paragraph()
    run = p.add_run(_nfc(value))
    run.bold, run.italic, run.underline = bold, italic, underline
    if size:
        run.font.size = Pt(size)
    if centre:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_before = Pt(before)
    if after is not None:
        p.paragraph_format.space_after = Pt(after)
    return p


def cell_text(cell, value: str, *, bold=False, centre=False, size: float | None = None) -> None:
    p = cell.paragraphs[0]
    run = p.add_run(_nfc(value))
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if centre:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def ruled_table(document, header: tuple[str, ...] | list[str], widths_mm: list[float], size: float = 11):
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    fixed_widths(table, widths_mm)
    head = table.rows[0]
    repeat = OxmlElement("w:tblHeader")  # the header row again at the top of every page
    repeat.set(qn("w:val"), "true")
    head._tr.get_or_add_trPr().append(repeat)
    for cell, name, width in zip(head.cells, header, widths_mm, strict=True):
        cell.width = Mm(width)
        cell_text(cell, name, bold=True, centre=True, size=size)
    return table


def fixed_widths(table, widths_mm: list[float]) -> None:
    """Column widths as given: LibreOffice reads the table's grid, Word each cell's width."""
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)


def whole_row(row) -> None:
    """A row is never cut across two pages (a name's last line alone at the top of one)."""
    flag = OxmlElement("w:cantSplit")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def add_row(table, values: list, widths_mm: list[float], size: float = 11, centred: tuple[int, ...] = (0,)) -> None:
    row = table.add_row()
    whole_row(row)
    cells = row.cells
    for i, (cell, value, width) in enumerate(zip(cells, values, widths_mm, strict=True)):
        cell.width = Mm(width)
        cell_text(cell, "" if value is None else str(value), centre=i in centred, size=size)


def save(document, out: Path | str) -> None:
    """Whole or not at all, as every file the app writes."""
    buffer = io.BytesIO()
    document.save(buffer)
    with atomic_write(out, binary=True) as f:
        f.write(buffer.getbuffer())
