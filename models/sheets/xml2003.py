"""Excel's "XML Spreadsheet 2003" (.xml, and the same files renamed .xls by some portals).

One XML document: <Workbook> holds <Styles> and one <Worksheet> per sheet, each with a
<Table> of <Row>s of <Cell>s. Rows and cells may skip ahead (ss:Index, 1-based), a cell
may span (ss:MergeAcross, ss:MergeDown), and its <Data> is typed (String, Number,
DateTime, Boolean, Error). Fonts come from the cell's style (ss:FontName, through
ss:Parent) and, inside rich text, from <Font html:Face> runs: TCVN3 and VNI text is read
by them. Parsed as a stream with defusedxml (no DTD, no entities) and bounded like every
other reader.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from defusedxml.ElementTree import iterparse

from models.errors import SpreadsheetError
from models.sheets.sheet import (
    MAX_COLUMNS,
    MAX_ROWS,
    Converter,
    Sheet,
    StyleFonts,
    Workbook,
    cell_text,
    stop_point,
    too_many_rows,
    trimmed,
    xml_read_errors,
)

SS = "urn:schemas-microsoft-com:office:spreadsheet"
HTML = "http://www.w3.org/TR/REC-html40"
_LOOKS = re.compile(rb"<\?mso-application\s+progid=\"Excel\.Sheet\"|urn:schemas-microsoft-com:office:spreadsheet")


def _q(name: str, ns: str = SS) -> str:
    return f"{{{ns}}}{name}"


WORKSHEET, TABLE, ROW, CELL, DATA = (_q(n) for n in ("Worksheet", "Table", "Row", "Cell", "Data"))
STYLE, FONT = _q("Style"), _q("Font")
A_ID, A_PARENT, A_FONT_NAME, A_NAME = _q("ID"), _q("Parent"), _q("FontName"), _q("Name")
A_INDEX, A_STYLE, A_TYPE = _q("Index"), _q("StyleID"), _q("Type")
A_ACROSS, A_DOWN = _q("MergeAcross"), _q("MergeDown")
HTML_FONT, A_FACE = _q("Font", HTML), _q("Face", HTML)


def looks_like_xml_spreadsheet(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return start.startswith(b"<?xml") and _LOOKS.search(head) is not None


class _Styles(StyleFonts):
    def feed(self, elem) -> None:
        style_id = elem.get(A_ID, "")
        if elem.get(A_PARENT):
            self.parent[style_id] = elem.get(A_PARENT)
        font = elem.find(FONT)
        if font is not None and font.get(A_FONT_NAME):
            self.font_of[style_id] = font.get(A_FONT_NAME)

    def font(self, style: str | None) -> str | None:
        return self.lookup(style) or self.font_of.get("Default")


def _index(value: str | None, current: int, limit: int) -> int:
    """The 0-based position ss:Index (1-based) moves to, or the next one."""
    if value is None:
        return current
    try:
        return max(current, min(int(value), limit + 1) - 1)
    except ValueError:
        return current


def _span(value: str | None, limit: int) -> int:
    try:
        return max(0, min(int(value or 0), limit))
    except ValueError:
        return 0


def _runs(data, font: str | None) -> list[tuple[str, str | None]]:
    """Rich text: each piece with the html:Face of the <Font> around it."""
    runs: list[tuple[str, str | None]] = []

    def walk(node, current: str | None) -> None:
        if node.text:
            runs.append((node.text, current))
        for child in node:
            inner = child.get(A_FACE) or current if child.tag == HTML_FONT else current
            walk(child, inner)
            if child.tail:
                runs.append((child.tail, current))

    walk(data, font)
    return runs


def _value(cell, styles: _Styles, convert: Converter) -> str:
    data = cell.find(DATA)
    if data is None:
        return ""
    kind = data.get(A_TYPE, "String")
    raw = "".join(data.itertext())
    if kind == "Number":
        try:
            return cell_text(float(raw))
        except ValueError:
            return raw.strip()
    if kind == "DateTime":
        try:
            return cell_text(dt.datetime.fromisoformat(raw.strip()))
        except ValueError:
            return raw.strip()
    if kind == "Boolean":
        return cell_text(raw.strip() in ("1", "true"))
    if not raw:
        return ""
    font = styles.font(cell.get(A_STYLE))
    if len(data):  # rich text: runs in their own fonts
        return convert.runs(_runs(data, None), font)
    return convert(raw, font)


def read_xml_spreadsheet(path: Path) -> Workbook:
    with xml_read_errors(path), path.open("rb") as f:
        sheets = _read(path, f)
    if not sheets:
        raise SpreadsheetError(f"Tệp “{path.name}” là bảng tính XML 2003 nhưng không có trang tính nào.")
    return Workbook(path, "xml", sheets, note="Tệp là bảng tính “XML Spreadsheet 2003” của Excel.")


def _read(path: Path, f) -> list[Sheet]:
    styles = _Styles()
    sheets: list[Sheet] = []
    sheet: Sheet | None = None
    convert: Converter | None = None
    r = 0  # the 0-based row the next <Row> takes
    for event, elem in iterparse(f, events=("start", "end"), forbid_dtd=True):
        tag = elem.tag
        if event == "start":
            if tag == WORKSHEET:
                sheet = Sheet(elem.get(A_NAME) or f"Trang {len(sheets) + 1}")
                convert = Converter(sheet)
                r = 0
            elif tag == ROW and sheet is not None:
                r = _index(elem.get(A_INDEX), r, MAX_ROWS)
            continue
        if tag == STYLE:
            styles.feed(elem)
        elif tag == ROW and sheet is not None and convert is not None:
            stop_point()
            if r >= MAX_ROWS:
                raise too_many_rows(path)
            row: list[str] = []
            c = 0
            for cell in elem.iter(CELL):
                c = _index(cell.get(A_INDEX), c, MAX_COLUMNS)
                if c >= MAX_COLUMNS:
                    break
                row.extend([""] * (c - len(row)))
                row.append(_value(cell, styles, convert))
                across, down = _span(cell.get(A_ACROSS), MAX_COLUMNS), _span(cell.get(A_DOWN), MAX_ROWS)
                if across or down:
                    sheet.merged.append((r, c, r + down, c + across))
                c += 1 + across
            sheet.rows.extend([] for _ in range(r - len(sheet.rows)))
            sheet.rows.append(trimmed(row))
            r += 1
            elem.clear()
        elif tag == WORKSHEET and sheet is not None and convert is not None:
            convert.finish()
            sheets.append(sheet)
            sheet = None
    return sheets
