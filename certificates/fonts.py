"""TrueType fonts for certificates: the bundled Spectral, or any installed family.

reportlab draws an empty box for a letter its font lacks and says nothing, so every font
is checked for the whole Vietnamese alphabet before it is used, and refused otherwise.
"""

from __future__ import annotations

import hashlib
import io
import os
import struct
import sys
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import fontpkg_spectral
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from models.errors import BookError

_BASES = "aăâeêioôơuưy"
_TONES = "\u0300\u0301\u0309\u0303\u0323"
VIETNAMESE_LETTERS = "".join(
    sorted({unicodedata.normalize("NFC", b + t) for b in _BASES for t in ("", *_TONES)} | set("đbcdghklmnpqrstvx"))
)
# Besides the letters, what certificate wording uses: curly quotes, dashes, ellipsis.
REQUIRED = VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper() + "“”–…"

STYLES = ("regular", "bold", "italic")


class FontError(BookError):
    """A font that cannot print Vietnamese certificates."""


@dataclass(frozen=True, slots=True)
class FontFamily:
    name: str
    files: tuple[str, str, str]  # regular, bold, italic


@dataclass(frozen=True, slots=True)
class RegisteredFonts:
    """reportlab names of one family's three styles, ready for a canvas."""

    family: str
    regular: str
    bold: str
    italic: str

    def style(self, name: str) -> str:
        return getattr(self, name)


def bundled() -> FontFamily:
    root = fontpkg_spectral.ROOT / "files"
    return FontFamily(
        "Spectral",
        (str(root / "Spectral-Regular.ttf"), str(root / "Spectral-Bold.ttf"), str(root / "Spectral-Italic.ttf")),
    )


def _sniff(path: Path) -> None:
    try:
        with open(path, "rb") as f:
            head = f.read(4)
    except OSError as exc:
        raise FontError(f"Không đọc được tệp phông chữ “{path}”: {exc.strerror or exc}.") from exc
    if head == b"OTTO":
        raise FontError(
            f"Phông chữ “{path.name}” là OpenType dạng CFF (.otf), chưa dùng được để in. "
            "Hãy chọn bản TrueType (.ttf) của phông này."
        )
    if head not in (b"\x00\x01\x00\x00", b"true"):
        raise FontError(f"Tệp “{path.name}” không phải phông chữ TrueType (.ttf).")


def missing_letters(font: TTFont) -> str:
    covered = font.face.charToGlyph
    return "".join(ch for ch in REQUIRED if ord(ch) not in covered)


_lock = threading.Lock()
_registered: dict[str, str] = {}


def _register_file(path: str) -> str:
    """Register one TTF with reportlab under a stable unique name; checked on first use."""
    resolved = str(Path(path).resolve())
    with _lock:
        if resolved in _registered:
            return _registered[resolved]
        p = Path(resolved)
        _sniff(p)
        digest = hashlib.sha1(resolved.encode("utf-8")).hexdigest()[:8]
        name = f"VD-{p.stem}-{digest}"
        try:
            font = TTFont(name, resolved)
            _trial_page(font)
        except (TTFError, OSError, struct.error, ValueError) as exc:
            raise FontError(f"Không dùng được phông chữ “{p.name}”: {exc}.") from exc
        except (KeyError, IndexError, AttributeError, TypeError, ZeroDivisionError, OverflowError) as exc:
            # reportlab's reader assumes well-formed tables; a damaged file breaks it anywhere.
            raise FontError(f"Tệp phông chữ “{p.name}” bị hỏng ({type(exc).__name__}); hãy chọn phông khác.") from exc
        missing = missing_letters(font)
        if missing:
            shown = " ".join(missing[:40]) + (f" và {len(missing) - 40} chữ khác" if len(missing) > 40 else "")
            raise FontError(
                f"Phông chữ “{p.name}” thiếu {len(missing)} chữ tiếng Việt: {shown}. "
                "In bằng phông này sẽ ra ô vuông thay cho chữ; hãy chọn phông khác (ví dụ Times New Roman)."
            )
        _registered[resolved] = name  # registered with reportlab by its trial page
        return name


def register(family: FontFamily) -> RegisteredFonts:
    names = [_register_file(path) for path in family.files]
    return RegisteredFonts(family.name, *names)


def family_from_files(files: tuple[str, ...] | list[str]) -> FontFamily:
    """The family a template names by its files, or the bundled one when it names none."""
    if not files:
        return bundled()
    if len(files) != 3:
        raise FontError("Mẫu giấy khen cần đủ ba tệp phông: thường, đậm và nghiêng.")
    family, _ = read_names(Path(files[0]))
    return FontFamily(family or Path(files[0]).stem, (files[0], files[1], files[2]))


# --- finding installed families -------------------------------------------------------


def font_dirs() -> list[Path]:
    home = Path.home()
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local"))
        return [windir / "Fonts", local / "Microsoft" / "Windows" / "Fonts"]
    if sys.platform == "darwin":
        return [Path("/Library/Fonts"), Path("/System/Library/Fonts"), home / "Library" / "Fonts"]
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".local/share/fonts", home / ".fonts"]


@lru_cache(maxsize=4096)
def read_names(path: Path) -> tuple[str, str]:
    """(family, style) from a TrueType name table; ("", "") when unreadable.

    Reads only the table directory and the name table, so scanning a Windows font folder
    of several hundred files takes a fraction of a second.
    """
    try:
        with open(path, "rb") as f:
            head = f.read(12)
            if len(head) < 12 or head[:4] not in (b"\x00\x01\x00\x00", b"true"):
                return "", ""
            count = struct.unpack(">H", head[4:6])[0]
            directory = f.read(16 * count)
            for i in range(count):
                tag, _, offset, length = struct.unpack(">4sIII", directory[16 * i : 16 * i + 16])
                if tag == b"name":
                    f.seek(offset)
                    return _parse_name_table(f.read(length))
    except (OSError, struct.error):
        pass
    return "", ""


def _parse_name_table(data: bytes) -> tuple[str, str]:
    _, count, strings = struct.unpack(">HHH", data[:6])
    found: dict[int, str] = {}
    for i in range(count):
        platform, encoding, language, name_id, length, offset = struct.unpack(">6H", data[6 + 12 * i : 18 + 12 * i])
        if name_id not in (1, 2, 16, 17):
            continue
        raw = data[strings + offset : strings + offset + length]
        if platform == 3 and language in (0x409, 0):
            found[name_id] = raw.decode("utf-16-be", "replace")
        elif platform == 1 and name_id not in found:
            found[name_id] = raw.decode("mac_roman", "replace")
    return found.get(16) or found.get(1, ""), found.get(17) or found.get(2, "")


def _style_of(style: str) -> str | None:
    s = style.lower().replace("-", " ").strip()
    if s in ("regular", "normal", "roman", "book", "plain"):
        return "regular"
    if s == "bold":
        return "bold"
    if s in ("italic", "oblique"):
        return "italic"
    return None


def installed_families(dirs: list[Path] | None = None) -> list[FontFamily]:
    """TrueType families on this computer that have regular, bold and italic files."""
    styles: dict[str, dict[str, str]] = {}
    for folder in dirs if dirs is not None else font_dirs():
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix.lower() != ".ttf":
                continue
            family, style = read_names(path)
            kind = _style_of(style)
            if family and kind:
                styles.setdefault(family, {}).setdefault(kind, str(path))
    families = [
        FontFamily(name, (found["regular"], found["bold"], found["italic"]))
        for name, found in styles.items()
        if all(s in found for s in STYLES)
    ]
    return sorted(families, key=lambda f: f.name.lower())


def _trial_page(font: TTFont) -> None:
    """Set a line of Vietnamese in the font and write the page to memory: a damaged font
    often parses and breaks only when its glyphs are subset into a PDF."""
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(font)
    canvas = Canvas(io.BytesIO(), initialFontName=font.fontName)
    canvas.setFont(font.fontName, 12)
    canvas.drawString(10, 10, "Nguyễn Thị Thùy Dung – GIẤY KHEN – Đặng Ước")
    canvas.save()
