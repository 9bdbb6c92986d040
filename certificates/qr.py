"""QR codes drawn as vectors: sharp at any printer resolution, and small in the PDF.

A whole ceremony usually links to one article, so its code is drawn once as a PDF form
and placed on every page; per-certificate links are drawn each time.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

import segno
from reportlab.pdfgen.canvas import Canvas

QUIET_ZONE = 4  # modules of white around the symbol, as the standard asks
MIN_SIZE_MM = 20.0
# Choosing the best of the eight masks is 80 % of making a code (4.2 ms against 0.8 ms).
# A link printed on one page only takes this one, which segno itself picks most often for
# the app's links; any mask is valid and every reader reads it (tests decode with zxing-cpp).
# A link shared by many pages is made once, so it still gets the best mask.
ONE_PAGE_MASK = 2


@lru_cache(maxsize=64)
def runs(url: str, *, best_mask: bool = True) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """(modules across incl. quiet zone, dark runs as (row, first column, length))."""
    matrix = segno.make(url, error="m", micro=False, mask=None if best_mask else ONE_PAGE_MASK).matrix
    found = []
    for r, row in enumerate(matrix):
        c, n = 0, len(row)
        while c < n:
            if row[c]:
                start = c
                while c < n and row[c]:
                    c += 1
                found.append((r + QUIET_ZONE, start + QUIET_ZONE, c - start))
            else:
                c += 1
    return len(matrix) + 2 * QUIET_ZONE, tuple(found)


def _draw(canvas: Canvas, url: str, x: float, y: float, size: float, *, best_mask: bool = True) -> None:
    """Symbol with its quiet zone filling the square size x size whose lower-left is (x, y)."""
    modules, dark = runs(url, best_mask=best_mask)
    m = size / modules
    top = y + size
    path = canvas.beginPath()
    for row, col, length in dark:
        path.rect(x + col * m, top - (row + 1) * m, length * m, m)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawPath(path, stroke=0, fill=1)


class QrPainter:
    """Draws codes on one document, reusing a form for a link seen before."""

    def __init__(self, canvas: Canvas, repeated: set[str]):
        self.canvas = canvas
        self.repeated = repeated  # links on more than one page: worth a form
        self._forms: dict[tuple[str, float], str] = {}

    def draw(self, url: str, x: float, y: float, size: float) -> None:
        if url not in self.repeated:
            _draw(self.canvas, url, x, y, size, best_mask=False)
            return
        key = (url, round(size, 3))
        name = self._forms.get(key)
        if name is None:
            name = "qr" + hashlib.sha1(f"{url}|{size}".encode()).hexdigest()[:12]
            self.canvas.beginForm(name, lowerx=0, lowery=0, upperx=size, uppery=size)
            _draw(self.canvas, url, 0, 0, size)
            self.canvas.endForm()
            self._forms[key] = name
        self.canvas.saveState()
        self.canvas.translate(x, y)
        self.canvas.doForm(name)
        self.canvas.restoreState()
