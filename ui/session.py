"""One open ceremony book as the window sees it: the book, its undo stack, change signals.

Passed explicitly to every page; there is no global application object.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from models.domain.changes import ALL, Changes
from models.errors import BookError, ConflictError
from models.ops.base import Op
from models.ops.records import RecordStore
from models.repos.book import CeremonyBook
from models.repos.history_book import HistoryBook
from models.repos.order_book import OrderBook
from models.repos.print_book import PrintBook
from models.storage import paths
from models.storage.settings import Settings

log = logging.getLogger(__name__)
T = TypeVar("T")


class BookSession(QObject):
    # Every write is an operation run through run(): it is applied, put on the undo stack
    # and told once, as a Changes, through `changed`, the one signal pages listen to.
    changed = Signal(object)  # models.domain.changes.Changes
    message = Signal(str)  # a short note for the status bar
    failed = Signal(str)  # a Vietnamese error the user must see

    def __init__(self, book: CeremonyBook, settings: Settings | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.book = book
        self.prints = PrintBook(book.store)
        self.history = HistoryBook(book.store)
        self.orders = OrderBook(book.store)
        # This computer's settings (printer calibration), shared with the command line.
        self.settings = settings if settings is not None else Settings(paths.settings_file())
        self.undo_stack = QUndoStack(self)
        book.store.on_changed_elsewhere = lambda: QTimer.singleShot(0, self._read_again)
        self.awardees = RecordStore.awardees(book)
        self.prizes = RecordStore.prizes(book)

    def run(
        self,
        op: Op,
        on_error: Callable[[str], None] | None = None,
        on_conflict: Callable[[ConflictError], None] | None = None,
    ) -> bool:
        """Do the operation now; only if it succeeded does it go on the undo stack (an
        operation that cannot be undone clears the history where it must). A record
        someone else saved meanwhile goes to on_conflict, if given, to ask whose to keep."""
        try:
            changes = op.do()
        except ConflictError as exc:
            (on_conflict or (lambda e: (on_error or self.failed.emit)(e.message)))(exc)
            return False
        except BookError as exc:
            (on_error or self.failed.emit)(exc.message)
            return False
        if op.undoable:
            self.undo_stack.push(_Step(self, op))
        elif op.clears_history:
            self.undo_stack.clear()
        self.announce(changes)
        if not op.quiet:
            self.message.emit(f"Đã lưu: {op.label}.")
        return True

    def step(self, direction: Callable[[], Changes]) -> None:
        """An undo or redo of a step on the stack: told like any write, or reported."""
        try:
            changes = direction()
        except BookError as exc:
            log.warning("undo/redo failed: %s", exc.message)
            self.undo_failed(exc)
            return
        self.announce(changes)

    def announce(self, changes: Changes) -> None:
        """Tell every page what changed: the one place a change is emitted."""
        if self.book.store.closed:
            return  # windows closing after the book (the show's, at quit) have nothing to re-read
        self.changed.emit(changes)

    def undo_failed(self, exc: BookError) -> None:
        self.failed.emit(f"Không hoàn tác / làm lại được: {exc.message} Danh sách đã được đọc lại từ dữ liệu.")
        # Clearing the stack from inside its own undo() is not allowed; do it right after.
        QTimer.singleShot(0, self.undo_stack.clear)
        self.announce(ALL)

    def _read_again(self) -> None:
        """Another program wrote the book (the write that found out was refused): open it
        afresh and let every view re-read; our undo history no longer fits the data."""
        try:
            self.book.store.reopen()
        except BookError as exc:
            self.failed.emit(exc.message)
            return
        self.undo_stack.clear()
        self.announce(ALL)
        self.message.emit("Đã đọc lại dữ liệu từ tệp.")

    def attempt(self, action: Callable[[], T], on_error: Callable[[str], None] | None = None) -> T | None:
        """Run a read, or a write that is not an operation (a file written, a backup);
        report a BookError (to on_error, else to the window) instead of raising it.
        Returns None when it failed."""
        try:
            return action()
        except BookError as exc:
            (on_error or self.failed.emit)(exc.message)
            return None

    def succeeds(self, action: Callable[[], object], on_error: Callable[[str], None] | None = None) -> bool:
        """attempt() for an action that answers nothing: True when it raised no BookError."""
        try:
            action()
        except BookError as exc:
            (on_error or self.failed.emit)(exc.message)
            return False
        return True


class _Step(QUndoCommand):
    """An operation on Qt's undo stack. push() calls redo() at once; the operation was
    already done by run(), so that first call does nothing."""

    def __init__(self, session: BookSession, op: Op):
        super().__init__(op.label)
        self.session, self.op = session, op
        self.done_once = True

    def redo(self) -> None:
        if self.done_once:
            self.done_once = False
            return
        self.session.step(self.op.redo)

    def undo(self) -> None:
        self.session.step(self.op.undo)
