"""The Contest prizes page: the contest and its quotas, the prize table and its entry form."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from models.domain import text
from models.domain.changes import Changes, Kind
from models.domain.records import AwardForm, Contest, Prize, PrizeLevel, quota_status
from models.ops.entities import DeleteContest, SaveRecord
from models.ops.records import AddRecords, DeleteRecords, EditRecord
from ui.pages.contest_box import ContestBox
from ui.session import BookSession
from ui.tables.record_filter import RecordFilterProxy
from ui.tables.record_tables import prize_model
from ui.widgets import (
    BookUndoKeys,
    ChoiceCombo,
    NoticeLabel,
    ask,
    completing_line_edit,
    record_table_view,
    reset_typing,
)


class PrizeForm(QWidget):
    def __init__(self, session: BookSession, parent=None):
        super().__init__(parent)
        self.session = session
        self.contest: Contest | None = None
        self.editing: Prize | None = None
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight:bold; font-size:11pt;")
        self.level = ChoiceCombo()
        self.level.set_choices([(lv.label, lv) for lv in PrizeLevel])
        self.authors = QLineEdit()
        self.authors.setPlaceholderText("Một hoặc nhiều tác giả, cách nhau bởi dấu phẩy")
        self.work = QLineEdit()
        self.unit, self._unit_completer = completing_line_edit()
        self.notes = QLineEdit()
        self.notice = NoticeLabel()
        self.add_button = QPushButton("Thêm giải (Enter)")
        form = QFormLayout()
        form.addRow("&Giải:", self.level)
        form.addRow("Tác &giả:", self.authors)
        form.addRow("Tác &phẩm:", self.work)
        form.addRow("Đơn &vị:", self.unit)
        form.addRow("Ghi ch&ú:", self.notes)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.notice)
        layout.addWidget(self.add_button)
        layout.addStretch()
        self._edits = [self.authors, self.work, self.unit, self.notes]
        BookUndoKeys(session.undo_stack, self._edits, self)
        for edit in self._edits:
            edit.returnPressed.connect(self._enter)
            edit.editingFinished.connect(self._save_if_editing)
        self.level.currentIndexChanged.connect(self._save_if_editing)
        self.add_button.clicked.connect(self._enter)
        self.show_prize(None)

    def record(self) -> Prize:
        base = self.editing or Prize(contest_id=self.contest.id if self.contest else 0, level=PrizeLevel.C, authors="")
        return dataclasses.replace(
            base,
            level=self.level.value(),
            authors=self.authors.text(),
            work_title=self.work.text(),
            unit=self.unit.text(),
            notes=self.notes.text(),
        )

    def show_prize(self, p: Prize | None) -> None:
        self.editing = p
        for w in (self.level, *self._edits):
            w.blockSignals(True)
        if p is None:
            for edit in (self.authors, self.work, self.notes):
                edit.setText("")
            self.heading.setText("Nhập giải mới")
            self.add_button.show()
        else:
            self.level.set_value(p.level)
            self.authors.setText(p.authors)
            self.work.setText(p.work_title)
            self.unit.setText(p.unit)
            self.notes.setText(p.notes.replace("\n", " "))
            self.heading.setText(f"Đang sửa giải của: {p.authors}")
            self.add_button.hide()
        reset_typing(self._edits)
        for w in (self.level, *self._edits):
            w.blockSignals(False)
        self.notice.clear_notice()

    def _over_quota(self, level: PrizeLevel, exclude: int | None = None) -> tuple[int, int] | None:
        if self.contest is None:
            return None
        quota = self.contest.quotas.get(level, 0)
        given = sum(1 for p in self.session.book.prizes(self.contest.id) if p.level is level and p.id != exclude)
        return (given, quota) if given + 1 > quota else None

    def _confirm_quota(self, level: PrizeLevel, given: int, quota: int) -> bool:
        answer = ask(
            self,
            "Vượt cơ cấu giải",
            f"Cơ cấu cuộc thi có {quota} {level.phrase}, đã trao {given}.\n\nVẫn thêm một {level.phrase} nữa?",
        )
        return answer

    def _enter(self) -> None:
        if self.editing is not None:
            self._save_if_editing()
            return
        if self.contest is None:
            self.notice.show_notice("Hãy tạo hoặc chọn một cuộc thi trước.")
            return
        record = self.record()
        if not text.clean(record.authors):
            self.notice.show_notice("Chưa nhập tên tác giả: giải này chưa được lưu.")
            self.authors.setFocus()
            return
        over = self._over_quota(record.level)
        if over and not self._confirm_quota(record.level, *over):
            return
        dupes = self.session.book.find_prize_duplicates(record)
        if dupes and not ask(
            self,
            "Có thể bị trùng",
            f"Tác giả “{dupes[0].authors}” ({dupes[0].unit or 'không ghi đơn vị'}) "
            "đã có giải trong cuộc thi này.\n\nVẫn thêm?",
        ):
            return
        command = AddRecords(self.session.prizes, [record], f"thêm giải cho “{text.clean(record.authors)}”")
        if self.session.run(command):
            self.show_prize(None)
            self.notice.show_notice(f"Đã thêm {record.level.phrase} cho “{command.records[0].authors}”.", "info")
            self.authors.setFocus()

    def _save_if_editing(self) -> None:
        if self.editing is None:
            return
        after = self.record()
        before = self.editing
        cleaned = dataclasses.replace(
            after,
            authors=text.clean(after.authors),
            work_title=text.clean(after.work_title),
            unit=text.clean(after.unit),
            notes=text.clean(after.notes),
        )
        if cleaned == dataclasses.replace(before, notes=text.clean(before.notes)):
            return
        if not text.clean(after.authors):
            self.notice.show_notice("Tên tác giả không được để trống: thay đổi chưa được lưu.")
            return
        if after.level is not before.level:
            over = self._over_quota(after.level, exclude=before.id)
            if over and not self._confirm_quota(after.level, *over):
                self.level.blockSignals(True)
                self.level.set_value(before.level)
                self.level.blockSignals(False)
                return
        command = EditRecord(self.session.prizes, before, after, f"sửa giải của “{text.clean(after.authors)}”")
        if self.session.run(command):
            self.editing = command.after
            self.notice.show_notice("Đã lưu thay đổi.", "info")


class PrizePage(QWidget):
    count_changed = Signal(str)

    def __init__(self, session: BookSession, parent=None):
        super().__init__(parent)
        self.session = session
        self.ceremony_id: int | None = None
        self.contest_choice = ChoiceCombo()
        self.add_contest = QPushButton("Thêm cuộc thi…")
        self.delete_contest = QPushButton("Xóa cuộc thi")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Tìm tác giả, tác phẩm, đơn vị…")
        self.search.setClearButtonEnabled(True)
        self.level_filter = ChoiceCombo("Mọi giải")
        self.level_filter.set_choices([(lv.label, lv) for lv in PrizeLevel])
        self.box = ContestBox(session)
        self.model = prize_model(self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = record_table_view(self.proxy, [c.width for c in self.model.columns])
        self.form = PrizeForm(session)

        top = QHBoxLayout()
        top.addWidget(QLabel("Cuộc thi:"))
        top.addWidget(self.contest_choice, 1)
        top.addWidget(self.add_contest)
        top.addWidget(self.delete_contest)
        filters = QHBoxLayout()
        filters.addWidget(QLabel("Tìm:"))
        filters.addWidget(self.search, 1)
        filters.addWidget(self.level_filter)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.form)
        splitter.setSizes([880, 420])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.box)
        layout.addWidget(splitter, 1)

        self.contest_choice.currentIndexChanged.connect(self._contest_chosen)
        self.add_contest.clicked.connect(self._add_contest)
        self.delete_contest.clicked.connect(self._delete_contest)
        self.search.textChanged.connect(self._apply_filter)
        self.level_filter.currentIndexChanged.connect(self._apply_filter)
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self.form.show_prize(self.proxy.record_at(cur.row())) if cur.isValid() else None
        )
        QShortcut(
            QKeySequence.StandardKey.Delete, self.table, self.delete_selected, context=Qt.ShortcutContext.WidgetShortcut
        )
        QShortcut(QKeySequence("Ctrl+N"), self, self._new_entry, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        session.changed.connect(self._changed)

    def set_ceremony(self, ceremony_id: int | None) -> None:
        self.ceremony_id = ceremony_id
        self.reload()

    def _changed(self, changes: Changes) -> None:
        if changes.everything or (changes.wholesale and changes.touches(Kind.PRIZE)):
            self.reload()
            return
        if Kind.PRIZE in changes.kinds:
            if changes.upserted:
                self._upserted(list(changes.upserted), by=changes.by)
            if changes.removed:
                self._removed(list(changes.removed))
        if changes.touches(Kind.CONTEST):
            self._contests_changed()
        elif changes.touches(Kind.DECISION):
            self._contest_chosen()

    def _contests_changed(self) -> None:
        """A contest added, removed or changed, here or by an undo: show the book as it is."""
        if self.ceremony_id is None:
            return
        stored = {c.id: c for c in self.session.book.contests(self.ceremony_id)}
        shown = [self.contest_choice.itemData(i) for i in range(self.contest_choice.count())]
        if set(stored) != set(shown):
            self.reload()
        elif stored.get(self.contest_choice.value()) != self.box.contest:
            self._contest_chosen()
        else:
            self._refresh_status()

    def reload(self, select: int | None = None) -> None:
        contests = self.session.book.contests(self.ceremony_id) if self.ceremony_id else []
        current = select if select is not None else self.contest_choice.value()
        self.contest_choice.blockSignals(True)
        self.contest_choice.set_choices([(c.title, c.id) for c in contests])
        self.contest_choice.set_value(current)
        self.contest_choice.blockSignals(False)
        self.delete_contest.setEnabled(bool(contests))
        self._contest_chosen()

    def current_contest(self) -> Contest | None:
        contest_id = self.contest_choice.value()
        return (
            next((c for c in self.session.book.contests(self.ceremony_id) if c.id == contest_id), None)
            if self.ceremony_id and contest_id
            else None
        )

    def _contest_chosen(self) -> None:
        contest = self.current_contest()
        decisions = self.session.book.decisions(self.ceremony_id) if self.ceremony_id else []
        self.box.show_contest(contest, decisions)
        self.form.contest = contest
        self.form.setEnabled(contest is not None)
        self.form.show_prize(None)
        self.form._unit_completer.set_values(self.session.book.completions()["unit"])
        self.model.set_records(self.session.book.prizes(contest.id) if contest else [])
        self._refresh_status()
        self._apply_filter()
        self.form.level.set_value(self._first_open_level(contest))

    def _first_open_level(self, contest: Contest | None) -> PrizeLevel:
        """New entries start at the first level that still has room in the quota."""
        if contest is not None:
            for s in quota_status(contest, self.model.records()):
                if s.given < s.quota:
                    return s.level
        return PrizeLevel.C

    def _refresh_status(self) -> None:
        contest = self.current_contest()
        self.box.contest = contest or self.box.contest
        self.form.contest = contest
        if contest is not None:
            i = self.contest_choice.currentIndex()
            self.contest_choice.setItemText(i, contest.title)
        over = set(self.box.show_status(self.model.records()))
        self.model.highlight = {p.id for p in self.model.records() if p.level in over}
        self.model.refresh()
        self._emit_count()

    def _apply_filter(self) -> None:
        self.proxy.set_filter(self.search.text(), {"level": self.level_filter.value()})
        self._emit_count()

    def _emit_count(self) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        prefix = f"Đang lọc: {shown} / " if shown != total else ""
        self.count_changed.emit(f"{prefix}{total} giải cuộc thi")

    def _new_entry(self) -> None:
        self.table.clearSelection()
        self.form.show_prize(None)
        self.form.authors.setFocus()

    def _add_contest(self) -> None:
        if self.ceremony_id is None:
            return
        title, ok = QInputDialog.getText(self, "Thêm cuộc thi", "Tên cuộc thi:")
        if not ok or not text.clean(title):
            return
        certificate = next(
            (d.id for d in self.session.book.decisions(self.ceremony_id) if d.award_form is AwardForm.GIAY_CHUNG_NHAN),
            None,
        )
        op = SaveRecord.contest(
            self.session.book, Contest(ceremony_id=self.ceremony_id, title=title, decision_id=certificate)
        )
        if self.session.run(op):
            self.reload(select=op.after.id)
            self.box.entries.setFocus()

    def _delete_contest(self) -> None:
        contest = self.current_contest()
        if contest is None:
            return
        count = self.model.rowCount()
        answer = ask(
            self,
            "Xóa cuộc thi",
            f"Xóa cuộc thi “{contest.title}” cùng {count} giải của nó?\n\nCó thể hoàn tác bằng Ctrl+Z.",
            warning=True,
        )
        if answer and self.session.run(DeleteContest(self.session.book, contest)):
            self.reload()

    def delete_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        records = [self.proxy.record_at(r) for r in rows]
        if not records:
            return
        label = f"xóa {len(records)} giải"
        if self.session.run(DeleteRecords(self.session.prizes, records, label)):
            self.session.message.emit(f"Đã {label}. Bấm Ctrl+Z để hoàn tác.")

    def _upserted(self, records: list, by: str = "") -> None:
        contest = self.form.contest
        mine = [p for p in records if contest and p.contest_id == contest.id]
        if mine:
            self.model.upsert(mine)
            if self.form.editing is not None and not by:  # another clerk's save keeps the typing here
                updated = {p.id: p for p in mine}.get(self.form.editing.id)
                if updated is not None:
                    self.form.show_prize(updated)
            self._refresh_status()

    def _removed(self, ids: list) -> None:
        self.model.remove(ids)
        if self.form.editing is not None and self.form.editing.id in ids:
            self.form.show_prize(None)
        self._refresh_status()
