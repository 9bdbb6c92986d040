"""Fonts, fitting, blank forms, calibration and per-person files."""

from pathlib import Path

import pytest
import reportlab

from certificates import batch
from certificates.calibration import crosshairs, write_calibration_pdf
from certificates.fit import fit
from certificates.fonts import FontError, FontFamily, bundled, installed_families, register
from certificates.layout import default_placements, slots_for
from certificates.render import Cancelled, RenderJob, render_pdf, render_split
from models.domain.printing import PaperMode
from models.domain.records import Awardee, AwardeeKind, AwardForm
from models.domain.templates import Paper, Placement
from models.repos.print_book import PrintBook
from models.storage.settings import Calibration
from tests.pdf_tools import MM, ceremony_by_place, decode_qr, page_chars, page_texts
from tests.sample_counts import LONG_BIEN_2022

VERA = Path(reportlab.__file__).parent / "fonts"


def test_bundled_font_covers_vietnamese_in_three_styles():
    fonts = register(bundled())
    assert fonts.family == "Spectral"
    assert len({fonts.regular, fonts.bold, fonts.italic}) == 3


def test_font_without_vietnamese_is_refused_naming_the_letters():
    family = FontFamily("Vera", tuple(str(VERA / n) for n in ("Vera.ttf", "VeraBd.ttf", "VeraIt.ttf")))
    with pytest.raises(FontError) as err:
        register(family)
    assert "Vera.ttf" in err.value.message and "thiếu" in err.value.message
    assert "ơ" in err.value.message and "ư" in err.value.message


def test_cff_opentype_and_non_fonts_are_refused(tmp_path):
    otf = tmp_path / "Times.otf"
    otf.write_bytes(b"OTTO" + b"\0" * 100)
    with pytest.raises(FontError, match="TrueType"):
        register(FontFamily("T", (str(otf),) * 3))
    junk = tmp_path / "thu.ttf"
    junk.write_text("không phải phông", encoding="utf-8")
    with pytest.raises(FontError, match="không phải phông chữ TrueType"):
        register(FontFamily("J", (str(junk),) * 3))


def test_installed_families_are_found_with_their_three_styles():
    spectral = bundled()
    found = {f.name: f for f in installed_families([Path(spectral.files[0]).parent])}
    assert found["Spectral"].files == spectral.files


def test_fit_shrinks_then_wraps_then_reports():
    font = register(bundled()).bold
    one = fit("Hội LHPN phường Bồ Đề", font, 600, 40, 26, 15)
    assert one.lines == ("Hội LHPN phường Bồ Đề",) and one.size == 26 and not one.overflow
    shrunk = fit("Hội Liên hiệp Phụ nữ phường Bồ Đề quận Long Biên", font, 400, 40, 26, 15)
    assert len(shrunk.lines) == 1 and 15 <= shrunk.size < 26
    wrapped = fit("Hội Liên hiệp Phụ nữ phường Bồ Đề quận Long Biên thành phố Hà Nội " * 2, font, 400, 60, 26, 15)
    assert len(wrapped.lines) > 1 and not wrapped.overflow
    assert " ".join(wrapped.lines) == ("Hội Liên hiệp Phụ nữ phường Bồ Đề quận Long Biên thành phố Hà Nội " * 2).strip()
    over = fit("Đoàn " * 300, font, 400, 40, 26, 15)
    assert over.overflow and over.size == 15
    unbroken = fit("x" * 500, font, 100, 400, 12, 10)
    assert all(len(line) < 500 for line in unbroken.lines) and "".join(unbroken.lines) == "x" * 500
    role = fit("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", font, 300, 60, 13.5, 9.5)
    assert role.lines == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")


@pytest.fixture
def lb_plan(sample_book):
    ceremony = ceremony_by_place(sample_book, "Long Biên", 2022)
    return sample_book, batch.prepare(sample_book, PrintBook(sample_book.store), ceremony.id, assign=True)


def _name_box(path, index=0):
    chars, _, height = page_chars(path, index)
    name = [c for c in chars if c["size"] >= 14 and c["fontname"].endswith("Bold")]
    return min(c["x0"] for c in name), min(c["top"] for c in name)


def test_blank_form_prints_only_the_variable_fields(lb_plan, tmp_path):
    book, plan = lb_plan
    out = tmp_path / "phoi.pdf"
    render_pdf(RenderJob(plan.certificates[:3], plan.templates, PaperMode.BLANK, invariant=True), out)
    text = page_texts(out)[0]
    assert plan.certificates[0].name in text
    assert "Long Biên, ngày 28 tháng 7 năm 2022" in text and "Số vào sổ: 001/GK-2022" in text
    for printed_on_the_form in ("CỘNG HÒA", "Độc lập", "GIẤY KHEN", "QUẬN ỦY LONG BIÊN"):
        assert printed_on_the_form not in text
    assert [c.text for c in decode_qr(out, 0)] == [plan.certificates[0].qr_url]


def test_blank_form_follows_template_positions_and_printer_calibration(lb_plan, tmp_path):
    book, plan = lb_plan
    certs = plan.certificates[:1]
    plain = tmp_path / "plain.pdf"
    render_pdf(RenderJob(certs, plan.templates, PaperMode.BLANK), plain)
    x0, top0 = _name_box(plain)
    slot = slots_for(Paper.A4)["name"]
    assert slot.x * MM <= x0 and slot.y * MM <= top0 <= (slot.y + slot.height) * MM

    moved = tmp_path / "moved.pdf"
    t = plan.templates[AwardForm.GIAY_KHEN]
    t.placements["name"] = Placement(x=slot.x, y=slot.y + 20, width=slot.width, height=slot.height, size=slot.size)
    render_pdf(RenderJob(certs, plan.templates, PaperMode.BLANK), moved)
    x1, top1 = _name_box(moved)
    assert top1 - top0 == pytest.approx(20 * MM, abs=0.2) and x1 == pytest.approx(x0, abs=0.2)

    shifted = tmp_path / "shifted.pdf"
    render_pdf(RenderJob(certs, plan.templates, PaperMode.BLANK, Calibration(offset_x=3, offset_y=-2)), shifted)
    x2, top2 = _name_box(shifted)
    assert x2 - x1 == pytest.approx(3 * MM, abs=0.2) and top2 - top1 == pytest.approx(-2 * MM, abs=0.2)


def test_disabled_blank_field_is_not_printed(lb_plan, tmp_path):
    book, plan = lb_plan
    t = plan.templates[AwardForm.GIAY_KHEN]
    t.placements["register_no"] = Placement(
        **{**vars_of(default_placements(Paper.A4)["register_no"]), "enabled": False}
    )
    out = tmp_path / "no-number.pdf"
    render_pdf(RenderJob(plan.certificates[:1], plan.templates, PaperMode.BLANK), out)
    assert "Số vào sổ" not in page_texts(out)[0]


def vars_of(p: Placement) -> dict:
    return {k: getattr(p, k) for k in ("x", "y", "width", "height", "size", "enabled")}


def test_calibration_page_has_grid_crosshairs_and_instructions(tmp_path):
    out = tmp_path / "can-chinh.pdf"
    write_calibration_pdf(out, Paper.A4, register(bundled()), Calibration(), "HP LaserJet 1020")
    text = page_texts(out)[0]
    assert "TRANG CĂN CHỈNH MÁY IN" in text and "HP LaserJet 1020" in text
    assert "A (20; 20 mm)" in text and "B (277; 190 mm)" in text and "C (148,5; 105 mm)" in text
    assert crosshairs(Paper.A3) == ((20, 20), (400, 277))
    chars, width, height = page_chars(out, 0)
    a_label = next(c for c in chars if c["text"] == "A" and c["size"] == 9)
    assert a_label["x0"] == pytest.approx(24 * MM, abs=1)


def test_one_file_per_awardee_with_readable_safe_names(sample_book, tmp_path):
    ceremony = ceremony_by_place(sample_book, "Long Biên", 2021)
    decision = sample_book.decisions(ceremony.id)[0]
    for name in ("../../Đoàn Thanh niên", "CON", "Tổ/dân\\phố:số*9?", "\u202eĐội xung kích"):
        sample_book.add_awardee(
            Awardee(ceremony_id=ceremony.id, kind=AwardeeKind.COLLECTIVE, name=name, decision_id=decision.id)
        )
    sample_book.add_awardee(
        Awardee(
            ceremony_id=ceremony.id,
            kind=AwardeeKind.INDIVIDUAL,
            name="Nguyễn Thị Thùy Dung",
            position="Tổ trưởng tổ dân phố số 18",
            unit="Phường Bồ Đề",
            decision_id=decision.id,
        )
    )
    plan = batch.prepare(sample_book, PrintBook(sample_book.store), ceremony.id, assign=True)
    folder = tmp_path / "tung-nguoi"
    result = render_split(RenderJob(plan.certificates, plan.templates), folder)
    files = sorted(p.name for p in folder.iterdir())
    assert len(files) == len(plan.certificates) == 51
    assert all(p.parent == folder for p in result.files)
    assert files[0].startswith("001 - ") and files[0].endswith(".pdf")
    assert any(f.endswith(" - Đoàn Thanh niên.pdf") for f in files)
    assert any(" - Tổ dân phố số 9.pdf" in f for f in files)
    assert not any("\u202e" in f for f in files)
    index = next(i for i, c in enumerate(plan.certificates) if c.detail) + 1
    name = f"{index:03d} - Nguyễn Thị Thùy Dung - Tổ trưởng tổ dân phố số 18, Phường Bồ Đề.pdf"
    assert name in files
    assert page_texts(folder / name)[0].count("Nguyễn Thị Thùy Dung") == 1


def test_cancel_leaves_no_files_behind(lb_plan, tmp_path):
    book, plan = lb_plan
    calls = []

    def cancelled():
        calls.append(1)
        return len(calls) > 5

    with pytest.raises(Cancelled):
        render_split(RenderJob(plan.certificates, plan.templates), tmp_path / "x", cancelled=cancelled)
    assert list((tmp_path / "x").iterdir()) == []
    with pytest.raises(Cancelled):
        render_pdf(RenderJob(plan.certificates, plan.templates), tmp_path / "all.pdf", cancelled=lambda: True)
    assert list(tmp_path.glob("*.pdf")) == [] and list(tmp_path.glob(".vinhdanh-*")) == []


def test_progress_is_reported_for_every_page(lb_plan, tmp_path):
    book, plan = lb_plan
    seen = []
    render_pdf(
        RenderJob(plan.certificates, plan.templates), tmp_path / "a.pdf", progress=lambda d, t: seen.append((d, t))
    )
    assert (
        seen[0] == (1, LONG_BIEN_2022) and seen[-1] == (LONG_BIEN_2022, LONG_BIEN_2022) and len(seen) == LONG_BIEN_2022
    )
