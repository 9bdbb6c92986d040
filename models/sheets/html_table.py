""" ".xls" files that are web pages: what reporting portals and old systems export.

Excel opens such a file as a sheet, so clerks treat it as one. Each top-level <table> is
read as a sheet; colspan and rowspan become merged ranges, as in a real workbook.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from models.errors import SpreadsheetError
from models.sheets.csv_text import decode_text
from models.sheets.sheet import MAX_COLUMNS, MAX_ROWS, Converter, Sheet, Workbook, stop_point, too_many_rows, trimmed

_LOOKS_HTML = re.compile(
    rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|table|head|body|meta)\b", re.IGNORECASE | re.DOTALL
)
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w-]+)", re.IGNORECASE)
_MAX_SPAN = 500
_MAX_COVERED = 1_000_000  # cells a page's rowspans may cover, against hostile pages
_CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_CSS_CLASS = re.compile(r"\.([\w-]+)")
_FONT_FAMILY = re.compile(r"font-family\s*:\s*([^;]+)", re.IGNORECASE)
_MAX_STYLE_CHARS = 1_000_000


def _first_family(value: str) -> str | None:
    """The first family of a CSS font-family list: '".VnTime", serif' -> ".VnTime"."""
    first = value.split(",")[0].strip().strip("'\"").strip()
    return first or None


def _style_font(style: str | None) -> str | None:
    match = _FONT_FAMILY.search(style or "")
    return _first_family(match.group(1)) if match else None


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
        # Fonts, where the page kept them: Excel's export names them in CSS classes, other
        # exporters in <font face> or a style attribute. Legacy text is read by them.
        self.class_font: dict[str, str] = {}
        self.style_text: list[str] | None = None
        self.fonts: list[str | None] = []  # the font of each open element inside the cell
        self.cell_runs: list[tuple[str, str | None]] = []
        self.runs: dict[tuple[int, int, int], list[tuple[str, str | None]]] = {}  # (sheet, row, col)

    def _font_of(self, attrs: dict[str, str | None]) -> str | None:
        found = _style_font(attrs.get("style")) or attrs.get("face")
        for name in (attrs.get("class") or "").split():
            found = found or self.class_font.get(name)
        return _first_family(found) if found else None

    def handle_starttag(self, tag, attrs):
        if tag == "style":
            self.style_text = []
            return
        if self.cell is not None and self.depth == 1 and tag in ("font", "span", "b", "i", "u", "p", "div"):
            values = dict(attrs)
            self.fonts.append(self._font_of(values) or (self.fonts[-1] if self.fonts else None))
            return
        if tag == "table":
            self.depth += 1
            if self.depth == 1:
                self.sheets.append(Sheet(f"Bảng {len(self.sheets) + 1}"))
                self.taken = {}
        elif self.depth != 1:
            if tag == "br" and self.cell is not None:
                self._add(" ")
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
            self.cell_runs = []
            self.fonts = [self._font_of(values)]
        elif tag == "br" and self.cell is not None:
            self._add(" ")

    def handle_endtag(self, tag):
        if tag == "style" and self.style_text is not None:
            self._read_css("".join(self.style_text))
            self.style_text = None
            return
        if self.cell is not None and self.depth == 1 and tag in ("font", "span", "b", "i", "u", "p", "div"):
            if len(self.fonts) > 1:
                self.fonts.pop()
            return
        if tag == "table":
            if self.depth == 1:
                self._end_row()
            self.depth = max(0, self.depth - 1)
        elif self.depth == 1 and tag in ("td", "th"):
            self._end_cell()
        elif self.depth == 1 and tag == "tr":
            self._end_row()

    def handle_data(self, data):
        if self.style_text is not None:
            if sum(map(len, self.style_text)) < _MAX_STYLE_CHARS:
                self.style_text.append(data)
        elif self.cell is not None:
            self._add(data)

    def _add(self, text: str) -> None:
        if self.cell is None:
            return
        self.cell.append(text)
        self.cell_runs.append((text, self.fonts[-1] if self.fonts else None))

    def _read_css(self, css: str) -> None:
        for selectors, body in _CSS_RULE.findall(css):
            match = _FONT_FAMILY.search(body)
            if match is None:
                continue
            family = _first_family(match.group(1))
            for name in _CSS_CLASS.findall(selectors):
                if family:
                    self.class_font[name] = family

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
            if any(font for _, font in self.cell_runs):
                self.runs[(len(self.sheets) - 1, r, c)] = self.cell_runs
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
    found = [(i, s) for i, s in enumerate(parser.sheets) if any(s.rows)]
    if not found:
        raise SpreadsheetError(f"Tệp “{path.name}” là trang web, không có bảng nào để nhập.")
    for i, sheet in found:
        convert = Converter(sheet)
        sheet.rows = [
            trimmed(
                [
                    (convert.runs(parser.runs[(i, r, c)]) if (i, r, c) in parser.runs else convert(v)) if v else v
                    for c, v in enumerate(row)
                ]
            )
            for r, row in enumerate(sheet.rows)
        ]
        convert.finish()
    note = "Tệp là trang web (HTML) mang đuôi bảng tính: đọc các bảng trong trang."
    return Workbook(path, "html", [s for _, s in found], note=note)
