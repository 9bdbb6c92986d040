from PySide6.QtCore import QCollator, QLocale, Qt
from PySide6.QtWidgets import QMessageBox

from models.domain import text
from models.domain.records import AwardeeKind
from tests.gui_helpers import choose_ceremony, type_text
from tests.sample_counts import LONG_BIEN_2022
from ui.tables.record_tables import awardee_model
from ui.widgets import FoldingCompleter


def visible_names(page):
    return [page.proxy.record_at(r).name for r in range(page.proxy.rowCount())]


def enter(qtbot, widget):
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_enter_adds_and_starts_next_entry(qtbot, window):
    window.activateWindow()  # focus is only real in the active window
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    ceremony_id = choose_ceremony(window, "Long Biên", 2022)
    page, form = window.awardees, window.awardees.form
    qtbot.waitUntil(lambda: window.count_label.text().startswith(f"{LONG_BIEN_2022} tập thể, cá nhân ("), timeout=2000)
    form.kind.set_value(AwardeeKind.INDIVIDUAL)
    for field, typed in (
        (form.name, "Nguyễn Thị Thùy Dung"),
        (form.position, "Tổ trưởng tổ dân phố số 18"),
        (form.unit, "Phường Ngọc Thụy"),
    ):
        field.setFocus()
        type_text(field, typed)
    enter(qtbot, form.unit)

    stored = [a for a in window.session.book.awardees(ceremony_id) if a.name == "Nguyễn Thị Thùy Dung"]
    assert len(stored) == 1 and stored[0].position == "Tổ trưởng tổ dân phố số 18"
    assert "Nguyễn Thị Thùy Dung" in visible_names(page)
    one_more = f"{LONG_BIEN_2022 + 1} tập thể, cá nhân ("
    qtbot.waitUntil(lambda: window.count_label.text().startswith(one_more), timeout=2000)
    assert form.name.text() == "" and form.position.text() == ""
    assert form.unit.text() == "Phường Ngọc Thụy", "unit is sticky for the next person of the same list"
    assert form.name.hasFocus(), "the cursor waits in the name field for the next person"


def test_empty_name_is_visibly_not_saved(qtbot, window):
    ceremony_id = choose_ceremony(window, "Long Biên", 2022)
    form = window.awardees.form
    form.name.setText("   ")
    enter(qtbot, form.name)
    assert form.notice.isVisible() and "chưa được lưu" in form.notice.text()
    assert len(window.session.book.awardees(ceremony_id)) == LONG_BIEN_2022


def test_likely_duplicate_is_warned_and_can_be_refused(qtbot, window, dialogs):
    ceremony_id = choose_ceremony(window, "Long Biên", 2022)
    existing = next(a for a in window.session.book.awardees(ceremony_id) if a.kind is AwardeeKind.INDIVIDUAL)
    form = window.awardees.form
    form.kind.set_value(AwardeeKind.INDIVIDUAL)
    form.name.setText(existing.name.upper())
    form.unit.setText(existing.unit.lower())
    qtbot.waitUntil(form.duplicate.isVisible, timeout=2000)
    assert existing.name in form.duplicate.text()

    dialogs.answer = QMessageBox.StandardButton.No
    enter(qtbot, form.name)
    assert len(window.session.book.awardees(ceremony_id)) == LONG_BIEN_2022
    dialogs.answer = QMessageBox.StandardButton.Yes
    enter(qtbot, form.name)
    assert len(window.session.book.awardees(ceremony_id)) == 79


def test_undo_and_redo_an_add(qtbot, window):
    ceremony_id = choose_ceremony(window, "Long Biên", 2022)
    form = window.awardees.form
    form.kind.set_value(AwardeeKind.COLLECTIVE)
    form.name.setText("Tổ dân phố số 30 phường Cự Khối")
    enter(qtbot, form.name)
    added = [a for a in window.session.book.awardees(ceremony_id) if a.name == "Tổ dân phố số 30 phường Cự Khối"]
    assert added

    window.undo_action.trigger()
    assert all(a.id != added[0].id for a in window.session.book.awardees(ceremony_id))
    assert "Tổ dân phố số 30 phường Cự Khối" not in visible_names(window.awardees)
    window.redo_action.trigger()
    assert window.session.book.awardee(added[0].id).name == "Tổ dân phố số 30 phường Cự Khối"
    assert "Tổ dân phố số 30 phường Cự Khối" in visible_names(window.awardees)


def test_edit_is_saved_on_leaving_the_field_and_undoable(qtbot, window):
    choose_ceremony(window, "Long Biên", 2022)
    page = window.awardees
    page.table.selectRow(0)
    record = page.proxy.record_at(0)
    assert page.form.editing == record
    page.form.model_name.setFocus()
    page.form.model_name.setText("Ngõ nhỏ sáng đèn")
    page.form.model_name.editingFinished.emit()
    assert window.session.book.awardee(record.id).model_name == "Ngõ nhỏ sáng đèn"
    assert page.proxy.record_at(0).model_name == "Ngõ nhỏ sáng đèn"

    window.undo_action.trigger()
    assert window.session.book.awardee(record.id).model_name == record.model_name
    assert page.form.model_name.text() == record.model_name


def test_delete_key_removes_selection_and_undo_restores(qtbot, window):
    ceremony_id = choose_ceremony(window, "Long Biên", 2022)
    page = window.awardees
    page.table.setFocus()
    page.table.selectRow(2)
    doomed = page.proxy.record_at(2)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert all(a.id != doomed.id for a in window.session.book.awardees(ceremony_id))
    qtbot.waitUntil(lambda: window.count_label.text().startswith("77 tập thể, cá nhân ("), timeout=2000)
    window.undo_action.trigger()
    assert window.session.book.awardee(doomed.id) == doomed
    qtbot.waitUntil(lambda: window.count_label.text().startswith(f"{LONG_BIEN_2022} tập thể, cá nhân ("), timeout=2000)


def test_filter_as_you_type_ignores_accents_and_combines_with_kind(qtbot, window):
    choose_ceremony(window, "Long Biên", 2022)
    page = window.awardees
    qtbot.keyClicks(page.search, "phuong bo de")
    names = visible_names(page)
    assert names and all("Bồ Đề" in page.proxy.record_at(r).unit for r in range(page.proxy.rowCount()))
    qtbot.waitUntil(
        lambda: window.count_label.text().startswith(f"Đang lọc: {len(names)} / {LONG_BIEN_2022}"), timeout=2000
    )

    page.kind_filter.set_value(AwardeeKind.INDIVIDUAL)
    kinds = {page.proxy.record_at(r).kind for r in range(page.proxy.rowCount())}
    assert kinds == {AwardeeKind.INDIVIDUAL}
    page.search.clear()
    page.kind_filter.set_value(None)
    assert page.proxy.rowCount() == LONG_BIEN_2022


def test_field_and_ward_filters(window):
    choose_ceremony(window, "Long Biên", 2021)
    page = window.awardees
    page.field_filter.set_value("Giải phóng mặt bằng")
    assert page.proxy.rowCount() == 16
    page.field_filter.set_value(None)
    page.ward_filter.set_value("Gia Thụy")
    assert page.proxy.rowCount() > 0
    assert {page.proxy.record_at(r).ward for r in range(page.proxy.rowCount())} == {"Gia Thụy"}


def test_name_column_sorts_collectives_first_then_people_by_given_name(window):
    choose_ceremony(window, "Long Biên", 2022)
    page = window.awardees
    page.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    shown = [page.proxy.record_at(r) for r in range(page.proxy.rowCount())]
    kinds = [a.kind for a in shown]
    assert kinds == sorted(kinds, key=lambda k: k is AwardeeKind.INDIVIDUAL)
    people = [a.name for a in shown if a.kind is AwardeeKind.INDIVIDUAL]
    collator = QCollator(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    given = [n.split()[-1] for n in people]
    assert all(collator.compare(a, b) <= 0 for a, b in zip(given, given[1:], strict=False))


def test_python_collation_agrees_with_qcollator_on_every_sample_text(sample_book):
    collator = QCollator(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    collator.setNumericMode(True)
    words = sorted(
        {a.name for c in sample_book.ceremonies() for a in sample_book.awardees(c.id)}
        | {a.unit for c in sample_book.ceremonies() for a in sample_book.awardees(c.id)}
    )
    ours = sorted(words, key=text.sort_key)
    assert all(collator.compare(a, b) <= 0 for a, b in zip(ours, ours[1:], strict=False))


def test_table_model_passes_qt_model_checks(qtmodeltester, sample_book):
    ceremony = sample_book.ceremonies()[0]
    model = awardee_model(lambda: {d.id: d for d in sample_book.decisions(ceremony.id)})
    model.set_records(sample_book.awardees(ceremony.id))
    qtmodeltester.check(model)


def test_completion_ignores_accents(qtbot):
    completer = FoldingCompleter()
    completer.set_values(["Ngọc Thụy", "Ngọc Lâm", "Thượng Thanh"])
    completer.setCompletionPrefix("ngoc thuy")
    assert completer.completionCount() == 1
    assert completer.currentCompletion() == "Ngọc Thụy"


def test_deleting_many_rows_at_once_and_undoing(qtbot, window):
    ceremony_id = choose_ceremony(window, "Long Biên", 2022)
    page = window.awardees
    page.table.setFocus()
    page.table.selectAll()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert window.session.book.awardees(ceremony_id) == [] and page.model.rowCount() == 0
    window.undo_action.trigger()
    assert len(window.session.book.awardees(ceremony_id)) == LONG_BIEN_2022 and page.model.rowCount() == LONG_BIEN_2022


def test_the_filtered_table_keeps_qts_model_rules_and_the_selection(qtmodeltester, qtbot, window):
    """Filtering, sorting, adding, editing and deleting through the filter the table shows,
    with Qt's own model tester watching, and the selected record kept where it stays shown."""
    from dataclasses import replace

    choose_ceremony(window, "Long Biên", 2022)
    page = window.awardees
    proxy, model = page.proxy, page.model
    qtmodeltester.check(proxy)
    page.search.setText("phuong")
    page.apply_filter()
    qtmodeltester.check(proxy)
    chosen = proxy.record_at(2)
    page.table.selectRow(2)
    page.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)
    row = page.table.currentIndex().row()
    assert proxy.record_at(row).id == chosen.id, "the selection follows its record through a sort"
    page.search.setText("phuong bo de")  # typing on narrows
    page.apply_filter()
    qtmodeltester.check(proxy)
    assert all("phuong bo de" in text.fold(r.unit + " " + r.name + " " + r.ward) for r in proxy.accepted_records())

    matching = [r for r in model.records() if "phuong bo de" in model.folded(model.records().index(r))]
    added = replace(matching[0], id=10_000, name="Tổ dân phố số 99 phường Bồ Đề")
    model.upsert([added])
    assert proxy.record_at(proxy.rowCount() - 1).id == 10_000, "a new matching record shows"
    moved = replace(added, name="Tổ dân phố số 99", unit="Phường Gia Thụy", ward="Gia Thụy")
    model.upsert([moved])
    assert 10_000 not in {r.id for r in proxy.accepted_records()}, "an edit that no longer matches leaves the view"
    shown = proxy.rowCount()
    model.remove([matching[-1].id])
    assert proxy.rowCount() == shown - 1
    model.refresh()
    qtmodeltester.check(proxy)
    page.search.clear()
    page.apply_filter()
    assert proxy.rowCount() == model.rowCount()
