"""Backups belong to one book: a neighbour whose name starts the same is never taken for it."""

from __future__ import annotations

import sqlite3

import pytest

from models import backup
from models.book import CeremonyBook
from models.domain import Ceremony
from models.errors import DamagedDatabaseError
from models.sample import build_sample
from models.store import Store


def _book(path, titles):
    with Store(path) as store:
        book = CeremonyBook(store)
        for t in titles:
            book.save_ceremony(Ceremony(t))


def test_a_neighbour_books_backups_are_neither_rotated_away_nor_offered(tmp_path):
    ds, neighbour = tmp_path / "ds.sqlite", tmp_path / "ds-cu.sqlite"
    with Store(ds) as store:
        build_sample(CeremonyBook(store))
    for _ in range(2):
        Store(ds).close()  # each open makes a backup of ds
    mine = backup.list_backups(ds)
    assert mine
    _book(neighbour, ["Hội nghị của tệp khác"])
    for _ in range(12):  # more opens of the neighbour than backups kept
        Store(neighbour).close()
    assert backup.list_backups(ds) == mine, "the neighbour's rotation never deletes ds's backups"
    assert all(p.name.startswith("ds-cu-") for p in backup.list_backups(neighbour))
    assert not set(backup.list_backups(neighbour)) & set(mine)

    ds.write_bytes(b"\0" * 4096)  # ds is damaged
    with pytest.raises(DamagedDatabaseError) as caught:
        Store(ds)
    offered = caught.value.backups
    assert offered and all(p in mine for p in offered), "only ds's own backups are offered"
    with sqlite3.connect(offered[0]) as con:
        assert con.execute("SELECT count(*) FROM ceremony").fetchone()[0] == 3


def test_a_backup_renamed_to_look_like_anothers_is_not_offered(tmp_path):
    ds, other = tmp_path / "ds.sqlite", tmp_path / "khac.sqlite"
    _book(other, ["Hội nghị của tệp khác"])
    Store(other).close()
    stolen = backup.list_backups(other)[0]
    disguised = stolen.with_name(stolen.name.replace("khac-", "ds-", 1))
    stolen.rename(disguised)
    ds.write_bytes(b"\0" * 4096)
    with pytest.raises(DamagedDatabaseError) as caught:
        Store(ds)
    assert disguised not in caught.value.backups, "a backup says which book it came from"
