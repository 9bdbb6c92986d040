"""The decision annex (`models.reports.annex`) as an A4 PDF, to staple to the signed decision.

Each list starts on a new page, landscape for the awardees' seven columns and portrait for
a prize list, with the issuer and national motto, the title, a ruled table whose header is
repeated on every page, the total and the signature block.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    LayoutError,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from certificates.fonts import RegisteredFonts, bundled, register
from models.domain.heading import STAR, HeadingKind
from models.errors import BookError
from models.reports.annex import Annex, AnnexTable
from models.storage.atomic import atomic_write

MARGIN = 15 * mm
TAIL_ROWS = 2
_PAGES = {"portrait": A4, "landscape": landscape(A4)}
# Tables are sized to the frame; reportlab's default 6 pt frame padding would push them past it.
_NO_PADDING = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}


def _inner(page: tuple[float, float]) -> tuple[float, float]:
    return page[0] - 2 * MARGIN, page[1] - 2 * MARGIN


def _styles(fonts: RegisteredFonts) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=fonts.regular, fontSize=11, leading=14)
    centre = ParagraphStyle("centre", body, alignment=1)
    bold = ParagraphStyle("bold", centre, fontName=fonts.bold, fontSize=12, leading=15)
    return {
        "body": body,
        "cell": ParagraphStyle("cell", body, fontSize=10.5, leading=13),
        "number": ParagraphStyle("number", centre, fontSize=10.5, leading=13),
        "head": ParagraphStyle("head", bold, fontSize=10.5, leading=13),
        "section": ParagraphStyle("section", body, fontName=fonts.bold, fontSize=10.5, leading=13),
        "bold": bold,
        "centre": ParagraphStyle("heading", centre, fontSize=12, leading=15),
        "title": ParagraphStyle("title", bold, fontSize=14, leading=18, spaceBefore=8 * mm),
        "reference": ParagraphStyle("reference", centre, fontName=fonts.italic, spaceAfter=5 * mm),
        "total": ParagraphStyle("total", body, fontName=fonts.bold, spaceBefore=3 * mm),
    }


def _font(s: dict) -> tuple:
    """A table sets its cell font even for cells that hold paragraphs; left alone it is Helvetica."""
    return ("FONTNAME", (0, 0), (-1, -1), s["body"].fontName)


def _p(value, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(str(value or "")), style)


def _head_block(table: AnnexTable, s: dict, width: float) -> list:
    h = table.heading
    if h.kind is HeadingKind.PARTY:
        left = [_p(h.superior, s["centre"])] if h.superior else []
        left += [_p(h.issuer, s["bold"]), _p(STAR, s["centre"])]
        right = [Paragraph(f"<u>{escape(h.title)}</u>", s["bold"])]
    else:
        left = [_p(h.issuer or " ", s["bold"])]
        right = [_p(h.title, s["bold"]), Paragraph(f"<u>{escape(h.motto)}</u>", s["bold"])]
    block = Table([[left, right]], colWidths=[width * 0.42, width * 0.58])
    block.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0), _font(s)]))
    return [
        block,
        Paragraph("DANH SÁCH", s["title"]),
        *(Paragraph(escape(line), s["bold"]) for line in table.title_lines),
        Paragraph(escape(f"(Kèm theo {table.reference})"), s["reference"]),
    ]


class _ListTable(Table):
    """Splits inside a row only when that row could not fit on a page of its own.

    reportlab's splitInRow would otherwise also cut rows that merely reach the foot of the
    page, and leave pages holding nothing but repeated headers. reportlab makes the pieces
    with the class's own constructor, so the page height is a class attribute.
    """

    frame_height = 0.0

    def split(self, availWidth, availHeight):  # noqa: N803 (reportlab's names)
        heights = getattr(self, "_rowHeights", None) or []
        self.splitInRow = int(len(heights) > 1 and heights[0] + heights[1] > self.frame_height)
        return super().split(availWidth, availHeight)


@lru_cache(maxsize=4)
def _list_table_class(frame_height: float) -> type[_ListTable]:
    return type("ListTable", (_ListTable,), {"frame_height": frame_height})


def _row_height(row: list, widths: list[float]) -> float:
    """A row's height as the table will lay it out: "" cells belong to the span before them."""
    tallest, i = 0.0, 0
    while i < len(row):
        span, j = widths[i], i + 1
        while j < len(row) and row[j] == "":
            span, j = span + widths[j], j + 1
        tallest = max(tallest, row[i].wrap(span - 6, 1e6)[1])  # 3 pt padding either side
        i = j
    return tallest + 6


def _list_and_close(table: AnnexTable, s: dict, width: float, height: float, first_room: float) -> list:
    """The ruled list, the total and the signature, as one table per page.

    Pages are cut here, from row heights measured once: one reportlab table split at every
    page re-measures all the rows left and made a 10,000-row list quadratic. Each page has
    the header row, and the last rows travel with the total and the signature, so a page
    never holds the signature cut off from its list. Should a page come out taller than
    measured, the table still splits as before.
    """
    columns = len(table.header)
    unit = width / sum(table.widths)
    widths = [w * unit for w in table.widths]
    # The body as plain values; its paragraphs are made per page as the page is laid out,
    # so a 50,000-row list never holds 350,000 paragraphs at once.
    body: list[tuple[list, bool]] = []  # (values, is a section row)
    for section in table.sections:
        body.append(([section.mark, section.label], True))
        body += [(values, False) for values in section.rows]

    def cells(values: list, section: bool) -> list:
        if section:
            return [_p(values[0], s["head"]), _p(values[1], s["section"])] + [""] * (columns - 2)
        return [_p(values[0], s["number"])] + [_p(v, s["cell"]) for v in values[1:]]

    def header() -> list:
        return [_p(label, s["head"]) for label in table.header]

    def closing() -> list:
        rows = [[Paragraph(escape(table.total), s["total"])] + [""] * (columns - 1)]
        if table.signature:
            lines = [Paragraph(escape(line), s["bold"]) for line in table.signature[:-1]]
            lines += [Spacer(1, 22 * mm), Paragraph(escape(table.signature[-1]), s["bold"])]
            block = Table([["", lines]], colWidths=[width * 0.45, width * 0.55])
            block.setStyle(TableStyle([_font(s)]))
            rows.append([block] + [""] * (columns - 1))
        return rows

    head_height = _row_height(header(), widths)
    heights = [_row_height(cells(values, section), widths) for values, section in body]
    closing_height = sum(row[0].wrap(width, height)[1] for row in closing()) + 4 * mm
    pages = _paginate(heights, head_height, closing_height, first_room * 0.98, height * 0.98)

    def page_table(n: int, first: int, last: int) -> Table:
        rows = [header()] + [cells(values, section) for values, section in body[first:last]]
        style = [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            _font(s),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("GRID", (0, 0), (-1, len(rows) - 1), 0.5, colors.black),
        ]
        style += [("SPAN", (1, i + 1), (-1, i + 1)) for i, (_, section) in enumerate(body[first:last]) if section]
        if n == len(pages) - 1:
            listed = len(rows)
            rows += closing()
            style += [("SPAN", (0, line), (-1, line)) for line in range(listed, len(rows))]
            style.append(("LEFTPADDING", (0, listed), (-1, -1), 0))
        made = _list_table_class(height)(rows, colWidths=widths, repeatRows=1)
        made.setStyle(TableStyle(style))
        return made

    story: list = []
    for n, (first, last) in enumerate(pages):
        story.append(_LaterTable(lambda n=n, first=first, last=last: page_table(n, first, last)))
        if n < len(pages) - 1:
            story.append(PageBreak())
    return story


class _LaterTable(Flowable):
    """A page of the list, made when the page is laid out and let go once drawn."""

    def __init__(self, make):
        super().__init__()
        self._make = make
        self._table: Table | None = None

    def _made(self) -> Table:
        if self._table is None:
            self._table = self._make()
        return self._table

    def wrap(self, availWidth, availHeight):  # noqa: N803 (reportlab's names)
        self.width, self.height = self._made().wrap(availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth, availHeight):  # noqa: N803
        return self._made().split(availWidth, availHeight)

    def draw(self) -> None:
        table = self._made()
        table.drawOn(self.canv, 0, 0)
        self._table = None


def _paginate(
    heights: list[float], head: float, closing: float, first_room: float, room: float
) -> list[tuple[int, int]]:
    """Body rows per page as (first, last) slices: as many as fit under the header row, the
    last page keeping at least TAIL_ROWS rows (when there are that many) with the closing."""
    pages: list[tuple[int, int]] = []
    start, available = 0, first_room
    while True:
        used, end = head, start
        while end < len(heights) and used + heights[end] <= available:
            used, end = used + heights[end], end + 1
        if end == start and start < len(heights):
            end = start + 1  # a row taller than a page: its table splits it
        rest_fits = end == len(heights) and used + closing <= available
        if rest_fits:
            pages.append((start, end))
            return pages
        if end == len(heights):
            # Everything fits but the closing: keep the last rows for the next page with it.
            keep = min(TAIL_ROWS, end - start - 1) if end - start > 1 else 0
            if keep <= 0:
                pages.append((start, end))
                pages.append((end, end))
                return pages
            end -= keep
        pages.append((start, end))
        start, available = end, room


def write_annex_pdf(annex: Annex, out: Path | str, fonts: RegisteredFonts | None = None) -> int:
    """Write every list of the annex, whole or not at all; returns the number of pages."""
    if not annex.tables:
        raise BookError("Chưa có tập thể, cá nhân nào gắn với một quyết định, nên chưa có danh sách kèm theo để in.")
    fonts = fonts or register(bundled())
    s = _styles(fonts)
    orientations = ["landscape" if t.landscape else "portrait" for t in annex.tables]
    story: list = []
    for i, (table, orientation) in enumerate(zip(annex.tables, orientations, strict=True)):
        width, height = _inner(_PAGES[orientation])
        if i:
            story += [NextPageTemplate(orientation), PageBreak()]
        head = _head_block(table, s, width)
        used = sum(f.wrap(width, height)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in head)
        story += head
        story += _list_and_close(table, s, width, height, height - used)

    def footer(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(fonts.italic, 9)
        canvas.drawCentredString(doc.pagesize[0] / 2, 8 * mm, f"Trang {doc.page}")
        canvas.restoreState()

    # The first list's orientation must be the first template: it is the one page 1 uses.
    names = sorted(_PAGES, key=lambda name: name != orientations[0])
    templates = [
        PageTemplate(
            id=name,
            frames=[Frame(MARGIN, MARGIN, *_inner(_PAGES[name]), id=name, **_NO_PADDING)],
            pagesize=_PAGES[name],
            onPage=footer,
        )
        for name in names
    ]
    with atomic_write(out, binary=True) as f:
        doc = BaseDocTemplate(
            f,
            pagesize=_PAGES[orientations[0]],
            pageTemplates=templates,
            title="Danh sách kèm theo quyết định",
            creator="Vinh Danh",
            lang="vi",
            initialFontName=fonts.regular,
        )
        try:
            doc.build(story)
        except LayoutError as exc:
            raise BookError(
                "Không dàn được danh sách kèm theo lên trang A4: có một dòng quá dài. "
                "Hãy rút gọn tên, đơn vị hoặc tên mô hình dài bất thường rồi in lại."
            ) from exc
        return doc.page
