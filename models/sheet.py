"""What every spreadsheet reader returns: sheets of cell texts, already in Unicode NFC."""

from __future__ import annotations

import datetime as dt
import threading
import unicodedata
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

from . import legacy
from .errors import SpreadsheetError

# Bounds that keep a wrong or hostile file from eating the laptop: a ward list has hundreds
# of rows, a district's a few thousand.
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ROWS = 100_000
MAX_COLUMNS = 200
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # 100,000 rows as openpyxl writes them take about 35 MB


@dataclass(slots=True)
class Sheet:
    name: str
    rows: list[list[str]] = field(default_factory=list)
    # Merged ranges as (first row, first column, last row, last column), 0-based, inclusive.
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    converted: dict[legacy.Encoding, int] = field(default_factory=dict)


@dataclass(slots=True)
class Workbook:
    path: Path
    kind: str  # "xlsx", "xls", "ods", "csv", "html"
    sheets: list[Sheet]
    note: str = ""  # how a text file or web page was read: a sentence for the report


# A list repeats a row with text in it a few times at most (LibreOffice writes identical
# neighbours once, with a count); a count in the thousands is a file made to blow up.
MAX_REPEATED_ROWS = 200


def repeated_row(path: Path, line: int, count: int) -> SpreadsheetError:
    return SpreadsheetError(
        f"Tệp “{path.name}” lặp lại một dòng có chữ {count:,} lần (dòng {line})".replace(",", ".")
        + ": không giống một danh sách thật, có thể tệp đã bị hỏng. Hãy mở bằng LibreOffice "
        "hoặc Excel, xóa các dòng lặp rồi lưu lại."
    )


class ReadStopped(Exception):
    """The clerk pressed Hủy while the file was being read."""


_stop: ContextVar[threading.Event | None] = ContextVar("sheet_read_stop", default=None)


def stop_reading_on(event: threading.Event) -> None:
    """In the thread that reads: every reader gives up at its next row once `event` is set."""
    _stop.set(event)


def stop_point() -> None:
    """Called by every reader once a row: raises ReadStopped when Hủy was pressed."""
    event = _stop.get()
    if event is not None and event.is_set():
        raise ReadStopped


def too_many_rows(path: Path) -> SpreadsheetError:
    return SpreadsheetError(
        f"Tệp “{path.name}” có hơn {MAX_ROWS:,} dòng".replace(",", ".")
        + ": quá lớn cho một danh sách khen thưởng. Hãy tách tệp hoặc xóa các dòng thừa."
    )


def cell_text(value: object) -> str:
    """A cell's value as the clerk sees it: whole numbers without ".0", dates as dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else f"{value:g}"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


class Converter:
    """Turns raw cell strings into Unicode NFC, counting what came from legacy encodings."""

    def __init__(self, sheet: Sheet):
        self.sheet = sheet
        # Wards, fields, forms and units repeat down a list: judge each text once.
        self._plain: dict[str, str] = {}

    def __call__(self, raw: str, font: str | None = None) -> str:
        if font is None:
            if raw.isascii():
                return raw
            known = self._plain.get(raw)
            if known is not None:
                return known
            if not legacy.needs_look(raw):
                text = self._plain[raw] = unicodedata.normalize("NFC", raw)
                return text
        forced = legacy.font_encoding(font)
        if forced is legacy.Encoding.UNICODE and not legacy.needs_look(raw):
            return unicodedata.normalize("NFC", raw)
        text = legacy.to_unicode(raw, font)
        if text != unicodedata.normalize("NFC", raw):
            encoding = forced if forced is not legacy.Encoding.UNICODE else _guess_source(raw, text)
            self.sheet.converted[encoding] = self.sheet.converted.get(encoding, 0) + 1
        return text

    def runs(self, runs: list[legacy.Run], cell_font: str | None = None) -> str:
        """A cell typed in several fonts: each run by its own font (the cell's where it has none)."""
        resolved = [(text, font or cell_font) for text, font in runs if text]
        fonts = {font for _, font in resolved}
        if len(fonts) <= 1:
            return self("".join(text for text, _ in resolved), next(iter(fonts), None))
        raw = "".join(text for text, _ in resolved)
        text = legacy.runs_to_unicode(resolved)
        if text != unicodedata.normalize("NFC", raw):
            encoding = legacy.run_encoding(resolved)
            self.sheet.converted[encoding] = self.sheet.converted.get(encoding, 0) + 1
        return text


def _guess_source(raw: str, text: str) -> legacy.Encoding:
    for encoding in (legacy.Encoding.TCVN3, legacy.Encoding.VNI):
        if unicodedata.normalize("NFC", legacy.decode(raw, encoding)) == text:
            return encoding
    return legacy.Encoding.TCVN3_CAPITALS


def trimmed(row: list[str]) -> list[str]:
    end = len(row)
    while end and not row[end - 1].strip():
        end -= 1
    return row[:end] if end < len(row) else row
