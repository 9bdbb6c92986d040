"""The MC's script as a Word document, for MCs who annotate it in Word: the same parts and
type sizes as the PDF (large enough to read at a lectern), each batch's heading kept with
its first names, page numbers at the foot."""

from __future__ import annotations

from pathlib import Path

from docx.shared import Mm, Pt

from models.domain.script import Script, when_line
from models.exports import docx_word as W

BODY_PT = 14


def _lines(document, value: str, **style) -> None:
    for line in value.splitlines():
        if line.strip():
            W.paragraph(document, line, **style)


def write_script_docx(script: Script, out: Path) -> int:
    """The number of batches written."""
    document = W.new_document(size=BODY_PT)
    section = document.sections[0]
    W.page(section, landscape=False, margin_mm=20)
    W.page_numbers(section)
    W.paragraph(document, "KỊCH BẢN TRAO KHEN THƯỞNG", bold=True, size=17, centre=True)
    W.paragraph(document, script.ceremony.title, centre=True)
    when = when_line(script.ceremony)
    if when:
        W.paragraph(document, when, italic=True, centre=True, after=10)
    W.paragraph(document, "I. CÔNG BỐ QUYẾT ĐỊNH", bold=True, size=15, before=10, after=6)
    _lines(document, script.opening)
    W.paragraph(document, f"II. TRAO KHEN THƯỞNG ({len(script.batches)} đợt)", bold=True, size=15, before=10, after=6)
    for sb in script.batches:
        head = W.paragraph(document, sb.heading.upper(), bold=True, before=10)
        head.paragraph_format.keep_with_next = True  # never alone at the foot of a page
        for line in sb.invitation.splitlines():
            if line.strip():
                W.paragraph(document, line, italic=True).paragraph_format.keep_with_next = True
        for n, entry in enumerate(sb.entries, 1):
            p = W.paragraph(document, f"{n}.\t{entry.spoken}", after=2)
            p.paragraph_format.left_indent = Mm(12)
            p.paragraph_format.first_line_indent = Mm(-7)
            p.paragraph_format.tab_stops.add_tab_stop(Mm(12))
            if n == 1:
                p.paragraph_format.keep_with_next = True
    W.paragraph(document, "III. KẾT THÚC", bold=True, size=15, before=10, after=6)
    _lines(document, script.closing)
    document.styles["Normal"].paragraph_format.line_spacing = Pt(19)
    W.save(document, out)
    return len(script.batches)
