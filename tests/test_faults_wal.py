"""A window killed with commits still in its WAL, then the book file replaced by hand: the
leftover WAL must never be replayed into the file put there (#15 item 7)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from models.domain.records import Awardee, AwardeeKind, Ceremony
from models.repos.book import CeremonyBook
from models.storage.store import Store
from tests import fault_worker


def _book_with(db: Path, names: list[str]) -> None:
    with Store(db, backups=False) as store:
        book = CeremonyBook(store)
        c = book.save_ceremony(Ceremony("Sơ kết 6 tháng đầu năm"))
        book.add_awardees([Awardee(c.id, AwardeeKind.INDIVIDUAL, n) for n in names])


def _one_more_session(db: Path) -> None:
    with Store(db, backups=False) as store:
        book = CeremonyBook(store)
        c = book.save_ceremony(Ceremony("Tổng kết năm"))
        book.add_awardees([Awardee(c.id, AwardeeKind.COLLECTIVE, f"Tổ dân phố số {i}") for i in range(1, 40)])


def _killed_while_entering(db: Path, commits: int = 30) -> dict[int, str]:
    """The window of a clerk entering names, killed after `commits` saved entries."""
    proc, lines = fault_worker.start(["entry", str(db)], until="committed")
    deadline = time.monotonic() + 60
    while sum(line.startswith("committed") for line in list(lines)) < commits and time.monotonic() < deadline:
        time.sleep(0.005)
    proc.kill()
    proc.wait(timeout=30)
    proc.reader.join(timeout=30)
    reported = {}
    for line in lines:
        if line.startswith("committed "):
            _, awardee_id, name = line.rstrip("\n").split(" ", 2)
            reported[int(awardee_id)] = name
    assert os.path.getsize(f"{db}-wal") > 0, "the kill left commits in the WAL"
    return reported


def _names(store: Store) -> list[str]:
    book = CeremonyBook(store)
    return sorted(a.name for c in book.ceremonies() for a in book.awardees(c.id))


OLD = ["Nguyễn Văn An", "Trần Thị Bích", "Lê Văn Cường"]


@pytest.mark.parametrize("how", ["moved over", "copied over"])
def test_a_book_put_back_by_hand_after_a_kill_is_opened_as_it_is(tmp_path, how):
    db, older = tmp_path / "so.sqlite", tmp_path / "ban-cu.sqlite"
    _book_with(db, OLD)
    shutil.copyfile(db, older)
    _one_more_session(db)  # the WAL of the window killed next starts from this state
    _killed_while_entering(db)
    if how == "moved over":
        os.replace(older, db)  # another file at the path
    else:
        shutil.copyfile(older, db)  # the same file, its bytes written over

    with Store(db, backups=False) as store:
        assert store.read().execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert _names(store) == sorted(OLD), "exactly the copy put back, nothing of the other state"
        assert len(store.warnings) == 1 and "không phải của chính tệp này" in store.warnings[0]
    aside = list(tmp_path.glob("so.sqlite-wal.khong-khop-*"))
    assert len(aside) == 1 and aside[0].stat().st_size > 0, "the WAL is kept, not deleted"


def test_a_kill_alone_replays_every_commit_without_a_word(tmp_path):
    db = tmp_path / "so.sqlite"
    _book_with(db, OLD)
    reported = _killed_while_entering(db)
    with Store(db, backups=False) as store:
        assert store.warnings == []
        names = _names(store)
    assert set(reported.values()) <= set(names) and set(OLD) <= set(names)
    assert not list(tmp_path.glob("*khong-khop*"))


HOLDER = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA wal_checkpoint(PASSIVE)")  # the book file changes under the note
db.execute("CREATE TABLE ghi_chu (x TEXT)")
db.execute("INSERT INTO ghi_chu VALUES ('của chương trình khác')")
print("ready", flush=True)
sys.stdin.readline()
"""


def test_the_live_wal_of_another_program_is_never_moved(tmp_path):
    db = tmp_path / "so.sqlite"
    _book_with(db, OLD)
    reported = _killed_while_entering(db)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        with Store(db, backups=False) as store:
            assert store.warnings == []
            assert set(reported.values()) <= set(_names(store))
            assert store.read().execute("SELECT x FROM ghi_chu").fetchone()[0] == "của chương trình khác"
    finally:
        holder.communicate("\n", timeout=30)
    assert not list(tmp_path.glob("*khong-khop*"))
