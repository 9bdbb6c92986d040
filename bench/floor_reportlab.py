"""The floor: the same certificate pages drawn by a bare reportlab script, no app code.

Fixed positions and sizes, no fitting, no templates, no layout objects: the least any
program must do to put these words, fonts, frame and QR code on 1,000 pages. Imported by
bench_certificates.py, which feeds it the same texts the app prints.
"""

from __future__ import annotations

import io
from functools import lru_cache

import segno
from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

# The one setting the app also changes: binary rather than ASCII85 page streams.
rl_config.useA85 = 0


def register(files: tuple[str, str, str]) -> tuple[str, str, str]:
    names = ("FloorRegular", "FloorBold", "FloorItalic")
    for name, path in zip(names, files, strict=True):
        pdfmetrics.registerFont(TTFont(name, path))
    return names


@lru_cache(maxsize=64)
def _matrix(url: str):
    # A link shared by every file is encoded once, as the app does: the floor must not
    # spend what the app does not.
    return segno.make(url, error="m", micro=False).matrix


def _qr(c: Canvas, url: str, x: float, y: float, size: float) -> None:
    matrix = _matrix(url)
    n = len(matrix) + 8
    m = size / n
    p = c.beginPath()
    for r, row in enumerate(matrix):
        col = 0
        while col < len(row):
            if row[col]:
                start = col
                while col < len(row) and row[col]:
                    col += 1
                p.rect(x + (start + 4) * m, y + size - (r + 5) * m, (col - start) * m, m)
            else:
                col += 1
    c.drawPath(p, stroke=0, fill=1)


def draw(pages: list[dict[str, str]], fonts: tuple[str, str, str], out) -> None:
    """pages: dicts of the texts of each certificate (as the app's field_texts) plus "qr"."""
    regular, bold, italic = fonts
    w, h = 297 * mm, 210 * mm
    c = Canvas(out, pagesize=(w, h), initialFontName=regular, pageCompression=1)
    shared = len({p["qr"] for p in pages}) == 1
    if shared and pages:
        c.beginForm("qr", lowerx=0, lowery=0, upperx=26 * mm, uppery=26 * mm)
        _qr(c, pages[0]["qr"], 0, 0, 26 * mm)
        c.endForm()
    for t in pages:
        c.setStrokeColorRGB(0.6, 0.08, 0.08)
        c.setLineWidth(2.4)
        c.rect(7 * mm, 7 * mm, w - 14 * mm, h - 14 * mm)
        c.setStrokeColorRGB(0.76, 0.58, 0.2)
        c.setLineWidth(0.9)
        c.rect(10 * mm, 10 * mm, w - 20 * mm, h - 20 * mm)
        c.setFillColorRGB(0, 0, 0)
        c.setFont(regular, 12)
        c.drawCentredString(72 * mm, h - 17 * mm, t["superior"])
        c.drawCentredString(72 * mm, h - 31 * mm, t["star"])
        c.setFont(bold, 12.5)
        c.drawCentredString(72 * mm, h - 24 * mm, t["issuer"])
        c.drawCentredString(205 * mm, h - 22 * mm, t["national"])
        c.setFont(bold, 13.5)
        c.drawCentredString(205 * mm, h - 29 * mm, t["motto"])
        c.line(175 * mm, h - 31 * mm, 235 * mm, h - 31 * mm)
        c.setFillColorRGB(0.78, 0.06, 0.06)
        c.setFont(bold, 46)
        c.drawCentredString(w / 2, h - 52 * mm, t["title"])
        c.setFillColorRGB(0, 0, 0)
        c.setFont(italic, 17)
        c.drawCentredString(w / 2, h - 63 * mm, t["lead"])
        c.setFillColorRGB(0.05, 0.14, 0.42)
        c.setFont(bold, 26)
        c.drawCentredString(w / 2, h - 77 * mm, t["name"])
        c.setFillColorRGB(0, 0, 0)
        c.setFont(regular, 15)
        c.drawCentredString(w / 2, h - 88 * mm, t["detail"])
        c.setFont(italic, 14)
        c.drawCentredString(w / 2, h - 96 * mm, t["model"])
        c.setFont(regular, 15)
        for i, line in enumerate(t["achievement"].split("\n")):
            c.drawCentredString(w / 2, h - (106 + 6.5 * i) * mm, line)
        c.setFont(italic, 13.5)
        c.drawCentredString(215 * mm, h - 127 * mm, t["date_line"])
        c.setFont(bold, 13.5)
        for i, line in enumerate(t["signer_role"].split("\n")):
            c.drawCentredString(215 * mm, h - (134 + 6 * i) * mm, line)
        c.setFont(bold, 14.5)
        c.drawCentredString(215 * mm, h - 182 * mm, t["signer_name"])
        c.setFont(italic, 11)
        c.drawString(20 * mm, h - 173 * mm, t["reference"])
        c.setFont(regular, 11)
        c.drawString(20 * mm, h - 180 * mm, t["register_no"])
        if shared:
            c.saveState()
            c.translate(22 * mm, h - 152 * mm)
            c.doForm("qr")
            c.restoreState()
        else:
            _qr(c, t["qr"], 22 * mm, h - 152 * mm, 26 * mm)
        c.showPage()
    c.save()


def draw_bytes(pages, fonts) -> bytes:
    buffer = io.BytesIO()
    draw(pages, fonts, buffer)
    return buffer.getvalue()
