"""Lists shaped as offices make them, and small files shaped to hurt: two-row headers,
merged ranges far beyond the data. Each reads whole, quickly and in little memory."""

from __future__ import annotations

import time
import tracemalloc

import openpyxl
import pytest

from models.domain.records import AwardeeKind, Ceremony
from models.importing import importer


@pytest.fixture
def ceremony(book):
    return book.save_ceremony(Ceremony("Hội nghị"))


def _xlsx(path, rows, merges=()):
    """Saved by openpyxl; the merges are written into the sheet's XML by hand, as a tiny
    file can declare them (openpyxl itself would build a cell for each merged one)."""
    import zipfile

    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    plain = path.with_suffix(".plain.xlsx")
    wb.save(plain)
    cells = "".join(f'<mergeCell ref="{ref}"/>' for ref in merges)
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml" and merges:
                text = data.decode("utf-8")
                text = text.replace(
                    "</sheetData>", f'</sheetData><mergeCells count="{len(merges)}">{cells}</mergeCells>'
                )
                data = text.encode("utf-8")
            out.writestr(item, data)
    plain.unlink()
    return path


def test_a_two_row_header_with_a_note_under_the_name_is_read(book, ceremony, tmp_path):
    source = _xlsx(
        tmp_path / "hai-dong.xlsx",
        [
            ["STT", "Họ và tên", "Chức vụ", "Đơn vị"],
            [None, "Tập thể/Cá nhân", None, None],
            [1, "Hội LHPN phường Bồ Đề", "", "Phường Bồ Đề"],
            [2, "Nguyễn Thị Thùy Dung", "Tổ trưởng", "Phường Ngọc Thụy"],
        ],
        merges=["A1:A2"],
    )
    plan = importer.plan_file(book, source, ceremony.id)
    assert plan.problems == []
    importer.apply(book, plan)
    stored = {a.name: a for a in book.awardees(ceremony.id)}
    assert set(stored) == {"Hội LHPN phường Bồ Đề", "Nguyễn Thị Thùy Dung"}
    assert stored["Nguyễn Thị Thùy Dung"].position == "Tổ trưởng"
    assert stored["Hội LHPN phường Bồ Đề"].kind is AwardeeKind.COLLECTIVE


def _bounded(fn, seconds: float = 5.0, mib: float = 200.0):
    tracemalloc.start()
    start = time.perf_counter()
    try:
        result = fn()
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    took = time.perf_counter() - start
    assert took < seconds, f"took {took:.1f} s"
    assert peak < mib * 2**20, f"peak {peak / 2**20:.0f} MiB"
    return result


@pytest.mark.parametrize(
    "merge",
    [
        "B1:B1048576",  # over the header row down to Excel's last row
        "G5:XFD1048576",  # the whole sheet right of the data
        "XFD2:XFD1048576",  # Excel's last column, merged down every row
        "A5:A1048576",  # a number column merged to the last row
    ],
)
def test_a_merged_range_far_beyond_the_data_costs_the_size_of_the_data(book, ceremony, tmp_path, merge):
    rows = [["STT", "Họ và tên", "Chức vụ", "Đơn vị"]] + [
        [i, f"Nguyễn Văn {i}", "Tổ trưởng", f"Tổ dân phố số {i}"] for i in range(1, 3001)
    ]
    source = _xlsx(tmp_path / "gop.xlsx", rows, merges=[merge])
    assert source.stat().st_size < 100_000
    plan = _bounded(lambda: importer.plan_file(book, source, ceremony.id))
    assert len(plan.rows) + len(plan.problems) > 0


def test_an_ods_header_merged_down_a_trillion_rows_reads_at_once(book, ceremony, tmp_path):
    """The reported hang: an 879-byte .ods whose header cell spans 999,999,999,999 rows."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name="Danh sách")
    rows = [["STT", "Họ và tên", "Đơn vị"]] + [[i, f"Nguyễn Văn {i}", "Phường Bồ Đề"] for i in range(1, 31)]
    for r, row in enumerate(rows):
        tr = TableRow()
        for c, value in enumerate(row):
            attrs = {"numberrowsspanned": 999_999_999_999} if (r, c) == (0, 1) else {}
            cell = TableCell(valuetype="string", **attrs)
            cell.addElement(P(text=str(value)))
            tr.addElement(cell)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    path = tmp_path / "treo.ods"
    doc.save(str(path))
    assert path.stat().st_size < 5_000
    plan = _bounded(lambda: importer.plan_file(book, path, ceremony.id), seconds=5)
    assert len(plan.rows) == 30 and plan.problems == []


@pytest.mark.parametrize(("rows", "columns"), [(99_000, 200), (1_000, 1_000_000)])
def test_an_ods_repeating_a_row_of_text_thousands_of_times_is_refused_at_once(book, ceremony, tmp_path, rows, columns):
    """1.6 KB that declared 99,000 rows of 200 names took 108 s and 353 MiB to plan."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    from models.errors import SpreadsheetError

    doc = OpenDocumentSpreadsheet()
    table = Table(name="Danh sách")
    head = TableRow()
    for value in ("STT", "Họ và tên", "Chức vụ", "Đơn vị"):
        cell = TableCell(valuetype="string")
        cell.addElement(P(text=value))
        head.addElement(cell)
    table.addElement(head)
    row = TableRow(numberrowsrepeated=rows)
    cell = TableCell(valuetype="string", numbercolumnsrepeated=columns)
    cell.addElement(P(text="Nguyễn Văn A"))
    row.addElement(cell)
    table.addElement(row)
    doc.spreadsheet.addElement(table)
    path = tmp_path / "lap.ods"
    doc.save(str(path))
    with pytest.raises(SpreadsheetError, match="lặp lại một dòng có chữ"):
        _bounded(lambda: importer.plan_file(book, path, ceremony.id), seconds=2, mib=50)


def test_an_xls_merging_to_the_last_row_and_column_reads_in_the_size_of_its_data(book, ceremony, tmp_path):
    """25 KB of .xls whose merged ranges reach row 65,536 and column IV took 10 s and 224 MiB."""
    import xlwt

    wb = xlwt.Workbook()
    ws = wb.add_sheet("Danh sách")
    for c, value in enumerate(("STT", "Họ và tên", "Đơn vị")):
        ws.write(0, c, value)
    for r in range(1, 200):
        ws.write(r, 0, r)
        ws.write(r, 1, f"Nguyễn Văn {r}")
        ws.write(r, 2, "Phường Bồ Đề")
    for k in range(300):
        ws.merged_ranges.append((1 + k % 150, 65535, 3 + k % 200, 255))
    path = tmp_path / "gop.xls"
    wb.save(str(path))
    assert path.stat().st_size < 40_000
    # About 1 s here; the memory bound is what a busy CI machine cannot blur.
    plan = _bounded(lambda: importer.plan_file(book, path, ceremony.id), seconds=8, mib=100)
    assert len(plan.rows) == 199 and plan.problems == []


@pytest.mark.slow
def test_a_web_page_whose_cells_span_the_whole_sheet_is_refused_at_once(book, ceremony, tmp_path):
    """Like the reported 225 KB page: every cell of 3,000 rows with rowspan and colspan far
    past the data, which expanded cell by cell took gigabytes. Refused, in bounded time."""
    head = "<tr><th>STT</th><th>Họ và tên</th><th>Đơn vị</th></tr>"
    body = "".join(
        f'<tr><td rowspan="999999">{i}</td><td colspan="16384" rowspan="65536">Nguyễn Văn {i}</td>'
        f'<td rowspan="4000000000">Phường Bồ Đề</td></tr>'
        for i in range(1, 3001)
    )
    path = tmp_path / "trang.html"
    path.write_text(f"<html><body><table>{head}{body}</table></body></html>", encoding="utf-8")
    assert path.stat().st_size < 500_000
    from models.errors import SpreadsheetError

    with pytest.raises(SpreadsheetError, match="“trang.html” có bảng gộp ô bất thường"):
        _bounded(lambda: importer.plan_file(book, path, ceremony.id), seconds=5)
