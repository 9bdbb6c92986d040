"""Backups belong to one book: a neighbour whose name starts the same is never taken for it."""

from __future__ import annotations

import sqlite3

import pytest

from models.domain.records import Ceremony
from models.errors import DamagedDatabaseError
from models.repos.book import CeremonyBook
from models.sample import build_sample
from models.storage import backup
from models.storage.store import Store


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


class _RefusingWrites(sqlite3.Connection):
    """A connection on a disk that refuses writing: SQLite cannot even make its WAL index,
    so the first statement fails with SQLITE_CANTOPEN, as on a read-only USB stick."""

    def execute(self, sql, *args):
        error = sqlite3.OperationalError("unable to open database file")
        error.sqlite_errorcode, error.sqlite_errorname = 14, "SQLITE_CANTOPEN"
        raise error


def test_a_sound_book_that_cannot_be_written_is_not_called_damaged_nor_restored_over(
    qtbot, db_path, monkeypatch, dialogs
):
    import models.storage.store as store_module
    from models.errors import ReadOnlyBookError, StorageError
    from ui import book_opening as app

    with Store(db_path) as store:
        build_sample(CeremonyBook(store))
    Store(db_path).close()  # a backup exists that could be offered
    before, backups = db_path.read_bytes(), backup.list_backups(db_path)
    monkeypatch.setattr(store_module, "_connect", lambda path: store_module._open_connection(path, _RefusingWrites))
    with pytest.raises(ReadOnlyBookError, match="còn tốt nhưng không ghi được"):
        Store(db_path)
    asked = []
    monkeypatch.setattr(app, "ask", lambda parent, title, text, **k: asked.append((title, text, k)) or True)
    book = app.open_book(db_path)
    assert [title for title, _, _ in asked] == ["Tệp chỉ đọc được"], "no restore is offered over a sound book"
    assert "không ghi được ở chỗ này" in asked[0][1] and asked[0][2] == {"default_yes": True}
    # Opened to look: everything is there, and every change is refused with the reason.
    assert book.store.read_only and len(book.ceremonies()) == 3
    with pytest.raises(StorageError, match="đang mở chỉ để xem"):
        book.save_ceremony(Ceremony("Hội nghị mới"))
    book.store.close()
    assert db_path.read_bytes() == before and backup.list_backups(db_path) == backups
    assert sorted(p.name for p in db_path.parent.iterdir() if p.name.startswith(db_path.name)) == [
        db_path.name,
        db_path.name + ".lock",
    ], "nothing made beside the book"

    monkeypatch.setattr(app, "ask", lambda *a, **k: False)
    assert app.open_book(db_path) is None, "declined: nothing opens"

    with pytest.raises(StorageError, match="vẫn còn tốt"):
        backup.restore(db_path, backups[0])
    assert db_path.read_bytes() == before


def test_the_restore_question_never_defaults_to_yes(qtbot, db_path, monkeypatch, dialogs):
    from ui import book_opening as app

    with Store(db_path) as store:
        build_sample(CeremonyBook(store))
    Store(db_path).close()
    db_path.write_bytes(b"\0" * 4096)
    asked = []
    monkeypatch.setattr(app, "ask", lambda *a, **k: asked.append(k) or False)
    assert app.open_book(db_path) is None
    assert asked == [{"default_yes": False}]


def test_a_migration_refused_for_want_of_a_backup_leaves_the_file_exactly_as_it_was(tmp_path, monkeypatch):
    import shutil
    from pathlib import Path

    from models.errors import StorageError

    old = tmp_path / "cu.sqlite"
    shutil.copy(Path(__file__).parent / "fixtures" / "schema_v3.sqlite", old)
    before = old.read_bytes()

    def disk_full(*_a, **_k):
        raise StorageError("Chưa sao lưu được tệp dữ liệu: ổ đĩa đã đầy.")

    monkeypatch.setattr(backup, "make_backup", disk_full)
    with pytest.raises(StorageError, match="ổ đĩa đã đầy"):
        Store(old)
    assert old.read_bytes() == before, "not even switched to WAL"
    assert not Path(f"{old}-wal").exists()


def test_leftovers_of_killed_runs_are_cleared_at_the_next_open(tmp_path):
    import os
    import time

    book = tmp_path / "ds.sqlite"
    Store(book).close()
    stale = [
        tmp_path / ".ds.sqlite.dang-tao",
        tmp_path / ".vinhdanh-abc123.pdf",
        tmp_path / ".ds.sqlite.dang-khoi-phuc",
    ]
    fresh = tmp_path / ".vinhdanh-dang-ghi.pdf"  # another run may be writing it right now
    for p in [*stale, fresh]:
        p.write_bytes(b"x" * 100)
    old = time.time() - 3600
    for p in stale:
        os.utime(p, (old, old))
    Store(book).close()
    assert not any(p.exists() for p in stale) and fresh.exists()
