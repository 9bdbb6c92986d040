"""Drawing one certificate on a reportlab canvas: on plain paper or onto a blank form."""

from __future__ import annotations

from dataclasses import replace

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from certificates.content import Certificate
from certificates.fit import LEADING, Fitted, fit, missing_glyphs
from certificates.fonts import RegisteredFonts, family_from_files, register
from certificates.layout import FRAME_INNER_MM, FRAME_OUTER_MM, Slot, blank_slots, slots_for
from certificates.qr import MIN_SIZE_MM, QrPainter
from models.domain.heading import STAR, Heading, HeadingKind
from models.domain.templates import Paper, Placement
from models.storage.settings import Calibration

QR_CAPTION = "Quét mã để đọc tin"
BODY = ("name", "detail", "model", "achievement")
BODY_GAP_MM = 2.5
SLOT_NAME_SIZE = 26.0  # the A4 name size: gaps scale with the paper
DECORATION = ("national", "motto")
# What every certificate of one decision says alike: drawn once as a form and placed on
# each page (about 9 of its 14 texts: two thirds of the drawing of a 1,000-page run).
ISSUE = ("superior", "star", "issuer", "title", "lead", "date_line", "signer_role", "signer_name", "reference")
MAX_ISSUE_FORMS = 64  # beyond this many different headings in one run, texts are drawn on each page
# Rules under headings, as long as the line (the motto, the Party's name) or part of it
# (a state issuer; a Party issuer has its asterisk instead).
RULES = {
    HeadingKind.STATE: {"motto": 1.0, "issuer": 0.4},
    HeadingKind.PARTY: {"national": 1.0},
}
FRAME_RED = (0.6, 0.08, 0.08)
FRAME_GOLD = (0.76, 0.58, 0.2)


def field_texts(cert: Certificate) -> dict[str, str]:
    heading = cert.heading
    return {
        "issuer": cert.issuer,
        "superior": heading.superior if heading.kind is HeadingKind.PARTY else "",
        "star": STAR if heading.kind is HeadingKind.PARTY else "",
        "national": heading.title,
        "motto": heading.motto,
        "title": cert.title,
        "lead": cert.lead,
        "name": cert.name,
        "detail": cert.detail,
        "model": cert.model,
        "achievement": cert.achievement,
        "date_line": cert.date_line,
        "signer_role": cert.signer_role,
        "signer_name": cert.signer_name,
        "reference": cert.reference,
        "register_no": f"Số vào sổ: {cert.register_no}" if cert.register_no else "",
    }


class PageDrawer:
    """Draws pages onto one canvas; reports which boxes could not hold their text."""

    def __init__(self, canvas: Canvas, qr: QrPainter):
        self.canvas = canvas
        self.qr = qr
        self._height = 0.0
        self._text: PDFTextObject | None = None
        self._decorations: dict[tuple[Paper, RegisteredFonts, HeadingKind], str] = {}
        self._ascents: dict[str, tuple[float, float]] = {}  # by reportlab font name
        self._issues: dict[tuple, tuple[str, list[str], set[str]]] = {}  # form, overflowed, missing

    def start_page(self, paper: Paper, fonts: RegisteredFonts) -> None:
        self.missing: set[str] = set()  # characters of this page's texts its font cannot draw
        self.fonts = fonts
        width, height = paper.size_mm
        self._height = height * mm
        self.canvas.setPageSize((width * mm, height * mm))

    # --- text -----------------------------------------------------------------------------

    def _font(self, slot: Slot) -> str:
        """The reportlab font a slot prints in: its own typeface on a blank form, else the page's."""
        return (slot.family or self.fonts).style(slot.style)

    def _ascent(self, slot: Slot) -> tuple[float, float]:
        font = self._font(slot)
        found = self._ascents.get(font)
        if found is None:
            face = pdfmetrics.getFont(font).face
            found = self._ascents[font] = (face.ascent / 1000.0, face.descent / 1000.0)
        return found

    def measure(self, slot: Slot, value: str) -> Fitted | None:
        if not value:
            return None
        if slot.caps:  # str.upper knows Vietnamese: "đ" → "Đ", "ữ" → "Ữ"
            value = value.upper()
        return fit(value, self._font(slot), slot.width * mm, slot.height * mm, slot.size, slot.min_size)

    def block_mm(self, slot: Slot, fitted: Fitted) -> float:
        """Height the fitted text takes, at most its box's."""
        ascent, descent = self._ascent(slot)
        return min(fitted.height(ascent, descent) / mm, slot.height)

    def text(self, slot: Slot, value: str, fitted: Fitted | None = None) -> Fitted | None:
        fitted = fitted or self.measure(slot, value)
        if fitted is None:
            return None
        font = self._font(slot)
        self.missing |= missing_glyphs(value.upper() if slot.caps else value, font)
        width, height = slot.width * mm, slot.height * mm
        ascent, descent = self._ascent(slot)
        left = slot.x * mm
        top = self._height - slot.y * mm
        block = fitted.height(ascent, descent)
        # Centred in its box, so a blank form's box can be drawn around the dotted line.
        baseline = top - max(0.0, (height - block) / 2) - fitted.size * ascent
        if fitted.overflow:
            self._clipped(slot, fitted, left, baseline)
            return fitted
        # One text object per page: far fewer PDF operators than a drawString per line.
        t = self._page_text()
        t.setFont(font, fitted.size)
        t.setFillColorRGB(*slot.color)
        for line, line_width in zip(fitted.lines, fitted.widths, strict=True):
            t.setTextOrigin(self._line_x(slot, left, width, line_width), baseline)
            t.textOut(line)
            baseline -= fitted.size * LEADING
        return fitted

    @staticmethod
    def _line_x(slot: Slot, left: float, width: float, line_width: float) -> float:
        if slot.align == "left":
            return left
        if slot.align == "right":
            return left + width - line_width
        return left + (width - line_width) / 2

    def _clipped(self, slot: Slot, fitted: Fitted, left: float, baseline: float) -> None:
        """Text that does not fit even at the minimum size: cut at the box's edge, never beyond."""
        c = self.canvas
        width, height = slot.width * mm, slot.height * mm
        c.saveState()
        clip = c.beginPath()
        clip.rect(left, self._height - slot.y * mm - height, width, height)
        c.clipPath(clip, stroke=0, fill=0)
        c.setFillColorRGB(*slot.color)
        c.setFont(self._font(slot), fitted.size)
        for line, line_width in zip(fitted.lines, fitted.widths, strict=True):
            c.drawString(self._line_x(slot, left, width, line_width), baseline, line)
            baseline -= fitted.size * LEADING
        c.restoreState()

    def _page_text(self) -> PDFTextObject:
        if self._text is None:
            self._text = self.canvas.beginText()
        return self._text

    def _flush_text(self) -> None:
        if self._text is not None:
            self.canvas.drawText(self._text)
            self._text = None

    def _rule_under(self, slot: Slot, fitted: Fitted | None, fraction: float) -> None:
        """A rule under a one-line box: as long as the line (fraction 1) or a part of it."""
        if fitted is None:
            return
        line_width = max(fitted.widths)
        ascent, descent = self._ascent(slot)
        block = fitted.height(ascent, descent)
        top = self._height - slot.y * mm
        last_baseline = top - max(0.0, (slot.height * mm - block) / 2) - fitted.size * ascent
        last_baseline -= (len(fitted.lines) - 1) * fitted.size * LEADING
        y = last_baseline - fitted.size * 0.42
        centre = slot.x * mm + slot.width * mm / 2
        half = line_width * fraction / 2
        self.canvas.setLineWidth(0.7)
        self.canvas.setStrokeColorRGB(0, 0, 0)
        self.canvas.line(centre - half, y, centre + half, y)

    def qr_code(self, slot: Slot, url: str, caption: bool) -> None:
        if not url:
            return
        size = max(slot.width, MIN_SIZE_MM) * mm
        left = slot.x * mm
        bottom = self._height - slot.y * mm - size
        self.qr.draw(url, left, bottom, size)
        if caption:
            font = self.fonts.italic
            self.canvas.setFont(font, slot.size)
            self.canvas.setFillColorRGB(0.25, 0.25, 0.25)
            self.canvas.drawCentredString(left + size / 2, bottom - slot.size * 1.1, QR_CAPTION)

    # --- whole pages ----------------------------------------------------------------------

    def full(self, cert: Certificate, paper: Paper, fonts: RegisteredFonts) -> list[str]:
        """Border, headings and every field, on plain paper."""
        self.start_page(paper, fonts)
        kind = cert.heading.kind
        self._decoration(paper, kind)
        slots = {name: slot for name, slot in slots_for(paper, kind).items() if name not in DECORATION}
        texts = field_texts(cert)
        drawn = self._issue(paper, kind, slots, texts)
        rest = {name: slot for name, slot in slots.items() if name not in drawn}
        overflow = set(self._fields(rest, texts, cert.qr_url, rules=RULES[kind], fitted=self._stack(rest, texts)))
        overflow.update(drawn[name] for name in drawn if drawn[name])
        self._flush_text()
        return [name for name in slots if name in overflow]

    def _issue(self, paper: Paper, kind: HeadingKind, slots: dict[str, Slot], texts: dict[str, str]) -> dict[str, str]:
        """Place the form of what this decision's certificates share, made on first use.
        Returns the slots it holds, each mapped to its name if its text overflowed, else ""."""
        names = [name for name in ISSUE if name in slots]
        key = (paper, self.fonts, kind, tuple(texts[name] for name in names))
        made = self._issues.get(key)
        if made is None:
            if len(self._issues) >= MAX_ISSUE_FORMS:
                return {}
            form = f"issue{len(self._issues)}"
            width, height = paper.size_mm
            before = self.missing
            self.missing = set()
            self.canvas.beginForm(form, lowerx=0, lowery=0, upperx=width * mm, uppery=height * mm)
            overflowed = self._fields({n: slots[n] for n in names}, texts, "", rules=RULES[kind], fitted={})
            self._flush_text()
            self.canvas.endForm()
            made = (form, overflowed, self.missing)
            self.missing = before
            self._issues[key] = made
        form, overflowed, missing = made
        self.canvas.doForm(form)
        self.missing |= missing
        return {name: name if name in overflowed else "" for name in names}

    def _fields(
        self,
        slots: dict[str, Slot],
        texts: dict[str, str],
        qr_url: str,
        *,
        rules: dict[str, float] | None,
        fitted: dict[str, Fitted],
    ) -> list[str]:
        """Draw each slot's text (or the QR code); the names of those that overflowed.
        Plain paper (rules given) draws the rules under headings and the QR caption."""
        overflow = []
        for name, slot in slots.items():
            if name == "qr":
                self.qr_code(slot, qr_url, caption=rules is not None)
                continue
            done = self.text(slot, texts[name], fitted.get(name))
            if done is not None and done.overflow:
                overflow.append(name)
            if rules and name in rules:
                self._rule_under(slot, done, rules[name])
        return overflow

    def _stack(self, slots: dict[str, Slot], texts: dict[str, str]) -> dict[str, Fitted]:
        """Name, details, model and achievement closed up and centred in their area.

        On plain paper nothing forces a field to its line, so an absent position (a
        collective) or a one-line achievement leaves no hole. Moves the slots in place.
        """
        area_top = slots[BODY[0]].y
        area_bottom = slots[BODY[-1]].y + slots[BODY[-1]].height
        measured = {name: self.measure(slots[name], texts[name]) for name in BODY}
        fitted = {name: f for name, f in measured.items() if f is not None}
        present = [name for name in BODY if name in fitted]
        heights = {name: self.block_mm(slots[name], fitted[name]) for name in present}
        room = area_bottom - area_top - sum(heights.values())
        if room < 0:
            return {}  # cannot close up: every field keeps its own box
        gaps = max(0, len(present) - 1)
        gap = min(BODY_GAP_MM * slots[BODY[0]].size / SLOT_NAME_SIZE, room / gaps if gaps else 0.0)
        y = area_top + (room - gap * gaps) / 2
        for name in present:
            slots[name] = replace(slots[name], y=y, height=heights[name])
            y += heights[name] + gap
        return {name: fitted[name] for name in present}

    def blank(
        self,
        cert: Certificate,
        paper: Paper,
        fonts: RegisteredFonts,
        placements: dict[str, Placement],
        cal: Calibration,
        outline: bool = False,
    ) -> list[str]:
        """Only the variable fields, where the template puts them, corrected for the printer;
        with `outline`, each field's box drawn too (a position test on plain paper)."""
        self.start_page(paper, fonts)
        self.canvas.saveState()
        apply_calibration(self.canvas, cal, self._height)
        slots = blank_slots(paper, placements)
        for name, slot in slots.items():  # a field set in its own typeface (checked before numbering)
            files = placements[name].font_files if name in placements else ()
            if files:
                slots[name] = replace(slot, family=register(family_from_files(files)))
        overflow = self._fields(slots, field_texts(cert), cert.qr_url, rules=None, fitted={})
        self._flush_text()  # inside the calibrated state, so the text moves with the rest
        if outline:
            self._outline(slots)
        self.canvas.restoreState()
        return overflow

    def _outline(self, slots: dict[str, Slot]) -> None:
        """Each field's box and name, thin and grey: a test sheet held against the form."""
        from models.domain.templates import FIELD_LABELS

        c = self.canvas
        c.setStrokeColorRGB(0.45, 0.45, 0.45)
        c.setFillColorRGB(0.45, 0.45, 0.45)
        c.setLineWidth(0.3)
        c.setDash(2, 1.5)
        c.setFont(self.fonts.italic, 5)
        for name, slot in slots.items():
            bottom = self._height - (slot.y + slot.height) * mm
            c.rect(slot.x * mm, bottom, slot.width * mm, slot.height * mm, stroke=1, fill=0)
            # The field's name just above its box, so it never sits on the text being checked.
            c.drawString(slot.x * mm + 1, self._height - slot.y * mm + 1, FIELD_LABELS.get(name, name))
        c.setDash()

    def _decoration(self, paper: Paper, kind: HeadingKind) -> None:
        """Frame and the national title and motto (or the Party's name): the same on every
        page of a heading, so drawn once as a form."""
        key = (paper, self.fonts, kind)
        name = self._decorations.get(key)
        if name is None:
            name = f"decor{len(self._decorations)}"
            width, height = paper.size_mm
            self.canvas.beginForm(name, lowerx=0, lowery=0, upperx=width * mm, uppery=height * mm)
            self._frame(paper)
            slots = slots_for(paper, kind)
            heading = Heading(kind, "")
            texts = {"national": heading.title, "motto": heading.motto}
            self._fields({n: slots[n] for n in DECORATION if n in slots}, texts, "", rules=RULES[kind], fitted={})
            self._flush_text()
            self.canvas.endForm()
            self._decorations[key] = name
        self.canvas.doForm(name)

    def _frame(self, paper: Paper) -> None:
        c = self.canvas
        width, height = (v * mm for v in paper.size_mm)
        k = paper.size_mm[0] / Paper.A4.size_mm[0]
        outer, inner = FRAME_OUTER_MM * mm * k, FRAME_INNER_MM * mm * k
        c.saveState()
        c.setStrokeColorRGB(*FRAME_RED)
        c.setLineWidth(2.4 * k)
        c.rect(outer, outer, width - 2 * outer, height - 2 * outer)
        c.setStrokeColorRGB(*FRAME_GOLD)
        c.setLineWidth(0.9 * k)
        c.rect(inner, inner, width - 2 * inner, height - 2 * inner)
        # A diamond on each inner corner, the usual ornament of a Giấy khen frame.
        c.setFillColorRGB(*FRAME_RED)
        d = 2.6 * mm * k
        for x, y in ((inner, inner), (width - inner, inner), (inner, height - inner), (width - inner, height - inner)):
            p = c.beginPath()
            p.moveTo(x, y + d)
            p.lineTo(x + d, y)
            p.lineTo(x, y - d)
            p.lineTo(x - d, y)
            p.close()
            c.drawPath(p, stroke=0, fill=1)
        c.restoreState()


def apply_calibration(canvas: Canvas, cal: Calibration, page_height: float) -> None:
    """Make a point meant for (x, y) mm from the top-left print at offset + scale * (x, y)."""
    if cal.is_identity:
        return
    canvas.translate(cal.offset_x * mm, -cal.offset_y * mm)
    canvas.translate(0, page_height)
    canvas.scale(cal.scale_x, cal.scale_y)
    canvas.translate(0, -page_height)


PROOF_MARK = "BẢN XEM THỬ"


def draw_watermark(canvas: Canvas, paper: Paper, fonts: RegisteredFonts) -> None:
    """A proof copy says so across the page: large, diagonal, see-through, so no one hands
    it over on stage or files it as issued, yet every name under it stays readable."""
    width, height = (v * mm for v in paper.size_mm)
    size = paper.size_mm[0] / Paper.A4.size_mm[0] * 80
    canvas.saveState()
    canvas.setFillColorRGB(0.85, 0.1, 0.1, alpha=0.22)
    canvas.setFont(fonts.bold, size)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(28)
    canvas.drawCentredString(0, -size / 3, PROOF_MARK)
    canvas.restoreState()
