"""Ctrl+Z / Ctrl+Y pressed in the entry forms, as a clerk does right after Enter."""

from PySide6.QtCore import Qt

from models.domain.records import AwardeeKind
from tests.gui_helpers import choose_ceremony
from tests.sample_counts import LONG_BIEN_2022

CTRL = Qt.KeyboardModifier.ControlModifier


def names(window, ceremony_id):
    return [a.name for a in window.session.book.awardees(ceremony_id)]


def test_ctrl_z_right_after_enter_takes_the_entry_back_and_ctrl_y_puts_it_again(qtbot, window):
    ceremony_id = choose_ceremony(window, "Long Biên", 2022)
    form = window.awardees.form
    form.kind.set_value(AwardeeKind.INDIVIDUAL)
    form.name.setFocus()
    qtbot.keyClicks(form.name, "Tran Van Nam")
    qtbot.keyClick(form.name, Qt.Key.Key_Return)
    assert "Tran Van Nam" in names(window, ceremony_id)
    assert form.name.text() == ""

    qtbot.keyClick(window.focusWidget() or form.name, Qt.Key.Key_Z, CTRL)
    assert "Tran Van Nam" not in names(window, ceremony_id)
    assert form.name.text() == "", "the saved name does not come back into the field"
    qtbot.wait(250)  # the duplicate check runs after a pause in typing
    assert not form.duplicate.isVisible()

    qtbot.keyClick(window.focusWidget() or form.name, Qt.Key.Key_Y, CTRL)
    assert names(window, ceremony_id).count("Tran Van Nam") == 1


def test_text_being_typed_keeps_its_own_undo(qtbot, window):
    ceremony_id = choose_ceremony(window, "Long Biên", 2022)
    form = window.awardees.form
    form.name.setFocus()
    qtbot.keyClicks(form.name, "Le Thi Hoa")
    qtbot.keyClick(form.name, Qt.Key.Key_Return)
    qtbot.keyClicks(form.name, "Pham")
    qtbot.keyClick(form.name, Qt.Key.Key_Z, CTRL)
    assert form.name.text() != "Pham", "the field undid its own typing"
    assert "Le Thi Hoa" in names(window, ceremony_id), "and not the saved entry"


def test_ctrl_z_in_the_form_after_editing_a_field_undoes_the_saved_edit(qtbot, window):
    ceremony_id = choose_ceremony(window, "Long Biên", 2022)
    page, form = window.awardees, window.awardees.form
    row = next(r for r in range(page.proxy.rowCount()) if page.proxy.record_at(r).kind is AwardeeKind.INDIVIDUAL)
    first = page.proxy.record_at(row)
    page.table.setFocus()
    page.table.selectRow(row)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    form.position.setFocus()
    form.position.selectAll()
    qtbot.keyClicks(form.position, "Xyz quan ly")
    qtbot.keyClick(form.position, Qt.Key.Key_Tab)  # leaving the field saves it
    assert window.session.book.awardee(first.id).position == "Xyz quan ly"

    form.position.setFocus()
    qtbot.keyClick(form.position, Qt.Key.Key_Z, CTRL)
    assert window.session.book.awardee(first.id).position == first.position
    assert form.position.text() == first.position
    assert len(names(window, ceremony_id)) == LONG_BIEN_2022


def test_ctrl_z_right_after_adding_a_prize_takes_it_back(qtbot, window):
    choose_ceremony(window, "Hải Phòng", 2022)
    window.tabs.setCurrentWidget(window.prizes)
    form = window.prizes.form
    before = len(window.session.book.prizes(form.contest.id))
    form.authors.setFocus()
    qtbot.keyClicks(form.authors, "Vu Thi Lan")
    qtbot.keyClick(form.authors, Qt.Key.Key_Return)
    assert len(window.session.book.prizes(form.contest.id)) == before + 1
    qtbot.keyClick(window.focusWidget() or form.authors, Qt.Key.Key_Z, CTRL)
    assert len(window.session.book.prizes(form.contest.id)) == before
    assert form.authors.text() == ""
