"""Open any list a ward sends (.xlsx, .xls, .ods, .csv) as sheets of Unicode cell texts.

The format is taken from the file's content, not its name: offices rename files, and a
".xls" from a web portal is often a web page. Every failure is a SpreadsheetError whose
Vietnamese message names the file and says what to do.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from . import legacy
from .errors import SpreadsheetError
from .sheet import (
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    MAX_UNPACKED_BYTES,
    Converter,
    Sheet,
    Workbook,
    cell_text,
    too_many_rows,
    trimmed,
)

log = logging.getLogger(__name__)

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"


def read_workbook(path: Path | str) -> Workbook:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SpreadsheetError(
                f"Tệp “{path.name}” nặng {size / 1024 / 1024:.0f} MB, quá lớn cho một danh sách "
                f"(tối đa {MAX_FILE_BYTES // 1024 // 1024} MB)."
            )
        with path.open("rb") as f:
            head = f.read(8)
    except FileNotFoundError:
        raise SpreadsheetError(f"Không tìm thấy tệp “{path}”.") from None
    except IsADirectoryError:
        raise SpreadsheetError(f"“{path}” là một thư mục, không phải tệp bảng tính.") from None
    except PermissionError:
        raise SpreadsheetError(f"Không có quyền đọc tệp “{path.name}”.") from None
    if size == 0:
        raise SpreadsheetError(f"Tệp “{path.name}” rỗng (0 byte): không có gì để nhập.")
    if head.startswith(_ZIP):
        return _read_zip(path)
    if head.startswith(_OLE):
        return _read_ole(path)
    if head.startswith(b"%PDF"):
        raise SpreadsheetError(f"Tệp “{path.name}” là tệp PDF, không phải bảng tính. Hãy dùng tệp Excel gốc.")
    from .sheet_csv import read_text_table

    return read_text_table(path)


def _read_zip(path: Path) -> Workbook:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {i.filename for i in infos}
            if sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
                raise SpreadsheetError(
                    f"Tệp “{path.name}” khi giải nén lớn bất thường (trên "
                    f"{MAX_UNPACKED_BYTES // 1024 // 1024} MB): có thể là tệp hỏng hoặc độc hại, không mở."
                )
            if "xl/workbook.xml" in names:
                if any(n.lower().endswith("vbaproject.bin") for n in names):
                    raise SpreadsheetError(
                        f"Tệp “{path.name}” có chứa macro: không mở để tránh mã độc. "
                        "Hãy lưu lại trong Excel dưới dạng “Excel Workbook (.xlsx)”."
                    )
                return _read_xlsx(path, archive)
            if "content.xml" in names:
                from .sheet_ods import read_ods

                return read_ods(path, archive)
            if "word/document.xml" in names:
                raise SpreadsheetError(f"Tệp “{path.name}” là văn bản Word, không phải bảng tính.")
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, KeyError, ValueError, NotImplementedError) as exc:
        log.info("damaged zip %s: %r", path, exc)
        raise SpreadsheetError(f"Tệp “{path.name}” bị hỏng (không giải nén được): hãy xin lại tệp gốc.") from None
    raise SpreadsheetError(f"Tệp “{path.name}” là tệp nén nhưng không phải bảng tính Excel hay OpenDocument.")


_XLSX_FONT_NAME = re.compile(rb"<(?:\w+:)?name\s+val=\"([^\"]*)\"")
_MERGE_REF = re.compile(rb"<(?:\w+:)?mergeCell\s+ref=\"([A-Z]+)(\d+):([A-Z]+)(\d+)\"")
_SHEET_ENTRY = re.compile(rb"<(?:\w+:)?sheet\b[^>]*?\bname=\"([^\"]*)\"[^>]*?\br:id=\"([^\"]*)\"")
_REL_ENTRY = re.compile(rb"<Relationship\b[^>]*?\bId=\"([^\"]*)\"[^>]*?\bTarget=\"([^\"]*)\"")
_REL_ENTRY_REVERSED = re.compile(rb"<Relationship\b[^>]*?\bTarget=\"([^\"]*)\"[^>]*?\bId=\"([^\"]*)\"")


def column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _xlsx_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its XML part, read from the workbook and its relationships."""
    rels: dict[bytes, bytes] = {}
    raw = archive.read("xl/_rels/workbook.xml.rels")
    rels.update(_REL_ENTRY.findall(raw))
    rels.update((rid, target) for target, rid in _REL_ENTRY_REVERSED.findall(raw))
    parts = {}
    for name, rid in _SHEET_ENTRY.findall(archive.read("xl/workbook.xml")):
        target = rels.get(rid, b"").decode("utf-8", "replace")
        part = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        parts[name.decode("utf-8", "replace")] = part
    return parts


def _xlsx_merges(archive: zipfile.ZipFile, part: str | None) -> list[tuple[int, int, int, int]]:
    if part is None or part not in archive.namelist():
        return []
    data = archive.read(part)
    start = data.rfind(b"</sheetData>")
    return [
        (int(r0) - 1, column_index(c0.decode()), int(r1) - 1, column_index(c1.decode()))
        for c0, r0, c1, r1 in _MERGE_REF.findall(data, max(start, 0))
    ]


def _read_xlsx(path: Path, archive: zipfile.ZipFile) -> Workbook:
    import openpyxl  # noqa: PLC0415 - heavy; only an import needs it

    styles = archive.read("xl/styles.xml") if "xl/styles.xml" in archive.namelist() else b""
    legacy_fonts = any(
        legacy.font_encoding(n.decode("utf-8", "replace")) is not legacy.Encoding.UNICODE
        for n in _XLSX_FONT_NAME.findall(styles)
    )
    try:
        parts = _xlsx_parts(archive)
    except KeyError:
        parts = {}
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged package
        log.info("openpyxl could not open %s: %r", path, exc)
        raise SpreadsheetError(f"Tệp “{path.name}” bị hỏng hoặc không đúng định dạng Excel: không đọc được.") from None
    try:
        sheets = []
        with _damaged_midway(path):
            for ws in book.worksheets:
                sheet = Sheet(ws.title, merged=_xlsx_merges(archive, parts.get(ws.title)))
                convert = Converter(sheet)
                if legacy_fonts:
                    _fill_with_fonts(path, ws, sheet, convert)
                else:
                    _fill_values(path, ws, sheet, convert)
                sheets.append(sheet)
    finally:
        book.close()
    return Workbook(path, "xlsx", sheets)


@contextlib.contextmanager
def _damaged_midway(path: Path):
    """Reading libraries raise anything on a file damaged past its first bytes."""
    try:
        yield
    except SpreadsheetError:
        raise
    except Exception as exc:
        log.info("failed reading %s: %r", path, exc)
        raise SpreadsheetError(f"Tệp “{path.name}” bị hỏng ở giữa chừng: không đọc hết được.") from None


def _fill_values(path: Path, ws, sheet: Sheet, convert: Converter) -> None:
    rows = sheet.rows
    for values in ws.iter_rows(values_only=True):
        if len(rows) >= MAX_ROWS:
            raise too_many_rows(path)
        row = [v if v.__class__ is str else cell_text(v) for v in values[:MAX_COLUMNS]]
        rows.append(trimmed([convert(v) if v else v for v in row]))


def _fill_with_fonts(path: Path, ws, sheet: Sheet, convert: Converter) -> None:
    rows = sheet.rows
    for cells in ws.iter_rows():
        if len(rows) >= MAX_ROWS:
            raise too_many_rows(path)
        row = []
        for cell in cells[:MAX_COLUMNS]:
            value = getattr(cell, "value", None)
            if isinstance(value, str):
                row.append(convert(value, cell.font.name if cell.font else None))
            else:
                row.append(cell_text(value))
        rows.append(trimmed(row))


def _read_ole(path: Path) -> Workbook:
    data = path.read_bytes()
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise _password_protected(path)
    import xlrd  # noqa: PLC0415

    try:
        # xlrd prints its complaints about damaged files; keep them out of the console.
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True, logfile=io.StringIO())
    except xlrd.XLRDError as exc:
        if "encrypted" in str(exc).lower():
            raise _password_protected(path) from None
        raise SpreadsheetError(f"Tệp “{path.name}” không phải bảng tính Excel đọc được ({exc}).") from None
    except Exception as exc:
        log.info("xlrd could not open %s: %r", path, exc)
        raise SpreadsheetError(f"Tệp “{path.name}” bị hỏng hoặc không phải bảng tính Excel .xls.") from None
    try:
        with _damaged_midway(path):
            return Workbook(path, "xls", [_xls_sheet(path, book, i) for i in range(book.nsheets)])
    finally:
        book.release_resources()


def _xls_sheet(path: Path, book, index: int) -> Sheet:
    import xlrd  # noqa: PLC0415

    ws = book.sheet_by_index(index)
    if ws.nrows > MAX_ROWS:
        raise too_many_rows(path)
    sheet = Sheet(ws.name, merged=[(r0, c0, r1 - 1, c1 - 1) for r0, r1, c0, c1 in ws.merged_cells])
    convert = Converter(sheet)
    font_names = [f.name for f in book.font_list]
    for r in range(ws.nrows):
        row = []
        for c in range(min(ws.ncols, MAX_COLUMNS)):
            cell = ws.cell(r, c)
            if cell.ctype == xlrd.XL_CELL_TEXT:
                font = font_names[book.xf_list[cell.xf_index].font_index] if cell.xf_index is not None else None
                row.append(convert(cell.value, font))
            elif cell.ctype == xlrd.XL_CELL_DATE:
                row.append(cell_text(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)))
            elif cell.ctype in (xlrd.XL_CELL_NUMBER, xlrd.XL_CELL_BOOLEAN):
                row.append(cell_text(bool(cell.value) if cell.ctype == xlrd.XL_CELL_BOOLEAN else float(cell.value)))
            else:
                row.append("")
        sheet.rows.append(trimmed(row))
    return sheet


def _password_protected(path: Path) -> SpreadsheetError:
    return SpreadsheetError(
        f"Tệp “{path.name}” được đặt mật khẩu. Hãy mở bằng Excel, gỡ mật khẩu "
        "(Tệp → Thông tin → Bảo vệ sổ làm việc) rồi lưu lại và nhập lại."
    )
