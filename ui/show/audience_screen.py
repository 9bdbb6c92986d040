"""The hall's screen: the ceremony title and who is on stage, in type read from the back row.

Painted by hand from a cached layout so that a key press repaints in well under a frame.
Projectors wash out colour, so the contrast is strong: gold and white on deep red, and
black when the MC blanks the screen.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import QWidget

from models.domain.live import Slide
from ui.show.show_controller import ShowController

BACKGROUND = QColor("#7b0d0d")
GOLD = QColor("#ffd54a")
WHITE = QColor("#ffffff")
SOFT = QColor("#f3dcc0")
WRAP = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter
CENTRE = Qt.AlignmentFlag.AlignCenter
# A name sits on its detail line, not floating half a row above it.
ABOVE_DETAIL = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom
# Read from the back of a hall: a name never smaller than 4 % of the screen's height, a
# position-and-unit line never smaller than 3.4 % (unless a batch of dozens leaves no room).
UNDER_NAME = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
NAME_FLOOR = 0.04
DETAIL_FLOOR = 0.034
DETAIL_LINES = 2
NBSP = "\u00a0"


def whole_people(names: str) -> str:
    """Several authors of one work break between people, never inside a person's name:
    "Đỗ Thị Hằng, Nguyễn Văn An" may wrap after the comma but not after "Đỗ Thị". A single
    name (a collective's may be long) wraps as it must."""
    if "," not in names:
        return names
    return ", ".join(part.strip().replace(" ", NBSP) for part in names.split(","))


def _unit_whole(detail: str) -> str:
    """The unit after the last comma wraps as one piece ("Phường Long Biên", not "Long / Biên")."""
    head, comma, unit = detail.rpartition(", ")
    return f"{head}, {unit.replace(' ', NBSP)}" if comma and len(unit) <= 40 else detail


def _elided(text: str, font: QFont, width: float, lines: int) -> str:
    """The text cut at a word, with "…", so that it wraps into `lines` lines of `width`.
    The unit after the last comma is what the hall looks for ("…, Phường Đức Giang"): the
    position before it is cut first."""
    metrics = QFontMetricsF(font)
    box = QRectF(0, 0, width, metrics.lineSpacing() * lines + 1)

    def fits(candidate: str) -> bool:
        return metrics.boundingRect(box, int(WRAP), candidate).height() <= box.height()

    def most_words(words: list[str], tail: str) -> str | None:
        low, high = 0, len(words)
        while low < high:  # the most words that fit with the ellipsis
            middle = (low + high + 1) // 2
            if fits(" ".join(words[:middle]) + "…" + tail):
                low = middle
            else:
                high = middle - 1
        return " ".join(words[:low]) + "…" + tail if low else None

    if fits(text):
        return text
    head, comma, unit = text.rpartition(", ")
    if comma and fits(f"…, {unit}"):
        return most_words(head.split(" "), f", {unit}") or f"…, {unit}"
    return most_words(text.split(" "), "") or metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)


@dataclass(frozen=True, slots=True)
class _Text:
    rect: QRectF
    font: QFont
    colour: QColor
    text: str
    flags: int  # Qt.AlignmentFlag and Qt.TextFlag combined, as QPainter.drawText takes them


def _font(family: str, pixels: float, bold: bool = False) -> QFont:
    font = QFont(family)
    font.setPixelSize(max(8, int(pixels)))
    font.setBold(bold)
    return font


def _fits(family: str, texts: list[str], width: float, height: float, size: float, bold: bool) -> bool:
    metrics = QFontMetricsF(_font(family, size, bold))
    box = QRectF(0, 0, width, height)
    for t in texts:
        bounds = metrics.boundingRect(box, int(WRAP), t)
        if bounds.height() > height or bounds.width() > width:
            return False
    return True


def _fitted_size(family: str, texts: list[str], width: float, height: float, start: float, bold: bool) -> float:
    """The largest pixel size up to `start` at which every text wraps inside width × height."""
    texts = [t for t in texts if t]
    if not texts or _fits(family, texts, width, height, start, bold):
        return start
    low, high = 10.0, start
    for _ in range(7):
        middle = (low + high) / 2
        if _fits(family, texts, width, height, middle, bold):
            low = middle
        else:
            high = middle
    return low


def _names(
    slide: Slide, family: str, left: float, top: float, width: float, height: float, screen: float
) -> list[_Text]:
    """The names on stage, in one to three columns, whichever gives the largest names once
    each row keeps room for its position and unit at a size the back row can read."""
    count = len(slide.names)
    details = [d for _, d in slide.names if d]
    people = [whole_people(n) for n, _ in slide.names]
    detail_floor = screen * DETAIL_FLOOR
    best = None
    for columns in (1, 2, 3):
        if columns > count or (columns == 3 and count <= 12):
            break
        rows = math.ceil(count / columns)
        row_height, cell_width = height / rows, width / columns * 0.96
        reserve, cramped = 0.0, False
        if details:
            spacing = QFontMetricsF(_font(family, detail_floor)).lineSpacing()
            one_line = _fits(family, details, cell_width, spacing * 1.1, detail_floor, False)
            needed = spacing * (1 if one_line else DETAIL_LINES) + 2
            cramped = needed > row_height * 0.6  # the details would fall below what the back row reads
            reserve = min(needed, row_height * 0.6)
        name_box = row_height - reserve
        # A collective has no detail line: its name may take the whole row.
        start = min(row_height * 0.8, screen * 0.11)
        with_detail = [p for p, (_, d) in zip(people, slide.names, strict=True) if d]
        alone = [p for p, (_, d) in zip(people, slide.names, strict=True) if not d]
        size = min(
            _fitted_size(family, with_detail, cell_width, name_box * 0.9, min(start, name_box * 0.8), True),
            _fitted_size(family, alone, cell_width, row_height * 0.9, start, True),
        )
        score = size / 2 if cramped else size
        if best is None or score > best[0]:
            best = (score, size, columns, rows, row_height, name_box)
    assert best is not None  # the loop above runs at least once
    _, size, columns, rows, row_height, name_box = best
    size = max(size, min(screen * NAME_FLOOR, name_box * 0.8))
    column_width = width / columns
    detail_height = row_height - name_box
    # One size for every detail of the slide, tied to the names' size: a long unit is cut
    # short ("…") rather than shrinking its own line below what the back row can read.
    # The largest size, from the floor up to 62 % of the names', at which every detail fits its
    # room; below the floor a detail is cut short instead. A batch of dozens may leave less.
    spacing = QFontMetricsF(_font(family, detail_floor)).lineSpacing()
    floor = min(detail_floor, detail_floor * detail_height / spacing)
    grown = max(floor, min(size * 0.62, detail_floor * 1.2))
    detail_size = max(floor, _fitted_size(family, details, column_width * 0.96, detail_height, grown, False))
    name_font, detail_font = _font(family, size, True), _font(family, detail_size)
    lines = max(1, min(DETAIL_LINES, int(detail_height // QFontMetricsF(detail_font).lineSpacing())))
    items = []
    for i, (_name, detail) in enumerate(slide.names):
        column, row = divmod(i, rows)
        x, y = left + column * column_width, top + row * row_height
        name_rect = QRectF(x, y, column_width, name_box if detail else row_height)
        items.append(_Text(name_rect, name_font, WHITE, people[i], ABOVE_DETAIL if detail else WRAP))
        if detail:
            detail_rect = QRectF(x, name_rect.bottom(), column_width, detail_height)
            shown = _unit_whole(_elided(detail, detail_font, column_width * 0.96, lines))
            items.append(_Text(detail_rect, detail_font, SOFT, shown, UNDER_NAME))
    return items


def layout(slide: Slide, width: float, height: float, family: str) -> list[_Text]:
    """Where every text of a slide goes on a screen of this size."""
    if slide.blank:
        return []
    margin = width * 0.03
    inner = width - 2 * margin
    if not slide.names:
        title_rect = QRectF(margin, height * 0.1, inner, height * 0.5)
        size = _fitted_size(family, [slide.title], inner, title_rect.height(), height * 0.085, True)
        line_rect = QRectF(margin, height * 0.64, inner, height * 0.26)
        line_size = _fitted_size(family, [slide.heading], inner, line_rect.height(), height * 0.07, False)
        return [
            _Text(title_rect, _font(family, size, True), GOLD, slide.title, WRAP),
            _Text(line_rect, _font(family, line_size), WHITE, slide.heading, WRAP),
        ]
    title_rect = QRectF(margin, height * 0.015, inner, height * 0.1)
    size = _fitted_size(family, [slide.title], inner, title_rect.height(), height * 0.035, False)
    heading_rect = QRectF(margin, height * 0.12, inner, height * 0.1)
    return [
        _Text(title_rect, _font(family, size), SOFT, slide.title, WRAP),
        _Text(heading_rect, _font(family, height * 0.075, True), GOLD, slide.heading, CENTRE),
        *_names(slide, family, margin, height * 0.24, inner, height * 0.74, height),
    ]


class AudienceScreen(QWidget):
    def __init__(self, controller: ShowController, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle("Vinh Danh – màn hình khán giả")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.family = self.font().family()
        # Layouts by (slide, size): all steps are laid out ahead, so a key press only paints.
        self._layouts: dict[tuple, list[_Text]] = {}
        # The slides around the current one, drawn ahead into images once the screen is idle.
        self._images: dict[tuple, QPixmap] = {}
        self._ahead = QTimer(self, singleShot=True, interval=0)
        self._ahead.timeout.connect(self._draw_ahead)
        controller.changed.connect(self.update)
        controller.changed.connect(self._ahead.start)
        self.resize(1024, 768)

    def _layout(self, slide: Slide) -> list[_Text]:
        key = (slide, self.width(), self.height())
        found = self._layouts.get(key)
        if found is None:
            if len(self._layouts) > 500:
                self._layouts.clear()
            found = self._layouts[key] = layout(slide, self.width(), self.height(), self.family)
        return found

    def prepare(self) -> None:
        """Lay out every step for the current size (at start and after a resize)."""
        show = self.controller.show
        for step in range(show.last_step + 1):
            self._layout(show.slide_at(step))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.prepare()
        self._ahead.start()

    def items(self) -> list[_Text]:
        return self._layout(self.controller.show.slide())

    def texts(self) -> list[str]:
        """What the hall reads now, top to bottom (for tests and the MC's preview)."""
        return [item.text.replace(NBSP, " ") for item in self.items()]

    def picture(self, width: int) -> QPixmap:
        """What the hall sees now, `width` pixels wide: the MC's preview."""
        slide = self.controller.show.slide()
        image = self._images.get((slide, self.width(), self.height(), self.devicePixelRatioF()))
        if image is None:
            image = QPixmap(self.size())
            painter = QPainter(image)
            self._paint(painter, slide)
            painter.end()
        return image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)

    def _paint(self, painter: QPainter, slide: Slide) -> None:
        painter.fillRect(self.rect(), QColor("black") if slide.blank else BACKGROUND)
        for item in self._layout(slide):
            painter.setFont(item.font)
            painter.setPen(item.colour)
            painter.drawText(item.rect, int(item.flags), item.text)

    def _draw_ahead(self) -> None:
        show = self.controller.show
        wanted = {}
        around = [(show.step, show.person), (show.step, show.person + 1), (show.step + 1, 0), (show.step - 1, 0)]
        for step, person in around:
            if 0 <= step <= show.last_step:
                key = (show.slide_at(step, person), self.width(), self.height(), self.devicePixelRatioF())
                image = self._images.get(key)
                if image is None:
                    image = QPixmap(self.size() * self.devicePixelRatioF())
                    image.setDevicePixelRatio(self.devicePixelRatioF())
                    painter = QPainter(image)
                    self._paint(painter, key[0])
                    painter.end()
                wanted[key] = image
        self._images = wanted  # three screens' worth at most, whatever the size of the show

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        slide = self.controller.show.slide()
        image = self._images.get((slide, self.width(), self.height(), self.devicePixelRatioF()))
        if image is not None:
            painter.drawPixmap(0, 0, image)
        else:
            self._paint(painter, slide)
        painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if not self.controller.handle_key(event):
            super().keyPressEvent(event)

    def closeEvent(self, event) -> None:  # noqa: N802
        # Closing either screen ends the show for both; it resumes where it stopped.
        self.controller.finish()
        super().closeEvent(event)
