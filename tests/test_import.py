"""Importing ward lists: every format, legacy encodings, layouts, problems and duplicates."""

from __future__ import annotations

import unicodedata

import pytest

from models.domain.records import Awardee, AwardeeKind, AwardForm, Ceremony, Contest, Decision, PrizeLevel
from models.errors import SpreadsheetError, ValidationError
from models.importing import importer
from models.importing.columns import Column
from models.importing.plan import plan_import
from models.repos.rows import cleaned
from models.sheets.legacy import encode_tcvn3, encode_vni
from models.sheets.read import read_workbook
from tests import sheet_files as S

NAMES = [p[0] for p in S.PEOPLE]


@pytest.fixture
def ceremony(book):
    c = book.save_ceremony(Ceremony("Hội nghị biểu dương điển hình “Dân vận khéo” năm 2022"))
    book.save_decision(Decision(c.id, AwardForm.GIAY_KHEN, number="125/QĐ-UBND"))
    return c.id


def imported(book, path, ceremony_id, **kw):
    plan = importer.plan_file(book, path, ceremony_id, **kw)
    assert not plan.problems, plan.problem_lines()
    importer.apply(book, plan)
    return plan


def write(kind: str, path, rows, fonts=None):
    if kind == "xlsx":
        return S.write_xlsx(path / "ds.xlsx", rows, fonts)
    if kind == "xls":
        return S.write_xls(path / "ds.xls", rows, fonts)
    if kind == "ods":
        return S.write_ods(path / "ds.ods", rows, fonts)
    raise AssertionError(kind)


CSV_FLAVOURS = {
    "utf8-bom-comma": lambda rows: S.csv_text(rows, ",").encode("utf-8-sig"),
    "utf8-semicolon": lambda rows: S.csv_text(rows, ";").encode("utf-8"),
    "cp1258-semicolon": lambda rows: S.windows_1258(S.csv_text(rows, ";")),
    "utf16-tab": lambda rows: S.csv_text(rows, "\t").encode("utf-16"),
}


@pytest.mark.parametrize("kind", ["xlsx", "xls", "ods", *CSV_FLAVOURS])
def test_a_ward_list_in_every_format_lands_with_names_exactly(book, ceremony, tmp_path, kind):
    if kind in CSV_FLAVOURS:
        path = tmp_path / "ds.csv"
        path.write_bytes(CSV_FLAVOURS[kind](S.table_rows()))
    else:
        path = write(kind, tmp_path, S.table_rows())
    plan = imported(book, path, ceremony)

    stored = book.awardees(ceremony)
    assert [a.name for a in stored] == NAMES  # title, blank and total rows left out
    assert all(unicodedata.is_normalized("NFC", a.name + a.unit + a.model_name) for a in stored)
    by_name = {a.name: a for a in stored}
    assert by_name["Nguyễn Thị Thùy Dung"].position == "Tổ trưởng tổ dân phố số 5"
    assert by_name["Nguyễn Thị Thùy Dung"].ward == "Bồ Đề"
    assert by_name["Lê Quý Hòa"].field == "Bảo vệ môi trường"
    # Kinds guessed from the names and shown for confirmation.
    assert {a.name for a in stored if a.kind is AwardeeKind.COLLECTIVE} == {
        "Chi hội Phụ nữ tổ dân phố số 5",
        "Trường Tiểu học Gia Thụy",
    }
    assert len(plan.guessed) == 5
    assert any("tổng cộng" in n for n in plan.notes)
    # No award form column: the ceremony's only decision is used.
    assert {a.decision_id for a in stored} == {book.decisions(ceremony)[0].id}


def test_decomposed_text_is_stored_composed(book, ceremony, tmp_path):
    rows = S.table_rows()
    for row in rows[4:9]:
        row[1:] = [unicodedata.normalize("NFD", v) if isinstance(v, str) else v for v in row[1:]]
    imported(book, S.write_xlsx(tmp_path / "nfd.xlsx", rows), ceremony)
    names = [a.name for a in book.awardees(ceremony)]
    assert names == NAMES
    assert [len(n) for n in names] == [len(unicodedata.normalize("NFC", n)) for n in NAMES]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_untidy_cells_are_stored_as_typing_them_by_hand_would_store_them(book, ceremony, tmp_path, kind):
    """Spaces around and inside, a tab, a no-break space, a zero-width space, a line break in
    a cell: the import stores exactly what the entry form would, not a raw copy."""
    rows = S.table_rows()
    untidy = {
        4: "  Trường  Tiểu học\u200b Gia Thụy ",
        5: "Nguyễn\u00a0Thị\tThùy Dung",
        6: "Lê Quý\nHòa\u00ad",
    }
    for r, name in untidy.items():
        rows[r][1] = name
        rows[r][3] = f"  {rows[r][3]}\u00a0 "
    if kind == "xlsx":
        path = S.write_xlsx(tmp_path / "lon_xon.xlsx", rows)
    else:
        path = tmp_path / "lon_xon.csv"
        path.write_text(S.csv_text(rows), encoding="utf-8")
    imported(book, path, ceremony)
    stored = book.awardees(ceremony)
    names = [a.name for a in stored]
    assert "Trường Tiểu học Gia Thụy" in names and "Nguyễn Thị Thùy Dung" in names and "Lê Quý Hòa" in names
    for a in stored:
        assert cleaned(a) == a, a
        assert a.unit == a.unit.strip() and "\u00a0" not in a.unit


def _legacy_rows(encode):
    rows = S.table_rows()
    for row in rows[4:9]:
        row[1:] = [encode(v) for v in row[1:]]
    return rows


@pytest.mark.parametrize("kind", ["xlsx", "xls", "ods"])
def test_tcvn3_under_vntime_fonts_is_converted_by_font(book, ceremony, tmp_path, kind):
    rows = _legacy_rows(encode_tcvn3)
    rows[0] = [encode_tcvn3("UBND QUẬN LONG BIÊN")]  # a capitals title typed under .VnTimeH
    fonts = {(r, c): ".VnTime" for r in range(4, 9) for c in range(1, 7)}
    fonts[(0, 0)] = ".VnTimeH"
    path = write(kind, tmp_path, rows, fonts)

    sheet = read_workbook(path).sheets[0]
    assert sheet.rows[0][0] == "UBND QUẬN LONG BIÊN"
    plan = imported(book, path, ceremony)
    stored = book.awardees(ceremony)
    assert [a.name for a in stored] == NAMES
    assert stored[2].model_name == "Đối thoại tại nhà dân"
    assert any("TCVN3" in n for n in plan.notes)


def test_vnitimesh_cell_holding_lower_case_bytes_comes_out_in_capitals(tmp_path):
    path = S.write_xlsx(tmp_path / "h.xlsx", [[encode_tcvn3("hội đồng thi đua")]], {(0, 0): ".VnTimeH"}, merges=())
    assert read_workbook(path).sheets[0].rows[0] == ["HỘI ĐỒNG THI ĐUA"]


@pytest.mark.parametrize("kind", ["xlsx", "xls", "ods"])
def test_vni_under_vni_times_is_converted(book, ceremony, tmp_path, kind):
    fonts = {(r, c): "VNI-Times" for r in range(4, 9) for c in range(1, 7)}
    path = write(kind, tmp_path, _legacy_rows(encode_vni), fonts)
    imported(book, path, ceremony)
    assert [a.name for a in book.awardees(ceremony)] == NAMES


@pytest.mark.parametrize("encode", [encode_tcvn3, encode_vni], ids=["tcvn3", "vni"])
def test_legacy_text_without_its_font_is_recognised_by_its_patterns(book, ceremony, tmp_path, encode):
    # The clerk changed the font to Times New Roman: Excel shows "NguyÔn ThÞ Thïy Dung".
    fonts = {(r, c): "Times New Roman" for r in range(4, 9) for c in range(1, 7)}
    imported(book, S.write_xlsx(tmp_path / "ds.xlsx", _legacy_rows(encode), fonts), ceremony)
    stored = book.awardees(ceremony)
    assert [a.name for a in stored] == NAMES
    assert [a.unit for a in stored] == [p[2] for p in S.PEOPLE]


def test_legacy_csv_bytes_are_recognised(book, ceremony, tmp_path):
    path = tmp_path / "ds.csv"
    rows = [[encode_tcvn3(v) if isinstance(v, str) else v for v in row] for row in S.table_rows()]
    path.write_bytes(S.csv_text(rows).encode("cp1252"))
    plan = imported(book, path, ceremony)
    assert [a.name for a in book.awardees(ceremony)] == NAMES
    assert any("TCVN3" in n for n in plan.notes)
    sheet = read_workbook(path).sheets[0]
    assert sheet.rows[:2] == [[S.TITLE[0]], [S.TITLE[1]]]  # capitals and typographic quotes too


def test_office_layout_sections_merged_wards_numbering_and_signature(book, ceremony, tmp_path):
    rows = [
        ["ỦY BAN NHÂN DÂN QUẬN LONG BIÊN"],
        ["DANH SÁCH KHEN THƯỞNG"],
        ["(Kèm theo Quyết định số 125/QĐ-UBND ngày 05/12/2022)"],
        ["STT", "Tên tập thể, cá nhân", "Chức vụ", "Đơn vị", "Phường", "Hình thức khen thưởng"],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
        ["I", "TẬP THỂ"],
        [1, "Tổ dân phố số 5", "", "", "Bồ Đề", "Giấy khen"],
        [2, "Ban công tác Mặt trận khu dân cư số 3", "", "", None, "Giấy khen"],
        ["II", "CÁ NHÂN"],
        [3, "Đoàn Thị Hoa", "Tổ trưởng", "Tổ dân phố số 5", "Ngọc Lâm", "Bằng khen"],
        [4, "Hội Văn Minh", "Tổ phó", "Tổ dân phố số 7", None, "Bằng khen"],
        [],
        ["", "Người lập biểu"],
        ["", "Trần Văn Ký"],
    ]
    # The ward of rows 7-8 and 10-11 is merged down, as clerks do.
    path = S.write_xlsx(tmp_path / "ds.xlsx", rows, merges=("A2:F2", "E7:E8", "E10:E11"))
    plan = imported(book, path, ceremony)

    stored = {a.name: a for a in book.awardees(ceremony)}
    assert list(stored) == ["Tổ dân phố số 5", "Ban công tác Mặt trận khu dân cư số 3", "Đoàn Thị Hoa", "Hội Văn Minh"]
    assert not plan.guessed  # the section headings said which are collectives
    assert stored["Hội Văn Minh"].kind is AwardeeKind.INDIVIDUAL
    assert stored["Ban công tác Mặt trận khu dân cư số 3"].ward == "Bồ Đề"
    assert stored["Hội Văn Minh"].ward == "Ngọc Lâm"
    forms = {d.id: d.award_form for d in book.decisions(ceremony)}
    assert forms[stored["Đoàn Thị Hoa"].decision_id] is AwardForm.BANG_KHEN  # created for the import
    assert forms[stored["Tổ dân phố số 5"].decision_id] is AwardForm.GIAY_KHEN
    assert any("Bằng khen" in n and "tạo" in n for n in plan.notes)


def test_problems_name_file_row_and_column_and_nothing_is_written(book, ceremony, tmp_path):
    rows = S.table_rows(total=False)
    rows[3].append("Hình thức khen thưởng")
    rows[5].append("Huân chương")  # not an award form the app prints
    rows[6][1] = ""  # a row with data but no name
    path = S.write_xlsx(tmp_path / "loi.xlsx", rows)
    plan = importer.plan_file(book, path, ceremony)

    lines = plan.problem_lines()
    assert any("loi.xlsx" in x and "dòng 6" in x and "cột H (Hình thức khen thưởng)" in x for x in lines), lines
    assert any("dòng 7" in x and "cột B" in x and "thiếu họ tên" in x for x in lines), lines
    with pytest.raises(ValidationError):
        importer.apply(book, plan)
    assert book.awardees(ceremony) == []
    assert len(book.decisions(ceremony)) == 1


def test_duplicates_in_the_file_and_in_the_book_wait_for_a_decision(book, ceremony, tmp_path):
    book.add_awardee(
        Awardee(ceremony, AwardeeKind.INDIVIDUAL, "Nguyễn Thị Thuỳ Dung", unit="Tổ dân phố số 5")  # other tone place
    )
    rows = S.table_rows(total=False)
    rows.append([6, "Lê Qúy Hòa", "Trưởng ban", "Khu dân cư số 3", "Phúc Đồng"])  # the "Qúy" slip
    path = S.write_xlsx(tmp_path / "trung.xlsx", rows)
    plan = importer.plan_file(book, path, ceremony)

    dupes = {r.name: r.duplicate for r in plan.duplicates}
    assert dupes == {
        "Nguyễn Thị Thùy Dung": "đã có trong danh sách: Nguyễn Thị Thuỳ Dung, Tổ dân phố số 5",
        "Lê Qúy Hòa": "trùng với dòng 9 của tệp",
    }
    importer.apply(book, plan)  # duplicates are left out unless the clerk keeps them
    names = [a.name for a in book.awardees(ceremony)]
    assert len(names) == 5 and names.count("Nguyễn Thị Thuỳ Dung") == 1 and "Lê Qúy Hòa" not in names


def test_a_prize_list_goes_to_the_contest(book, ceremony, tmp_path):
    contest = book.save_contest(Contest(ceremony, "Cuộc thi viết về gương điển hình “Dân vận khéo”"))
    rows = [
        ["DANH SÁCH TÁC GIẢ ĐẠT GIẢI"],
        ["STT", "Họ tên tác giả", "Tên tác phẩm", "Đơn vị", "Giải thưởng"],
        [1, "Phạm Thu Hà", "Người giữ lửa ở tổ dân phố", "Phường Bồ Đề", "Giải A"],
        [2, "Vũ Minh Tâm", "Ngõ nhỏ nghĩa tình", "Phường Việt Hưng", "Nhì"],
        [3, "Bùi Lan", "Chuyện ở khu tái định cư", "Phường Thạch Bàn", "KK"],
    ]
    plan = importer.plan_file(book, S.write_xlsx(tmp_path / "giai.xlsx", rows, merges=()), ceremony)
    result = importer.apply(book, plan)
    prizes = book.prizes(contest.id)
    assert [(p.authors, p.level) for p in prizes] == [
        ("Phạm Thu Hà", PrizeLevel.A),
        ("Vũ Minh Tâm", PrizeLevel.B),
        ("Bùi Lan", PrizeLevel.CONSOLATION),
    ]
    assert prizes[1].work_title == "Ngõ nhỏ nghĩa tình" and prizes[2].unit == "Phường Thạch Bàn"
    assert book.awardees(ceremony) == []

    removed = book.remove_imported(result.records)  # undo takes the whole list back out
    assert book.prizes(contest.id) == [] and removed.prizes == prizes
    book.restore_imported(removed)  # and redo puts it back as it was
    assert book.prizes(contest.id) == prizes

    rows[3][4] = "Giải D"
    plan = importer.plan_file(book, S.write_xlsx(tmp_path / "giai2.xlsx", rows, merges=()), ceremony)
    assert any("dòng 4" in x and "Giải D" in x for x in plan.problem_lines())


def test_a_mapping_made_by_hand_is_remembered_for_the_same_headers(book, ceremony, tmp_path):
    from models.storage.settings import Settings

    rows = [
        ["Mã", "Người được khen", "Nơi ở"],
        ["01", "Nguyễn Văn An", "Phường Bồ Đề"],
        ["02", "Trần Bình", "Phường Cự Khối"],
    ]
    path = S.write_xlsx(tmp_path / "la.xlsx", rows, merges=())
    memory = importer.MappingMemory(Settings(tmp_path / "settings.json"))
    first = importer.plan_file(book, path, ceremony, memory=memory)
    assert first.problems  # nothing recognisable in these headers

    workbook = read_workbook(path)
    mapping = {1: Column.NAME, 2: Column.WARD}
    manual = plan_import(book, workbook, ceremony, header_row=0, mapping=mapping)
    assert not manual.problems
    memory.remember(manual.headers, mapping)

    fresh_memory = importer.MappingMemory(Settings(tmp_path / "settings.json"))
    again = importer.plan_file(book, path, ceremony, memory=fresh_memory)
    assert not again.problems
    found = [(r.awardee.name, r.awardee.ward) for r in again.rows]
    assert found == [("Nguyễn Văn An", "Bồ Đề"), ("Trần Bình", "Cự Khối")]


def test_a_failure_while_writing_leaves_no_half_import(book, ceremony, tmp_path, monkeypatch):
    rows = S.table_rows(total=False)
    rows[3].append("Hình thức khen thưởng")
    rows[4].append("Bằng khen")  # needs a new decision, created in the same transaction
    plan = importer.plan_file(book, S.write_xlsx(tmp_path / "ds.xlsx", rows), ceremony)

    from models.repos.rows import RecordTable

    awardees_then = RecordTable.insert

    def broken(table, db, records):  # the awardees are written, then the disk goes
        if table.table == "prize":
            raise OSError("disk unplugged")
        return awardees_then(table, db, records)

    monkeypatch.setattr(RecordTable, "insert", broken)
    with pytest.raises(OSError):
        importer.apply(book, plan)
    assert book.awardees(ceremony) == []
    assert [d.award_form for d in book.decisions(ceremony)] == [AwardForm.GIAY_KHEN]


# --- files that are not lists ---------------------------------------------------------


def _encrypted_xlsx(tmp_path):
    import msoffcrypto.format.ooxml

    plain = S.write_xlsx(tmp_path / "plain.xlsx", S.table_rows())
    locked = tmp_path / "matkhau.xlsx"
    with plain.open("rb") as src, locked.open("wb") as out:
        msoffcrypto.format.ooxml.OOXMLFile(src).encrypt("123456", out)
    return locked


def _truncated_xlsx(tmp_path):
    data = S.write_xlsx(tmp_path / "full.xlsx", S.table_rows()).read_bytes()
    path = tmp_path / "dut.xlsx"
    path.write_bytes(data[: len(data) // 2])
    return path


def _huge_csv(tmp_path):
    path = tmp_path / "khong_lo.csv"
    with path.open("w", encoding="utf-8") as f:
        f.write("STT,Họ và tên\n")
        for i in range(100_001):
            f.write(f"{i},Nguyễn Văn {i}\n")
    return path


def _word_document(tmp_path):
    import zipfile

    path = tmp_path / "to_trinh.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    return path


def _macro_workbook(tmp_path):
    import zipfile

    source = S.write_xlsx(tmp_path / "m.xlsx", S.table_rows())
    path = tmp_path / "macro.xlsx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w") as out:
        for item in src.infolist():
            out.writestr(item, src.read(item))
        out.writestr("xl/vbaProject.bin", b"\x00" * 64)
    return path


def _file(name: str, data: bytes):
    def make(folder):
        (folder / name).write_bytes(data)
        return folder / name

    return make


BROKEN = {
    "empty": (_file("rong.xlsx", b""), "rỗng"),
    "image named xlsx": (_file("anh.xlsx", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8), "không phải bảng tính"),
    "binary named csv": (_file("rac.csv", bytes(range(256)) * 16), "không phải bảng tính"),
    "pdf": (_file("qd.xls", b"%PDF-1.7\n..."), "PDF"),
    "password": (_encrypted_xlsx, "mật khẩu"),
    "truncated": (_truncated_xlsx, "hỏng"),
    "huge": (_huge_csv, "100.000 dòng"),
    "word": (_word_document, "Word"),
    "macros": (_macro_workbook, "macro"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_files_are_refused_with_a_clear_message(tmp_path, case):
    make, phrase = BROKEN[case]
    path = make(tmp_path)
    with pytest.raises(SpreadsheetError) as caught:
        read_workbook(path)
    assert path.name in caught.value.message and phrase in caught.value.message


def test_a_list_without_a_header_is_refused_without_writing(book, ceremony, tmp_path):
    path = S.write_xlsx(tmp_path / "x.xlsx", [["a", "b"], [1, 2]], merges=())
    plan = importer.plan_file(book, path, ceremony)
    assert "không tìm thấy dòng tiêu đề" in plan.problem_lines()[0]


@pytest.mark.parametrize("charset", ["utf-8", "windows-1258"])
def test_an_xls_that_is_a_web_page_imports(book, ceremony, tmp_path, charset):
    people = [list(p) for p in S.PEOPLE]
    people[1][3] = people[0][3]  # the second person shares the first one's ward cell (rowspan)
    page = S.html_page(people, charset)
    path = tmp_path / "bao_cao.xls"
    path.write_bytes(S.windows_1258(page) if charset == "windows-1258" else page.encode("utf-8"))
    plan = imported(book, path, ceremony)
    assert any("trang web" in n for n in plan.notes)
    stored = book.awardees(ceremony)
    assert [a.name for a in stored] == NAMES
    assert all(unicodedata.is_normalized("NFC", a.name) for a in stored)
    assert [a.ward for a in stored[:2]] == ["Bồ Đề", "Bồ Đề"]  # the rowspan reaches both rows
    assert (stored[1].field, stored[1].model_name) == (
        "Văn hóa – xã hội",
        "Ngõ xanh",
    )  # cells after it keep their columns
    assert stored[3].unit == "Phường Gia Thụy" and stored[2].model_name == "Đối thoại tại nhà dân"


def test_a_web_page_without_a_table_is_explained(tmp_path):
    path = tmp_path / "loi.xls"
    path.write_text("<!DOCTYPE html><html><body><h1>Phiên đăng nhập đã hết hạn</h1></body></html>", "utf-8")
    with pytest.raises(SpreadsheetError, match="trang web, không có bảng"):
        read_workbook(path)
