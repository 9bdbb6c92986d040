"""CSV and tab-separated text lists: encoding and separator found from the content.

Excel on a Vietnamese Windows saves "CSV" in the ANSI code page 1258, which writes most
tone marks as separate combining characters; "CSV UTF-8" adds a BOM; "Unicode Text" is
UTF-16 with tabs. Older files may hold TCVN3 or VNI bytes. Each candidate decoding is
scored by how much of the text reads as real Vietnamese syllables.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

from models.errors import SpreadsheetError
from models.sheets import legacy
from models.sheets.sheet import (
    MAX_COLUMNS,
    MAX_ROWS,
    Conversion,
    Converter,
    Sheet,
    Workbook,
    stop_point,
    too_many_rows,
    trimmed,
)

_SEPARATORS = (",", ";", "\t")


def _cp1252_high() -> dict[int, str]:
    table = {}
    for byte in range(0x80, 0xA0):
        try:
            table[byte] = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            pass  # undefined in cp1252: keep the Latin-1 control character
    return table


# Legacy-font text was typed on Windows: its quotes and dashes are cp1252 bytes 0x80-0x9F.
_CP1252_HIGH = _cp1252_high()
_SAMPLE = 64 * 1024


def _not_a_table(path: Path) -> SpreadsheetError:
    return SpreadsheetError(
        f"Tệp “{path.name}” không phải bảng tính hay tệp CSV (nội dung là dữ liệu nhị phân). "
        "Hãy chọn tệp .xlsx, .xls, .ods hoặc .csv."
    )


def decode_text(path: Path, data: bytes) -> tuple[str, str, legacy.Encoding | None]:
    """The text, a note on how it was read, and the legacy encoding to apply per cell."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16", None
        except UnicodeDecodeError:
            raise _not_a_table(path) from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        bom = True
    else:
        bom = False
    if b"\x00" in data[:_SAMPLE]:
        raise _not_a_table(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        if bom:
            raise SpreadsheetError(f"Tệp “{path.name}” ghi là UTF-8 nhưng có đoạn không đúng mã UTF-8.") from None
    else:
        return text, "UTF-8", None
    sample = data[:_SAMPLE]
    as_1258 = unicodedata.normalize("NFC", sample.decode("cp1258", "replace"))
    as_latin1 = sample.decode("latin-1").translate(_CP1252_HIGH)
    candidates = [
        (legacy.syllable_score(as_1258), "Windows-1258", None),
        (legacy.syllable_score(legacy.decode(as_latin1, legacy.Encoding.TCVN3)), "TCVN3 (ABC)", legacy.Encoding.TCVN3),
        (legacy.syllable_score(legacy.decode(as_latin1, legacy.Encoding.VNI)), "VNI", legacy.Encoding.VNI),
    ]
    score, note, encoding = max(candidates, key=lambda c: c[0])
    if encoding is None:
        return unicodedata.normalize("NFC", data.decode("cp1258", "replace")), note, None
    return data.decode("latin-1").translate(_CP1252_HIGH), note, encoding


def _separator(text: str) -> str:
    lines = [line for line in text[:_SAMPLE].splitlines() if line.strip()][:30]

    def consistency(sep: str) -> tuple[int, int]:
        counts = [len(r) for r in csv.reader(lines, delimiter=sep) if len(r) > 1]
        if not counts:
            return (0, 0)
        common = max(set(counts), key=counts.count)
        return (counts.count(common), common)

    return max(_SEPARATORS, key=consistency)


def read_text_table(path: Path) -> Workbook:
    data = path.read_bytes()
    text, note, encoding = decode_text(path, data)
    if sum(ch < " " and ch not in "\t\r\n" for ch in text[:_SAMPLE]) > 10:
        raise _not_a_table(path)
    separator = _separator(text)
    sheet = Sheet(path.stem)
    convert = Converter(sheet)
    try:
        for raw in csv.reader(io.StringIO(text, newline=""), delimiter=separator):
            stop_point()
            if len(sheet.rows) >= MAX_ROWS:
                raise too_many_rows(path)
            row = [legacy.decode(v, encoding) if encoding else v for v in raw[:MAX_COLUMNS]]
            if encoding:
                r = len(sheet.rows)
                sheet.conversions += [
                    Conversion(r, c, v, unicodedata.normalize("NFC", row[c]), encoding)
                    for c, v in enumerate(raw[:MAX_COLUMNS])
                    if row[c] != v
                ]
            sheet.rows.append(trimmed([convert(v) if v else v for v in row]))
    except csv.Error as exc:
        raise SpreadsheetError(f"Tệp “{path.name}”, dòng {len(sheet.rows) + 1}: không đọc được ({exc}).") from None
    convert.finish()
    if encoding is not None and sheet.rows:
        sheet.converted[encoding] = sum(1 for r in sheet.rows for v in r if not v.isascii())
    if not any(sheet.rows):
        raise SpreadsheetError(f"Tệp “{path.name}” không có dòng dữ liệu nào.")
    names = {",": "dấu phẩy", ";": "dấu chấm phẩy", "\t": "dấu tab"}
    return Workbook(
        path, "csv", [sheet], note=f"Đọc tệp văn bản theo mã {note}, cột ngăn cách bằng {names[separator]}."
    )
