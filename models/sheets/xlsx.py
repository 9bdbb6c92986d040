"""Excel workbooks (.xlsx) read as a stream of cell texts, with each text's font.

Own reader on expat rather than openpyxl: a clerk waits for an import, and building a cell
object per cell costs twice the time the list needs; the font of each text is wanted
anyway (TCVN3 and VNI text is recognised by it). Only what a list needs is read: shared
and inline strings, numbers (dates by their number format), booleans, formula results,
merged ranges and cell fonts. A DOCTYPE is refused outright, so no entity can expand.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from models.errors import SpreadsheetError
from models.sheets import legacy
from models.sheets.sheet import (
    MAX_COLUMNS,
    MAX_ROWS,
    Converter,
    Sheet,
    Workbook,
    cell_text,
    stop_point,
    too_many_rows,
    trimmed,
)
from models.sheets.xlsx_parts import (
    CELL_REF,
    DATE_1904,
    DIGITS,
    LOCAL_NAMES,
    MAX_CELL_CHARS,
    RANGE_REF,
    BeyondExcel,
    DoctypeRefused,
    Styles,
    column_index,
    int_of,
    local_name,
    parse,
    relationships,
    shared_strings,
    sheet_parts,
    strings_part,
)


class _SheetReader:
    """Collects one worksheet's rows of texts from the parser's events.

    The handlers run once per tag of every cell, so they avoid function calls where a
    dict lookup will do: tag names, column letters, styles and shared strings are cached.
    """

    def __init__(
        self,
        path: Path,
        sheet: Sheet,
        shared: list[str],
        shared_runs: dict[int, list[legacy.Run]],
        styles: Styles,
        epoch: dt.datetime,
    ):
        self.path, self.sheet, self.shared, self.styles, self.epoch = path, sheet, shared, styles, epoch
        self.shared_runs = shared_runs
        self.convert = Converter(sheet)
        self.with_fonts = styles.any_legacy_font or any(
            legacy.font_encoding(font) is not legacy.Encoding.UNICODE
            for pieces in shared_runs.values()
            for _, font in pieces
        )
        self.inline_runs: list[list] = []  # [text, font] per run of an inline rich string
        self.shared_text: dict[str, str] = {}  # shared-string index as written -> converted text
        self.columns: dict[str, int] = {}
        self.row: list[str] = []
        self.row_number = 0  # 1-based, as in the file
        self.column = -1
        self.kind = "n"
        self.style: str | None = None
        self.parts: list[str] = []
        self.collect = False
        self.inline = False

    def start(self, tag, attrs):
        tag = LOCAL_NAMES.get(tag) or local_name(tag)
        if tag == "c":
            ref = attrs.get("r")
            column = self.columns.get(ref.rstrip(DIGITS)) if ref else None
            self.column = column if column is not None else self._column(ref)
            self.kind = attrs.get("t", "n")
            self.style = attrs.get("s")
            self.parts.clear()
            self.inline_runs.clear()
        elif tag == "v" or (tag == "t" and self.inline):
            self.collect = True
        elif tag == "row":
            self.row_number = int_of(attrs.get("r")) or self.row_number + 1
            self.row = []
            self.column = -1
        elif tag == "is":
            self.inline = True
        elif tag == "r" and self.inline:
            self.inline_runs.append(["", None])
        elif tag == "rFont" and self.inline and self.inline_runs:
            self.inline_runs[-1][1] = attrs.get("val") or None
        elif tag == "rPh":
            self.inline = False  # phonetic guide inside an inline string
        elif tag == "mergeCell":
            match = RANGE_REF.match(attrs.get("ref", ""))
            if match:
                c0, r0, c1, r1 = match.groups()
                self.sheet.merged.append((int(r0) - 1, column_index(c0), int(r1) - 1, column_index(c1)))

    def _column(self, ref: str | None) -> int:
        """A cell's column from its reference ("AB12"), or the next one when it has none."""
        match = CELL_REF.match(ref) if ref else None
        if match is None:
            return self.column + 1
        self.columns[match.group(1)] = index = column_index(match.group(1))
        return index

    def end(self, tag):
        tag = LOCAL_NAMES.get(tag) or local_name(tag)
        if tag == "c":
            if self.parts and self.column < MAX_COLUMNS:
                value = self._value("".join(self.parts))
                if value and not value.isspace():  # spaces alone are an empty cell (calamine agrees)
                    row = self.row
                    if len(row) < self.column:
                        row.extend([""] * (self.column - len(row)))
                    if len(row) == self.column:
                        row.append(value)
                    else:
                        row[self.column] = value
        elif tag == "v" or tag == "t":
            self.collect = False
        elif tag == "row":
            self._keep_row()
        elif tag == "is":
            self.inline = False

    def text(self, data):
        if self.collect:
            self.parts.append(data)
            if self.inline and self.inline_runs:
                self.inline_runs[-1][0] += data
            # expat hands text over in pieces of at most 8 KiB: a long cell is many pieces.
            if len(self.parts) > 4 and sum(map(len, self.parts)) > MAX_CELL_CHARS:
                raise BeyondExcel

    def _value(self, raw: str) -> str:
        kind = self.kind
        if kind == "s":
            if not self.with_fonts:
                known = self.shared_text.get(raw)
                if known is None:
                    index = int_of(raw)
                    text = self.shared[index] if 0 <= index < len(self.shared) else ""
                    known = self.shared_text[raw] = self.convert(text) if text else ""
                return known
            index = int_of(raw)
            if index in self.shared_runs:
                return self.convert.runs(self.shared_runs[index], self.styles.font(self.style))
            raw = self.shared[index] if 0 <= index < len(self.shared) else ""
        elif kind == "n":
            return self._number(raw)
        elif kind == "b":
            return cell_text(raw.strip() in ("1", "true"))
        elif kind == "d":
            return self._iso_date(raw)
        elif kind == "e":
            return raw
        # "s" under legacy fonts, "inlineStr", "str" (a formula's text result)
        if not raw:
            return raw
        if self.inline_runs and any(font for _, font in self.inline_runs):
            return self.convert.runs([(t, f) for t, f in self.inline_runs], self.styles.font(self.style))
        return self.convert(raw, self.styles.font(self.style)) if self.with_fonts else self.convert(raw)

    def _number(self, raw: str) -> str:
        if raw.isascii() and raw.isdigit() and not self.styles.is_date(self.style):
            return raw if raw[0] != "0" or raw == "0" else str(int(raw))
        try:
            number = float(raw)
        except ValueError:
            return raw.strip()
        if self.styles.is_date(self.style) and 0 <= number < 2_958_466:
            # To the second, as Excel shows it: serials carry float noise (…:59.9999).
            return cell_text(self.epoch + dt.timedelta(seconds=round(number * 86400)))
        if raw.lstrip("-").isdigit():
            return str(int(raw))
        return cell_text(number)

    def _iso_date(self, raw: str) -> str:
        try:
            return cell_text(dt.datetime.fromisoformat(raw.strip()))
        except ValueError:
            return raw.strip()

    def _keep_row(self) -> None:
        stop_point()
        row = trimmed(self.row)
        if not row:
            return
        rows = self.sheet.rows
        if self.row_number > MAX_ROWS:
            raise too_many_rows(self.path)
        if len(rows) < self.row_number - 1:
            rows.extend([] for _ in range(self.row_number - 1 - len(rows)))
        if len(rows) == self.row_number - 1:
            rows.append(row)
        else:  # rows out of order: rare, but allowed by the format
            rows[self.row_number - 1] = row


def read_xlsx(path: Path, archive: zipfile.ZipFile, *, quick: bool = True) -> Workbook:
    """Every worksheet of the workbook; a damaged part raises for the caller to explain.
    quick=False: always the own reader (the tests compare the two)."""
    try:
        return _read(path, archive, quick)
    except BeyondExcel:
        raise SpreadsheetError(
            f"Tệp “{path.name}” có ô dài hơn 32.767 ký tự hoặc hơn một triệu chữ khác nhau, "
            "điều Excel không bao giờ tạo ra: có thể là tệp hỏng hoặc độc hại, không mở."
        ) from None
    except DoctypeRefused:
        raise SpreadsheetError(
            f"Tệp “{path.name}” chứa khai báo XML lạ (DOCTYPE, thực thể) mà Excel không bao giờ ghi: "
            "có thể là tệp độc hại, không mở."
        ) from None


def _read(path: Path, archive: zipfile.ZipFile, quick: bool) -> Workbook:
    styles = Styles.read(archive)
    date_1904 = DATE_1904.search(archive.read("xl/workbook.xml"))
    epoch = dt.datetime(1904, 1, 1) if date_1904 else dt.datetime(1899, 12, 30)
    if quick:
        from models.sheets.xlsx_fast import read_values

        found = read_values(archive, styles, epoch)
        if found is not None:
            return Workbook(path, "xlsx", found)
    rels = relationships(archive)
    shared, shared_runs = shared_strings(archive, strings_part(archive, rels))
    sheets = []
    for name, part in sheet_parts(archive, rels):
        sheet = Sheet(name)
        with archive.open(part) as stream:
            reader = _SheetReader(path, sheet, shared, shared_runs, styles, epoch)
            parse(stream, reader.start, reader.end, reader.text)
        reader.convert.finish()
        sheets.append(sheet)
    return Workbook(path, "xlsx", sheets)
