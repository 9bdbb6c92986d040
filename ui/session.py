"""One open ceremony book as the window sees it: the book, its undo stack, change signals.

Passed explicitly to every page; there is no global application object.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from models.errors import BookError
from models.repos.book import CeremonyBook
from models.repos.order_book import OrderBook
from models.repos.print_book import PrintBook
from models.storage import paths
from models.storage.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Gateway:
    """How undo commands write one kind of record, and which signals tell the views."""

    add: Callable[[list], list]
    update: Callable[[object], object]
    delete: Callable[[list[int]], list]
    upserted: Signal
    removed: Signal
    update_many: Callable[[list], list] | None = None


class BookSession(QObject):
    ceremonies_changed = Signal()
    decisions_changed = Signal()
    contests_changed = Signal()
    awardees_upserted = Signal(list)
    awardees_removed = Signal(list)
    prizes_upserted = Signal(list)
    prizes_removed = Signal(list)
    reloaded = Signal()  # views must re-read everything (a failed undo, numbers given by printing)
    printed = Signal()  # a print run was logged
    order_changed = Signal()  # the award order was rearranged (or absences marked on stage)
    message = Signal(str)  # a short note for the status bar
    failed = Signal(str)  # a Vietnamese error the user must see

    def __init__(self, book: CeremonyBook, settings: Settings | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.book = book
        self.prints = PrintBook(book.store)
        self.orders = OrderBook(book.store)
        # This computer's settings (printer calibration), shared with the command line.
        self.settings = settings if settings is not None else Settings(paths.settings_file())
        self.undo_stack = QUndoStack(self)
        book.store.on_changed_elsewhere = lambda: QTimer.singleShot(0, self._read_again)
        self.awardees = Gateway(
            book.add_awardees,
            book.update_awardee,
            book.delete_awardees,
            self.awardees_upserted,
            self.awardees_removed,
            book.update_awardees,
        )
        self.prizes = Gateway(
            book.add_prizes,
            book.update_prize,
            book.delete_prizes,
            self.prizes_upserted,
            self.prizes_removed,
        )

    @property
    def records_changed(self) -> tuple:
        """Every signal after which a page listing the ceremony's records must re-read."""
        return (
            self.awardees_upserted,
            self.awardees_removed,
            self.prizes_upserted,
            self.prizes_removed,
            self.decisions_changed,
            self.contests_changed,
            self.reloaded,
        )

    def run(self, command: RecordCommand) -> bool:
        """Do the command now; only if it succeeded does it go on the undo stack."""
        try:
            command.apply(forward=True)
        except BookError as exc:
            self.failed.emit(exc.message)
            return False
        command.done_once = True
        self.undo_stack.push(command)
        self.message.emit(f"Đã lưu: {command.text()}.")
        return True

    def undo_failed(self, exc: BookError) -> None:
        self.failed.emit(f"Không hoàn tác / làm lại được: {exc.message} Danh sách đã được đọc lại từ dữ liệu.")
        # Clearing the stack from inside its own undo() is not allowed; do it right after.
        QTimer.singleShot(0, self.undo_stack.clear)
        self.reloaded.emit()

    def _read_again(self) -> None:
        """Another program wrote the book (the write that found out was refused): open it
        afresh and let every view re-read; our undo history no longer fits the data."""
        try:
            self.book.store.reopen()
        except BookError as exc:
            self.failed.emit(exc.message)
            return
        self.undo_stack.clear()
        self.ceremonies_changed.emit()
        self.reloaded.emit()
        self.message.emit("Đã đọc lại dữ liệu từ tệp.")

    def attempt(self, action: Callable[[], object], on_error: Callable[[str], None] | None = None) -> object | None:
        """Run a direct (not undoable) write; report a BookError (to on_error, else to the
        window) instead of raising it. Returns None when it failed."""
        try:
            return action()
        except BookError as exc:
            (on_error or self.failed.emit)(exc.message)
            return None


class RecordCommand(QUndoCommand):
    """An undoable write. apply(True) does it, apply(False) reverts it; both may raise BookError."""

    def __init__(self, session: BookSession, gateway: Gateway, label: str):
        super().__init__(label)
        self.session = session
        self.gateway = gateway
        self.done_once = False

    def apply(self, forward: bool) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        if self.done_once:  # push() calls redo(); the work was already done by run()
            self.done_once = False
            return
        self._guarded(True)

    def undo(self) -> None:
        self._guarded(False)

    def _guarded(self, forward: bool) -> None:
        # Exceptions cannot cross back into Qt's C++ undo stack; report them here.
        try:
            self.apply(forward)
        except BookError as exc:
            log.warning("undo/redo failed: %s", exc.message)
            self.session.undo_failed(exc)


class AddRecords(RecordCommand):
    def __init__(self, session: BookSession, gateway: Gateway, records: list, label: str):
        super().__init__(session, gateway, label)
        self.records = records

    def apply(self, forward: bool) -> None:
        if forward:
            self.records = self.gateway.add(self.records)  # keeps ids on redo
            self.gateway.upserted.emit(self.records)
        else:
            ids = [r.id for r in self.records]
            self.gateway.delete(ids)
            self.gateway.removed.emit(ids)


class EditRecord(RecordCommand):
    def __init__(self, session: BookSession, gateway: Gateway, before, after, label: str):
        super().__init__(session, gateway, label)
        self.before, self.after = before, after

    def apply(self, forward: bool) -> None:
        saved = self.gateway.update(self.after if forward else self.before)
        if forward:
            self.after = saved
        self.gateway.upserted.emit([saved])


class DeleteRecords(RecordCommand):
    def __init__(self, session: BookSession, gateway: Gateway, ids: list[int], label: str):
        super().__init__(session, gateway, label)
        self.ids = ids
        self.gone: list = []

    def apply(self, forward: bool) -> None:
        if forward:
            self.gone = self.gateway.delete(self.ids)
            self.gateway.removed.emit(self.ids)
        else:
            restored = self.gateway.add(self.gone)
            self.gateway.upserted.emit(restored)


class EditRecords(RecordCommand):
    """Several records changed at once (a decision, field or ward set on a selection): one
    transaction, one step of the undo stack."""

    def __init__(self, session: BookSession, gateway: Gateway, before: list, after: list, label: str):
        super().__init__(session, gateway, label)
        self.before, self.after = before, after

    def apply(self, forward: bool) -> None:
        saved = self.gateway.update_many(self.after if forward else self.before)
        if forward:
            self.after = saved
        self.gateway.upserted.emit(saved)
