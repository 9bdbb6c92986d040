"""The disk and the file fail: full disk, damaged or foreign or newer files, a second copy.

Each case checks what the clerk would see (a Vietnamese message that says what to do) and
what she would lose (nothing committed; nothing overwritten).
"""

from __future__ import annotations

import errno
import sqlite3
import subprocess
import sys
import time
import types
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer

from models.domain.records import Awardee, AwardeeKind, Ceremony
from models.errors import ChangedElsewhereError, DamagedDatabaseError, FileInUseError, NewerDatabaseError, StorageError
from models.importing import importer
from models.repos.book import CeremonyBook
from models.storage import backup
from models.storage.store import Store
from tests import fault_worker
from tests import sheet_files as S
from tests.gui_helpers import choose_ceremony
from tests.sample_counts import LONG_BIEN_2022
from tests.test_cli import run_cli
from ui.book_opening import open_book

FULL = "ổ đĩa đã đầy"


def _fill_disk(store: Store, spare_pages: int = 2) -> None:
    """SQLite's page limit stands in for a full disk: the same SQLITE_FULL, the same path."""
    db = store.read()
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages + spare_pages}")


def _space_back(store: Store) -> None:
    store.read().execute("PRAGMA max_page_count = 1073741823")


def _person(ceremony_id: int, n: int) -> Awardee:
    return Awardee(
        ceremony_id,
        AwardeeKind.INDIVIDUAL,
        f"Nguyễn Thị Thùy Dung {n}",
        position="Tổ trưởng tổ dân phố",
        unit=f"Tổ dân phố số {n}, phường Ngọc Thụy " * 6,
    )


def test_full_disk_refuses_the_edit_says_so_and_loses_nothing(sample_book, db_path):
    ceremony = sample_book.ceremonies()[0]
    before = [a.name for a in sample_book.awardees(ceremony.id)]
    _fill_disk(sample_book.store)
    added: list[str] = []
    with pytest.raises(StorageError) as refused:
        for n in range(500):
            added.append(sample_book.add_awardee(_person(ceremony.id, n)).name)
    assert FULL in refused.value.message and "vẫn an toàn" in refused.value.message
    assert [a.name for a in sample_book.awardees(ceremony.id)] == before + added

    _space_back(sample_book.store)
    late = sample_book.add_awardee(_person(ceremony.id, len(added))).name
    sample_book.store.close()
    with Store(db_path, backups=False) as store:
        assert store.read().execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert [a.name for a in CeremonyBook(store).awardees(ceremony.id)] == before + added + [late]


def test_full_disk_during_an_import_leaves_no_part_of_it(book, tmp_path):
    people = [
        (f"Trần Văn Bình {i}", "Tổ trưởng", f"Tổ dân phố số {i}", "Bồ Đề", "VH-XH", "Ngõ xanh") for i in range(400)
    ]
    source = S.write_xlsx(tmp_path / "ds.xlsx", S.table_rows(people), merges=())
    ceremony = book.save_ceremony(Ceremony("Hội nghị nhập danh sách"))
    plan = importer.plan_file(book, source, ceremony.id)
    assert not plan.problems
    _fill_disk(book.store, spare_pages=5)
    with pytest.raises(StorageError, match=FULL):
        importer.apply(book, plan)
    assert book.awardees(ceremony.id) == []

    _space_back(book.store)
    assert importer.apply(book, plan).awardees == 400
    assert len(book.awardees(ceremony.id)) == 400


def test_full_disk_in_the_window_keeps_the_typing_and_saves_once_space_is_back(qtbot, window, dialogs):
    ceremony_id = choose_ceremony(window, "Long Biên", 2022)
    form, book = window.awardees.form, window.session.book
    undo_steps = window.session.undo_stack.count()
    _fill_disk(book.store, spare_pages=0)
    form.kind.set_value(AwardeeKind.INDIVIDUAL)
    form.name.setText("Nguyễn Thị Thùy Dung")
    form.unit.setText("Tổ dân phố số 18, phường Ngọc Thụy " * 40)  # more than the page left
    qtbot.keyClick(form.unit, Qt.Key.Key_Return)

    assert any(kind == "warning" and FULL in message for kind, message in dialogs.seen)
    assert "Chưa lưu được" in form.notice.text()
    assert form.name.text() == "Nguyễn Thị Thùy Dung", "what was typed stays in the form"
    assert len(book.awardees(ceremony_id)) == LONG_BIEN_2022
    assert window.session.undo_stack.count() == undo_steps, "nothing to undo: nothing was done"

    _space_back(book.store)
    qtbot.keyClick(form.unit, Qt.Key.Key_Return)
    assert [a.name for a in book.awardees(ceremony_id)].count("Nguyễn Thị Thùy Dung") == 1


def test_a_backup_disk_that_is_full_does_not_lock_the_clerk_out(qtbot, db_path, dialogs, monkeypatch):
    with Store(db_path, backups=False) as store:
        CeremonyBook(store).save_ceremony(Ceremony("Lễ trao Cự Khối"))

    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    # Only the backup's own file fails, as when backups go to a full USB stick.
    shim = types.SimpleNamespace(connect=no_space, Error=sqlite3.Error, DatabaseError=sqlite3.DatabaseError)
    monkeypatch.setattr(backup, "sqlite3", shim)
    book = open_book(db_path)
    assert book is not None
    try:
        assert [c.title for c in book.ceremonies()] == ["Lễ trao Cự Khối"]
    finally:
        book.store.close()
    assert any(kind == "warning" and "Chưa sao lưu được" in m and FULL in m for kind, m in dialogs.seen)
    assert backup.list_backups(db_path) == [], "no half-written copy is left to be offered later"


# -- damaged, foreign and newer files ---------------------------------------------------------


def _with_good_backup(db_path: Path) -> Path:
    with Store(db_path, backups=False) as store:
        CeremonyBook(store).save_ceremony(Ceremony("Trước khi hỏng"))
    Store(db_path).close()  # opening backs it up
    return backup.list_backups(db_path)[0]


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _zero_header(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[0:100] = bytes(100)
    path.write_bytes(bytes(data))


def _scramble_pages(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for start in range(4096, len(data), 4096):  # every page but the first
        data[start + 8 : start + 200] = b"\xa5" * 192
    path.write_bytes(bytes(data))


def _word_document(path: Path) -> None:
    path.write_bytes(b"PK\x03\x04" + b"word/document.xml" * 400)


def _text_file(path: Path) -> None:
    path.write_text("Danh sách khen thưởng phường Bồ Đề\n" * 200, encoding="utf-8")


DAMAGE = {
    "cut in half": _truncate,
    "header zeroed": _zero_header,
    "pages scrambled": _scramble_pages,
    "a Word document": _word_document,
    "a text file": _text_file,
}


@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
def test_a_damaged_or_foreign_file_is_named_kept_and_the_newest_good_backup_offered(db_path, damage):
    good = _with_good_backup(db_path)
    older = good.with_name(good.name.replace("-khi-mo", "-0-cu"))  # sorts before: older
    older.write_bytes(good.read_bytes())
    broken = good.with_name(good.name.replace("-khi-mo", "-zz-hong"))  # newest, but damaged itself
    broken.write_bytes(b"not a database" * 100)
    for side in ("-wal", "-shm"):
        Path(f"{db_path}{side}").unlink(missing_ok=True)
    DAMAGE[damage](db_path)
    before = db_path.read_bytes()

    with pytest.raises(DamagedDatabaseError) as err:
        Store(db_path)
    assert "bị hỏng" in err.value.message and str(db_path) in err.value.message
    assert err.value.backups[0] == good, "the newest backup that is itself sound comes first"
    assert db_path.read_bytes() == before, "nothing is written into the damaged file"
    assert broken.exists() and len(backup.list_backups(db_path)) == 3, "no backup is made of a damaged file"


def test_the_command_line_names_a_damaged_file_and_leaves_it_alone(db_path, tmp_path):
    _with_good_backup(db_path)
    _truncate(db_path)
    before = db_path.read_bytes()
    result = run_cli("export", "--db", str(db_path), "--out", str(tmp_path / "ds.csv"))
    assert result.returncode == 1
    assert "bị hỏng" in result.stderr and "Bản sao lưu tốt gần nhất" in result.stderr
    assert "Traceback" not in result.stderr
    assert db_path.read_bytes() == before
    assert not (tmp_path / "ds.csv").exists()


def test_refusing_the_backup_leaves_the_damaged_file_as_it_was(qtbot, db_path, dialogs):
    from PySide6.QtWidgets import QMessageBox

    _with_good_backup(db_path)
    _zero_header(db_path)
    before = db_path.read_bytes()
    dialogs.answer = QMessageBox.StandardButton.No
    assert open_book(db_path) is None
    assert db_path.read_bytes() == before
    assert not list(db_path.parent.glob("book.sqlite.hong-*"))


def test_a_newer_file_is_refused_untouched_from_window_and_command_line(qtbot, db_path, dialogs, tmp_path):
    with Store(db_path, backups=False) as store:
        CeremonyBook(store).save_ceremony(Ceremony("Của phiên bản sau"))
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA user_version = 99")
    con.close()
    before = db_path.read_bytes()

    with pytest.raises(NewerDatabaseError, match="phiên bản Vinh Danh mới hơn"):
        Store(db_path)
    assert open_book(db_path) is None
    assert any(kind == "critical" and "Hãy cập nhật ứng dụng" in m for kind, m in dialogs.seen)
    result = run_cli("export", "--db", str(db_path), "--out", str(tmp_path / "ds.csv"))
    assert result.returncode == 1 and "mới hơn" in result.stderr
    assert db_path.read_bytes() == before
    assert backup.list_backups(db_path) == []


# -- two copies of the app on one file ----------------------------------------------------------


@pytest.fixture
def held(sample_book, db_path):
    """Another copy of the app holding the file, in its own process."""
    sample_book.store.close()
    proc, lines = fault_worker.start(["hold", str(db_path)], until="holding")
    assert lines and lines[0].startswith("holding 3"), proc.stderr.read()
    proc.lines = lines
    yield proc
    if proc.poll() is None:
        proc.kill()
        proc.wait(timeout=30)


def test_a_second_copy_is_told_the_file_is_in_use_and_changes_nothing(qtbot, held, db_path, dialogs, tmp_path):
    with pytest.raises(FileInUseError, match="đang được mở trong một cửa sổ Vinh Danh khác"):
        Store(db_path)
    assert open_book(db_path) is None
    assert any(kind == "critical" and "đang được mở" in m for kind, m in dialogs.seen)
    source = S.write_xlsx(tmp_path / "ds.xlsx", S.table_rows(), merges=())
    result = run_cli("import", str(source), "--db", str(db_path), "--ceremony", "1")
    assert result.returncode == 1 and "đang được mở" in result.stderr and "Traceback" not in result.stderr
    assert not any("bị hỏng" in m for _, m in dialogs.seen), "a busy file is never called damaged"

    held.kill()  # the first copy dies without closing: the OS lets go of its lock
    held.wait(timeout=30)
    with Store(db_path) as store:
        assert len(CeremonyBook(store).ceremonies()) == 3


def test_the_lock_holds_after_the_holder_opens_and_closes_the_file_like_a_file_dialog(held, db_path, tmp_path):
    held.stdin.write("peek\n")
    held.stdin.flush()
    deadline = time.monotonic() + 30
    while "peeked\n" not in held.lines and time.monotonic() < deadline:
        time.sleep(0.01)
    assert "peeked\n" in held.lines
    before = {p.name: p.read_bytes() for p in db_path.parent.glob(db_path.name + "*")}
    source = S.write_xlsx(tmp_path / "ds.xlsx", S.table_rows(), merges=())
    result = run_cli("import", str(source), "--db", str(db_path), "--ceremony", "1")
    assert result.returncode == 1 and "đang được mở" in result.stderr, result.stdout + result.stderr
    assert {p.name: p.read_bytes() for p in db_path.parent.glob(db_path.name + "*")} == before


def test_a_book_changed_under_the_app_is_never_written_over_and_is_read_again(sample_book, db_path):
    """The locks can be bypassed (a tool that ignores the lock file, after POSIX dropped
    SQLite's lock): the app refuses its next write and reloads instead of overwriting."""
    store = sample_book.store
    told = []
    store.on_changed_elsewhere = lambda: told.append(True)
    with open(db_path, "rb") as f:  # drops this process's POSIX locks on the book
        f.read(100)
    script = (
        "import sqlite3, sys; con = sqlite3.connect(sys.argv[1]); "
        "con.execute(\"INSERT INTO ceremony (title) VALUES ('Hội nghị của máy khác')\"); con.commit()"
    )
    subprocess.run([sys.executable, "-c", script, str(db_path)], check=True, timeout=60)
    before = {p.name: p.read_bytes() for p in db_path.parent.glob(db_path.name + "*")}

    with pytest.raises(ChangedElsewhereError, match="vừa bị một chương trình khác thay đổi"):
        sample_book.save_ceremony(Ceremony("Hội nghị của cửa sổ này"))
    assert told == [True]
    assert {p.name: p.read_bytes() for p in db_path.parent.glob(db_path.name + "*")} == before

    store.reopen()
    titles = [c.title for c in sample_book.ceremonies()]
    assert "Hội nghị của máy khác" in titles
    sample_book.save_ceremony(Ceremony("Hội nghị của cửa sổ này"))
    store.close()
    with Store(db_path) as again:
        titles = [c.title for c in CeremonyBook(again).ceremonies()]
    assert "Hội nghị của máy khác" in titles and "Hội nghị của cửa sổ này" in titles


def test_the_file_is_free_again_once_the_first_copy_closes(held, db_path):
    held.stdin.close()  # the worker returns and closes the store as the window does on exit
    held.wait(timeout=30)
    assert held.returncode == 0
    with Store(db_path) as store:
        assert len(CeremonyBook(store).ceremonies()) == 3


def test_the_window_keeps_the_book_locked_after_its_file_dialog_looked_at_the_folder(qtbot, window, db_path, tmp_path):
    """The reported loss: the "Lưu PDF…" dialog shown on the book's own folder, then
    cancelled, used to leave the book unlocked for a second program's import."""
    from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

    window.tabs.setCurrentWidget(window.printing)
    seen = []

    def look_at_the_folder_then_cancel():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QFileDialog)
        name = dialog.findChild(QLineEdit)
        name.setFocus()
        qtbot.keyClicks(name, str(db_path.parent))
        qtbot.keyClick(name, Qt.Key.Key_Return)  # the dialog goes into the book's folder
        qtbot.wait(300)
        with open(db_path, "rb") as f:  # and reads the file, as a desktop's dialog does
            f.read(512)
        seen.append(dialog.directory().absolutePath())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)

    QTimer.singleShot(200, look_at_the_folder_then_cancel)
    qtbot.mouseClick(window.printing.pdf_button, Qt.MouseButton.LeftButton)
    assert seen == [str(db_path.parent)]

    before = {p.name: p.read_bytes() for p in db_path.parent.glob(db_path.name + "*")}
    source = S.write_xlsx(tmp_path / "ds.xlsx", S.table_rows(), merges=())
    result = run_cli("import", str(source), "--db", str(db_path), "--ceremony", "1")
    assert result.returncode == 1 and "đang được mở" in result.stderr, result.stdout + result.stderr
    assert {p.name: p.read_bytes() for p in db_path.parent.glob(db_path.name + "*")} == before


def test_the_window_refuses_to_write_over_a_changed_book_and_shows_what_is_there(qtbot, window, db_path, dialogs):
    from models.domain.records import AwardeeKind

    ceremony_id = choose_ceremony(window, "Long Biên", 2022)
    with open(db_path, "rb") as f:  # drops this process's POSIX locks on the book
        f.read(100)
    script = (
        "import sqlite3, sys; con = sqlite3.connect(sys.argv[1]); "
        "con.execute(\"INSERT INTO awardee (ceremony_id, kind, name) VALUES (?, 'individual', 'Trần Văn Ngoài')\", "
        "(int(sys.argv[2]),)); con.commit()"
    )
    subprocess.run([sys.executable, "-c", script, str(db_path), str(ceremony_id)], check=True, timeout=60)

    form = window.awardees.form
    form.kind.set_value(AwardeeKind.INDIVIDUAL)
    form.name.setText("Nguyễn Thị Thùy Dung")
    qtbot.keyClick(form.name, Qt.Key.Key_Return)
    assert any("vừa bị một chương trình khác thay đổi" in m for _, m in dialogs.seen)
    assert form.name.text() == "Nguyễn Thị Thùy Dung", "the typing is kept"
    names = lambda: [window.awardees.proxy.record_at(r).name for r in range(window.awardees.proxy.rowCount())]  # noqa: E731
    qtbot.waitUntil(lambda: "Trần Văn Ngoài" in names(), timeout=3000)

    qtbot.keyClick(form.name, Qt.Key.Key_Return)  # once read again, the same Enter saves
    stored = [a.name for a in window.session.book.awardees(ceremony_id)]
    assert stored.count("Nguyễn Thị Thùy Dung") == 1 and "Trần Văn Ngoài" in stored


def test_a_book_another_program_made_unreadable_is_still_read_but_never_written(sample_book, db_path):
    store = sample_book.store
    with open(db_path, "rb") as f:
        f.read(100)
    script = "import sqlite3, sys; con = sqlite3.connect(sys.argv[1]); con.execute('PRAGMA user_version = 99')"
    subprocess.run([sys.executable, "-c", script, str(db_path)], check=True, timeout=60)
    with pytest.raises(ChangedElsewhereError):
        sample_book.save_ceremony(Ceremony("Hội nghị mới"))
    with pytest.raises(NewerDatabaseError):
        store.reopen()
    before = db_path.read_bytes()
    with pytest.raises(NewerDatabaseError, match="mới hơn"):
        sample_book.save_ceremony(Ceremony("Hội nghị mới"))
    assert len(sample_book.ceremonies()) == 3, "what is there can still be read"
    assert db_path.read_bytes() == before


@pytest.mark.parametrize("how", ["deleted", "replaced", "renamed"])
def test_a_book_deleted_or_replaced_under_the_window_is_never_written_and_can_be_saved_as_a_copy(
    sample_book, db_path, tmp_path, how
):
    from models.errors import BookGoneError

    store = sample_book.store
    ceremony = sample_book.ceremonies()[0]
    other = tmp_path / "khac.sqlite"
    with Store(other, backups=False) as o:
        CeremonyBook(o).save_ceremony(Ceremony("Hội nghị của tệp khác"))
    if how == "deleted":
        db_path.unlink()
    elif how == "replaced":
        other.replace(db_path)  # mv over it
    else:
        db_path.rename(tmp_path / "doi-ten.sqlite")
    stranger = db_path.read_bytes() if db_path.exists() else None

    for _ in range(3):
        with pytest.raises(BookGoneError, match="không còn ở chỗ cũ"):
            sample_book.add_awardee(Awardee(ceremony.id, AwardeeKind.INDIVIDUAL, "Nguyễn Văn Mất"))
    assert (db_path.read_bytes() if db_path.exists() else None) == stranger, "nothing written into another file"

    rescued = store.save_copy(tmp_path / "cuu.sqlite")  # what was saved before is still readable
    with Store(rescued, backups=False) as r:
        assert len(CeremonyBook(r).ceremonies()) == 3
