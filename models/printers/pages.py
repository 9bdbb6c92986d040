"""Which paper each page of a finished PDF needs: a queue is told the paper per job, so a
run that mixes Bằng khen on A3 with Giấy khen on A4 goes out as one job per stretch."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from models.errors import BookError

MM_PER_POINT = 25.4 / 72
# ISO sizes in millimetres, short side first; a page within 2 mm of one is that paper.
_ISO = {"A5": (148, 210), "A4": (210, 297), "A3": (297, 420)}


@dataclass(frozen=True, slots=True)
class PaperStretch:
    first: int  # 1-based, as print systems count pages
    last: int
    paper: str  # "A4", "A3", or "Custom.210x297mm" for anything else
    landscape: bool

    @property
    def pages(self) -> int:
        return self.last - self.first + 1

    @property
    def page_list(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"


def paper_of(width_pt: float, height_pt: float) -> tuple[str, bool]:
    w, h = width_pt * MM_PER_POINT, height_pt * MM_PER_POINT
    short, long = sorted((w, h))
    for name, (a, b) in _ISO.items():
        if abs(short - a) <= 2 and abs(long - b) <= 2:
            return name, w > h
    return f"Custom.{round(short)}x{round(long)}mm", w > h


def paper_stretches(pdf: Path) -> list[PaperStretch]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(pdf)
        sizes = [(float(p.mediabox.width), float(p.mediabox.height), int(p.rotation or 0)) for p in reader.pages]
    except (OSError, PdfReadError) as exc:
        raise BookError(f"Không đọc được tệp PDF vừa tạo “{pdf}”: {exc}.") from None
    stretches: list[PaperStretch] = []
    for number, (w, h, turned) in enumerate(sizes, 1):
        if turned % 180:
            w, h = h, w
        paper, landscape = paper_of(w, h)
        last = stretches[-1] if stretches else None
        if last and (last.paper, last.landscape) == (paper, landscape) and last.last == number - 1:
            stretches[-1] = PaperStretch(last.first, number, paper, landscape)
        else:
            stretches.append(PaperStretch(number, number, paper, landscape))
    return stretches
