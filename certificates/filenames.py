"""File names for one-PDF-per-awardee output: readable, Vietnamese kept, never escaping."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

MAX_NAME = 100  # characters before ".pdf": deep Windows folders still stay under 260
# Linux and macOS count a file name in UTF-8 bytes (at most 255); Vietnamese letters take
# up to 3 bytes and emoji 4, so 100 characters alone could overflow.
MAX_NAME_BYTES = 200
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_DOTS_ONLY = re.compile(r"(?:^|(?<=\s))\.+(?=\s|$)")
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
_RESERVED |= {f"{port}{n}" for port in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³")}


def safe_stem(text: str, fallback: str = "giay-khen") -> str:
    text = unicodedata.normalize("NFC", text)
    # Format and control characters (right-to-left marks, zero-width joiners) hide the real name.
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co"))
    text = _FORBIDDEN.sub(" ", text)
    text = _DOTS_ONLY.sub(" ", text)  # what is left of "../"
    text = re.sub(r"\s+", " ", text).strip(" .")
    text = text[:MAX_NAME]
    while len(text.encode("utf-8")) > MAX_NAME_BYTES:
        text = text[:-1]
    text = text.rstrip(" .")
    if not text:
        text = fallback
    if text.split(".")[0].rstrip(" ").upper() in _RESERVED:
        text = "_" + text
    return text


def certificate_path(folder: Path, index: int, name: str, detail: str) -> Path:
    """ "012 - Nguyễn Thị Thùy Dung - Phường Bồ Đề.pdf" inside `folder`, and nowhere else."""
    stem = safe_stem(f"{index:03d} - {name}" + (f" - {detail}" if detail else ""))
    path = folder / f"{stem}.pdf"
    if path.resolve().parent != folder.resolve():
        raise ValueError(f"unsafe file name: {stem!r}")
    return path
