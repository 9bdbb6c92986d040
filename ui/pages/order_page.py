"""The award order page: batches and leaders arranged, the MC script beside, the show started.

Every change goes through change(): applied to a copy, refused whole with a message if it
breaks a rule, otherwise saved at once and put on the undo stack.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from models.domain import award_order as ao
from models.domain import text
from models.domain.award_order import AwardOrder
from models.domain.changes import RECORDS, Changes, Kind
from models.domain.records import Ref
from models.domain.script import invitation
from models.errors import BookError
from models.ops.order import EditOrder
from models.repos.order_book import CurrentOrder
from ui.dialogs.order_dialogs import LeaderDialog, WordingDialog
from ui.pages.script_pane import ScriptPane
from ui.session import BookSession
from ui.show.show_launcher import ShowWindows, open_show
from ui.tables.order_model import OrderModel
from ui.widgets import NoticeLabel, ReloadsWhenShown, ask


class OrderPage(ReloadsWhenShown, QWidget):
    count_changed = Signal(str)

    def __init__(self, session: BookSession, parent=None):
        super().__init__(parent)
        self.session = session
        self.ceremony_id: int | None = None
        self.current: CurrentOrder | None = None
        self.show_windows: ShowWindows | None = None

        self.model = OrderModel(self.change, self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setDropIndicatorShown(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setColumnWidth(0, 430)
        self.tree.setAllColumnsShowFocus(True)

        self.batch_size = QSpinBox()
        self.batch_size.setRange(1, ao.MAX_BATCH_SIZE)
        self.batch_size.setSuffix(" người")
        self.batch_size.setKeyboardTracking(False)  # typing "12" must not apply "1" first
        size_label = QLabel("Tối đa mỗi đợt:")
        size_label.setBuddy(self.batch_size)

        self.up_button = QPushButton("▲ Lên")
        self.down_button = QPushButton("▼ Xuống")
        self.split_button = QPushButton("&Tách đợt từ đây")
        self.merge_button = QPushButton("&Gộp với đợt sau")
        self.leader_button = QPushButton("&Lãnh đạo trao…")
        self.intro_button = QPushButton("Lời &mời riêng…")
        self.reset_button = QPushButton("Sắp lại &mặc định…")
        self.up_button.setToolTip("Chuyển mục đang chọn lên một bậc (Alt+↑)")
        self.down_button.setToolTip("Chuyển mục đang chọn xuống một bậc (Alt+↓)")
        self.split_button.setToolTip("Người đang chọn và những người sau thành một đợt mới")

        # Two rows, so the page fits a laptop at 125 % without scrolling sideways.
        moves, batch_edits = QHBoxLayout(), QHBoxLayout()
        for w in (self.up_button, self.down_button, self.split_button, self.merge_button):
            moves.addWidget(w)
        moves.addStretch(1)
        for w in (self.leader_button, self.intro_button):
            batch_edits.addWidget(w)
        batch_edits.addStretch(1)
        batch_edits.addWidget(size_label)
        batch_edits.addWidget(self.batch_size)
        batch_edits.addWidget(self.reset_button)
        edits = QVBoxLayout()
        edits.addLayout(moves)
        edits.addLayout(batch_edits)

        self.notice = NoticeLabel()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("<b>Thứ tự trao</b> – kéo thả hoặc Alt+↑/↓ để đổi chỗ; giấy khen in ra theo đúng thứ tự này")
        heading.setWordWrap(True)
        left_layout.addWidget(heading)
        left_layout.addLayout(edits)
        left_layout.addWidget(self.notice)
        left_layout.addWidget(self.tree, 1)

        self.script = ScriptPane(session, lambda label, mutate: self.change(label, mutate))

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.script)
        split.setSizes([720, 560])
        layout = QVBoxLayout(self)
        layout.addWidget(split)

        self._shortcut("Alt+Up", lambda: self.move_selection(-1))
        self._shortcut("Alt+Down", lambda: self.move_selection(+1))
        self._shortcut("F5", self.start_show)
        self.up_button.clicked.connect(lambda: self.move_selection(-1))
        self.down_button.clicked.connect(lambda: self.move_selection(+1))
        self.split_button.clicked.connect(self.split_here)
        self.merge_button.clicked.connect(self.merge_next)
        self.leader_button.clicked.connect(self.assign_leader)
        self.intro_button.clicked.connect(self.edit_intro)
        self.reset_button.clicked.connect(self.reset_to_default)
        self.script.start_button.clicked.connect(self.start_show)
        self.batch_size.valueChanged.connect(self._size_changed)
        self.tree.doubleClicked.connect(lambda index: self.assign_leader() if self.model.is_batch(index) else None)
        self.follow(session, RECORDS)
        self._select_next: list[Ref] = []  # what to select once the edit being run is shown
        session.changed.connect(self._changed)

    def _shortcut(self, keys: str, slot: Callable[[], object]) -> None:
        action = QAction(self, shortcut=QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)

    # --- loading --------------------------------------------------------------------------

    def set_ceremony(self, ceremony_id: int | None) -> None:
        self.ceremony_id = ceremony_id
        if self.isVisible():
            self.reload()
            return
        # Read when first shown: at 50,000 awardees the order is seconds the clerk opening
        # the book on the first page should not wait for.
        self.current = None
        self.model.set_order(AwardOrder(0), ao.Entries({}, []))
        self._dirty = True

    def reload(self, select: list[Ref] | None = None) -> None:
        self._dirty = False
        if self.ceremony_id is None:
            self.current = None
            self.model.set_order(AwardOrder(0), ao.Entries({}, []))
            self.script.clear()
            self.count_changed.emit("")
            return
        ceremony_id = self.ceremony_id
        current = self.session.attempt(lambda: self.session.orders.current(self.session.book, ceremony_id))
        if current is None:
            return
        self.current = current
        self._show(select)

    def _show(self, select: list[Ref] | None) -> None:
        current, ceremony_id = self.current, self.ceremony_id
        if current is None or ceremony_id is None:
            return
        order, entries = current.order, current.entries
        self.model.set_order(order, entries)
        for row in range(len(order.batches)):
            self.tree.setFirstColumnSpanned(row, QModelIndex(), True)
        self.tree.expandAll()
        self.batch_size.blockSignals(True)
        self.batch_size.setValue(order.batch_size)
        self.batch_size.blockSignals(False)
        self._select(select or [])
        self.script.show_order(ceremony_id, order, entries)
        problems = []
        if current.changes:
            problems.append(f"Danh sách đã đổi sau khi sắp: {current.changes}.")
        if entries.unplaced:
            names = text.listed(entries.unplaced)
            problems.append(f"{len(entries.unplaced)} mục chưa gắn quyết định nên chưa có trong thứ tự: {names}.")
        unled = [str(i) for i, b in enumerate(order.batches, 1) if not b.leader_name]
        if unled:
            problems.append(f"Đợt {', '.join(unled)} chưa có lãnh đạo trao.")
        if problems:
            self.notice.show_notice(" ".join(problems), "warning")
        else:
            self.notice.clear_notice()
        people = len(order.refs())
        self.count_changed.emit(f"{len(order.batches)} đợt trao, {people} người được trao")

    def _select(self, refs: list[Ref]) -> None:
        selection = self.tree.selectionModel()
        selection.clear()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        first = None
        for ref in refs:
            try:
                b, r = self.model.order.locate(ref)
            except KeyError:
                continue
            index = self.model.index(r, 0, self.model.index(b, 0))
            selection.select(index, flags)
            first = first or index
        if first is not None:
            selection.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.tree.scrollTo(first)

    # --- changing the order ---------------------------------------------------------------

    def change(self, label: str, mutate: Callable[[AwardOrder], object], select: list[Ref] | None = None) -> bool:
        """Apply `mutate` to a copy; save it and make it undoable, or say why not."""
        if self.current is None:
            return False
        after = self.current.order.copy()
        try:
            mutate(after)
        except BookError as exc:
            self.notice.show_notice(exc.message, "error")
            return False
        op = EditOrder(self.session.orders, self.current.order, after, label)
        self._select_next = select or []
        return self.session.run(op)

    def _changed(self, changes: Changes) -> None:
        """An order edit (this page's, or its undo or redo): shown from what the book now
        holds, without reading the ceremony again."""
        ceremony_id = self.ceremony_id
        if self.current is None or ceremony_id is None or changes.everything or not changes.touches(Kind.ORDER):
            return
        if changes.ceremony_id not in (None, ceremony_id):
            return
        held = self.session.orders.held(ceremony_id)
        if held is None or changes.wholesale:  # the ceremony screens wrote absences and steps
            self.reload()
            return
        select = self._select_next or self.selected()[1]
        self._select_next = []
        self.current = replace(self.current, order=held.copy(), saved=True, added=0, dropped=0, stored=held.copy())
        self._show(select)

    def selected(self) -> tuple[list[int], list[Ref]]:
        """Selected batch rows and selected entries, in the order's order."""
        rows = self.tree.selectionModel().selectedRows(0)
        batches = sorted(i.row() for i in rows if self.model.is_batch(i))
        refs = [ref for i in rows if (ref := self.model.ref_at(i)) is not None]
        position = {ref: n for n, ref in enumerate(self.model.order.refs())}
        return batches, sorted(refs, key=position.__getitem__)

    def _batches_of_selection(self) -> list[int]:
        batches, refs = self.selected()
        found = set(batches) | {self.model.order.locate(r)[0] for r in refs}
        if not found and self.tree.currentIndex().isValid():
            current = self.tree.currentIndex()
            found = {current.row() if self.model.is_batch(current) else current.parent().row()}
        return sorted(found)

    def move_selection(self, step: int) -> None:
        batches, refs = self.selected()
        o = self.model.order
        if refs:
            first_b, first_r = o.locate(refs[0])
            last_b, last_r = o.locate(refs[-1])
            if step < 0:
                target = (first_b, first_r - 1) if first_r > 0 else (first_b - 1, None)
            else:
                size = len(o.batches[last_b].refs)
                target = (last_b, last_r + 2) if last_r < size - 1 else (last_b + 1, 0)
            b, r = target
            if not 0 <= b < len(o.batches):
                return
            r = len(o.batches[b].refs) if r is None else r
            self.change("Chuyển người được trao", lambda x: ao.move_entries(x, refs, b, r), refs)
        elif len(batches) == 1:
            i = batches[0]
            if 0 <= i + step < len(o.batches):
                moved = list(o.batches[i].refs)
                self.change(f"Chuyển đợt {i + 1}", lambda x: ao.move_batch(x, i, i + step), moved[:1])
                self._select_batch(i + step)

    def _select_batch(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.tree.selectionModel().select(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.tree.setCurrentIndex(index)

    def split_here(self) -> None:
        _, refs = self.selected()
        if not refs:
            self.notice.show_notice("Chọn người sẽ đứng đầu đợt mới rồi bấm “Tách đợt từ đây”.", "error")
            return
        b, r = self.model.order.locate(refs[0])
        self.change(f"Tách đợt {b + 1}", lambda o: ao.split_batch(o, b, r), refs[:1])

    def merge_next(self) -> None:
        batches = self._batches_of_selection()
        if not batches:
            self.notice.show_notice("Chọn một đợt để gộp với đợt ngay sau nó.", "error")
            return
        first = self.model.order.batches[batches[0]].refs[:1]
        self.change(f"Gộp đợt {batches[0] + 1} với đợt sau", lambda o: ao.merge_with_next(o, batches[0]), first)

    def assign_leader(self) -> None:
        batches = self._batches_of_selection()
        if not batches:
            self.notice.show_notice("Chọn một hoặc vài đợt để đặt lãnh đạo trao.", "error")
            return
        o = self.model.order
        known = ao.leaders_in_use(o)
        first = o.batches[batches[0]]
        label = "đợt " + ", ".join(str(i + 1) for i in batches)
        dialog = LeaderDialog(known, (first.leader_name, first.leader_role), label, self)
        if dialog.exec() != LeaderDialog.DialogCode.Accepted:
            return
        name, role = dialog.value()
        refs = [r for i in batches for r in o.batches[i].refs[:1]]
        self.change(f"Lãnh đạo trao {label}", lambda x: ao.set_leader(x, batches, name, role), refs)

    def edit_intro(self) -> None:
        batches = self._batches_of_selection()
        if len(batches) != 1:
            self.notice.show_notice("Chọn một đợt để sửa lời mời lên trao của đợt đó.", "error")
            return
        i = batches[0]
        b = self.model.order.batches[i]
        listed = [self.model.entries.by_ref[r] for r in b.refs if r in self.model.entries.by_ref]
        dialog = WordingDialog(
            f"Lời mời lên trao – đợt {i + 1}",
            "Lời MC mời lãnh đạo lên trao đợt này. Danh sách tên luôn lấy theo thứ tự trao, không sửa ở đây.",
            b.intro,
            invitation(b, listed),
            self,
        )
        if dialog.exec() == WordingDialog.DialogCode.Accepted:
            value = dialog.value()
            self.change(f"Lời mời đợt {i + 1}", lambda o: setattr(o.batches[i], "intro", value), b.refs[:1])

    def _size_changed(self, size: int) -> None:
        if self.current is not None and size != self.model.order.batch_size:
            self.change(f"Tối đa {size} người mỗi đợt", lambda o: ao.set_batch_size(o, size))

    def reset_to_default(self) -> None:
        if self.current is None or not ask(
            self,
            "Sắp lại theo mặc định",
            "Thứ tự, cách chia đợt và lãnh đạo trao đã sắp sẽ được thay bằng thứ tự mặc định "
            "(hình thức cao trước, giải A trước B, tập thể trước cá nhân, theo đơn vị và tên).\n\n"
            "Có thể hoàn tác bằng Ctrl+Z. Tiếp tục?",
        ):
            return
        entries, size = self.current.entries, self.model.order.batch_size

        def to_default(o: AwardOrder) -> None:
            fresh = ao.default_order(o.ceremony_id, entries, size)
            o.batches, o.absent, o.live_step = fresh.batches, set(), 0

        self.change("Sắp lại theo mặc định", to_default)

    # --- to the stage -----------------------------------------------------------------

    def start_show(self) -> None:
        if self.ceremony_id is None:
            return
        if self.show_windows is not None and not self.show_windows.controller.done:
            self.show_windows.mc.activateWindow()
            return
        self.show_windows = open_show(self.session, self.ceremony_id, self.window())
        if self.show_windows is not None:
            # Absences marked on stage show here, and in the print order, once the show ends.
            ended = Changes.of(Kind.ORDER, ceremony_id=self.ceremony_id, wholesale=True)
            self.show_windows.controller.finished.connect(lambda: self.session.announce(ended))
