"""Is there a screen to open a window on? Asked before Qt is started, because Qt aborts the
whole process with an English message when it finds none (a server, an SSH session)."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from models.errors import BookError

NO_SCREEN = (
    "Không tìm thấy màn hình để mở cửa sổ Vinh Danh (máy đang chạy không có giao diện, hoặc "
    "biến DISPLAY chưa đặt). Hãy chạy ứng dụng trên máy có màn hình; các lệnh không cần màn "
    "hình vẫn dùng được ở đây (xem: python main.py --help)."
)


def screen_missing(environ=os.environ, platform: str = sys.platform) -> bool:
    if platform in ("win32", "darwin") or environ.get("QT_QPA_PLATFORM") or environ.get("WAYLAND_DISPLAY"):
        return False
    display = environ.get("DISPLAY", "")
    if not display:
        return True
    local = re.fullmatch(r"(?:unix)?:(\d+)(?:\.\d+)?", display)
    if local:  # a local X server listens on its socket; none there means none running
        return not Path(f"/tmp/.X11-unix/X{local[1]}").exists()
    return False  # a remote display: let Qt try it


def require_screen() -> None:
    if screen_missing():
        raise BookError(NO_SCREEN)
