"""The MC's screen: what to read now in large type, who is next, the whole queue and the clock.

Every child is NoFocus, so arrows, Space and digits always reach the show, as they do
from a clicker; names are marked absent with a click, or from the keyboard: Tab and
Shift+Tab move through the names on stage, V marks the chosen one absent (or back).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.domain.live import Show
from ui.show.show_controller import ShowController

KEY_HELP = (
    "→ ↓ Space PgDn: tiếp  ·  ← ↑ PgUp: lùi  ·  số + Enter: đến đợt  ·  Home/End: đầu/cuối  ·  "
    "B: tắt/bật màn hình khán giả  ·  M: Bằng khen, giải cao từng người một  ·  "
    "Tab/Shift+Tab: chọn tên, V: vắng mặt (hoặc bấm ô)  ·  Esc: thoát"
)
REF_ROLE = Qt.ItemDataRole.UserRole
PREVIEW_WIDTH = 320


def _label(size: int, bold: bool = False, wrap: bool = True) -> QLabel:
    label = QLabel()
    font = label.font()
    font.setPixelSize(size)
    font.setBold(bold)
    label.setFont(font)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


def _list(size: int) -> QListWidget:
    view = QListWidget()
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    font = view.font()
    font.setPixelSize(size)
    view.setFont(font)
    view.setWordWrap(True)
    view.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
    return view


class McScreen(QWidget):
    def __init__(self, controller: ShowController, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle(f"Vinh Danh – màn hình dẫn chương trình – {controller.show.script.ceremony.title}")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.progress = _label(30, bold=True, wrap=False)
        self.clock = _label(26, wrap=False)
        self.hall = _label(20, bold=True, wrap=False)
        self.jump = _label(22, bold=True, wrap=False)
        top = QHBoxLayout()
        top.addWidget(self.progress)
        top.addStretch(1)
        top.addWidget(self.jump)
        top.addSpacing(24)
        top.addWidget(self.hall)
        top.addSpacing(24)
        top.addWidget(self.clock)

        self.now_heading = _label(22, bold=True)
        self.invitation = _label(24)
        self.names = _list(26)
        self.names.itemChanged.connect(self._name_checked)
        now = QVBoxLayout()
        now.addWidget(self.now_heading)
        now.addWidget(self.invitation)
        now.addWidget(self.names, 1)

        self.next_heading = _label(18, bold=True)
        self.next_detail = _label(18)
        self.queue = _list(16)
        # One line per step and every row the same height: no relayout of 60 rows per key press.
        self.queue.setWordWrap(False)
        self.queue.setUniformItemSizes(True)
        self.queue.itemDoubleClicked.connect(lambda item: controller.go(self.queue.row(item)))
        side = QVBoxLayout()
        hall_title = _label(16, bold=True)
        hall_title.setText("KHÁN GIẢ ĐANG THẤY")
        self.preview = QLabel()
        self.preview.setFixedSize(PREVIEW_WIDTH, PREVIEW_WIDTH * 9 // 16)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("background:#000;")
        self._hall_picture: Callable[[int], QPixmap] | None = None
        side.addWidget(hall_title)
        side.addWidget(self.preview)
        title = _label(16, bold=True)
        title.setText("TIẾP THEO")
        side.addWidget(title)
        side.addWidget(self.next_heading)
        side.addWidget(self.next_detail)
        queue_title = _label(16, bold=True)
        queue_title.setText("CHƯƠNG TRÌNH (bấm đúp để chuyển đến)")
        side.addWidget(queue_title)
        side.addWidget(self.queue, 1)

        middle = QHBoxLayout()
        middle.addLayout(now, 3)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.VLine)
        middle.addWidget(rule)
        middle.addLayout(side, 1)

        self.message = _label(18, bold=True)
        self.message.setStyleSheet("color:#b00020;")
        keys = _label(14)
        keys.setText(KEY_HELP)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addWidget(self.message)
        layout.addWidget(keys)

        self._filling = False
        self._queue_built = False
        self._queue_step = 0
        self._grey, self._black = QBrush(QColor("#888888")), QBrush(QColor("#000000"))
        self._plain = QFont(self.queue.font())
        self._bold = QFont(self.queue.font())
        self._bold.setBold(True)
        self._clear_message = QTimer(self, singleShot=True, interval=6000)
        self._clear_message.timeout.connect(self.message.clear)
        ticker = QTimer(self, interval=1000)
        ticker.timeout.connect(self._tick)
        ticker.start()
        controller.changed.connect(self.refresh)
        controller.typing_changed.connect(self._typing)
        controller.notice.connect(self.tell)
        controller.save_failed.connect(self.tell)
        self._typing("")
        self.refresh()
        self._tick()

    def follow_hall(self, picture: Callable[[int], QPixmap]) -> None:
        """The small live copy of the hall's screen, drawn by the hall's own painter."""
        self._hall_picture = picture
        self._show_hall()

    def _show_hall(self) -> None:
        if self._hall_picture is not None:
            self.preview.setPixmap(self._hall_picture(PREVIEW_WIDTH))

    @property
    def show_state(self) -> Show:
        return self.controller.show

    # --- painting the state ---------------------------------------------------------------

    def refresh(self) -> None:
        show = self.show_state
        self.progress.setText(show.progress)
        if show.blanked:
            self.hall.setText("MÀN HÌNH KHÁN GIẢ ĐANG TẮT (B để bật)")
            self.hall.setStyleSheet("color:white; background:#b00020; padding:2px 8px;")
        else:
            self.hall.setText("Khán giả: đang chiếu")
            self.hall.setStyleSheet("color:#1b5e20;")
        self._fill_now(show)
        self._fill_next(show)
        self._fill_queue(show)
        QTimer.singleShot(0, self._show_hall)  # after the hall has laid out the new slide
        self._tick()  # the clock starts with the first step, not a second later

    def _fill_now(self, show: Show) -> None:
        self._filling = True
        self.names.clear()
        sb = show.current
        if sb is None and show.step == 0:
            self.now_heading.setText("MỞ ĐẦU – CÔNG BỐ QUYẾT ĐỊNH")
            self.invitation.setText(show.script.opening)
        elif sb is None:
            self.now_heading.setText("KẾT THÚC")
            self.invitation.setText(show.script.closing)
            absent = show.absentees()
            if absent:
                self.now_heading.setText(f"KẾT THÚC – {len(absent)} vắng mặt, trao sau:")
            for e in absent:
                self._add_name(f"Vắng: {e.spoken}", e.ref, absent=True)
        else:
            present = len(show.present(sb))
            count = f"{present}/{len(sb.entries)} có mặt" if present < len(sb.entries) else f"{present} người"
            on_stage = show.on_stage()
            one_by_one = f" – TỪNG NGƯỜI: {show.person + 1}/{present}" if on_stage else ""
            self.now_heading.setText(f"ĐỢT {sb.number}: {sb.batch.form.label.upper()} – {count}{one_by_one}")
            self.invitation.setText(sb.invitation)
            for n, e in enumerate(sb.entries, 1):
                mark = "▶ " if on_stage is not None and e.ref == on_stage.ref else ""
                late = " (bổ sung)" if e.ref in show.late else ""
                self._add_name(f"{mark}{n}. {e.spoken}{late}", e.ref, absent=e.ref in show.absent, bold=bool(mark))
        self._filling = False

    def _add_name(self, text: str, ref, *, absent: bool, bold: bool = False) -> None:
        item = QListWidgetItem(text)
        item.setData(REF_ROLE, ref)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
        item.setCheckState(Qt.CheckState.Unchecked if absent else Qt.CheckState.Checked)
        item.setToolTip("Bỏ dấu chọn để đánh dấu vắng mặt")
        if absent or bold:
            font = QFont(self.names.font())
            font.setStrikeOut(absent)
            font.setBold(bold)  # the one the hall sees, one by one
            item.setFont(font)
        if absent:
            item.setForeground(QBrush(QColor("#888888")))
        self.names.addItem(item)

    def _fill_next(self, show: Show) -> None:
        nxt = show.following
        if nxt is not None:
            self.next_heading.setText(f"Đợt {nxt.number}: {nxt.batch.form.label} – {len(nxt.entries)} người")
            leader = nxt.batch.leader or "(chưa phân công lãnh đạo trao)"
            first = nxt.entries[0].name if nxt.entries else ""
            self.next_detail.setText(f"Lãnh đạo trao: {leader}\nNgười đầu tiên: {first}")
        elif show.step < show.last_step:
            self.next_heading.setText("Kết thúc")
            self.next_detail.setText("Lời cảm ơn và chúc mừng.")
        else:
            self.next_heading.setText("Đã hết chương trình")
            self.next_detail.clear()

    def _fill_queue(self, show: Show) -> None:
        if not self._queue_built:
            self.queue.addItems([show.step_label(i) for i in range(show.last_step + 1)])
            self._queue_built = True
            changed = range(show.last_step + 1)
        else:
            # Only the rows between the old and the new step change: cheap on a 60-batch show.
            low, high = sorted((self._queue_step, show.step))
            changed = range(low, high + 1)
        for i in changed:
            item = self.queue.item(i)
            done = i < show.step
            item.setText(("✓ " if done else "   ") + show.step_label(i))
            item.setForeground(self._grey if done else self._black)
            item.setFont(self._bold if i == show.step else self._plain)
        self._queue_step = show.step
        self.queue.setCurrentRow(show.step)
        self.queue.scrollToItem(self.queue.item(show.step), QListWidget.ScrollHint.PositionAtCenter)

    # --- input ----------------------------------------------------------------------------

    def _name_checked(self, item: QListWidgetItem) -> None:
        if self._filling:
            return
        ref = item.data(REF_ROLE)
        absent_now = ref in self.show_state.absent
        if absent_now == (item.checkState() == Qt.CheckState.Unchecked):
            return
        # The list is rebuilt on the change: not from inside the item's own signal.
        QTimer.singleShot(0, lambda: self.controller.toggle_absent(ref))

    def choose_name(self, step: int) -> None:
        """Tab / Shift+Tab: the next or previous name on stage, round the list."""
        count = self.names.count()
        if not count:
            return
        row = self.names.currentRow()
        row = (0 if step > 0 else count - 1) if row < 0 else (row + step) % count
        self.names.setCurrentRow(row)
        self.names.scrollToItem(self.names.item(row))

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 (Qt's name)
        # Tab never leaves the MC screen (nothing in it takes focus): it chooses a name.
        self.choose_name(1 if forward else -1)
        return True

    def toggle_selected_absent(self) -> None:
        item = self.names.currentItem()
        if item is None:
            self.tell("Nhấn Tab để chọn một tên (hoặc bấm vào tên) rồi nhấn V để đánh dấu vắng mặt.")
            return
        row = self.names.currentRow()
        self.controller.toggle_absent(item.data(REF_ROLE))
        self.names.setCurrentRow(min(row, self.names.count() - 1))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() == Qt.Key.Key_V and not event.modifiers():
            self.toggle_selected_absent()
        elif not self.controller.handle_key(event):
            super().keyPressEvent(event)

    def tell(self, message: str) -> None:
        self.message.setText(message)
        self._clear_message.start()

    def _typing(self, digits: str) -> None:
        self.jump.setText(f"Đến đợt: {digits}_  (Enter)" if digits else "")

    def _tick(self) -> None:
        self.clock.setText(f"Thời gian: {self.controller.elapsed()}")

    def closeEvent(self, event) -> None:  # noqa: N802
        self.controller.finish()
        super().closeEvent(event)
