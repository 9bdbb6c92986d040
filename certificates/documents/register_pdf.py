"""The register book (sổ theo dõi cấp giấy khen) as an A4 landscape PDF: a section per
series, the header row repeated on every page, page numbers at the foot."""

from __future__ import annotations

from itertools import groupby
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from certificates.fonts import bundled, register
from models.exports.xlsx_register import HEADER, SIZES, register_cells, series_title
from models.repos.history_book import RegisterRow
from models.storage.atomic import atomic_write

MARGIN = 12 * mm


def write_register_pdf(rows: list[RegisterRow], out: Path) -> int:
    fonts = register(bundled())
    cell = ParagraphStyle("cell", fontName=fonts.regular, fontSize=9.5, leading=12)
    head = ParagraphStyle("head", cell, fontName=fonts.bold, alignment=1)
    title = ParagraphStyle("title", fontName=fonts.bold, fontSize=14, leading=18, alignment=1, spaceAfter=5 * mm)
    page = landscape(A4)
    width = page[0] - 2 * MARGIN
    widths = [width * s / sum(SIZES) for s in SIZES]
    story: list = []
    for series, group in groupby(rows, key=lambda r: r.series):
        if story:
            story.append(PageBreak())
        story.append(Paragraph(escape(series_title(series)), title))
        body = [[Paragraph(escape(h), head) for h in HEADER]]
        body += [[Paragraph(escape(str(v)), cell) for v in register_cells(r)] for r in group]
        table = Table(body, colWidths=widths, repeatRows=1)
        table.setStyle(
            TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("FONTNAME", (0, 0), (-1, -1), fonts.regular),
            ])
        )  # fmt: skip
        story.append(table)
    if not story:
        story = [Paragraph("Chưa có số vào sổ nào được cấp.", cell), Spacer(1, 1)]

    def foot(canvas, doc) -> None:
        canvas.setFont(fonts.regular, 9)
        canvas.drawCentredString(page[0] / 2, MARGIN / 2, f"Trang {doc.page}")

    with atomic_write(out, binary=True) as f:
        doc = SimpleDocTemplate(f, pagesize=page, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                                bottomMargin=MARGIN, title="Sổ theo dõi cấp giấy khen")  # fmt: skip
        doc.build(story, onFirstPage=foot, onLaterPages=foot)
    return len(rows)
