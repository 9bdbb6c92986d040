"""Open any list a ward sends (.xlsx, .xls, .ods, .csv) as sheets of Unicode cell texts.

The format is taken from the file's content, not its name: offices rename files, and a
".xls" from a web portal is often a web page. Every failure is a SpreadsheetError whose
Vietnamese message names the file and says what to do.
"""

from __future__ import annotations

import contextlib
import io
import logging
import zipfile
import zlib
from pathlib import Path

from models.errors import SpreadsheetError
from models.sheets.sheet import (
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    MAX_UNPACKED_BYTES,
    Converter,
    Sheet,
    Workbook,
    cell_text,
    stop_point,
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
            head = f.read(4096)
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
    from models.sheets.xml2003 import looks_like_xml_spreadsheet, read_xml_spreadsheet

    if looks_like_xml_spreadsheet(head):
        return read_xml_spreadsheet(path)
    from models.sheets.html_table import looks_like_html, read_html_table

    if looks_like_html(head):
        with _damaged_midway(path):
            return read_html_table(path, path.read_bytes())
    from models.sheets.csv_text import read_text_table

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
                    raise _has_macros(path)
                from models.sheets.xlsx import read_xlsx

                with _damaged_midway(path):
                    return read_xlsx(path, archive)
            if "content.xml" in names:
                if any(n.startswith(("Basic/", "Scripts/")) for n in names):  # LibreOffice macros
                    raise _has_macros(path)
                from models.sheets.ods import read_ods

                return read_ods(path, archive)
            if "word/document.xml" in names:
                raise SpreadsheetError(f"Tệp “{path.name}” là văn bản Word, không phải bảng tính.")
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, KeyError, ValueError, NotImplementedError) as exc:
        log.info("damaged zip %s: %r", path, exc)
        raise SpreadsheetError(f"Tệp “{path.name}” bị hỏng (không giải nén được): hãy xin lại tệp gốc.") from None
    raise SpreadsheetError(f"Tệp “{path.name}” là tệp nén nhưng không phải bảng tính Excel hay OpenDocument.")


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


def _read_ole(path: Path) -> Workbook:
    data = path.read_bytes()
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise _password_protected(path)
    import xlrd  # noqa: PLC0415
    from xlrd.compdoc import CompDoc  # noqa: PLC0415

    try:
        streams = {node.name for node in CompDoc(data, logfile=io.StringIO()).dirlist}
    except Exception as exc:  # xlrd raises anything on a damaged container
        log.info("damaged compound document %s: %r", path, exc)
        raise SpreadsheetError(f"Tệp “{path.name}” bị hỏng hoặc không phải bảng tính Excel .xls.") from None
    if "_VBA_PROJECT_CUR" in streams:  # where Excel 97-2003 keeps a workbook's macros
        raise _has_macros(path)

    try:
        # xlrd prints its complaints about damaged files; keep them out of the console.
        # ragged_rows: a row is as long as its cells, not as wide as the widest merged range
        # (a 25 KB file merging to column IV down to row 65536 made 13 million empty cells).
        book = xlrd.open_workbook(
            file_contents=data, formatting_info=True, on_demand=True, ragged_rows=True, logfile=io.StringIO()
        )
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
    # Merged ranges stretch xlrd's row count to their end: the data ends at the last row
    # holding a cell.
    last = max((r for r in range(ws.nrows) if ws.row_len(r)), default=-1)
    for r in range(last + 1):
        stop_point()
        row = []
        for c in range(min(ws.row_len(r), MAX_COLUMNS)):
            cell = ws.cell(r, c)
            if cell.ctype == xlrd.XL_CELL_TEXT:
                font = font_names[book.xf_list[cell.xf_index].font_index] if cell.xf_index is not None else None
                runlist = ws.rich_text_runlist_map.get((r, c))
                if runlist:
                    row.append(convert.runs(_xls_runs(cell.value, runlist, font_names), font))
                else:
                    row.append(convert(cell.value, font))
            elif cell.ctype == xlrd.XL_CELL_DATE:
                row.append(cell_text(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)))
            elif cell.ctype in (xlrd.XL_CELL_NUMBER, xlrd.XL_CELL_BOOLEAN):
                row.append(cell_text(bool(cell.value) if cell.ctype == xlrd.XL_CELL_BOOLEAN else float(cell.value)))
            else:
                row.append("")
        sheet.rows.append(trimmed(row))
    convert.finish()
    return sheet


def _xls_runs(value: str, runlist: list[tuple[int, int]], font_names: list[str]) -> list[tuple[str, str | None]]:
    """A rich-text cell's pieces with their fonts: xlrd gives (first character, font index)
    pairs; what comes before the first is in the cell's own font (None)."""
    runs: list[tuple[str, str | None]] = []
    starts = [(0, None)] + [
        (offset, font_names[index] if 0 <= index < len(font_names) else None) for offset, index in runlist
    ]
    for (begin, font), (end, _) in zip(starts, starts[1:] + [(len(value), None)], strict=True):
        if end > begin:
            runs.append((value[begin:end], font))
    return runs


def _has_macros(path: Path) -> SpreadsheetError:
    return SpreadsheetError(
        f"Tệp “{path.name}” có chứa macro: không mở để tránh mã độc. "
        "Hãy lưu lại trong Excel dưới dạng “Excel Workbook (.xlsx)”."
    )


def _password_protected(path: Path) -> SpreadsheetError:
    return SpreadsheetError(
        f"Tệp “{path.name}” được đặt mật khẩu. Hãy mở bằng Excel, gỡ mật khẩu "
        "(Tệp → Thông tin → Bảo vệ sổ làm việc) rồi lưu lại và nhập lại."
    )
