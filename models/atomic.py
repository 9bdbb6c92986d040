"""Files written whole or not at all: a half-written PDF or settings file is never left."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


@contextlib.contextmanager
def atomic_write(out: Path | str, *, binary: bool = False, encoding: str = "utf-8") -> Iterator[IO]:
    """Yield a file beside `out`; it replaces `out` only if the block finishes."""
    out = Path(out)
    fd, tmp = tempfile.mkstemp(prefix=".vinhdanh-", suffix=out.suffix, dir=out.parent)
    try:
        if binary:
            f = os.fdopen(fd, "wb")
        else:
            f = os.fdopen(fd, "w", encoding=encoding, newline="")
        with f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
