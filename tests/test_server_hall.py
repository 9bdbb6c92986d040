"""The hall without network: the server book copied to one file for the MC's laptop, and
the ceremony's live state brought back to the server afterwards."""

from __future__ import annotations

import datetime as dt

from models.repos.book import CeremonyBook
from models.repos.order_book import OrderBook
from models.sample import build_sample
from models.storage.pg_store import PgStore
from models.storage.store import Store
from tests.test_cli import run_cli


def _sample_on_server(pg_cluster) -> tuple[str, int]:
    url = pg_cluster.fresh_database()
    with PgStore(url) as store:
        book = CeremonyBook(store)
        build_sample(book)
        ceremony_id = book.ceremonies()[0].id
        orders = OrderBook(store)
        orders.save(orders.current(book, ceremony_id).order)  # the order the MC will read
    return url, ceremony_id


def test_the_hall_copy_holds_the_whole_book_and_its_marks_come_back(pg_cluster, tmp_path):
    url, ceremony_id = _sample_on_server(pg_cluster)
    hall_file = tmp_path / "hoi-truong.sqlite"
    done = run_cli("server", "export", "--out", str(hall_file), "--db", url)
    assert done.returncode == 0, done.stderr
    assert "Đã chép sổ ra" in done.stdout

    with PgStore(url) as server, Store(hall_file) as hall:
        on_server, in_hall = CeremonyBook(server), CeremonyBook(hall)
        assert [c.title for c in in_hall.ceremonies()] == [c.title for c in on_server.ceremonies()]
        for c in on_server.ceremonies():
            assert in_hall.awardees(c.id) == on_server.awardees(c.id)
            assert [a.version for a in in_hall.awardees(c.id)] == [a.version for a in on_server.awardees(c.id)]
            assert in_hall.decisions(c.id) == on_server.decisions(c.id)
        assert in_hall.fields() == on_server.fields()
        # The MC runs the show on the laptop: two absent, the fifth step reached.
        orders = OrderBook(hall)
        order = orders.current(in_hall, ceremony_id).order
        absent = [order.batches[0].refs[1], order.batches[1].refs[0]]
        for ref in absent:
            orders.set_absent(ceremony_id, ref, True)
        orders.set_live_step(ceremony_id, 5, dt.datetime(2026, 12, 1, 8, 30))

    back = run_cli("server", "bring-back", "--from", str(hall_file), "--db", url)
    assert back.returncode == 0, back.stderr
    assert f"Hội nghị số {ceremony_id}: đến bước 5, 2 người vắng mặt." in back.stdout
    with PgStore(url) as server:
        order = OrderBook(server).current(CeremonyBook(server), ceremony_id).order
        assert order.absent == set(absent) and order.live_step == 5


def test_marks_are_not_brought_back_onto_an_order_changed_since(pg_cluster, tmp_path):
    url, ceremony_id = _sample_on_server(pg_cluster)
    hall_file = tmp_path / "hoi-truong.sqlite"
    assert run_cli("server", "export", "--out", str(hall_file), "--db", url).returncode == 0
    with Store(hall_file) as hall:
        orders = OrderBook(hall)
        order = orders.current(CeremonyBook(hall), ceremony_id).order
        orders.set_absent(ceremony_id, order.batches[0].refs[0], True)
    with PgStore(url) as server:
        orders = OrderBook(server)
        order = orders.current(CeremonyBook(server), ceremony_id).order
        order.batches[0].refs.reverse()  # the district reorders the first batch meanwhile
        orders.save(order)
    back = run_cli("server", "bring-back", "--from", str(hall_file), "--db", url)
    assert back.returncode == 1 and "đã thay đổi sau khi chép ra hội trường" in back.stderr
    with PgStore(url) as server:
        assert OrderBook(server).current(CeremonyBook(server), ceremony_id).order.absent == set()
