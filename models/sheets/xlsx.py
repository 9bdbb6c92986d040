"""Excel workbooks (.xlsx) read as a stream of cell texts, with each text's font.

Own reader on expat rather than openpyxl: a clerk waits for an import, and building a cell
object per cell costs twice the time the list needs; the font of each text is wanted
anyway (TCVN3 and VNI text is recognised by it). Only what a list needs is read: shared
and inline strings, numbers (dates by their number format), booleans, formula results,
merged ranges and cell fonts. A DOCTYPE is refused outright, so no entity can expand.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path, PurePosixPath
from xml.parsers import expat

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

_CHUNK = 1 << 16
_SHEET_ENTRY = re.compile(rb"<(?:\w+:)?sheet\b[^>]*?\bname=\"([^\"]*)\"[^>]*?\br:id=\"([^\"]*)\"")
_REL_ENTRY = re.compile(rb"<Relationship\b[^>]*?\bId=\"([^\"]*)\"[^>]*?\bTarget=\"([^\"]*)\"")
_REL_ENTRY_REVERSED = re.compile(rb"<Relationship\b[^>]*?\bTarget=\"([^\"]*)\"[^>]*?\bId=\"([^\"]*)\"")
_DATE_1904 = re.compile(rb"<(?:\w+:)?workbookPr\b[^>]*\bdate1904=\"(?:1|true)\"")
_CELL_REF = re.compile(r"([A-Z]{1,3})(\d+)$")
_RANGE_REF = re.compile(r"([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)$")
# Built-in number formats that show a date or a time (ECMA-376 18.8.30).
_DATE_FORMAT_IDS = frozenset((*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)))
_QUOTED_OR_BRACKETED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')


def column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


_DIGITS = "0123456789"
# "x:c" -> "c": the few tag names of a workbook, learnt as they come (bounded, for hostile files).
_LOCAL_NAMES: dict[str, str] = {}


def _local(tag: str) -> str:
    name = tag.rpartition(":")[2]
    if len(_LOCAL_NAMES) < 1024:
        _LOCAL_NAMES[tag] = name
    return name


class DoctypeRefused(Exception):
    """An XML part declares a DOCTYPE or entities: no spreadsheet program writes one."""


class BeyondExcel(Exception):
    """A part holds more than Excel itself can write: built to exhaust memory, or damaged."""


MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
MAX_SHARED_STRINGS = 1_000_000  # a 100,000-row list has far fewer distinct texts


def _refuse_doctype(*_args) -> None:
    raise DoctypeRefused


def _parse(stream, start, end=None, text=None) -> None:
    """Feed an XML part to expat in chunks; handlers get tags without their prefix."""
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_doctype
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if text is not None:
        parser.CharacterDataHandler = text
    while chunk := stream.read(_CHUNK):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)


def _is_date_format(code: str) -> bool:
    bare = _QUOTED_OR_BRACKETED.sub("", code).lower()
    return bare != "general" and any(ch in bare for ch in "dmyhs")


class _Styles:
    """Cell style index -> font name, and whether it shows a number as a date."""

    def __init__(self):
        self.fonts: list[str] = []
        self.formats: dict[int, str] = {}
        self.xf_font: list[int] = []
        self.xf_date: list[bool] = []
        self._dates: dict[str, bool] = {}  # per style attribute as written: asked once per cell
        self._fonts: dict[str | None, str | None] = {}

    @classmethod
    def read(cls, archive: zipfile.ZipFile) -> _Styles:
        styles = cls()
        if "xl/styles.xml" not in archive.namelist():
            return styles
        where: list[str] = []

        def start(tag, attrs):
            tag = _local(tag)
            if tag in ("fonts", "cellXfs", "cellStyleXfs"):
                where.append(tag)
            elif tag == "font" and where and where[-1] == "fonts":
                styles.fonts.append("")
            elif tag == "name" and where and where[-1] == "fonts" and styles.fonts:
                styles.fonts[-1] = attrs.get("val", "")
            elif tag == "numFmt":
                styles.formats[_int(attrs.get("numFmtId"))] = attrs.get("formatCode", "")
            elif tag == "xf" and where and where[-1] == "cellXfs":
                styles.xf_font.append(_int(attrs.get("fontId")))
                number_format = _int(attrs.get("numFmtId"))
                code = styles.formats.get(number_format)
                styles.xf_date.append(_is_date_format(code) if code else number_format in _DATE_FORMAT_IDS)

        def end(tag):
            if where and _local(tag) == where[-1]:
                where.pop()

        with archive.open("xl/styles.xml") as stream:
            _parse(stream, start, end)
        return styles

    def font(self, style: str | None) -> str | None:
        if style in self._fonts:
            return self._fonts[style]
        index = _int(style)
        found = None
        if 0 <= index < len(self.xf_font) and 0 <= self.xf_font[index] < len(self.fonts):
            found = self.fonts[self.xf_font[index]] or None
        self._fonts[style] = found
        return found

    def is_date(self, style: str | None) -> bool:
        if style is None:
            return False
        known = self._dates.get(style)
        if known is None:
            index = _int(style)
            known = self._dates[style] = 0 <= index < len(self.xf_date) and self.xf_date[index]
        return known

    @property
    def any_legacy_font(self) -> bool:
        return any(legacy.font_encoding(name) is not legacy.Encoding.UNICODE for name in self.fonts if name)


def _int(value: str | None) -> int:
    try:
        return int(value) if value is not None else 0
    except ValueError:
        return 0


def _strings_part(archive: zipfile.ZipFile, rels: dict[str, str]) -> str | None:
    for target in rels.values():
        if target.lower().endswith("sharedstrings.xml"):
            return _part_name(target)
    return "xl/sharedStrings.xml" if "xl/sharedStrings.xml" in archive.namelist() else None


def _shared_strings(archive: zipfile.ZipFile, part: str | None) -> tuple[list[str], dict[int, list[legacy.Run]]]:
    """Each <si>'s text: its runs joined, phonetic guides (<rPh>) left out; and, for the
    strings whose runs name their own fonts, those runs (see legacy.runs_to_unicode)."""
    if part is None or part not in archive.namelist():
        return [], {}
    strings: list[str] = []
    runs: dict[int, list[legacy.Run]] = {}
    state = {"depth_phonetic": 0, "in_text": False, "length": 0, "in_run": False, "fonted": False}
    current: list[str] = []
    pieces: list[list] = []  # [text, font] per run of the current <si>

    def start(tag, attrs):
        tag = _local(tag)
        if tag == "t":
            state["in_text"] = not state["depth_phonetic"]
        elif tag == "si":
            current.clear()
            pieces.clear()
            state["length"] = 0
            state["fonted"] = False
        elif tag == "r" and not state["depth_phonetic"]:
            state["in_run"] = True
            pieces.append(["", None])
        elif tag == "rFont" and state["in_run"]:
            pieces[-1][1] = attrs.get("val") or None
            state["fonted"] = True
        elif tag == "rPh":
            state["depth_phonetic"] += 1

    def end(tag):
        tag = _local(tag)
        if tag == "t":
            state["in_text"] = False
        elif tag == "r":
            state["in_run"] = False
        elif tag == "si":
            if state["fonted"]:
                runs[len(strings)] = [(text, font) for text, font in pieces]
            strings.append("".join(current))
            if len(strings) > MAX_SHARED_STRINGS:
                raise BeyondExcel
        elif tag == "rPh":
            state["depth_phonetic"] -= 1

    def text(data):
        if state["in_text"]:
            current.append(data)
            if state["in_run"]:
                pieces[-1][0] += data
            state["length"] += len(data)
            if state["length"] > MAX_CELL_CHARS:
                raise BeyondExcel

    with archive.open(part) as stream:
        _parse(stream, start, end, text)
    return strings, runs


def _relationships(archive: zipfile.ZipFile) -> dict[str, str]:
    try:
        raw = archive.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    rels = {rid.decode(): target.decode("utf-8", "replace") for rid, target in _REL_ENTRY.findall(raw)}
    rels.update((rid.decode(), target.decode("utf-8", "replace")) for target, rid in _REL_ENTRY_REVERSED.findall(raw))
    return rels


def _part_name(target: str) -> str:
    return target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)


def _sheet_parts(archive: zipfile.ZipFile, rels: dict[str, str]) -> list[tuple[str, str]]:
    """(sheet name, its XML part) in the workbook's order; chart sheets left out."""
    parts = []
    for name, rid in _SHEET_ENTRY.findall(archive.read("xl/workbook.xml")):
        part = _part_name(rels.get(rid.decode(), ""))
        if "chartsheets/" not in part and part in archive.namelist():
            parts.append((name.decode("utf-8", "replace"), part))
    return parts


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
        styles: _Styles,
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
        tag = _LOCAL_NAMES.get(tag) or _local(tag)
        if tag == "c":
            ref = attrs.get("r")
            column = self.columns.get(ref.rstrip(_DIGITS)) if ref else None
            self.column = column if column is not None else self._column(ref)
            self.kind = attrs.get("t", "n")
            self.style = attrs.get("s")
            self.parts.clear()
            self.inline_runs.clear()
        elif tag == "v" or (tag == "t" and self.inline):
            self.collect = True
        elif tag == "row":
            self.row_number = _int(attrs.get("r")) or self.row_number + 1
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
            match = _RANGE_REF.match(attrs.get("ref", ""))
            if match:
                c0, r0, c1, r1 = match.groups()
                self.sheet.merged.append((int(r0) - 1, column_index(c0), int(r1) - 1, column_index(c1)))

    def _column(self, ref: str | None) -> int:
        """A cell's column from its reference ("AB12"), or the next one when it has none."""
        match = _CELL_REF.match(ref) if ref else None
        if match is None:
            return self.column + 1
        self.columns[match.group(1)] = index = column_index(match.group(1))
        return index

    def end(self, tag):
        tag = _LOCAL_NAMES.get(tag) or _local(tag)
        if tag == "c":
            if self.parts and self.column < MAX_COLUMNS:
                value = self._value("".join(self.parts))
                if value:
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
                    index = _int(raw)
                    text = self.shared[index] if 0 <= index < len(self.shared) else ""
                    known = self.shared_text[raw] = self.convert(text) if text else ""
                return known
            index = _int(raw)
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


def read_xlsx(path: Path, archive: zipfile.ZipFile) -> Workbook:
    """Every worksheet of the workbook; a damaged part raises for the caller to explain."""
    try:
        return _read(path, archive)
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


def _read(path: Path, archive: zipfile.ZipFile) -> Workbook:
    rels = _relationships(archive)
    styles = _Styles.read(archive)
    shared, shared_runs = _shared_strings(archive, _strings_part(archive, rels))
    date_1904 = _DATE_1904.search(archive.read("xl/workbook.xml"))
    epoch = dt.datetime(1904, 1, 1) if date_1904 else dt.datetime(1899, 12, 30)
    sheets = []
    for name, part in _sheet_parts(archive, rels):
        sheet = Sheet(name)
        with archive.open(part) as stream:
            reader = _SheetReader(path, sheet, shared, shared_runs, styles, epoch)
            _parse(stream, reader.start, reader.end, reader.text)
        reader.convert.finish()
        sheets.append(sheet)
    return Workbook(path, "xlsx", sheets)
