"""The Ceremony details page: the ceremony's own fields and its award decisions.

Every field is saved when it is left; a value that cannot be saved is shown in red
and the field keeps what was typed, so nothing is lost silently.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.domain.changes import Changes, Kind
from models.domain.heading import HeadingKind, guess_kind
from models.domain.links import idn_form
from models.domain.records import AwardForm, Ceremony, Decision
from models.ops.entities import DeleteDecision, SaveRecord
from ui.session import BookSession
from ui.widgets import ChoiceCombo, NoticeLabel, ask

_NO_DATE = QDate(2000, 1, 1)


def _to_qdate(value: dt.date | None) -> QDate:
    return QDate(value.year, value.month, value.day) if value else _NO_DATE


def _from_qdate(value: QDate) -> dt.date | None:
    return None if value == _NO_DATE else dt.date(value.year(), value.month(), value.day())


def _date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setMinimumDate(_NO_DATE)
    edit.setSpecialValueText("(chưa có ngày)")
    return edit


class PlainText(QPlainTextEdit):
    """A short multi-line field that saves when focus leaves it."""

    def __init__(self, lines: int, on_leave, parent=None):
        super().__init__(parent)
        self._on_leave = on_leave
        self.setTabChangesFocus(True)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 14)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self._on_leave()


class CeremonyPage(QWidget):
    def __init__(self, session: BookSession, parent=None):
        super().__init__(parent)
        self.session = session
        self.ceremony: Ceremony | None = None
        self.decision: Decision | None = None

        self.title = QLineEdit()
        self.held_on = _date_edit()
        self.place = QLineEdit()
        self.place.setPlaceholderText("Địa danh ghi trên dòng ngày tháng, VD: Long Biên")
        self.organiser = QLineEdit()
        self.organiser.setPlaceholderText("VD: QUẬN ỦY LONG BIÊN")
        self.chair = QLineEdit()
        self.news_url = QLineEdit()
        self.news_url.setPlaceholderText("https://… (bài viết về buổi lễ; mã QR trên giấy khen dẫn tới đây)")
        self.notes = PlainText(3, self._save_ceremony)
        self.ceremony_notice = NoticeLabel()
        details = QGroupBox("Thông tin hội nghị")
        form = QFormLayout(details)
        form.addRow("Tên &hội nghị:", self.title)
        form.addRow("&Ngày tổ chức:", self.held_on)
        form.addRow("Đị&a danh:", self.place)
        form.addRow("Cơ quan tổ &chức:", self.organiser)
        form.addRow("Chủ &trì:", self.chair)
        form.addRow("Địa chỉ &bài viết:", self.news_url)
        form.addRow("Ghi chú:", self.notes)
        form.addRow(self.ceremony_notice)
        for edit in (self.title, self.place, self.organiser, self.chair, self.news_url):
            edit.editingFinished.connect(self._save_ceremony)
        self.held_on.editingFinished.connect(self._save_ceremony)

        self.decisions = QListWidget()
        self.add_decision = QPushButton("Thêm quyết định")
        self.delete_decision = QPushButton("Xóa quyết định")
        self.award_form = ChoiceCombo()
        self.award_form.set_choices([(f.label, f) for f in AwardForm])
        self.number = QLineEdit()
        self.number.setPlaceholderText("VD: 215-QĐ/QU")
        self.signed_on = _date_edit()
        self.issuer = QLineEdit()
        self.heading = ChoiceCombo()
        self.superior = QLineEdit()
        self.superior.setPlaceholderText("VD: ĐẢNG BỘ THÀNH PHỐ HÀ NỘI")
        self.signer_role = PlainText(2, self._save_decision)
        self.signer_name = QLineEdit()
        self.achievement = PlainText(3, self._save_decision)
        self.decision_notice = NoticeLabel()
        decisions_box = QGroupBox("Quyết định khen thưởng")
        list_side = QVBoxLayout()
        list_side.addWidget(self.decisions)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_decision)
        buttons.addWidget(self.delete_decision)
        list_side.addLayout(buttons)
        self.decision_form = QWidget()
        dform = QFormLayout(self.decision_form)
        dform.addRow("Hình thức:", self.award_form)
        dform.addRow("Số quyết định:", self.number)
        dform.addRow("Ngày ký:", self.signed_on)
        dform.addRow("Cơ quan ban hành:", self.issuer)
        dform.addRow("Tiêu đề văn bản:", self.heading)
        dform.addRow("Cơ quan Đảng cấp trên:", self.superior)
        dform.addRow("Chức vụ người ký:", self.signer_role)
        dform.addRow("Người ký:", self.signer_name)
        dform.addRow("Thành tích (mặc định):", self.achievement)
        dform.addRow(self.decision_notice)
        # The list over its form, beside the ceremony's details: the page fits a laptop's
        # 690 px without scrolling.
        self.decisions.setMaximumHeight(self.fontMetrics().lineSpacing() * 5 + 8)
        column = QVBoxLayout(decisions_box)
        column.addLayout(list_side)
        column.addWidget(self.decision_form, 1)
        for edit in (self.number, self.issuer, self.superior, self.signer_name):
            edit.editingFinished.connect(self._save_decision)
        self.heading.currentIndexChanged.connect(self._save_decision)
        self.heading.currentIndexChanged.connect(self._show_heading_choices)
        self.issuer.textChanged.connect(self._show_heading_choices)
        self.signed_on.editingFinished.connect(self._save_decision)
        self.award_form.currentIndexChanged.connect(self._save_decision)
        self.decisions.currentItemChanged.connect(self._decision_chosen)
        self.add_decision.clicked.connect(self._add_decision)
        self.delete_decision.clicked.connect(self._delete_decision)
        session.changed.connect(self._changed)

        layout = QHBoxLayout(self)
        layout.addWidget(details, 2, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(decisions_box, 3)

    # --- ceremony -----------------------------------------------------------------------

    def _changed(self, changes: Changes) -> None:
        """What an undo, a redo or another page changed shows here; what this page saved
        itself is already shown (and its "Đã lưu" stays)."""
        if self.ceremony is None or changes.everything or changes.ceremony_id not in (None, self.ceremony.id):
            return
        if changes.touches(Kind.CEREMONY):
            stored = next((c for c in self.session.book.ceremonies() if c.id == self.ceremony.id), None)
            if stored is not None and stored != self.ceremony:
                self.set_ceremony(stored.id)
                return
        if changes.touches(Kind.DECISION):
            held = self.session.book.decisions(self.ceremony.id)
            shown = [self.decisions.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.decisions.count())]
            if held != shown:
                self._load_decisions()

    def set_ceremony(self, ceremony_id: int | None) -> None:
        self.ceremony = self.session.book.ceremony(ceremony_id) if ceremony_id else None
        c = self.ceremony or Ceremony(title="")
        for w, value in (
            (self.title, c.title),
            (self.place, c.place),
            (self.organiser, c.organiser),
            (self.chair, c.chair),
            (self.news_url, c.news_url),
        ):
            w.setText(value)
        self.held_on.setDate(_to_qdate(c.held_on))
        self.notes.setPlainText(c.notes)
        self.ceremony_notice.clear_notice()
        self.setEnabled(self.ceremony is not None)
        self._load_decisions()

    def _save_ceremony(self) -> None:
        if self.ceremony is None:
            return
        changed = dataclasses.replace(
            self.ceremony,
            title=self.title.text(),
            held_on=_from_qdate(self.held_on.date()),
            place=self.place.text(),
            organiser=self.organiser.text(),
            chair=self.chair.text(),
            news_url=self.news_url.text(),
            notes=self.notes.toPlainText(),
        )
        if changed == self.ceremony:
            return
        op = SaveRecord.ceremony(self.session.book, changed)
        if not self.session.run(op, lambda message: self.ceremony_notice.show_notice(f"Chưa lưu: {message}")):
            return
        saved = self.ceremony = op.after
        idn = idn_form(saved.news_url)
        if idn:
            # A host in letters with marks: the organiser confirms the form a browser will open.
            self.ceremony_notice.show_notice(
                f"Đã lưu. Tên trang viết bằng chữ có dấu; máy sẽ mở nó dưới dạng “{idn}”: "
                "hãy chắc đó đúng là trang của cơ quan.",
                "warning",
            )
        else:
            self.ceremony_notice.show_notice("Đã lưu.", "info")

    # --- decisions ----------------------------------------------------------------------

    def _load_decisions(self, select: int | None = None) -> None:
        current = select if select is not None else (self.decision.id if self.decision else None)
        self.decisions.blockSignals(True)
        self.decisions.clear()
        items = self.session.book.decisions(self.ceremony.id) if self.ceremony else []
        for d in items:
            item = QListWidgetItem(d.label)
            item.setData(Qt.ItemDataRole.UserRole, d)
            self.decisions.addItem(item)
            if d.id == current:
                self.decisions.setCurrentItem(item)
        if self.decisions.currentItem() is None and self.decisions.count():
            self.decisions.setCurrentRow(0)
        self.decisions.blockSignals(False)
        self._decision_chosen()

    def _decision_chosen(self, *_args) -> None:
        item = self.decisions.currentItem()
        self.decision = item.data(Qt.ItemDataRole.UserRole) if item else None
        d = self.decision
        widgets = (
            self.award_form,
            self.number,
            self.signed_on,
            self.issuer,
            self.heading,
            self.superior,
            self.signer_name,
        )
        for w in widgets:
            w.blockSignals(True)
        self.award_form.set_value(d.award_form if d else AwardForm.GIAY_KHEN)
        self.number.setText(d.number if d else "")
        self.signed_on.setDate(_to_qdate(d.signed_on if d else None))
        self.issuer.setText(d.issuer if d else "")
        self._show_heading_choices()
        self.heading.set_value(d.heading_kind if d else None)
        self.superior.setText(d.superior if d else "")
        self.signer_role.setPlainText(d.signer_role if d else "")
        self.signer_name.setText(d.signer_name if d else "")
        self.achievement.setPlainText(d.achievement if d else "")
        for w in widgets:
            w.blockSignals(False)
        self._show_heading_choices()
        self.decision_form.setEnabled(d is not None)
        self.delete_decision.setEnabled(d is not None)
        self.decision_notice.clear_notice()

    def _show_heading_choices(self) -> None:
        """The automatic choice names what it picked for the issuer as typed; the superior
        body only matters under a Party heading."""
        chosen = self.heading.value()
        guessed = guess_kind(self.issuer.text())
        self.heading.blockSignals(True)
        self.heading.set_choices(
            [(f"Tự nhận theo cơ quan ban hành ({guessed.label})", None)] + [(k.label, k) for k in HeadingKind]
        )
        self.heading.set_value(chosen)
        self.heading.blockSignals(False)
        self.superior.setEnabled((chosen or guessed) is HeadingKind.PARTY)

    def _save_decision(self) -> None:
        if self.decision is None:
            return
        changed = dataclasses.replace(
            self.decision,
            award_form=self.award_form.value(),
            number=self.number.text(),
            signed_on=_from_qdate(self.signed_on.date()),
            issuer=self.issuer.text(),
            heading_kind=self.heading.value(),
            superior=self.superior.text(),
            signer_role=self.signer_role.toPlainText(),
            signer_name=self.signer_name.text(),
            achievement=self.achievement.toPlainText(),
        )
        if changed == self.decision:
            return
        op = SaveRecord.decision(self.session.book, changed)
        if not self.session.run(op, lambda message: self.decision_notice.show_notice(f"Chưa lưu: {message}")):
            return
        saved = self.decision = op.after
        item = self.decisions.currentItem()
        item.setText(saved.label)
        item.setData(Qt.ItemDataRole.UserRole, saved)
        self.decision_notice.show_notice("Đã lưu.", "info")

    def _add_decision(self) -> None:
        if self.ceremony is None:
            return
        c = self.ceremony
        op = SaveRecord.decision(
            self.session.book,
            Decision(ceremony_id=c.id, award_form=AwardForm.GIAY_KHEN, signed_on=c.held_on, issuer=c.organiser),
        )
        if self.session.run(op):
            self._load_decisions(select=op.after.id)
            self.number.setFocus()

    def _delete_decision(self) -> None:
        if self.decision is None:
            return
        answer = ask(
            self,
            "Xóa quyết định",
            f"Xóa “{self.decision.label}”?",
        )
        if not answer:
            return
        if not self.session.run(DeleteDecision(self.session.book, self.decision), self.decision_notice.show_notice):
            return
        self.decision = None
        self._load_decisions()
