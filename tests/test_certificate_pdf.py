"""Certificates read back from the PDF: text, order, fonts, date line, QR, boxes."""

import datetime as dt
import unicodedata
from urllib.parse import quote

import pytest

from certificates import batch
from certificates.content import date_line
from certificates.layout import FRAME_INNER_MM, NAVY, slots_for
from certificates.qr import QUIET_ZONE, runs
from certificates.render import RenderJob, render_pdf
from models.domain.heading import NATIONAL
from models.domain.printing import PaperMode
from models.domain.records import Awardee, AwardeeKind, AwardForm, Ref
from models.domain.templates import Paper
from models.domain.text import fold
from models.repos.book import CeremonyBook
from models.repos.print_book import PrintBook
from models.sample import build_sample
from models.storage.store import Store
from tests.pdf_tools import MM, ceremony_by_place, decode_qr, fonts_used, page_chars, page_texts, render_ceremony
from tests.sample_counts import LONG_BIEN_2022


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2023, 2, 5), "Long Biên, ngày 05 tháng 02 năm 2023"),
        (dt.date(2023, 3, 12), "Long Biên, ngày 12 tháng 3 năm 2023"),
        (dt.date(2022, 1, 1), "Long Biên, ngày 01 tháng 01 năm 2022"),
        (dt.date(2022, 7, 28), "Long Biên, ngày 28 tháng 7 năm 2022"),
        (dt.date(2022, 12, 9), "Long Biên, ngày 09 tháng 12 năm 2022"),
        (dt.date(2022, 10, 10), "Long Biên, ngày 10 tháng 10 năm 2022"),
    ],
)
def test_date_line_follows_decree_30(day, expected):
    assert date_line("Long Biên", day) == expected


def test_undated_decision_leaves_room_to_write_the_date():
    assert date_line("Long Biên", None) == "Long Biên, ngày …… tháng …… năm ……"


@pytest.fixture(scope="module")
def long_bien(tmp_path_factory):
    """The Long Biên 2022 ceremony printed once; its 78 pages read back once."""
    folder = tmp_path_factory.mktemp("long_bien")
    store = Store(folder / "book.sqlite", backups=False)
    book = CeremonyBook(store)
    build_sample(book)
    ceremony = ceremony_by_place(book, "Long Biên", 2022)
    out = folder / "lb.pdf"
    plan, result = render_ceremony(book, ceremony.id, out)
    yield book, ceremony, plan, result, out, page_texts(out)
    store.close()


def test_every_awardee_gets_one_page_with_their_name_in_award_order(long_bien):
    book, ceremony, plan, result, out, texts = long_bien
    assert len(texts) == result.pages == LONG_BIEN_2022 == len(book.awardees(ceremony.id))
    for text, cert in zip(texts, plan.certificates, strict=True):
        assert unicodedata.is_normalized("NFC", text)
        assert cert.name in text.replace("\n", " ")
    names = [c.name for c in plan.certificates]
    collectives = {a.name for a in book.awardees(ceremony.id) if a.kind is AwardeeKind.COLLECTIVE}
    first_person = next(i for i, n in enumerate(names) if n not in collectives)
    assert all(n not in collectives for n in names[first_person:]), "collectives come before individuals"


def _line_boxes(out, index: int) -> dict[str, tuple[float, float]]:
    """Each printed line of a page -> (x centre, top) in mm."""
    import pdfplumber

    with pdfplumber.open(out) as pdf:
        lines = pdf.pages[index].extract_text_lines()
    return {ln["text"]: ((ln["x0"] + ln["x1"]) / 2 / MM, ln["top"] / MM) for ln in lines}


def test_a_party_issuer_prints_the_party_heading_with_its_superior_body_and_star(long_bien):
    """Long Biên 2022 is a Quận ủy ceremony: Party heading, not the national title."""
    book, ceremony, plan, result, out, texts = long_bien
    first = texts[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in first and "Độc lập" not in first
    boxes = _line_boxes(out, 0)
    superior, issuer, star = boxes["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI"], boxes["QUẬN ỦY LONG BIÊN"], boxes["*"]
    party = boxes["ĐẢNG CỘNG SẢN VIỆT NAM"]
    assert superior[1] < issuer[1] < star[1], "superior body over the issuer, asterisk under it"
    assert abs(superior[0] - issuer[0]) < 1 and abs(star[0] - issuer[0]) < 1, "one centred block on the left"
    assert issuer[0] < 148 < party[0], "the Party's name on the right"


def test_a_state_issuer_prints_the_national_title_and_motto(tmp_path):
    store = Store(tmp_path / "book.sqlite", backups=False)
    book = CeremonyBook(store)
    build_sample(book)
    ceremony = ceremony_by_place(book, "Long Biên", 2021)  # UBND quận Long Biên
    out = tmp_path / "lb2021.pdf"
    render_ceremony(book, ceremony.id, out)
    boxes = _line_boxes(out, 0)
    store.close()
    issuer, national, motto = boxes["UBND QUẬN LONG BIÊN"], boxes[NATIONAL], boxes["Độc lập - Tự do - Hạnh phúc"]
    assert issuer[0] < 148 < national[0] and national[1] < motto[1]
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in boxes and "*" not in boxes


def test_page_carries_every_part_of_a_giay_khen(long_bien):
    book, ceremony, plan, result, out, texts = long_bien
    first = texts[0]
    for expected in (
        "QUẬN ỦY LONG BIÊN",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "GIẤY KHEN",
        "Tặng",
        "Long Biên, ngày 28 tháng 7 năm 2022",
        "T/M BAN THƯỜNG VỤ\nBÍ THƯ",
        "Đường Hoài Nam",
        "Quyết định số 215-QĐ/QU, ngày 28/7/2022",
        "Số vào sổ: 001/GK-2022",
        "Mô hình “",
        "Đã có mô hình “Dân vận khéo” tiêu biểu 6 tháng đầu năm 2022",
    ):
        assert expected in first, expected


def test_individual_shows_position_and_unit(long_bien):
    book, ceremony, plan, result, out, texts = long_bien
    i, person = next(
        (i, a)
        for i, c in enumerate(plan.certificates)
        for a in book.awardees(ceremony.id)
        if c.ref == Ref.awardee(a.id) and a.kind is AwardeeKind.INDIVIDUAL
    )
    text = texts[i].replace("\n", " ")
    assert f"{person.position}, {person.unit}" in text


def test_fonts_are_embedded_truetype_and_no_helvetica(long_bien):
    *_, out, texts = long_bien
    fonts = fonts_used(out)
    assert fonts and all(fonts.values()), fonts
    assert {name.split("+")[-1] for name in fonts} == {"Spectral-Regular", "Spectral-Bold", "Spectral-Italic"}
    assert b"Helvetica" not in out.read_bytes()


def test_qr_code_decodes_to_the_article_and_is_at_least_2_cm(long_bien):
    book, ceremony, plan, result, out, texts = long_bien
    codes = decode_qr(out, 0)
    assert [c.text for c in codes] == [ceremony.news_url]
    modules, _ = runs(ceremony.news_url)
    pos = codes[0].position
    symbol_px = pos.top_right.x - pos.top_left.x
    with_quiet_zone_mm = symbol_px / 150 * 25.4 * modules / (modules - 2 * QUIET_ZONE)
    assert with_quiet_zone_mm >= 20


def test_per_certificate_link_carries_the_register_number(sample_book, tmp_path):
    ceremony = ceremony_by_place(sample_book, "Long Biên", 2022)
    prints = PrintBook(sample_book.store)
    template = prints.template(ceremony.id, AwardForm.GIAY_KHEN)
    template.qr_url_template = "https://longbien.hanoi.gov.vn/tra-cuu?so={so}"
    prints.save_template(ceremony.id, AwardForm.GIAY_KHEN, template)
    out = tmp_path / "links.pdf"
    plan, _ = render_ceremony(sample_book, ceremony.id, out)
    # Codes of one page take a fixed mask (certificates/qr.py): a reader that is not the
    # encoder reads every one of them.
    checked = range(len(plan.certificates))
    for index in checked:
        number = plan.certificates[index].register_no
        assert [c.text for c in decode_qr(out, index)] == [
            f"https://longbien.hanoi.gov.vn/tra-cuu?so={quote(number, safe='')}"
        ]
    assert len(checked) >= 60


def _inside(chars, left, top, right, bottom, slack=0.5):
    return [
        c["text"]
        for c in chars
        if c["x0"] < left - slack or c["x1"] > right + slack or c["top"] < top - slack or c["bottom"] > bottom + slack
    ]


def test_longest_sample_texts_stay_inside_their_boxes(sample_book, tmp_path):
    """The longest name, position-and-unit and achievement of the sample, on A4 and A3."""
    for place, year in (("Long Biên", 2022), ("Long Biên", 2021), ("Hải Phòng", 2022)):
        ceremony = ceremony_by_place(sample_book, place, year)
        plan = batch.prepare(sample_book, PrintBook(sample_book.store), ceremony.id, assign=False)
        for paper in Paper:
            for t in plan.templates.values():
                t.paper = paper
            longest = {
                max(plan.certificates, key=lambda c: len(c.name)),
                max(plan.certificates, key=lambda c: len(c.detail)),
                max(plan.certificates, key=lambda c: len(c.achievement)),
            }
            out = tmp_path / f"{place}-{year}-{paper}.pdf"
            result = render_pdf(RenderJob(sorted(longest, key=lambda c: c.ref), plan.templates, invariant=True), out)
            assert result.overflows == []
            slot = slots_for(paper)["name"]
            w, h = paper.size_mm
            for i, cert in enumerate(sorted(longest, key=lambda c: c.ref)):
                chars, _, _ = page_chars(out, i)
                frame = FRAME_INNER_MM * (w / 297) * MM
                assert _inside(chars, frame, frame, w * MM - frame, h * MM - frame) == []
                name_chars = [c for c in chars if tuple(round(v, 2) for v in c["non_stroking_color"]) == NAVY]
                assert "".join(c["text"] for c in name_chars).replace(" ", "") == cert.name.replace(" ", "")
                assert _inside(name_chars, slot.x * MM, 0, (slot.x + slot.width) * MM, h * MM) == []


def test_overlong_name_is_wrapped_then_reported_by_name(sample_book, tmp_path):
    ceremony = ceremony_by_place(sample_book, "Long Biên", 2022)
    decision = sample_book.decisions(ceremony.id)[0]
    wrapped = "Hội Liên hiệp Phụ nữ " + "tổ dân phố số 12 phường Phúc Đồng quận Long Biên " * 2
    absurd = "Đoàn Thanh niên " + "Cộng sản Hồ Chí Minh " * 13  # near the 300-character limit
    added = sample_book.add_awardees(
        [
            Awardee(ceremony_id=ceremony.id, kind=AwardeeKind.COLLECTIVE, name=n, decision_id=decision.id)
            for n in (wrapped, absurd)
        ]
    )
    prints = PrintBook(sample_book.store)
    plan = batch.prepare(sample_book, prints, ceremony.id, {Ref.awardee(a.id) for a in added}, assign=False)
    out = tmp_path / "long.pdf"
    result = render_pdf(RenderJob(plan.certificates, plan.templates, invariant=True), out)
    assert [o.who for o in result.overflows] == [added[1].name]
    assert "không vừa ô (tên tập thể, cá nhân)" in result.overflows[0].message
    texts = page_texts(out)
    page = next(i for i, c in enumerate(plan.certificates) if c.ref == Ref.awardee(added[0].id))
    assert added[0].name in texts[page].replace("\n", " "), "a long name wraps onto two lines, all of it printed"


def test_contest_certificate_names_prize_work_and_contest(sample_book, tmp_path):
    ceremony = ceremony_by_place(sample_book, "Hải Phòng", 2022)
    out = tmp_path / "hp.pdf"
    plan, result = render_ceremony(sample_book, ceremony.id, out)
    texts = page_texts(out)
    forms = [c.form for c in plan.certificates]
    assert forms == sorted(forms, key=lambda f: f.rank), "Bằng khen before Giấy chứng nhận"
    first_prize = forms.index(AwardForm.GIAY_CHUNG_NHAN)
    text = texts[first_prize].replace("\n", " ")
    assert "GIẤY CHỨNG NHẬN" in text and "Chứng nhận" in text
    assert "Đã đạt giải A Cuộc thi “Tuyên truyền các mô hình “Dân vận khéo”" in text
    assert "Tác phẩm “" in text
    assert "Số vào sổ: 001/GCN-2022" in text
    assert "Hải Phòng, ngày 12 tháng 12 năm 2022" in text
    levels = [t.split("Đã đạt ")[1][:7] for t in texts[first_prize:]]
    assert levels == ["giải A "] * 2 + ["giải B "] * 4 + ["giải C "] * 10
    assert "BẰNG KHEN" in texts[0]


def test_a3_template_gives_a3_landscape_pages(sample_book, tmp_path):
    ceremony = ceremony_by_place(sample_book, "Hải Phòng", 2022)
    prints = PrintBook(sample_book.store)
    template = prints.template(ceremony.id, AwardForm.BANG_KHEN)
    template.paper = Paper.A3
    prints.save_template(ceremony.id, AwardForm.BANG_KHEN, template)
    out = tmp_path / "a3.pdf"
    plan, _ = render_ceremony(sample_book, ceremony.id, out)
    sizes = []
    for i in (0, len(plan.certificates) - 1):
        _, w, h = page_chars(out, i)
        sizes.append((round(w / MM), round(h / MM)))
    assert sizes == [(420, 297), (297, 210)], "Bằng khen on A3, the contest certificate stays A4"


def test_decomposed_input_prints_composed(sample_book, tmp_path):
    ceremony = ceremony_by_place(sample_book, "Long Biên", 2022)
    decision = sample_book.decisions(ceremony.id)[0]
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Thùy Dung")
    a = sample_book.add_awardee(
        Awardee(ceremony_id=ceremony.id, kind=AwardeeKind.INDIVIDUAL, name=nfd, decision_id=decision.id)
    )
    plan = batch.prepare(sample_book, PrintBook(sample_book.store), ceremony.id, {Ref.awardee(a.id)}, assign=False)
    out = tmp_path / "nfd.pdf"
    render_pdf(RenderJob(plan.certificates, plan.templates), out)
    assert "Nguyễn Thị Thùy Dung" in page_texts(out)[0]


def test_same_input_gives_byte_identical_pdf(sample_book, tmp_path):
    ceremony = ceremony_by_place(sample_book, "Long Biên", 2021)
    plan = batch.prepare(sample_book, PrintBook(sample_book.store), ceremony.id, assign=False)
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    render_pdf(RenderJob(plan.certificates, plan.templates, invariant=True), a)
    render_pdf(RenderJob(plan.certificates, plan.templates, invariant=True), b)
    assert a.read_bytes() == b.read_bytes()


def test_a_collective_is_printed_with_its_unit_unless_its_name_says_it(tmp_path):
    store = Store(tmp_path / "book.sqlite", backups=False)
    book = CeremonyBook(store)
    build_sample(book)
    ceremony = ceremony_by_place(book, "Long Biên", 2022)
    decision = book.decisions(ceremony.id)[0]
    plain = book.add_awardee(
        Awardee(
            ceremony.id, AwardeeKind.COLLECTIVE, "Tổ dân phố số 9", unit="Phường Thạch Bàn", decision_id=decision.id
        )
    )
    named = book.add_awardee(
        Awardee(
            ceremony.id,
            AwardeeKind.COLLECTIVE,
            "Chi hội Phụ nữ tổ dân phố số 9 PHƯỜNG THẠCH BÀN",
            unit="phường Thạch Bàn",
            decision_id=decision.id,
        )
    )
    out = tmp_path / "two.pdf"
    prints = PrintBook(store)
    plan = batch.prepare(book, prints, ceremony.id, assign=False, refs={Ref.awardee(plain.id), Ref.awardee(named.id)})
    render_pdf(RenderJob(plan.certificates, plan.templates, PaperMode.FULL, invariant=True), out)
    store.close()
    pages = {t.split("\n")[t.split("\n").index("Tặng") + 1]: t.split("\n") for t in page_texts(out)}
    lines = pages["Tổ dân phố số 9"]
    assert lines[lines.index("Tổ dân phố số 9") + 1] == "Phường Thạch Bàn"
    lines = pages["Chi hội Phụ nữ tổ dân phố số 9 PHƯỜNG THẠCH BÀN"]
    assert sum("thach ban" in fold(ln) for ln in lines) == 1, "the ward once, in the name"
