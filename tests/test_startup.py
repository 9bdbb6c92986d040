from models.domain.records import Ceremony
from models.repos.book import CeremonyBook
from models.storage.store import Store
from ui.book_opening import open_book


def test_damaged_database_is_restored_from_newest_good_backup(qtbot, db_path, dialogs):
    with Store(db_path) as store:
        CeremonyBook(store).save_ceremony(Ceremony(title="Lễ trao Cự Khối"))
    Store(db_path).close()  # backup holding the ceremony
    db_path.write_bytes(b"\x00garbage" * 600)

    book = open_book(db_path)
    assert book is not None
    try:
        assert [c.title for c in book.ceremonies()] == ["Lễ trao Cự Khối"]
    finally:
        book.store.close()
    assert any(kind == "question" and "bị hỏng" in m for kind, m in dialogs.seen)
    assert list(db_path.parent.glob("book.sqlite.hong-*")), "the damaged file is kept for inspection"
