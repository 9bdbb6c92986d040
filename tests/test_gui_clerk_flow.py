"""The clerk's flow: decisions preselected and warned about, many rows set at once, the ward
read from the unit, and the file menu's books and copies."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from models.domain.changes import ALL, Changes, Kind
from models.domain.records import AwardeeKind, AwardForm, Ceremony, Decision


def _new_ceremony(window) -> int:
    c = window.session.book.save_ceremony(Ceremony("Hội nghị biểu dương phường Thạch Bàn", dt.date(2026, 12, 1)))
    window._reload_ceremonies(select=c.id)
    return c.id


def _enter(qtbot, form, name: str, unit: str = "") -> None:
    form.name.setFocus()
    form.name.setText(name)
    form.unit.setText(unit)
    qtbot.keyClick(form.name, Qt.Key.Key_Return)


def test_an_entry_without_a_decision_is_warned_and_a_new_decision_is_preselected(qtbot, window):
    ceremony_id = _new_ceremony(window)
    form = window.awardees.form
    _enter(qtbot, form, "To dan pho so 9")
    assert "chưa gắn quyết định" in form.notice.text()
    assert window.session.book.awardees(ceremony_id)[0].decision_id is None

    window.tabs.setCurrentWidget(window.details)
    qtbot.mouseClick(window.details.add_decision, Qt.MouseButton.LeftButton)
    decision = window.session.book.decisions(ceremony_id)[0]
    window.tabs.setCurrentWidget(window.awardees)
    assert form.decision.value() == decision.id, "the new decision is chosen for the next entry"
    _enter(qtbot, form, "To dan pho so 10")
    stored = {a.name: a.decision_id for a in window.session.book.awardees(ceremony_id)}
    assert stored["To dan pho so 10"] == decision.id
    assert "chưa gắn" not in form.notice.text()


def test_a_contests_decision_is_not_preselected_for_awardees(qtbot, window):
    ceremony_id = _new_ceremony(window)
    book = window.session.book
    contest_decision = book.save_decision(Decision(ceremony_id, AwardForm.GIAY_CHUNG_NHAN, number="1-QĐ/BTC"))
    from models.domain.records import Contest

    book.save_contest(Contest(ceremony_id, "Cuộc thi viết", decision_id=contest_decision.id))
    window.session.announce(Changes.of(Kind.DECISION))
    assert window.awardees.form.decision.value() is None
    merit = book.save_decision(Decision(ceremony_id, AwardForm.GIAY_KHEN, number="2-QĐ/QU"))
    window.session.announce(Changes.of(Kind.DECISION))
    assert window.awardees.form.decision.value() == merit.id


def test_ctrl_e_sets_a_decision_and_ward_on_many_rows_in_one_undo_step(qtbot, window):
    from PySide6.QtCore import QItemSelectionModel, QTimer
    from PySide6.QtWidgets import QApplication

    from tests.gui_helpers import choose_ceremony

    ceremony_id = choose_ceremony(window, "Long Biên", 2022)
    page = window.awardees
    book = window.session.book
    decisions = book.decisions(ceremony_id)
    before = {a.id: a for a in book.awardees(ceremony_id)}
    window.activateWindow()
    page.table.setFocus()
    selection = page.table.selectionModel()
    for row in (0, 2, 5):
        selection.select(
            page.proxy.index(row, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        )
    chosen = [page.proxy.record_at(r).id for r in (0, 2, 5)]
    target = next(d for d in decisions if d.id != before[chosen[0]].decision_id)

    def fill_in():
        dialog = QApplication.activeModalWidget()
        dialog.decision.set_value(target.id)
        dialog.ward.setFocus()
        qtbot.keyClicks(dialog.ward, "Thach Ban")
        qtbot.keyClick(dialog.ward, Qt.Key.Key_Return)

    QTimer.singleShot(100, fill_in)
    qtbot.keyClick(page.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    after = {a.id: a for a in book.awardees(ceremony_id)}
    assert all(after[i].decision_id == target.id and after[i].ward == "Thach Ban" for i in chosen)
    assert all(after[i] == before[i] for i in before if i not in chosen), "only the chosen rows change"

    window.activateWindow()  # as the window manager does once the dialog is gone
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert {a.id: a for a in book.awardees(ceremony_id)} == before, "one Ctrl+Z takes the whole edit back"


def test_typing_a_unit_that_names_a_ward_fills_the_ward_in_sight(qtbot, window):
    ceremony_id = _new_ceremony(window)
    form = window.awardees.form
    form.unit.setFocus()
    form.unit.setText("Tổ dân phố số 9, phường Thạch Bà")  # Vietnamese set directly, the last key typed
    qtbot.keyClicks(form.unit, "n")
    assert form.ward.text() == "Thạch Bàn"
    qtbot.keyClick(form.unit, Qt.Key.Key_Backspace)
    assert form.ward.text() == "Thạch Bà", "follows the unit while the clerk has not typed a ward"
    form.name.setText("To dan pho so 9")
    qtbot.keyClick(form.name, Qt.Key.Key_Return)
    assert window.session.book.awardees(ceremony_id)[0].ward == "Thạch Bà"

    form.ward.setFocus()
    form.ward.selectAll()
    qtbot.keyClicks(form.ward, "Cu Khoi")
    form.unit.setFocus()
    form.unit.setText("Phường Bồ Đề")
    assert form.ward.text() == "Cu Khoi", "a ward the clerk typed is never replaced"


def test_save_a_copy_then_open_it_in_place_of_the_book(qtbot, window, db_path, tmp_path, monkeypatch, dialogs):
    from PySide6.QtWidgets import QFileDialog

    from models.repos.book import CeremonyBook
    from models.storage.store import Store

    hall = tmp_path / "usb"
    hall.mkdir()
    asked_in = []

    def save_to(parent, title, start, filters):
        asked_in.append(start)
        return str(hall / "le-trao"), filters

    # Saving over the open book itself is refused, the file untouched.
    before = db_path.read_bytes()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(db_path), "")))
    window.files.save_copy()
    assert db_path.read_bytes() == before
    assert any("là chính tệp đang mở" in m for _, m in dialogs.seen)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_to))
    next(a for a in window.menuBar().actions()[0].menu().actions() if a.text() == "Lưu &bản sao…").trigger()
    copy = hall / "le-trao.sqlite"
    assert copy.exists() and not (hall / "le-trao.sqlite.lock").exists()
    with Store(copy, backups=False) as store:
        assert len(CeremonyBook(store).ceremonies()) == 3

    opened = []
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda p, t, start, f: opened.append(start) or (str(copy), f))
    )
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert opened == [str(hall)], "the file dialog starts in the folder used last"
    successor = window.successor
    qtbot.addWidget(successor)
    assert not window.isVisible() and successor.isVisible()
    assert successor.session.book.store.path == copy and "le-trao.sqlite" in successor.windowTitle()
    with Store(db_path) as store:  # the first window let go of its book
        assert len(CeremonyBook(store).ceremonies()) == 3
    assert successor.session.settings.recent_books()[0] == copy


def test_f1_shows_the_guide_with_the_version(qtbot, window):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from models.version import VERSION

    seen = []

    def read_and_close():
        dialog = QApplication.activeModalWidget()
        seen.append(dialog.text.toPlainText())
        dialog.reject()

    QTimer.singleShot(100, read_and_close)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_F1)
    assert seen and f"Vinh Danh {VERSION}" in seen[0] and "Ctrl+Z" in seen[0]


def test_a_cut_list_of_names_ends_in_words_not_doubled_punctuation(qtbot, window):
    from models.domain.records import Awardee

    ceremony_id = _new_ceremony(window)
    names = [f"Nguyễn Văn Tuấn {n}" for n in range(1, 8)]
    window.session.book.add_awardees([Awardee(ceremony_id, AwardeeKind.INDIVIDUAL, n) for n in names])
    window.session.announce(ALL)
    window.tabs.setCurrentWidget(window.order)
    qtbot.wait(1)
    notice = window.order.notice.text()
    assert "Nguyễn Văn Tuấn 5 và 2 mục khác." in notice
    assert "…." not in notice and "…" not in notice
