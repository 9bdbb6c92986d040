"""TCVN3 lists where a capital with a tone is a one-letter .VnTimeH run inside a .VnTime
cell, as offices type "Ánh" and "Ủy ban": read run by run, in .xlsx as Excel writes it and
in the .xls, .ods and .xlsx LibreOffice makes of it (#16 item 1)."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from models.domain.records import Ceremony
from models.importing import importer
from models.sheets.read import read_workbook
from tests.legacy_text import TIME, tcvn3_runs
from tests.sheet_files import write_excel_package

# Real shapes: a toned capital first, inside, twice; capitals .VnTime has (Ơ, Đ, Ô) beside.
NAMES = [
    "Vũ Thị Ánh",
    "Ủy ban MTTQ Việt Nam huyện Tiên Lãng",
    "Ủy ban Mặt trận Tổ quốc Việt Nam xã Ứng Hòa",
    "Đỗ Văn Ích",
    "Ứng Thị Ổn",
    "Lê Thị Ơn",
    "Ông Ích Khiêm",
    "Nguyễn Thị Ẩn",
    "Phạm Thị Ý",
    "Trần Văn Út",
    "Hội LHPN xã Ỷ La",
    "Ấn Thị Ánh Hồng",
    "Bùi Thị Ẫm",
    "Chi hội Cựu chiến binh thôn Ấp Bắc",
    "Đoàn Thanh niên phường Ô Chợ Dừa",
    "Hoàng Văn Ửng",
]
UNITS = ["Phường Bồ Đề", "Xã Ứng Hòa", "Ủy ban nhân dân xã Ân Thi"]

STYLES = (
    '<{p}fonts count="2"><{p}font><{p}sz val="11"/><{p}name val="Times New Roman"/></{p}font>'
    '<{p}font><{p}sz val="12"/><{p}name val=".VnTime"/><{p}family val="2"/></{p}font></{p}fonts>'
    '<{p}cellStyleXfs count="1"><{p}xf numFmtId="0" fontId="0"/></{p}cellStyleXfs>'
    '<{p}cellXfs count="2"><{p}xf numFmtId="0" fontId="0"/><{p}xf numFmtId="0" fontId="1" applyFont="1"/></{p}cellXfs>'
)


def _rich(text: str) -> str:
    """A shared string as Excel writes one typed in two fonts: every run with its own rPr."""
    out = []
    for shown, font in tcvn3_runs(text):
        space = ' xml:space="preserve"' if shown != shown.strip() else ""
        out.append(
            f'<{{p}}r><{{p}}rPr><{{p}}sz val="12"/><{{p}}rFont val="{font}"/><{{p}}family val="2"/></{{p}}rPr>'
            f"<{{p}}t{space}>{escape(shown)}</{{p}}t></{{p}}r>"
        )
    return "".join(out)


def _excel_file(path: Path) -> Path:
    shared = ["<{p}t>STT</{p}t>", "<{p}t>Họ và tên</{p}t>", "<{p}t>Đơn vị</{p}t>"]
    rows = [
        '<{p}row r="1"><{p}c r="A1" t="s"><{p}v>0</{p}v></{p}c><{p}c r="B1" t="s"><{p}v>1</{p}v></{p}c>'
        '<{p}c r="C1" t="s"><{p}v>2</{p}v></{p}c></{p}row>'
    ]
    for i, name in enumerate(NAMES, start=2):
        unit = UNITS[i % len(UNITS)]
        shared += [_rich(name), _rich(unit)]
        rows.append(
            f'<{{p}}row r="{i}"><{{p}}c r="A{i}"><{{p}}v>{i - 1}</{{p}}v></{{p}}c>'
            f'<{{p}}c r="B{i}" s="1" t="s"><{{p}}v>{len(shared) - 2}</{{p}}v></{{p}}c>'
            f'<{{p}}c r="C{i}" s="1" t="s"><{{p}}v>{len(shared) - 1}</{{p}}v></{{p}}c></{{p}}row>'
        )
    return write_excel_package(path, "".join(rows) + "</{p}sheetData>", shared, STYLES)


def _expected() -> list[list[str]]:
    return [[str(i), name, UNITS[(i + 1) % len(UNITS)]] for i, name in enumerate(NAMES, start=1)]


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    """The Excel file, and what LibreOffice (headless) saves it as."""
    folder = tmp_path_factory.mktemp("runs")
    excel = _excel_file(folder / "excel.xlsx")
    made = {"xlsx (Excel)": excel}
    office = shutil.which("soffice") or shutil.which("libreoffice")
    assert office, "LibreOffice is needed to write these lists (.ci/run installs libreoffice-calc-nogui)"
    for target, filt in (("xls", "xls:MS Excel 97"), ("ods", "ods"), ("xlsx", "xlsx:Calc MS Excel 2007 XML")):
        out = folder / target
        out.mkdir()
        subprocess.run(
            [
                office,
                f"-env:UserInstallation=file://{folder}/lo-profile",
                "--headless",
                "--convert-to",
                filt,
                "--outdir",
                str(out),
                str(excel),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        made[f"{target} (LibreOffice)"] = out / f"excel.{target}"
    return made


@pytest.mark.parametrize("kind", ["xlsx (Excel)", "xls (LibreOffice)", "ods (LibreOffice)", "xlsx (LibreOffice)"])
def test_a_capital_typed_in_vntimeh_inside_a_vntime_cell_comes_in_right(files, kind):
    sheet = read_workbook(files[kind]).sheets[0]
    got = [row[:3] for row in sheet.rows[1:]]
    expected = _expected()
    wrong = [(g[1], e[1]) for g, e in zip(got, expected, strict=True) if g[1:] != e[1:]]
    assert not wrong, f"{len(wrong)} of {len(NAMES)} names wrong, e.g. {wrong[:3]}"
    assert all(unicodedata.is_normalized("NFC", v) for row in got for v in row)
    assert sum(sheet.converted.values()) == 2 * len(NAMES), "every converted cell is counted"


def test_the_runs_reach_the_book_through_an_import(files, book):
    ceremony = book.save_ceremony(Ceremony("Hội nghị"))
    plan = importer.plan_file(book, files["ods (LibreOffice)"], ceremony.id)
    importer.apply(book, plan)
    assert sorted(a.name for a in book.awardees(ceremony.id)) == sorted(NAMES)


def test_runs_in_one_font_are_one_text():
    """The helper itself: only toned capitals go to .VnTimeH."""
    runs = tcvn3_runs("Vũ Thị Ánh")
    assert [font for _, font in runs] == [TIME, ".VnTimeH", TIME]
    assert runs[1][0] == "¸"
