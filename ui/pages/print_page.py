"""The print page: certificates in award order, preview, print, save as PDF, the print log."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTemporaryDir, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from models.domain.changes import RECORDS, Changes, Kind
from models.domain.printing import PaperMode, PrintAction
from models.domain.records import Ref
from ui.dialogs.file_dialogs import ask_folder, ask_save
from ui.dialogs.print_questions import ask_overflows, ask_reprint_reason
from ui.pages.render_bar import RenderBar
from ui.session import BookSession
from ui.tables.print_models import CertificateListModel, batch_numbers, log_model
from ui.widgets import NoticeLabel, ReloadsWhenShown, plain_table_view
from ui.workers.spool import PrintChoice, lacks, start_with_paper

if TYPE_CHECKING:  # the certificate code loads reportlab: imported where it runs, not with the window
    from certificates.print_run import PrintRun
    from certificates.render import RenderResult


log = logging.getLogger(__name__)


def _batch():
    from certificates import batch  # reportlab loads with the first certificates, not at start

    return batch


def _print_run_class() -> type[PrintRun]:
    from certificates.print_run import PrintRun

    return PrintRun


class PrintPage(ReloadsWhenShown, QWidget):
    count_changed = Signal(str)
    open_templates = Signal()
    open_calibration = Signal()

    def __init__(self, session: BookSession, parent=None):
        super().__init__(parent)
        self.session = session
        self.ceremony_id: int | None = None
        self._temp = QTemporaryDir()
        # (job id, (mode, certificates), split) of the last PDF saved: its other file is the same issue.
        self._last_issue: tuple[int | None, tuple, bool] | None = None

        self.full_mode = QRadioButton("Giấy trắng – in cả khung và tiêu đề")
        self.blank_mode = QRadioButton("In lên phôi – chỉ phần chữ")
        self.full_mode.setChecked(True)
        self.separators = QCheckBox("Tờ &phân cách trước mỗi đợt")
        self.separators.setToolTip(
            "Trước giấy của mỗi đợt trao có một tờ ghi số đợt, lãnh đạo trao và danh sách tên theo thứ tự đọc, "
            "để xấp giấy được trao đúng như MC đọc. Chỉ in trên giấy trắng, vào một tệp hoặc ra máy in."
        )
        self.blank_mode.toggled.connect(lambda blank: self.separators.setEnabled(not blank))
        self.proof = QCheckBox("&Bản xem thử")
        self.proof.setToolTip(
            "Bản để lãnh đạo duyệt trước khi in thật: mỗi trang có chữ “BẢN XEM THỬ”, "
            "không cấp số vào sổ, không ghi nhật ký in, không hỏi lý do in lại."
        )
        self.manual_feed = QCheckBox("Nạp &tay từng tờ")
        self.manual_feed.setToolTip("Phôi đặt vào khay nạp tay của máy in, từng tờ một (chỉ khi in lên phôi).")
        self.first_page_button = QPushButton("In thử t&rang đầu…")
        self.first_page_button.setToolTip(
            "In riêng giấy đầu tiên lên một tờ phôi để xem chữ có vào đúng chỗ không, trước khi in cả xấp. "
            "Không cấp số vào sổ, không ghi nhật ký in."
        )
        for widget in (self.manual_feed, self.first_page_button):
            widget.setEnabled(False)
            self.blank_mode.toggled.connect(widget.setEnabled)
        modes = QButtonGroup(self)
        modes.addButton(self.full_mode)
        modes.addButton(self.blank_mode)
        self.preview_button = QPushButton("&Xem trước")
        self.print_button = QPushButton("&In…")
        self.pdf_button = QPushButton("&Lưu PDF…")
        self.split_button = QPushButton("&Mỗi người một tệp…")
        templates = QPushButton("&Mẫu giấy khen…")
        calibration = QPushButton("&Căn chỉnh máy in…")
        self.print_button.setDefault(True)

        modes_row, options_row = QHBoxLayout(), QHBoxLayout()
        modes_row.addWidget(QLabel("<b>Cách in:</b>"))
        modes_row.addWidget(self.full_mode)
        modes_row.addWidget(self.blank_mode)
        modes_row.addStretch(1)
        for button in (templates, calibration):
            modes_row.addWidget(button)
        options_row.addWidget(self.separators)
        options_row.addWidget(self.proof)
        options_row.addWidget(self.manual_feed)
        options_row.addWidget(self.first_page_button)
        options_row.addStretch(1)
        controls = QVBoxLayout()
        controls.addLayout(modes_row)
        controls.addLayout(options_row)

        actions = QHBoxLayout()
        self.scope_label = QLabel()
        actions.addWidget(self.scope_label, 1)
        for button in (self.preview_button, self.print_button, self.pdf_button, self.split_button):
            actions.addWidget(button)

        self.model = CertificateListModel(self)
        self.table = plain_table_view(self.model, [40, 250, 190, 90, 170])
        self.log = log_model(self)
        self.log_table = plain_table_view(self.log, [120, 230, 90, 60, 150, 150])

        left = QSplitter(Qt.Orientation.Vertical)
        list_box = QWidget()
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(
            QLabel("<b>Giấy sẽ in, theo thứ tự trao ở trang 4</b> (chọn vài dòng để chỉ in các dòng đó)")
        )
        list_layout.addWidget(self.table)
        log_box = QWidget()
        log_layout = QVBoxLayout(log_box)
        log_layout.setContentsMargins(0, 0, 0, 0)
        log_layout.addWidget(QLabel("<b>Nhật ký in</b>"))
        log_layout.addWidget(self.log_table)
        left.addWidget(list_box)
        left.addWidget(log_box)
        left.setSizes([420, 160])

        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        preview_box = QWidget()
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        self.preview_label = QLabel("Bấm “Xem trước” để xem giấy khen trước khi in.")
        preview_layout.addWidget(self.preview_label)
        preview_layout.addWidget(self.view, 1)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(preview_box)
        split.setSizes([640, 620])

        self.bar = RenderBar()
        self.notice = NoticeLabel()

        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addLayout(actions)
        layout.addWidget(split, 1)
        layout.addWidget(self.notice)
        layout.addWidget(self.bar)

        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.print_certificates)
        self.first_page_button.clicked.connect(self.print_first_page)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.split_button.clicked.connect(self.save_split)
        self.bar.started.connect(self._update_scope)
        self.bar.ended.connect(self._update_scope)
        templates.clicked.connect(self.open_templates)
        calibration.clicked.connect(self.open_calibration)
        self.table.selectionModel().selectionChanged.connect(self._update_scope)
        self.follow(session, (*RECORDS, Kind.PRINT, Kind.ORDER, Kind.TEMPLATE))

    # --- what is listed -----------------------------------------------------------------

    def set_ceremony(self, ceremony_id: int | None) -> None:
        self.ceremony_id = ceremony_id
        self.document.close()
        self.preview_label.setText("Bấm “Xem trước” để xem giấy khen trước khi in.")
        if self.isVisible():
            self.reload()
            return
        # Prepared when first shown: preparing every certificate is most of a large book's start.
        self.model.set_rows([])
        self.log.set_rows([])
        self._dirty = True

    def reload(self) -> None:
        self._dirty = False
        if self.ceremony_id is None:
            self.model.set_rows([])
            self.log.set_rows([])
            self._update_scope()
            return
        ceremony_id = self.ceremony_id
        plan = self.session.attempt(
            lambda: _batch().prepare(self.session.book, self.session.prints, ceremony_id, assign=False)
        )
        if plan is None:
            return
        self.model.assigned = plan.numbered_before
        self.model.printed = self.session.prints.printed_counts(self.ceremony_id)
        self.model.batch_of = batch_numbers(plan)
        self.model.set_rows(plan.certificates)
        self.log.set_rows(self.session.prints.print_jobs(self.ceremony_id))
        if plan.problems:
            self.notice.show_notice("Chưa in được: " + " ".join(plan.problems[:5]), "warning")
        else:
            self.notice.clear_notice()
        self._update_scope()

    def selected_refs(self) -> set[Ref] | None:
        """The selected rows' certificates, or None for all of them."""
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        if not rows:
            return None
        return {self.model.rows[r].ref for r in rows}

    def _update_scope(self, *_args) -> None:
        total = len(self.model.rows)
        chosen = self.selected_refs()
        if chosen is None:
            self.scope_label.setText(f"Sẽ in: cả {total} giấy của hội nghị.")
        else:
            self.scope_label.setText(f"Sẽ in: {len(chosen)} giấy đã chọn (trong {total}).")
        for button in (self.preview_button, self.print_button, self.pdf_button, self.split_button):
            button.setEnabled(total > 0 and self.bar.task is None)
        self.count_changed.emit(f"{total} giấy khen, bằng khen, giấy chứng nhận")

    # --- rendering ----------------------------------------------------------------------

    @property
    def mode(self) -> PaperMode:
        return PaperMode.BLANK if self.blank_mode.isChecked() else PaperMode.FULL

    def _print_run(self, *, proof: bool = False) -> PrintRun | None:
        refs, ceremony_id = self.selected_refs(), self.ceremony_id
        if ceremony_id is None:
            return None
        return self.session.attempt(
            lambda: _print_run_class()(
                self.session.book, self.session.prints, ceremony_id, refs, mode=self.mode, proof=proof
            )
        )

    def _render(
        self,
        run: PrintRun,
        target: Path,
        on_done: Callable[[RenderResult], None],
        *,
        split: bool = False,
        printer: str = "",
        nothing_made: Callable[[], None] = lambda: None,
    ) -> None:
        calibration = self.session.settings.calibration(printer)
        job = run.job(separators=self.separators.isChecked() and not split, calibration=calibration)

        def failed(message: str) -> None:
            self.session.failed.emit(message)
            nothing_made()

        def cancelled() -> None:
            self.session.message.emit("Đã hủy; không có tệp nào được ghi.")
            nothing_made()

        self.bar.draw(job, target, on_done, failed, cancelled, split=split)

    def _note_overflows(self, result: RenderResult) -> None:
        if result.overflows:
            self.notice.show_notice("; ".join(o.message for o in result.overflows[:5]), "warning")

    # --- the four actions ---------------------------------------------------------------

    def preview(self) -> None:
        run = self._print_run()
        if not run or not run.certificates:
            return
        target = Path(self._temp.path()) / f"xem-truoc-{dt.datetime.now():%H%M%S%f}.pdf"

        def show(result: RenderResult) -> None:
            self.document.load(str(target))
            self.preview_label.setText(
                f"Xem trước {result.pages} trang ({'in lên phôi' if self.mode is PaperMode.BLANK else 'giấy trắng'}); "
                "số vào sổ chỉ được cấp khi in hoặc lưu PDF."
            )
            self._note_overflows(result)

        self._render(run, target, show)

    def _run(self, action: PrintAction, target: Path, describe: str, *, split: bool = False, printer=None) -> None:
        """Number, render, (print,) log: numbers are given just before the pages are made.

        A proof copy does none of the numbering and logging. The second file of one issue
        (per-person files right after the combined PDF of the same papers, or the reverse)
        is logged beside the first, not as a reprint."""
        proof = self.proof.isChecked()
        run = self._print_run(proof=proof)
        if not run or not run.certificates:
            return
        if proof:
            self._run_proof(run, target, describe, split=split, printer=printer)
            return
        issue = (self.mode, tuple(run.certificates))
        companion = None
        if action is PrintAction.PDF and self._last_issue is not None:
            last_job, last_issue, last_split = self._last_issue
            if last_issue == issue and last_split != split:
                companion = last_job
        if not self.session.succeeds(run.check_fonts):
            return  # a bad font is said before any register number is given
        reason = "" if companion is not None else ask_reprint_reason(self, run)
        if reason is None:
            return
        if self.session.attempt(lambda: run.number()) is None:
            return
        plan = run.plan
        # Other pages show the register numbers just given.
        self.session.announce(
            Changes.of(Kind.PRINT, Kind.AWARDEE, Kind.PRIZE, ceremony_id=self.ceremony_id, wholesale=True)
        )
        name = printer.name if printer is not None else ""
        render_to = Path(self._temp.path()) / "in.pdf" if printer is not None else target
        # Logged before any page is made, settled once they exist: a run cut off by a crash
        # or a kill stays in the log as printed, so printing again asks why.
        logged = self.session.attempt(
            lambda: run.log(action=action, target=name or str(target), reason=reason, companion_of=companion)
        )
        if logged is None:
            return
        prints = self.session.prints

        def nothing_made() -> None:
            self.session.attempt(lambda: prints.abandon(logged))
            self.session.announce(Changes.of(Kind.PRINT, ceremony_id=self.ceremony_id))

        def settle(result: RenderResult, sent: int | None, copies: int = 1) -> None:
            """sent: certificates that went to the printer (None for a file)."""
            kept = None
            if sent is not None and sent < len(plan.certificates):
                if sent == 0:
                    nothing_made()
                    return
                # Stopped part-way: the log holds exactly the certificates that went to the printer.
                kept = sent
                plan.certificates = plan.certificates[:sent]
                self.session.failed.emit(f"Đã dừng in: mới gửi {sent}/{result.pages} giấy tới máy in.")
            if self.session.attempt(lambda: prints.settle(logged, kept=kept, copies=copies)) is None:
                return
            if action is PrintAction.PDF and companion is None:
                self._last_issue = (logged.id, (self.mode, tuple(plan.certificates)), split)
            else:
                self._last_issue = None  # three files of one issue are one too many
            self.session.announce(Changes.of(Kind.PRINT, ceremony_id=self.ceremony_id))
            self.session.message.emit(describe.format(n=sent if sent is not None else result.pages))

        def finished(result: RenderResult) -> None:
            self._note_overflows(result)
            if printer is None:
                settle(result, None)
                return
            if not ask_overflows(self, result):  # asked before paper is used, not after
                nothing_made()
                return
            copies = max(1, printer.printer.copyCount())
            self.bar.spool(
                render_to,
                printer,
                lambda pages: settle(result, result.certificates_in(pages), copies),
                self.session.failed.emit,
            )

        self._render(
            run,
            render_to,
            finished,
            split=split,
            printer=printer.printer.printerName() if printer else "",
            nothing_made=nothing_made,
        )

    def _run_proof(self, run: PrintRun, target: Path, describe: str, *, split: bool, printer) -> None:
        """A proof copy, or the first page on a blank form: no number is given, nothing logged."""
        render_to = Path(self._temp.path()) / "xem-thu.pdf" if printer is not None else target
        said = (
            " Đây là bản in thử vị trí: không cấp số vào sổ, không ghi nhật ký in."
            if printer is not None and printer.first_only
            else " Đây là bản xem thử: không cấp số vào sổ, không ghi nhật ký in."
        )

        def finished(result: RenderResult) -> None:
            self._note_overflows(result)
            if printer is None:
                self.session.message.emit(describe.format(n=result.pages) + said)
                return

            def sent(pages: int) -> None:
                if pages:
                    self.session.message.emit(describe.format(n=result.certificates_in(pages)) + said)

            self.bar.spool(render_to, printer, sent, self.session.failed.emit)

        self._render(run, render_to, finished, split=split, printer=printer.printer.printerName() if printer else "")

    def _papers(self) -> set[str]:
        """The papers the certificates about to print are set on, by their templates."""
        chosen = self.selected_refs()
        forms = {c.form for c in self.model.rows if chosen is None or c.ref in chosen}
        if self.ceremony_id is None:
            return set()
        return {self.session.prints.template(self.ceremony_id, form).paper.value for form in forms}

    def _choose_printer(self, *, first_only: bool = False) -> PrintChoice | None:
        """The print dialog, opened on the template's paper; None if cancelled or the
        printer cannot take this run (said before anything is numbered or sent)."""
        papers = self._papers()
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        start_with_paper(printer, "A3" if "A3" in papers else "A4")
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("In thử trang đầu lên phôi" if first_only else "In giấy khen")
        # Which certificates print is chosen in the list (rows selected, or all): page
        # numbers typed here would not match the log.
        for option in (
            QAbstractPrintDialog.PrintDialogOption.PrintPageRange,
            QAbstractPrintDialog.PrintDialogOption.PrintSelection,
            QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage,
        ):
            dialog.setOption(option, False)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return None
        manual = self.blank_mode.isChecked() and self.manual_feed.isChecked()
        choice = PrintChoice(printer, first_only=first_only, manual_feed=manual)
        problem = lacks(choice, papers)
        if problem:
            self.session.failed.emit(problem)
            return None
        return choice

    def print_certificates(self) -> None:
        choice = self._choose_printer()
        if choice is not None:
            self._run(PrintAction.PRINT, Path(), "Đã gửi {n} giấy tới máy in “" + choice.name + "”.", printer=choice)

    def print_first_page(self) -> None:
        """The first certificate of the selection on one blank form, to check the positions."""
        choice = self._choose_printer(first_only=True)
        run = self._print_run(proof=False) if choice is not None else None
        if choice is None or not run or not run.certificates:
            return
        run.certificates[1:] = []
        self._run_proof(
            run, Path(), "Đã gửi {n} trang thử tới máy in “" + choice.name + "”.", split=False, printer=choice
        )

    def save_pdf(self) -> None:
        path, _ = ask_save(self, self.session.settings, "Lưu giấy khen ra PDF", "giay-khen.pdf", "Tệp PDF (*.pdf)")
        if path:
            self._run(PrintAction.PDF, path, f"Đã lưu {{n}} giấy vào “{path}”.")

    def save_split(self) -> None:
        folder = ask_folder(self, self.session.settings, "Chọn thư mục lưu mỗi người một tệp PDF")
        if folder:
            self._run(PrintAction.PDF, folder, f"Đã lưu {{n}} tệp PDF vào “{folder}”.", split=True)
