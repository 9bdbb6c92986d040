"""Ceremony day in the window: the MC screen and the audience screen driven by keys, absences,
resuming after a restart, and the award order page (keyboard, drag and drop, leaders, undo)."""

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog

import ui.show.show_launcher as launcher
from models.repos.order_book import OrderBook
from tests.gui_helpers import choose_ceremony, type_text
from ui.dialogs.order_dialogs import LeaderDialog


@pytest.fixture
def order_page(window):
    choose_ceremony(window, "Long Biên", 2022)
    window.tabs.setCurrentWidget(window.order)
    return window.order


@pytest.fixture
def start(qtbot, order_page, monkeypatch):
    """Start the show as the organiser would; the screen dialog is accepted as it opens."""

    def accept(dialog):
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(launcher.ScreenDialog, "exec", accept)

    def run():
        order_page.start_show()
        windows = order_page.show_windows
        assert windows is not None
        qtbot.addWidget(windows.mc)
        qtbot.addWidget(windows.audience)
        return windows

    return run


def _hall(windows) -> str:
    return " | ".join(windows.audience.texts())


def test_presentation_keys_move_both_screens_together(qtbot, start):
    w = start()
    mc, hall, show = w.mc, w.audience, w.controller.show
    assert show.step == 0 and mc.progress.text() == "Mở đầu · 9 đợt"
    assert "Công bố quyết định khen thưởng" in _hall(w)

    for key in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Space):
        qtbot.keyClick(mc, key)
    assert show.step == 4 and mc.progress.text() == "Đợt 4/9"
    batch = show.current
    assert [n for n, _ in show.slide().names] == [e.name for e in batch.entries]
    assert all(e.name in _hall(w) for e in batch.entries)  # the hall shows who is on stage
    assert batch.invitation in mc.invitation.text()
    assert mc.names.count() == len(batch.entries)

    for key in (Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp):
        qtbot.keyClick(hall, key)  # keys on the audience window (a clicker) move the same show
    assert show.step == 1 and mc.progress.text() == "Đợt 1/9"
    assert mc.next_heading.text().startswith("Đợt 2: Giấy khen")

    qtbot.keyClicks(mc, "7")
    assert "Đến đợt: 7" in mc.jump.text()
    qtbot.keyClick(mc, Qt.Key.Key_Return)
    assert show.step == 7 and mc.jump.text() == ""
    qtbot.keyClicks(hall, "42")
    qtbot.keyClick(hall, Qt.Key.Key_Enter)
    assert show.step == 7 and mc.message.text() == "Không có đợt 42 (có 9 đợt)."

    qtbot.keyClick(mc, Qt.Key.Key_End)
    assert mc.progress.text() == "Kết thúc · 9/9 đợt" and "Xin chúc mừng" in _hall(w)
    qtbot.keyClick(mc, Qt.Key.Key_Right)  # past the end stays at the end
    assert show.step == show.last_step
    qtbot.keyClick(hall, Qt.Key.Key_Home)
    assert show.step == 0


def test_b_blanks_the_hall_to_black_and_brings_it_back(qtbot, start):
    w = start()
    qtbot.keyClick(w.mc, Qt.Key.Key_Right)
    qtbot.keyClick(w.mc, Qt.Key.Key_B)
    assert w.audience.texts() == [] and "ĐANG TẮT" in w.mc.hall.text()
    image = w.audience.grab().toImage()
    assert image.pixelColor(image.width() // 2, image.height() // 2).name() == "#000000"
    qtbot.keyClick(w.mc, Qt.Key.Key_Right)  # the MC can move on while the hall is dark
    assert w.controller.show.step == 2 and w.audience.texts() == []
    qtbot.keyClick(w.audience, Qt.Key.Key_Period)  # clickers send "." for black
    first = w.controller.show.current.entries[0].name
    assert first in _hall(w) and "đang chiếu" in w.mc.hall.text()


def test_absent_awardees_are_skipped_in_the_hall_and_listed_at_the_end(qtbot, start, order_page):
    w = start()
    qtbot.keyClick(w.mc, Qt.Key.Key_Right)
    batch = w.controller.show.current
    gone = batch.entries[2]
    w.mc.names.item(2).setCheckState(Qt.CheckState.Unchecked)  # the MC unticks a name
    qtbot.waitUntil(lambda: gone.name not in _hall(w), timeout=2000)
    assert batch.entries[1].name in _hall(w)
    assert w.mc.now_heading.text().endswith(f"{len(batch.entries) - 1}/{len(batch.entries)} có mặt")
    w.mc.names.setCurrentRow(4)
    qtbot.keyClick(w.mc, Qt.Key.Key_V)  # or selects a name and presses V
    also_gone = batch.entries[4]
    assert also_gone.name not in _hall(w)
    qtbot.keyClick(w.mc, Qt.Key.Key_End)
    listed = [w.mc.names.item(i).text() for i in range(w.mc.names.count())]
    assert listed == [f"Vắng: {gone.spoken}", f"Vắng: {also_gone.spoken}"]
    stored = OrderBook(order_page.session.book.store).load(order_page.ceremony_id)
    assert stored.absent == {gone.ref, also_gone.ref}  # survives a crash from here on

    qtbot.keyClick(w.mc, Qt.Key.Key_Home)
    qtbot.keyClick(w.mc, Qt.Key.Key_Right)
    w.mc.names.item(2).setCheckState(Qt.CheckState.Checked)  # arrived late after all
    qtbot.waitUntil(lambda: gone.name in _hall(w), timeout=2000)


def test_escape_leaves_and_the_show_resumes_where_it_stopped(qtbot, start, dialogs):
    w = start()
    for _ in range(3):
        qtbot.keyClick(w.mc, Qt.Key.Key_Right)
    qtbot.keyClicks(w.mc, "5")
    qtbot.keyClick(w.mc, Qt.Key.Key_Escape)  # Esc first drops the half-typed number
    assert w.mc.isVisible() and w.controller.digits == ""
    qtbot.keyClick(w.mc, Qt.Key.Key_Escape)
    assert not w.mc.isVisible() and not w.audience.isVisible()

    dialogs.answer = dialogs.answer.Yes
    again = start()
    assert again.controller.show.step == 3
    assert any("Đợt 3" in message for _, message in dialogs.seen)


def test_closing_the_hall_window_ends_the_show_on_both_screens(qtbot, start):
    w = start()
    qtbot.keyClick(w.audience, Qt.Key.Key_Right)
    w.audience.close()
    assert not w.mc.isVisible() and w.controller.done


def test_screen_choice_offers_every_screen_and_a_window(qtbot, order_page):
    dialog = launcher.ScreenDialog(order_page.screen())
    qtbot.addWidget(dialog)
    screens = QGuiApplication.screens()
    assert dialog.choice.count() == len(screens) + 1
    assert dialog.choice.itemText(0).startswith("Toàn màn hình trên Màn hình 1:")
    # the MC's own screen is not offered first: with one screen, a window is the default
    if len(screens) == 1:
        assert dialog.target() is launcher.WINDOWED
    dialog.choice.setCurrentIndex(0)
    assert dialog.target() is screens[0]


# --- the award order page ------------------------------------------------------------------


def _select_entry(page, batch: int, row: int):
    index = page.model.index(row, 0, page.model.index(batch, 0))
    selection = page.tree.selectionModel()
    selection.select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
    # Not tree.setCurrentIndex: that reads the keyboard's modifiers, which QTest leaves
    # showing Ctrl after a Ctrl+Z that a shortcut took, and would toggle the selection off.
    selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)


def _names(page, batch):
    return [page.model.entries.by_ref[r].name for r in page.model.order.batches[batch].refs]


def test_alt_arrows_move_people_across_batches_and_undo_restores(qtbot, order_page):
    before = [list(b.refs) for b in order_page.model.order.batches]
    last = _names(order_page, 0)[-1]
    _select_entry(order_page, 0, len(before[0]) - 1)
    order_page.tree.setFocus()
    qtbot.keyClick(order_page.tree, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert _names(order_page, 1)[0] == last  # over the boundary: first of the next batch
    qtbot.keyClick(order_page.tree, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert _names(order_page, 1)[1] == last
    stored = OrderBook(order_page.session.book.store).load(order_page.ceremony_id)
    assert [len(b.refs) for b in stored.batches][:2] == [8, 10], "saved at once"
    assert "Đã lưu: Chuyển người được trao." in order_page.window().statusBar().currentMessage()

    order_page.session.undo_stack.undo()
    order_page.session.undo_stack.undo()
    assert [list(b.refs) for b in order_page.model.order.batches] == before
    stored = OrderBook(order_page.session.book.store).load(order_page.ceremony_id)
    assert [list(b.refs) for b in stored.batches] == before


def test_undoing_an_edit_keeps_an_absence_the_stage_marked_after_it(qtbot, order_page):
    before = [list(b.refs) for b in order_page.model.order.batches]
    _select_entry(order_page, 0, len(before[0]) - 1)
    order_page.tree.setFocus()
    qtbot.keyClick(order_page.tree, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    away = before[1][3]
    stage = OrderBook(order_page.session.book.store)  # the MC presses V meanwhile
    stage.set_absent(order_page.ceremony_id, away, True)
    stage.set_live_step(order_page.ceremony_id, 4)

    qtbot.keyClick(order_page.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    stored = OrderBook(order_page.session.book.store).load(order_page.ceremony_id)
    assert [list(b.refs) for b in stored.batches] == before
    assert stored.absent == {away} and stored.live_step == 4, "the undo takes back the move, not the stage"
    assert order_page.model.order.absent == {away}


def test_a_full_batch_refuses_more_and_says_why(qtbot, order_page):
    order_page.batch_size.setValue(9)  # the first batches hold 9: now full
    _select_entry(order_page, 1, 0)
    order_page.move_selection(-1)
    assert "Đợt 1 đã có 9 người" in order_page.notice.text() and order_page.notice.isVisible()
    assert len(order_page.model.order.batches[0].refs) == 9


def test_drag_and_drop_moves_people_and_batches(qtbot, order_page):
    model = order_page.model
    who = _names(order_page, 2)[0]
    dragged = model.mimeData([model.index(0, 0, model.index(2, 0))])
    # dropped between the first and second person of batch 1
    assert model.dropMimeData(dragged, Qt.DropAction.MoveAction, 1, 0, model.index(0, 0)) is False
    assert _names(order_page, 0)[1] == who and len(order_page.model.order.batches[0].refs) == 10

    last_batch = len(model.order.batches) - 1
    leader = model.order.batches[last_batch].leader_name
    dragged = model.mimeData([model.index(last_batch, 0)])
    model.dropMimeData(dragged, Qt.DropAction.MoveAction, 0, 0, model.index(-1, -1))
    assert order_page.model.order.batches[0].leader_name == leader


def test_split_merge_and_leader_on_the_page(qtbot, order_page, monkeypatch):
    _select_entry(order_page, 0, 4)
    order_page.split_button.click()
    assert [len(b.refs) for b in order_page.model.order.batches][:3] == [4, 5, 9]

    def fill(dialog):
        dialog.name.setCurrentText("Lê Khắc Nam")
        dialog.role.setText("Phó Chủ tịch UBND thành phố")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(LeaderDialog, "exec", fill)
    order_page.leader_button.click()
    assert order_page.model.order.batches[1].leader == "Lê Khắc Nam, Phó Chủ tịch UBND thành phố"
    assert (
        "Trân trọng kính mời đồng chí Lê Khắc Nam, Phó Chủ tịch UBND thành phố lên trao Giấy khen"
        in order_page.script.view.toPlainText()
    )
    _select_entry(order_page, 0, 0)
    order_page.merge_button.click()
    assert [len(b.refs) for b in order_page.model.order.batches][:2] == [9, 9]


def test_separator_option_is_for_plain_paper_only(window):
    page = window.printing
    page.blank_mode.setChecked(True)
    assert not page.separators.isEnabled()
    page.full_mode.setChecked(True)
    assert page.separators.isEnabled()


def test_a_long_ceremony_does_not_wear_out_the_qt_bindings(qtbot, start):
    """PySide6 6.12.0 dropped a reference to None on every call returning nothing; after some
    thousand advances Python aborted mid-ceremony. Hundreds of moves must leave None intact."""
    import sys

    w = start()
    before = sys.getrefcount(None)
    for _ in range(20):
        qtbot.keyClick(w.mc, Qt.Key.Key_End)
        qtbot.keyClick(w.mc, Qt.Key.Key_Home)
        for _ in range(10):
            qtbot.keyClick(w.audience, Qt.Key.Key_Right)
    assert w.controller.show.step == w.controller.show.last_step
    assert sys.getrefcount(None) - before > -200


def test_someone_entered_later_joins_the_order_shown(qtbot, window):
    from models.domain.records import Awardee, AwardeeKind
    from models.ops.records import AddRecords

    ceremony_id = choose_ceremony(window, "Long Biên", 2021)
    window.tabs.setCurrentWidget(window.awardees)
    decision = window.session.book.decisions(ceremony_id)[0]
    new = Awardee(ceremony_id, AwardeeKind.INDIVIDUAL, "Mai Thị Mới Nhập", decision_id=decision.id)
    assert window.session.run(AddRecords(window.session.awardees, [new], "Thêm"))
    window.tabs.setCurrentWidget(window.order)  # re-read when shown
    names = [e.name for e in window.order.model.entries.by_ref.values()]
    assert "Mai Thị Mới Nhập" in names
    assert "Mai Thị Mới Nhập" in window.order.script.view.toPlainText()


def test_the_mc_marks_someone_absent_with_the_keyboard_alone(qtbot, start, order_page):
    w = start()
    qtbot.keyClick(w.mc, Qt.Key.Key_Right)
    batch = w.controller.show.current
    qtbot.keyClick(w.mc, Qt.Key.Key_V)
    assert "Tab" in w.mc.message.text(), "V with no name chosen says how to choose one"
    for _ in range(3):
        qtbot.keyClick(w.mc, Qt.Key.Key_Tab)
    qtbot.keyClick(w.mc, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(w.mc, Qt.Key.Key_V)
    gone = batch.entries[1]
    assert w.controller.show.absent == {gone.ref}
    assert gone.name not in _hall(w)
    qtbot.keyClick(w.mc, Qt.Key.Key_V)  # pressed again: present after all
    assert w.controller.show.absent == set() and gone.name in _hall(w)


def test_the_mcs_clock_goes_on_from_the_real_start_after_a_restart(qtbot, start, dialogs):
    import datetime as dt

    w = start()
    for _ in range(2):
        qtbot.keyClick(w.mc, Qt.Key.Key_Right)
    started = w.controller.started_at
    assert started is not None
    qtbot.keyClick(w.mc, Qt.Key.Key_Escape)  # the laptop is restarted mid-ceremony

    book = w.controller.session.orders
    order = book.load(w.controller.ceremony_id)
    assert order.live_started == started, "the start is kept in the book"
    book.set_live_step(order.ceremony_id, order.live_step, started - dt.timedelta(minutes=42))

    dialogs.answer = dialogs.answer.Yes
    again = start()
    assert again.controller.show.step == 2
    assert again.mc.clock.text().startswith("Thời gian: 00:42:"), again.mc.clock.text()


def _lines(item) -> list[str]:
    """How Qt wraps a text of the hall screen in its box."""
    from PySide6.QtGui import QTextLayout, QTextOption

    layout = QTextLayout(item.text, item.font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(item.rect.width())
        lines.append(item.text[line.textStart() : line.textStart() + line.textLength()])
    layout.endLayout()
    return lines


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1024, 768), (1366, 768)])
def test_the_hall_reads_every_name_and_unit_from_the_back_row(qtbot, window, width, height):
    from models.domain.live import Show
    from models.reports.mc_script import ceremony_script
    from ui.show.audience_screen import DETAIL_FLOOR, NAME_FLOOR, layout

    for place, year in (("Long Biên", 2022), ("Hải Phòng", 2022)):
        ceremony_id = choose_ceremony(window, place, year)
        show = Show(ceremony_script(window.session.book, ceremony_id))
        for step in range(1, show.batch_count + 1):
            slide = show.slide_at(step)
            items = layout(slide, width, height, window.font().family())[2:]
            names = [i for i in items if i.font.bold()]
            details = [i for i in items if not i.font.bold()]
            assert {i.font.pixelSize() for i in names} >= {int(height * NAME_FLOOR)} or all(
                i.font.pixelSize() >= int(height * NAME_FLOOR) for i in names
            )
            sizes = {i.font.pixelSize() for i in details}
            assert len(sizes) <= 1, "one size for every position and unit on a slide"
            assert all(s >= int(height * DETAIL_FLOOR) for s in sizes), (place, step, sizes, height)
            for item in (i for i in names if "," in i.text):  # several authors of one work
                for line in _lines(item)[:-1]:
                    assert line.rstrip().endswith(","), f"a person's name broken: {_lines(item)}"


def test_two_authors_break_between_people_not_inside_a_name(window):
    from models.domain.live import Slide
    from ui.show.audience_screen import layout

    slide = Slide("Hội nghị", "GIẤY CHỨNG NHẬN", (("Đỗ Thị Hằng, Nguyễn Văn Thành Trung", "Giải A, Huyện An Lão"),))
    item = layout(slide, 640, 480, window.font().family())[2]
    assert [ln.replace("\u00a0", " ").strip(" ,") for ln in _lines(item)] in (
        ["Đỗ Thị Hằng", "Nguyễn Văn Thành Trung"],
        ["Đỗ Thị Hằng, Nguyễn Văn Thành Trung"],
    )


def test_the_order_tree_keeps_qts_model_rules(qtmodeltester, order_page):
    """Qt's own model tester walks the tree (parents, rows, indexes, drag-and-drop flags)."""
    qtmodeltester.check(order_page.model, force_py=True)
    _select_entry(order_page, 0, 0)
    order_page.move_selection(+1)  # after an edit, the rebuilt tree holds to the rules too
    qtmodeltester.check(order_page.model, force_py=True)


def test_the_mcs_opening_words_are_typed_shown_undone_and_exported(qtbot, order_page, window, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    from tests.pdf_tools import page_texts
    from ui.dialogs.order_dialogs import WordingDialog

    default = order_page.script.view.toPlainText()

    def type_words(dialog):
        dialog.edit.selectAll()
        type_text(dialog.edit, "Kính thưa các đồng chí, hôm nay phường Thạch Bàn")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(WordingDialog, "exec", type_words)
    order_page.script.opening_button.click()
    assert "Kính thưa các đồng chí, hôm nay phường Thạch Bàn" in order_page.script.view.toPlainText()

    out = tmp_path / "kich-ban"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "Tệp PDF (*.pdf)")))
    order_page.script.export_button.click()
    exported = " ".join(page_texts(out.with_suffix(".pdf")))
    assert "KỊCH BẢN TRAO KHEN THƯỞNG" in exported and "hôm nay phường Thạch Bàn" in exported

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert order_page.script.view.toPlainText() == default, "Ctrl+Z brings the generated words back"


def test_the_shows_marks_are_kept_but_stay_off_the_clerks_undo_history(qtbot, start, order_page, window):
    _select_entry(order_page, 0, 4)
    order_page.split_button.click()
    stack = window.session.undo_stack
    assert (stack.count(), stack.undoText()) == (1, "Tách đợt 1")
    w = start()
    qtbot.keyClick(w.mc, Qt.Key.Key_Right)
    qtbot.keyClick(w.mc, Qt.Key.Key_Tab)
    qtbot.keyClick(w.mc, Qt.Key.Key_V)
    gone = w.controller.show.current.entries[0].ref
    qtbot.keyClick(w.mc, Qt.Key.Key_Escape)
    stored = OrderBook(window.session.book.store).load(order_page.ceremony_id)
    assert stored.absent == {gone} and stored.live_step == 1, "what the stage marked is in the book"
    assert (stack.count(), stack.undoText()) == (1, "Tách đợt 1"), "the MC's keys are not the clerk's undo"
    assert "Vắng mặt" not in window.statusBar().currentMessage()
    assert order_page.model.order.absent == {gone}, "the order page shows the absence once the show ends"
