"""The decision annex (`models.reports.annex`) as an .xlsx workbook, laid out as offices print it.

One sheet per table, with the header block merged across the columns, thin borders, Times
New Roman, A4 with the table header repeated on every page; then a "Thống kê" sheet. The
table's header is the importer's own, so an annex read back in gives the same list.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import openpyxl
from openpyxl.styles import Font

from models.domain.heading import STAR, HeadingKind
from models.exports.xlsx_style import BOX, CENTRE, WRAP, a4_setup, banner, fit_rows, font, put, save_workbook, widths
from models.reports.annex import AnnexTable, build_annex
from models.reports.stats import ceremony_stats, stats_lines
from models.repos.book import CeremonyBook


@dataclass(slots=True)
class AnnexResult:
    sheets: int
    rows: int


def _sheet_title(base: str, taken: set[str]) -> str:
    """Excel sheet names: at most 31 characters, no []:*?/\\, unique."""
    name = "".join(" " if ch in "[]:*?/\\" else ch for ch in base)[:31].strip() or "Danh sách"
    candidate, n = name, 2
    while candidate in taken:
        suffix = f" ({n})"
        candidate, n = name[: 31 - len(suffix)] + suffix, n + 1
    taken.add(candidate)
    return candidate


def _head_block(ws, table: AnnexTable, width: int) -> int:
    """The header block; returns the row of the table header."""
    split = max(2, width // 2)
    h = table.heading
    if h.kind is HeadingKind.PARTY:
        # Superior body, issuer (bold), asterisk; "ĐẢNG CỘNG SẢN VIỆT NAM" underlined on the right.
        left = [(h.superior, font(12)), (h.issuer, font(12, bold=True)), (STAR, font(12))]
        left = [(line, f) for line, f in left if line]
        right = [(h.title, Font(name="Times New Roman", size=12, bold=True, underline="single"))]
    else:
        left = [(h.issuer or " ", font(12, bold=True))]
        right = [
            (h.title, font(12, bold=True)),
            (h.motto, Font(name="Times New Roman", size=12, bold=True, underline="single")),
        ]
    for row, (line, f) in enumerate(left, start=1):
        banner(ws, row, 1, split - 1, line, font=f)
    for row, (line, f) in enumerate(right, start=1):
        banner(ws, row, split, width, line, font=f)
    banner(ws, 4, 1, width, "DANH SÁCH", font=font(14, bold=True))
    row = 5
    for line in table.title_lines:
        banner(ws, row, 1, width, line, font=font(12, bold=True))
        row += 1
    banner(ws, row, 1, width, f"(Kèm theo {table.reference})", font=font(12, italic=True))
    return row + 2


def _write_table(ws, table: AnnexTable) -> None:
    width = len(table.header)
    header_row = _head_block(ws, table, width)
    for c, label in enumerate(table.header, start=1):
        put(ws, header_row, c, label, font=font(12, bold=True), alignment=CENTRE, border=BOX)
    row = header_row + 1
    for section in table.sections:
        put(ws, row, 1, section.mark, font=font(12, bold=True), alignment=CENTRE, border=BOX)
        put(ws, row, 2, section.label, font=font(12, bold=True), alignment=WRAP, border=BOX)
        for c in range(3, width + 1):
            put(ws, row, c, None, border=BOX)
        row += 1
        for values in section.rows:
            for c, value in enumerate(values, start=1):
                put(ws, row, c, value, font=font(12), alignment=CENTRE if c == 1 else WRAP, border=BOX)
            row += 1
    put(ws, row, 2, table.total, font=font(12, bold=True))
    if table.signature:
        # Two empty lines between the role and the name leave room to sign.
        lines = [*table.signature[:-1], "", "", table.signature[-1]]
        for i, line in enumerate(lines):
            if line:
                banner(ws, row + 2 + i, max(2, width // 2), width, line, font=font(12, bold=True))
    widths(ws, list(table.widths))
    fit_rows(ws, header_row, row - 1, list(table.widths))  # the total line does not wrap
    a4_setup(ws, header_row, landscape=table.landscape)


def write_annex(book: CeremonyBook, ceremony_id: int, out: Path) -> AnnexResult:
    """Write the annex workbook whole or not at all."""
    annex = build_annex(book, ceremony_id)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    for table in annex.tables:
        _write_table(wb.create_sheet(_sheet_title(table.name, taken)), table)
    _stats_sheet(wb.create_sheet(_sheet_title("Thống kê", taken)), book, ceremony_id, annex.loose)
    save_workbook(wb, out)
    return AnnexResult(len(annex.tables), annex.rows)


def _stats_sheet(ws, book: CeremonyBook, ceremony_id: int, loose: int) -> None:
    stats = ceremony_stats(book, ceremony_id)
    put(ws, 1, 1, "Câu dùng cho bài viết:", font=font(12, bold=True))
    put(ws, 2, 1, stats.sentence, font=font(12), alignment=WRAP)
    lines = stats_lines(stats)
    for i, line in enumerate(lines, start=4):
        put(ws, i, 1, line, font=font(12), alignment=WRAP)
    if loose:
        message = f"{loose} mục chưa gắn quyết định nên không có trong danh sách kèm theo."
        put(ws, len(lines) + 5, 1, message, font=font(12))
    widths(ws, [120])
