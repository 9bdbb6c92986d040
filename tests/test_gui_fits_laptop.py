"""Every window and dialog fits a 1366×768 laptop: 1366×690 once the taskbar and title
bar are taken, and the main window still fits at 125 % scaling (1093×552 logical px)."""

from __future__ import annotations

from PySide6.QtCore import QSize, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog

from tests import sheet_files as S
from tests.gui_helpers import choose_ceremony

WORK_AREA = QSize(1366, 690)
AT_125 = QSize(1366 * 4 // 5, 690 * 4 // 5)


def fits(size: QSize, area: QSize) -> bool:
    return size.width() <= area.width() and size.height() <= area.height()


def test_the_main_window_fits_on_every_page_and_ceremony_even_at_125_percent(qtbot, window):
    assert fits(window.size(), WORK_AREA), window.size()
    for place, year in (("Long Biên", 2022), ("Long Biên", 2021), ("Hải Phòng", 2022)):
        choose_ceremony(window, place, year)
        for i in range(window.tabs.count()):
            window.tabs.setCurrentIndex(i)
            qtbot.wait(1)
            hint = window.minimumSizeHint()
            assert fits(hint, AT_125), (window.tabs.tabText(i), hint)


def test_notices_keep_their_space_so_nothing_moves_under_the_pointer(qtbot, window):
    choose_ceremony(window, "Long Biên", 2022)
    form = window.awardees.form
    window.resize(1300, 680)
    qtbot.wait(10)
    before = {w: w.mapTo(window, w.rect().topLeft()) for w in (form.name, form.unit, form.add_button)}
    form.notice.show_notice(
        "Chưa lưu được thay đổi: ổ đĩa đã đầy; hãy xóa bớt tệp (hoặc dọn thùng rác) rồi làm lại. "
        "Những gì đã lưu trước đó vẫn an toàn."
    )
    form.duplicate.show_notice("⚠ Có thể trùng: “Nguyễn Thị Thu Hà” – Phường Đức Giang đã có.", "warning")
    qtbot.wait(10)
    after = {w: w.mapTo(window, w.rect().topLeft()) for w in before}
    assert after == before
    assert fits(window.minimumSizeHint(), AT_125)


def _shown_size(qtbot, dialog: QDialog) -> QSize:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.wait(1)
    return dialog.size().expandedTo(dialog.minimumSizeHint())


def test_every_dialog_fits(qtbot, window, tmp_path):
    from models.reports.stats import ceremony_stats
    from ui.dialogs.calibration_dialog import CalibrationDialog
    from ui.dialogs.import_dialog import ImportDialog, open_workbook
    from ui.dialogs.order_dialogs import LeaderDialog, WordingDialog
    from ui.dialogs.stats_dialog import StatsDialog
    from ui.dialogs.template_dialog import TemplateDialog
    from ui.show.show_launcher import ScreenDialog

    ceremony_id = choose_ceremony(window, "Long Biên", 2022)
    session = window.session
    workbook = open_workbook(S.write_xlsx(tmp_path / "phuong.xlsx", S.table_rows()), window)
    many = ", ".join(f"đợt {n}" for n in range(1, 40))
    dialogs = {
        "template": TemplateDialog(session, ceremony_id, window),
        "calibration": CalibrationDialog(session, window),
        "import": ImportDialog(session, workbook, ceremony_id, window),
        "stats": StatsDialog(ceremony_stats(session.book, ceremony_id), window),
        "leader": LeaderDialog([("Lê Khắc Nam", "Phó Chủ tịch UBND thành phố")], ("", ""), many, window),
        "wording": WordingDialog("Lời mở đầu", "Gợi ý " * 80, "Trân trọng " * 200, "", window),
        "screens": ScreenDialog(window.screen(), window),
    }
    for name, dialog in dialogs.items():
        assert fits(_shown_size(qtbot, dialog), WORK_AREA), (name, _shown_size(qtbot, dialog))


def test_the_reprint_question_fits_however_long_the_names(qtbot, window, monkeypatch, tmp_path):
    """The real QInputDialog the organiser sees, measured while it is open."""
    from PySide6.QtWidgets import QFileDialog

    choose_ceremony(window, "Long Biên", 2022)
    page = window.printing
    window.tabs.setCurrentWidget(page)
    out = tmp_path / "giay-khen.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    page.save_pdf()
    qtbot.waitUntil(lambda: page.bar.task is None, timeout=60000)

    seen = []

    def measure_and_cancel():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QInputDialog)
        seen.append(dialog.size().expandedTo(dialog.minimumSizeHint()))
        dialog.reject()

    QTimer.singleShot(300, measure_and_cancel)
    page.save_pdf()
    assert seen and fits(seen[0], WORK_AREA), seen


def test_the_ceremony_screens_fit_as_windows(qtbot, window):
    from models.domain.live import Show
    from models.domain.script import build_script
    from models.repos.order_book import OrderBook
    from ui.show.audience_screen import AudienceScreen
    from ui.show.mc_screen import McScreen
    from ui.show.show_controller import ShowController

    ceremony_id = choose_ceremony(window, "Long Biên", 2022)
    book = window.session.book
    orders = OrderBook(book.store)
    current = orders.current(book, ceremony_id)
    script = build_script(book.ceremony(ceremony_id), current.order, current.entries, book.decisions(ceremony_id))
    controller = ShowController(Show(script, set(), 0), window.session, ceremony_id)
    for screen in (McScreen(controller), AudienceScreen(controller)):
        qtbot.addWidget(screen)
        screen.show()
        qtbot.wait(1)
        assert fits(screen.minimumSizeHint(), WORK_AREA), (type(screen).__name__, screen.minimumSizeHint())


def test_at_full_laptop_size_no_page_needs_a_scroll_bar(qtbot, window):
    window.resize(WORK_AREA)
    for place, year in (("Long Biên", 2022), ("Hải Phòng", 2022)):
        choose_ceremony(window, place, year)
        for i in range(window.tabs.count()):
            window.tabs.setCurrentIndex(i)
            qtbot.wait(1)
            page = window.tabs.widget(i)
            room = window.tabs.currentWidget().parentWidget().size()  # the scroll area's viewport
            assert fits(page.minimumSizeHint(), room), (window.tabs.tabText(i), page.minimumSizeHint(), room)


def test_at_125_percent_pages_scroll_down_but_never_sideways(qtbot, window):
    window.resize(AT_125)
    choose_ceremony(window, "Long Biên", 2022)
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        qtbot.wait(1)
        page = window.tabs.widget(i)
        room = window.tabs.currentWidget().parentWidget().size()
        assert page.minimumSizeHint().width() <= room.width(), (window.tabs.tabText(i), page.minimumSizeHint(), room)
