"""Opening a book reads only what the first page shows: the order and the certificates of a
ceremony are read when their page is first opened, and then show the ceremony chosen."""

from PySide6.QtCore import Qt

import certificates.batch as batch
import models.repos.order_book as order_book
from tests.gui_helpers import choose_ceremony
from tests.sample_counts import LONG_BIEN_2022
from ui.main_window import MainWindow
from ui.session import BookSession


def test_the_order_and_the_certificates_are_read_when_their_page_opens(qtbot, sample_book, dialogs, monkeypatch):
    prepared, ordered = [], []
    real_prepare, real_current = batch.prepare, order_book.OrderBook.current
    monkeypatch.setattr(batch, "prepare", lambda *a, **k: prepared.append(a[2]) or real_prepare(*a, **k))
    monkeypatch.setattr(
        order_book.OrderBook,
        "current",
        lambda self, book, cid, *a: ordered.append(cid) or real_current(self, book, cid, *a),
    )
    window = MainWindow(BookSession(sample_book))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()  # the tabs' Alt shortcuts work in the active window
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    ceremony_id = choose_ceremony(window, "Long Biên", 2022)
    assert (prepared, ordered) == ([], []), "nothing of pages out of sight is read at start or on a new choice"

    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)  # &5 In giấy khen
    assert window.tabs.currentWidget() is window.printing
    assert prepared == [ceremony_id] and len(window.printing.model.rows) == LONG_BIEN_2022
    ordered.clear()  # the certificates come in award order: it was read for them
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)  # &4 Thứ tự trao
    assert window.tabs.currentWidget() is window.order
    assert ordered == [ceremony_id] and len(window.order.model.order.refs()) == LONG_BIEN_2022


def test_the_window_opens_without_loading_the_certificate_code():
    """reportlab and segno cost 40 ms of every start; they load with the first certificate."""
    import subprocess
    import sys
    from pathlib import Path

    probe = (
        "import sys, ui.app, ui.main_window; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'reportlab', 'segno', 'certificates', 'pypdf'}))"
    )
    root = Path(__file__).resolve().parent.parent
    shown = subprocess.run([sys.executable, "-c", probe], cwd=root, capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "[]"
