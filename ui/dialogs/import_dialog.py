"""The import window: what the file holds, what each column means, and what will be added.

The clerk sees the sheet as read (legacy text already converted), may change the header
row or any column's meaning (a click on the column's heading), and sees at once the rows
that would be added, the guessed kinds, the likely duplicates and every problem with its
row and column. Nothing is written until "Nhập"; then all of it goes in one transaction.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QMenu,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.importing import importer
from models.importing.columns import Column
from models.importing.plan import ImportPlan, plan_import
from models.ops.records import ImportList
from models.sheets.sheet import Workbook
from ui.session import BookSession
from ui.tables.import_models import ConversionsModel, PlanRowsModel, SheetPreviewModel
from ui.widgets import fit_to_screen
from ui.workers.read_worker import read_in_background

FILE_FILTER = "Bảng tính (*.xlsx *.xls *.ods *.csv *.txt *.xml *.htm *.html);;Mọi tệp (*)"


def open_workbook(path: Path, parent: QWidget) -> Workbook | None:
    """Read a file off the window's thread; a bad file is explained, never raised."""
    return read_in_background(path, parent)


class ImportDialog(QDialog):
    imported = Signal(str)  # the summary, for the status bar

    def __init__(self, session: BookSession, workbook: Workbook, ceremony_id: int, parent=None):
        super().__init__(parent)
        self.session = session
        self.workbook = workbook
        self.ceremony_id = ceremony_id
        self.memory = importer.MappingMemory(session.settings)
        self.plan: ImportPlan | None = None
        self.mapped_by_hand = False
        self.setWindowTitle(f"Nhập danh sách – {workbook.path.name}")
        fit_to_screen(self, 1180, 660)

        self.sheet_choice = QComboBox()
        for sheet in workbook.sheets:
            self.sheet_choice.addItem(f"{sheet.name} ({len(sheet.rows)} dòng)")
        self.header_spin = QSpinBox(minimum=1, maximum=20)
        self.target = QComboBox()
        self.target.addItem("Danh sách tập thể, cá nhân", None)
        for contest in session.book.contests(ceremony_id):
            self.target.addItem(f"Giải cuộc thi: {contest.title}", contest.id)
        form = QFormLayout()
        form.addRow("Trang tính:", self.sheet_choice)
        form.addRow("Dòng tiêu đề:", self.header_spin)
        form.addRow("Nhập vào:", self.target)

        self.preview_model = SheetPreviewModel(self)
        self.preview = QTableView()
        self.preview.setModel(self.preview_model)
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.preview.horizontalHeader().setDefaultSectionSize(150)
        self.preview.horizontalHeader().sectionClicked.connect(self._choose_meaning)
        self.preview.setToolTip("Bấm vào tiêu đề cột để chọn cột đó chứa gì.")

        self.rows_model = PlanRowsModel(self)
        self.rows_view = QTableView()
        self.rows_view.setModel(self.rows_model)
        self.rows_view.horizontalHeader().setStretchLastSection(True)
        self.rows_model.dataChanged.connect(self._update_summary)
        self.problems = QListWidget()
        self.notes = QListWidget()
        self.notes.setWordWrap(True)
        self.conversions_model = ConversionsModel(self)
        self.conversions = QTableView()
        self.conversions.setModel(self.conversions_model)
        self.conversions.horizontalHeader().setStretchLastSection(True)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.rows_view, "Sẽ nhập")
        self.tabs.addTab(self.problems, "Lỗi")
        self.tabs.addTab(self.notes, "Ghi chú")
        self.tabs.addTab(self.conversions, "Chữ mã cũ")

        splitter = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(QLabel("Bảng tính như đã đọc (bấm tiêu đề cột để gán):"))
        top_layout.addWidget(self.preview)
        splitter.addWidget(top)
        splitter.addWidget(self.tabs)
        splitter.setSizes([260, 380])

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        # Old-encoded cells that read as well another way are never imported unseen.
        self.readings_checked = QCheckBox("Đã xem các ô chữ mã cũ đọc được nhiều cách")
        self.readings_checked.toggled.connect(self._update_summary)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        self.buttons.accepted.connect(self._import)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.readings_checked)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        self._first_plan()
        self.sheet_choice.currentIndexChanged.connect(self._sheet_changed)
        self.header_spin.valueChanged.connect(lambda _: self._replan(keep_mapping=False))
        self.target.currentIndexChanged.connect(lambda _: self._replan(keep_mapping=True))

    # --- planning -----------------------------------------------------------------------

    def _first_plan(self) -> None:
        book, path = self.session.book, self.workbook.path
        self._show(importer.plan_file(book, path, self.ceremony_id, memory=self.memory, workbook=self.workbook))

    def _sheet_changed(self) -> None:
        self.mapped_by_hand = False
        plan = plan_import(
            self.session.book, self.workbook, self.ceremony_id, sheet_index=self.sheet_choice.currentIndex()
        )
        self._show(plan)

    def _replan(self, keep_mapping: bool = True, mapping: dict[int, Column] | None = None) -> None:
        if mapping is None and keep_mapping and self.plan is not None:
            mapping = self.plan.mapping
        contest = self.target.currentData()
        plan = plan_import(
            self.session.book,
            self.workbook,
            self.ceremony_id,
            sheet_index=self.sheet_choice.currentIndex(),
            header_row=self.header_spin.value() - 1,
            mapping=mapping,
            contest_id=contest,
            for_prizes=contest is not None,
        )
        self._show(plan)

    def _show(self, plan: ImportPlan) -> None:
        self.plan = plan
        # Show the plan's choices without asking for yet another plan.
        for widget in (self.sheet_choice, self.header_spin, self.target):
            widget.blockSignals(True)
        self.sheet_choice.setCurrentIndex(plan.sheet_index)
        self.header_spin.setValue((plan.header_row or 0) + 1)
        self.target.setCurrentIndex(max(0, self.target.findData(plan.contest_id)))
        for widget in (self.sheet_choice, self.header_spin, self.target):
            widget.blockSignals(False)
        rows = self.workbook.sheets[plan.sheet_index].rows if self.workbook.sheets else []
        self.preview_model.show(rows, plan.header_row, plan.mapping)
        self.rows_model.show(plan)
        self.rows_view.resizeColumnsToContents()
        self.problems.clear()
        self.problems.addItems(plan.problem_lines())
        self.notes.clear()
        self.notes.addItems(plan.notes)
        self.tabs.setTabText(0, f"Sẽ nhập ({len(plan.rows)})")
        self.tabs.setTabText(1, f"Lỗi ({len(plan.problems)})")
        self.tabs.setTabText(2, f"Ghi chú ({len(plan.notes)})")
        self.conversions_model.show(plan.conversions)
        self.conversions.resizeColumnsToContents()
        unsure = len(plan.unsure)
        checked = f", {unsure} cần xem" if unsure else ""
        self.tabs.setTabText(3, f"Chữ mã cũ ({len(plan.conversions)}{checked})")
        self.tabs.setTabVisible(3, bool(plan.conversions))
        self.readings_checked.setVisible(bool(unsure))
        self.readings_checked.setChecked(False)
        if plan.problems:
            self.tabs.setCurrentIndex(1)
        elif unsure:
            self.tabs.setCurrentIndex(3)
        self._update_summary()

    def _update_summary(self, *_args) -> None:
        plan = self.plan
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if plan is None or plan.problems:
            count = len(plan.problems) if plan else 0
            self.summary.setText(f"<b>Còn {count} lỗi:</b> sửa tệp hoặc gán lại cột; chưa nhập gì.")
            ok.setEnabled(False)
            ok.setText("Nhập")
            return
        chosen = len(plan.included)
        parts = [f"Sẽ nhập {chosen} / {len(plan.rows)} dòng"]
        if plan.duplicates:
            parts.append(f"{len(plan.duplicates)} dòng có vẻ trùng (tô đỏ, bỏ chọn sẵn; đánh dấu “Nhập” để vẫn nhập)")
        if plan.guessed:
            parts.append(f"{len(plan.guessed)} dòng được đoán loại theo tên (tô vàng): kiểm tra cột “Tập thể”")
        if plan.wards_from_units:
            parts.append(f"{len(plan.wards_from_units)} dòng lấy phường từ cột đơn vị")
        unsure = len(plan.unsure)
        if unsure and not self.readings_checked.isChecked():
            parts.append(
                f"<b>{unsure} ô chữ mã cũ đọc được nhiều cách</b> (tô vàng, thẻ “Chữ mã cũ”): "
                "xem rồi đánh dấu ô bên cạnh"
            )
        self.summary.setText(". ".join(parts) + ".")
        ok.setEnabled(chosen > 0 and (not unsure or self.readings_checked.isChecked()))
        ok.setText(f"Nhập {chosen} mục")

    def _choose_meaning(self, section: int) -> None:
        if self.plan is None:
            return
        menu = QMenu(self)
        skip = menu.addAction("— Bỏ qua cột này —")
        actions: dict[QAction, Column | None] = {skip: None}
        for column in Column:
            action = menu.addAction(column.label)
            action.setCheckable(True)
            action.setChecked(self.plan.mapping.get(section) is column)
            actions[action] = column
        chosen = menu.exec(self.preview.horizontalHeader().mapToGlobal(
            self.preview.horizontalHeader().rect().bottomLeft()))  # fmt: skip
        if chosen is None:
            return
        self.set_meaning(section, actions[chosen])

    def set_meaning(self, section: int, column: Column | None) -> None:
        """Give a sheet column a meaning (None: ignore it); a meaning moves from any other column."""
        if self.plan is None or self.plan.header_row is None:
            self._replan(keep_mapping=False)  # start from what the chosen header row names by itself
        if self.plan is None:
            return
        mapping = {c: m for c, m in self.plan.mapping.items() if m is not column and c != section}
        if column is not None:
            mapping[section] = column
        self.mapped_by_hand = True
        self._replan(mapping=mapping)

    # --- landing ------------------------------------------------------------------------

    def _import(self) -> None:
        plan = self.plan
        if plan is None or plan.problems:
            return
        command = ImportList(self.session.book, plan)
        if not self.session.run(command):
            return
        if self.mapped_by_hand and plan.header_row is not None:
            self.memory.remember(plan.headers, plan.mapping)
        done = command.result.summary() if command.result else ""
        summary = done + " Bấm Ctrl+Z để hoàn tác cả lần nhập."
        self.session.message.emit(summary)
        self.imported.emit(summary)
        self.accept()
