"""What leaves the app in award order: the certificate stack, its separator sheets, the MC script."""

import pytest

import main
from certificates import batch
from certificates.render import RenderJob, render_pdf
from models.domain import award_order as ao
from models.domain.printing import PaperMode
from models.reports.mc_script import ceremony_script
from models.repos.book import CeremonyBook
from models.repos.order_book import OrderBook
from models.repos.print_book import PrintBook
from models.storage.store import Store
from tests.pdf_tools import ceremony_by_place, fonts_used, page_texts
from tests.sample_counts import HAI_PHONG_2022_CERTIFICATES, LONG_BIEN_2022


def _rearranged(book, ceremony_id):
    """The organiser's own order: last batch first, one person moved, a batch split, leaders set."""
    orders = OrderBook(book.store)
    o = orders.current(book, ceremony_id).order
    ao.move_batch(o, len(o.batches) - 1, 0)
    ao.move_entries(o, [o.batches[3].refs[-1]], 2, 0)
    ao.split_batch(o, 4, 3)
    ao.set_leader(o, [0, 1], "Lê Trí Vũ", "Trưởng Ban Dân vận Thành ủy")
    orders.save(o)
    return o


def test_certificate_stack_follows_the_script_batch_by_batch(sample_book, tmp_path):
    c = ceremony_by_place(sample_book, "Long Biên", 2022)
    o = _rearranged(sample_book, c.id)
    script = ceremony_script(sample_book, c.id)
    called = [e.name for sb in script.batches for e in sb.entries]
    assert len(called) == LONG_BIEN_2022

    plan = batch.prepare(sample_book, PrintBook(sample_book.store), c.id, assign=True)
    out = tmp_path / "theo-thu-tu.pdf"
    result = render_pdf(RenderJob(plan.certificates, plan.templates, separators=plan.separators), out)
    texts = page_texts(out)
    assert len(texts) == LONG_BIEN_2022 + len(o.batches) == result.pages + len(result.separator_pages)
    # a print stopped after n pages logs only the certificates among them
    assert result.certificates_in(len(texts)) == LONG_BIEN_2022 and result.certificates_in(1) == 0
    assert result.certificates_in(result.separator_pages[1] + 1) == len(o.batches[0].refs)

    stack, batch_no = [], 0
    for i, page in enumerate(texts):
        flat = page.replace("\n", " ")
        if i in result.separator_pages:
            batch_no += 1
            sb = script.batches[batch_no - 1]
            assert f"ĐỢT {batch_no}/{len(o.batches)}" in flat
            assert "TỜ PHÂN CÁCH – KHÔNG TRAO" in flat
            if batch_no <= 2:
                assert "đồng chí Lê Trí Vũ, Trưởng Ban Dân vận Thành ủy" in flat
            for n, e in enumerate(sb.entries, 1):
                assert f"{n}. {e.name}" in flat  # the sheet lists the batch as it will be read
        else:
            stack.append(next(name for name in called if name in flat and name not in stack))
    assert stack == called, "the stack of certificates is the order the MC reads"
    # register numbers run in handing-over order
    assert plan.certificates[0].register_no == "001/GK-2022"
    assert plan.certificates[0].name == called[0]


def test_blank_forms_never_get_separator_sheets(sample_book, tmp_path):
    c = ceremony_by_place(sample_book, "Hải Phòng", 2022)
    plan = batch.prepare(sample_book, PrintBook(sample_book.store), c.id, assign=False)
    assert len(plan.separators) == 7
    out = tmp_path / "phoi.pdf"
    result = render_pdf(RenderJob(plan.certificates, plan.templates, PaperMode.BLANK, separators=plan.separators), out)
    assert result.separator_pages == [] and len(page_texts(out)) == HAI_PHONG_2022_CERTIFICATES


def test_script_command_writes_text_and_pdf(tmp_path, capsys):
    db = tmp_path / "mau.sqlite"
    assert main.main(["demo", "--db", str(db)]) == 0
    with Store(db) as store:
        book = CeremonyBook(store)
        hai_phong = ceremony_by_place(book, "Hải Phòng", 2022).id
        long_bien_2021 = ceremony_by_place(book, "Long Biên", 2021).id
    capsys.readouterr()

    txt = tmp_path / "kich-ban.txt"
    assert main.main(["script", "--db", str(db), "--ceremony", str(hai_phong), "--out", str(txt)]) == 0
    assert "7 đợt trao" in capsys.readouterr().out
    content = txt.read_bytes().decode("utf-8")
    assert "\r\n" in content  # opens cleanly in Notepad
    assert (
        "Trân trọng kính mời đồng chí Lê Khắc Nam, Phó Chủ tịch UBND thành phố lên trao Bằng khen "
        "cho các tập thể sau:" in content
    )
    assert "lên trao Giấy chứng nhận cho các tác giả sau:\r\n  1. Giải A – " in content

    pdf = tmp_path / "kich-ban.pdf"
    assert main.main(["script", "--db", str(db), "--ceremony", str(long_bien_2021), "--out", str(pdf)]) == 0
    captured = capsys.readouterr()
    assert "chưa có lãnh đạo trao" in captured.err  # the default order: leaders still to assign
    text = "\n".join(page_texts(pdf))
    assert text.startswith("KỊCH BẢN TRAO KHEN THƯỞNG")
    assert "Trân trọng kính mời đồng chí …………………… lên trao Giấy khen" in text
    assert "III. KẾT THÚC" in text
    fonts = fonts_used(pdf)
    assert fonts and all("+Spectral-" in name and embedded for name, embedded in fonts.items())
    assert b"Helvetica" not in pdf.read_bytes()


@pytest.mark.parametrize(
    ("out", "message"),
    [("kich-ban.doc", "phải có đuôi .pdf, .docx hoặc .txt"), ("khong-co/kich-ban.pdf", "Không có thư mục")],
)
def test_script_command_refuses_bad_targets(tmp_path, capsys, out, message):
    db = tmp_path / "mau.sqlite"
    assert main.main(["demo", "--db", str(db)]) == 0
    assert main.main(["script", "--db", str(db), "--ceremony", "1", "--out", str(tmp_path / out)]) == 1
    assert message in capsys.readouterr().err
    assert not (tmp_path / out).exists()


def test_the_script_counts_authors_as_people_and_cites_dates_one_way(tmp_path):
    from models.reports.mc_script import ceremony_script
    from models.repos.book import CeremonyBook
    from models.sample import build_sample
    from models.storage.store import Store

    with Store(tmp_path / "b.sqlite") as store:
        book = CeremonyBook(store)
        build_sample(book)
        by_place = {(c.place, c.held_on.year): c.id for c in book.ceremonies()}
        hai_phong = ceremony_script(book, by_place[("Hải Phòng", 2022)]).as_text()
        long_bien = ceremony_script(book, by_place[("Long Biên", 2022)]).as_text()
    assert "20 tác giả" in hai_phong and "16 tác giả" not in hai_phong, "a work by two is two authors"
    assert "28/7/2022" in long_bien and "28/07/2022" not in long_bien
