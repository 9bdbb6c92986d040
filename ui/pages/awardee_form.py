"""The clerk's entry form for awardees: Enter adds and starts the next entry; in edit
mode every change is saved the moment a field is left (there is no Save button)."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.domain import text
from models.domain.places import ward_in_unit
from models.domain.records import Awardee, AwardeeKind, Decision
from models.errors import ConflictError
from models.ops.entities import AddField
from models.ops.records import AddRecords, EditRecord, merged
from ui.pages.history_note import HistoryNote
from ui.session import BookSession
from ui.widgets import BookUndoKeys, ChoiceCombo, NoticeLabel, ask, completing_line_edit, reset_typing, whose_to_keep


class AwardeeForm(QWidget):
    saved = Signal(int)  # id of the record added or edited
    editing_changed = Signal(object)  # the record being edited, or None for a new entry

    def __init__(self, session: BookSession, parent=None):
        super().__init__(parent)
        self.session = session
        self.ceremony_id: int | None = None
        self.editing: Awardee | None = None
        self._saving = False  # a save under way (it may be asking a question)
        self._asked = False  # that save met another clerk's and asked what to keep
        self._decisions: dict[int, Decision] = {}

        self.title = QLabel()
        self.title.setStyleSheet("font-weight:bold; font-size:11pt;")
        self.kind = ChoiceCombo()
        self.kind.set_choices([(k.label, k) for k in AwardeeKind])
        self.name = QLineEdit()
        self.position, self._position_completer = completing_line_edit("VD: Tổ trưởng tổ dân phố số 18")
        self.unit, self._unit_completer = completing_line_edit("VD: Phường Ngọc Thụy")
        self.ward, self._ward_completer = completing_line_edit("VD: Ngọc Thụy")
        self.field = QComboBox()
        self.field.setEditable(True)
        self.field.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.model_name = QLineEdit()
        self.model_name.setPlaceholderText("VD: Bếp ăn yêu thương")
        self.decision = ChoiceCombo()
        self.achievement = QLineEdit()
        self.notes = QLineEdit()
        self.duplicate = NoticeLabel()
        self.history = HistoryNote(session)
        self.notice = NoticeLabel(lines=3)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Loại:", self.kind)
        form.addRow("&Họ và tên / Tên tập thể:", self.name)
        form.addRow("&Chức vụ:", self.position)
        form.addRow("Đơn &vị:", self.unit)
        form.addRow("&Phường:", self.ward)
        form.addRow("Lĩnh vự&c:", self.field)
        form.addRow("&Mô hình “Dân vận khéo”:", self.model_name)
        form.addRow("&Quyết định:", self.decision)
        form.addRow("&Thành tích:", self.achievement)
        form.addRow("Ghi ch&ú:", self.notes)

        self.add_button = QPushButton("Thêm vào danh sách (Enter)")
        self.add_button.setDefault(True)
        self.new_button = QPushButton("Mục mới (Ctrl+N)")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.new_button)
        buttons.addStretch()
        hint = QLabel("Enter: lưu và nhập tiếp. Khi sửa, mỗi thay đổi được lưu ngay khi rời ô.")
        hint.setWordWrap(True)
        hint.setStyleSheet("color:#555;")

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addWidget(self.duplicate)
        layout.addWidget(self.history)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)
        layout.addWidget(hint)
        layout.addStretch()

        # Tab order follows a paper list: kind, name, position, unit, ward, field, model, ...
        chain = [
            self.kind,
            self.name,
            self.position,
            self.unit,
            self.ward,
            self.field,
            self.model_name,
            self.decision,
            self.achievement,
            self.notes,
        ]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)

        self._line_edits = [
            self.name,
            self.position,
            self.unit,
            self.ward,
            self.model_name,
            self.achievement,
            self.notes,
            self._field_edit(),
        ]
        BookUndoKeys(session.undo_stack, self._line_edits, self)
        for edit in self._line_edits:
            edit.returnPressed.connect(self._enter)
            edit.editingFinished.connect(self._save_if_editing)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.kind.currentIndexChanged.connect(self._save_if_editing)
        self.field.currentIndexChanged.connect(self._save_if_editing)
        self.decision.currentIndexChanged.connect(self._decision_changed)
        self.decision.currentIndexChanged.connect(self._save_if_editing)
        self.add_button.clicked.connect(self._enter)
        self.new_button.clicked.connect(self.start_new)

        self._dup_timer = QTimer(self, singleShot=True, interval=150)
        self._dup_timer.timeout.connect(self._check_duplicate)
        self.name.textChanged.connect(self._dup_timer.start)
        self.kind.currentIndexChanged.connect(self._dup_timer.start)
        self.decision.currentIndexChanged.connect(self._dup_timer.start)
        self.unit.textChanged.connect(self._dup_timer.start)
        self._ward_filled = ""  # the ward last read from the unit, replaced while not retyped
        self.unit.textChanged.connect(self._ward_from_unit)
        self._kind_changed()
        self.start_new()

    # --- set-up from the page -----------------------------------------------------------

    def set_ceremony(self, ceremony_id: int | None, decisions: list[Decision], for_awardees: list[int]) -> None:
        self.ceremony_id = ceremony_id
        self.set_decisions(decisions, for_awardees)
        self.start_new()

    def set_decisions(self, decisions: list[Decision], for_awardees: list[int]) -> None:
        """for_awardees: the decisions an awardee may get (not a contest's), best first; a new
        entry starts on the first of them rather than on "(chưa chọn)"."""
        self._decisions = {d.id: d for d in decisions}
        self.decision.blockSignals(True)
        self.decision.set_choices([("(chưa chọn)", None)] + [(d.label, d.id) for d in decisions])
        if self.editing is None and self.decision.value() is None and for_awardees:
            self.decision.set_value(for_awardees[0])
        self.decision.blockSignals(False)
        self._decision_changed()

    def set_completions(self, completions: dict[str, list[str]]) -> None:
        self._unit_completer.set_values(completions["unit"])
        self._ward_completer.set_values(completions["ward"])
        self._position_completer.set_values(completions["position"])
        current = self.field.currentText()
        self.field.blockSignals(True)
        self.field.clear()
        self.field.addItems([""] + completions["field"])
        self.field.setCurrentText(current)
        self.field.blockSignals(False)

    # --- reading and showing a record ---------------------------------------------------

    def record(self) -> Awardee:
        # The form is enabled only once a ceremony is chosen.
        base = self.editing or Awardee(ceremony_id=self.ceremony_id or 0, kind=AwardeeKind.INDIVIDUAL, name="")
        return dataclasses.replace(
            base,
            kind=self.kind.value(),
            name=self.name.text(),
            position=self.position.text() if self.kind.value() is AwardeeKind.INDIVIDUAL else "",
            unit=self.unit.text(),
            ward=self.ward.text(),
            field=self.field.currentText(),
            model_name=self.model_name.text(),
            decision_id=self.decision.value(),
            achievement=self.achievement.text(),
            notes=self.notes.text(),
        )

    def _field_edit(self) -> QLineEdit:
        edit = self.field.lineEdit()
        assert edit is not None  # the field box is editable, so it has its line edit
        return edit

    def show_record(self, a: Awardee | None) -> None:
        """Load a record for editing, or start a new entry when a is None."""
        self.editing = a
        widgets: list[QWidget] = [self.kind, self.field, self.decision, *self._line_edits]
        for w in widgets:
            w.blockSignals(True)
        if a is None:
            for edit in (self.name, self.position, self.model_name, self.achievement, self.notes):
                edit.setText("")
            self.title.setText("Nhập mới tập thể, cá nhân")
            self.add_button.show()
        else:
            self.kind.set_value(a.kind)
            self.name.setText(a.name)
            self.position.setText(a.position)
            self.unit.setText(a.unit)
            self.ward.setText(a.ward)
            self.field.setCurrentText(a.field)
            self.model_name.setText(a.model_name)
            self.decision.set_value(a.decision_id)
            self.achievement.setText(a.achievement)
            self.notes.setText(a.notes.replace("\n", " "))
            self.title.setText(f"Đang sửa: {a.name}")
            self.add_button.hide()
        reset_typing(self._line_edits)
        for w in widgets:
            w.blockSignals(False)
        self._kind_changed()
        self._decision_changed()
        self.notice.clear_notice()
        self.duplicate.clear_notice()
        self.history.clear_notice()
        self._dup_timer.start()
        self.editing_changed.emit(a)

    def start_new(self) -> None:
        """Sticky fields (kind, unit, ward, field, decision) stay: lists come ward by ward."""
        self.show_record(None)
        self.name.setFocus()

    # --- behaviour ----------------------------------------------------------------------

    def _kind_changed(self) -> None:
        individual = self.kind.value() is AwardeeKind.INDIVIDUAL
        self.position.setEnabled(individual)
        self.name.setPlaceholderText("VD: Nguyễn Thị Thùy Dung" if individual else "VD: Hội LHPN phường Bồ Đề")

    def _decision_changed(self) -> None:
        d = self._decisions.get(self.decision.value())
        self.achievement.setPlaceholderText(
            f"Mặc định theo quyết định: {d.achievement}" if d and d.achievement else "Thành tích ghi trên giấy khen"
        )

    def _ward_from_unit(self, unit: str) -> None:
        """“Phường Thạch Bàn” in Đơn vị fills Phường, in sight, unless the clerk typed a ward."""
        current = self.ward.text()
        if current and current != self._ward_filled:
            return
        guess = ward_in_unit(unit)
        if guess != current:
            self.ward.setText(guess)
        self._ward_filled = guess

    def _check_duplicate(self) -> None:
        if not self.isVisible():  # the window closed while the check waited: the book may be closed too
            return
        if self.ceremony_id is None or not text.clean(self.name.text()):
            self.duplicate.clear_notice()
            self.history.clear_notice()
            return
        self._show_history(self.ceremony_id)
        dupes = self.session.book.find_awardee_duplicates(self.record())
        if dupes:
            d = dupes[0]
            where = f" – {d.unit}" if d.unit else ""
            self.duplicate.show_notice(f"⚠ Có thể trùng: “{d.name}”{where} đã có trong danh sách.", "warning")
        else:
            self.duplicate.clear_notice()

    def _show_history(self, ceremony_id: int) -> None:
        """Earlier awards of this name in any ceremony; a warning for the same form too soon."""
        record = self.record()
        if self.editing is not None:
            record = dataclasses.replace(record, id=self.editing.id)
        decision = self._decisions.get(self.decision.value())
        day = (decision.signed_on if decision else None) or self.session.book.ceremony(ceremony_id).held_on
        self.history.show_for(record, decision.award_form if decision else None, day.year if day else None)

    def _enter(self) -> None:
        if self.editing is not None:
            self._save_if_editing()
            return
        if self.ceremony_id is None:
            self.notice.show_notice("Hãy chọn hoặc tạo một hội nghị trước.")
            return
        record = self.record()
        if not text.clean(record.name):
            self.notice.show_notice("Chưa nhập họ và tên (hoặc tên tập thể): mục này chưa được lưu.")
            self.name.setFocus()
            return
        dupes = self.session.book.find_awardee_duplicates(record)
        if dupes and not self._confirm_duplicate(record, dupes[0]):
            self.name.setFocus()
            return
        # The field first: Ctrl+Z right after Enter takes back the entry, the next one the field.
        self._remember_field(record.field)
        command = AddRecords(self.session.awardees, [record], f"thêm “{text.clean(record.name)}”")
        if self.session.run(command):
            added = command.records[0]
            if added.decision_id is None:
                note = (
                    f"Đã thêm “{added.name}”, nhưng chưa gắn quyết định khen thưởng nên chưa in được giấy. "
                    "Tạo quyết định ở trang 3, rồi chọn các dòng và bấm Ctrl+E để gắn.",
                    "warning",
                )
            else:
                note = (f"Đã thêm “{added.name}”.", "info")
            self.saved.emit(added.id)
            self.start_new()
            self.notice.show_notice(*note)
        else:
            self.notice.show_notice("Chưa lưu được mục này; xem thông báo lỗi.")

    def _remember_field(self, field: str) -> None:
        """A field typed that is not in the list joins it (the list is the office's own)."""
        if text.clean(field) and text.clean(field) not in self.session.book.fields():
            self.session.run(AddField(self.session.book, field))

    def _confirm_duplicate(self, record: Awardee, existing: Awardee) -> bool:
        answer = ask(
            self,
            "Có thể bị trùng",
            f"“{existing.name}” – {existing.unit or 'không ghi đơn vị'} đã có trong danh sách "
            f"của hội nghị này.\n\nVẫn thêm “{text.clean(record.name)}”?",
        )
        return answer

    def _save_if_editing(self) -> None:
        # A question asked while saving takes the focus, and the field losing it would
        # start a second save of the same typing inside the first.
        if self.editing is None or self._saving:
            return
        self._saving = True
        try:
            self._save_edit()
        finally:
            self._saving = False

    def _save_edit(self) -> None:
        assert self.editing is not None
        after = self.record()
        before = self.editing
        if _same(before, after):
            return
        if not text.clean(after.name):
            self.notice.show_notice("Họ và tên không được để trống: thay đổi chưa được lưu.")
            return
        self._remember_field(after.field)
        command = EditRecord(self.session.awardees, before, after, f"sửa “{text.clean(after.name)}”")
        self._asked = False
        if self.session.run(command, on_conflict=self._resolve_conflict):
            self.editing = command.after
            self.title.setText(f"Đang sửa: {command.after.name}")
            merged = (
                f"{command.merged_with}; hai thay đổi ở các ô khác nhau đã được gộp." if command.merged_with else ""
            )
            self.notice.show_notice(merged or "Đã lưu thay đổi.", "info")
            self.saved.emit(command.after.id)
        elif not self._asked:  # a conflict has said its own word already
            self.notice.show_notice("Thay đổi chưa được lưu; xem thông báo lỗi.")

    def _resolve_conflict(self, conflict: ConflictError) -> None:
        """Someone else saved this record since it was opened here: keep mine or take theirs;
        what was typed stays in the form until the clerk chooses. A record deleted meanwhile
        can be added back as typed."""
        self._asked = True
        if conflict.theirs is None:
            if ask(self, "Mục đã bị xóa", f"{conflict.message}\n\nThêm lại mục này với những gì bạn vừa sửa?"):
                record = dataclasses.replace(self.record(), version=self.editing.version if self.editing else 0)
                command = AddRecords(self.session.awardees, [record], f"thêm lại “{text.clean(record.name)}”")
                if self.session.run(command):
                    self.show_record(command.records[0])
                    self.notice.show_notice("Đã thêm lại mục này.", "info")
                    self.saved.emit(command.records[0].id)
            else:
                self.notice.show_notice("Mục đã bị xóa; những gì bạn gõ vẫn ở đây, chưa được lưu.")
            return
        choice = whose_to_keep(self, conflict.message)
        theirs: Any = conflict.theirs
        if choice == "theirs":
            self.show_record(theirs)
            self.notice.show_notice("Đã lấy bản vừa được người khác lưu.", "info")
        elif choice == "mine" and self.editing is not None:
            # Mine where I changed something, theirs everywhere else, written over their version.
            together, _ = merged(self.editing, conflict.mine, theirs)
            self.show_record(together)
            self.editing = theirs
            self._save_edit()
        else:
            self.notice.show_notice("Thay đổi chưa được lưu; bản của bạn vẫn ở đây.")
        self._asked = True


def _same(a: Awardee, b: Awardee) -> bool:
    """Equal once cleaned: moving focus through a field without changing it saves nothing."""
    fields = ("kind", "name", "position", "unit", "ward", "field", "model_name", "decision_id", "achievement", "notes")
    for f in fields:
        x, y = getattr(a, f), getattr(b, f)
        if isinstance(x, str) and not isinstance(x, AwardeeKind):
            x, y = text.clean(x), text.clean(y)
        if x != y:
            return False
    return True
