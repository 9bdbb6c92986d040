""" ".xls" files that are web pages: what reporting portals and old systems export.

Excel opens such a file as a sheet, so clerks treat it as one. Each top-level <table> is
read as a sheet; colspan and rowspan become merged ranges, as in a real workbook.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from .errors import SpreadsheetError
from .sheet import MAX_COLUMNS, MAX_ROWS, Converter, Sheet, Workbook, stop_point, too_many_rows, trimmed
from .sheet_csv import decode_text

_LOOKS_HTML = re.compile(
    rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|table|head|body|meta)\b", re.IGNORECASE | re.DOTALL
)
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w-]+)", re.IGNORECASE)
_MAX_SPAN = 500
_MAX_COVERED = 1_000_000  # cells a page's rowspans may cover, against hostile pages


def looks_like_html(head: bytes) -> bool:
    return bool(_LOOKS_HTML.match(head.removeprefix(b"\xef\xbb\xbf")))


def _span(value: str | None, limit: int) -> int:
    try:
        return max(1, min(int(value or 1), limit))
    except ValueError:
        return 1


class _Tables(HTMLParser):
    """Rows of cell texts per top-level table, with the ranges that colspan/rowspan cover."""

    def __init__(self, path: Path):
        super().__init__(convert_charrefs=True)
        self.path = path
        self.sheets: list[Sheet] = []
        self.depth = 0  # table nesting: a table inside a cell is read as that cell's text
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.taken: dict[tuple[int, int], bool] = {}  # cells covered by a rowspan from above
        self.column = 0
        self.spans = (1, 1)

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.depth += 1
            if self.depth == 1:
                self.sheets.append(Sheet(f"Bảng {len(self.sheets) + 1}"))
                self.taken = {}
        elif self.depth != 1:
            if tag == "br" and self.cell is not None:
                self.cell.append(" ")
        elif tag == "tr":
            self._end_row()
            stop_point()
            if len(self.sheets[-1].rows) >= MAX_ROWS:
                raise too_many_rows(self.path)
            self.row, self.column = [], 0
        elif tag in ("td", "th") and self.row is not None:
            self._end_cell()
            values = dict(attrs)
            self.spans = (_span(values.get("rowspan"), _MAX_SPAN), _span(values.get("colspan"), MAX_COLUMNS))
            self.cell = []
        elif tag == "br" and self.cell is not None:
            self.cell.append(" ")

    def handle_endtag(self, tag):
        if tag == "table":
            if self.depth == 1:
                self._end_row()
            self.depth = max(0, self.depth - 1)
        elif self.depth == 1 and tag in ("td", "th"):
            self._end_cell()
        elif self.depth == 1 and tag == "tr":
            self._end_row()

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)

    def _end_cell(self) -> None:
        if self.cell is None or self.row is None:
            return
        sheet, r = self.sheets[-1], len(self.sheets[-1].rows)
        while self.taken.get((r, self.column)):
            self.column += 1
        rows, columns = self.spans
        c = self.column
        if c < MAX_COLUMNS:
            self.row.extend([""] * (c - len(self.row)))
            self.row.append("".join(self.cell))
        if rows > 1 or columns > 1:
            sheet.merged.append((r, c, r + rows - 1, c + columns - 1))
            if len(self.taken) + rows * columns > _MAX_COVERED:
                raise SpreadsheetError(f"Tệp “{self.path.name}” có bảng gộp ô bất thường, quá lớn để đọc.")
            for dr in range(1, rows):
                for dc in range(columns):
                    self.taken[(r + dr, c + dc)] = True
        self.column = c + columns
        self.cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self.row is not None and self.sheets:
            self.sheets[-1].rows.append(self.row)
        self.row = None


def read_html_table(path: Path, data: bytes) -> Workbook:
    charset = _CHARSET.search(data[:4096])
    text = None
    if charset:
        try:
            text = data.decode(charset.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        text, _, _ = decode_text(path, data)
    parser = _Tables(path)
    parser.feed(text)
    parser.close()
    parser._end_row()
    sheets = [s for s in parser.sheets if any(s.rows)]
    if not sheets:
        raise SpreadsheetError(f"Tệp “{path.name}” là trang web, không có bảng nào để nhập.")
    for sheet in sheets:
        convert = Converter(sheet)
        sheet.rows = [trimmed([convert(v) if v else v for v in row]) for row in sheet.rows]
    return Workbook(path, "html", sheets, note="Tệp là trang web (HTML) mang đuôi bảng tính: đọc các bảng trong trang.")
