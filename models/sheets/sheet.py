"""What every spreadsheet reader returns: sheets of cell texts, already in Unicode NFC."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
import unicodedata
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

from models.errors import SpreadsheetError
from models.sheets import legacy

# Bounds that keep a wrong or hostile file from eating the laptop: a ward list has hundreds
# of rows, a district's a few thousand.
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ROWS = 100_000
MAX_COLUMNS = 200
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # 100,000 rows as openpyxl writes them take about 35 MB


@dataclass(frozen=True, slots=True)
class Conversion:
    """A cell brought from a legacy encoding to Unicode, for the clerk to see (0-based)."""

    row: int
    column: int
    raw: str  # as Excel shows it: "NguyÔn V¨n A"
    text: str  # as read: "Nguyễn Văn A"
    encoding: legacy.Encoding
    sure: bool = True  # False: another reading was as good, or nearly; the clerk must look


@dataclass(slots=True)
class Sheet:
    name: str
    rows: list[list[str]] = field(default_factory=list)
    # Merged ranges as (first row, first column, last row, last column), 0-based, inclusive.
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    converted: dict[legacy.Encoding, int] = field(default_factory=dict)
    conversions: list[Conversion] = field(default_factory=list)

    @property
    def unsure(self) -> list[Conversion]:
        return [c for c in self.conversions if not c.sure]


@dataclass(slots=True)
class Workbook:
    path: Path
    kind: str  # "xlsx", "xls", "ods", "csv", "html", "xml" (XML Spreadsheet 2003)
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


class StyleFonts:
    """Style name -> font name, through parent styles (a loop in a damaged file ends)."""

    def __init__(self) -> None:
        self.font_of: dict[str, str] = {}
        self.parent: dict[str, str] = {}

    def lookup(self, style: str | None) -> str | None:
        for _ in range(20):
            if not style:
                return None
            if style in self.font_of:
                return self.font_of[style]
            style = self.parent.get(style)
        return None


@contextlib.contextmanager
def xml_read_errors(path: Path):
    """An XML workbook part that cannot be read becomes a Vietnamese SpreadsheetError."""
    from defusedxml import DefusedXmlException  # noqa: PLC0415

    try:
        yield
    except SpreadsheetError:
        raise
    except DefusedXmlException:
        raise SpreadsheetError(
            f"Tệp “{path.name}” chứa cấu trúc XML không an toàn (thực thể, DTD): không mở."
        ) from None
    except Exception as exc:  # ParseError, zlib errors, bad numbers in a damaged file
        raise SpreadsheetError(f"Tệp “{path.name}” bị hỏng, không đọc được ({type(exc).__name__}).") from None


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


EVIDENCE_TEXTS = 200  # distinct sure-Unicode texts weighed, enough to settle a sheet


class Converter:
    """Turns raw cell strings into Unicode NFC, and says which came from legacy encodings.

    A cell whose font names its encoding is converted at once. A cell with no font that
    may be legacy text waits until the whole sheet is read (finish()): its encoding is
    decided from all such cells together (legacy.read_together), not one by one."""

    def __init__(self, sheet: Sheet):
        self.sheet = sheet
        # Wards, fields, forms and units repeat down a list: judge each text once.
        self._plain: dict[str, str] = {}
        self._pending: set[str] = set()  # font-less texts waiting for the sheet's decision
        self._raw_of: dict[str, tuple[str, legacy.Encoding]] = {}  # converted -> (raw, encoding)
        self._unicode_evidence = 0
        self._evidence_texts = 0

    def __call__(self, raw: str, font: str | None = None) -> str:
        forced = legacy.font_encoding(font)
        # A font that names no legacy encoding (Arial, Times New Roman) says nothing:
        # legacy text restyled to Arial is still legacy text, judged with the whole sheet.
        if forced is legacy.Encoding.UNICODE:
            if raw.isascii():
                return raw
            known = self._plain.get(raw)
            if known is not None:
                return known
            text = self._plain[raw] = unicodedata.normalize("NFC", raw)
            if legacy.needs_look(raw):
                self._pending.add(text)
            elif self._evidence_texts < EVIDENCE_TEXTS:
                # Sure Unicode (it holds ư, ơ, ạ…): evidence that the sheet is not legacy.
                self._evidence_texts += 1
                self._unicode_evidence += legacy.syllable_score(text)
            return text
        text = legacy.to_unicode(raw, font)
        if text != unicodedata.normalize("NFC", raw):
            self._count(forced)
            self._raw_of[text] = (raw, forced)
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
            self._count(encoding)
            self._raw_of[text] = (raw, encoding)
        return text

    def _count(self, encoding: legacy.Encoding) -> None:
        self.sheet.converted[encoding] = self.sheet.converted.get(encoding, 0) + 1

    def finish(self) -> None:
        """Once the sheet is read: decide the font-less cells together, put their readings
        in place, and list every converted cell where it is."""
        decided = legacy.read_together(self._pending, self._unicode_evidence) if self._pending else {}
        for r, row in enumerate(self.sheet.rows):
            for c, value in enumerate(row):
                if not value or value.isascii():
                    continue
                reading = decided.get(value)
                if reading is not None:
                    if reading.text != value or not reading.sure:
                        row[c] = reading.text
                        self.sheet.conversions.append(
                            Conversion(r, c, value, reading.text, reading.encoding, reading.sure)
                        )
                        if reading.text != value:
                            self._count(reading.encoding)
                elif value in self._raw_of:
                    raw, encoding = self._raw_of[value]
                    self.sheet.conversions.append(Conversion(r, c, raw, value, encoding))
        self._pending.clear()


def trimmed(row: list[str]) -> list[str]:
    end = len(row)
    while end and not row[end - 1].strip():
        end -= 1
    return row[:end] if end < len(row) else row
