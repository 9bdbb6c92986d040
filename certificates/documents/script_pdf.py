"""The MC's script as a printable A4 PDF, large enough to read at a lectern."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, SimpleDocTemplate, Spacer

from certificates.fonts import RegisteredFonts, bundled, register
from models.domain.script import Script, when_line
from models.storage.atomic import atomic_write


def _styles(fonts: RegisteredFonts) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=fonts.regular, fontSize=14, leading=19, spaceAfter=4)
    return {
        "title": ParagraphStyle("title", body, fontName=fonts.bold, fontSize=17, leading=22, alignment=1),
        "subtitle": ParagraphStyle("subtitle", body, alignment=1, spaceAfter=2),
        "when": ParagraphStyle("when", body, fontName=fonts.italic, alignment=1, spaceAfter=10),
        "section": ParagraphStyle("section", body, fontName=fonts.bold, fontSize=15, spaceBefore=10, spaceAfter=6),
        "batch": ParagraphStyle("batch", body, fontName=fonts.bold, spaceBefore=10),
        "invite": ParagraphStyle("invite", body, fontName=fonts.italic),
        "name": ParagraphStyle("name", body, leftIndent=12 * mm, firstLineIndent=-7 * mm, spaceAfter=2),
        "body": body,
    }


def _paragraphs(value: str, style: ParagraphStyle) -> list[Paragraph]:
    return [Paragraph(escape(line), style) for line in value.splitlines() if line.strip()]


def write_script_pdf(script: Script, out: Path | str, fonts: RegisteredFonts | None = None) -> int:
    """Write the script; returns the number of pages."""
    fonts = fonts or register(bundled())
    s = _styles(fonts)
    story = [
        Paragraph("KỊCH BẢN TRAO KHEN THƯỞNG", s["title"]),
        Paragraph(escape(script.ceremony.title), s["subtitle"]),
    ]
    when = when_line(script.ceremony)
    if when:
        story.append(Paragraph(escape(when), s["when"]))
    story.append(Paragraph("I. CÔNG BỐ QUYẾT ĐỊNH", s["section"]))
    story += _paragraphs(script.opening, s["body"])
    story.append(Paragraph(f"II. TRAO KHEN THƯỞNG ({len(script.batches)} đợt)", s["section"]))
    for sb in script.batches:
        head = [Paragraph(escape(sb.heading.upper()), s["batch"]), *_paragraphs(sb.invitation, s["invite"])]
        names = [Paragraph(f"{n}.&nbsp;&nbsp;{escape(e.spoken)}", s["name"]) for n, e in enumerate(sb.entries, 1)]
        # A batch's heading never sits alone at the foot of a page.
        story += [CondPageBreak(60 * mm), KeepTogether(head + names[:2]), *names[2:]]
    story.append(Paragraph("III. KẾT THÚC", s["section"]))
    story += _paragraphs(script.closing, s["body"])
    story.append(Spacer(1, 4 * mm))

    def footer(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(fonts.italic, 10)
        canvas.drawCentredString(A4[0] / 2, 10 * mm, f"Trang {doc.page}")
        canvas.restoreState()

    with atomic_write(out, binary=True) as f:
        doc = SimpleDocTemplate(
            f,
            pagesize=A4,
            leftMargin=25 * mm,
            rightMargin=18 * mm,
            topMargin=18 * mm,
            bottomMargin=18 * mm,
            title="Kịch bản trao khen thưởng",
            creator="Vinh Danh",
            lang="vi",
            initialFontName=fonts.regular,
        )
        doc.build(story, onFirstPage=footer, onLaterPages=footer)
        return doc.page
