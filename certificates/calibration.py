"""The calibration page: a millimetre grid and crosshairs to measure what a printer shifts.

Printed without correction, the user measures where crosshairs A and B landed (from the
paper's left and top edges) and the app derives the printer's offset and scale.
Printed with the correction, A and B must land on their nominal positions.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from certificates.fonts import RegisteredFonts
from certificates.page import apply_calibration
from models.domain.templates import Paper
from models.storage.atomic import atomic_write
from models.storage.settings import Calibration

MARGIN_MM = 20.0  # crosshair A sits this far from the top-left corner, B from the bottom-right


def _mm(value: float) -> str:
    """Vietnamese writes a decimal comma: 148,5."""
    return f"{value:g}".replace(".", ",")


def _label(canvas: Canvas, fonts: RegisteredFonts, text: str, x: float, y: float, size: float, left: bool) -> None:
    """Text on a white patch, so the grid does not cross it."""
    width = canvas.stringWidth(text, fonts.bold, size)
    x0 = x if left else x - width
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x0 - 1, y - 2, width + 2, size + 2, stroke=0, fill=1)
    canvas.setFillColorRGB(0.8, 0, 0)
    canvas.setFont(fonts.bold, size)
    canvas.drawString(x0, y, text)


def crosshairs(paper: Paper) -> tuple[tuple[float, float], tuple[float, float]]:
    width, height = paper.size_mm
    return (MARGIN_MM, MARGIN_MM), (width - MARGIN_MM, height - MARGIN_MM)


def draw_calibration_page(
    canvas: Canvas, paper: Paper, fonts: RegisteredFonts, calibration: Calibration, printer: str
) -> None:
    width, height = paper.size_mm
    page_h = height * mm
    canvas.setPageSize((width * mm, page_h))

    def at(x: float, y: float) -> tuple[float, float]:
        return x * mm, page_h - y * mm

    canvas.saveState()
    apply_calibration(canvas, calibration, page_h)
    # Grid: a line every 5 mm, darker every 10 mm, numbered every 10 mm along the edges.
    for step, grey, lw in ((5, 0.82, 0.25), (10, 0.55, 0.4)):
        canvas.setStrokeColorRGB(grey, grey, grey)
        canvas.setLineWidth(lw)
        for gx in range(step, int(width), step):
            canvas.line(*at(gx, 5), *at(gx, height - 5))
        for gy in range(step, int(height), step):
            canvas.line(*at(5, gy), *at(width - 5, gy))
    canvas.setFillColorRGB(0.3, 0.3, 0.3)
    canvas.setFont(fonts.regular, 6)
    for gx in range(10, int(width), 10):
        canvas.drawCentredString(*at(gx, 4), str(gx))
    for gy in range(10, int(height), 10):
        canvas.drawString(*at(1.5, gy + 0.8), str(gy))

    (ax, ay), (bx, by) = crosshairs(paper)
    canvas.setStrokeColorRGB(0.8, 0, 0)
    canvas.setFillColorRGB(0.8, 0, 0)
    canvas.setFont(fonts.bold, 9)
    marks: list[tuple[str, float, float]] = [("A", ax, ay), ("B", bx, by), ("C", width / 2, height / 2)]
    for label, x, y in marks:
        canvas.setLineWidth(0.3)
        canvas.line(*at(x - 8, y), *at(x + 8, y))
        canvas.line(*at(x, y - 8), *at(x, y + 8))
        canvas.circle(*at(x, y), 3 * mm, stroke=1, fill=0)
        caption = f"{label} ({_mm(x)}; {_mm(y)} mm)"
        # B is near the right edge: its caption goes to the left, above the line.
        right_side = x < width / 2 + 1
        tx, ty = (x + 4, y - 4) if right_side else (x - 4, y - 4)
        _label(canvas, fonts, caption, *at(tx, ty), 9, left=right_side)

    title = "TRANG CĂN CHỈNH MÁY IN" + (" – ĐÃ HIỆU CHỈNH" if not calibration.is_identity else "")
    lines = [
        f"Máy in: {printer or '(chưa chọn)'} · Khổ giấy: {paper.label} · In ở tỉ lệ 100%, không co giãn.",
        "Dùng thước đo từ mép TRÁI và mép TRÊN của tờ giấy đến tâm dấu chữ thập A và B,",
        "rồi nhập bốn số đo vào mục Căn chỉnh máy in của Vinh Danh.",
        f"Nếu máy in đúng: A ở ({_mm(ax)}; {_mm(ay)}) mm, B ở ({_mm(bx)}; {_mm(by)}) mm; "
        "vạch dưới đây dài đúng 100 mm.",
    ]
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(*at(width / 2 - 95, 82), 190 * mm, 47 * mm, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setFont(fonts.bold, 14)
    canvas.drawCentredString(*at(width / 2, 42), title)
    canvas.setFont(fonts.regular, 10)
    for i, line in enumerate(lines):
        canvas.drawCentredString(*at(width / 2, 50 + i * 6), line)
    canvas.setLineWidth(1)
    canvas.setStrokeColorRGB(0, 0, 0)
    left = width / 2 - 50
    canvas.line(*at(left, 78), *at(left + 100, 78))
    for tick in range(0, 101, 10):
        canvas.line(*at(left + tick, 76 if tick % 50 else 74), *at(left + tick, 78))
    canvas.restoreState()
    canvas.showPage()


def write_calibration_pdf(
    out: Path | str, paper: Paper, fonts: RegisteredFonts, calibration: Calibration, printer: str = ""
) -> None:
    with atomic_write(out, binary=True) as f:
        canvas = Canvas(f, initialFontName=fonts.regular, pageCompression=1, lang="vi")
        canvas.setTitle("Trang căn chỉnh máy in")
        draw_calibration_page(canvas, paper, fonts, calibration, printer)
        canvas.save()
