"""Where each part of a certificate sits, in millimetres from the paper's top-left corner.

One layout is drawn for A4 landscape; A3 landscape has the same proportions (√2 larger),
so it is the same layout scaled, type included. Blank forms start from these positions
and the template overrides any of them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from certificates.fonts import RegisteredFonts
from models.domain.heading import HeadingKind
from models.domain.templates import Paper, Placement

RED = (0.78, 0.06, 0.06)
INK = (0.0, 0.0, 0.0)
NAVY = (0.05, 0.14, 0.42)


@dataclass(frozen=True, slots=True)
class Slot:
    x: float
    y: float
    width: float
    height: float
    size: float  # largest type size, points
    min_size: float
    style: str = "regular"  # regular, bold, italic
    align: str = "center"  # center, left, right
    color: tuple[float, float, float] = INK
    caps: bool = False
    family: RegisteredFonts | None = None  # a blank form field's own typeface; None: the template's

    def scaled(self, k: float) -> Slot:
        return replace(
            self,
            x=self.x * k,
            y=self.y * k,
            width=self.width * k,
            height=self.height * k,
            size=self.size * k,
            min_size=self.min_size * k,
        )

    def placed(self, p: Placement) -> Slot:
        """This slot moved and resized to a blank form's placement; the minimum keeps its ratio."""
        ratio = self.min_size / self.size
        return replace(
            self, x=p.x, y=p.y, width=p.width, height=p.height, size=p.size, min_size=p.size * ratio,
            style=p.style or self.style, align=p.align or self.align, caps=p.caps,
        )  # fmt: skip

    def placement(self) -> Placement:
        return Placement(self.x, self.y, self.width, self.height, self.size)


# Decorations printed only on plain paper: a pre-printed form already carries them.
FRAME_OUTER_MM = 7.0
FRAME_INNER_MM = 10.0

A4_SLOTS: dict[str, Slot] = {
    "issuer": Slot(16, 15, 112, 13, 12.5, 9, "bold"),
    "national": Slot(128, 15, 154, 7, 12.5, 9, "bold"),
    "motto": Slot(128, 22, 154, 7, 13.5, 10, "bold"),
    "title": Slot(16, 36, 265, 21, 46, 28, "bold", color=RED),
    "lead": Slot(16, 57, 265, 9, 17, 12, "italic"),
    # Name to achievement: boxes that never overlap, so each can take its full height.
    "name": Slot(26, 66, 245, 18, 26, 15, "bold", color=NAVY),
    "detail": Slot(26, 84, 245, 9, 15, 10.5),
    "model": Slot(26, 93, 245, 7.5, 14, 10, "italic"),
    "achievement": Slot(26, 100.5, 245, 20, 15, 10.5),
    "date_line": Slot(148, 122, 134, 7, 13.5, 10, "italic"),
    "signer_role": Slot(148, 129, 134, 13, 13.5, 9.5, "bold"),
    # About 35 mm between role and name for the signature and the seal.
    "signer_name": Slot(148, 177, 134, 8, 14.5, 10, "bold"),
    "qr": Slot(22, 126, 26, 26, 8, 6, "italic"),
    "reference": Slot(20, 169, 124, 6, 11, 8, "italic", "left"),
    "register_no": Slot(20, 176, 124, 6, 11, 8, "regular", "left"),
}
# A Party body's heading: its superior body over the issuer and an asterisk under it on
# the left, "ĐẢNG CỘNG SẢN VIỆT NAM" underlined on the right, no motto.
A4_PARTY_SLOTS: dict[str, Slot] = {
    **{name: slot for name, slot in A4_SLOTS.items() if name not in ("issuer", "motto")},
    "superior": Slot(16, 13, 112, 6.5, 12, 9),
    "issuer": Slot(16, 19.5, 112, 8, 12.5, 9, "bold"),
    "star": Slot(16, 27.5, 112, 5, 12, 9),
    "national": Slot(128, 15, 154, 8, 13, 9.5, "bold"),
}
# The variable fields, in what a blank form receives by default.
BLANK_DEFAULT_OFF = {"issuer", "title"}
# Printed only on plain paper: a pre-printed form carries its own heading.
FULL_ONLY = {"national", "motto", "superior", "star"}


def slots_for(paper: Paper, heading: HeadingKind = HeadingKind.STATE) -> dict[str, Slot]:
    base = A4_PARTY_SLOTS if heading is HeadingKind.PARTY else A4_SLOTS
    k = paper.size_mm[0] / Paper.A4.size_mm[0]
    return base if k == 1 else {name: slot.scaled(k) for name, slot in base.items()}


def default_placements(paper: Paper) -> dict[str, Placement]:
    placements = {}
    for name, slot in slots_for(paper).items():
        if name in FULL_ONLY:
            continue
        p = slot.placement()
        p.enabled = name not in BLANK_DEFAULT_OFF
        placements[name] = p
    return placements


def blank_slots(paper: Paper, overrides: dict[str, Placement]) -> dict[str, Slot]:
    """The slots a blank form prints, with the template's placements applied."""
    slots = slots_for(paper)
    out = {}
    for name, default in default_placements(paper).items():
        p = overrides.get(name, default)
        if p.enabled:
            out[name] = slots[name].placed(p)
    return out
