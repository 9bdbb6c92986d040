"""The import window: preview, column mapping by hand, confirmations, and landing the list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from models.domain.records import AwardeeKind
from models.importing.columns import Column
from tests import sheet_files as S
from tests.gui_helpers import choose_ceremony
from ui.dialogs.import_dialog import ImportDialog, open_workbook


def _dialog(window, qtbot, path):
    ceremony_id = choose_ceremony(window, "Long Biên", 2021)
    workbook = open_workbook(path, window)
    dialog = ImportDialog(window.session, workbook, ceremony_id, window)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, ceremony_id


def test_a_ward_list_is_previewed_confirmed_and_imported(window, qtbot, tmp_path):
    path = S.write_xlsx(tmp_path / "phuong.xlsx", S.table_rows())
    dialog, ceremony_id = _dialog(window, qtbot, path)
    before = len(window.session.book.awardees(ceremony_id))

    header = dialog.preview_model.headerData(1, Qt.Horizontal)
    assert header.startswith("B: Họ và tên") and "“Họ và tên / Tên tập thể”" in header
    assert dialog.preview_model.headerData(0, Qt.Vertical) == "5"  # Excel's row number
    assert dialog.tabs.tabText(0) == "Sẽ nhập (5)"
    ok = dialog.buttons.button(QDialogButtonBox.Ok)
    assert ok.isEnabled() and ok.text() == "Nhập 5 mục"
    assert "5 dòng được đoán loại theo tên" in dialog.summary.text()

    model = dialog.rows_model
    doan = next(i for i, r in enumerate(model.rows) if r.name == "Đoàn Văn Hùng")
    assert model.data(model.index(doan, 2), Qt.CheckStateRole) == Qt.Unchecked  # a person, not "Đoàn Thanh niên"
    le = next(i for i, r in enumerate(model.rows) if r.name == "Lê Quý Hòa")
    model.setData(model.index(le, 0), Qt.Unchecked.value, Qt.CheckStateRole)  # leave one out
    assert ok.text() == "Nhập 4 mục"

    qtbot.mouseClick(ok, Qt.LeftButton)
    assert dialog.result() == QDialog.Accepted
    names = [a.name for a in window.session.book.awardees(ceremony_id)[before:]]
    assert names == [n[0] for n in S.PEOPLE if n[0] != "Lê Quý Hòa"]
    assert "Đã nhập 4 tập thể, cá nhân" in window.statusBar().currentMessage()
    assert window.awardees.model.rowCount() >= before + 4


def test_columns_mapped_by_hand_are_remembered_next_time(window, qtbot, tmp_path):
    rows = [["Mã", "Người được khen", "Nơi ở", "Đối tượng"], ["01", "Nguyễn Văn An", "Phường Bồ Đề", "tập thể"]]
    path = S.write_xlsx(tmp_path / "la.xlsx", rows, merges=())
    dialog, _ = _dialog(window, qtbot, path)
    ok = dialog.buttons.button(QDialogButtonBox.Ok)
    assert not ok.isEnabled() and dialog.tabs.tabText(1) == "Lỗi (1)"

    dialog.set_meaning(1, Column.NAME)
    dialog.set_meaning(2, Column.WARD)
    assert ok.isEnabled() and dialog.rows_model.rows[0].awardee.ward == "Bồ Đề"
    assert dialog.rows_model.rows[0].awardee.kind is AwardeeKind.COLLECTIVE  # "Đối tượng" read as the kind
    dialog.set_meaning(2, None)
    assert dialog.rows_model.rows[0].awardee.ward == ""
    dialog.set_meaning(2, Column.WARD)
    qtbot.mouseClick(ok, Qt.LeftButton)

    again, _ = _dialog(window, qtbot, path)
    assert again.plan.mapping == {1: Column.NAME, 2: Column.WARD, 3: Column.KIND}
    assert "Dùng cách gán cột đã chọn lần trước" in again.plan.notes[0]


def test_a_file_that_is_not_a_list_is_explained(window, dialogs, tmp_path):
    path = tmp_path / "anh.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    assert open_workbook(path, window) is None
    assert dialogs.seen and "anh.xlsx" in dialogs.seen[-1][1] and "không phải bảng tính" in dialogs.seen[-1][1]


def test_an_import_is_undone_and_redone_as_one_step(window, qtbot, tmp_path):
    rows = [list(S.HEADER) + ["Hình thức khen thưởng"]]
    rows += [[i + 1, *p, "Bằng khen"] for i, p in enumerate(S.PEOPLE)]  # a form the ceremony has no decision for
    path = S.write_xlsx(tmp_path / "bang_khen.xlsx", rows, merges=())
    dialog, ceremony_id = _dialog(window, qtbot, path)
    book = window.session.book
    before = [a.id for a in book.awardees(ceremony_id)]
    decisions_before = [d.id for d in book.decisions(ceremony_id)]
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
    imported = [a for a in book.awardees(ceremony_id) if a.id not in before]
    assert len(imported) == 5 and len(book.decisions(ceremony_id)) == len(decisions_before) + 1
    assert "Ctrl+Z" in window.statusBar().currentMessage()
    shown = window.awardees.model.rowCount()

    window.undo_action.trigger()
    assert [a.id for a in book.awardees(ceremony_id)] == before
    assert [d.id for d in book.decisions(ceremony_id)] == decisions_before  # the decision it made is gone too
    assert window.awardees.model.rowCount() == shown - 5

    window.redo_action.trigger()
    again = [a for a in book.awardees(ceremony_id) if a.id not in before]
    assert [(a.id, a.name, a.decision_id) for a in again] == [(a.id, a.name, a.decision_id) for a in imported]
    assert window.awardees.model.rowCount() == shown


def test_hủy_stops_the_reading_itself_not_only_the_wait(window, qtbot, tmp_path, monkeypatch):
    import threading
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QProgressDialog

    import models.sheets.csv_text

    source = tmp_path / "ca-quan.csv"
    source.write_text("STT,Họ và tên,Đơn vị\n" + "".join(f"{i},Nguyễn Văn {i},Phường Bồ Đề\n" for i in range(90_000)))
    plain = models.sheets.csv_text.trimmed

    def slow_row(row):  # a slow USB stick: 90,000 rows would take a minute and a half
        time.sleep(0.001)
        return plain(row)

    monkeypatch.setattr(models.sheets.csv_text, "trimmed", slow_row)

    def press_cancel():
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible())
        qtbot.keyClick(box, Qt.Key.Key_Escape)

    QTimer.singleShot(700, press_cancel)
    assert open_workbook(source, window) is None
    deadline = time.monotonic() + 3
    while any(t.name == "doc-bang-tinh" for t in threading.enumerate()) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not any(t.name == "doc-bang-tinh" for t in threading.enumerate()), "the reader stopped, not ran on unseen"


def test_a_slow_file_is_read_off_the_window_thread_and_hủy_lets_the_clerk_go_on(window, qtbot, tmp_path, monkeypatch):
    import threading
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QProgressDialog

    import ui.workers.read_worker as reader

    release = threading.Event()

    def slow_read(path):
        release.wait(20)  # a big list on a slow USB stick
        raise AssertionError("the result of a cancelled read must be dropped")

    monkeypatch.setattr(reader, "read_workbook", slow_read)
    ticks, seen = [], []
    ticker = QTimer(interval=20)
    ticker.timeout.connect(lambda: ticks.append(time.monotonic()))
    ticker.start()

    def press_cancel():
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible())
        seen.append(box.labelText())
        qtbot.keyClick(box, Qt.Key.Key_Escape)

    QTimer.singleShot(700, press_cancel)
    start = time.monotonic()
    assert open_workbook(tmp_path / "lon.xlsx", window) is None
    took = time.monotonic() - start
    ticker.stop()
    release.set()
    assert seen and "Đang đọc “lon.xlsx”" in seen[0], "a progress box with Hủy appears"
    assert took < 3, "Hủy returns at once"
    assert len(ticks) > 10, "the window kept working while the file was read"


def test_cells_read_from_old_encodings_are_shown_and_doubtful_ones_must_be_seen(window, qtbot, tmp_path):
    import openpyxl
    from openpyxl.styles import Font
    from PySide6.QtGui import QColor

    from tests.legacy_text import tcvn3, vni

    wb = openpyxl.Workbook()
    for row in (["STT", "Họ và tên", "Đơn vị"], [1, tcvn3("Nguyễn Văn An"), "Phường Bồ Đề"], [2, vni("Lê Thị Ơn"), ""]):
        wb.active.append(row)
    for cell in wb.active["B"][1:2]:
        cell.font = Font(name=".VnTime")  # the first name keeps its font; the second lost it
    path = tmp_path / "cu.xlsx"
    wb.save(path)
    dialog, _ = _dialog(window, qtbot, path)

    assert dialog.tabs.currentWidget() is dialog.conversions, "the doubtful cells are shown first"
    assert dialog.tabs.tabText(3) == "Chữ mã cũ (2, 1 cần xem)"
    model = dialog.conversions_model
    shown = [[model.data(model.index(r, c)) for c in range(5)] for r in range(model.rowCount())]
    # Which reading wins a tie matters less than that the clerk sees it: the raw text is
    # kept here, since the rest of the sheet is Unicode.
    assert shown[0][:3] == ["3", "B", vni("Lê Thị Ơn")] and shown[0][3] in (vni("Lê Thị Ơn"), "Lê Thị Ơn")
    assert model.data(model.index(0, 5)) == "đọc được nhiều cách: cần xem"
    assert model.data(model.index(0, 0), Qt.BackgroundRole).color() == QColor("#fff4d6")
    assert shown[1] == ["2", "B", tcvn3("Nguyễn Văn An"), "Nguyễn Văn An", "TCVN3"]

    ok = dialog.buttons.button(QDialogButtonBox.Ok)
    assert not ok.isEnabled() and "1 ô chữ mã cũ đọc được nhiều cách" in dialog.summary.text()
    dialog.readings_checked.setFocus()
    qtbot.keyClick(dialog.readings_checked, Qt.Key_Space)
    assert ok.isEnabled() and ok.text() == "Nhập 2 mục"
