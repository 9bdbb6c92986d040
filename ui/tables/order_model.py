"""The award order as a two-level Qt model: batches, and under each the entries called.

Drag and drop never edits rows in place: a drop is turned into one of the order's own
operations (which keep the batch rules) and the page re-reads the model from the result.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from models.domain import award_order as ao
from models.domain.award_order import AwardOrder, Entries
from models.domain.records import Ref

MIME = "application/x-vinhdanh-award-order"
BATCH = 0  # internal id of a batch row; an entry row's id is its batch index + 1
HEADERS = ("Đợt / người được trao", "Lãnh đạo trao / chức vụ, đơn vị")
MISSING = QBrush(QColor("#b00020"))
ROOT = QModelIndex()
_Index = QModelIndex | QPersistentModelIndex

Edit = Callable[[str, Callable[[AwardOrder], object], list[Ref] | None], bool]


_DROP_ONLY = Qt.ItemFlag.ItemIsDropEnabled
_ROW_FLAGS = _DROP_ONLY | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled


class OrderModel(QAbstractItemModel):
    def __init__(self, edit: Edit, parent=None):
        super().__init__(parent)
        self.order = AwardOrder(0)
        self.entries = Entries({}, [])
        self._edit = edit  # applies a change through the page: saved, undoable, or refused
        self._bold = QFont()
        self._bold.setBold(True)

    def set_order(self, order: AwardOrder, entries: Entries) -> None:
        self.beginResetModel()
        self.order, self.entries = order, entries
        self.endResetModel()

    # --- shape ----------------------------------------------------------------------------

    # index, rowCount and flags are asked for every row whenever the tree expands (5,000
    # batches of 10 at 50,000 awardees): they answer without calling back into Qt.
    def index(self, row: int, column: int, parent=ROOT) -> QModelIndex:
        if not 0 <= column < len(HEADERS) or row < 0:
            return QModelIndex()
        batches = self.order.batches
        if not parent.isValid():
            return self.createIndex(row, column, BATCH) if row < len(batches) else QModelIndex()
        if parent.internalId() != BATCH or parent.column() != 0 or row >= len(batches[parent.row()].refs):
            return QModelIndex()
        return self.createIndex(row, column, parent.row() + 1)

    # Qt overloads parent(): parent() is the QObject's, parent(index) the model's; a
    # Python override can only be the second, which the type information cannot express.
    def parent(self, index=ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == BATCH:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, BATCH)

    def rowCount(self, parent=ROOT) -> int:  # noqa: N802 (Qt's names)
        if not parent.isValid():
            return len(self.order.batches)
        if parent.internalId() == BATCH and parent.column() == 0:
            return len(self.order.batches[parent.row()].refs)
        return 0

    def columnCount(self, parent=ROOT) -> int:  # noqa: N802
        return len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    # --- what each row says ---------------------------------------------------------------

    def is_batch(self, index: _Index) -> bool:
        return index.isValid() and index.internalId() == BATCH

    def ref_at(self, index: _Index) -> Ref | None:
        if not index.isValid() or self.is_batch(index):
            return None
        return self.order.batches[index.internalId() - 1].refs[index.row()]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if self.is_batch(index):
            return self._batch_data(index.row(), index.column(), role)
        ref = self.ref_at(index)
        entry = self.entries.by_ref.get(ref) if ref is not None else None
        if entry is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return f"{index.row() + 1}. {entry.name}"
            return ", ".join(x for x in (entry.level.label if entry.level else "", entry.detail) if x)
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.spoken
        return None

    def _batch_data(self, row: int, column: int, role):
        b = self.order.batches[row]
        if role == Qt.ItemDataRole.DisplayRole and column == 0:
            # The view spans this over both columns: a batch reads as one line.
            leader = f"đồng chí {b.leader}" if b.leader_name else "(chưa có lãnh đạo trao)"
            return f"Đợt {row + 1}: {b.form.label} – {len(b.refs)} người  ·  Lãnh đạo trao: {leader}"
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole and not b.leader_name:
            return MISSING
        if role == Qt.ItemDataRole.ToolTipRole and b.intro:
            return f"Lời mời riêng: {b.intro}"
        return None

    # --- drag and drop --------------------------------------------------------------------

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else _DROP_ONLY

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME]

    def mimeData(self, indexes) -> QMimeData:  # noqa: N802
        rows = [i for i in indexes if i.column() == 0]
        refs = [ref.key() for i in rows if (ref := self.ref_at(i)) is not None]
        batches = sorted({i.row() for i in rows if self.is_batch(i)})
        data = QMimeData()
        payload = {"refs": refs} if refs else {"batches": batches}
        data.setData(MIME, json.dumps(payload).encode("utf-8"))
        return data

    def dropMimeData(self, data: QMimeData, action, row: int, column: int, parent) -> bool:  # noqa: N802
        if action != Qt.DropAction.MoveAction or not data.hasFormat(MIME):
            return False
        payload = json.loads(bytes(data.data(MIME).data()).decode("utf-8"))
        if isinstance(parent, QPersistentModelIndex):
            parent = self.index(parent.row(), parent.column(), parent.parent())
        if payload.get("refs"):
            self._drop_entries([Ref.from_key(r) for r in payload["refs"]], row, parent)
        elif payload.get("batches"):
            self._drop_batch(payload["batches"][0], row, parent)
        # The page has already re-read the model; telling the view "moved" would make it
        # delete the dragged rows a second time.
        return False

    def _drop_entries(self, refs: list[Ref], row: int, parent: QModelIndex) -> None:
        if not parent.isValid():
            return  # between batches: a batch needs a form, so there is nowhere to put them
        if self.is_batch(parent):
            batch, at = parent.row(), row if row >= 0 else len(self.order.batches[parent.row()].refs)
        else:  # dropped onto a person: in front of them
            batch, at = parent.internalId() - 1, parent.row()
        self._edit("Chuyển người được trao", lambda o: ao.move_entries(o, refs, batch, at), refs)

    def _drop_batch(self, batch: int, row: int, parent: QModelIndex) -> None:
        if parent.isValid():
            row = parent.row() if self.is_batch(parent) else parent.internalId() - 1
        elif row < 0:
            row = len(self.order.batches)
        to = row - 1 if row > batch else row
        if to != batch:
            refs = list(self.order.batches[batch].refs)
            self._edit(f"Chuyển đợt {batch + 1}", lambda o: ao.move_batch(o, batch, to), refs)
