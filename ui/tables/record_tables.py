"""Qt table models for awardees and prizes.

The source model holds the records and sorts itself with keys computed once per record
and column (a proxy sorting 10,000 rows through Python lessThan() calls takes seconds);
the filter (record_filter.py) matches over the accent-folded texts it keeps.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from models.domain import text
from models.domain.fields import short_name
from models.domain.records import Awardee, AwardeeKind, Decision, Prize
from models.domain.search import awardee_search_text, prize_search_text


class _Stored(Protocol):
    id: int


R = TypeVar("R", bound=_Stored)
RecordRole = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


@dataclass(frozen=True)
class Column(Generic[R]):
    header: str
    value: Callable[[R], str]
    sort_key: Callable[[R], Any] | None = None  # default: Vietnamese collation of value
    width: int = 120
    tip: Callable[[R], str] | None = None  # the tooltip, when the cell shows a short form


class RecordTableModel(QAbstractTableModel, Generic[R]):
    def __init__(self, columns: list[Column[R]], search_text: Callable[[R], str], parent=None):
        super().__init__(parent)
        self.columns = columns
        self._search_text = search_text
        self._rows: list[R] = []
        self._folded: list[str] = []
        self._keys: dict[int, dict[int, Any]] = {}  # column -> record id -> sort key
        self._sorted_by: tuple[int, Qt.SortOrder] | None = None
        self.highlight: set[int] = set()  # ids shown in warning colour (e.g. over quota)

    # --- Qt interface -----------------------------------------------------------------

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        return self.cell(index.row(), index.column(), role)

    def cell(self, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[column].value(self._rows[row])
        if role == Qt.ItemDataRole.ToolTipRole:
            col = self.columns[column]
            return (col.tip or col.value)(self._rows[row])
        if role == RecordRole:
            return self._rows[row]
        if role == Qt.ItemDataRole.ForegroundRole and self.highlight:
            if self._rows[row].id in self.highlight:
                return QColor("#b00020")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header
        return str(section + 1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        old = {r.id: i for i, r in enumerate(self._rows)}
        keys = self._keys.setdefault(column, {})
        col = self.columns[column]
        make_key = col.sort_key or (lambda r: text.sort_key(col.value(r)))
        for r in self._rows:
            if r.id not in keys:
                keys[r.id] = make_key(r)
        pairs = sorted(
            zip(self._rows, self._folded, strict=True),
            key=lambda p: keys[p[0].id],
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self._rows = [p[0] for p in pairs]
        self._folded = [p[1] for p in pairs]
        self._sorted_by = (column, order)
        self._move_persistent(old)
        self.layoutChanged.emit()

    def _move_persistent(self, old_rows: dict[int, int]) -> None:
        new_rows = {r.id: i for i, r in enumerate(self._rows)}
        by_old = {i: rid for rid, i in old_rows.items()}
        persistent = self.persistentIndexList()
        moved = [self.index(new_rows[by_old[i.row()]], i.column()) for i in persistent]
        self.changePersistentIndexList(persistent, moved)

    # --- records ----------------------------------------------------------------------

    def records(self) -> list[R]:
        return self._rows

    def record(self, row: int) -> R:
        return self._rows[row]

    def folded(self, row: int) -> str:
        return self._folded[row]

    def folded_texts(self) -> list[str]:
        return self._folded

    def row_of(self, record_id: int) -> int:
        for i, r in enumerate(self._rows):
            if r.id == record_id:
                return i
        return -1

    def refresh(self) -> None:
        """Values shown changed outside the records (a decision's form, the highlight): redraw
        every cell and recompute sort keys when next sorted."""
        self._keys.clear()
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1))

    def set_records(self, records: list[R], folded: list[str] | None = None) -> None:
        """Replace all rows; folded (the stored search texts, in the same order) saves
        folding every record again."""
        self.beginResetModel()
        self._rows = list(records)
        if folded is not None and len(folded) == len(self._rows):
            self._folded = [f or self._search_text(r) for r, f in zip(self._rows, folded, strict=True)]
        else:
            self._folded = [self._search_text(r) for r in self._rows]
        self._keys.clear()
        self.endResetModel()
        if self._sorted_by:
            self.sort(*self._sorted_by)

    def upsert(self, records: list[R]) -> None:
        """Show added or edited records in place; new ones go to the end (entry order)."""
        rows = {r.id: i for i, r in enumerate(self._rows)}
        for r in records:
            for keys in self._keys.values():
                keys.pop(r.id, None)
            row = rows.get(r.id)
            if row is not None:
                self._rows[row] = r
                self._folded[row] = self._search_text(r)
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))
            else:
                end = len(self._rows)
                self.beginInsertRows(QModelIndex(), end, end)
                self._rows.append(r)
                self._folded.append(self._search_text(r))
                self.endInsertRows()
                rows[r.id] = end

    def remove(self, ids: list[int]) -> None:
        wanted = set(ids)
        # Bottom-up, so that the rows still to remove keep their numbers.
        for row in sorted((i for i, r in enumerate(self._rows) if r.id in wanted), reverse=True):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            del self._folded[row]
            self.endRemoveRows()


def awardee_columns(decisions: Callable[[], Mapping[int | None, Decision]]) -> list[Column[Awardee]]:
    def form(a: Awardee) -> str:
        d = decisions().get(a.decision_id)
        return d.award_form.label if d else ""

    def name_key(a: Awardee):
        # Collectives before individuals; people by given name, as official lists are.
        if a.kind is AwardeeKind.INDIVIDUAL:
            return (1, text.person_sort_key(a.name))
        return (0, (text.sort_key(a.name),))

    return [
        Column("Loại", lambda a: a.kind.label, width=70),
        Column("Họ và tên / Tên tập thể", lambda a: a.name, name_key, width=230),
        Column("Chức vụ", lambda a: a.position, width=150),
        Column("Đơn vị", lambda a: a.unit, width=150),
        Column("Phường", lambda a: a.ward, width=100),
        Column("Lĩnh vực", lambda a: short_name(a.field), width=100, tip=lambda a: a.field),  # tight: short
        Column("Mô hình “Dân vận khéo”", lambda a: a.model_name, width=220),
        Column(
            "Hình thức",
            form,
            lambda a: decisions()[a.decision_id].award_form.rank if a.decision_id in decisions() else 9,
            width=95,
        ),
        Column("Số vào sổ", lambda a: a.register_no, width=80),
        Column("Ghi chú", lambda a: a.notes.replace("\n", " "), width=160),
    ]


def prize_columns() -> list[Column[Prize]]:
    return [
        Column("Giải", lambda p: p.level.label, lambda p: p.level.rank, width=120),
        Column("Tác giả", lambda p: p.authors, lambda p: text.person_sort_key(p.authors), width=220),
        Column("Tác phẩm", lambda p: p.work_title, width=240),
        Column("Đơn vị", lambda p: p.unit, width=220),
        Column("Số vào sổ", lambda p: p.register_no, width=80),
        Column("Ghi chú", lambda p: p.notes.replace("\n", " "), width=160),
    ]


def awardee_model(decisions: Callable[[], Mapping[int | None, Decision]], parent=None) -> RecordTableModel[Awardee]:
    return RecordTableModel(awardee_columns(decisions), awardee_search_text, parent)


def prize_model(parent=None) -> RecordTableModel[Prize]:
    return RecordTableModel(prize_columns(), prize_search_text, parent)
