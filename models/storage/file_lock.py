"""One copy of the app per book: an OS lock on a lock file beside the book.

SQLite's own exclusive lock is a POSIX advisory lock on the book itself, and POSIX drops
every such lock a process holds on a file as soon as the process closes *any* descriptor
of that file: a file dialog that peeks at the book is enough. So the lock that keeps a
second copy out lives on a separate file that nothing else opens, taken with flock() on
POSIX (bound to our own open file, not to the process) and LockFile on Windows (through
msvcrt); either way the OS frees it when the process dies, so a crash never leaves the
book locked.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

log = logging.getLogger(__name__)

if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def lock_path(book: Path) -> Path:
    return book.with_name(book.name + ".lock")


class BookLock:
    """Held from acquire() until release(); acquire() is False when another copy holds it.

    The lock file is left in place on release: deleting it would let a copy that opened
    it a moment earlier lock a file no longer in the folder while a third creates a new one.
    """

    def __init__(self, book: Path):
        self.path = lock_path(book)
        self._fd: int | None = None

    def acquire(self) -> bool:
        """Raises OSError when the lock file cannot be made (no permission, read-only disk)."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o666)
        if not _try_lock(fd):
            os.close(fd)
            return False
        self._fd = fd
        return True

    # The note (see wal_guard) lives past the first bytes, away from the byte locked on Windows.
    _NOTE_AT = 16
    _NOTE_MAX = 200

    def read_note(self) -> str:
        if self._fd is None:
            return ""
        try:
            os.lseek(self._fd, self._NOTE_AT, os.SEEK_SET)
            return os.read(self._fd, self._NOTE_MAX).decode("ascii", "replace").strip("\0 \n")
        except OSError:
            return ""

    def write_note(self, note: str) -> None:
        """Best effort: a note that cannot be written leaves the check to SQLite alone."""
        if self._fd is None:
            return
        data = note.encode("ascii")[: self._NOTE_MAX].ljust(self._NOTE_MAX, b"\0")
        try:
            os.lseek(self._fd, self._NOTE_AT, os.SEEK_SET)
            os.write(self._fd, data)
        except OSError as exc:
            log.warning("could not write the lock note of %s: %s", self.path, exc)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        finally:
            os.close(fd)
