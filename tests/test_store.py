import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from models.domain.records import Ceremony
from models.errors import DamagedDatabaseError, NewerDatabaseError
from models.repos.book import CeremonyBook
from models.storage import backup, schema
from models.storage.store import Store

FIXTURES = Path(__file__).parent / "fixtures"


def test_new_database_is_current_wal_with_foreign_keys(db_path):
    with Store(db_path) as store:
        db = store.read()
        assert store.version == schema.SCHEMA_VERSION
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("schema_v*.sqlite")), ids=lambda p: p.stem)
def test_every_released_schema_opens_and_keeps_its_data(fixture, tmp_path):
    """One fixture per released schema version; each must migrate to today's and keep its rows."""
    copy = tmp_path / fixture.name
    shutil.copy(fixture, copy)
    before = sqlite3.connect(copy).execute("SELECT name FROM awardee WHERE ceremony_id = 1 ORDER BY id").fetchall()
    assert before, "fixture must hold data to prove it survives"
    with Store(copy) as store:
        assert store.version == schema.SCHEMA_VERSION
        assert [a.name for a in CeremonyBook(store).awardees(1)] == [r[0] for r in before]
        assert store.read().execute("PRAGMA foreign_key_check").fetchall() == []


def test_fixture_exists_for_every_schema_version():
    versions = {int(p.stem.removeprefix("schema_v")) for p in FIXTURES.glob("schema_v*.sqlite")}
    assert versions == set(range(1, schema.SCHEMA_VERSION + 1))


def test_migration_backs_up_first(tmp_path):
    copy = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / "schema_v1.sqlite", copy)
    sqlite3.connect(copy).execute("PRAGMA user_version = 0").connection.close()
    with pytest.raises(RuntimeError):
        Store(copy)  # v0 with tables: the v1 step refuses to apply over them
    taken = backup.list_backups(copy)
    assert len(taken) == 1 and "truoc-nang-cap" in taken[0].name


def test_failed_migration_leaves_database_untouched(db_path, monkeypatch):
    def broken(db):
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("step failed")

    monkeypatch.setattr(schema, "MIGRATIONS", [broken])
    monkeypatch.setattr("models.storage.store.MIGRATIONS", [broken])
    monkeypatch.setattr("models.storage.store.SCHEMA_VERSION", 1)
    with pytest.raises(RuntimeError):
        Store(db_path)
    db = sqlite3.connect(db_path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0


def test_newer_database_is_refused_and_left_alone(db_path):
    Store(db_path).close()
    db = sqlite3.connect(db_path)
    db.execute("PRAGMA user_version = 99")
    db.close()
    before = db_path.read_bytes()
    with pytest.raises(NewerDatabaseError) as err:
        Store(db_path)
    assert "mới hơn" in err.value.message and "99" in err.value.message
    assert db_path.read_bytes() == before


def test_backup_at_every_open_keeps_last_ten(db_path):
    Store(db_path).close()
    assert backup.list_backups(db_path) == []  # a brand-new file has nothing to back up
    for _ in range(12):
        Store(db_path).close()
    kept = backup.list_backups(db_path)
    assert len(kept) == backup.KEEP
    assert all(backup.is_sound(p) for p in kept)


def test_backup_holds_the_committed_data(book, db_path):
    book.save_ceremony(Ceremony(title="Hội nghị Cự Khối"))
    copy = book.store.backup_now()
    assert sqlite3.connect(copy).execute("SELECT title FROM ceremony").fetchone()[0] == "Hội nghị Cự Khối"


def test_damaged_file_is_reported_with_newest_good_backup(book, db_path):
    book.save_ceremony(Ceremony(title="Trước khi hỏng"))
    book.store.close()
    Store(db_path).close()  # makes a backup holding the ceremony
    good = backup.list_backups(db_path)[0]
    data = bytearray(db_path.read_bytes())
    data[0:100] = b"\xde\xad" * 50
    db_path.write_bytes(bytes(data))
    with pytest.raises(DamagedDatabaseError) as err:
        Store(db_path)
    assert err.value.backups[0] == good
    assert "bị hỏng" in err.value.message and good.name in err.value.message

    kept = backup.restore(db_path, err.value.backups[0])
    assert kept.exists()
    with Store(db_path) as store:
        assert [c.title for c in CeremonyBook(store).ceremonies()] == ["Trước khi hỏng"]


def test_committed_edit_survives_a_kill(db_path):
    script = f"""
import os, sys
sys.path.insert(0, {str(Path(__file__).parent.parent)!r})
from models.storage.store import Store
from models.repos.book import CeremonyBook
from models.domain.records import *
book = CeremonyBook(Store({str(db_path)!r}))
c = book.save_ceremony(Ceremony(title="Lễ trao"))
book.add_awardee(Awardee(ceremony_id=c.id, kind=AwardeeKind.INDIVIDUAL, name="Đỗ Thị Ánh"))
os._exit(9)  # no close, no checkpoint: as if the process were killed
"""
    result = subprocess.run([sys.executable, "-c", script], timeout=60)
    assert result.returncode == 9
    with Store(db_path) as store:
        book = CeremonyBook(store)
        ceremony = book.ceremonies()[0]
        assert [a.name for a in book.awardees(ceremony.id)] == ["Đỗ Thị Ánh"]


def test_unwritable_folder_is_a_clear_error(tmp_path, monkeypatch):
    from models.errors import StorageError

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(StorageError, match="Không mở được tệp dữ liệu"):
        Store(tmp_path / "khong-ghi-duoc" / "book.sqlite")


def test_an_sqlite_too_old_for_the_book_is_said_not_crashed_on(tmp_path, monkeypatch):
    """Some Linux systems carry an SQLite without INSERT … RETURNING: the clerk is told."""
    from models.errors import StorageError

    monkeypatch.setattr(sqlite3, "sqlite_version_info", (3, 31, 1))
    monkeypatch.setattr(sqlite3, "sqlite_version", "3.31.1")
    with pytest.raises(StorageError, match=r"SQLite của máy này \(3\.31\.1\) cũ quá"):
        Store(tmp_path / "so.sqlite")
