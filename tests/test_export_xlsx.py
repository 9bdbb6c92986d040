"""The decision annex, the blank template and the statistics: what offices print and send."""

from __future__ import annotations

import openpyxl
import pytest

import main
from models.domain.records import Awardee, AwardeeKind, AwardForm, Ceremony, Decision
from models.exports.xlsx_annex import write_annex
from models.exports.xlsx_template import write_template
from models.importing import importer
from models.importing.plan import plan_import
from models.reports.stats import ceremony_stats
from models.sheets.read import read_workbook
from tests.pdf_tools import ceremony_by_place
from tests.sample_counts import LONG_BIEN_2022, LONG_BIEN_2022_COLLECTIVES, LONG_BIEN_2022_INDIVIDUALS


def _record(a: Awardee, forms) -> tuple:
    return (a.kind, a.name, a.position, a.unit, a.ward, a.model_name, forms.get(a.decision_id))


def test_the_annex_reads_back_as_the_same_lists(sample_book, tmp_path):
    source = ceremony_by_place(sample_book, "Long Biên", 2022)
    out = tmp_path / "kem_theo.xlsx"
    result = write_annex(sample_book, source.id, out)
    assert (result.sheets, result.rows) == (2, LONG_BIEN_2022)  # one list per decision
    assert openpyxl.load_workbook(out, read_only=True).sheetnames[-1] == "Thống kê"

    target = sample_book.save_ceremony(Ceremony("Bản đọc lại"))
    workbook = read_workbook(out)
    for index, sheet in enumerate(workbook.sheets[:2]):
        plan = plan_import(sample_book, workbook, target.id, sheet_index=index)
        assert not plan.problems and not plan.guessed and not plan.duplicates, sheet.name
        importer.apply(sample_book, plan)

    forms_before = {d.id: d.award_form for d in sample_book.decisions(source.id)}
    forms_after = {d.id: d.award_form for d in sample_book.decisions(target.id)}
    before = sorted(_record(a, forms_before) for a in sample_book.awardees(source.id))
    after = sorted(_record(a, forms_after) for a in sample_book.awardees(target.id))
    assert after == before


def test_a_state_decision_heads_its_annex_with_the_national_title_and_motto(sample_book, tmp_path):
    source = ceremony_by_place(sample_book, "Long Biên", 2021)  # UBND quận Long Biên
    out = tmp_path / "kem_theo.xlsx"
    write_annex(sample_book, source.id, out)
    ws = openpyxl.load_workbook(out).worksheets[0]
    assert ws["A1"].value == "UBND QUẬN LONG BIÊN" and ws["A2"].value is None
    right = [c.value for row in ws.iter_rows(max_row=2) for c in row[1:] if c.value]
    assert right == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]


def test_the_annex_is_laid_out_for_printing_on_a4(sample_book, tmp_path):
    source = ceremony_by_place(sample_book, "Long Biên", 2022)
    out = tmp_path / "kem_theo.xlsx"
    write_annex(sample_book, source.id, out)
    wb = openpyxl.load_workbook(out)
    ws = wb.worksheets[0]
    # A Quận ủy decision: the Party heading, superior body over the issuer, asterisk under it.
    assert [ws["A1"].value, ws["A2"].value, ws["A3"].value] == ["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "QUẬN ỦY LONG BIÊN", "*"]
    party = next(c for c in ws[1][1:] if c.value)
    assert party.value == "ĐẢNG CỘNG SẢN VIỆT NAM" and party.font.underline == "single"
    assert not any("CỘNG HÒA" in str(c.value) or "Độc lập" in str(c.value) for row in ws.iter_rows() for c in row)
    assert ws["A6"].value.startswith("(Kèm theo Quyết định số 215-QĐ/QU")
    header = [c.value for c in ws[8]]
    assert header[:2] == ["STT", "Họ và tên / Tên tập thể"]
    assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == "$8:$8"
    first = ws.cell(10, 2)
    assert first.font.name == "Times New Roman" and first.border.left.style == "thin"
    assert ws.column_dimensions["B"].width >= 25
    assert ws.cell(9, 2).value == "TẬP THỂ (42)"
    assert any(str(c.value).startswith("Tổng cộng: 42 tập thể, 21 cá nhân") for c in ws["B"] if c.value)


def test_text_that_looks_like_a_formula_stays_text(book, tmp_path):
    c = book.save_ceremony(Ceremony("Hội nghị"))
    d = book.save_decision(Decision(c.id, AwardForm.GIAY_KHEN))
    book.add_awardee(Awardee(c.id, AwardeeKind.COLLECTIVE, '=HYPERLINK("http://x","bấm")', decision_id=d.id))
    out = tmp_path / "a.xlsx"
    write_annex(book, c.id, out)
    cell = openpyxl.load_workbook(out).worksheets[0].cell(10, 2)
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x","bấm")'


def test_a_filled_template_imports_with_its_drop_down_values(book, tmp_path):
    c = book.save_ceremony(Ceremony("Hội nghị"))
    path = tmp_path / "mau.xlsx"
    write_template(path, ["GPMB", "VH-XH"])
    wb = openpyxl.load_workbook(path)
    ws = wb["Danh sách"]
    validations = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    assert set(validations) == {"C5", "G5", "I5"}
    lists = wb["Danh mục"]
    assert lists.sheet_state == "hidden"
    assert [lists.cell(r, 3).value for r in range(2, 5)] == ["Bằng khen", "Giấy khen", "Giấy chứng nhận"]
    ws.append([])  # nothing: rows 5.. already exist with borders
    ws.cell(5, 1, 1), ws.cell(5, 2, "Nhóm Zalo tổ dân phố số 9"), ws.cell(5, 3, "Tập thể")
    ws.cell(5, 6, "Bồ Đề"), ws.cell(5, 7, "VH-XH"), ws.cell(5, 9, "Bằng khen")
    ws.cell(6, 1, 2), ws.cell(6, 2, "Hội Thị Lan"), ws.cell(6, 3, "Cá nhân"), ws.cell(6, 4, "Tổ trưởng")
    ws.cell(6, 9, "Giấy khen")
    wb.save(path)

    plan = importer.plan_file(book, path, c.id)
    assert not plan.problems and not plan.guessed
    importer.apply(book, plan)
    forms = {d.id: d.award_form for d in book.decisions(c.id)}
    got = [(a.name, a.kind, a.field, forms[a.decision_id]) for a in book.awardees(c.id)]
    assert got == [
        ("Nhóm Zalo tổ dân phố số 9", AwardeeKind.COLLECTIVE, "Văn hóa – xã hội", AwardForm.BANG_KHEN),
        ("Hội Thị Lan", AwardeeKind.INDIVIDUAL, "", AwardForm.GIAY_KHEN),
    ]


def test_the_news_sentence_reads_like_the_report(sample_book):
    stats = ceremony_stats(sample_book, ceremony_by_place(sample_book, "Long Biên", 2022).id)
    assert (
        "trao Giấy khen cho 63 tập thể, cá nhân có mô hình “Dân vận khéo” tiêu biểu và 15 tác giả có bài viết "
        "tiêu biểu vòng sơ khảo Cuộc thi viết về tấm gương điển hình Dân vận khéo trên địa bàn quận Long Biên"
    ) in stats.sentence
    assert (stats.collectives, stats.individuals, stats.authors) == (
        LONG_BIEN_2022_COLLECTIVES,
        LONG_BIEN_2022_INDIVIDUALS,
        0,
    )
    assert dict(stats.by_field)["Giải phóng mặt bằng"] == 26 and len(stats.by_ward) == 14

    hai_phong = ceremony_stats(sample_book, ceremony_by_place(sample_book, "Hải Phòng", 2022).id)
    # 16 works, four of them by two people: authors are counted as people.
    assert "20 tác giả có tác phẩm đạt giải" in hai_phong.sentence
    assert "(16 tác phẩm, gồm 2 giải A, 4 giải B, 10 giải C)" in hai_phong.sentence
    assert hai_phong.authors == 20


@pytest.mark.parametrize("args", [["--template"], ["--ceremony", "1"]])
def test_export_command_writes_xlsx(tmp_path, capsys, args):
    db, out = tmp_path / "mau.sqlite", tmp_path / "ra.xlsx"
    assert main.main(["demo", "--db", str(db)]) == 0
    assert main.main(["export", "--db", str(db), "--out", str(out), *args]) == 0
    assert openpyxl.load_workbook(out).sheetnames
    printed = capsys.readouterr().out
    assert ("bảng tính mẫu" in printed) if args == ["--template"] else ("Câu cho bài viết:" in printed)


def _wrapped_lines(value: str, face, column_px: float) -> int:
    """Lines a cell's text takes when wrapped word by word, measured with a real font."""
    lines = 0
    for paragraph in str(value).split("\n"):
        line, count = "", 1
        for word in paragraph.split():
            candidate = f"{line} {word}".strip()
            if line and face.getlength(candidate) > column_px:
                line, count = word, count + 1
            else:
                line = candidate
        lines += count
    return lines


def test_every_annex_row_is_as_high_as_its_wrapped_text(sample_book, tmp_path):
    """LibreOffice and print viewers do not grow rows by themselves: the file must say it.
    Checked with Liberation Serif, whose letters are as wide as Times New Roman's."""
    from PIL import ImageFont

    from models.exports.xlsx_style import LINE_PT

    face = ImageFont.truetype("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf", 16)  # 12 pt
    source = ceremony_by_place(sample_book, "Long Biên", 2022)
    out = tmp_path / "kem_theo.xlsx"
    write_annex(sample_book, source.id, out)
    ws = openpyxl.load_workbook(out).worksheets[0]
    # A column of width w is about 7 w + 5 pixels wide; less 4 for the cell's own margins.
    columns_px = [ws.column_dimensions[c].width * 7 + 1 for c in "ABCDEFG"]
    checked, tallest = 0, 0
    for row in range(8, ws.max_row + 1):
        cells = [ws.cell(row, c + 1).value for c in range(7)]
        if not isinstance(cells[0], int):
            continue
        need = max(_wrapped_lines(v, face, px) for v, px in zip(cells, columns_px, strict=True) if v)
        height = ws.row_dimensions[row].height
        assert height is not None and height >= need * LINE_PT, (row, cells, height, need)
        checked, tallest = checked + 1, max(tallest, need)
    assert checked == 63 and tallest >= 2, "long names and models take two lines or more"


FORMULAS = ['=HYPERLINK("http://x.vn","bấm")', "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)"]


def _formula_cells(path) -> list[str]:
    """Every cell written as a formula, read from the file's own XML (not through openpyxl)."""
    import re
    import zipfile

    found = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                found += re.findall(r"<(?:\w+:)?f[ >][^<]*", z.read(name).decode("utf-8"))
    return found


def test_no_workbook_the_app_writes_carries_a_live_formula(sample_book, tmp_path):
    from models.domain.records import Awardee, AwardeeKind
    from models.exports.xlsx_template import write_template

    template = tmp_path / "mau.xlsx"
    write_template(template, FORMULAS)
    assert _formula_cells(template) == []
    lists = openpyxl.load_workbook(template)["Danh mục"]
    assert [lists.cell(r, 2).value for r in range(2, 2 + len(FORMULAS))] == FORMULAS, "kept as text"

    ceremony = ceremony_by_place(sample_book, "Long Biên", 2022)
    decision = sample_book.decisions(ceremony.id)[0]
    for n, hostile in enumerate(FORMULAS):
        sample_book.add_field(hostile)
        sample_book.add_awardee(
            Awardee(
                ceremony.id,
                AwardeeKind.INDIVIDUAL,
                f"Nguyễn Văn {n} {hostile}",
                position=hostile,
                unit=hostile,
                ward=hostile,
                field=hostile,
                model_name=hostile,
                decision_id=decision.id,
            )
        )
    annex = tmp_path / "kem-theo.xlsx"
    write_annex(sample_book, ceremony.id, annex)
    assert _formula_cells(annex) == []
    template_from_book = tmp_path / "mau-2.xlsx"
    write_template(template_from_book, sample_book.fields())
    assert _formula_cells(template_from_book) == []


def test_a_disk_filling_up_while_a_workbook_is_saved_fails_plainly(sample_book, tmp_path, monkeypatch):
    """openpyxl's zip left open on a full disk printed "Exception ignored in ZipFile.__del__"."""
    import errno
    import gc
    import sys

    import models.storage.atomic as atomic

    unraisable = []
    monkeypatch.setattr(sys, "unraisablehook", lambda u: unraisable.append(u))
    real_fdopen = atomic.os.fdopen

    class Full:
        def __init__(self, f):
            self.f = f

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

        def __getattr__(self, name):
            return getattr(self.f, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.f.close()

    monkeypatch.setattr(atomic.os, "fdopen", lambda fd, *a, **k: Full(real_fdopen(fd, *a, **k)))
    from models.exports.xlsx_template import write_template

    ceremony = ceremony_by_place(sample_book, "Long Biên", 2022)
    for write in (
        lambda: write_annex(sample_book, ceremony.id, tmp_path / "a.xlsx"),
        lambda: write_template(tmp_path / "m.xlsx", ["GPMB"]),
    ):
        with pytest.raises(OSError):
            write()
    gc.collect()
    assert unraisable == []
    assert not list(tmp_path.glob("*.xlsx")) and not list(tmp_path.glob(".vinhdanh-*")), "nothing half-written"
