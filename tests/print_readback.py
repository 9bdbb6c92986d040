"""What a print queue wrote, compared with the app's own PDF the way a person holds a
printout against the screen: same pages in the same order, same paper, every mark where the
PDF put it.

The queue in the tests is CUPS with the cups-pdf back end. Ghostscript there turns text into
outlines (no text can be read back), and a landscape certificate comes out on portrait paper
turned a quarter, as a printer takes it. So pages are compared as pictures: each page of
the app's PDF, turned, is laid over the queue's page; the ink's outer edges and the name's
box must agree within 0.5 mm, and each queue page must look like its own app page more than
like any other (a lost or swapped name cannot pass).
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pypdfium2
import pytest
from PIL import Image, ImageChops, ImageOps

from models.printers import cups

DPI = 150
MM_PER_PX = 25.4 / DPI
TOLERANCE_MM = 0.5


@dataclass
class Queue:
    name: str
    out: Path

    def files(self) -> set[Path]:
        return set(self.out.glob("*.pdf")) if self.out.is_dir() else set()

    def wait_for(self, before: set[Path], jobs: int, timeout: float = 90) -> list[Path]:
        """The files the queue wrote for `jobs` new jobs, in job order."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            new = self.files() - before
            if len(new) >= jobs and not cups.pending(self.name):
                return sorted(new, key=_job_number)
            time.sleep(0.2)
        raise AssertionError(f"{self.name}: {len(self.files() - before)} of {jobs} jobs written in {timeout} s")


def _job_number(path: Path) -> int:
    found = re.search(r"job_(\d+)", path.name)
    return int(found.group(1)) if found else 0


def queue(name: str) -> Queue:
    """A CUPS queue of the test machine (.ci/run makes them), or skip where there is none."""
    if not cups.available() or name not in cups.queues():
        if os.environ.get("VINHDANH_NEED_CUPS") == "1":
            pytest.fail(f"CUPS queue {name} is needed for these tests and is missing")
        pytest.skip(f"no CUPS queue {name} on this machine")
    out = Path(os.environ.get("VINHDANH_CUPS_OUT", Path.home() / "PDF"))
    return Queue(name, out)


def paper(pdf: Path) -> list[str]:
    """Each page's paper, "A4" or "A3", whichever way round it lies: cups-pdf's Ghostscript
    turns pages by its own reading of the text (AutoRotatePages), which says nothing about
    the app; how the content lies on the paper is checked by compare()."""
    names = {(210, 297): "A4", (297, 420): "A3"}
    with pdfplumber.open(pdf) as doc:
        sizes = [sorted((float(p.width) * 25.4 / 72, float(p.height) * 25.4 / 72)) for p in doc.pages]
    return [next((n for (a, b), n in names.items() if abs(s - a) <= 1 and abs(t - b) <= 1), f"{s:.1f}x{t:.1f}")
            for s, t in sizes]  # fmt: skip


def _ink(pdf: Path, index: int) -> Image.Image:
    page = pypdfium2.PdfDocument(str(pdf))[index]
    grey = page.render(scale=DPI / 72, grayscale=True).to_pil().convert("L")
    return ImageOps.invert(grey).point(lambda v: 255 if v > 100 else 0).convert("1")


def _common(a: Image.Image, b: Image.Image) -> tuple[Image.Image, Image.Image]:
    w, h = min(a.width, b.width), min(a.height, b.height)
    return a.crop((0, 0, w, h)), b.crop((0, 0, w, h))


def _differing(a: Image.Image, b: Image.Image) -> int:
    a, b = _common(a, b)
    return ImageChops.logical_xor(a, b).histogram()[-1]


@dataclass
class PageCheck:
    edges_mm: tuple[float, ...]  # the ink's outer box: left, top, right, bottom, queue minus app
    name_mm: tuple[float, ...]  # the same for the name's box
    turned: Image.Transpose | None


def name_boxes(app_pdf: Path, names: list[str]) -> list[tuple[float, float, float, float]]:
    """Each page's name box in points (x0, top, x1, bottom), found by its words."""
    boxes = []
    with pdfplumber.open(app_pdf) as doc:
        for page, name in zip(doc.pages, names, strict=True):
            words = page.extract_words()
            wanted = name.split()
            texts = [w["text"] for w in words]
            start = next(i for i in range(len(texts)) if texts[i : i + len(wanted)] == wanted)
            hit = words[start : start + len(wanted)]
            boxes.append((min(w["x0"] for w in hit), min(w["top"] for w in hit), max(w["x1"] for w in hit),
                          max(w["bottom"] for w in hit)))  # fmt: skip
    return boxes


def _turn_box(box_px: tuple[int, int, int, int], size: tuple[int, int], turned) -> tuple[int, int, int, int]:
    """A box on the app's page, where it lands once the page is turned as the queue turned it."""
    x0, y0, x1, y1 = box_px
    w, h = size
    if turned is Image.Transpose.ROTATE_90:  # counter-clockwise: (x, y) -> (y, w - x)
        return (y0, w - x1, y1, w - x0)
    if turned is Image.Transpose.ROTATE_270:  # clockwise: (x, y) -> (h - y, x)
        return (h - y1, x0, h - y0, x1)
    return box_px


def compare(app_pdf: Path, queue_pages: list[tuple[Path, int]], names: list[str]) -> list[PageCheck]:
    """Lay each queue page over its app page; checks per page, or AssertionError when a
    page looks more like another page of the run than its own."""
    boxes = name_boxes(app_pdf, names)
    app = [_ink(app_pdf, i) for i in range(len(names))]
    out = [_ink(pdf, i) for pdf, i in queue_pages]
    assert len(out) == len(app), f"{len(out)} pages came out of the queue for {len(app)} certificates"

    # How the queue turned a landscape page onto its paper: whichever lays page 1 best.
    def lay(image: Image.Image, turn) -> Image.Image:
        return image.transpose(turn) if turn else image

    fitting = [
        t
        for t in (None, Image.Transpose.ROTATE_90, Image.Transpose.ROTATE_270)
        if abs(lay(app[0], t).width - out[0].width) <= 2 and abs(lay(app[0], t).height - out[0].height) <= 2
    ]
    assert fitting, f"the queue's paper {out[0].size} px is not the app's {app[0].size} px, turned or not"
    turned = min(fitting, key=lambda t: _differing(lay(app[0], t), out[0]))
    laid = [lay(a, turned) for a in app]
    checks = []
    for i, page in enumerate(out):
        margin = round(3 / MM_PER_PX)
        x0, y0, x1, y1 = (round(v * DPI / 72) for v in boxes[i])
        region = _turn_box((x0 - margin, y0 - margin, x1 + margin, y1 + margin), app[i].size, turned)
        # Its own page's name, not a neighbour's: the name region differs least from its own.
        own = [_differing(laid[j].crop(region), page.crop(region)) for j in range(len(laid))]
        others = own[:i] + own[i + 1 :]
        assert not others or own[i] < min(others), (
            f"queue page {i + 1} does not show the name of certificate {i + 1} ({names[i]}): {own}"
        )
        a_box, q_box = laid[i].getbbox(), page.getbbox()
        a_name, q_name = laid[i].crop(region).getbbox(), page.crop(region).getbbox()
        assert a_box and q_box and a_name and q_name, f"page {i + 1} is blank"
        checks.append(
            PageCheck(
                tuple(round((q - a) * MM_PER_PX, 2) for a, q in zip(a_box, q_box, strict=True)),
                tuple(round((q - a) * MM_PER_PX, 2) for a, q in zip(a_name, q_name, strict=True)),
                turned,
            )
        )
    return checks


def within_tolerance(checks: list[PageCheck]) -> bool:
    return all(abs(d) <= TOLERANCE_MM for c in checks for d in (*c.edges_mm, *c.name_mm))
