"""The .xlsx reader: what Excel writes reads as Excel shows it, and hostile XML is refused."""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
import zipfile

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.domain.records import Ceremony
from models.errors import SpreadsheetError
from models.importing import importer
from models.sheets import legacy
from models.sheets.read import read_workbook
from models.sheets.sheet import Converter, Sheet, cell_text, trimmed
from tests.sheet_files import write_excel_package

STYLES = (
    '<{p}numFmts count="1"><{p}numFmt numFmtId="164" formatCode="dd/mm/yyyy\\ hh:mm"/></{p}numFmts>'
    '<{p}fonts count="2"><{p}font><{p}sz val="11"/><{p}name val="Times New Roman"/></{p}font>'
    '<{p}font><{p}sz val="13"/><{p}name val=".VnTime"/></{p}font></{p}fonts>'
    '<{p}cellStyleXfs count="1"><{p}xf numFmtId="0" fontId="0"/></{p}cellStyleXfs>'
    '<{p}cellXfs count="4"><{p}xf numFmtId="0" fontId="0"/><{p}xf numFmtId="14" fontId="0"/>'
    '<{p}xf numFmtId="164" fontId="0"/><{p}xf numFmtId="0" fontId="1"/></{p}cellXfs>'
)


def _shared(tcvn3_name: str) -> list[str]:
    return [
        "<{p}t>DANH SÁCH KHEN THƯỞNG</{p}t>",
        "<{p}t>STT</{p}t>",
        "<{p}t>Họ và tên</{p}t>",
        "<{p}t>Ngày sinh</{p}t>",
        "<{p}t>Đảng viên</{p}t>",
        # Rich text: runs joined, the phonetic guide left out.
        '<{p}r><{p}t xml:space="preserve">Nguyễn </{p}t></{p}r><{p}r><{p}rPr><{p}b/></{p}rPr><{p}t>Văn An</{p}t>'
        "</{p}r><{p}rPh><{p}t>ふりがな</{p}t></{p}rPh>",
        f"<{{p}}t>{tcvn3_name}</{{p}}t>",
    ]


SHEET = (
    '<{p}row r="1"><{p}c r="A1" t="s"><{p}v>0</{p}v></{p}c></{p}row>'
    '<{p}row r="3"><{p}c r="A3" t="s"><{p}v>1</{p}v></{p}c><{p}c r="B3" t="s"><{p}v>2</{p}v></{p}c>'
    '<{p}c r="C3" t="s"><{p}v>3</{p}v></{p}c><{p}c r="D3" t="s"><{p}v>4</{p}v></{p}c></{p}row>'
    # No cell references at all: columns follow one another.
    '<{p}row><{p}c><{p}v>1</{p}v></{p}c><{p}c t="s"><{p}v>5</{p}v></{p}c><{p}c s="1"><{p}v>36526</{p}v></{p}c>'
    '<{p}c t="b"><{p}v>1</{p}v></{p}c></{p}row>'
    '<{p}row r="5"><{p}c r="A5"><{p}f>A4+1</{p}f><{p}v>2</{p}v></{p}c>'
    '<{p}c r="B5" t="str"><{p}f>CONCAT("Trần ","Thị Bình")</{p}f><{p}v>Trần Thị Bình</{p}v></{p}c>'
    '<{p}c r="C5" s="2"><{p}v>44927.49999999</{p}v></{p}c><{p}c r="D5" t="e"><{p}v>#N/A</{p}v></{p}c></{p}row>'
    '<{p}row r="6"><{p}c r="A6"><{p}v>3</{p}v></{p}c><{p}c r="B6" s="3" t="s"><{p}v>6</{p}v></{p}c>'
    '<{p}c r="C6"><{p}v>1.5</{p}v></{p}c><{p}c r="D6" t="inlineStr"><{p}is><{p}t>{nfd}</{p}t></{p}is></{p}c>'
    "</{p}row>"
    '<{p}row r="7" spans="1:4" ht="20"/>'  # a formatted empty row
    '<{p}row r="9"><{p}c r="B9" t="s"><{p}v>99</{p}v></{p}c><{p}c r="XFD9"><{p}v>7</{p}v></{p}c></{p}row>'
    '</{p}sheetData><{p}mergeCells count="1"><{p}mergeCell ref="A1:D1"/></{p}mergeCells>'
)


@pytest.mark.parametrize("prefix", ["", "x"])
def test_what_excel_writes_reads_as_excel_shows_it(tmp_path, prefix):
    nfd = unicodedata.normalize("NFD", "Hội viên ưu tú")
    sheet = SHEET.replace("{nfd}", nfd)
    path = write_excel_package(
        tmp_path / "excel.xlsx", sheet, _shared(legacy.encode_tcvn3("Lê Thị Hường")), STYLES, prefix
    )
    workbook = read_workbook(path)
    (read,) = workbook.sheets
    assert read.name == "Danh sách"
    assert read.merged == [(0, 0, 0, 3)]
    assert read.rows[:6] == [
        ["DANH SÁCH KHEN THƯỞNG"],
        [],
        ["STT", "Họ và tên", "Ngày sinh", "Đảng viên"],
        ["1", "Nguyễn Văn An", "01/01/2000", "Có"],
        ["2", "Trần Thị Bình", "01/01/2023 12:00", "#N/A"],
        ["3", "Lê Thị Hường", "1.5", "Hội viên ưu tú"],
    ]
    # A shared-string index past the table gives an empty cell; a column past the limit is dropped.
    assert all(not row for row in read.rows[6:])
    assert read.converted == {legacy.Encoding.TCVN3: 1}


def test_a_workbook_declaring_entities_is_refused(tmp_path):
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    )
    path = write_excel_package(tmp_path / "bom.xlsx", '<{p}row r="1"><{p}c r="A1" t="s"><{p}v>0</{p}v></{p}c></{p}row>'
                               "</{p}sheetData>", ["<t>&lol3;</t>"])  # fmt: skip
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    body = parts["xl/sharedStrings.xml"].decode().replace('<?xml version="1.0"?>', laughs)
    parts["xl/sharedStrings.xml"] = body.encode()
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    with pytest.raises(SpreadsheetError, match="độc hại"):
        read_workbook(path)


def test_a_cell_damaged_in_the_middle_is_explained(tmp_path):
    path = write_excel_package(tmp_path / "hong.xlsx", '<{p}row r="1"><{p}c r="A1"><{p}v>1</{p}c></{p}row>'
                               "</{p}sheetData>", [])  # fmt: skip
    with pytest.raises(SpreadsheetError, match="hong.xlsx"):
        read_workbook(path)


_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30).filter(lambda s: not s.startswith("="))
_value = st.one_of(
    st.none(),
    _text,
    st.sampled_from(["Nguyễn Văn An", "Hội LHPN phường Bồ Đề", "Tổ dân phố số 5", " đầu cuối "]),
    st.integers(min_value=-(10**17), max_value=10**17),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2100, 1, 1)).map(
        lambda d: d.replace(microsecond=0)
    ),
)


@settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", 60)),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(rows=st.lists(st.lists(_value, max_size=6), min_size=1, max_size=8))
def test_cells_read_the_same_as_through_openpyxl(tmp_path, rows):
    path = tmp_path / "ngau_nhien.xlsx"
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)

    reference = openpyxl.load_workbook(path, read_only=True, data_only=True)
    sheet = Sheet("x")
    convert = Converter(sheet)
    sheet.rows = [
        # A cell of spaces alone is an empty cell.
        trimmed([("" if v.isspace() else convert(v)) if isinstance(v, str) else cell_text(v) for v in values])
        for values in reference.active.iter_rows(values_only=True)
    ]
    convert.finish()  # font-less legacy-looking texts are read as one list
    expected = sheet.rows
    reference.close()
    while expected and not expected[-1]:
        expected.pop()
    assert read_workbook(path).sheets[0].rows == expected


def test_a_real_excel_list_imports(book, tmp_path):
    ceremony = book.save_ceremony(Ceremony("Hội nghị")).id
    sheet = SHEET.replace("{nfd}", "Hội viên")
    path = write_excel_package(tmp_path / "excel.xlsx", sheet, _shared(legacy.encode_tcvn3("Lê Thị Hường")), STYLES)
    plan = importer.plan_file(book, path, ceremony)
    assert not plan.problems
    assert [r.awardee.name for r in plan.rows] == ["Nguyễn Văn An", "Trần Thị Bình", "Lê Thị Hường"]


# -- the quick reader (calamine) against the own reader ---------------------------------------


def _both_ways(path, monkeypatch):
    """The workbook read the quick way (which must be taken) and by the own reader."""
    from models.sheets import xlsx, xlsx_fast

    taken = []
    real = xlsx_fast.read_values
    monkeypatch.setattr(xlsx_fast, "read_values", lambda *a: taken.append(r := real(*a)) or r)
    with zipfile.ZipFile(path) as archive:
        quick = xlsx.read_xlsx(path, archive)
        own = xlsx.read_xlsx(path, archive, quick=False)
    assert taken and taken[0] is not None, "the quick way was taken"
    return (
        [(s.name, s.rows, sorted(s.merged), s.conversions, s.converted) for s in quick.sheets],
        [(s.name, s.rows, sorted(s.merged), s.conversions, s.converted) for s in own.sheets],
    )


def _within_a_float(value) -> bool:
    """What the quick reader takes: whole numbers from 10**15 on, and dates before either
    calendar's start, go to the own reader (test_what_calamine_would_read_wrong_…)."""
    if isinstance(value, dt.date):
        return (value.date() if isinstance(value, dt.datetime) else value) > dt.date(1904, 1, 2)
    return isinstance(value, bool) or not isinstance(value, int | float) or abs(value) < 1e15


_listed = st.one_of(
    _value.filter(_within_a_float),
    st.floats(min_value=-1e14, max_value=1e14).filter(lambda f: f == f),
    st.dates(min_value=dt.date(1904, 1, 3), max_value=dt.date(2100, 1, 1)),
    st.sampled_from(["Ng­uyễn", "Nguye\u0302\u0303n Văn", "Ph­ường", "NguyÔn V¨n An", "Tr\u1ea7n"]),
)


@settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", 60)),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    rows=st.lists(st.lists(_listed, max_size=7), min_size=1, max_size=8),
    merge=st.booleans(),
    second=st.booleans(),
    epoch_1904=st.booleans(),
)
def test_the_quick_reader_reads_every_list_as_the_own_reader(tmp_path, monkeypatch, rows, merge, second, epoch_1904):
    path = tmp_path / "danh_sach.xlsx"
    wb = openpyxl.Workbook()
    wb.epoch = (
        openpyxl.utils.datetime.CALENDAR_MAC_1904 if epoch_1904 else openpyxl.utils.datetime.CALENDAR_WINDOWS_1900
    )
    for row in rows:
        wb.active.append(row)
    if merge:
        wb.active.merge_cells("B2:D3")
    if second:
        hidden = wb.create_sheet("Phường ẩn")
        hidden.sheet_state = "hidden"
        hidden.append(["Tổ dân phố số 9", 42])
    wb.save(path)
    quick, own = _both_ways(path, monkeypatch)
    assert quick == own


def test_the_quick_reader_reads_what_libreoffice_saves_as_the_own_reader(tmp_path, monkeypatch):
    import shutil
    import subprocess

    from tests.sheet_files import table_rows, write_xlsx

    source = write_xlsx(tmp_path / "goc.xlsx", table_rows())
    wb = openpyxl.load_workbook(source)
    wb.active.append([dt.datetime(2022, 7, 28, 8, 30), 2.5, True, 1234567890, dt.date(2022, 7, 1)])
    wb.save(source)
    office = shutil.which("soffice") or shutil.which("libreoffice")
    assert office, "LibreOffice is needed to write this list (.ci/run installs libreoffice-calc-nogui)"
    out = tmp_path / "lo"
    out.mkdir()
    subprocess.run(
        [office, f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless", "--convert-to",
         "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    quick, own = _both_ways(out / "goc.xlsx", monkeypatch)
    assert quick == own
    assert quick[0][1][-1] == ["28/07/2022 08:30", "2.5", "Có", "1234567890", "01/07/2022"]


def test_what_calamine_would_read_wrong_goes_to_the_own_reader(tmp_path):
    """An error a formula gave (calamine reads it as empty), a 17-digit number (a float
    cannot hold it), a date before the calendar's start and a time alone are read as the
    file holds them."""
    path = write_excel_package(
        tmp_path / "la.xlsx",
        '<{p}row r="1"><{p}c r="A1" t="e"><{p}v>#DIV/0!</{p}v></{p}c><{p}c r="B1"><{p}v>12345678901234567</{p}v></{p}c>'
        '<{p}c r="C1" s="1"><{p}v>-365</{p}v></{p}c><{p}c r="D1" s="2"><{p}v>0.5</{p}v></{p}c></{p}row></{p}sheetData>',
        [],
        STYLES,
    )
    assert read_workbook(path).sheets[0].rows == [["#DIV/0!", "12345678901234567", "-365", "30/12/1899 12:00"]]
