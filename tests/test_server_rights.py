"""A server book set up from the command line, and what each login may do there: a ward
clerk adds, edits and deletes their own ward's rows only, whether through the app, the
command line or plain SQL with their login."""

from __future__ import annotations

import psycopg
import pytest

from certificates.print_run import PrintRun
from models.domain.records import Awardee, AwardeeKind
from models.errors import NotAllowedError
from models.repos.book import CeremonyBook
from models.repos.print_book import PrintBook
from models.storage.pg_store import PgStore
from tests import sheet_files as S
from tests.test_cli import run_cli


def test_the_administrator_lists_checks_and_removes_logins(district_book):
    _, url, logins, _ = district_book
    listed = run_cli("server", "list", "--db", url)
    assert f"{logins['Bồ Đề']}: phường Bồ Đề" in listed.stdout
    assert "quan_long_bien: cán bộ quận" in listed.stdout
    checked = run_cli("server", "check", "--db", url)
    assert "Quyền theo phường đang bật." in checked.stdout and "lược đồ" in checked.stdout
    assert run_cli("server", "remove-clerk", logins["Ngọc Thụy"], "--db", url).returncode == 0
    assert logins["Ngọc Thụy"] not in run_cli("server", "list", "--db", url).stdout
    again = run_cli("server", "remove-clerk", logins["Ngọc Thụy"], "--db", url)
    assert again.returncode == 1 and "Không có cán bộ nào" in again.stderr and "Traceback" not in again.stderr


def test_a_ward_clerk_works_on_their_own_ward_only_through_the_app(district_book):
    cluster, _, logins, ceremony_id = district_book
    with PgStore(cluster.url("so_quan", logins["Bồ Đề"])) as store:
        book = CeremonyBook(store)
        everyone = {a.name: a for a in book.awardees(ceremony_id)}
        assert set(everyone) == {"Nguyễn Thị Thùy Dung", "Đoàn Văn Hùng"}  # the whole ceremony is seen
        mine = everyone["Nguyễn Thị Thùy Dung"]
        mine.position = "Tổ trưởng tổ dân phố số 5"
        assert book.update_awardee(mine).version == 2
        added = book.add_awardee(Awardee(ceremony_id, AwardeeKind.INDIVIDUAL, "Lê Quý Hòa", ward="Bồ Đề"))
        assert book.delete_awardees([added.id], {added.id: added.version})

        theirs = everyone["Đoàn Văn Hùng"]
        theirs.position = "Bí thư chi bộ"
        with pytest.raises(NotAllowedError, match="phường Ngọc Thụy"):
            book.update_awardee(theirs)
        with pytest.raises(NotAllowedError, match="không được xóa"):
            book.delete_awardees([theirs.id], {theirs.id: theirs.version})
        with pytest.raises(NotAllowedError, match="của phường mình"):
            book.add_awardee(Awardee(ceremony_id, AwardeeKind.INDIVIDUAL, "Người phường khác", ward="Ngọc Thụy"))
        with pytest.raises(NotAllowedError, match="cán bộ quận"):
            PrintRun(book, PrintBook(store), ceremony_id).number()  # numbering is the district's
        assert {a.name: a.position for a in book.awardees(ceremony_id)}["Đoàn Văn Hùng"] == ""


def test_plain_sql_with_a_clerks_login_cannot_touch_another_ward(district_book):
    cluster, _, logins, _ = district_book
    with psycopg.connect(cluster.url("so_quan", logins["Bồ Đề"]), autocommit=True) as conn:
        assert conn.execute("UPDATE awardee SET name = 'x' WHERE ward = 'Ngọc Thụy'").rowcount == 0
        assert conn.execute("DELETE FROM awardee WHERE ward = 'Ngọc Thụy'").rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO awardee (ceremony_id, kind, name, ward) VALUES (1, 'individual', 'x', 'Ngọc Thụy')"
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE awardee SET ward = 'Ngọc Thụy' WHERE ward = 'Bồ Đề'")  # moving a row out
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE decision SET number = 'x'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO clerk_ward (login, ward) VALUES (current_user, 'Ngọc Thụy')")
    with psycopg.connect(cluster.url("so_quan", "quan_long_bien"), autocommit=True) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM awardee ORDER BY id")]
    assert names == ["Nguyễn Thị Thùy Dung", "Đoàn Văn Hùng"]


def test_a_clerks_import_of_another_wards_list_lands_nothing(district_book, tmp_path):
    cluster, _, logins, ceremony_id = district_book
    people = [("Trần Văn Bình", "Tổ trưởng", "Tổ dân phố số 3", "Ngọc Thụy", "GPMB", "Mô hình")]
    path = S.write_xlsx(tmp_path / "ngoc_thuy.xlsx", S.table_rows(people, total=False))
    done = run_cli("import", str(path), "--db", cluster.url("so_quan", logins["Bồ Đề"]))
    assert done.returncode == 1
    assert "chỉ được nhập, sửa, xóa tập thể, cá nhân của phường mình" in done.stderr
    assert "Traceback" not in done.stderr
    with PgStore(cluster.url("so_quan", "quan_long_bien")) as store:
        assert len(CeremonyBook(store).awardees(ceremony_id)) == 2


def test_an_app_older_than_the_server_book_refuses_in_vietnamese(empty_server):
    cluster, url = empty_server
    never_set_up = run_cli("certificates", "--db", url, "--out", "/tmp/x.pdf")
    assert never_set_up.returncode == 1 and "chưa có sổ Vinh Danh" in never_set_up.stderr
    assert run_cli("server", "init", "--db", url).returncode == 0
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("UPDATE vinhdanh_schema SET version = version + 1")
    newer = run_cli("export", "--db", url, "--out", "/tmp/x.csv")
    assert newer.returncode == 1 and "mới hơn phiên bản Vinh Danh này" in newer.stderr
    assert "Traceback" not in newer.stderr
