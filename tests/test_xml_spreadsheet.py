"""Excel's "XML Spreadsheet 2003", as Excel writes it (and as portals serve it renamed .xls):
read, not taken for CSV; merges, skipped rows and cells, types, and TCVN3 fonts from the
styles and from <Font html:Face> runs (#16 item 3)."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from models.domain.records import Ceremony
from models.errors import SpreadsheetError
from models.importing import importer
from models.sheets.read import read_workbook
from tests.legacy_text import tcvn3, tcvn3_runs

PEOPLE = [
    ("Vũ Thị Ánh", "Tổ trưởng tổ dân phố số 5", "Bồ Đề"),
    ("Ủy ban MTTQ Việt Nam huyện Tiên Lãng", "", "Bồ Đề"),
    ("Nguyễn Văn Sỹ", "Bí thư chi bộ", "Ngọc Thụy"),
    ("Đỗ Thị Lũy", "Chi hội trưởng Chi hội Phụ nữ", "Ngọc Thụy"),
]

HEAD = """<?xml version="1.0"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:o="urn:schemas-microsoft-com:office:office"
 xmlns:x="urn:schemas-microsoft-com:office:excel"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:html="http://www.w3.org/TR/REC-html40">
 <DocumentProperties xmlns="urn:schemas-microsoft-com:office:office">
  <Author>Van phong UBND phuong</Author>
  <Version>11.9999</Version>
 </DocumentProperties>
 <Styles>
  <Style ss:ID="Default" ss:Name="Normal">
   <Alignment ss:Vertical="Bottom"/>
   <Borders/>
   <Font ss:FontName=".VnTime" x:Family="Swiss" ss:Size="12"/>
   <Interior/>
   <NumberFormat/>
   <Protection/>
  </Style>
  <Style ss:ID="s21">
   <Alignment ss:Horizontal="Center" ss:Vertical="Center"/>
   <Font ss:FontName=".VnTimeH" x:Family="Swiss" ss:Size="13" ss:Bold="1"/>
  </Style>
  <Style ss:ID="s22">
   <Font ss:FontName="Times New Roman" x:Family="Roman" ss:Size="12" ss:Bold="1"/>
  </Style>
  <Style ss:ID="s23" ss:Parent="Default">
   <NumberFormat ss:Format="Short Date"/>
  </Style>
 </Styles>
 <Worksheet ss:Name="Danh sách">
  <Table ss:ExpandedColumnCount="5" ss:ExpandedRowCount="12" x:FullColumns="1" x:FullRows="1">
   <Column ss:AutoFitWidth="0" ss:Width="30"/>
   <Column ss:AutoFitWidth="0" ss:Width="180"/>
"""

TAIL = """  </Table>
  <WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel">
   <Selected/>
  </WorksheetOptions>
 </Worksheet>
 <Worksheet ss:Name="Sheet2">
  <Table ss:ExpandedColumnCount="1" ss:ExpandedRowCount="1" x:FullColumns="1" x:FullRows="1"/>
 </Worksheet>
</Workbook>
"""


def _rich(text: str) -> str:
    """A cell typed in .VnTime with .VnTimeH capitals, as Excel saves rich text."""
    fonts = "".join(
        f'<Font html:Face="{font}" x:Family="Swiss" html:Size="12">{escape(shown)}</Font>'
        for shown, font in tcvn3_runs(text)
    )
    return f'<ss:Data ss:Type="String" xmlns="http://www.w3.org/TR/REC-html40">{fonts}</ss:Data>'


def _file(path: Path) -> Path:
    rows = [
        # The title: .VnTimeH through its style, merged across five columns.
        f'   <Row ss:AutoFitHeight="0" ss:Height="18"><Cell ss:MergeAcross="4" ss:StyleID="s21"><Data ss:Type="String">'
        f"{escape(tcvn3('danh sách khen thưởng'))}</Data></Cell></Row>",
        # A blank row skipped with ss:Index; the header in a Unicode font.
        '   <Row ss:Index="3">'
        + "".join(
            f'<Cell ss:StyleID="s22"><Data ss:Type="String">{h}</Data></Cell>'
            for h in ("STT", "Họ và tên", "Chức vụ", "Phường", "Ngày quyết định")
        )
        + "</Row>",
    ]
    for i, (name, position, ward) in enumerate(PEOPLE, 1):
        cells = [f'<Cell><Data ss:Type="Number">{i}</Data></Cell>', f"<Cell>{_rich(name)}</Cell>"]
        cells.append(f'<Cell><Data ss:Type="String">{escape(tcvn3(position))}</Data></Cell>' if position else "")
        if i in (1, 3):  # the ward written once for two rows, merged down
            index = ' ss:Index="4"' if not position else ""
            cells.append(f'<Cell{index} ss:MergeDown="1"><Data ss:Type="String">{escape(tcvn3(ward))}</Data></Cell>')
            cells.append('<Cell ss:StyleID="s23"><Data ss:Type="DateTime">2022-07-28T00:00:00.000</Data></Cell>')
        else:
            cells.append(
                '<Cell ss:Index="5" ss:StyleID="s23"><Data ss:Type="DateTime">2022-07-28T00:00:00.000</Data></Cell>'
            )
        rows.append("   <Row>" + "".join(cells) + "</Row>")
    path.write_text(HEAD + "\n".join(rows) + "\n" + TAIL, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["ds.xml", "cong-thong-tin.xls"])
def test_an_excel_2003_xml_list_is_read_as_excel_shows_it(tmp_path, name):
    workbook = read_workbook(_file(tmp_path / name))
    assert workbook.kind == "xml" and [s.name for s in workbook.sheets] == ["Danh sách", "Sheet2"]
    sheet = workbook.sheets[0]
    assert sheet.rows[0] == ["DANH SÁCH KHEN THƯỞNG"]
    assert sheet.rows[1] == [] and sheet.rows[2] == ["STT", "Họ và tên", "Chức vụ", "Phường", "Ngày quyết định"]
    assert (0, 0, 0, 4) in sheet.merged and (3, 3, 4, 3) in sheet.merged and (5, 3, 6, 3) in sheet.merged
    assert sheet.rows[3] == ["1", "Vũ Thị Ánh", "Tổ trưởng tổ dân phố số 5", "Bồ Đề", "28/07/2022"]
    assert sheet.rows[4] == ["2", "Ủy ban MTTQ Việt Nam huyện Tiên Lãng", "", "", "28/07/2022"]
    assert all(unicodedata.is_normalized("NFC", v) for row in sheet.rows for v in row)
    assert sheet.unsure == []


def test_it_imports_with_merged_wards_filled_down(tmp_path, book):
    ceremony = book.save_ceremony(Ceremony("Hội nghị"))
    plan = importer.plan_file(book, _file(tmp_path / "ds.xls"), ceremony.id)
    assert plan.problems == [], plan.problem_lines()
    importer.apply(book, plan)
    stored = {a.name: a for a in book.awardees(ceremony.id)}
    assert sorted(stored) == sorted(p[0] for p in PEOPLE)
    assert stored["Ủy ban MTTQ Việt Nam huyện Tiên Lãng"].ward == "Bồ Đề", "merged down from the row above"
    assert stored["Đỗ Thị Lũy"].position == "Chi hội trưởng Chi hội Phụ nữ"


@pytest.mark.parametrize(
    "body",
    [
        '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>',  # entities: refused outright
    ],
)
def test_a_hostile_xml_spreadsheet_is_refused_in_vietnamese(tmp_path, body):
    path = tmp_path / "x.xml"
    path.write_text(HEAD.replace("<?mso-application", body + "<?mso-application") + TAIL, encoding="utf-8")
    with pytest.raises(SpreadsheetError, match="không an toàn"):
        read_workbook(path)


def test_huge_indexes_and_merges_stay_in_the_size_of_the_data(tmp_path):
    rows = (
        '<Row ss:Index="2"><Cell><Data ss:Type="String">STT</Data></Cell><Cell><Data ss:Type="String">Họ và tên'
        '</Data></Cell></Row><Row><Cell ss:MergeDown="999999999" ss:MergeAcross="99999"><Data ss:Type="Number">1'
        '</Data></Cell><Cell ss:Index="99999999"><Data ss:Type="String">x</Data></Cell></Row>'
    )
    path = tmp_path / "lon.xml"
    path.write_text(HEAD + rows + TAIL, encoding="utf-8")
    sheet = read_workbook(path).sheets[0]
    assert sheet.rows[1] == ["STT", "Họ và tên"] and sheet.rows[2] == ["1"]
    with pytest.raises(SpreadsheetError, match="hơn 100.000 dòng"):
        path.write_text(HEAD + '<Row ss:Index="4000000000"><Cell/></Row>' + TAIL, encoding="utf-8")
        read_workbook(path)
