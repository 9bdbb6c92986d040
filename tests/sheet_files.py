"""Spreadsheets as wards make them, built by the tests with independent writers.

xlsx with openpyxl, xls with xlwt, ods with odfpy, csv by hand in the encodings Excel
writes. Each layout has title rows above the header, a merged title, an STT column, a
blank row and a total row at the end, like the lists attached to real decisions.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

TITLE = ("UBND QUẬN LONG BIÊN", "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐIỂN HÌNH “DÂN VẬN KHÉO” NĂM 2022")
HEADER = ("STT", "Họ và tên / Tên tập thể", "Chức vụ", "Đơn vị công tác", "Phường", "Lĩnh vực", "Tên mô hình")
PEOPLE = (
    ("Chi hội Phụ nữ tổ dân phố số 5", "", "Hội LHPN phường Bồ Đề", "Bồ Đề", "VH-XH", "Tuyến phố văn minh"),
    ("Nguyễn Thị Thùy Dung", "Tổ trưởng tổ dân phố số 5", "Tổ dân phố số 5", "Bồ Đề", "VH-XH", "Ngõ xanh"),
    ("Đoàn Văn Hùng", "Bí thư chi bộ", "Chi bộ tổ dân phố số 12", "Ngọc Thụy", "GPMB", "Đối thoại tại nhà dân"),
    ("Trường Tiểu học Gia Thụy", "", "Phường Gia Thụy", "Gia Thụy", "Kinh tế", "Bữa sáng yêu thương"),
    ("Lê Quý Hòa", "Trưởng ban công tác Mặt trận", "Khu dân cư số 3", "Phúc Đồng", "Bảo vệ môi trường", ""),
)


def table_rows(people=PEOPLE, total: bool = True) -> list[list[object]]:
    """Rows from the top of the sheet: title block, blank, header, data, blank, total."""
    rows: list[list[object]] = [[TITLE[0]], [TITLE[1]], [], list(HEADER)]
    rows += [[i + 1, *p] for i, p in enumerate(people)]
    if total:
        rows += [[], ["", f"Tổng cộng: {len(people)} tập thể, cá nhân"]]
    return rows


HEADER_ROW = 3  # 0-based: rows 1-2 are the title, row 3 is blank


def write_xlsx(path: Path, rows, fonts: dict[tuple[int, int], str] | None = None, merges=("A2:G2",)) -> Path:
    import openpyxl
    from openpyxl.styles import Font

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    for row in rows:
        ws.append(list(row))
    for ref in merges:
        ws.merge_cells(ref)
    for (r, c), name in (fonts or {}).items():
        ws.cell(r + 1, c + 1).font = Font(name=name, size=13)
    wb.save(path)
    return path


def write_xls(path: Path, rows, fonts: dict[tuple[int, int], str] | None = None, merge_title: bool = True) -> Path:
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Danh sach")
    styles = {}
    for r, row in enumerate(rows):
        if merge_title and r == 1:
            ws.write_merge(1, 1, 0, 6, row[0])
            continue
        for c, value in enumerate(row):
            name = (fonts or {}).get((r, c))
            if name:
                if name not in styles:
                    style = xlwt.XFStyle()
                    style.font = xlwt.Font()
                    style.font.name = name
                    styles[name] = style
                ws.write(r, c, value, styles[name])
            else:
                ws.write(r, c, value)
    wb.save(str(path))
    return path


def write_ods(path: Path, rows, fonts: dict[tuple[int, int], str] | None = None, merge_title: bool = True) -> Path:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import FontFace, Style, TextProperties
    from odf.table import CoveredTableCell, Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    styles = {}
    for name in set((fonts or {}).values()):
        doc.fontfacedecls.addElement(FontFace(name=name, fontfamily=f"'{name}'"))
        style = Style(name=f"ce{len(styles) + 1}", family="table-cell")
        style.addElement(TextProperties(fontname=name))
        doc.automaticstyles.addElement(style)
        styles[name] = style
    table = Table(name="Danh sách")
    for r, row in enumerate(rows):
        tr = TableRow()
        for c, value in enumerate(row):
            attrs = {}
            name = (fonts or {}).get((r, c))
            if name:
                attrs["stylename"] = styles[name]
            if merge_title and r == 1 and c == 0:
                attrs["numbercolumnsspanned"] = 7
            if isinstance(value, int | float) and not isinstance(value, bool):
                cell = TableCell(valuetype="float", value=value, **attrs)
                cell.addElement(P(text=str(value)))
            else:
                cell = TableCell(valuetype="string", **attrs)
                if value != "":
                    cell.addElement(P(text=str(value)))
            tr.addElement(cell)
            if merge_title and r == 1 and c == 0:
                for _ in range(6):
                    tr.addElement(CoveredTableCell())
        table.addElement(tr)
    # A sheet as LibreOffice saves it: the empty rest of the sheet as one repeated row.
    table.addElement(TableRow(numberrowsrepeated=1048000))
    doc.spreadsheet.addElement(table)
    doc.save(str(path))
    return path


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def windows_1258(text: str) -> bytes:
    """Text as Excel on a Vietnamese Windows saves "CSV": tone marks as combining characters."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(p for p in parts if p in _TONES)
        base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in _TONES))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def csv_text(rows, separator: str = ",") -> str:
    def field(value) -> str:
        value = "" if value is None else str(value)
        if any(ch in value for ch in (separator, '"', "\n")):
            return '"' + value.replace('"', '""') + '"'
        return value

    return "\r\n".join(separator.join(field(v) for v in row) for row in rows) + "\r\n"


def write_excel_package(path: Path, sheet_rows: str, shared: list[str], styles: str = "", prefix: str = "") -> Path:
    """An .xlsx as Excel itself writes one: shared strings, styles, optional tag prefixes.

    openpyxl writes inline strings only, so this is how the tests see the parts Excel makes.
    `sheet_rows` is the <sheetData> content (and anything after it) written with `{p}` for
    the prefix.
    """
    import zipfile

    p = f"{prefix}:" if prefix else ""
    ns = f'xmlns{":" + prefix if prefix else ""}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel_ns = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    items = "".join(f"<{p}si>{s}</{p}si>" for s in shared).replace("{p}", p)
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        + (
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.styles+xml"/>'
            if styles
            else ""
        )
        + "</Types>",
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0"?><{p}workbook {ns} {rel_ns}><{p}sheets>'
        f'<{p}sheet name="Danh sách" sheetId="1" r:id="rId1"/></{p}sheets></{p}workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        + (
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'styles" Target="styles.xml"/>'
            if styles
            else ""
        )
        + "</Relationships>",
        "xl/sharedStrings.xml": f'<?xml version="1.0"?><{p}sst {ns} count="{len(shared)}">{items}</{p}sst>',
        "xl/worksheets/sheet1.xml": f'<?xml version="1.0"?><{p}worksheet {ns} {rel_ns}><{p}sheetData>'
        + sheet_rows.replace("{p}", p)
        + f"</{p}worksheet>",
    }
    if styles:
        parts["xl/styles.xml"] = f'<?xml version="1.0"?><{p}styleSheet {ns}>{styles.replace("{p}", p)}</{p}styleSheet>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in parts.items():
            z.writestr(name, body.encode("utf-8"))
    return path


def html_page(rows, charset: str = "utf-8", ward_rowspan: bool = True) -> str:
    """A ".xls" as reporting portals export it: a web page whose table Excel opens as a sheet.

    The title spans the table (colspan); with ward_rowspan, the first two people share one
    ward cell (rowspan), as a portal groups rows by ward.
    """
    from html import escape

    def cells(values, tag="td", skip=None):
        out = []
        for c, v in enumerate(values):
            if c == skip:
                continue
            span = ' rowspan="2"' if ward_rowspan and skip == -1 and c == 4 else ""
            out.append(f"<{tag}{span}>{escape(str(v)).replace(' ', '&nbsp;', 1) if v != '' else ''}</{tag}>")
        return "<tr>" + "".join(out) + "</tr>\n"

    body = f'<tr><td colspan="{len(HEADER)}"><b>{escape(TITLE[1])}</b></td></tr>\n'
    body += cells(HEADER, "th")
    for i, row in enumerate(rows):
        body += cells([i + 1, *row], skip=(-1 if i == 0 else 4 if i == 1 and ward_rowspan else None))
    return (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}"></head>'
        f"<body><p>Xuất từ hệ thống báo cáo</p><table border=1>\n{body}</table></body></html>"
    )
