"""Fitting text into a box: shrink to a minimum size, then wrap; report what still overflows.

Widths are measured once at 1 pt and scaled, because a TrueType width is linear in the
size, and remembered: most of a certificate (headings, achievement, signer) is the same on
every page, and reportlab measures a string one letter at a time in Python.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from reportlab.pdfbase import pdfmetrics

LEADING = 1.2  # baseline to baseline, in multiples of the size
_STEP = 0.5  # points between sizes tried when wrapping


@dataclass(frozen=True, slots=True)
class Fitted:
    lines: tuple[str, ...]
    widths: tuple[float, ...]  # of each line, in points at `size`
    size: float
    overflow: bool  # even at the minimum size the text is larger than the box

    def height(self, ascent: float, descent: float) -> float:
        return text_height(len(self.lines), self.size, ascent, descent)


def text_height(n_lines: int, size: float, ascent: float, descent: float) -> float:
    """From the top of the first line's tallest mark to the bottom of the last descender."""
    return size * (ascent - descent) + (n_lines - 1) * size * LEADING if n_lines else 0.0


@lru_cache(maxsize=65536)
def width_at_1pt(text: str, font: str) -> float:
    return pdfmetrics.stringWidth(text, font, 1.0)


@lru_cache(maxsize=8192)
def missing_glyphs(text: str, font: str) -> frozenset[str]:
    """Characters of `text` the font cannot draw: they would print as nothing at all."""
    covered = pdfmetrics.getFont(font).face.charToGlyph
    # Whitespace and format characters (joiners) are not drawn anyway.
    return frozenset(
        ch for ch in text if ord(ch) not in covered and not ch.isspace() and unicodedata.category(ch) != "Cf"
    )


@lru_cache(maxsize=64)
def _metrics(font: str) -> tuple[float, float]:
    face = pdfmetrics.getFont(font).face
    return face.ascent / 1000.0, face.descent / 1000.0


def _wrap(paragraph: str, width_at_1pt: float, measure) -> list[str]:
    """Greedy wrap at spaces; a word wider than the line is cut between letters."""
    lines: list[str] = []
    current = ""
    for word in paragraph.split():
        candidate = f"{current} {word}" if current else word
        if measure(candidate) <= width_at_1pt:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        while measure(word) > width_at_1pt and len(word) > 1:
            lo, hi = 1, len(word) - 1  # the longest prefix that fits, at least one letter
            while lo < hi:
                mid = (lo + hi + 1) // 2
                if measure(word[:mid]) <= width_at_1pt:
                    lo = mid
                else:
                    hi = mid - 1
            lines.append(word[:lo])
            word = word[lo:]
        current = word
    lines.append(current)
    return lines


@lru_cache(maxsize=8192)
def fit(text: str, font: str, width: float, height: float, max_size: float, min_size: float) -> Fitted:
    """Lay out `text` (explicit newlines kept) inside width x height points."""
    paragraphs = text.split("\n") if text else []
    if not paragraphs:
        return Fitted((), (), max_size, False)
    ascent, descent = _metrics(font)

    def measure(s: str) -> float:
        return width_at_1pt(s, font)

    def fitted(lines: list[str], size: float, overflow: bool) -> Fitted:
        return Fitted(tuple(lines), tuple(measure(line) * size for line in lines), size, overflow)

    widest = max(measure(p) for p in paragraphs) or 1e-9
    n = len(paragraphs)
    size = min(max_size, width / widest, height / text_height(n, 1.0, ascent, descent))
    if size >= min_size:
        return fitted(paragraphs, _floor(size), False)
    size = max_size
    while size >= min_size - 1e-9:
        lines = [line for p in paragraphs for line in _wrap(p, width / size, measure)]
        if text_height(len(lines), size, ascent, descent) <= height:
            return fitted(lines, size, False)
        size -= _STEP
    lines = [line for p in paragraphs for line in _wrap(p, width / min_size, measure)]
    return fitted(lines, min_size, True)


def _floor(size: float) -> float:
    """A tenth of a point below, so rounding can never push a line past its box."""
    return int(size * 10) / 10
