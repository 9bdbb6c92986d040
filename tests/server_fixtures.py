"""A server book as the README sets it up: an empty database, `server init`, a district
login and two ward clerks (Bồ Đề, Ngọc Thụy), with one awardee in each ward."""

from __future__ import annotations

import re

import pytest

from models.domain.records import Awardee, AwardeeKind, AwardForm, Ceremony, Decision
from models.repos.book import CeremonyBook
from models.storage.pg_store import PgStore
from tests.test_cli import run_cli


@pytest.fixture
def empty_server(pg_cluster):
    """A database with nothing in it, as an administrator gets it from IT."""
    name = "so_quan"
    with pg_cluster.admin() as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    yield pg_cluster, pg_cluster.url(name)
    pg_cluster.drop(pg_cluster.url(name))
    with pg_cluster.admin() as conn:  # logins belong to the whole cluster, not one database
        for (login,) in conn.execute(
            "SELECT r.rolname FROM pg_roles r JOIN pg_auth_members m ON m.member = r.oid"
            " JOIN pg_roles g ON g.oid = m.roleid WHERE g.rolname LIKE 'vinhdanh_%'"
        ).fetchall():
            conn.execute(f'DROP ROLE "{login}"')


def _login(output: str) -> str:
    found = re.search(r"Tên đăng nhập: (\S+)", output)
    assert found, output
    return found.group(1)


@pytest.fixture
def district_book(empty_server):
    """The book set up as the README says: init, a district login, two ward clerks."""
    cluster, url = empty_server
    done = run_cli("server", "init", "--db", url)
    assert done.returncode == 0, done.stderr
    assert "đã sẵn sàng" in done.stdout
    logins = {}
    for ward in ("Bồ Đề", "Ngọc Thụy"):
        added = run_cli("server", "add-clerk", "--ward", ward, "--db", url)
        assert added.returncode == 0, added.stderr
        assert "Mật khẩu:" in added.stdout and "chỉ hiện lần này" in added.stdout
        logins[ward] = _login(added.stdout)
    district = run_cli("server", "add-clerk", "--district", "--login", "quan_long_bien", "--db", url)
    assert district.returncode == 0, district.stderr
    with PgStore(cluster.url("so_quan", "quan_long_bien")) as store:
        book = CeremonyBook(store)
        c = book.save_ceremony(Ceremony("Hội nghị biểu dương điển hình “Dân vận khéo”"))
        book.save_decision(Decision(c.id, AwardForm.GIAY_KHEN, number="125/QĐ-UBND"))
        for name, ward in (("Nguyễn Thị Thùy Dung", "Bồ Đề"), ("Đoàn Văn Hùng", "Ngọc Thụy")):
            book.add_awardee(Awardee(c.id, AwardeeKind.INDIVIDUAL, name, ward=ward, decision_id=1))
    return cluster, url, logins, c.id
