"""Ctrl+Z and Ctrl+Y for every kind of record the clerk writes, pressed as keys in the
window; after each, the other pages that show the record show the book as it is (#17)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from models.domain.records import PrizeLevel
from tests.gui_helpers import choose_ceremony
from tests.sample_counts import HAI_PHONG_2022_PRIZES


def _press(qtbot, window, key):
    """Ctrl+key to a widget with no undo of its own, as a clerk would after an edit."""
    bar = window.tabs.tabBar()
    bar.setFocus()
    qtbot.keyClick(bar, key, Qt.KeyboardModifier.ControlModifier)


def undo(qtbot, window):
    _press(qtbot, window, Qt.Key.Key_Z)


def redo(qtbot, window):
    _press(qtbot, window, Qt.Key.Key_Y)


def test_a_ceremony_edit(qtbot, window):
    ceremony_id = choose_ceremony(window, "Long Biên", 2021)
    before = window.session.book.ceremony(ceremony_id).title
    window.details.title.setText("Sơ kết 9 tháng năm 2021")
    window.details.title.editingFinished.emit()
    undo(qtbot, window)
    assert window.session.book.ceremony(ceremony_id).title == before
    assert window.details.title.text() == before and window.ceremony_choice.currentText().endswith(before)
    redo(qtbot, window)
    assert window.details.title.text() == "Sơ kết 9 tháng năm 2021"
    assert window.ceremony_choice.currentText().endswith("Sơ kết 9 tháng năm 2021")


def test_a_new_ceremony(qtbot, window, monkeypatch):
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("Lễ trao phường Cự Khối", True)))
    count = window.ceremony_choice.count()
    window.add_ceremony()
    assert window.ceremony_choice.count() == count + 1
    undo(qtbot, window)
    assert window.ceremony_choice.count() == count
    assert not any(c.title == "Lễ trao phường Cự Khối" for c in window.session.book.ceremonies())
    redo(qtbot, window)
    assert any(c.title == "Lễ trao phường Cự Khối" for c in window.session.book.ceremonies())
    assert window.ceremony_choice.count() == count + 1


def test_a_decision_added_and_deleted(qtbot, window, dialogs):
    ceremony_id = choose_ceremony(window, "Long Biên", 2022)
    details, form = window.details, window.awardees.form
    details.add_decision.click()
    assert details.decisions.count() == 3 and form.decision.count() == 4
    undo(qtbot, window)
    assert len(window.session.book.decisions(ceremony_id)) == 2
    assert details.decisions.count() == 2 and form.decision.count() == 3, "both pages show it gone"
    redo(qtbot, window)
    assert details.decisions.count() == 3 and form.decision.count() == 4

    new = next(d for d in window.session.book.decisions(ceremony_id) if not d.number)
    details.decisions.setCurrentRow(next(i for i in range(3) if details.decisions.item(i).text() == new.label))
    dialogs.answer = QMessageBox.StandardButton.Yes
    details.delete_decision.click()
    assert details.decisions.count() == 2
    undo(qtbot, window)
    assert [d.id for d in window.session.book.decisions(ceremony_id)].count(new.id) == 1, "back with its id"
    assert details.decisions.count() == 3 and form.decision.count() == 4


def test_quotas_and_a_contest_deleted_with_its_prizes(qtbot, window, dialogs):
    ceremony_id = choose_ceremony(window, "Hải Phòng", 2022)
    window.tabs.setCurrentWidget(window.prizes)
    page = window.prizes
    spin = page.box.quota[PrizeLevel.CONSOLATION]
    before = spin.value()
    spin.setValue(before + 5)
    [contest] = window.session.book.contests(ceremony_id)
    assert contest.quotas.get(PrizeLevel.CONSOLATION, 0) == before + 5
    undo(qtbot, window)
    [contest] = window.session.book.contests(ceremony_id)
    assert contest.quotas.get(PrizeLevel.CONSOLATION, 0) == before and spin.value() == before
    redo(qtbot, window)
    assert spin.value() == before + 5

    dialogs.answer = QMessageBox.StandardButton.Yes
    page.delete_contest.click()
    assert window.session.book.contests(ceremony_id) == [] and page.model.rowCount() == 0
    undo(qtbot, window)
    assert len(window.session.book.contests(ceremony_id)) == 1
    assert page.model.rowCount() == HAI_PHONG_2022_PRIZES, "the contest comes back with its 16 prizes"
    undo(qtbot, window)  # the history before the deletion still holds: the quota edit
    assert spin.value() == before


def test_a_field_typed_for_an_awardee(qtbot, window):
    choose_ceremony(window, "Long Biên", 2022)
    window.tabs.setCurrentWidget(window.awardees)
    form = window.awardees.form
    form.name.setText("Nguyễn Văn Mới")
    form.field.setCurrentText("Chuyển đổi số")
    qtbot.keyClick(form.name, Qt.Key.Key_Return)
    assert "Chuyển đổi số" in window.session.book.fields()
    assert form.field.findText("Chuyển đổi số") >= 0
    undo(qtbot, window)  # the entry
    undo(qtbot, window)  # the field it brought
    assert "Chuyển đổi số" not in window.session.book.fields()
    assert form.field.findText("Chuyển đổi số") < 0, "the list the clerk picks from follows"
    redo(qtbot, window)
    assert "Chuyển đổi số" in window.session.book.fields() and form.field.findText("Chuyển đổi số") >= 0


def test_a_template(qtbot, window):
    from models.domain.records import AwardForm
    from ui.dialogs.template_dialog import TemplateDialog

    ceremony_id = choose_ceremony(window, "Long Biên", 2022)
    before = window.session.prints.template(ceremony_id, AwardForm.GIAY_KHEN)
    dialog = TemplateDialog(window.session, ceremony_id, window, form=AwardForm.GIAY_KHEN)
    qtbot.addWidget(dialog)
    dialog.lead.setText("Khen tặng")
    assert dialog.save()
    dialog.close()
    assert window.session.prints.template(ceremony_id, AwardForm.GIAY_KHEN).lead == "Khen tặng"
    undo(qtbot, window)
    assert window.session.prints.template(ceremony_id, AwardForm.GIAY_KHEN) == before
    redo(qtbot, window)
    assert window.session.prints.template(ceremony_id, AwardForm.GIAY_KHEN).lead == "Khen tặng"


def test_an_order_edit(qtbot, window):
    from PySide6.QtCore import QItemSelectionModel

    choose_ceremony(window, "Long Biên", 2022)
    window.tabs.setCurrentWidget(window.order)
    page = window.order
    before = [list(b.refs) for b in page.model.order.batches]
    selection = page.tree.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    selection.select(page.model.index(1, 0), flags)
    selection.setCurrentIndex(page.model.index(1, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)  # batch 2 goes first
    moved = [list(b.refs) for b in page.model.order.batches]
    assert moved[0] == before[1]

    undo(qtbot, window)
    assert [list(b.refs) for b in page.model.order.batches] == before
    stored = window.session.orders.load(page.ceremony_id)
    assert [list(b.refs) for b in stored.batches] == before
    window.tabs.setCurrentWidget(window.printing)  # another page, re-read when shown
    first = page.model.entries.by_ref[before[0][0]].name
    assert window.printing.model.rows[0].name == first

    redo(qtbot, window)
    window.tabs.setCurrentWidget(window.printing)
    assert window.printing.model.rows[0].name == page.model.entries.by_ref[moved[0][0]].name
    window.tabs.setCurrentWidget(window.order)
    assert [list(b.refs) for b in page.model.order.batches] == moved
