"""How an office list looks in Excel: Times New Roman, thin borders, A4, safe text cells."""

from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.worksheet import Worksheet

# Offices print lists in Times New Roman; Excel substitutes a like font where it is missing.
FONT_NAME = "Times New Roman"
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center")
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)

_FORMULA_START = ("=", "+", "-", "@")


def font(size: int = 12, bold: bool = False, italic: bool = False) -> Font:
    return Font(name=FONT_NAME, size=size, bold=bold, italic=italic)


def put(ws: Worksheet, row: int, column: int, value, **style):
    """Write a value; text is always text (never run as a formula), whatever it starts with."""
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        cell.data_type = "s"
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def banner(ws: Worksheet, row: int, first: int, last: int, value: str, **style) -> None:
    """A line of the header block merged across columns first..last."""
    put(ws, row, first, value, alignment=CENTRE, **style)
    if last > first:
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)


def a4_setup(ws: Worksheet, header_row: int, landscape: bool = True) -> None:
    """A4, one page wide, the header row repeated on every page, page numbers in the footer."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.oddFooter.center.text = "Trang &P/&N"
    ws.oddFooter.center.font = FONT_NAME


def widths(ws: Worksheet, sizes: list[float]) -> None:
    from openpyxl.utils import get_column_letter

    for i, size in enumerate(sizes, start=1):
        ws.column_dimensions[get_column_letter(i)].width = size


# Times New Roman 12 pt: a line is about 15.75 pt high, and a column of width w (in widths
# of Calibri's "0") holds about 0.9 w characters of Vietnamese text: a row a little too
# high prints, a row too low hides a line under the next one.
LINE_PT = 15.75
CHARS_PER_WIDTH = 0.9


def lines_needed(value, width: float) -> int:
    if value is None or value == "":
        return 1
    per_line = max(1, int(width * CHARS_PER_WIDTH))
    return sum(max(1, -(-len(part) // per_line)) for part in str(value).split("\n"))


def fit_rows(ws: Worksheet, first: int, last: int, sizes: list[float]) -> None:
    """Give each row of first..last the height its wrapped text needs. Excel grows rows by
    itself when it opens a file, but LibreOffice and printing from a viewer do not."""
    for row in range(first, last + 1):
        lines = max(lines_needed(ws.cell(row, c).value, size) for c, size in enumerate(sizes, start=1))
        ws.row_dimensions[row].height = lines * LINE_PT + 3


def save_workbook(wb, out) -> None:
    """Whole or not at all. The workbook is zipped in memory first: a disk that fills up
    mid-save then fails one plain write, instead of leaving openpyxl's open zip file to print
    "Exception ignored in ZipFile.__del__" at the user."""
    import io

    from models.storage.atomic import atomic_write

    buffer = io.BytesIO()
    wb.save(buffer)
    with atomic_write(out, binary=True) as f:
        f.write(buffer.getbuffer())
