"""The award history in the window: the look-up dialog typed into as a clerk does, and the
note under the entry form that warns of the same form again within the office's period."""

from __future__ import annotations

from PySide6.QtCore import Qt

from models.domain import text
from models.domain.records import AwardForm
from tests.gui_helpers import choose_ceremony, type_text
from ui.dialogs.history_dialog import HistoryDialog


def test_the_look_up_finds_a_person_across_ceremonies_typed_without_diacritics(qtbot, window):
    book = window.session.book
    earlier = next(c for c in book.ceremonies() if c.place == "Long Biên" and c.held_on.year == 2021)
    name = book.awardees(earlier.id)[0].name
    dialog = HistoryDialog(window.session, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.query.setFocus()
    type_text(dialog.query, text.fold(name))  # "doan thanh nien phuong bo de"
    qtbot.waitUntil(lambda: dialog.tree.topLevelItemCount() > 0, timeout=3000)
    names = [dialog.tree.topLevelItem(i).text(0).split(" – ")[0] for i in range(dialog.tree.topLevelItemCount())]
    assert name in names
    item = dialog.tree.topLevelItem(names.index(name))
    assert item.childCount() >= 1 and item.child(0).text(0) == "2021" and item.child(0).text(1) == "Giấy khen"
    assert "Quyết định số" in item.child(0).text(2)
    assert dialog.years.value() == window.session.settings.repeat_years()


def test_the_entry_form_names_earlier_awards_and_warns_within_the_period(qtbot, window):
    book = window.session.book
    earlier = next(c for c in book.ceremonies() if c.place == "Long Biên" and c.held_on.year == 2021)
    before = book.awardees(earlier.id)[0]
    choose_ceremony(window, "Long Biên", 2022)
    form = window.awardees.form
    form.start_new()
    form.kind.set_value(before.kind)
    assert form._decisions[form.decision.value()].award_form is AwardForm.GIAY_KHEN
    form.name.setFocus()
    type_text(form.name, before.name)
    qtbot.waitUntil(lambda: form.history.isVisible(), timeout=3000)
    assert form.history.text().startswith("Đã khen trước đây: 2021 Giấy khen")

    window.session.settings.set_repeat_years(2)  # the office counts two years
    qtbot.keyClick(form.name, Qt.Key.Key_End)
    type_text(form.name, " ")
    qtbot.waitUntil(lambda: "trong vòng 2 năm" in form.history.text(), timeout=3000)
    assert form.history.text().startswith(f"⚠ Lưu ý: “{before.name}” đã nhận cùng hình thức trong vòng 2 năm")
