"""Shared set-up for the window tests: a main window on the sample book, dialogs scripted."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from ui.main_window import MainWindow
from ui.session import BookSession


class ScriptedDialogs:
    """Answers QMessageBox questions and records every message the user would have seen."""

    def __init__(self, monkeypatch):
        self.answer = QMessageBox.StandardButton.Yes
        self.seen: list[tuple[str, str]] = []
        for kind in ("question", "warning", "critical", "information"):
            monkeypatch.setattr(QMessageBox, kind, staticmethod(self._make(kind)))

    def _make(self, kind):
        def show(parent, title, message, *args, **kwargs):
            self.seen.append((kind, message))
            return self.answer if kind in ("question", "warning") else QMessageBox.StandardButton.Ok

        return show


@pytest.fixture
def dialogs(monkeypatch):
    return ScriptedDialogs(monkeypatch)


@pytest.fixture
def window(qtbot, sample_book, dialogs):
    w = MainWindow(BookSession(sample_book))
    qtbot.addWidget(w)
    w.show()
    return w


def choose_ceremony(window, place: str, year: int) -> int:
    for c in window.session.book.ceremonies():
        if c.place == place and c.held_on.year == year:
            window.ceremony_choice.set_value(c.id)
            return c.id
    raise LookupError(place)


def type_text(widget, typed: str) -> None:
    """Type as a Vietnamese keyboard (Unikey, the Windows Vietnamese layout) delivers it: one
    key event per character, carrying the composed character as its text. QTest.keyClicks
    aborts Qt on characters outside Latin-1."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in typed:
        key = Qt.Key(ord(ch.upper())) if ch.isascii() and ch.isalnum() else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))


def start_show(qtbot, window, monkeypatch):
    """Start the chosen ceremony's show from the order page, the screen dialog accepted."""
    from PySide6.QtWidgets import QDialog

    import ui.show.show_launcher as launcher

    window.tabs.setCurrentWidget(window.order)
    monkeypatch.setattr(launcher.ScreenDialog, "exec", lambda dialog: QDialog.DialogCode.Accepted)
    window.order.start_show()
    windows = window.order.show_windows
    qtbot.addWidget(windows.mc)
    qtbot.addWidget(windows.audience)
    return windows
