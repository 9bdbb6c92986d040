"""The rows of a record table that match the clerk's filter, in the table's own order.

Qt's QSortFilterProxyModel asks Python about every row, one call across the binding per row
(about 25 ms a keystroke at 50,000 awardees). Here the match is one Python pass over the
accent-folded texts the table keeps, and Qt is told the result as one layout change, with
the selection kept on the records still shown. Sorting is the table's own (cached keys)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from models.domain import text
from ui.tables.record_tables import RecordTableModel

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_MANY = 64  # more edited rows than this are matched again in one pass


class RecordFilterProxy(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._source: RecordTableModel | None = None
        self._rows: list[int] = []  # the source rows shown, ascending
        self._phrase = ""
        self._equals: dict[str, Any] = {}
        self._extra: Callable[[Any], bool] | None = None
        self._held: list[tuple[QModelIndex, int]] = []  # persistent indexes by record id, across a layout change
        self._removing: tuple[int, int] | None = None

    # --- the source -----------------------------------------------------------------------

    def setSourceModel(self, model: RecordTableModel) -> None:  # noqa: N802 (Qt's name)
        self.beginResetModel()
        self._source = model
        model.modelAboutToBeReset.connect(self.beginResetModel)
        model.modelReset.connect(self._source_reset)
        model.layoutAboutToBeChanged.connect(self._begin_layout)
        model.layoutChanged.connect(self._source_sorted)
        model.rowsInserted.connect(self._source_inserted)
        model.rowsAboutToBeRemoved.connect(self._source_removing)
        model.rowsRemoved.connect(self._source_removed)
        model.dataChanged.connect(self._source_changed)
        model.headerDataChanged.connect(self.headerDataChanged)
        self._rows = self._matching()
        self.endResetModel()

    def sourceModel(self) -> RecordTableModel:  # noqa: N802 (Qt's name)
        if self._source is None:
            raise RuntimeError("RecordFilterProxy used before setSourceModel")
        return self._source

    def mapToSource(self, index: _Index) -> QModelIndex:  # noqa: N802 (Qt's name)
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return QModelIndex()
        return self.sourceModel().index(self._rows[index.row()], index.column())

    def mapFromSource(self, index: _Index) -> QModelIndex:  # noqa: N802 (Qt's name)
        if not index.isValid():
            return QModelIndex()
        k = bisect_left(self._rows, index.row())
        if k < len(self._rows) and self._rows[k] == index.row():
            return self.index(k, index.column())
        return QModelIndex()

    # --- Qt's table interface -------------------------------------------------------------

    def rowCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() or self._source is None else self._source.columnCount()

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        # Straight to the record: a source index per painted cell and role costs more than the cell.
        row = index.row()
        if self._source is None or not 0 <= row < len(self._rows):
            return None
        return self._source.cell(self._rows[row], index.column(), role)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        return self.sourceModel().headerData(section, orientation, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)

    # --- the filter -----------------------------------------------------------------------

    def set_filter(self, query: str, equals: dict[str, Any], extra: Callable[[Any], bool] | None = None) -> None:
        phrase, equals = text.fold(query), {k: v for k, v in equals.items() if v is not None}
        # Typing on narrows what is shown: only the rows shown so far need looking at.
        narrowing = phrase.find(self._phrase) >= 0 and equals == self._equals and extra is None and self._extra is None
        self._begin_layout()
        self._phrase, self._equals, self._extra = phrase, equals, extra
        if narrowing:
            folded = self.sourceModel().folded_texts()
            self._rows = [s for s in self._rows if phrase in folded[s]]
        else:
            self._rows = self._matching()
        self._end_layout()

    def accepts(self, record, folded: str) -> bool:
        if self._phrase and self._phrase not in folded:
            return False
        for attr, wanted in self._equals.items():
            if getattr(record, attr) != wanted:
                return False
        return self._extra is None or self._extra(record)

    def _matching(self) -> list[int]:
        model = self.sourceModel()
        folded = model.folded_texts()
        if not self._equals and self._extra is None:
            if not self._phrase:
                return list(range(len(folded)))
            phrase = self._phrase
            return [i for i, f in enumerate(folded) if phrase in f]
        records, accepts = model.records(), self.accepts
        return [i for i, (r, f) in enumerate(zip(records, folded, strict=True)) if accepts(r, f)]

    def _accepts_row(self, source_row: int) -> bool:
        model = self.sourceModel()
        return self.accepts(model.record(source_row), model.folded(source_row))

    # --- the records shown ----------------------------------------------------------------

    def record_at(self, proxy_row: int):
        return self.sourceModel().record(self._rows[proxy_row])

    def accepted_records(self) -> list:
        """The records shown, in the table's order."""
        records = self.sourceModel().records()
        return [records[s] for s in self._rows]

    # --- following the source -------------------------------------------------------------

    def _source_reset(self) -> None:
        self._rows = self._matching()
        self.endResetModel()

    def _begin_layout(self, *_args) -> None:
        self.layoutAboutToBeChanged.emit()
        records = self.sourceModel().records()
        self._held = [(p, records[self._rows[p.row()]].id) for p in self.persistentIndexList()]

    def _source_sorted(self, *_args) -> None:
        self._rows = self._matching()  # the shown records moved with the table's order
        self._end_layout()

    def _end_layout(self) -> None:
        if self._held:
            records = self.sourceModel().records()
            where = {records[s].id: i for i, s in enumerate(self._rows)}
            old = [p for p, _ in self._held]
            new = [self.index(where[rid], p.column()) if rid in where else QModelIndex() for p, rid in self._held]
            self.changePersistentIndexList(old, new)
            self._held = []
        self.layoutChanged.emit()

    def _source_inserted(self, _parent, first: int, last: int) -> None:
        count = last - first + 1
        k = bisect_left(self._rows, first)
        self._rows[k:] = [s + count for s in self._rows[k:]]
        shown = [s for s in range(first, last + 1) if self._accepts_row(s)]
        if shown:
            self.beginInsertRows(QModelIndex(), k, k + len(shown) - 1)
            self._rows[k:k] = shown
            self.endInsertRows()

    def _source_removing(self, _parent, first: int, last: int) -> None:
        k0, k1 = bisect_left(self._rows, first), bisect_right(self._rows, last)
        self._removing = (k0, k1)
        if k1 > k0:
            self.beginRemoveRows(QModelIndex(), k0, k1 - 1)

    def _source_removed(self, _parent, first: int, last: int) -> None:
        if self._removing is None:
            return
        k0, k1 = self._removing
        self._removing = None
        count = last - first + 1
        self._rows[k0:] = [s - count for s in self._rows[k1:]]
        if k1 > k0:
            self.endRemoveRows()

    def _source_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, roles=()) -> None:
        first, last = top_left.row(), bottom_right.row()
        if last - first >= _MANY:
            self._begin_layout()
            self._rows = self._matching()
            self._end_layout()
            return
        for s in range(first, last + 1):
            k = bisect_left(self._rows, s)
            shown = k < len(self._rows) and self._rows[k] == s
            wanted = self._accepts_row(s)
            if shown and wanted:
                self.dataChanged.emit(self.index(k, top_left.column()), self.index(k, bottom_right.column()), roles)
            elif shown:
                self.beginRemoveRows(QModelIndex(), k, k)
                del self._rows[k]
                self.endRemoveRows()
            elif wanted:
                self.beginInsertRows(QModelIndex(), k, k)
                self._rows.insert(k, s)
                self.endInsertRows()
