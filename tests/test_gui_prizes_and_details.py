import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from models.domain.records import PrizeLevel
from tests.gui_helpers import choose_ceremony
from tests.sample_counts import HAI_PHONG_2022_PRIZES
from ui.i18n import install_vietnamese


def test_quota_is_shown_and_warned_when_exceeded(qtbot, window, dialogs):
    choose_ceremony(window, "Hải Phòng", 2022)
    window.tabs.setCurrentWidget(window.prizes)
    page = window.prizes
    assert page.model.rowCount() == HAI_PHONG_2022_PRIZES
    assert "Giải A: 2/2" in page.box.status.text() and "Giải C: 10/10" in page.box.status.text()
    assert "380 tác phẩm" in page.box.status.text()

    page.form.level.set_value(PrizeLevel.A)
    page.form.authors.setText("Vũ Thị Hằng")
    page.form.work.setText("Làng tôi hôm nay")
    dialogs.answer = QMessageBox.StandardButton.No
    qtbot.keyClick(page.form.work, Qt.Key.Key_Return)
    assert page.model.rowCount() == HAI_PHONG_2022_PRIZES
    assert ("question", "Cơ cấu cuộc thi có 2 giải A, đã trao 2.\n\nVẫn thêm một giải A nữa?") in dialogs.seen

    dialogs.answer = QMessageBox.StandardButton.Yes
    qtbot.keyClick(page.form.work, Qt.Key.Key_Return)
    assert page.model.rowCount() == 17
    assert "Giải A: 3/2 (vượt cơ cấu)" in page.box.status.text()
    a_rows = [r for r in range(page.model.rowCount()) if page.model.record(r).level is PrizeLevel.A]
    last = page.model.columnCount() - 1
    assert all(
        page.model.data(page.model.index(r, c), Qt.ItemDataRole.ForegroundRole) is not None
        for r in a_rows
        for c in (0, last)
    )

    window.undo_action.trigger()
    assert page.model.rowCount() == HAI_PHONG_2022_PRIZES and "vượt" not in page.box.status.text()


def test_quota_edit_is_saved_immediately(window):
    ceremony_id = choose_ceremony(window, "Hải Phòng", 2022)
    window.prizes.box.quota[PrizeLevel.CONSOLATION].setValue(5)
    [contest] = window.session.book.contests(ceremony_id)
    assert contest.quotas[PrizeLevel.CONSOLATION] == 5


def test_bad_news_url_is_visibly_not_saved(window):
    ceremony_id = choose_ceremony(window, "Long Biên", 2022)
    details = window.details
    before = window.session.book.ceremony(ceremony_id).news_url
    details.news_url.setText("longbien.hanoi.gov.vn/bai-viet")
    details.news_url.editingFinished.emit()
    assert not details.ceremony_notice.isHidden() and "http" in details.ceremony_notice.text()
    assert window.session.book.ceremony(ceremony_id).news_url == before

    details.news_url.setText("https://longbien.hanoi.gov.vn/bai-viet-moi")
    details.news_url.editingFinished.emit()
    assert window.session.book.ceremony(ceremony_id).news_url == "https://longbien.hanoi.gov.vn/bai-viet-moi"


def test_ceremony_title_edit_updates_the_chooser(window):
    ceremony_id = choose_ceremony(window, "Long Biên", 2021)
    window.details.title.setText("Sơ kết 9 tháng năm 2021")
    window.details.title.editingFinished.emit()
    assert window.session.book.ceremony(ceremony_id).title == "Sơ kết 9 tháng năm 2021"
    assert window.ceremony_choice.currentText().endswith("Sơ kết 9 tháng năm 2021")


def test_decision_in_use_cannot_be_deleted(window):
    ceremony_id = choose_ceremony(window, "Long Biên", 2022)
    details = window.details
    details.decisions.setCurrentRow(0)
    details._delete_decision()
    assert "Không xóa được" in details.decision_notice.text()
    assert len(window.session.book.decisions(ceremony_id)) == 2


def test_new_decision_gets_ceremony_defaults_and_signer_is_saved(window):
    ceremony_id = choose_ceremony(window, "Long Biên", 2022)
    details = window.details
    details.add_decision.click()
    assert len(window.session.book.decisions(ceremony_id)) == 3
    details.signer_name.setText("Đường Hoài Nam")
    details.signer_name.editingFinished.emit()
    new = [d for d in window.session.book.decisions(ceremony_id) if d.signer_name == "Đường Hoài Nam" and not d.number]
    assert new and new[0].signed_on == dt.date(2022, 7, 28) and new[0].issuer == "QUẬN ỦY LONG BIÊN"
    assert details.award_form.count() == 3 and window.awardees.form.decision.count() == 4


def test_add_ceremony_then_enter_first_awardee(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(
        QInputDialog, "getText", staticmethod(lambda *a, **k: ("Lễ trao giấy khen phường Cự Khối", True))
    )
    window.add_ceremony()
    assert window.tabs.currentWidget() is window.details
    assert window.ceremony_choice.currentText().endswith("Lễ trao giấy khen phường Cự Khối")
    window.tabs.setCurrentWidget(window.awardees)
    form = window.awardees.form
    form.name.setText("Hội LHPN phường Cự Khối")
    qtbot.keyClick(form.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.count_label.text().startswith("1 tập thể, cá nhân ("), timeout=2000)


def test_qt_own_buttons_speak_vietnamese(qtbot):
    app = QApplication.instance()
    translator = install_vietnamese(app)
    try:
        assert translator is not None
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Hủy"
        assert QCoreApplication.translate("QFileDialog", "File &name:") == "&Tên tệp:"
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Yes
            | QDialogButtonBox.StandardButton.No
            | QDialogButtonBox.StandardButton.Cancel
        )
        qtbot.addWidget(box)
        texts = {b.text() for b in box.buttons()}
        assert texts == {"&Có", "&Không", "Hủy"}
    finally:
        app.removeTranslator(translator)


def test_browsing_every_ceremony_and_page_writes_nothing(qtbot, window):
    """Loading a record into a form must never save it back (it once zeroed contest quotas)."""
    db = window.session.book.store.read()
    before = db.total_changes
    for ceremony in window.session.book.ceremonies():
        window.ceremony_choice.set_value(ceremony.id)
        for tab in range(window.tabs.count()):
            window.tabs.setCurrentIndex(tab)
            qtbot.wait(10)
        window.awardees.table.selectRow(0)
        window.prizes.table.selectRow(0)
        window.details.decisions.setCurrentRow(1)
    assert db.total_changes == before
    [contest] = [k for c in window.session.book.ceremonies() for k in window.session.book.contests(c.id)]
    assert contest.quotas == {PrizeLevel.A: 2, PrizeLevel.B: 4, PrizeLevel.C: 10}


def test_new_prize_starts_at_first_level_with_room(window):
    ceremony_id = choose_ceremony(window, "Hải Phòng", 2022)
    [contest] = window.session.book.contests(ceremony_id)
    c_prize = next(p for p in window.session.book.prizes(contest.id) if p.level is PrizeLevel.C)
    window.session.book.delete_prizes([c_prize.id])
    window.prizes.reload()
    assert window.prizes.form.level.value() is PrizeLevel.C
    window.prizes.box.quota[PrizeLevel.B].setValue(5)
    window.prizes.reload()
    assert window.prizes.form.level.value() is PrizeLevel.B


def test_award_form_column_follows_its_decision(qtbot, window):
    from models.domain.records import AwardForm

    choose_ceremony(window, "Long Biên", 2022)
    model = window.awardees.model
    form_column = [c.header for c in model.columns].index("Hình thức")
    cell = model.index(0, form_column)
    assert model.data(cell) == "Giấy khen"
    details = window.details
    details.decisions.setCurrentRow(0)

    def covers_cell(top_left, bottom_right, roles=()):
        return top_left.row() <= 0 <= bottom_right.row() and top_left.column() <= form_column <= bottom_right.column()

    with qtbot.waitSignal(model.dataChanged, timeout=1000, check_params_cb=covers_cell):  # the view must redraw
        details.award_form.set_value(AwardForm.BANG_KHEN)  # saved the moment it changes
    assert model.data(cell) == "Bằng khen"


def test_the_clerk_sets_a_decisions_heading_and_the_template_dialog_shows_it(qtbot, window):
    from PySide6.QtCore import Qt

    from models.domain.heading import HeadingKind
    from ui.dialogs.template_dialog import TemplateDialog

    ceremony_id = choose_ceremony(window, "Long Biên", 2021)  # UBND: the national heading
    window.tabs.setCurrentWidget(window.details)
    page = window.details
    assert page.heading.currentText() == "Tự nhận theo cơ quan ban hành (Cơ quan nhà nước: Quốc hiệu và Tiêu ngữ)"
    assert not page.superior.isEnabled()
    page.heading.setFocus()
    qtbot.keyClick(page.heading, Qt.Key.Key_Down)
    qtbot.keyClick(page.heading, Qt.Key.Key_Down)  # "Cơ quan Đảng"
    saved = window.session.book.decisions(ceremony_id)[0]
    assert saved.heading_kind is HeadingKind.PARTY and page.superior.isEnabled()
    page.superior.setFocus()
    qtbot.keyClicks(page.superior, "DANG BO THANH PHO HA NOI")
    qtbot.keyClick(page.superior, Qt.Key.Key_Return)
    assert window.session.book.decisions(ceremony_id)[0].superior == "DANG BO THANH PHO HA NOI"

    dialog = TemplateDialog(window.session, ceremony_id, window, form=saved.award_form)
    qtbot.addWidget(dialog)
    assert "DANG BO THANH PHO HA NOI / UBND QUẬN LONG BIÊN / *" in dialog.heading.text()
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in dialog.heading.text()
