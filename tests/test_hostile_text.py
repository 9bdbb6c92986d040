"""Names and texts of any length and any Unicode: stored exactly (what is visible) or refused
with a message; certificates never print outside their boxes; files never leave their folder."""

from __future__ import annotations

import csv
import dataclasses
import os
import re
import string
import unicodedata
from pathlib import Path

import openpyxl
import pypdfium2 as pdfium
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import ImageChops
from PySide6.QtCore import Qt

from certificates import batch
from certificates.filenames import certificate_path, safe_stem
from certificates.layout import A4_SLOTS
from certificates.render import RenderJob, render_pdf
from models.domain import text
from models.domain.links import check_news_url
from models.domain.printing import PaperMode
from models.domain.records import Awardee, AwardeeKind, Ceremony, Contest, Prize, PrizeLevel, Ref
from models.domain.templates import check_url_template
from models.errors import ValidationError
from models.exports.csv_export import export_csv
from models.exports.xlsx_annex import write_annex
from models.repos.book import CeremonyBook
from models.repos.print_book import PrintBook
from models.storage.store import Store
from tests.gui_helpers import choose_ceremony
from tests.pdf_tools import MM, ceremony_by_place
from tests.sample_counts import LONG_BIEN_2022

FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

VISIBLE = [
    "Nguyễn Thị Thùy Dung",
    "Tổ dân phố số 18 👍🏽 🇻🇳 👨‍👩‍👧",  # skin tone, flag, a family joined by ZWJ
    "محمد بن سلمان",  # right-to-left letters
    "עברית",
    "李小龍 – 이순신 – とうきょう",
    "Ω≈ç√∫ ∑ ½ ™ € ₫",
    "Ngọc Thụy" + "\u0301" * 3,  # stray combining marks are text too
    "x" * text.MAX_NAME,  # exactly the limit
]

INVISIBLE = {
    "Nguyễn\x00 Văn\x07 An\x1b": "Nguyễn Văn An",
    "\u202eNguyễn Văn An\u202c": "Nguyễn Văn An",  # right-to-left override would show it reversed
    "Trần\u200b Thị\u200e Bích\u200f": "Trần Thị Bích",
    "\ufeffLê Văn Tám": "Lê Văn Tám",
    "Phạm\u00adVăn Đồng": "PhạmVăn Đồng",
    "Hoàng \ud800Văn Thụ": "Hoàng Văn Thụ",  # a lone surrogate SQLite could not even store
    "Nguyễn\tVăn\nAn\r\n": "Nguyễn Văn An",
}


@pytest.fixture
def ceremony(book):
    return book.save_ceremony(Ceremony("Hội nghị biểu dương")).id


def _reopened_names(db_path: Path, ceremony_id: int) -> list[str]:
    with Store(db_path, backups=False) as store:
        return [a.name for a in CeremonyBook(store).awardees(ceremony_id)]


def test_visible_text_of_any_script_is_stored_exactly(book, ceremony, db_path):
    for name in VISIBLE:
        book.add_awardee(Awardee(ceremony, AwardeeKind.INDIVIDUAL, name, model_name=name, notes=name))
    book.store.close()
    assert _reopened_names(db_path, ceremony) == [unicodedata.normalize("NFC", n) for n in VISIBLE]


def test_invisible_characters_are_dropped_so_the_name_stored_is_the_name_seen(book, ceremony, db_path):
    for typed in INVISIBLE:
        book.add_awardee(Awardee(ceremony, AwardeeKind.INDIVIDUAL, typed))
    book.store.close()
    assert _reopened_names(db_path, ceremony) == list(INVISIBLE.values())


@pytest.mark.parametrize(
    ("record", "phrase"),
    [
        (lambda c: Awardee(c, AwardeeKind.INDIVIDUAL, "Nguyễn " * 1500), "Họ và tên (tên tập thể) dài 10.499 ký tự"),
        (lambda c: Awardee(c, AwardeeKind.INDIVIDUAL, "An", unit="Tổ " * 700), "Đơn vị dài 2.099 ký tự, quá 2.000"),
        (lambda c: Awardee(c, AwardeeKind.INDIVIDUAL, "An", notes="ghi chú\n" * 3000), "Ghi chú dài"),
        (lambda c: Ceremony("Hội nghị " * 300), "Tên dài"),
    ],
    ids=["name", "unit", "notes", "ceremony title"],
)
def test_texts_longer_than_their_field_are_refused_whole(book, ceremony, record, phrase):
    with pytest.raises(ValidationError, match=re.escape(phrase)) as refused:
        item = record(ceremony)
        book.add_awardee(item) if isinstance(item, Awardee) else book.save_ceremony(item)
    assert "chưa được lưu" in refused.value.message
    assert book.awardees(ceremony) == [] and len(book.ceremonies()) == 1


def test_a_prize_author_list_longer_than_a_name_is_refused(book, ceremony):
    contest = book.save_contest(Contest(ceremony_id=ceremony, title="Cuộc thi viết"))
    with pytest.raises(ValidationError, match="Tác giả dài"):
        book.add_prizes([Prize(contest.id, PrizeLevel.A, "Nguyễn Văn An, " * 40)])
    assert book.prizes(contest.id) == []


@FUZZ
@given(typed=st.text(st.characters(codec=None), max_size=400))
def test_any_text_is_stored_as_cleaned_or_refused(book, ceremony, typed):
    try:
        stored = book.add_awardee(Awardee(ceremony, AwardeeKind.INDIVIDUAL, typed, unit=typed))
    except ValidationError as refused:
        assert "chưa được lưu" in refused.message or "Chưa nhập" in refused.message
        return
    again = book.awardee(stored.id)
    assert again.name == text.clean(typed) and again.unit == again.name
    assert unicodedata.is_normalized("NFC", again.name)
    assert not any(unicodedata.category(ch) in ("Cc", "Cs") for ch in again.name)
    assert "\u202e" not in again.name and "\u200b" not in again.name


def test_a_pasted_10000_character_name_is_visibly_not_saved(qtbot, window, dialogs):
    ceremony_id = choose_ceremony(window, "Long Biên", 2022)
    form = window.awardees.form
    form.kind.set_value(AwardeeKind.INDIVIDUAL)
    form.name.setText("Nguyễn Văn An " * 715)
    qtbot.keyClick(form.name, Qt.Key.Key_Return)
    assert any("quá 300 ký tự" in message for _, message in dialogs.seen)
    assert "Chưa lưu được" in form.notice.text()
    assert len(form.name.text()) == 10_010, "the text stays in the form to be shortened"
    assert len(window.session.book.awardees(ceremony_id)) == LONG_BIEN_2022


# -- certificates: whatever the name, nothing is printed outside its box ---------------------

HOSTILE_NAMES = {
    "300 letters, no space": "Đ" * 300,
    "300 characters of words": ("Nguyễn Thị Thùy Dung " * 15)[:300].strip(),
    "widest letters": "W" * 300,
    "emoji and other scripts": "Nguyễn Văn 😀👨‍👩‍👧 محمد 中文",
    "stacked marks": "e" + "\u0301\u0323" * 100,
}

# The body (name, position and unit, model, achievement) closes up inside this area; the
# headings above and the date, signature and seal below must never move or be overprinted.
_BODY = (A4_SLOTS["name"], A4_SLOTS["achievement"])


def _ink_changed(pdf: Path, a: int, b: int, scale: float = 1.5) -> tuple[float, float, float, float] | None:
    """The box (mm from the top-left) where pages a and b of the PDF differ, or None."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        first, second = (doc[i].render(scale=scale).to_pil().convert("L") for i in (a, b))
    finally:
        doc.close()
    box = ImageChops.difference(first, second).point(lambda v: 255 if v > 40 else 0).getbbox()
    if box is None:
        return None
    return tuple(v / scale / MM for v in box)


def _hostile_plan(book: CeremonyBook):
    ceremony = ceremony_by_place(book, "Long Biên", 2022)
    decision = book.decisions(ceremony.id)[0]
    added = book.add_awardees(
        [
            Awardee(
                ceremony.id,
                AwardeeKind.INDIVIDUAL,
                name,
                position="Tổ trưởng " * 150 if i == 0 else "Tổ trưởng",
                unit="Phường Ngọc Thụy",
                model_name="Ngõ xanh " * 200 if i == 0 else "",
                decision_id=decision.id,
            )
            for i, name in enumerate(HOSTILE_NAMES.values())
        ]
    )
    refs = {Ref.awardee(a.id) for a in added}
    plan = batch.prepare(book, PrintBook(book.store), ceremony.id, refs, assign=False)
    pages = []
    for cert in sorted(plan.certificates, key=lambda c: c.ref):
        # Each hostile page follows the same certificate with an ordinary name and detail.
        pages += [dataclasses.replace(cert, name="Lê An", detail="Tổ trưởng, Phường Ngọc Thụy", model=""), cert]
    return plan, pages


@pytest.mark.parametrize("mode", list(PaperMode))
def test_no_name_however_hostile_prints_outside_its_box(sample_book, tmp_path, mode):
    plan, certs = _hostile_plan(sample_book)
    out = tmp_path / f"{mode}.pdf"
    result = render_pdf(RenderJob(certs, plan.templates, mode, invariant=True), out)
    assert result.pages == 2 * len(HOSTILE_NAMES)
    if mode == "full":
        top, bottom = _BODY[0].y, _BODY[1].y + _BODY[1].height
        left, right = _BODY[0].x, _BODY[0].x + _BODY[0].width
    else:  # on a blank form each field stays in its own box; only the name and detail differ here
        top, bottom = A4_SLOTS["name"].y, A4_SLOTS["model"].y + A4_SLOTS["model"].height
        left, right = A4_SLOTS["name"].x, A4_SLOTS["name"].x + A4_SLOTS["name"].width
    for i, label in enumerate(HOSTILE_NAMES):
        box = _ink_changed(out, 2 * i, 2 * i + 1)
        assert box is not None, f"{label}: the name was not printed at all"
        x0, y0, x1, y1 = box
        slack = 1.0
        assert left - slack <= x0 and x1 <= right + slack, f"{label}: ink from {x0:.1f} to {x1:.1f} mm"
        assert top - slack <= y0 and y1 <= bottom + slack, f"{label}: ink from {y0:.1f} to {y1:.1f} mm"

    warned = {o.who.split(" (")[0]: o.message for o in result.overflows}
    assert "không vừa ô" in warned[certs[1].who.split(" (")[0]]
    emoji = next(m for who, m in warned.items() if "😀" in who)
    assert "“😀”" in emoji and "“中”" in emoji and "sẽ in thành chỗ trống" in emoji


# -- file names from awardee names -------------------------------------------------------------

_WINDOWS_FORBIDDEN = set('<>:"/\\|?*') | {chr(i) for i in range(32)}
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{n}" for p in ("COM", "LPT") for n in "123456789¹²³"}


def _assert_portable(path: Path, folder: Path) -> None:
    name = path.name
    assert path.parent == folder and path.resolve().parent == folder.resolve()
    assert name.endswith(".pdf") and not (set(name) & _WINDOWS_FORBIDDEN)
    assert name[:-4] == name[:-4].rstrip(" .") and name[:-4]
    assert name.split(".")[0].strip().upper() not in _WINDOWS_RESERVED
    assert len(name.encode("utf-8")) <= 255 and len(name.encode("utf-16-le")) // 2 <= 255


@pytest.mark.parametrize(
    "name",
    [
        "../../../../etc/passwd",
        "..\\..\\Windows\\System32\\drivers",
        "/tmp/x",
        "C:\\Users\\Public\\x",
        "\\\\server\\share\\x",
        "CON",
        "con.txt",
        "LPT1 ",
        "COM¹",
        "NUL.",
        "....",
        " . . ",
        "\u202eexe.pdf",
        "ễ" * 1000,
        "😀" * 300,
        "a" * 10_000,
    ],
)
def test_per_person_file_names_stay_in_the_folder_and_are_valid_on_windows(tmp_path, name):
    path = certificate_path(tmp_path, 7, name, "Phường Bồ Đề")
    _assert_portable(path, tmp_path)
    path.write_bytes(b"%PDF-1.4")  # the file system takes it
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


@FUZZ
@given(name=st.text(st.characters(codec="utf-8"), max_size=300), detail=st.text(max_size=60))
def test_any_name_gives_a_portable_file_name_inside_the_folder(tmp_path, name, detail):
    path = certificate_path(tmp_path, 12, name, detail)
    _assert_portable(path, tmp_path)


def test_safe_stem_keeps_readable_vietnamese():
    assert safe_stem("012 - Nguyễn Thị Thùy Dung - Phường Bồ Đề") == "012 - Nguyễn Thị Thùy Dung - Phường Bồ Đề"


# -- links printed as QR codes -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "phrase"),
    [
        ("javascript:alert(1)", "http"),
        ("data:text/html,<script>alert(1)</script>", "http"),
        ("file:///C:/Windows/win.ini", "http"),
        ("ftp://longbien.gov.vn/bai-viet", "http"),
        ("https://", "http"),
        ("https://longbien gov.vn/bai", "http"),
        ("https://can.bo:matkhau@longbien.gov.vn/bai", "mật khẩu"),
        ("https://can.bo@longbien.gov.vn/bai", "tên đăng nhập"),
        ("https://longbien.gov.vn/" + "bai-viet-" * 30, "quá 250"),
    ],
)
def test_qr_links_must_be_public_short_http(book, url, phrase):
    with pytest.raises(ValidationError, match=phrase):
        book.save_ceremony(Ceremony("Hội nghị", news_url=url))
    with pytest.raises(ValidationError, match=phrase):
        check_url_template(url.replace("bai", "bai?so={so}", 1) if "{" not in url else url)
    assert book.ceremonies() == []


def test_ordinary_article_links_pass_unchanged():
    for url in (
        "https://longbien.hanoi.gov.vn/tin-tuc/hoi-nghi-bieu-duong-dan-van-kheo-nam-2022",
        "HTTP://haiphong.gov.vn/Tin-tuc?id=12&lang=vi",
        "https://bộ.vn/tin-tức/dân-vận-khéo",
    ):
        assert check_news_url(url) == unicodedata.normalize("NFC", url)


# -- exports never hand Excel a formula --------------------------------------------------------

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


@FUZZ
@given(
    start=st.sampled_from(["=", "+", "-", "@", "=HYPERLINK(", "+cmd|' /C calc'!A0", "-2+3", "@SUM("]),
    rest=st.text(string.ascii_letters + "ạ()!|' ", max_size=20),
)
@pytest.mark.slow
def test_exports_never_start_a_cell_with_a_formula(sample_book, tmp_path, start, rest):
    value = start + rest
    ceremony = ceremony_by_place(sample_book, "Long Biên", 2022)
    decision = sample_book.decisions(ceremony.id)[0]
    try:
        added = sample_book.add_awardee(
            Awardee(ceremony.id, AwardeeKind.INDIVIDUAL, value, position=value, unit=value, ward=value,
                    field=value, model_name=value, notes=value, decision_id=decision.id)
        )  # fmt: skip
    except ValidationError:
        return  # nothing left once cleaned
    try:
        out = tmp_path / "ds.csv"
        export_csv(sample_book, out)
        with out.open(encoding="utf-8-sig", newline="") as f:
            cells = [cell for row in csv.reader(f) for cell in row]
        assert not [c for c in cells if c.startswith(_FORMULA)]
        assert f"'{added.name}" in cells

        annex = tmp_path / "ds.xlsx"
        write_annex(sample_book, ceremony.id, annex)
        wb = openpyxl.load_workbook(annex)
        formulas = [c.coordinate for ws in wb for row in ws.iter_rows() for c in row if c.data_type == "f"]
        assert formulas == []
        assert any(c.value == added.name for ws in wb for row in ws.iter_rows() for c in row)
    finally:
        sample_book.delete_awardees([added.id])


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("https://lоngbien.hanoi.gov.vn/tin", "trông giống chữ"),  # a Cyrillic "о"
        ("https://longbien。hanoi.gov.vn/tin", "trông giống chữ"),  # "。" as a dot
        ("https://ｌongbien.hanoi.gov.vn/tin", "trông giống chữ"),  # a full-width "ｌ"
        ("https://tin.vn:99999/bai", "số cổng không hợp lệ"),
    ],
)
def test_lookalike_hosts_and_impossible_ports_are_refused(url, said):
    from models.domain.links import check_news_url
    from models.errors import ValidationError

    with pytest.raises(ValidationError, match=said):
        check_news_url(url)


def test_a_vietnamese_host_is_kept_and_its_browser_form_shown(qtbot, window):
    from tests.gui_helpers import choose_ceremony

    choose_ceremony(window, "Long Biên", 2022)
    page = window.details
    page.news_url.setText("https://báo.vn/bieu-duong")
    page.news_url.editingFinished.emit()
    assert "xn--" in page.ceremony_notice.text()
    assert window.session.book.ceremony(page.ceremony.id).news_url == "https://báo.vn/bieu-duong"
