"""The Awardees page: filters, the table and the entry form side by side."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QSplitter, QVBoxLayout, QWidget

from models.domain.changes import Changes, Kind
from models.domain.records import AwardeeKind, AwardForm, Decision
from models.ops.records import DeleteRecords, EditRecords
from ui.pages.awardee_form import AwardeeForm
from ui.session import BookSession
from ui.tables.record_filter import RecordFilterProxy
from ui.tables.record_tables import awardee_model
from ui.widgets import ChoiceCombo, record_table_view

# Above this many rows, filtering waits for a pause in typing instead of every keystroke.
DEBOUNCE_ROWS = 3000


class AwardeePage(QWidget):
    count_changed = Signal(str)

    def __init__(self, session: BookSession, parent=None):
        super().__init__(parent)
        self.session = session
        self.ceremony_id: int | None = None
        self._decisions: dict[int | None, Decision] = {}

        self.search = QLineEdit()
        self.search.setPlaceholderText("Tìm theo tên, đơn vị, mô hình… (gõ không dấu cũng được)")
        self.search.setClearButtonEnabled(True)
        self.kind_filter = ChoiceCombo("Tất cả các loại")
        self.kind_filter.set_choices([(k.label, k) for k in AwardeeKind])
        self.field_filter = ChoiceCombo("Mọi lĩnh vực")
        self.ward_filter = ChoiceCombo("Mọi phường")
        self.form_filter = ChoiceCombo("Mọi hình thức")
        self.form_filter.set_choices([(f.label, f) for f in AwardForm])

        filters = QHBoxLayout()
        label = QLabel("&Tìm:")
        label.setBuddy(self.search)
        filters.addWidget(label)
        filters.addWidget(self.search, 1)
        for combo in (self.kind_filter, self.field_filter, self.ward_filter, self.form_filter):
            filters.addWidget(combo)

        self.model = awardee_model(lambda: self._decisions, self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = record_table_view(self.proxy, [c.width for c in self.model.columns])
        self.form = AwardeeForm(session)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.form)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([880, 420])
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)

        self._count_timer = QTimer(self, singleShot=True, interval=0)
        self._count_timer.timeout.connect(lambda: self.count_changed.emit(self.count_text()))
        self._filter_timer = QTimer(self, singleShot=True, interval=120)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._search_typed)
        for combo in (self.kind_filter, self.field_filter, self.ward_filter, self.form_filter):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.doubleClicked.connect(lambda _i: self.form.name.setFocus())
        self.form.saved.connect(self._after_save)
        QShortcut(
            QKeySequence.StandardKey.Delete, self.table, self.delete_selected, context=Qt.ShortcutContext.WidgetShortcut
        )
        QShortcut(QKeySequence("Ctrl+N"), self, self._new_entry, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(
            QKeySequence("Ctrl+F"), self, self.search.setFocus, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
        )

        session.changed.connect(self._changed)
        self.model.rowsInserted.connect(self._emit_count)
        self.model.rowsRemoved.connect(self._emit_count)
        self.model.modelReset.connect(self._emit_count)

    # --- loading ------------------------------------------------------------------------

    def _changed(self, changes: Changes) -> None:
        if changes.everything or (changes.wholesale and changes.touches(Kind.AWARDEE)):
            self.reload()
            return
        if Kind.AWARDEE in changes.kinds:
            if changes.upserted:
                self._upserted(list(changes.upserted), by=changes.by)
            if changes.removed:
                self._removed(list(changes.removed))
        if changes.touches(Kind.DECISION, Kind.CONTEST):
            self._reload_decisions()
        if changes.touches(Kind.FIELD):
            self._refresh_choices()

    def set_ceremony(self, ceremony_id: int | None) -> None:
        self.ceremony_id = ceremony_id
        self.reload()

    def reload(self) -> None:
        book = self.session.book
        decisions = book.decisions(self.ceremony_id) if self.ceremony_id else []
        self._decisions = {d.id: d for d in decisions}
        if self.ceremony_id:
            self.model.set_records(*book.listed_awardees(self.ceremony_id))
        else:
            self.model.set_records([])
        if self.form.ceremony_id != self.ceremony_id:
            self.form.set_ceremony(self.ceremony_id, decisions, self._for_awardees(decisions))
        else:
            # Same ceremony read again (an import, printing, the file changed elsewhere):
            # what the clerk is typing stays; a record being edited is shown as now stored.
            self.form.set_decisions(decisions, self._for_awardees(decisions))
            if self.form.editing is not None:
                row = self.model.row_of(self.form.editing.id)
                self.form.show_record(self.model.record(row) if row >= 0 else None)
        self._refresh_choices()
        self.apply_filter()

    def _reload_decisions(self) -> None:
        decisions = self.session.book.decisions(self.ceremony_id) if self.ceremony_id else []
        self._decisions = {d.id: d for d in decisions}
        self.form.set_decisions(decisions, self._for_awardees(decisions))
        self.model.refresh()  # the award form column follows its decision

    def _for_awardees(self, decisions: list[Decision]) -> list[int]:
        """Decisions an awardee may get: those no contest of the ceremony gives its prizes by."""
        contests = self.session.book.contests(self.ceremony_id) if self.ceremony_id else []
        taken = {c.decision_id for c in contests}
        return [d.id for d in decisions if d.id not in taken]

    def _refresh_choices(self) -> None:
        completions = self.session.book.completions()
        self.form.set_completions(completions)
        self.field_filter.set_choices([(f, f) for f in completions["field"]])
        wards = sorted(
            {r.ward for r in self.model.records() if r.ward},
            key=lambda w: completions["ward"].index(w) if w in completions["ward"] else 0,
        )
        self.ward_filter.set_choices([(w, w) for w in wards])

    # --- filtering ----------------------------------------------------------------------

    def _search_typed(self) -> None:
        if self.model.rowCount() > DEBOUNCE_ROWS:
            self._filter_timer.start()
        else:
            self.apply_filter()

    def apply_filter(self) -> None:
        wanted_form = self.form_filter.value()
        extra = None
        if wanted_form is not None:

            def extra(a):
                d = self._decisions.get(a.decision_id)
                return d is not None and d.award_form is wanted_form

        self.proxy.set_filter(
            self.search.text(),
            {"kind": self.kind_filter.value(), "field": self.field_filter.value(), "ward": self.ward_filter.value()},
            extra,
        )
        self._emit_count()

    def count_text(self) -> str:
        shown = self.proxy.accepted_records()
        collectives = sum(1 for a in shown if a.kind is AwardeeKind.COLLECTIVE)
        total = self.model.rowCount()
        detail = f"{collectives} tập thể, {len(shown) - collectives} cá nhân"
        if len(shown) == total:
            return f"{total} tập thể, cá nhân ({detail})"
        return f"Đang lọc: {len(shown)} / {total} tập thể, cá nhân ({detail})"

    def _emit_count(self, *_args) -> None:
        # Several changes arrive per user action; count once, when they have settled.
        self._count_timer.start()

    # --- editing ------------------------------------------------------------------------

    def _current_changed(self, current, _previous) -> None:
        if current.isValid():
            self.form.show_record(self.proxy.record_at(current.row()))

    def _new_entry(self) -> None:
        self.table.clearSelection()
        self.table.setCurrentIndex(self.proxy.index(-1, -1))
        self.form.start_new()

    def selected_records(self) -> list:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.proxy.record_at(r) for r in rows]

    def edit_selected(self) -> None:
        """Set a decision, field or ward on every selected row: one transaction, one undo."""
        from ui.dialogs.bulk_edit_dialog import BulkEditDialog

        chosen = self.selected_records()
        if not chosen:
            self.session.message.emit("Hãy chọn các dòng cần sửa trong bảng trước (Ctrl+A chọn tất cả).")
            return
        completions = self.session.book.completions()
        dialog = BulkEditDialog(
            len(chosen), list(self._decisions.values()), completions["field"], completions["ward"], self
        )
        if dialog.exec() != BulkEditDialog.DialogCode.Accepted or not dialog.changes():
            return
        after = [dataclasses.replace(a, **dialog.changes()) for a in chosen]
        pairs = [(b, a) for b, a in zip(chosen, after, strict=True) if b != a]
        if not pairs:
            return
        label = f"sửa {len(pairs)} tập thể, cá nhân"
        command = EditRecords(self.session.awardees, [b for b, _ in pairs], [a for _, a in pairs], label)
        if self.session.run(command):
            self._refresh_choices()
            self.session.message.emit(f"Đã {label}. Bấm Ctrl+Z để hoàn tác.")

    def delete_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if not rows:
            return
        records = [self.proxy.record_at(r) for r in rows]
        only = records[0].name if len(rows) == 1 else None
        label = f"xóa “{only}”" if only else f"xóa {len(records)} tập thể, cá nhân"
        if self.session.run(DeleteRecords(self.session.awardees, records, label)):
            self.session.message.emit(f"Đã {label}. Bấm Ctrl+Z để hoàn tác.")
            self.form.start_new()

    def _after_save(self, record_id: int) -> None:
        self._refresh_choices()
        row = self.model.row_of(record_id)
        if row < 0 or self.form.editing is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)

    def _upserted(self, records: list, by: str = "") -> None:
        mine = [r for r in records if r.ceremony_id == self.ceremony_id]
        if mine:
            self.model.upsert(mine)
            if by:  # another clerk's save: the clerk here keeps their place and their typing
                if self.form.editing is not None and self.form.editing.id in {r.id for r in mine}:
                    self.form.notice.show_notice(
                        f"{by} vừa lưu mục đang sửa; khi bạn lưu, hai bản sẽ được gộp hoặc bạn được hỏi giữ bản nào."
                    )
                self._emit_count()
                return
            self.table.scrollTo(self.proxy.mapFromSource(self.model.index(self.model.row_of(mine[-1].id), 0)))
            if self.form.editing is not None:
                updated = {r.id: r for r in mine}.get(self.form.editing.id)
                if updated is not None:
                    self.form.show_record(updated)
            self._emit_count()

    def _removed(self, ids: list) -> None:
        self.model.remove(ids)
        if self.form.editing is not None and self.form.editing.id in ids:
            self.form.start_new()
        self._emit_count()
