"""Table models of the import window: the sheet as read, and the rows the plan would add."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from models.domain.records import AwardeeKind
from models.importing.columns import Column
from models.importing.planned import ImportPlan, PlannedRow, column_letter

PREVIEW_ROWS = 40
ROOT = QModelIndex()
_MAPPED = QBrush(QColor("#e8f1fb"))
_GUESSED = QBrush(QColor("#fff4d6"))
_DUPLICATE = QBrush(QColor("#fde2e1"))


class SheetPreviewModel(QAbstractTableModel):
    """The first rows below the header, with each column's meaning in the header."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[list[str]] = []
        self.first_line = 1
        self.headers: list[str] = []
        self.mapping: dict[int, Column] = {}
        self.width = 0

    def show(self, rows: list[list[str]], header_row: int | None, mapping: dict[int, Column]) -> None:
        self.beginResetModel()
        start = 0 if header_row is None else header_row + 1
        self.rows = rows[start : start + PREVIEW_ROWS]
        self.first_line = start + 1
        self.headers = rows[header_row] if header_row is not None and header_row < len(rows) else []
        self.mapping = dict(mapping)
        self.width = max([len(r) for r in rows[: start + PREVIEW_ROWS]] + [len(self.headers), 1])
        self.endResetModel()

    def rowCount(self, parent=ROOT) -> int:  # noqa: N802 (Qt's names)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=ROOT) -> int:  # noqa: N802 (Qt's names)
        return 0 if parent.isValid() else self.width

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            row = self.rows[index.row()]
            return row[index.column()] if index.column() < len(row) else ""
        if role == Qt.ItemDataRole.BackgroundRole and index.column() in self.mapping:
            return _MAPPED
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(self.first_line + section)
        meaning = self.mapping.get(section)
        original = self.headers[section] if section < len(self.headers) else ""
        top = f"{column_letter(section)}: {meaning.label if meaning else '— bỏ qua —'}"
        return f"{top}\n“{original}”" if original else top


_ROW_COLUMNS = (
    "Nhập",
    "Dòng",
    "Tập thể",
    "Họ và tên / Tên tập thể",
    "Chức vụ",
    "Đơn vị",
    "Phường",
    "Hình thức",
    "Ghi chú",
)
_PRIZE_COLUMNS = ("Nhập", "Dòng", "", "Tác giả", "Tác phẩm", "Đơn vị", "", "Giải", "Ghi chú")


class PlanRowsModel(QAbstractTableModel):
    """What the import would add: untick to leave a row out, tick "Tập thể" to correct a guess."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.plan: ImportPlan | None = None
        self.rows: list[PlannedRow] = []

    def show(self, plan: ImportPlan | None) -> None:
        self.beginResetModel()
        self.plan = plan
        self.rows = list(plan.rows) if plan else []
        self.endResetModel()

    def rowCount(self, parent=ROOT) -> int:  # noqa: N802 (Qt's names)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=ROOT) -> int:  # noqa: N802 (Qt's names)
        return 0 if parent.isValid() else len(_ROW_COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            prizes = self.plan is not None and self.plan.for_prizes
            return (_PRIZE_COLUMNS if prizes else _ROW_COLUMNS)[section]
        return None

    def _values(self, r: PlannedRow) -> list[str]:
        if r.prize is not None:
            p = r.prize
            return ["", str(r.line), "", p.authors, p.work_title, p.unit, "", p.level.label, r.duplicate]
        a = r.awardee
        if a is None:
            return ["", str(r.line)] + [""] * 7
        form = r.form.label if r.form else ""
        note = r.duplicate or ("loại được đoán theo tên" if r.kind_guessed else "")
        return ["", str(r.line), "", a.name, a.position, a.unit, a.ward, form, note]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        r = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._values(r)[column]
        if role == Qt.ItemDataRole.CheckStateRole:
            if column == 0:
                return Qt.CheckState.Checked if r.include else Qt.CheckState.Unchecked
            if column == 2 and r.awardee is not None:
                return Qt.CheckState.Checked if r.awardee.kind is AwardeeKind.COLLECTIVE else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole:
            if r.duplicate:
                return _DUPLICATE
            if r.kind_guessed:
                return _GUESSED
        return None

    def flags(self, index):
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        r = self.rows[index.row()]
        if index.column() == 0 or (index.column() == 2 and r.awardee is not None):
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if role != Qt.ItemDataRole.CheckStateRole:
            return False
        r = self.rows[index.row()]
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        if index.column() == 0:
            r.include = checked
        elif index.column() == 2 and r.awardee is not None:
            r.awardee.kind = AwardeeKind.COLLECTIVE if checked else AwardeeKind.INDIVIDUAL
            r.kind_guessed = False  # the clerk has confirmed it
        else:
            return False
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.columnCount() - 1))
        return True


_ENCODING_SHORT = {"tcvn3": "TCVN3", "tcvn3h": "TCVN3 (chữ hoa)", "vni": "VNI", "unicode": "giữ nguyên"}


class ConversionsModel(QAbstractTableModel):
    """Every cell read from an old encoding, as in the file and as read: the cells that read
    as well another way first, in amber, for the clerk to check before importing."""

    HEADERS = ("Dòng", "Cột", "Như trong tệp", "Đọc thành", "Mã", "")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: list = []

    def show(self, conversions: list) -> None:
        self.beginResetModel()
        self.items = sorted(conversions, key=lambda c: (c.sure, c.row, c.column))
        self.endResetModel()

    def rowCount(self, parent=ROOT) -> int:  # noqa: N802 (Qt's names)
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent=ROOT) -> int:  # noqa: N802
        return len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        c = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                str(c.row + 1),
                column_letter(c.column),
                c.raw,
                c.text,
                _ENCODING_SHORT.get(str(c.encoding), str(c.encoding)),
                "" if c.sure else "đọc được nhiều cách: cần xem",
            )[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and not c.sure:
            return _GUESSED
        return None
