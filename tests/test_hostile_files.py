"""Spreadsheets built to hurt: zip bombs, XML entity attacks, workbooks with macros.

Each is refused with a message naming the file, without reading more than a bounded amount
into memory (measured with tracemalloc) and without hanging (a generous wall-clock bound).
"""

from __future__ import annotations

import struct
import time
import tracemalloc
import zipfile
from collections.abc import Iterable
from pathlib import Path

import pytest

from models.errors import SpreadsheetError
from models.sheets import sheet, xlsx, xlsx_parts
from models.sheets.read import read_workbook
from tests import sheet_files as S

MiB = 1024 * 1024
HEAD = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
TAIL = b"</sheetData></worksheet>"


def _package(path: Path, replace: dict[str, Iterable[bytes]], extra: dict[str, bytes] | None = None) -> Path:
    """A working .xlsx (as Excel writes one) with some parts streamed in from chunks."""
    source = S.write_excel_package(
        path.with_suffix(".orig.xlsx"),
        '<row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>',
        ["<t>Họ và tên</t>"],
    )
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            if item.filename in replace:
                with out.open(item.filename, "w", force_zip64=True) as part:
                    for chunk in replace[item.filename]:
                        part.write(chunk)
            else:
                out.writestr(item, src.read(item))
        for name, data in (extra or {}).items():
            out.writestr(name, data)
    source.unlink()
    return path


def _spaces(mib: int) -> Iterable[bytes]:
    yield HEAD
    block = b" " * MiB
    for _ in range(mib):
        yield block
    yield TAIL


def _lie_about_size(path: Path, member: str, size: int) -> None:
    """Rewrite the sizes a zip declares for `member`, as a hand-made bomb would."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(member)
    local = info.header_offset
    assert data[local : local + 4] == b"PK\x03\x04"
    name = member.encode()
    central = data.index(b"PK\x01\x02")
    while data[central + 46 : central + 46 + len(name)] != name:
        central = data.index(b"PK\x01\x02", central + 4)
    for header, size_at, extra_len_at, name_len_at, fixed in ((local, 22, 28, 26, 30), (central, 24, 30, 28, 46)):
        data[header + size_at : header + size_at + 4] = struct.pack("<I", size)
        # force_zip64 keeps the real sizes in the zip64 extra field: rewrite that too.
        extra_at = header + fixed + struct.unpack_from("<H", data, header + name_len_at)[0]
        extra_end = extra_at + struct.unpack_from("<H", data, header + extra_len_at)[0]
        while extra_at < extra_end:
            tag, length = struct.unpack_from("<HH", data, extra_at)
            if tag == 1:
                struct.pack_into("<Q", data, extra_at + 4, size)
            extra_at += 4 + length
    path.write_bytes(bytes(data))


def _refused(path: Path, phrase: str, max_mib: int = 64, max_seconds: float = 60) -> str:
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(SpreadsheetError) as refused:
            read_workbook(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    elapsed = time.monotonic() - started
    message = refused.value.message
    assert path.name in message and phrase in message, message
    assert peak < max_mib * MiB, f"read {peak / MiB:.0f} MiB into memory before refusing"
    assert elapsed < max_seconds, f"took {elapsed:.0f} s to refuse"  # a hang, not a benchmark
    return message


def test_a_zip_bomb_that_declares_its_size_is_refused_before_unpacking(tmp_path):
    bomb = _package(tmp_path / "bom.xlsx", {"xl/worksheets/sheet1.xml": _spaces(210)})
    assert bomb.stat().st_size < 1 * MiB  # 210 MiB packed into a small attachment
    _refused(bomb, "lớn bất thường", max_mib=4, max_seconds=5)


def test_a_zip_bomb_that_lies_about_its_size_stops_at_the_size_it_declared(tmp_path):
    bomb = _package(tmp_path / "bom_doi.xlsx", {"xl/worksheets/sheet1.xml": _spaces(150)})
    _lie_about_size(bomb, "xl/worksheets/sheet1.xml", 4096)
    _refused(bomb, "bị hỏng", max_mib=8, max_seconds=10)


def test_a_cell_longer_than_excel_allows_is_refused(tmp_path):
    def one_huge_string():
        yield b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
        for _ in range(40):
            yield "Nguyễn Văn An ".encode() * 70_000  # about 1 MiB each
        yield b"</t></si></sst>"

    bomb = _package(tmp_path / "o_dai.xlsx", {"xl/sharedStrings.xml": one_huge_string()})
    _refused(bomb, "32.767 ký tự", max_mib=16)


def test_more_distinct_texts_than_the_limit_are_refused(tmp_path, monkeypatch):
    # The limit lowered from a million: the same code path, without building a million texts.
    monkeypatch.setattr(xlsx_parts, "MAX_SHARED_STRINGS", 1000)

    def many_strings():
        yield b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        yield b"".join(b"<si><t>%d</t></si>" % i for i in range(1200))
        yield b"</sst>"

    bomb = _package(tmp_path / "nhieu_chu.xlsx", {"xl/sharedStrings.xml": many_strings()})
    _refused(bomb, "một triệu chữ", max_mib=16)


def test_rows_past_the_limit_are_refused_while_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_ROWS", 1000)  # lowered from 100,000, the same check
    monkeypatch.setattr(sheet, "MAX_ROWS", 1000)

    def rows():
        yield HEAD
        yield b"".join(
            b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>An</t></is></c></row>' % (n, n) for n in range(1, 1501)
        )
        yield TAIL

    bomb = _package(tmp_path / "dai.xlsx", {"xl/worksheets/sheet1.xml": rows()})
    _refused(bomb, "1.000 dòng", max_mib=16)


# -- XML entity attacks ---------------------------------------------------------------------


def _laughs() -> bytes:
    entities = [b'<!ENTITY lol "lol">']
    for i in range(1, 10):
        previous = b"lol" if i == 1 else b"lol%d" % (i - 1)
        entities.append(b'<!ENTITY lol%d "%s">' % (i, (b"&" + previous + b";") * 10))
    return b'<?xml version="1.0"?><!DOCTYPE lolz [' + b"".join(entities) + b"]>"


LAUGHS = _laughs()  # ten to the ninth "lol"s once expanded
EXTERNAL = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


@pytest.mark.parametrize("prolog", [LAUGHS, EXTERNAL], ids=["billion laughs", "external entity"])
def test_an_xlsx_declaring_entities_is_refused(tmp_path, prolog):
    sheet = prolog + HEAD[len(b'<?xml version="1.0"?>') :] + b'<row r="1"><c t="inlineStr"><is><t>&xxe;&lol9;'
    bomb = _package(tmp_path / "thuc_the.xlsx", {"xl/worksheets/sheet1.xml": [sheet, b"</t></is></c></row>", TAIL]})
    _refused(bomb, "độc hại", max_mib=4, max_seconds=5)


@pytest.mark.parametrize("prolog", [LAUGHS, EXTERNAL], ids=["billion laughs", "external entity"])
def test_an_ods_declaring_entities_is_refused(tmp_path, prolog):
    source = S.write_ods(tmp_path / "goc.ods", S.table_rows())
    path = tmp_path / "thuc_the.ods"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "content.xml":
                body = data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data
                data = prolog + body.replace(b"Nguy", b"&lol9;&xxe;Nguy", 1)
            out.writestr(item, data)
    _refused(path, "không an toàn", max_mib=8, max_seconds=5)


# -- macros ------------------------------------------------------------------------------------


# An .xlsm renamed .xlsx is refused in tests/test_import.py (BROKEN["macros"]).


def test_an_xls_with_a_vba_project_is_refused(tmp_path):
    source = S.write_xls(tmp_path / "goc.xls", S.table_rows())
    data = bytearray(source.read_bytes())
    root = data.index("Root Entry".encode("utf-16-le"))
    # The compound file's first unused directory entry becomes the storage where Excel
    # keeps a workbook's VBA, linked as the right sibling of the Workbook stream.
    entries = [root + 128 * i for i in range(4)]
    free = next(e for e in entries if data[e + 66] == 0)
    name = "_VBA_PROJECT_CUR\x00".encode("utf-16-le")
    data[free : free + 128] = bytes(128)
    data[free : free + len(name)] = name
    struct.pack_into("<HBB3I", data, free + 64, len(name), 1, 1, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
    workbook = next(e for e in entries if data[e : e + 16] == "Workbook".encode("utf-16-le"))
    struct.pack_into("<I", data, workbook + 72, entries.index(free))
    path = tmp_path / "co_macro.xls"
    path.write_bytes(bytes(data))
    _refused(path, "macro")


def test_an_ods_with_basic_macros_is_refused(tmp_path):
    source = S.write_ods(tmp_path / "goc.ods", S.table_rows())
    path = tmp_path / "co_macro.ods"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w") as out:
        for item in src.infolist():
            out.writestr(item, src.read(item))
        out.writestr("Basic/Standard/Module1.xml", '<script:module script:name="Module1">Shell("cmd")</script:module>')
    _refused(path, "macro")


def test_the_same_workbooks_without_the_attack_still_read(tmp_path):
    """The checks above refuse the attack, not the file around it."""
    clean = _package(tmp_path / "sach.xlsx", {})
    assert read_workbook(clean).sheets[0].rows[0] == ["Họ và tên"]
    source = S.write_xls(tmp_path / "goc.xls", S.table_rows())
    assert any("Nguyễn" in " ".join(r) for r in read_workbook(source).sheets[0].rows)
    ods = S.write_ods(tmp_path / "goc.ods", S.table_rows())
    assert any("Nguyễn" in " ".join(r) for r in read_workbook(ods).sheets[0].rows)


_ONE_CELL = b'<c t="inlineStr"><is><t>x</t></is></c>'
FAR_APART = {
    "plain": (
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>An</t></is></c></row>'
        b'<row r="99999"><c r="B99999" t="inlineStr"><is><t>B</t></is></c>'
        b'<c r="ZZ99999" t="inlineStr"><is><t>xa</t></is></c></row>',
        "99999 ['An'] ['', 'B']",
    ),
    "single quotes": (
        b"<row r='1'><c r='A1' t='inlineStr'><is><t>An</t></is></c></row>"
        b"<row r='99999'><c r='B99999' t='inlineStr'><is><t>B</t></is></c>"
        b"<c r='ZZ99999' t='inlineStr'><is><t>xa</t></is></c></row>",
        "99999 ['An'] ['', 'B']",
    ),
    "spaced": (
        b'<row r = "1"><c r = "A1" t="inlineStr"><is><t>An</t></is></c></row>'
        b'<row r = "99999"><c r = "B99999" t="inlineStr"><is><t>B</t></is></c>'
        b'<c r = "ZZ99999" t="inlineStr"><is><t>xa</t></is></c></row>',
        "99999 ['An'] ['', 'B']",
    ),
    # Cells without a reference are counted on: 16,384 of them reach column XFD.
    "counted on": (
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>An</t></is></c></row>'
        b'<row r="99999">' + _ONE_CELL * 16384 + b"</row>",
        "99999 ['An'] " + str(["x"] * 200).replace(" ", ""),
    ),
}


@pytest.mark.parametrize("spelling", FAR_APART)
def test_two_cells_far_apart_do_not_make_a_grid_in_memory(tmp_path, spelling):
    """A1 and ZZ99999: a reader holding the sheet as one grid would ask for 70 million cells
    (2 GB and more), and a failed allocation in a native reader ends the app. The list is
    read within a 1 GiB address space, in its own process, however the references are
    spelled."""
    import subprocess
    import sys

    far, expected = FAR_APART[spelling]
    path = _package(tmp_path / "xa_nhau.xlsx", {"xl/worksheets/sheet1.xml": [HEAD, far, TAIL]})
    probe = (
        "import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30)); "
        "from pathlib import Path; from models.sheets.read import read_workbook; "
        f"rows = read_workbook(Path({str(path)!r})).sheets[0].rows; "
        "print(len(rows), str(rows[0]).replace(' ', ''), str(rows[-1]).replace(' ', ''))"
    )
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", probe], cwd=root, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.split() == expected.replace(", ", ",").split()


def test_a_second_reference_in_one_cell_is_refused_not_believed(tmp_path):
    """<c r="A1" r="ZZZ99999">: not well-formed XML. A reader keeping the last r would build
    a grid of 1.8 billion cells; the clerk is told the file is damaged instead."""
    import subprocess
    import sys

    twice = (
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>An</t></is></c></row>'
        b'<row r="99999"><c r="A1" r="ZZZ99999" t="inlineStr"><is><t>xa</t></is></c></row>'
    )
    path = _package(tmp_path / "hai_lan.xlsx", {"xl/worksheets/sheet1.xml": [HEAD, twice, TAIL]})
    probe = (
        "import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30)); "
        "from pathlib import Path; from models.errors import SpreadsheetError; "
        "from models.sheets.read import read_workbook\n"
        "try:\n"
        f"    read_workbook(Path({str(path)!r}))\n"
        "except SpreadsheetError as exc:\n"
        "    print(exc)"
    )
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", probe], cwd=root, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-500:]
    assert "hai_lan.xlsx" in done.stdout and "hỏng" in done.stdout
