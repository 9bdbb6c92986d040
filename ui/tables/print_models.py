"""Read-only tables of the print page: the certificates in award order and the print log."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from models.domain.printing import PrintJob
from models.domain.records import Ref

if TYPE_CHECKING:  # the certificate code loads reportlab: imported where it runs, not with the window
    from certificates.batch import Prepared
    from certificates.content import Certificate


_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class ListModel(QAbstractTableModel):
    """Rows shown as given (their order is meaningful: award order, newest print first)."""

    def __init__(self, columns: Sequence[tuple[str, Callable[[Any], str]]], parent=None):
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.columns[index.column()][1](self.rows[index.row()])
        return self.style(self.rows[index.row()], role)

    def style(self, row: Any, role: int):
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.columns[section][0] if orientation == Qt.Orientation.Horizontal else str(section + 1)


class CertificateListModel(ListModel):
    def __init__(self, parent=None):
        self.assigned: set[Ref] = set()  # refs whose register number is already given
        self.printed: dict[Ref, int] = {}
        self.batch_of: dict[Ref, int] = {}  # the batch (đợt) each certificate is handed over in
        super().__init__(
            [
                ("Đợt", lambda c: str(self.batch_of.get(c.ref, ""))),
                ("Tên tập thể, cá nhân", lambda c: c.name),
                ("Chức vụ, đơn vị", lambda c: c.detail),
                ("Hình thức", lambda c: c.form.label),
                ("Số vào sổ", self._number),
                ("Đã in", lambda c: f"{self.printed[c.ref]} lần" if c.ref in self.printed else ""),
            ],
            parent,
        )

    def _number(self, c: Certificate) -> str:
        return c.register_no if c.ref in self.assigned else f"{c.register_no} (sẽ cấp)"

    def style(self, row: Certificate, role: int):
        if row.ref in self.assigned:
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor("#666666")
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        return None


def log_model(parent=None) -> ListModel:
    def items(job: PrintJob) -> str:
        text = f"{len(job.items)} giấy"
        text += f" ({job.reprints} in lại)" if job.reprints else ""
        return text + (" – bị ngắt, chưa rõ đã in xong" if job.unsettled else "")

    return ListModel(
        [
            ("Thời gian", lambda j: j.printed_at.strftime("%H:%M %d/%m/%Y")),
            ("Cách in", lambda j: f"{j.action.label} – {j.mode.label}"),
            ("Số giấy", items),
            ("Số bản", lambda j: str(j.copies)),
            ("Máy in / tệp", lambda j: j.target),
            ("Lý do in lại", lambda j: j.reason),
            ("Số vào sổ", lambda j: _number_range(j)),
        ],
        parent,
    )


def _number_range(job: PrintJob) -> str:
    numbers = [item.register_no for item in job.items if item.register_no]
    if not numbers:
        return ""
    return numbers[0] if len(numbers) == 1 else f"{numbers[0]} … {numbers[-1]}"


def batch_numbers(plan: Prepared) -> dict[Ref, int]:
    """Each certificate's batch on stage, for the list's column (separator sheets say where)."""
    numbers, current = {}, 0
    for i, cert in enumerate(plan.certificates):
        current = plan.separators[i].number if i in plan.separators else current
        numbers[cert.ref] = current
    return numbers
