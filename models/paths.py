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
