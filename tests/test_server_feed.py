"""Other clerks' changes reach an open book within a second (LISTEN/NOTIFY)."""

from __future__ import annotations

import time

from models.domain.changes import Kind
from models.domain.records import Awardee, AwardeeKind, AwardForm, Decision
from models.repos.book import CeremonyBook
from models.server.feed import ChangeFeed, changes_from
from models.storage.pg_store import PgStore


def _heard(feed: ChangeFeed, book: CeremonyBook, own_pid: int, within: float = 1.0):
    """What the feed hears within `within` seconds, as the pages would be told."""
    start = time.perf_counter()
    heard: list = []
    took = within
    while time.perf_counter() - start < within:
        events = feed.wait(timeout=0.2)
        assert events is not None
        if events:
            took = min(took, time.perf_counter() - start)
        elif heard:
            break  # quiet again: a burst (an import) has arrived whole
        heard += events
    return changes_from(book, heard, own_pid), took


def test_a_clerks_edit_reaches_the_district_window_within_a_second(district_book):
    cluster, _, logins, ceremony_id = district_book
    district_url = cluster.url("so_quan", "quan_long_bien")
    with PgStore(district_url) as mine, PgStore(cluster.url("so_quan", logins["Bồ Đề"])) as theirs:
        feed = ChangeFeed(mine)
        try:
            book, clerk = CeremonyBook(mine), CeremonyBook(theirs)
            dung = next(a for a in clerk.awardees(ceremony_id) if a.ward == "Bồ Đề")
            dung.position = "Tổ phó"
            clerk.update_awardee(dung)
            said, took = _heard(feed, book, mine.pid)
            assert took < 1.0
            assert len(said) == 1 and said[0].kinds == {Kind.AWARDEE}
            assert said[0].upserted[0].position == "Tổ phó" and said[0].by == logins["Bồ Đề"]

            added = clerk.add_awardee(Awardee(ceremony_id, AwardeeKind.INDIVIDUAL, "Lê Quý Hòa", ward="Bồ Đề"))
            clerk.delete_awardees([added.id], {added.id: added.version})
            said, _ = _heard(feed, book, mine.pid)
            # The add and the delete may arrive together: the record is gone either way.
            assert added.id in said[-1].removed or not said[-1].upserted

            # The window's own writes are not heard as someone else's.
            mine_too = book.awardee(dung.id)
            mine_too.notes = "Đã xác minh"
            book.update_awardee(mine_too)
            assert _heard(feed, book, mine.pid, within=0.5)[0] == []

            # A decision changed by the district elsewhere: the lists re-read it.
            with PgStore(district_url) as other:
                CeremonyBook(other).save_decision(Decision(ceremony_id, AwardForm.BANG_KHEN, number="9/QĐ"))
            said, _ = _heard(feed, book, mine.pid)
            assert said[0].kinds == {Kind.DECISION} and said[0].wholesale
        finally:
            feed.close()


def test_a_large_import_is_heard_as_re_read_the_list(district_book):
    cluster, _, logins, ceremony_id = district_book
    district_url = cluster.url("so_quan", "quan_long_bien")
    with PgStore(district_url) as mine, PgStore(cluster.url("so_quan", logins["Ngọc Thụy"])) as theirs:
        feed = ChangeFeed(mine)
        try:
            people = [
                (Awardee(ceremony_id, AwardeeKind.INDIVIDUAL, f"Người {i}", ward="Ngọc Thụy"), None) for i in range(600)
            ]
            CeremonyBook(theirs).import_records(ceremony_id, awardees=people)
            said, _ = _heard(feed, CeremonyBook(mine), mine.pid)
            assert said[0].kinds == {Kind.AWARDEE} and said[0].wholesale and not said[0].upserted
        finally:
            feed.close()
