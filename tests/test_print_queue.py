"""Printing through a real print system: CUPS with the cups-pdf back end, set up by .ci/run
(`VinhDanh_PDF` takes A3 and A4; `VinhDanh_A4_tay` has no A3 and a hand-feed tray). The
window and the command line print with their real paths; what the queue wrote is read back
and laid over the app's own PDF (tests/print_readback.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinterInfo

from models.domain.records import AwardForm
from models.domain.templates import Paper
from models.repos.book import CeremonyBook
from models.repos.print_book import PrintBook
from models.storage.store import Store
from tests import print_readback as R
from tests.gui_helpers import choose_ceremony
from tests.test_cli import run_cli

FULL_QUEUE = "VinhDanh_PDF"
A4_QUEUE = "VinhDanh_A4_tay"


@pytest.fixture
def full_queue():
    return R.queue(FULL_QUEUE)


@pytest.fixture
def a4_queue():
    return R.queue(A4_QUEUE)


@pytest.fixture
def sample_db(tmp_path):
    import main

    db = tmp_path / "so.sqlite"
    assert main.main(["demo", "--db", str(db)]) == 0
    return db


@pytest.fixture
def a3_book(sample_db):
    """The sample book with Long Biên 2022's Giấy khen set on A3."""
    with Store(sample_db) as store:
        book = CeremonyBook(store)
        ceremony = next(c for c in book.ceremonies() if c.place == "Long Biên" and c.held_on.year == 2022)
        prints = PrintBook(store)
        template = prints.template(ceremony.id, AwardForm.GIAY_KHEN)
        template.paper = Paper.A3
        prints.save_template(ceremony.id, AwardForm.GIAY_KHEN, template)
    return sample_db, ceremony.id


@pytest.fixture
def page(window):
    choose_ceremony(window, "Long Biên", 2022)
    window.tabs.setCurrentWidget(window.printing)
    return window.printing


def _choose_in_dialog(monkeypatch, queue: str, seen: list | None = None):
    """The print dialog, accepted on `queue` as a person picks it from the system's list."""

    def accept(dialog):
        if seen is not None:
            printer = dialog.printer()
            seen.append((printer.pageLayout().pageSize().id(), printer.pageLayout().orientation()))
        dialog.printer().setPrinterName(queue)
        return QPrintDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)


def _keep_what_is_sent(monkeypatch, kept: Path):
    """The app's own PDF, as it goes to the printer (the real path runs on)."""
    import ui.pages.render_bar as render_bar

    real = render_bar.spool_work

    def spy(pdf, choice):
        shutil.copy(pdf, kept)
        return real(pdf, choice)

    monkeypatch.setattr(render_bar, "spool_work", spy)


def _select(page, rows):
    from PySide6.QtCore import QItemSelectionModel

    for row in rows:
        page.table.selectionModel().select(
            page.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        )


def _wait_idle(qtbot, page):
    qtbot.waitUntil(lambda: page.bar.task is None, timeout=60000)


def test_the_printer_list_is_the_systems(full_queue, a4_queue, qapp):
    names = QPrinterInfo.availablePrinterNames()
    assert FULL_QUEUE in names and A4_QUEUE in names


def test_the_window_prints_through_the_queue_pages_in_order_at_true_size(
    window, page, qtbot, monkeypatch, tmp_path, full_queue
):
    rows = [0, 3, 5]
    names = [page.model.rows[r].name for r in rows]
    _select(page, rows)
    opened_on: list = []
    _choose_in_dialog(monkeypatch, FULL_QUEUE, opened_on)
    _keep_what_is_sent(monkeypatch, tmp_path / "app.pdf")
    before = full_queue.files()
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    _wait_idle(qtbot, page)
    [printed] = full_queue.wait_for(before, jobs=1)

    from PySide6.QtGui import QPageLayout, QPageSize

    assert opened_on == [(QPageSize.PageSizeId.A4, QPageLayout.Orientation.Landscape)]
    assert R.paper(printed) == ["A4"] * 3
    checks = R.compare(tmp_path / "app.pdf", [(printed, i) for i in range(3)], names)
    assert R.within_tolerance(checks), checks
    job = window.session.prints.print_jobs(page.ceremony_id)[0]
    assert (job.action, job.target, [i.name for i in job.items]) == ("print", FULL_QUEUE, names)


def test_the_command_line_prints_a3_to_a_queue_and_logs_it(a3_book, tmp_path, full_queue):
    sample_db, ceremony_id = a3_book
    before = full_queue.files()
    done = run_cli(
        "certificates", "--db", str(sample_db), "--ceremony", str(ceremony_id), "--print", "--printer", FULL_QUEUE,
        "--out", str(tmp_path / "app.pdf"),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"tới máy in “{FULL_QUEUE}”" in done.stdout
    printed = full_queue.wait_for(before, jobs=1)
    assert R.paper(printed[0]) == ["A3"] * len(R.paper(tmp_path / "app.pdf"))
    with Store(sample_db) as store:
        jobs = PrintBook(store).print_jobs(ceremony_id)
    assert [(j.action, j.target) for j in jobs] == [("print", FULL_QUEUE)]


def test_a_printer_without_a3_is_named_before_anything_is_numbered_or_sent(a3_book, a4_queue):
    sample_db, ceremony_id = a3_book
    before = a4_queue.files()
    done = run_cli(
        "certificates", "--db", str(sample_db), "--ceremony", str(ceremony_id), "--print", "--printer", A4_QUEUE
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"Máy in “{A4_QUEUE}” không có khổ giấy A3" in done.stderr
    with Store(sample_db) as store:
        assert PrintBook(store).print_jobs(ceremony_id) == []
        assert all(a.register_no == "" for a in CeremonyBook(store).awardees(ceremony_id))
    assert a4_queue.files() == before


def test_first_page_on_a_blank_form_by_hand_feed_gives_no_number(window, page, qtbot, monkeypatch, tmp_path, a4_queue):
    page.blank_mode.setChecked(True)
    page.manual_feed.setChecked(True)
    _choose_in_dialog(monkeypatch, A4_QUEUE)
    _keep_what_is_sent(monkeypatch, tmp_path / "app.pdf")
    before = a4_queue.files()
    qtbot.mouseClick(page.first_page_button, Qt.MouseButton.LeftButton)
    _wait_idle(qtbot, page)
    [printed] = a4_queue.wait_for(before, jobs=1)
    assert R.paper(printed) == ["A4"]
    checks = R.compare(tmp_path / "app.pdf", [(printed, 0)], [page.model.rows[0].name])
    assert R.within_tolerance(checks), checks
    assert window.session.prints.print_jobs(page.ceremony_id) == []
    assert all(a.register_no == "" for a in window.session.book.awardees(page.ceremony_id))


def test_hand_feed_on_a_printer_without_that_tray_is_refused_first(window, page, monkeypatch, dialogs, full_queue):
    page.blank_mode.setChecked(True)
    page.manual_feed.setChecked(True)
    _choose_in_dialog(monkeypatch, FULL_QUEUE)
    before = full_queue.files()
    page.print_certificates()
    assert any("không có khay nạp tay" in m for _, m in dialogs.seen)
    assert window.session.prints.print_jobs(page.ceremony_id) == [] and page.bar.task is None
    assert full_queue.files() == before


def test_the_calibration_saved_for_a_printer_follows_its_name_and_a_drift_is_caught(
    window, page, qtbot, monkeypatch, tmp_path, a4_queue
):
    """Blank forms on the hand-feed printer, calibrated 1.5 mm right: the queue's page is
    where the calibrated PDF says, and 1.5 mm off the uncalibrated one (the check sees it)."""
    from certificates.print_run import PrintRun
    from certificates.render import render_pdf
    from models.domain.printing import PaperMode
    from models.storage.settings import Calibration

    window.session.settings.set_calibration(A4_QUEUE, Calibration(offset_x=1.5))
    page.blank_mode.setChecked(True)
    _choose_in_dialog(monkeypatch, A4_QUEUE)
    _keep_what_is_sent(monkeypatch, tmp_path / "app.pdf")
    before = a4_queue.files()
    page.print_first_page()
    _wait_idle(qtbot, page)
    [printed] = a4_queue.wait_for(before, jobs=1)
    name = [page.model.rows[0].name]
    assert R.within_tolerance(R.compare(tmp_path / "app.pdf", [(printed, 0)], name))

    run = PrintRun(window.session.book, window.session.prints, page.ceremony_id, {page.model.rows[0].ref},
                   mode=PaperMode.BLANK)  # fmt: skip
    render_pdf(run.job(), tmp_path / "uncalibrated.pdf")
    drift = R.compare(tmp_path / "uncalibrated.pdf", [(printed, 0)], name)
    assert not R.within_tolerance(drift)
    assert max(abs(d) for d in drift[0].name_mm) == pytest.approx(1.5, abs=0.35)


def test_the_dialog_opens_on_a3_and_an_a4_printer_is_named_in_the_window(window, page, monkeypatch, dialogs, a4_queue):
    from PySide6.QtGui import QPageLayout, QPageSize

    prints = window.session.prints
    template = prints.template(page.ceremony_id, AwardForm.GIAY_KHEN)
    template.paper = Paper.A3
    prints.save_template(page.ceremony_id, AwardForm.GIAY_KHEN, template)
    opened_on: list = []
    _choose_in_dialog(monkeypatch, A4_QUEUE, opened_on)
    before = a4_queue.files()
    page.print_certificates()
    assert opened_on == [(QPageSize.PageSizeId.A3, QPageLayout.Orientation.Landscape)]
    assert any(f"Máy in “{A4_QUEUE}” không có khổ giấy A3" in m for _, m in dialogs.seen)
    assert prints.print_jobs(page.ceremony_id) == [] and page.bar.task is None
    assert all(a.register_no == "" for a in window.session.book.awardees(page.ceremony_id))
    assert a4_queue.files() == before
