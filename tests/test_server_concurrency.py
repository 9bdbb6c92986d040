"""Fifteen ward clerks on one server book at the same time, each a real process."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from models.domain.records import AwardeeKind, AwardForm, Ceremony, Decision
from models.errors import ConflictError
from models.ops.records import EditRecord, RecordStore
from models.repos.book import CeremonyBook
from models.sample import build_sample
from models.storage.pg_store import PgStore
from tests import sheet_files as S
from tests.test_book import person

CLERKS = 15
WORKER = Path(__file__).resolve().parent / "server_worker.py"


@pytest.fixture
def server_url(pg_cluster):
    url = pg_cluster.fresh_database()
    yield url
    pg_cluster.drop(url)


def _all_at_once(commands: list[list[str]]) -> list[dict]:
    """Start every clerk before waiting for any: they work at the same time."""
    processes = [
        subprocess.Popen([sys.executable, str(WORKER), *c], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for c in commands
    ]
    results = []
    for p in processes:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err[-2000:]
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


def test_fifteen_clerks_editing_the_same_records_lose_no_edit(server_url):
    with PgStore(server_url) as store:
        book = CeremonyBook(store)
        c = book.save_ceremony(Ceremony("Hội nghị biểu dương điển hình “Dân vận khéo”"))
        ids = [book.add_awardee(person(c, f"Người {i}")).id for i in range(5)]
    results = _all_at_once([["edit", server_url, f"to{n}", "100", *map(str, ids)] for n in range(CLERKS)])

    saved = [tuple(s) for r in results for s in r["saved"]]
    conflicts = sum(r["conflicts"] for r in results)
    assert len(saved) + conflicts == CLERKS * 100  # every edit saved or said
    assert conflicts > 0, "the clerks never raced: the test proves nothing"
    # Each version of a record was written by exactly one save: none went over another.
    assert len({(i, v) for i, v, _ in saved}) == len(saved)
    with PgStore(server_url) as store:
        book = CeremonyBook(store)
        for record_id in ids:
            now = book.awardee(record_id)
            mine = [s for s in saved if s[0] == record_id]
            assert now.version == 1 + len(mine)  # versions 2… each one save that landed
            assert now.position == max(mine, key=lambda s: s[1])[2]  # the last save is what is there


def test_fifteen_imports_at_once_land_every_row(server_url, tmp_path):
    with PgStore(server_url) as store:
        book = CeremonyBook(store)
        c = book.save_ceremony(Ceremony("Hội nghị"))
        book.save_decision(Decision(c.id, AwardForm.GIAY_KHEN))
    files = []
    for n in range(CLERKS):
        people = [(f"Nguyễn Văn Ba {n}-{i}", "Tổ trưởng", f"Tổ dân phố số {i}", "Bồ Đề", "GPMB", "Mô hình")
                  for i in range(40)]  # fmt: skip
        files.append(S.write_xlsx(tmp_path / f"phuong{n}.xlsx", S.table_rows(people, total=False)))
    results = _all_at_once([["import", server_url, f"to{n}", str(f)] for n, f in enumerate(files)])
    assert [r["imported"] for r in results] == [40] * CLERKS
    with PgStore(server_url) as store:
        stored = CeremonyBook(store).awardees(c.id)
    assert len(stored) == CLERKS * 40
    assert len({a.id for a in stored}) == CLERKS * 40


def test_fifteen_print_runs_at_once_give_each_awardee_one_number(server_url):
    with PgStore(server_url) as store:
        build_sample(CeremonyBook(store))
    ceremony_id = 1
    start_at = str(time.time() + 4)  # every clerk has prepared by then
    results = _all_at_once([["number", server_url, f"to{n}", str(ceremony_id), start_at] for n in range(CLERKS)])
    first = results[0]["numbers"]
    assert first and all(r["numbers"] == first for r in results)  # every run printed the same numbers
    assert len(set(first.values())) == len(first)  # all distinct
    with PgStore(server_url) as store:
        book = CeremonyBook(store)
        held = {str(a.id): a.register_no for a in book.awardees(ceremony_id) if a.register_no}
        given = store.read().execute("SELECT series, number FROM register_given").fetchall()
    assert {k: held[k] for k in first} == first
    assert not [k for k, n in Counter(map(tuple, given)).items() if n > 1]


def test_an_edit_from_an_older_reading_is_refused_with_what_changed(server_url):
    with PgStore(server_url) as one, PgStore(server_url) as other:
        mine, theirs = CeremonyBook(one), CeremonyBook(other)
        c = mine.save_ceremony(Ceremony("Hội nghị"))
        dung = mine.add_awardee(person(c, "Nguyễn Thị Thùy Dung", position="Tổ trưởng"))
        seen_by_them = theirs.awardee(dung.id)
        dung.position = "Bí thư chi bộ"
        seen_by_them.position = "Tổ phó"
        theirs.update_awardee(seen_by_them)
        with pytest.raises(ConflictError) as refused:
            mine.update_awardee(dung)
        said = refused.value.message
        assert "“Nguyễn Thị Thùy Dung” vừa được postgres sửa lúc" in said
        assert "Chức vụ “Tổ phó”. Bản của bạn: “Bí thư chi bộ”" in said
        assert mine.awardee(dung.id).position == "Tổ phó"  # theirs stands
        # Deleting what I saw before their edit is refused too, and deletes nothing.
        with pytest.raises(ConflictError):
            mine.delete_awardees([dung.id], {dung.id: dung.version})
        assert mine.awardee(dung.id).kind is AwardeeKind.INDIVIDUAL


def test_undo_of_an_edit_someone_has_since_changed_is_refused(server_url):
    with PgStore(server_url) as one, PgStore(server_url) as other:
        mine, theirs = CeremonyBook(one), CeremonyBook(other)
        c = mine.save_ceremony(Ceremony("Hội nghị"))
        before = mine.add_awardee(person(c, "Lê Quý Hòa", position="Tổ trưởng"))
        after = mine.awardee(before.id)
        after.position = "Tổ phó"
        edit = EditRecord(RecordStore.awardees(mine), before, after, "sửa")
        edit.do()
        again = theirs.awardee(before.id)
        again.unit = "Tổ dân phố số 9"
        theirs.update_awardee(again)
        with pytest.raises(ConflictError) as refused:
            edit.undo()
        assert "Tổ dân phố số 9" in refused.value.message
        assert mine.awardee(before.id).unit == "Tổ dân phố số 9"  # their change stands


def test_a_page_re_read_after_their_save_saves_without_a_false_conflict(server_url):
    """This app's own last write must not outweigh a newer version it has read since."""
    from dataclasses import replace

    from models.ops.entities import SaveRecord

    with PgStore(server_url) as one, PgStore(server_url) as other:
        mine, theirs = CeremonyBook(one), CeremonyBook(other)
        c = mine.save_ceremony(Ceremony("Hội nghị"))
        d = mine.save_decision(Decision(c.id, AwardForm.GIAY_KHEN, number="1/QĐ"))
        SaveRecord.decision(mine, replace(d, number="2/QĐ")).do()
        theirs.save_decision(replace(theirs.decisions(c.id)[0], signer_name="Nguyễn Văn Hà"))
        re_read = mine.decisions(c.id)[0]  # the page re-reads, as the change feed makes it
        SaveRecord.decision(mine, replace(re_read, number="3/QĐ")).do()
        now = theirs.decisions(c.id)[0]
        assert (now.number, now.signer_name) == ("3/QĐ", "Nguyễn Văn Hà")


def test_an_order_arranged_meanwhile_by_another_organiser_is_not_written_over(server_url):
    from models.repos.order_book import OrderBook

    one, other, mine, theirs, my_order = _two_organisers(server_url)
    with one, other:
        stored = my_order.copy()
        their_order = theirs.current(CeremonyBook(other), 1).order
        their_order.batches[0].refs.reverse()
        theirs.save(their_order, theirs.held(1))
        my_order.batches[1].refs.reverse()
        with pytest.raises(ConflictError, match="vừa được người khác sửa trên máy chủ"):
            mine.save(my_order, stored)
        now = OrderBook(other).current(CeremonyBook(other), 1).order
        assert now.batches[0].refs == their_order.batches[0].refs  # theirs stands
        assert now.batches[1].refs == stored.batches[1].refs  # mine was not written


def _two_organisers(server_url):
    from models.repos.order_book import OrderBook

    with PgStore(server_url) as store:
        book = CeremonyBook(store)
        build_sample(book)
        orders = OrderBook(store)
        orders.save(orders.current(book, 1).order)
    one, other = PgStore(server_url), PgStore(server_url)
    mine, theirs = OrderBook(one), OrderBook(other)
    return one, other, mine, theirs, mine.current(CeremonyBook(one), 1).order


def test_wording_changed_meanwhile_by_another_organiser_is_not_written_over(server_url):
    """Who hands over a batch and what the MC says are the organisers' work as much as the
    arrangement: a save from an older reading is refused, theirs stands, nothing of mine lands."""
    from models.repos.order_book import OrderBook

    one, other, mine, theirs, my_order = _two_organisers(server_url)
    with one, other:
        stored = my_order.copy()
        their_order = theirs.current(CeremonyBook(other), 1).order
        their_order.batches[0].leader_name = "Lê Trí Vũ"
        their_order.opening = "Kính thưa các đồng chí lãnh đạo quận"
        theirs.save(their_order, theirs.held(1))

        my_order.batches[0].intro = "Xin trân trọng kính mời"  # another field of the same batch
        with pytest.raises(ConflictError, match="người trao hay lời dẫn"):
            mine.save(my_order, stored)
        my_order = stored.copy()
        my_order.opening = "Kính thưa quý vị đại biểu"  # the same wording, read before theirs
        with pytest.raises(ConflictError):
            mine.save(my_order, stored)

        now = OrderBook(other).load(1)
        assert now.batches[0].leader_name == "Lê Trí Vũ" and now.batches[0].intro == stored.batches[0].intro
        assert now.opening == "Kính thưa các đồng chí lãnh đạo quận"

        # Re-read (as the page does on the change feed), the same edit saves.
        again = mine.current(CeremonyBook(one), 1).order
        base = again.copy()
        again.opening = "Kính thưa quý vị đại biểu"
        mine.save(again, base)
        assert OrderBook(other).load(1).opening == "Kính thưa quý vị đại biểu"


def test_the_show_moving_on_does_not_refuse_an_organisers_wording(server_url):
    """The MC's screen writes where the show is while the organiser edits: not a conflict."""
    one, other, mine, theirs, my_order = _two_organisers(server_url)
    with one, other:
        stored = my_order.copy()
        theirs.set_live_step(1, 3)
        theirs.set_absent(1, stored.batches[0].refs[0], True)
        my_order.closing = "Xin chúc mừng các tập thể, cá nhân"
        mine.save(my_order, stored)
        now = theirs.load(1)
        assert now.closing == "Xin chúc mừng các tập thể, cá nhân"
        assert now.live_step == 3 and stored.batches[0].refs[0] in now.absent  # the stage's kept too


def test_a_template_saved_meanwhile_by_another_organiser_is_not_written_over(server_url):
    """Two organisers have the Giấy khen template open; the second save, made from the older
    reading, is refused and says so; undo of mine once theirs is saved on top is refused too."""
    from models.ops.entities import SaveTemplate
    from models.repos.print_book import PrintBook

    with PgStore(server_url) as store:
        build_sample(CeremonyBook(store))
    with PgStore(server_url) as one, PgStore(server_url) as other:
        mine, theirs = PrintBook(one), PrintBook(other)
        my_read = mine.template(1, AwardForm.GIAY_KHEN)
        their_read = theirs.template(1, AwardForm.GIAY_KHEN)

        their_edit = theirs.template(1, AwardForm.GIAY_KHEN)
        their_edit.individual_prefix = "Đồng chí"
        SaveTemplate(theirs, 1, AwardForm.GIAY_KHEN, their_edit, their_read).do()

        my_edit = mine.template(1, AwardForm.GIAY_KHEN)
        my_edit.individual_prefix = my_read.individual_prefix
        my_edit.lead = "Khen thưởng"
        with pytest.raises(ConflictError, match="Mẫu Giấy khen vừa được người khác sửa"):
            SaveTemplate(mine, 1, AwardForm.GIAY_KHEN, my_edit, my_read).do()
        now = theirs.template(1, AwardForm.GIAY_KHEN)
        assert now.individual_prefix == "Đồng chí" and now.lead == my_read.lead

        # Made from what the book holds now, mine saves; theirs, undone after it, is refused.
        fresh = mine.template(1, AwardForm.GIAY_KHEN)
        step = SaveTemplate(mine, 1, AwardForm.GIAY_KHEN, replace(fresh, lead="Khen thưởng"), fresh)
        step.do()
        their_step = SaveTemplate(theirs, 1, AwardForm.GIAY_KHEN, their_edit, their_read)
        their_step.after = now
        with pytest.raises(ConflictError):
            their_step.undo()
        assert theirs.template(1, AwardForm.GIAY_KHEN).lead == "Khen thưởng"
        step.undo()  # my own undo, nobody in between: done
        assert theirs.template(1, AwardForm.GIAY_KHEN) == now
