import pytest

from models.domain.places import ward_in_unit
from models.domain.records import Ceremony
from models.importing import importer
from models.reports.stats import ceremony_stats
from tests import sheet_files as S


@pytest.mark.parametrize(
    ("unit", "ward"),
    [
        ("Phường Thạch Bàn", "Thạch Bàn"),
        ("Tổ dân phố số 9, phường Thạch Bàn", "Thạch Bàn"),
        ("UBND phường Bồ Đề, quận Long Biên", "Bồ Đề"),
        ("Tổ dân phố số 9 phường Thạch Bàn quận Long Biên", "Thạch Bàn"),
        ("PHƯỜNG NGỌC THỤY", "Ngọc Thụy"),
        ("P. Cự Khối", "Cự Khối"),
        ("Chi bộ phường Gia Thụy - Long Biên", "Gia Thụy"),
        ("Công an phường Phúc Đồng (Long Biên)", "Phúc Đồng"),
        ("Phường 5, Quận 3", "Phường 5"),
        ("Xã Bát Tràng, huyện Gia Lâm", "Xã Bát Tràng"),
        ("Trường THCS Ngọc Lâm", ""),
        ("Hội Cựu chiến binh quận", ""),
        ("", ""),
    ],
)
def test_the_ward_a_unit_names(unit, ward):
    assert ward_in_unit(unit) == ward


def _imported(book, tmp_path, rows):
    """A list written by openpyxl, planned and imported into a new ceremony."""
    source = S.write_xlsx(tmp_path / "ds.xlsx", rows, merges=())
    ceremony = book.save_ceremony(Ceremony("Hội nghị"))
    plan = importer.plan_file(book, source, ceremony.id)
    importer.apply(book, plan)
    return plan, ceremony.id


def test_an_imported_list_without_a_ward_column_takes_the_ward_from_the_unit(book, tmp_path):
    rows = [
        ["STT", "Họ và tên", "Chức vụ", "Đơn vị"],
        [1, "Tổ dân phố số 9", "", "Phường Thạch Bàn"],
        [2, "Nguyễn Thị Thùy Dung", "Tổ trưởng", "Tổ dân phố số 18, phường Ngọc Thụy"],
        [3, "Trường THCS Ngọc Lâm", "", "Trường THCS Ngọc Lâm"],
    ]
    plan, ceremony_id = _imported(book, tmp_path, rows)
    assert any("lấy phường từ cột đơn vị" in n and "“Phường Thạch Bàn” → “Thạch Bàn”" in n for n in plan.notes)
    wards = {a.name: a.ward for a in book.awardees(ceremony_id)}
    assert wards == {"Tổ dân phố số 9": "Thạch Bàn", "Nguyễn Thị Thùy Dung": "Ngọc Thụy", "Trường THCS Ngọc Lâm": ""}
    assert "Thạch Bàn" in str(ceremony_stats(book, ceremony_id))


def test_an_imported_short_field_is_stored_in_full_and_the_plan_says_so(book, tmp_path):
    rows = [
        ["STT", "Họ và tên", "Đơn vị", "Lĩnh vực"],
        [1, "Tổ dân phố số 9", "Phường Thạch Bàn", "GPMB"],
        [2, "Chi hội phụ nữ số 3", "Phường Bồ Đề", "VH - XH"],
        [3, "Tổ dân phố số 5", "Phường Bồ Đề", "Phòng, chống dịch"],
    ]
    plan, ceremony_id = _imported(book, tmp_path, rows)
    assert "Lĩnh vực viết tắt được ghi đầy đủ: GPMB → Giải phóng mặt bằng, VH - XH → Văn hóa – xã hội." in plan.notes
    fields = [a.field for a in book.awardees(ceremony_id)]
    assert fields == ["Giải phóng mặt bằng", "Văn hóa – xã hội", "Phòng, chống dịch"]
