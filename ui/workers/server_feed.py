"""Other clerks' changes brought into an open window, off the window's thread.

A thread listens (models.server.feed.ChangeFeed) and hands what it heard to the window's
thread, which reads the changed records and tells the pages through the session's one
`changed` signal. If the connection drops, the thread reconnects every few seconds; once
back, every page re-reads (what was committed meanwhile was not heard).
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QThread, Signal

from models.domain.changes import ALL
from models.errors import BookError
from models.server.feed import ChangeFeed, changes_from
from models.storage.pg_store import PgStore
from ui.session import BookSession

log = logging.getLogger(__name__)

LISTEN_S = 0.25  # how long one wait lasts: a change is shown within about this
RETRY_S = 3.0


class _Listener(QThread):
    heard = Signal(object)  # list[Event]
    lost = Signal()
    back = Signal()

    def __init__(self, store: PgStore, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self._stop = threading.Event()

    def stop(self) -> None:
        self._stop.set()
        self.wait(3000)

    def run(self) -> None:
        feed: ChangeFeed | None = None
        was_lost = False
        while not self._stop.is_set():
            if feed is None:
                try:
                    feed = ChangeFeed(self.store)
                except Exception as exc:  # psycopg's errors: the network is down, keep trying
                    log.info("change feed not connected: %s", exc)
                    if not was_lost:
                        self.lost.emit()
                        was_lost = True
                    self._stop.wait(RETRY_S)
                    continue
                if was_lost:
                    self.back.emit()
                    was_lost = False
            events = feed.wait(LISTEN_S)
            if events is None:
                feed.close()
                feed = None
                self.lost.emit()
                was_lost = True
            elif events:
                self.heard.emit(events)
        if feed is not None:
            feed.close()


class ServerFeed(QObject):
    """Keeps a session's pages up to date with the server while the window is open."""

    def __init__(self, session: BookSession, store: PgStore):
        super().__init__(session)
        self.session, self.store = session, store
        self._listener = _Listener(store, self)
        self._listener.heard.connect(self._heard)
        self._listener.lost.connect(
            lambda: session.message.emit("Mất kết nối tới máy chủ; đang thử kết nối lại… Việc đang gõ vẫn giữ nguyên.")
        )
        self._listener.back.connect(self._back)
        self._listener.start()

    def _heard(self, events) -> None:
        if self.store.closed:
            return
        try:
            told = changes_from(self.session.book, events, self.store.pid)
        except BookError as exc:
            self.session.message.emit(exc.message)
            return
        for changes in told:
            self.session.announce(changes)
        if told:
            self.session.message.emit(f"{told[0].by} vừa cập nhật dữ liệu trên máy chủ.")

    def _back(self) -> None:
        try:
            self.store.reopen()
        except BookError as exc:
            self.session.message.emit(exc.message)
            return
        self.session.announce(ALL)
        self.session.message.emit("Đã kết nối lại máy chủ; danh sách đã được đọc lại.")

    def stop(self) -> None:
        self._listener.stop()
