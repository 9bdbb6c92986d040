"""A contest's details above its prizes: title, decision, entries received and quotas of
A/B/C prizes, each saved the moment it is changed, with the count given against each quota."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
)

from models.domain.records import Contest, Prize, PrizeLevel, quota_status
from models.ops.entities import SaveRecord
from ui.session import BookSession
from ui.widgets import ChoiceCombo


class ContestBox(QGroupBox):
    """The chosen contest's details and quotas, saved as soon as a value is changed."""

    def __init__(self, session: BookSession, parent=None):
        super().__init__("Cuộc thi", parent)
        self.session = session
        self.contest: Contest | None = None
        self.title_edit = QLineEdit()  # not self.title: that is QGroupBox.title()
        self.entries = QSpinBox(maximum=1_000_000, suffix=" tác phẩm")
        self.decision = ChoiceCombo()
        self.quota = {level: QSpinBox(maximum=999) for level in PrizeLevel}
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.RichText)

        quotas = QHBoxLayout()
        for level, spin in self.quota.items():
            quotas.addWidget(QLabel(level.label.removeprefix("Giải ") + ":"))
            quotas.addWidget(spin)
        quotas.addStretch()
        form = QFormLayout(self)
        form.addRow("Tên cuộc thi:", self.title_edit)
        form.addRow("Số tác phẩm dự thi:", self.entries)
        form.addRow("Quyết định (giấy chứng nhận):", self.decision)
        form.addRow("Cơ cấu giải:", quotas)
        form.addRow("Đã trao:", self.status)

        self.title_edit.editingFinished.connect(self._save)
        self.entries.editingFinished.connect(self._save)
        self.decision.currentIndexChanged.connect(self._save)
        for spin in self.quota.values():
            spin.valueChanged.connect(self._save)

    def show_contest(self, contest: Contest | None, decisions) -> None:
        self.contest = contest
        widgets = [self.title_edit, self.entries, self.decision, *self.quota.values()]
        for w in widgets:
            w.blockSignals(True)
        self.decision.set_choices([("(chưa chọn)", None)] + [(d.label, d.id) for d in decisions])
        self.title_edit.setText(contest.title if contest else "")
        self.entries.setValue(contest.entries_received if contest else 0)
        self.decision.set_value(contest.decision_id if contest else None)
        for level, spin in self.quota.items():
            spin.setValue(contest.quotas.get(level, 0) if contest else 0)
        for w in widgets:
            w.blockSignals(False)
        self.setEnabled(contest is not None)

    def _save(self) -> None:
        if self.contest is None:
            return
        changed = dataclasses.replace(
            self.contest,
            title=self.title_edit.text(),
            entries_received=self.entries.value(),
            decision_id=self.decision.value(),
            quotas={level: spin.value() for level, spin in self.quota.items() if spin.value()},
        )
        if changed == self.contest:
            return
        op = SaveRecord.contest(self.session.book, changed)
        if self.session.run(op):
            self.contest = op.after
            self.session.message.emit("Đã lưu thông tin cuộc thi.")

    def show_status(self, prizes: list[Prize]) -> list[PrizeLevel]:
        """Show given/quota per level; return the levels that are over their quota."""
        if self.contest is None:
            self.status.clear()
            return []
        parts, over = [], []
        for s in quota_status(self.contest, prizes):
            part = f"{s.level.label}: {s.given}/{s.quota}"
            if s.over:
                over.append(s.level)
                part = f"<b style='color:#b00020'>⚠ {part} (vượt cơ cấu)</b>"
            parts.append(part)
        total = len(prizes)
        parts.append(f"tổng {total} giải / {self.contest.entries_received} tác phẩm")
        self.status.setText(" · ".join(parts))
        return over
