"""The decision annex as a PDF to staple to the decision, and the statistics in the window."""

from __future__ import annotations

import pdfplumber
import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog

import main
from certificates.documents.annex_pdf import write_annex_pdf
from models.domain.order import awardee_key
from models.domain.records import Awardee, AwardeeKind, AwardForm, Ceremony, Decision
from models.errors import BookError
from models.reports.annex import AWARDEE_HEADER, build_annex
from models.reports.stats import ceremony_stats
from tests.gui_helpers import choose_ceremony
from tests.pdf_tools import ceremony_by_place, fonts_used, page_texts
from tests.sample_counts import LONG_BIEN_2022, LONG_BIEN_2022_COLLECTIVES, LONG_BIEN_2022_INDIVIDUALS

HEADER = list(AWARDEE_HEADER)


def _tables(path) -> list[tuple[float, float, list[list[str]]]]:
    """Each page's size and its ruled table, cells with their line breaks undone."""
    pages = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            rows = [r for t in page.extract_tables() for r in t]
            cells = [[" ".join((c or "").split()) for c in row] for row in rows]
            pages.append((float(page.width), float(page.height), cells))
    return pages


@pytest.fixture
def long_bien_pdf(sample_book, tmp_path):
    ceremony = ceremony_by_place(sample_book, "Long Biên", 2022)
    out = tmp_path / "kem_theo.pdf"
    pages = write_annex_pdf(build_annex(sample_book, ceremony.id), out)
    return ceremony, out, pages


def test_the_annex_pdf_lists_everyone_in_reading_order_under_a_repeated_header(sample_book, long_bien_pdf):
    ceremony, out, pages = long_bien_pdf
    tables = _tables(out)
    assert len(tables) == pages > 2
    assert all(width > height for width, height, _ in tables)  # seven columns: landscape A4
    assert all(rows and rows[0] == HEADER for _, _, rows in tables), "the header row repeats on every page"

    decision = sample_book.decisions(ceremony.id)[0]
    people = [a for a in sample_book.awardees(ceremony.id) if a.decision_id == decision.id]
    people.sort(key=lambda a: awardee_key(a, decision.award_form))
    listed = [row for _, _, rows in tables for row in rows[1:] if row[0].isdigit()]
    first_list = listed[: len(people)]
    assert [int(r[0]) for r in first_list] == list(range(1, len(people) + 1))
    assert [(r[1], r[2], r[3], r[5]) for r in first_list] == [
        (a.name, a.position, a.unit, a.model_name) for a in people
    ]
    sections = [row[1] for _, _, rows in tables for row in rows if row[0] in ("I", "II")]
    assert sections[:2] == ["TẬP THỂ (42)", "CÁ NHÂN (21)"]

    first = page_texts(out)[0]
    assert "QUẬN ỦY LONG BIÊN\n*" in first and "ĐẢNG CỘNG SẢN VIỆT NAM" in first and "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI" in first
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in first, "a Quận ủy list carries the Party heading"
    assert "DANH SÁCH" in first and f"(Kèm theo {decision.reference})" in first


def test_the_signature_is_never_alone_on_a_page(sample_book, long_bien_pdf):
    ceremony, out, _ = long_bien_pdf
    signer = sample_book.decisions(ceremony.id)[0].signer_name
    texts, tables = page_texts(out), _tables(out)
    signed = [i for i, text in enumerate(texts) if signer in text]
    assert len(signed) == 2  # one per decision
    for i in signed:
        numbered = [row for row in tables[i][2] if row[0].isdigit()]
        assert numbered, f"page {i + 1} holds the signature without any of the list"
        assert "Tổng cộng:" in texts[i]


def test_the_annex_pdf_embeds_a_vietnamese_font(long_bien_pdf):
    _, out, _ = long_bien_pdf
    fonts = fonts_used(out)
    assert fonts and all(fonts.values()), "every font is embedded"
    assert all("Spectral" in name for name in fonts), fonts
    assert "Đặng Xuân Yến" in " ".join(page_texts(out))


def test_a_prize_list_prints_on_portrait_pages(sample_book, tmp_path):
    ceremony = ceremony_by_place(sample_book, "Hải Phòng", 2022)
    out = tmp_path / "hp.pdf"
    write_annex_pdf(build_annex(sample_book, ceremony.id), out)
    tables = _tables(out)
    prize_pages = [(w, h) for w, h, rows in tables if rows and rows[0][:3] == ["STT", "Họ tên tác giả", "Tên tác phẩm"]]
    assert prize_pages and all(h > w for w, h in prize_pages)
    levels = [row[4] for _, _, rows in tables for row in rows if len(row) == 5 and row[0].isdigit()]
    assert levels == sorted(levels) and len(levels) == 16  # 2 A, 4 B, 10 C


def test_very_long_text_stays_on_the_page(book, tmp_path):
    ceremony = book.save_ceremony(Ceremony("Hội nghị thử"))
    decision = book.save_decision(Decision(ceremony.id, AwardForm.GIAY_KHEN, number="1-QĐ", signer_name="Nguyễn Văn A"))
    for i in range(30):
        model = "Mô hình rất dài " * (120 if i == 29 else 1)
        book.add_awardee(
            Awardee(ceremony.id, AwardeeKind.INDIVIDUAL, f"Người thứ {i}", decision_id=decision.id, model_name=model)
        )
    out = tmp_path / "dai.pdf"
    write_annex_pdf(build_annex(book, ceremony.id), out)
    with pdfplumber.open(out) as pdf:
        for page in pdf.pages:
            assert all(0 <= c["x0"] and c["x1"] <= page.width and 0 <= c["top"] <= page.height for c in page.chars)
    text = " ".join(page_texts(out))
    assert "Người thứ 29" in text and text.count("Mô hình rất dài") >= 120 and "Nguyễn Văn A" in text


def test_an_annex_with_nobody_under_a_decision_is_refused_with_a_reason(book, tmp_path):
    ceremony = book.save_ceremony(Ceremony("Chưa có quyết định"))
    book.add_awardee(Awardee(ceremony.id, AwardeeKind.INDIVIDUAL, "Trần Thị B"))
    out = tmp_path / "rong.pdf"
    with pytest.raises(BookError, match="chưa có danh sách kèm theo"):
        write_annex_pdf(build_annex(book, ceremony.id), out)
    assert not out.exists()


def test_export_command_writes_the_annex_pdf(tmp_path, capsys):
    db, out = tmp_path / "mau.sqlite", tmp_path / "kem theo.pdf"
    assert main.main(["demo", "--db", str(db)]) == 0
    assert main.main(["export", "--db", str(db), "--ceremony", "1", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"{LONG_BIEN_2022} dòng" in printed and "trang" in printed
    assert "Đặng Xuân Yến" in " ".join(page_texts(out))
    assert main.main(["export", "--db", str(db), "--template", "--out", str(tmp_path / "mau.pdf")]) == 1
    assert ".xlsx" in capsys.readouterr().err


def test_the_window_exports_the_annex_as_pdf_when_that_type_is_chosen(window, monkeypatch, tmp_path):
    choose_ceremony(window, "Long Biên", 2022)
    chosen = tmp_path / "danh-sach"  # typed without a suffix
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(chosen), "Bản in PDF (*.pdf)"))
    )
    window.files.export_annex()
    written = chosen.with_suffix(".pdf")
    assert written.exists() and "QUẬN ỦY LONG BIÊN" in page_texts(written)[0]
    assert f"{LONG_BIEN_2022} dòng" in window.statusBar().currentMessage()


def test_the_statistics_window_shows_and_copies_the_sentence(window, sample_book, qtbot, monkeypatch):
    from ui.dialogs import stats_dialog

    ceremony = choose_ceremony(window, "Long Biên", 2022)
    shown = []
    monkeypatch.setattr(stats_dialog.StatsDialog, "exec", lambda self: shown.append(self))
    action = next(a for a in window.menuBar().actions()[0].menu().actions() if "Số liệu" in a.text())
    action.trigger()
    (dialog,) = shown
    qtbot.addWidget(dialog)
    expected = ceremony_stats(sample_book, ceremony).sentence
    assert "63 tập thể, cá nhân" in dialog.sentence.toPlainText() == expected
    groups = {dialog.counts.topLevelItem(i).text(0) for i in range(dialog.counts.topLevelItemCount())}
    assert {"Theo hình thức khen thưởng", "Theo lĩnh vực", "Theo phường"} <= groups
    form = dialog.counts.topLevelItem(0).child(0)
    given = f"{LONG_BIEN_2022} ({LONG_BIEN_2022_COLLECTIVES} tập thể, {LONG_BIEN_2022_INDIVIDUALS} cá nhân)"
    assert (form.text(0), form.text(1)) == ("Giấy khen", given)

    dialog.sentence.setPlainText(expected.replace("Hội nghị", "Quận ủy"))
    dialog.copy_sentence()
    assert QGuiApplication.clipboard().text().startswith("Quận ủy đã công bố")
    dialog.copy_counts()
    assert "Theo phường:" in QGuiApplication.clipboard().text()
