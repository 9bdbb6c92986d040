"""Legacy text whose fonts were lost (a sheet restyled to Arial, a portal's web-page "xls"):
the encoding is decided for the whole list, the fonts a web page keeps are used, and a cell
that stays ambiguous is shown to the clerk, never changed silently (#16 item 2)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font

import main
from models.domain.records import Ceremony
from models.importing import importer
from models.repos.book import CeremonyBook
from models.sheets.read import read_workbook
from models.storage.store import Store
from tests.legacy_text import TIME, tcvn3, tcvn3_runs, vni

# A ward list heavy in the letters both encodings can show (Ơ ơ ỹ Ỹ ũ õ): where one cell
# alone reads as well either way.
PEOPLE = [
    ("Lê Thị Ơn", "Bí thư chi bộ", "Tổ dân phố số 5"),
    ("Vũ Thanh Dung", "Tổ trưởng tổ dân phố", "Tổ dân phố số 12"),
    ("Nguyễn Văn Sỹ", "Chủ tịch Hội Cựu chiến binh", "Khu dân cư số 3"),
    ("Đỗ Thị Lũy", "Trưởng ban công tác Mặt trận", "Thôn Đông"),
    ("Trần Văn Mỹ", "Chi hội trưởng Chi hội Phụ nữ", "Thôn Đoài"),
    ("Phạm Thị Ỹ Vân", "Bí thư chi đoàn", "Tổ dân phố số 9"),
    ("Hoàng Văn Lợi", "Tổ phó tổ dân phố", "Tổ dân phố số 7"),
    ("Bùi Thị Thơm", "Ủy viên Ban Chấp hành", "Khu dân cư số 1"),
    ("Ngô Văn Tũn", "Trưởng thôn", "Thôn Thượng"),
    ("Đặng Thị Hõa", "Bí thư chi bộ", "Thôn Hạ"),
    ("Lý Văn Cờ", "Công an viên", "Thôn Trung"),
    ("Dương Thị Sơn", "Tổ trưởng tổ hòa giải", "Tổ dân phố số 2"),
    ("Vũ Thị Nhung", "Chi hội trưởng Chi hội Nông dân", "Thôn Bến"),
    ("Trịnh Văn Sơ", "Trưởng ban công tác Mặt trận", "Tổ dân phố số 4"),
    ("Mai Thị Ngơ", "Tổ trưởng tổ dân phố", "Tổ dân phố số 11"),
    ("Hà Văn Lũ", "Bí thư chi bộ", "Khu dân cư số 6"),
]
HEADER = ("STT", "Họ và tên", "Chức vụ", "Đơn vị")
# Restyled to Arial, a toned capital typed in .VnTimeH is lost for good: such names are left out.
TCVN3_PEOPLE = [p for p in PEOPLE if all(font == TIME for v in p for _, font in tcvn3_runs(v))]


def _rows(encode, people=PEOPLE) -> list[list[str]]:
    return [list(HEADER)] + [[str(i)] + [encode(v) for v in p] for i, p in enumerate(people, 1)]


def _arial_xlsx(path: Path, rows) -> Path:
    """The list restyled to Arial in Excel (openpyxl writing): no font says the encoding."""
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    for row in wb.active.iter_rows():
        for cell in row:
            cell.font = Font(name="Arial")
    wb.save(path)
    return path


def _read_people(path: Path):
    sheet = read_workbook(path).sheets[0]
    return sheet, [tuple(r[1:4]) for r in sheet.rows[1:]]


def _wrong(got, people) -> list:
    return [(g, e) for g, e in zip(got, people, strict=True) if g != e]


@pytest.mark.parametrize(("encoding", "encode"), [("VNI", vni), ("TCVN3", tcvn3)])
def test_a_sheet_restyled_to_arial_is_read_in_one_encoding(tmp_path, encoding, encode):
    people = PEOPLE if encoding == "VNI" else TCVN3_PEOPLE
    sheet, got = _read_people(_arial_xlsx(tmp_path / "arial.xlsx", _rows(encode, people)))
    assert not _wrong(got, people), _wrong(got, people)[:3]
    assert all(unicodedata.is_normalized("NFC", v) for row in got for v in row)
    assert sheet.unsure == [], "a whole list in one encoding leaves no doubt"


def _html(rows, cell) -> str:
    body = "".join("<tr>" + "".join(cell(v) for v in row) + "</tr>" for row in rows)
    return f'<html><head><meta charset="utf-8"></head><body><table>{body}</table></body></html>'


def test_a_portal_page_with_no_fonts_is_read_in_one_encoding(tmp_path):
    path = tmp_path / "cong-thong-tin.xls"
    path.write_bytes(_html(_rows(vni), lambda v: f"<td>{v}</td>").encode("utf-8"))
    sheet, got = _read_people(path)
    assert not _wrong(got, PEOPLE), _wrong(got, PEOPLE)[:3]
    assert sheet.unsure == []


def _font_cell(value: str) -> str:
    """A cell as old exporters wrote TCVN3: <font face> runs, toned capitals in .VnTimeH."""
    if value.isdigit() or value in HEADER:
        return f"<td>{value}</td>"
    return "<td>" + "".join(f'<font face="{font}">{text}</font>' for text, font in tcvn3_runs(value)) + "</td>"


def test_a_page_keeping_font_faces_is_read_by_them_capitals_and_all(tmp_path):
    people = PEOPLE + [("Vũ Thị Ánh", "Ủy viên Ban Thường vụ", "Ủy ban MTTQ xã Ứng Hòa")]
    path = tmp_path / "font.xls"
    path.write_bytes(_html(_rows(lambda v: v, people), _font_cell).encode("utf-8"))
    sheet, got = _read_people(path)
    assert not _wrong(got, people), _wrong(got, people)[:3]
    assert sheet.unsure == []


def test_a_page_excel_saved_names_its_fonts_in_css_classes(tmp_path):
    style = (
        '<style>.xl24 {mso-style-parent:style0; font-family:".VnTime", sans-serif;}\n td {font-family:Arial}</style>'
    )
    cell = lambda v: f'<td class="xl24">{tcvn3(v)}</td>' if not v.isdigit() else f"<td>{v}</td>"  # noqa: E731
    page = _html(_rows(lambda v: v, TCVN3_PEOPLE[:3]), cell).replace("<head>", f"<head>{style}")
    path = tmp_path / "excel-web.xls"
    path.write_bytes(page.encode("utf-8"))
    sheet, got = _read_people(path)
    assert not _wrong(got, TCVN3_PEOPLE[:3]), _wrong(got, TCVN3_PEOPLE[:3])
    assert sheet.unsure == [], "three cells are few, but their font leaves no doubt"


def test_a_cell_that_reads_either_way_is_shown_never_changed_silently(tmp_path, capsys, book):
    """Two cells in all, both read as well in VNI as in TCVN3 or as they are."""
    rows = [["STT", "Họ và tên"], ["1", vni("Lê Thị Ơn")], ["2", "Trần Văn Bình"]]
    path = _arial_xlsx(tmp_path / "it.xlsx", rows)
    sheet = read_workbook(path).sheets[0]
    assert [(u.row, u.column, u.raw) for u in sheet.unsure] == [(1, 1, vni("Lê Thị Ơn"))]
    chosen = sheet.unsure[0].text

    ceremony = book.save_ceremony(Ceremony("Hội nghị"))
    plan = importer.plan_file(book, path, ceremony.id)
    said = " ".join(plan.notes)
    assert "cần xem lại" in said and f"dòng 2, cột B: “{vni('Lê Thị Ơn')}” đọc thành “{chosen}”" in said

    db = tmp_path / "so.sqlite"
    assert main.main(["demo", "--db", str(db)]) == 0
    capsys.readouterr()
    with Store(db) as store:
        before = len(CeremonyBook(store).awardees(1))
    assert main.main(["import", "--db", str(db), "--ceremony", "1", str(path)]) != 0
    said = capsys.readouterr()
    assert f"dòng 2, cột B: “{vni('Lê Thị Ơn')}” đọc thành “{chosen}”" in said.out
    assert "chưa nhập gì" in said.err and "--accept-readings" in said.err
    with Store(db) as store:
        assert len(CeremonyBook(store).awardees(1)) == before, "nothing imported unconfirmed"
    assert main.main(["import", "--db", str(db), "--ceremony", "1", str(path), "--accept-readings"]) == 0
