"""The window on a server book: another clerk's save shows within a second, and what the
clerk here is typing is never lost to it (merged when it is another field, asked when both
changed the same one)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from models.repos.book import CeremonyBook
from models.storage.pg_store import PgStore
from tests.gui_helpers import type_text
from ui.main_window import MainWindow
from ui.session import BookSession
from ui.workers.server_feed import ServerFeed


@pytest.fixture
def district_window(qtbot, district_book, dialogs):
    cluster, _, logins, ceremony_id = district_book
    store = PgStore(cluster.url("so_quan", "quan_long_bien"))
    session = BookSession(CeremonyBook(store))
    feed = ServerFeed(session, store)
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    window.ceremony_choice.set_value(ceremony_id)
    clerk = PgStore(cluster.url("so_quan", logins["Bồ Đề"]))
    yield window, CeremonyBook(clerk), ceremony_id
    feed.stop()
    clerk.close()
    store.close()


def _dung(book: CeremonyBook, ceremony_id: int):
    return next(a for a in book.awardees(ceremony_id) if a.name == "Nguyễn Thị Thùy Dung")


def _row_of(page, record_id: int) -> int:
    return next(r for r in range(page.proxy.rowCount()) if page.proxy.record_at(r).id == record_id)


def _answer_when_asked(button: str) -> list[str]:
    """Click `button` on the question box once it shows; the texts asked, as they come."""
    asked: list[str] = []

    def answer() -> None:
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        if not boxes:
            QTimer.singleShot(50, answer)
            return
        asked.append(boxes[0].text())
        next(b for b in boxes[0].buttons() if b.text() == button).click()

    QTimer.singleShot(0, answer)
    return asked


def _type_into(page, record_id: int, field: str, typed: str):
    """Select the record and type into one of its fields, as a clerk would (not yet saved)."""
    page.table.selectRow(_row_of(page, record_id))
    widget = getattr(page.form, field)
    widget.setFocus()
    widget.clear()
    type_text(widget, typed)
    return widget


def test_another_clerks_save_shows_in_the_table_within_a_second(qtbot, district_window):
    window, clerk, ceremony_id = district_window
    page = window.awardees
    dung = _dung(clerk, ceremony_id)
    dung.position = "Tổ phó tổ dân phố số 5"
    clerk.update_awardee(dung)
    qtbot.waitUntil(
        lambda: page.proxy.record_at(_row_of(page, dung.id)).position == "Tổ phó tổ dân phố số 5", timeout=1000
    )


def test_typing_here_survives_their_save_and_both_edits_stand(qtbot, district_window):
    window, clerk, ceremony_id = district_window
    page = window.awardees
    dung = _dung(clerk, ceremony_id)
    form = page.form
    _type_into(page, dung.id, "model_name", "Ngõ xanh")

    theirs = _dung(clerk, ceremony_id)
    theirs.unit = "Tổ dân phố số 5"
    clerk.update_awardee(theirs)
    qtbot.waitUntil(lambda: "vừa lưu mục đang sửa" in form.notice.text(), timeout=1000)
    assert form.model_name.text() == "Ngõ xanh"  # nothing typed is lost

    form.model_name.editingFinished.emit()
    now = window.session.book.awardee(dung.id)
    assert (now.model_name, now.unit) == ("Ngõ xanh", "Tổ dân phố số 5")  # mine and theirs
    assert re.search(r"vừa được bo_de_\w+ sửa lúc \d\d:\d\d \d\d/\d\d; hai thay đổi", form.notice.text()), (
        form.notice.text()
    )
    assert "đã được gộp" in form.notice.text()


def test_the_same_field_changed_by_both_asks_whose_to_keep(qtbot, district_window):
    window, clerk, ceremony_id = district_window
    page = window.awardees
    dung = _dung(clerk, ceremony_id)
    form = page.form
    _type_into(page, dung.id, "position", "Bí thư chi bộ")
    theirs = _dung(clerk, ceremony_id)
    theirs.position = "Tổ phó"
    theirs.unit = "Tổ dân phố số 5"  # a field only they changed
    clerk.update_awardee(theirs)

    asked = _answer_when_asked("Giữ bản của tôi")
    form.position.editingFinished.emit()
    assert len(asked) == 1 and "Chức vụ “Tổ phó”. Bản của bạn: “Bí thư chi bộ”" in asked[0]
    now = clerk.awardee(dung.id)
    assert (now.position, now.unit) == ("Bí thư chi bộ", "Tổ dân phố số 5")  # mine, and theirs kept
    assert form.position.text() == "Bí thư chi bộ" and form.unit.text() == "Tổ dân phố số 5"


def test_a_record_deleted_meanwhile_can_be_added_back_as_typed(qtbot, district_window, dialogs):
    window, clerk, ceremony_id = district_window
    page = window.awardees
    dung = _dung(clerk, ceremony_id)
    form = page.form
    _type_into(page, dung.id, "notes", "Đã xác minh")
    clerk.delete_awardees([dung.id], {dung.id: dung.version})
    form.notes.editingFinished.emit()
    assert any("vừa bị xóa" in message for _, message in dialogs.seen)
    back = window.session.book.awardee(dung.id)  # the same record, as typed here
    assert (back.name, back.notes) == ("Nguyễn Thị Thùy Dung", "Đã xác minh")


def test_a_ward_clerks_window_cannot_change_another_wards_row(qtbot, district_book, dialogs):
    cluster, _, logins, ceremony_id = district_book
    store = PgStore(cluster.url("so_quan", logins["Bồ Đề"]))
    window = MainWindow(BookSession(CeremonyBook(store)))
    qtbot.addWidget(window)
    window.show()
    window.ceremony_choice.set_value(ceremony_id)
    page = window.awardees
    hung = next(a for a in window.session.book.awardees(ceremony_id) if a.ward == "Ngọc Thụy")
    page.table.selectRow(_row_of(page, hung.id))
    page.form.position.setFocus()
    type_text(page.form.position, "Bí thư chi bộ")
    page.form.position.editingFinished.emit()
    assert any("không được sửa “Đoàn Văn Hùng” (phường Ngọc Thụy)" in m for _, m in dialogs.seen), dialogs.seen
    assert window.session.book.awardee(hung.id).position == ""
    window.close()
    store.close()


def test_typing_survives_a_dropped_connection_and_the_next_save_goes_through(
    qtbot, district_window, dialogs, pg_cluster
):
    window, clerk, ceremony_id = district_window
    page = window.awardees
    dung = _dung(clerk, ceremony_id)
    form = page.form
    _type_into(page, dung.id, "notes", "Đã xác minh tại nhà")
    with pg_cluster.admin() as admin:  # the network drops under the window
        admin.execute("SELECT pg_terminate_backend(%s)", (window.session.book.store.pid,))
    form.notes.editingFinished.emit()
    assert any("Mất kết nối với máy chủ" in m for _, m in dialogs.seen), dialogs.seen
    assert form.notes.text() == "Đã xác minh tại nhà"  # nothing typed is lost
    assert clerk.awardee(dung.id).notes == ""  # and nothing half-saved

    form.notes.editingFinished.emit()  # the clerk saves again: the app has reconnected
    assert clerk.awardee(dung.id).notes == "Đã xác minh tại nhà"


def test_after_the_feed_reconnects_the_pages_read_what_was_missed(qtbot, district_window, pg_cluster):
    window, clerk, ceremony_id = district_window
    page = window.awardees
    own = window.session.book.store.pid
    with pg_cluster.admin() as admin:  # the listening connection drops; the window's own stays
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'quan_long_bien' AND pid <> %s",
            (own,),
        )
    dung = _dung(clerk, ceremony_id)
    dung.position = "Tổ phó"
    clerk.update_awardee(dung)  # saved while nobody was listening
    seen: list[str] = []
    window.session.message.connect(seen.append)
    qtbot.waitUntil(lambda: any("kết nối lại" in m for m in seen), timeout=8000)
    qtbot.waitUntil(lambda: page.proxy.record_at(_row_of(page, dung.id)).position == "Tổ phó", timeout=8000)


def test_every_page_opens_on_a_server_book_with_the_sample(qtbot, pg_cluster, dialogs):
    """The order and print pages read through the same repositories on a server."""
    from models.sample import build_sample

    url = pg_cluster.fresh_database()
    store = PgStore(url)
    book = CeremonyBook(store)
    build_sample(book)
    window = MainWindow(BookSession(book))
    qtbot.addWidget(window)
    window.show()
    for ceremony in book.ceremonies():
        window.ceremony_choice.set_value(ceremony.id)
        for page in (window.awardees, window.prizes, window.details, window.order, window.printing):
            window.tabs.setCurrentWidget(page)
            qtbot.wait(50)
    window.tabs.setCurrentWidget(window.order)
    assert window.order.isVisible()
    assert not [m for kind, m in dialogs.seen if kind == "critical"], dialogs.seen
    window.close()
    store.close()
    pg_cluster.drop(url)


@pytest.fixture
def template_dialog(qtbot, district_window, district_book):
    """The Giấy khen template open here, and a second organiser's PrintBook on the server."""
    from models.repos.print_book import PrintBook
    from ui.dialogs.template_dialog import TemplateDialog

    window, _, ceremony_id = district_window
    dialog = TemplateDialog(window.session, ceremony_id, window)
    qtbot.addWidget(dialog)
    dialog.show()
    other = PgStore(district_book[0].url("so_quan", "quan_long_bien"))
    yield dialog, PrintBook(other), ceremony_id
    other.close()


def _their_save(prints, ceremony_id: int, **changes) -> None:
    from models.domain.records import AwardForm

    t = prints.template(ceremony_id, AwardForm.GIAY_KHEN)
    for name, value in changes.items():
        setattr(t, name, value)
    prints.save_template(ceremony_id, AwardForm.GIAY_KHEN, t)


def _type_over(widget, typed: str) -> None:
    widget.setFocus()
    widget.selectAll()
    type_text(widget, typed)


def test_template_edits_to_different_settings_merge_with_a_note(qtbot, template_dialog):
    from models.domain.records import AwardForm

    dialog, theirs, ceremony_id = template_dialog
    _type_over(dialog.lead, "Khen thưởng")
    _their_save(theirs, ceremony_id, individual_prefix="Đồng chí")
    box = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    now = theirs.template(ceremony_id, AwardForm.GIAY_KHEN)
    assert (now.lead, now.individual_prefix) == ("Khen thưởng", "Đồng chí")  # mine and theirs
    assert dialog.prefix.text() == "Đồng chí" and "gộp với thay đổi người khác" in dialog.notice.text()


def test_the_same_template_setting_changed_by_both_asks_whose_to_keep(qtbot, template_dialog):
    from models.domain.records import AwardForm

    dialog, theirs, ceremony_id = template_dialog
    _type_over(dialog.lead, "Khen thưởng")
    _their_save(theirs, ceremony_id, lead="Trân trọng tặng", individual_prefix="Ông/Bà")
    asked = _answer_when_asked("Lấy bản kia")
    assert not dialog.save()
    assert len(asked) == 1 and "Mẫu Giấy khen vừa được người khác sửa" in asked[0] and "Chữ “Tặng”" in asked[0]
    assert theirs.template(ceremony_id, AwardForm.GIAY_KHEN).lead == "Trân trọng tặng"  # nothing of mine written
    assert dialog.lead.text() == "Trân trọng tặng" and dialog.prefix.text() == "Ông/Bà"
    assert not dialog.is_dirty()
