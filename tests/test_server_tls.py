"""A ward's machine reaches the district's server over the network: the connection is
encrypted whenever the server offers TLS, without the clerk writing anything into the
address, and `server check` says whether it is."""

from __future__ import annotations

import pytest

from models.domain.records import Ceremony
from models.repos.book import CeremonyBook
from models.storage.pg_store import PgStore
from tests import pg_server
from tests.test_cli import run_cli


@pytest.fixture(scope="module")
def tls_cluster():
    pg_server.require()
    cluster = pg_server.Cluster(tls=True)
    try:
        with cluster.admin() as conn:
            conn.execute("CREATE DATABASE so_quan")
        yield cluster
    finally:
        cluster.stop()


def test_a_plain_address_is_encrypted_where_the_server_offers_tls(tls_cluster):
    # The server refuses unencrypted TCP logins (hostnossl … reject): the book opening at
    # all shows the app left libpq's TLS on.
    url = tls_cluster.tcp_url("so_quan")
    assert run_cli("server", "init", "--db", url).returncode == 0
    with PgStore(url) as store:
        CeremonyBook(store).save_ceremony(Ceremony("Hội nghị biểu dương điển hình “Dân vận khéo”"))
        cipher = store.read().execute("SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()").fetchone()
    assert cipher[0] is True and cipher[1].startswith("TLS")
    checked = run_cli("server", "check", "--db", url)
    assert checked.returncode == 0, checked.stderr
    assert "Kết nối được mã hóa (TLS)." in checked.stdout


def test_check_names_an_unencrypted_connection(tls_cluster):
    checked = run_cli("server", "check", "--db", tls_cluster.url("so_quan"))  # the Unix socket
    assert checked.returncode == 0, checked.stderr
    assert "Kết nối KHÔNG mã hóa" in checked.stdout


def test_an_address_turning_tls_off_is_told_why_the_server_refuses_it(tls_cluster):
    opened = run_cli("server", "check", "--db", tls_cluster.tcp_url("so_quan") + "?sslmode=disable")
    assert opened.returncode != 0
    assert "Traceback" not in opened.stderr
    assert "chỉ nhận kết nối mã hóa (TLS)" in opened.stderr and "sslmode=disable" in opened.stderr
