"""One show, two screens: keys from either window move the same state, both repaint from it.

Keys follow presentation software and clickers (which send PageUp/PageDown and B or "."):
Right, Down, Page Down, Space, Enter, N go on; Left, Up, Page Up, Backspace, P go back;
digits then Enter jump to a batch; B or "." blank the hall; M hands Bằng khen and top
prizes over one person at a time (and back to whole batches); Home, End; Esc leaves.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent

from models.domain.changes import Changes, Kind
from models.domain.live import Show
from models.ops.live import MarkAbsent, ReachStep
from ui.session import BookSession

log = logging.getLogger(__name__)

NEXT_KEYS = {Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Space, Qt.Key.Key_N}
BACK_KEYS = {Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp, Qt.Key.Key_P}
BLANK_KEYS = {Qt.Key.Key_B, Qt.Key.Key_Period}
ENTER_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter}
SAVE_STEP_AFTER_MS = 800  # the position is saved once the MC pauses, never on the key press
REREAD_AFTER_MS = 300  # a burst of saves (an import) is read once
LATE_KINDS = (Kind.AWARDEE, Kind.PRIZE, Kind.ORDER, Kind.DECISION, Kind.CONTEST)


class ShowController(QObject):
    changed = Signal()  # step, absences or blanking changed: repaint
    typing_changed = Signal(str)  # digits typed so far for a jump
    notice = Signal(str)  # a short message for the MC
    finished = Signal()  # Esc: both windows close
    save_failed = Signal(str)

    def __init__(
        self,
        show: Show,
        session: BookSession,
        ceremony_id: int,
        parent: QObject | None = None,
        *,
        started: dt.datetime | None = None,
    ):
        super().__init__(parent)
        self.show = show
        self.session = session
        self.ceremony_id = ceremony_id
        self.digits = ""
        # Wall-clock time, kept in the book: a resumed show's clock goes on from the real start.
        self.started_at: dt.datetime | None = started if show.step > 0 else None
        if self.started_at is None and show.step > 0:
            self.started_at = _now()
        self._save_step = QTimer(self, singleShot=True, interval=SAVE_STEP_AFTER_MS)
        self._save_step.timeout.connect(self._store_step)
        self.done = False
        # An awardee added, moved or removed meanwhile (here or by another clerk on a server)
        # reaches the running show without restarting it.
        self._reread = QTimer(self, singleShot=True, interval=REREAD_AFTER_MS)
        self._reread.timeout.connect(self._book_changed)
        session.changed.connect(self._maybe_reread)

    # --- actions --------------------------------------------------------------------------

    def _moved(self, moved: bool) -> None:
        if not moved:
            return
        if self.started_at is None and self.show.step > 0:
            self.started_at = _now()
        self._save_step.start()
        self.changed.emit()

    def advance(self) -> None:
        self._moved(self.show.advance())

    def back(self) -> None:
        self._moved(self.show.back())

    def go(self, step: int) -> None:
        self._moved(self.show.go(step))

    def toggle_blank(self) -> None:
        self.show.toggle_blank()
        self.changed.emit()

    def _maybe_reread(self, changes: Changes) -> None:
        if self.done or not changes.touches(*LATE_KINDS):
            return
        if changes.ceremony_id in (None, self.ceremony_id):
            self._reread.start()

    def _book_changed(self) -> None:
        from models.reports.mc_script import ceremony_script

        if self.done:
            return
        script = self.session.attempt(lambda: ceremony_script(self.session.book, self.ceremony_id))
        if script is None:
            return
        before = self.show.script
        if script == before:
            return
        added, removed = self.show.replace_script(script)
        said = []
        if added:
            said.append("bổ sung " + ", ".join(e.name for e in added[:3]) + (" …" if len(added) > 3 else ""))
        if removed:
            said.append("bỏ " + ", ".join(e.name for e in removed[:3]) + (" …" if len(removed) > 3 else ""))
        if said:
            self.notice.emit("Danh sách vừa thay đổi: " + "; ".join(said) + ".")
        self.changed.emit()

    def toggle_one_at_a_time(self) -> None:
        self.show.toggle_one_at_a_time()
        self.notice.emit(
            "Bằng khen và giải cao: từng người một (M để trao cả đợt)."
            if self.show.one_at_a_time
            else "Trao cả đợt một lần (M để trao từng người một)."
        )
        self.changed.emit()

    def toggle_absent(self, ref) -> None:
        now_absent = self.show.toggle_absent(ref)
        self.changed.emit()
        self.session.run(MarkAbsent(self.session.orders, self.ceremony_id, ref, now_absent), self.save_failed.emit)

    def finish(self) -> None:
        """Leave the show; safe to call again from each window as it closes."""
        if self.done:
            return
        self.done = True
        if self._save_step.isActive():
            self._save_step.stop()
            self._store_step()
        self.finished.emit()

    def elapsed(self) -> str:
        if self.started_at is None:
            return "chưa bắt đầu"
        seconds = max(0, int((_now() - self.started_at).total_seconds()))
        return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"

    def _store_step(self) -> None:
        step = ReachStep(self.session.orders, self.ceremony_id, self.show.step, self.started_at)
        self.session.run(step, self.save_failed.emit)

    # --- keys -----------------------------------------------------------------------------

    def _type(self, digits: str) -> None:
        self.digits = digits
        self.typing_changed.emit(digits)

    def handle_key(self, event: QKeyEvent) -> bool:
        """Act on a key from either screen; False if it is not a show key."""
        key = event.key()
        if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False
        text = event.text()
        if text.isdigit() and len(text) == 1:
            self._type((self.digits + text)[-3:])
        elif key in ENTER_KEYS and self.digits:
            number = int(self.digits)
            self._type("")
            problem = self.show.jump_to_batch(number)
            if problem:
                self.notice.emit(problem)
            else:
                self._moved(True)
        elif key == Qt.Key.Key_Backspace and self.digits:
            self._type(self.digits[:-1])
        elif key == Qt.Key.Key_Escape:
            if self.digits:
                self._type("")
            else:
                self.finish()
        elif key in NEXT_KEYS or key in ENTER_KEYS:
            self.advance()
        elif key in BACK_KEYS or key == Qt.Key.Key_Backspace:
            self.back()
        elif key in BLANK_KEYS:
            self.toggle_blank()
        elif key == Qt.Key.Key_M:
            self.toggle_one_at_a_time()
        elif key == Qt.Key.Key_Home:
            self.go(0)
        elif key == Qt.Key.Key_End:
            self.go(self.show.last_step)
        else:
            return False
        return True


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)
