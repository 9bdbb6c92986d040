"""Separator sheets: one before each batch, so the stack is handed over as it is read."""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from certificates.fonts import RegisteredFonts
from models.domain.templates import Paper

MARK = "TỜ PHÂN CÁCH – KHÔNG TRAO"
MIN_SIZE = 8.0


@dataclass(frozen=True, slots=True)
class Separator:
    number: int
    total: int
    form_label: str
    leader: str
    count_phrase: str  # "9 tập thể, cá nhân"
    names: tuple[str, ...]  # in the order they will be called


def _fitted(value: str, font: str, size: float, width: float) -> tuple[str, float]:
    """Shrink to fit the width, down to MIN_SIZE; below that cut with an ellipsis."""
    w = pdfmetrics.stringWidth(value, font, size)
    if w <= width:
        return value, size
    size = max(MIN_SIZE, size * width / w)
    while value and pdfmetrics.stringWidth(value, font, size) > width:
        value = value[:-2] + "…"
    return value, size


def draw_separator(canvas: Canvas, paper: Paper, fonts: RegisteredFonts, sheet: Separator) -> None:
    width_mm, height_mm = paper.size_mm
    scale = height_mm / 210.0  # A3 sheets get the same layout, larger
    width, height = width_mm * mm, height_mm * mm
    canvas.setPageSize((width, height))
    margin = 18 * mm * scale
    inner = width - 2 * margin

    def line(value: str, font: str, size: float, y_mm: float) -> None:
        value, size = _fitted(value, font, size * scale, inner)
        canvas.setFont(font, size)
        canvas.drawCentredString(width / 2, height - y_mm * scale * mm, value)

    canvas.saveState()
    canvas.setLineWidth(1.2)
    canvas.rect(margin / 2, margin / 2, width - margin, height - margin)
    line(MARK, fonts.regular, 11, 16)
    line(f"ĐỢT {sheet.number}/{sheet.total}", fonts.bold, 40, 36)
    line(f"{sheet.form_label} – {sheet.count_phrase}", fonts.bold, 18, 48)
    line(
        f"Lãnh đạo trao: đồng chí {sheet.leader}" if sheet.leader else "Lãnh đạo trao: (chưa phân công)",
        fonts.italic,
        15,
        58,
    )

    top = height - 70 * scale * mm
    bottom = margin
    columns = 1 if len(sheet.names) <= 12 else 2
    rows = max(1, math.ceil(len(sheet.names) / columns))
    step = min(9 * scale * mm, (top - bottom) / rows)
    size = min(15 * scale, step / mm * 1.9)
    column_width = inner / columns
    for i, name in enumerate(sheet.names):
        col, row = divmod(i, rows)
        x = margin + col * column_width + 4 * mm
        value, fitted = _fitted(f"{i + 1}. {name}", fonts.regular, size, column_width - 8 * mm)
        canvas.setFont(fonts.regular, fitted)
        canvas.drawString(x, top - row * step, value)
    canvas.restoreState()
    canvas.showPage()
