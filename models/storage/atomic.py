"""Files written whole or not at all: a half-written PDF or settings file is never left."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO


@contextlib.contextmanager
def atomic_write(out: Path | str, *, binary: bool = False, encoding: str = "utf-8") -> Iterator[IO]:
    """Yield a file beside `out`; it replaces `out` only if the block finishes."""
    out = Path(out)
    fd, tmp = tempfile.mkstemp(prefix=".vinhdanh-", suffix=out.suffix, dir=out.parent)
    try:
        f: IO = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding=encoding, newline="")
        with f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        if os.name == "posix":
            # mkstemp makes the file 0600; a PDF for the office share must be as readable
            # as any file the user saves: the mode of the file replaced, or the umask's.
            os.chmod(tmp, _mode_for(out))
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_UMASK_LOCK = threading.Lock()


def _mode_for(out: Path) -> int:
    try:
        return stat.S_IMODE(out.stat().st_mode)
    except FileNotFoundError:
        pass
    with _UMASK_LOCK:  # the umask can only be read by setting it
        mask = os.umask(0o022)
        os.umask(mask)
    return 0o666 & ~mask
