"""Where tracebacks go: a rotating log file beside the data, for support; never the screen."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from models.storage import paths


def log_to_file() -> Path | None:
    """Send every log record to vinhdanh.log in the data folder; None if it cannot be made."""
    try:
        folder = paths.data_dir()
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            folder / "vinhdanh.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    # A full disk under the log must not print "--- Logging error ---" pages at the user.
    logging.raiseExceptions = False
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.INFO)
    return Path(handler.baseFilename)
