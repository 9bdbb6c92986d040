"""A long print run is drawn in parts and joined: the joined PDF must print exactly what one
document would, page for page and glyph for glyph, and leave nothing behind."""

import pypdf
import pypdfium2
import pytest

from certificates import batch, render
from certificates.render import Cancelled, RenderJob, render_pdf
from models.repos.print_book import PrintBook
from tests.pdf_tools import ceremony_by_place, decode_qr, page_texts
from tests.sample_counts import LONG_BIEN_2022


@pytest.fixture
def long_bien(sample_book):
    c = ceremony_by_place(sample_book, "Long Biên", 2022)
    plan = batch.prepare(sample_book, PrintBook(sample_book.store), c.id, assign=False)
    return RenderJob(plan.certificates, plan.templates, separators=plan.separators, invariant=True)


def _pixels(path, index):
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return pdf[index].render(scale=60 / 72).to_pil().convert("L").tobytes()
    finally:
        pdf.close()


def _subset_names(path):
    names = set()
    for page in pypdf.PdfReader(path).pages:
        names |= {str(ref.get_object()["/BaseFont"]) for ref in page["/Resources"]["/Font"].values()}
    return names


@pytest.mark.slow
def test_a_run_drawn_in_parts_prints_what_one_document_prints(long_bien, tmp_path, monkeypatch):
    tmp_path = tmp_path / "in"
    tmp_path.mkdir()
    whole = tmp_path / "mot-lan.pdf"
    whole_result = render_pdf(long_bien, whole)
    monkeypatch.setattr(render, "PART_PAGES", 10)
    joined = tmp_path / "theo-phan.pdf"
    seen = []
    result = render_pdf(long_bien, joined, progress=lambda done, total: seen.append(done))

    assert page_texts(joined) == page_texts(whole)
    assert result.pages == whole_result.pages == LONG_BIEN_2022 and seen == list(range(1, LONG_BIEN_2022 + 1))
    assert result.separator_pages == whole_result.separator_pages != []
    pages = len(page_texts(whole))
    # the same pixels on a page of every part: each part's own font subset draws its own letters
    for index in (0, 11, 25, 47, 63, pages - 1):
        assert _pixels(joined, index) == _pixels(whole, index), f"page {index + 1}"
    assert [b.text for b in decode_qr(joined, pages - 1)] == [b.text for b in decode_qr(whole, pages - 1)]
    # a printer caching fonts by name must never take one part's subset for another's
    parts = -(-LONG_BIEN_2022 // 10)
    assert len(_subset_names(joined)) == 3 * parts
    assert pypdf.PdfReader(joined).metadata.title == "Giấy khen"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mot-lan.pdf", "theo-phan.pdf"]


def test_parts_join_to_the_same_bytes_every_time(long_bien, tmp_path, monkeypatch):
    monkeypatch.setattr(render, "PART_PAGES", 25)
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    render_pdf(long_bien, a)
    render_pdf(long_bien, b)
    assert a.read_bytes() == b.read_bytes()


def test_cancel_in_a_later_part_leaves_no_file_and_no_parts(long_bien, tmp_path, monkeypatch):
    monkeypatch.setattr(render, "PART_PAGES", 10)
    folder = tmp_path / "in"
    folder.mkdir()
    calls = []

    def cancelled():
        calls.append(1)
        return len(calls) > 35

    with pytest.raises(Cancelled):
        render_pdf(long_bien, folder / "in.pdf", cancelled=cancelled)
    assert list(folder.iterdir()) == []
