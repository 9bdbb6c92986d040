"""Where the app keeps its files on Windows, macOS and Linux."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR = "VinhDanh"


def data_dir() -> Path:
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_DIR


def cache_dir() -> Path:
    if sys.platform == "win32":
        return data_dir() / "cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / APP_DIR
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / APP_DIR


def default_database() -> Path:
    return data_dir() / "vinhdanh.sqlite"


def settings_file() -> Path:
    return data_dir() / "settings.json"


def check_book_path(path: Path) -> None:
    """A book is a regular file, or a new name in an existing folder: never a device, a pipe
    or a folder (SQLite would leave its journal beside /dev/null, `demo --force` replace it)."""
    from models.errors import StorageError

    if path.exists() and not path.is_file():
        raise StorageError(
            f"“{path}” không phải một tệp dữ liệu (là thư mục, thiết bị hay đường ống); "
            "hãy chọn một tệp .sqlite. Không có gì bị thay đổi."
        )
