"""The import command, and the importer fed random bytes and random cells."""

from __future__ import annotations

import os
import sqlite3
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.domain.records import AwardForm, Ceremony, Decision
from models.errors import BookError
from models.importing import importer
from models.repos.book import CeremonyBook
from models.repos.rows import cleaned
from models.storage.store import Store
from tests import sheet_files as S
from tests.test_cli import run_cli


def _dump(db) -> list[str]:
    with sqlite3.connect(db) as conn:
        return list(conn.iterdump())


def _book_with_ceremony(db) -> None:
    with Store(db) as store:
        book = CeremonyBook(store)
        c = book.save_ceremony(Ceremony("Hội nghị điển hình “Dân vận khéo”"))
        book.save_decision(Decision(c.id, AwardForm.GIAY_KHEN))


def test_import_command_prints_what_it_did(tmp_path):
    db = tmp_path / "so.sqlite"
    _book_with_ceremony(db)
    path = S.write_xlsx(tmp_path / "ds.xlsx", S.table_rows())
    result = run_cli("import", str(path), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "Đã nhập 5 tập thể, cá nhân (2 tập thể, 3 cá nhân)." in result.stdout
    assert "đoán 2 tập thể theo tên" in result.stdout

    again = run_cli("import", str(path), "--db", str(db))  # the same list twice
    assert again.returncode == 0
    assert "Bỏ qua dòng 5 “Chi hội Phụ nữ tổ dân phố số 5”: đã có trong danh sách" in again.stdout
    assert "Đã nhập 0 mục. Bỏ qua 5 dòng trùng." in again.stdout


def test_import_command_on_a_bad_file_fails_and_leaves_the_database_as_it_was(tmp_path):
    db = tmp_path / "so.sqlite"
    _book_with_ceremony(db)
    before = _dump(db)
    rows = S.table_rows()
    rows[3].append("Hình thức khen thưởng")
    rows[6].append("Kỷ niệm chương")
    bad = S.write_xlsx(tmp_path / "sai.xlsx", rows)
    result = run_cli("import", str(bad), "--db", str(db))
    assert result.returncode == 1
    assert "Tệp “sai.xlsx”, dòng 7, cột H (Hình thức khen thưởng): “Kỷ niệm chương”" in result.stderr
    assert "chưa nhập gì, dữ liệu giữ nguyên" in result.stderr and "Traceback" not in result.stderr

    garbage = tmp_path / "rac.xlsx"
    garbage.write_bytes(b"PK\x03\x04" + bytes(200))
    result = run_cli("import", str(garbage), "--db", str(db))
    assert result.returncode == 1 and "rac.xlsx" in result.stderr and "Traceback" not in result.stderr
    assert _dump(db) == before


# --- fuzz -------------------------------------------------------------------------------

_CEREMONY = 1
# FUZZ_EXAMPLES=1000 for a long run by hand; CI runs 60 of each.
_fuzz_settings = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def _accepts_or_explains(book, path) -> None:
    """The only outcomes allowed: a plan (which applies cleanly if it has no problems) or a BookError."""
    try:
        plan = importer.plan_file(book, path, _CEREMONY)
        if not plan.problems:
            result = importer.apply(book, plan)
            # The book stores imported texts without cleaning them again: they must
            # already be what entering them by hand would store.
            for record in (*result.records.awardees, *result.records.prizes):
                assert cleaned(record) == record
    except BookError as exc:
        assert exc.message and "Traceback" not in exc.message


@_fuzz_settings
@given(data=st.binary(max_size=4096), suffix=st.sampled_from([".xlsx", ".xls", ".ods", ".csv", ".txt"]))
def test_random_bytes_are_accepted_or_refused_clearly(book, tmp_path, data, suffix):
    book.save_ceremony(Ceremony("Hội nghị")) if not book.ceremonies() else None
    path = tmp_path / f"ngau_nhien{suffix}"
    path.write_bytes(data)
    _accepts_or_explains(book, path)


_HTML_PIECES = st.sampled_from(
    ["<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th>", '<td colspan="3">', '<td rowspan="999999">',
     '<td rowspan="x">', "<br>", "&amp;", "&#0;", "&#x110000;", "Họ và tên", "Nguyễn Văn An", "STT", "1", " "]
)  # fmt: skip


@_fuzz_settings
@given(pieces=st.lists(_HTML_PIECES, max_size=120))
def test_random_web_pages_are_accepted_or_refused_clearly(book, tmp_path, pieces):
    book.save_ceremony(Ceremony("Hội nghị")) if not book.ceremonies() else None
    path = tmp_path / "trang.xls"
    path.write_text("<html><body><table>" + "".join(pieces), "utf-8")
    _accepts_or_explains(book, path)


@_fuzz_settings
@given(data=st.binary(min_size=1, max_size=64), at=st.integers(min_value=0, max_value=10_000))
def test_damaged_real_workbooks_are_accepted_or_refused_clearly(book, tmp_path, data, at):
    book.save_ceremony(Ceremony("Hội nghị")) if not book.ceremonies() else None
    for kind, writer in (("xlsx", S.write_xlsx), ("ods", S.write_ods), ("xls", S.write_xls)):
        source = writer(tmp_path / f"goc.{kind}", S.table_rows())
        raw = bytearray(source.read_bytes())
        at %= len(raw)
        raw[at : at + len(data)] = data
        path = tmp_path / f"hong.{kind}"
        path.write_bytes(bytes(raw))
        _accepts_or_explains(book, path)


_VIETNAMESE_AND_LEGACY = "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯư¨©ª«¬®µ¶·¸¹»¼½¾ñø "
_cell = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=string.ascii_letters + _VIETNAMESE_AND_LEGACY, max_size=30),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.sampled_from(["Giấy khen", "Bằng khen", "Tập thể", "Cá nhân", "Giải A", "Tổng cộng", "I. TẬP THỂ", ""]),
)


@_fuzz_settings
@given(
    header=st.lists(st.sampled_from([*S.HEADER, "Hình thức khen thưởng", "Giải", "Tác phẩm", "Loại", "x"]), max_size=8),
    body=st.lists(st.lists(_cell, max_size=8), max_size=12),
    kind=st.sampled_from(["xlsx", "csv"]),
)
def test_random_cells_are_accepted_or_refused_clearly(book, tmp_path, header, body, kind):
    if not book.ceremonies():
        book.save_ceremony(Ceremony("Hội nghị"))
    rows = [["DANH SÁCH"], header, *body]
    clean_rows = [["".join(ch for ch in str(v) if ch.isprintable()) for v in row] for row in rows]
    if kind == "xlsx":
        path = S.write_xlsx(tmp_path / "ds.xlsx", clean_rows, merges=())
    else:
        path = tmp_path / "ds.csv"
        path.write_text(S.csv_text(rows), encoding="utf-8")
    before = len(book.awardees(_CEREMONY))
    _accepts_or_explains(book, path)
    for a in book.awardees(_CEREMONY)[before:]:
        assert a.name == a.name.strip() and a.name
