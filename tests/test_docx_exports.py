"""The decision annex and the MC script as Word files: read back with python-docx (every
name there, in NFC, the header row repeated, page numbers, the paper each list needs) and
converted to PDF by LibreOffice (an office program independent of the writer), whose pages
are read back too."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from models.reports.annex import build_annex
from models.repos.book import CeremonyBook
from models.storage.store import Store
from tests.pdf_tools import page_texts
from tests.test_cli import run_cli


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    import main

    folder = tmp_path_factory.mktemp("docx")
    db = folder / "so.sqlite"
    assert main.main(["demo", "--db", str(db)]) == 0
    with Store(db) as store:
        book = CeremonyBook(store)
        ceremony = next(c for c in book.ceremonies() if c.place == "Long Biên" and c.held_on.year == 2022)
        names = [a.name for a in book.awardees(ceremony.id) if a.decision_id]
        names += [p.authors for k in book.contests(ceremony.id) for p in book.prizes(k.id)]
    return folder, db, ceremony.id, names


def _to_pdf(docx: Path) -> Path:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    assert office, "LibreOffice is needed to convert these files (.ci/run installs libreoffice-writer-nogui)"
    subprocess.run(
        [office, f"-env:UserInstallation=file://{docx.parent}/lo-profile", "--headless", "--convert-to", "pdf",
         "--outdir", str(docx.parent), str(docx)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return docx.with_suffix(".pdf")


def _all_text(document) -> list[str]:
    found = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            found += [cell.text for cell in row.cells]
    return found


def test_the_annex_in_word_has_every_name_repeated_headers_and_page_numbers(sample):
    folder, db, ceremony_id, names = sample
    out = folder / "DS.docx"
    done = run_cli("export", "--db", str(db), "--ceremony", str(ceremony_id), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "tệp Word" in done.stdout

    document = Document(str(out))
    texts = _all_text(document)
    assert all(t == unicodedata.normalize("NFC", t) for t in texts)
    cells = set(texts)
    assert [n for n in names if n not in cells] == []
    with Store(db) as store:
        annex = build_annex(CeremonyBook(store), ceremony_id)
    lists = [t for t in document.tables if t.rows[0].cells[0].text == "STT"]
    assert len(lists) == len(annex.tables) >= 2
    for table in lists:
        flag = table.rows[0]._tr.trPr.find(qn("w:tblHeader"))
        assert flag is not None and flag.get(qn("w:val")) == "true"
    orientations = [s.orientation for s in document.sections]
    expected = [WD_ORIENT.LANDSCAPE if t.landscape else WD_ORIENT.PORTRAIT for t in annex.tables]
    assert orientations == expected  # each list on the paper its PDF page takes
    footer = document.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "Trang" in footer
    assert "DANH SÁCH" in texts and any(t.startswith("(Kèm theo Quyết định số") for t in texts)

    pages = page_texts(_to_pdf(out))
    joined = "\n".join(pages)
    assert all(name.split()[-1] in joined for name in names)
    assert [f"Trang {i}" in page for i, page in enumerate(pages, 1)] == [True] * len(pages)
    assert sum("Họ và tên / Tên tập thể" in page for page in pages) > 1  # the header again on later pages


def test_the_mc_script_in_word_reads_in_award_order(sample):
    folder, db, ceremony_id, _ = sample
    out = folder / "KICH-BAN.docx"
    done = run_cli("script", "--db", str(db), "--ceremony", str(ceremony_id), "--out", str(out))
    assert done.returncode == 0, done.stderr
    text_out = folder / "KICH-BAN.txt"
    assert run_cli("script", "--db", str(db), "--ceremony", str(ceremony_id), "--out", str(text_out)).returncode == 0

    document = Document(str(out))
    paragraphs = [p.text for p in document.paragraphs if p.text.strip()]
    assert paragraphs[0] == "KỊCH BẢN TRAO KHEN THƯỞNG"
    assert all(p == unicodedata.normalize("NFC", p) for p in paragraphs)
    # The same words, in the same order, as the plain-text script the app writes.
    plain = [line.strip() for line in text_out.read_text(encoding="utf-8").splitlines() if line.strip()]
    spoken = [p.split("\t", 1)[1] for p in paragraphs if "\t" in p]
    listed = [line.split(". ", 1)[1] for line in plain if line[:1].isdigit() and ". " in line]
    assert spoken == listed and len(spoken) > 50
    assert {s.font.name for s in (document.styles["Normal"],)} == {"Times New Roman"}

    pages = page_texts(_to_pdf(out))
    assert pages and "KỊCH BẢN TRAO KHEN THƯỞNG" in pages[0]
    assert spoken[-1].split(" – ")[0].split()[-1] in pages[-1]
