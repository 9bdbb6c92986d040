"""The print page, template and calibration dialogs, driven as an organiser would."""

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QInputDialog

from models.domain.records import AwardForm
from models.domain.templates import Paper
from tests.gui_helpers import choose_ceremony
from tests.pdf_tools import page_texts
from tests.sample_counts import LONG_BIEN_2022
from ui.dialogs.calibration_dialog import CalibrationDialog
from ui.dialogs.template_dialog import TemplateDialog


@pytest.fixture
def page(window):
    choose_ceremony(window, "Long Biên", 2022)
    window.tabs.setCurrentWidget(window.printing)
    return window.printing


def printer_writes_to(monkeypatch, path, dpi: int = 0):
    """The print dialog is accepted with Qt's PDF printer, so what is spooled can be read back."""

    def accept(dialog):
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(path))
        if dpi:
            dialog.printer().setResolution(dpi)
        return QPrintDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)


def _wait_idle(qtbot, page):
    qtbot.waitUntil(lambda: page.bar.task is None, timeout=60000)


def _select(page, rows):
    selection = page.table.selectionModel()
    for row in rows:
        selection.select(
            page.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        )


def test_lists_every_certificate_in_award_order_with_numbers_to_come(window, page):
    assert page.model.rowCount() == LONG_BIEN_2022
    assert page.model.data(page.model.index(0, 4)) == "001/GK-2022 (sẽ cấp)"
    batches = [page.model.data(page.model.index(r, 0)) for r in range(LONG_BIEN_2022)]
    assert batches[0] == "1" and batches[-1] == "9" and batches == sorted(batches, key=int)
    assert window.count_label.text() == f"{LONG_BIEN_2022} giấy khen, bằng khen, giấy chứng nhận"
    assert page.scope_label.text() == f"Sẽ in: cả {LONG_BIEN_2022} giấy của hội nghị."
    _select(page, [2, 4])
    assert page.scope_label.text() == f"Sẽ in: 2 giấy đã chọn (trong {LONG_BIEN_2022})."


def test_preview_renders_in_the_background_and_gives_no_numbers(window, page, qtbot):
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    assert page.bar.task is not None and not page.preview_button.isEnabled()
    _wait_idle(qtbot, page)
    assert page.document.pageCount() == LONG_BIEN_2022
    assert f"Xem trước {LONG_BIEN_2022} trang" in page.preview_label.text()
    book = window.session.book
    assert all(a.register_no == "" for a in book.awardees(page.ceremony_id))


def test_save_pdf_gives_numbers_logs_the_run_and_every_page_shows_them(window, page, qtbot, monkeypatch, tmp_path):
    out = tmp_path / "giay-khen.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
    _wait_idle(qtbot, page)
    assert len(page_texts(out)) == LONG_BIEN_2022
    assert page.log.rowCount() == 1
    assert page.log.data(page.log.index(0, 2)) == f"{LONG_BIEN_2022} giấy"
    assert page.log.data(page.log.index(0, 6)) == "001/GK-2022 … 078/GK-2022"
    assert page.model.data(page.model.index(0, 4)) == "001/GK-2022"
    assert page.model.data(page.model.index(0, 5)) == "1 lần"
    numbers = {a.register_no for a in window.awardees.model.records()}
    assert "001/GK-2022" in numbers and "" not in numbers, "the clerk's table shows the numbers at once"


def test_reprint_asks_why_and_a_refusal_prints_nothing(window, page, qtbot, monkeypatch, tmp_path):
    first = tmp_path / "lan-1.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(first), "")))
    page.save_pdf()
    _wait_idle(qtbot, page)

    answers = [("", False)]
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: answers.pop(0)))
    again = tmp_path / "lan-2.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(again), "")))
    _select(page, [2])
    page.save_pdf()
    assert not again.exists() and page.log.rowCount() == 1, "backing out of the reason prints nothing"

    answers[:] = [("   ", True), ("Giấy bị kẹt trong máy in", True)]
    _select(page, [2])
    page.save_pdf()
    _wait_idle(qtbot, page)
    assert answers == [], "an empty reason is asked again"
    assert len(page_texts(again)) == 1
    job = window.session.prints.print_jobs(page.ceremony_id)[0]
    assert job.reason == "Giấy bị kẹt trong máy in" and job.reprints == 1
    assert page.log.data(page.log.index(0, 2)) == "1 giấy (1 in lại)"
    assert "003/GK-2022" in page_texts(again)[0]


def test_cancel_leaves_no_files_and_gives_no_numbers(window, page, qtbot, monkeypatch, tmp_path):
    folder = tmp_path / "tung-nguoi"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(folder)))
    page.save_split()
    assert page.bar.cancel_button.isVisibleTo(page)
    qtbot.mouseClick(page.bar.cancel_button, Qt.MouseButton.LeftButton)
    _wait_idle(qtbot, page)
    assert list(folder.iterdir()) == []
    assert page.log.rowCount() == 0
    assert not page.bar.isVisibleTo(page)


def test_print_dialog_sends_the_pages_to_the_printer(window, page, qtbot, monkeypatch, tmp_path):
    spooled = tmp_path / "may-in.pdf"

    printer_writes_to(monkeypatch, spooled)
    _select(page, [0, 1])
    page.blank_mode.setChecked(True)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    _wait_idle(qtbot, page)
    assert spooled.exists()
    job = window.session.prints.print_jobs(page.ceremony_id)[0]
    assert (job.action, job.mode, len(job.items)) == ("print", "blank", 2)
    assert job.target == str(spooled)
    assert len(page_texts(spooled)) == 2


def test_template_dialog_saves_paper_wording_and_positions(window, page, qtbot):
    dialog = TemplateDialog(window.session, page.ceremony_id, window)
    qtbot.addWidget(dialog)
    dialog.paper.set_value(Paper.A3)
    dialog.prefix.setText("Đồng chí")
    row = dialog.placements.names.index("name")
    assert dialog.placements.setData(dialog.placements.index(row, 3), 120.0)
    assert dialog.save()
    saved = window.session.prints.template(page.ceremony_id, AwardForm.GIAY_KHEN)
    assert saved.paper is Paper.A3 and saved.individual_prefix == "Đồng chí"
    assert saved.placements["name"].y == 120.0 and len(saved.placements) == 1

    dialog.qr_template.setText("ftp://tin.vn/{so}")
    assert not dialog.save()
    assert "không hợp lệ" in dialog.notice.text()
    assert window.session.prints.template(page.ceremony_id, AwardForm.GIAY_KHEN).qr_url_template == ""


def test_calibration_dialog_turns_two_measurements_into_a_saved_correction(window, qtbot, tmp_path, monkeypatch):
    dialog = CalibrationDialog(window.session, window)
    qtbot.addWidget(dialog)
    dialog.printer.setEditText("HP LaserJet P1102")
    dialog.ax.setValue(21.5)
    dialog.ay.setValue(18.0)
    dialog.bx.setValue(278.5)
    dialog.by.setValue(188.0)
    assert "Dịch ngang −1,5 mm, dịch dọc +2,0 mm" in dialog.result_label.text()
    dialog.save()
    cal = window.session.settings.calibration("HP LaserJet P1102")
    assert (cal.offset_x, cal.offset_y, cal.scale_x, cal.scale_y) == (-1.5, 2.0, 1.0, 1.0)
    assert "Đã lưu hiệu chỉnh" in dialog.notice.text()

    dialog.bx.setValue(150)
    assert "90–110%" in dialog.result_label.text()

    out = tmp_path / "can-chinh.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    dialog.save_page_pdf()
    assert "TRANG CĂN CHỈNH MÁY IN" in page_texts(Path(out))[0]
    assert "“Kích thước thực tế”" in dialog.notice.text() and "Actual" not in dialog.notice.text()


def test_stopping_the_printer_part_way_logs_only_the_pages_sent(window, page, dialogs, qtbot, monkeypatch, tmp_path):
    """Pages drawn into the printer one by one (as on Windows) off the window's thread: Hủy,
    pressed while the first page is out, stops there and the log keeps that one."""
    import threading

    import ui.pages.render_bar as render_bar
    from ui.workers.spool import draw_into_printer

    first_out = threading.Event()

    def drawn_page_by_page(pdf, choice):
        def work(progress, stopped):
            def paced(done, total):
                progress(done, total)
                if done == 1:
                    assert threading.current_thread() is not threading.main_thread()
                    first_out.set()
                    for _ in range(200):  # until Hủy is pressed on the window's thread
                        if stopped():
                            break
                        threading.Event().wait(0.05)

            return draw_into_printer(pdf, choice, paced, stopped)

        return work

    monkeypatch.setattr(render_bar, "spool_work", drawn_page_by_page)
    printer_writes_to(monkeypatch, tmp_path / "may-in.pdf", dpi=150)
    _select(page, [0, 1, 2])
    page.print_certificates()
    qtbot.waitUntil(first_out.is_set, timeout=60000)
    assert page.bar.cancel_button.isVisibleTo(page), "Hủy is in sight while pages go out"
    qtbot.mouseClick(page.bar.cancel_button, Qt.MouseButton.LeftButton)
    _wait_idle(qtbot, page)
    job = window.session.prints.print_jobs(page.ceremony_id)[0]
    assert [item.register_no for item in job.items] == ["001/GK-2022"]
    assert any("mới gửi 1/3 giấy" in message for _, message in dialogs.seen)
    assert len(page_texts(tmp_path / "may-in.pdf")) == 1


def test_text_too_long_for_its_box_is_named_before_paper_is_used(window, page, dialogs, qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from models.domain.records import Awardee, AwardeeKind

    book = window.session.book
    decision = book.decisions(page.ceremony_id)[0]
    long_name = "Đoàn Thanh niên " + "Cộng sản Hồ Chí Minh " * 13  # near the 300-character limit
    book.add_awardee(
        Awardee(ceremony_id=page.ceremony_id, kind=AwardeeKind.COLLECTIVE, name=long_name, decision_id=decision.id)
    )
    page.reload()
    spooled = tmp_path / "may-in.pdf"

    printer_writes_to(monkeypatch, spooled)
    row = next(i for i, c in enumerate(page.model.rows) if c.name == long_name.strip())
    _select(page, [row])
    dialogs.answer = QMessageBox.StandardButton.No
    page.print_certificates()
    _wait_idle(qtbot, page)
    question = next(m for kind, m in dialogs.seen if kind == "warning")
    assert "Đoàn Thanh niên Cộng sản Hồ Chí Minh" in question and "không vừa ô" in question
    assert not spooled.exists() and window.session.prints.print_jobs(page.ceremony_id) == []


def test_the_combined_pdf_and_the_per_person_files_of_one_run_are_one_issue(window, page, qtbot, monkeypatch, tmp_path):
    asked = []
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: asked.append(a) or ("", False)))
    out, folder = tmp_path / "giay-khen.pdf", tmp_path / "tung-nguoi"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(folder)))
    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
    _wait_idle(qtbot, page)
    qtbot.mouseClick(page.split_button, Qt.MouseButton.LeftButton)
    _wait_idle(qtbot, page)
    assert asked == [], "no reprint reason for the other file of the same run"
    assert len(list(folder.glob("*.pdf"))) == LONG_BIEN_2022
    jobs = window.session.prints.print_jobs(page.ceremony_id)
    assert [j.reprints for j in jobs] == [0, 0]

    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)  # a third file is a reprint again
    assert len(asked) == 1


def test_a_proof_copy_is_watermarked_numberless_unlogged_and_asks_nothing(window, page, qtbot, monkeypatch, tmp_path):
    from tests.test_cli import watermark

    asked = []
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: asked.append(a) or ("", False)))
    out = tmp_path / "xem-thu.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    page.proof.setFocus()
    qtbot.keyClick(page.proof, Qt.Key.Key_Space)
    assert page.proof.isChecked()
    for _ in range(2):  # twice: a second proof is no reprint either
        qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
        _wait_idle(qtbot, page)
    texts = page_texts(out)
    assert len(texts) == LONG_BIEN_2022 and watermark(out, 0) == "BẢN XEM THỬ"
    assert not any("Số vào sổ" in t for t in texts)
    assert asked == [] and page.log.rowCount() == 0
    assert all(a.register_no == "" for a in window.session.book.awardees(page.ceremony_id))


def test_printing_with_separator_sheets_counts_the_certificates_sent(window, page, qtbot, monkeypatch, tmp_path):
    said: list[str] = []
    window.session.message.connect(said.append)
    printer_writes_to(monkeypatch, tmp_path / "may-in.pdf")
    page.separators.setChecked(True)
    _select(page, [0, 1, 2])
    page.print_certificates()
    _wait_idle(qtbot, page)
    assert len(page_texts(tmp_path / "may-in.pdf")) == 4  # a separator sheet, then three certificates
    assert any(m.startswith("Đã gửi 3 giấy tới máy in") for m in said), said
    job = window.session.prints.print_jobs(page.ceremony_id)[0]
    assert len(job.items) == 3
