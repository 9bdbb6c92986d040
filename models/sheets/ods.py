"""OpenDocument spreadsheets (.ods, as LibreOffice and WPS save them), read as a stream.

Own streaming reader rather than a DOM library: the font of each cell is needed (TCVN3
and VNI text is recognised by it), and a sheet may declare a million repeated empty rows
that must never be expanded. XML is parsed with defusedxml: no entities, no DTD.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from defusedxml.ElementTree import iterparse

from models.sheets.sheet import (
    MAX_COLUMNS,
    MAX_REPEATED_ROWS,
    MAX_ROWS,
    Converter,
    Sheet,
    StyleFonts,
    Workbook,
    cell_text,
    repeated_row,
    stop_point,
    too_many_rows,
    trimmed,
    xml_read_errors,
)

_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
}


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{_NS[prefix]}}}{local}"


FONT_FACE, STYLE, TEXT_PROPS = _q("style:font-face"), _q("style:style"), _q("style:text-properties")
TABLE, ROW, CELL, COVERED, COLUMN = (
    _q("table:table"),
    _q("table:table-row"),
    _q("table:table-cell"),
    _q("table:covered-table-cell"),
    _q("table:table-column"),
)
P, SPACE, TAB, BREAK, SPAN = _q("text:p"), _q("text:s"), _q("text:tab"), _q("text:line-break"), _q("text:span")
A_NAME, A_FAMILY, A_FONT, A_PARENT = (
    _q("style:name"),
    _q("svg:font-family"),
    _q("style:font-name"),
    _q("style:parent-style-name"),
)
A_TABLE_NAME, A_STYLE = _q("table:name"), _q("table:style-name")
A_ROWS_REP, A_COLS_REP = _q("table:number-rows-repeated"), _q("table:number-columns-repeated")
A_COLS_SPAN, A_ROWS_SPAN = _q("table:number-columns-spanned"), _q("table:number-rows-spanned")
A_DEFAULT_STYLE = _q("table:default-cell-style-name")
A_VALUE_TYPE, A_VALUE, A_DATE = _q("office:value-type"), _q("office:value"), _q("office:date-value")
A_TEXT_STYLE, A_SPACES = _q("text:style-name"), _q("text:c")


class _Styles(StyleFonts):
    """Style name -> font family, following parent styles and font-face declarations."""

    def __init__(self):
        super().__init__()
        self.faces: dict[str, str] = {}

    def feed(self, elem) -> None:
        if elem.tag == FONT_FACE:
            self.faces[elem.get(A_NAME, "")] = (elem.get(A_FAMILY) or elem.get(A_NAME, "")).strip("'\"")
        elif elem.tag == STYLE:
            name = elem.get(A_NAME, "")
            if elem.get(A_PARENT):
                self.parent[name] = elem.get(A_PARENT)
            props = elem.find(TEXT_PROPS)
            if props is not None and props.get(A_FONT):
                self.font_of[name] = props.get(A_FONT)

    def font(self, style: str | None) -> str | None:
        face = self.lookup(style)
        return self.faces.get(face, face) if face else None


def _cell_text(elem, styles: _Styles) -> tuple[str, list[tuple[str, str | None]]]:
    """The cell's text, and its pieces with the font of the span each was typed in (None:
    the cell's own font). LibreOffice keeps a capital typed in .VnTimeH inside a .VnTime
    cell as a one-letter span."""
    kind = elem.get(A_VALUE_TYPE)
    if kind in ("float", "percentage", "currency") and elem.get(A_VALUE) is not None:
        try:
            return cell_text(float(elem.get(A_VALUE))), []
        except ValueError:
            pass
    if kind == "date" and elem.get(A_DATE):
        try:
            return cell_text(dt.datetime.fromisoformat(elem.get(A_DATE))), []
        except ValueError:
            pass
    runs: list[tuple[str, str | None]] = []
    for n, p in enumerate(elem.iter(P)):
        if n:
            runs.append(("\n", None))
        _walk(p, runs, None, styles)
    return "".join(text for text, _ in runs), runs


def _walk(node, runs: list[tuple[str, str | None]], font: str | None, styles: _Styles) -> None:
    """Collect a paragraph's text (spaces, tabs, breaks), each piece with its span's font."""
    if node.text:
        runs.append((node.text, font))
    for child in node:
        if child.tag == SPACE:
            runs.append((" " * min(int(child.get(A_SPACES, "1") or 1), 100), font))
        elif child.tag == TAB:
            runs.append(("\t", font))
        elif child.tag == BREAK:
            runs.append(("\n", font))
        else:
            inner = styles.font(child.get(A_TEXT_STYLE)) or font if child.tag == SPAN else font
            _walk(child, runs, inner, styles)
        if child.tail:
            runs.append((child.tail, font))


def read_ods(path: Path, archive: zipfile.ZipFile) -> Workbook:
    styles = _Styles()
    with xml_read_errors(path):
        if "styles.xml" in archive.namelist():
            with archive.open("styles.xml") as f:
                for _, elem in iterparse(f, forbid_dtd=True):
                    styles.feed(elem)
        with archive.open("content.xml") as f:
            sheets = _read_content(path, f, styles)
    return Workbook(path, "ods", sheets)


def _read_content(path: Path, f, styles: _Styles) -> list[Sheet]:
    sheets: list[Sheet] = []
    sheet: Sheet | None = None
    convert: Converter | None = None
    column_styles: list[str | None] = []
    pending_blank = 0  # repeated empty rows, only materialised when content follows
    for event, elem in iterparse(f, events=("start", "end"), forbid_dtd=True):
        tag = elem.tag
        if event == "start":
            if tag == TABLE:
                sheet = Sheet(elem.get(A_TABLE_NAME, f"Trang {len(sheets) + 1}"))
                convert = Converter(sheet)
                column_styles, pending_blank = [], 0
            continue
        if tag in (FONT_FACE, STYLE):
            styles.feed(elem)
        elif tag == COLUMN and sheet is not None:
            repeat = min(int(elem.get(A_COLS_REP, "1")), MAX_COLUMNS)
            column_styles.extend([elem.get(A_DEFAULT_STYLE)] * repeat)
        elif tag == ROW and sheet is not None and convert is not None:
            row, spans = _row(elem, styles, convert, column_styles)
            stop_point()
            repeat = int(elem.get(A_ROWS_REP, "1"))
            if not any(row):
                pending_blank += repeat
            else:
                if repeat > MAX_REPEATED_ROWS:
                    raise repeated_row(path, len(sheet.rows) + pending_blank + 1, repeat)
                if len(sheet.rows) + pending_blank + repeat > MAX_ROWS:
                    raise too_many_rows(path)
                sheet.rows.extend([] for _ in range(pending_blank))
                pending_blank = 0
                for c, rows_span, cols_span in spans:
                    r = len(sheet.rows)
                    sheet.merged.append((r, c, r + rows_span - 1, c + cols_span - 1))
                sheet.rows.extend(list(row) for _ in range(repeat))
            elem.clear()
        elif tag == TABLE and sheet is not None and convert is not None:
            convert.finish()
            sheets.append(sheet)
            sheet = None
    return sheets


def _row(elem, styles: _Styles, convert: Converter, column_styles: list[str | None]):
    row: list[str] = []
    spans: list[tuple[int, int, int]] = []
    for cell in elem:
        if cell.tag not in (CELL, COVERED):
            continue
        repeat = int(cell.get(A_COLS_REP, "1"))
        column = len(row)
        text, runs = _cell_text(cell, styles) if cell.tag == CELL else ("", [])
        if text:
            style = cell.get(A_STYLE) or (column_styles[column] if column < len(column_styles) else None)
            text = convert.runs(runs, styles.font(style)) if runs else convert(text, styles.font(style))
        if cell.tag == CELL:
            rows_span, cols_span = int(cell.get(A_ROWS_SPAN, "1")), int(cell.get(A_COLS_SPAN, "1"))
            if rows_span > 1 or cols_span > 1:
                spans.append((column, rows_span, cols_span))
        if not text and column + repeat > MAX_COLUMNS:
            break  # a row's trailing empty cells are often repeated to column 1024
        row.extend([text] * min(repeat, MAX_COLUMNS - column))
        if len(row) >= MAX_COLUMNS:
            break
    return trimmed(row), spans
