"""Small widgets shared by the pages."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QStandardItem, QStandardItemModel, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QFrame,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QTableView,
    QTabWidget,
    QWidget,
)

from models.domain import text

_FOLD_ROLE = Qt.ItemDataRole.UserRole + 7
# What a 1366×768 laptop leaves for a window once the taskbar and title bar are taken.
MAX_WINDOW = QSize(1366, 690)


class FoldingCompleter(QCompleter):
    """Completion that ignores case and accents: typing "ngoc thuy" offers "Ngọc Thụy"."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._items = QStandardItemModel(self)
        self.setModel(self._items)
        self.setCompletionRole(_FOLD_ROLE)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setMaxVisibleItems(12)

    def set_values(self, values: list[str]) -> None:
        self._items.clear()
        for value in values:
            item = QStandardItem(value)
            item.setData(text.fold(value), _FOLD_ROLE)
            self._items.appendRow(item)

    def splitPath(self, path: str) -> list[str]:
        return [text.fold(path)]

    def pathFromIndex(self, index) -> str:
        return index.data(Qt.ItemDataRole.DisplayRole)


def completing_line_edit(placeholder: str = "") -> tuple[QLineEdit, FoldingCompleter]:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    completer = FoldingCompleter(edit)
    edit.setCompleter(completer)
    return edit, completer


class ChoiceCombo(QComboBox):
    """A combo of (label, value) pairs; "Tất cả" (value None) first when it is a filter.

    Values stay Python objects: Qt's item data would turn a StrEnum into a plain str.
    """

    def __init__(self, all_label: str | None = None, parent=None):
        super().__init__(parent)
        self._all_label = all_label
        self._values: list[object] = []
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

    def set_choices(self, choices: list[tuple[str, object]]) -> None:
        current = self.value()
        was_blocked = self.blockSignals(True)  # callers may have blocked us already; keep it so
        self.clear()
        self._values = []
        if self._all_label is not None:
            choices = [(self._all_label, None), *choices]
        for label, value in choices:
            self.addItem(label)
            self._values.append(value)
        self.set_value(current)
        self.blockSignals(was_blocked)

    def value(self):
        i = self.currentIndex()
        return self._values[i] if 0 <= i < len(self._values) else None

    def set_value(self, value) -> None:
        if value in self._values:
            self.setCurrentIndex(self._values.index(value))
        elif self.count():
            self.setCurrentIndex(0)


def plain_table_view(model, widths: list[int]) -> QTableView:
    """Rows selected whole, read-only, one line each, in the model's own order."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    header = view.verticalHeader()
    # Fixed row heights: measuring 10,000 rows on every filter change costs more than filtering.
    header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header.setDefaultSectionSize(view.fontMetrics().height() + 8)
    for i, w in enumerate(widths):
        view.setColumnWidth(i, w)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def record_table_view(model, widths: list[int]) -> QTableView:
    view = plain_table_view(model, widths)
    # Indicator first: enabling sorting sorts at once by the indicator's column (0 by default),
    # and rows must stay in entry order until the user asks for another.
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    return view


class NoticeLabel(QLabel):
    """A notice under a form: red for errors, amber for warnings, blank when empty.

    It keeps the room of `lines` lines whether shown or not, so a notice appearing never
    moves the fields and buttons under the clerk's pointer (text once went into the wrong
    field that way). Only a text longer than that makes it grow."""

    STYLES = {"error": "color:#b00020;", "warning": "color:#8a5a00;", "info": "color:#1b5e20;"}

    def __init__(self, parent=None, lines: int = 2):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * lines + 2)
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)
        self.hide()

    def show_notice(self, message: str, kind: str = "error") -> None:
        self.setStyleSheet(self.STYLES[kind])
        self.setText(message)
        self.setVisible(bool(message))

    def clear_notice(self) -> None:
        self.clear()
        self.hide()


def ask(parent, title: str, message: str, *, default_yes: bool = False, warning: bool = False) -> bool:
    """A Yes/No question; "Không" is the default for anything that adds doubtful data or deletes."""
    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    show = QMessageBox.warning if warning else QMessageBox.question
    return show(parent, title, message, yes | no, yes if default_yes else no) == yes


def whose_to_keep(parent, message: str) -> str:
    """Two people saved the same thing: "mine", "theirs", or "" to decide later."""
    box = QMessageBox(QMessageBox.Icon.Question, "Hai người cùng sửa", message, parent=parent)
    keep = box.addButton("Giữ bản của tôi", QMessageBox.ButtonRole.AcceptRole)
    take = box.addButton("Lấy bản kia", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("Để sau", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    return "mine" if clicked is keep else "theirs" if clicked is take else ""


class ReloadsWhenShown(QWidget):
    """A page showing the book: it re-reads when shown, not on every keystroke made on
    another page. The page defines reload() and calls follow() with the session and the
    kinds of change (models.domain.changes.Kind) it shows."""

    _dirty = False

    def reload(self) -> None:
        raise NotImplementedError

    def follow(self, session, kinds) -> None:
        def changed(changes) -> None:
            if changes.touches(*kinds):
                self._stale()

        session.changed.connect(changed)

    def _stale(self, *_args) -> None:
        if self.isVisible():
            self.reload()
        else:
            self._dirty = True

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self._dirty:
            self.reload()
        super().showEvent(event)


class BookUndoKeys(QObject):
    """Ctrl+Z / Ctrl+Y in a form field undo and redo the book's last saved change when the
    field has nothing typed of its own to undo: right after Enter the clerk means the entry,
    not the name that was just cleared away. Text being typed keeps its own undo."""

    def __init__(self, undo_stack: QUndoStack, edits: list[QLineEdit], parent: QObject):
        super().__init__(parent)
        self._stack = undo_stack
        for edit in edits:
            edit.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QLineEdit):
            return False
        if event.matches(QKeySequence.StandardKey.Undo) and not watched.isUndoAvailable():
            self._stack.undo()
            return True
        redo = event.matches(QKeySequence.StandardKey.Redo) or (
            event.key() == Qt.Key.Key_Y and event.modifiers() == Qt.KeyboardModifier.ControlModifier
        )
        if redo and not watched.isRedoAvailable():
            self._stack.redo()
            return True
        return False


def reset_typing(edits: list[QLineEdit]) -> None:
    """Forget each field's own undo history (setText does): what is there now is saved."""
    for edit in edits:
        edit.setText(edit.text())


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize to width × height, or less on a small screen: a 1366×768 laptop keeps about
    690 px once the taskbar and title bar are taken."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    room = screen.availableGeometry().size() - QSize(16, 40) if screen else QSize(width, height)
    widget.resize(QSize(width, height).boundedTo(room).boundedTo(MAX_WINDOW))


class ScrollingTabs(QTabWidget):
    """Tabs whose pages scroll when the window is smaller than they would like, so no page
    can make the window bigger than a laptop's screen. Callers see the pages themselves."""

    def add_page(self, page: QWidget, label: str) -> None:
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(page)
        self.addTab(area, label)

    def widget(self, index: int) -> QWidget | None:
        area = super().widget(index)
        return area.widget() if isinstance(area, QScrollArea) else area

    def currentWidget(self) -> QWidget:  # noqa: N802 (Qt's name)
        page = self.widget(self.currentIndex())
        return page if page is not None else super().currentWidget()

    def indexOf(self, page: QWidget) -> int:  # noqa: N802 (Qt's name)
        return next((i for i in range(self.count()) if self.widget(i) is page), -1)

    def setCurrentWidget(self, page: QWidget) -> None:  # noqa: N802 (Qt's name)
        self.setCurrentIndex(self.indexOf(page))
