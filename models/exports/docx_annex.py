"""The decision annex (`models.reports.annex`) as a Word document, for offices that finish
the decision in Word: the same heading block, title, ruled list (header repeated on every
page), total and signature as the PDF, each list on its own section, landscape for
awardees and portrait for prizes."""

from __future__ import annotations

from pathlib import Path

from docx.enum.section import WD_SECTION
from docx.shared import Mm

from models.exports import docx_word as W
from models.reports.annex import Annex, AnnexTable

MARGIN_MM = 15
TAIL_ROWS = 2  # as the PDF keeps them


def _heading(document, table: AnnexTable, width_mm: float) -> None:
    h = table.heading
    block = document.add_table(rows=1, cols=2)
    W.fixed_widths(block, [width_mm * 0.42, width_mm * 0.58])
    left, right = block.rows[0].cells
    left.width, right.width = Mm(width_mm * 0.42), Mm(width_mm * 0.58)
    lines_left = ([(h.superior, False)] if h.superior else []) + [(h.issuer or " ", True)]
    if h.kind.value == "party":
        lines_left.append(("*", False))
    lines_right = [(h.title, True)] + ([(h.motto, True)] if h.motto else [])
    for cell, lines in ((left, lines_left), (right, lines_right)):
        cell.paragraphs[0].text = ""
        for i, (value, bold) in enumerate(lines):
            p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            run = p.add_run(value)
            run.bold = bold
            run.underline = cell is right and i == len(lines) - 1
            p.alignment = 1
    W.paragraph(document, "DANH SÁCH", bold=True, size=14, centre=True, before=12)
    for line in table.title_lines:
        W.paragraph(document, line, bold=True, centre=True)
    W.paragraph(document, f"(Kèm theo {table.reference})", italic=True, centre=True, after=10)


def _list(document, table: AnnexTable, width_mm: float) -> None:
    # The number column holds "STT" on one line; the others share the rest as the PDF's do.
    first = max(12.0, width_mm * table.widths[0] / sum(table.widths))
    unit = (width_mm - first) / sum(table.widths[1:])
    widths = [first, *(w * unit for w in table.widths[1:])]
    grid = W.ruled_table(document, table.header, widths)
    for section in table.sections:
        cells = grid.add_row().cells
        merged = cells[1].merge(cells[-1])
        W.cell_text(cells[0], section.mark, bold=True, centre=True, size=11)
        W.cell_text(merged, section.label, bold=True, size=11)
        for values in section.rows:
            W.add_row(grid, list(values), widths, centred=(0, len(values) - 1))
    total = W.paragraph(document, table.total, bold=True, before=6)
    if table.signature:
        # The signature never stands alone on a page: the last rows and the total go with it.
        total.paragraph_format.keep_with_next = True
        for row in grid.rows[-TAIL_ROWS:]:
            for cell in row.cells:
                for p in cell.paragraphs:
                    p.paragraph_format.keep_with_next = True
        block = document.add_table(rows=1, cols=2)
        W.whole_row(block.rows[0])
        W.fixed_widths(block, [width_mm * 0.5, width_mm * 0.5])
        right = block.rows[0].cells[1]
        right.paragraphs[0].text = ""
        for i, line in enumerate(table.signature[:-1]):
            p = right.paragraphs[0] if i == 0 else right.add_paragraph()
            p.add_run(line).bold = True
            p.alignment = 1
        gap = right.add_paragraph()
        gap.paragraph_format.space_before = Mm(20)
        gap.add_run(table.signature[-1]).bold = True
        gap.alignment = 1


def write_annex_docx(annex: Annex, out: Path) -> int:
    """One section per list; the number of lists written."""
    document = W.new_document(size=12)
    for i, table in enumerate(annex.tables):
        section = document.sections[0] if i == 0 else document.add_section(WD_SECTION.NEW_PAGE)
        W.page(section, landscape=table.landscape, margin_mm=MARGIN_MM)
        if i == 0:
            W.page_numbers(section)  # later sections share the first one's footer
        width = (297 if table.landscape else 210) - 2 * MARGIN_MM
        _heading(document, table, width)
        _list(document, table, width)
    if not annex.tables:
        W.paragraph(document, "Chưa có quyết định nào có danh sách.")
    W.save(document, out)
    return len(annex.tables)
