"""Rendering many certificates: one PDF in award order, or one PDF per awardee.

Runs without Qt, so the window can run it on a worker thread and the command line can
run it directly. Output is written whole or not at all.
"""

from __future__ import annotations

import io
import shutil
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from certificates.content import Certificate
from certificates.filenames import certificate_path
from certificates.fonts import RegisteredFonts, family_from_files, register
from certificates.page import PageDrawer, draw_watermark
from certificates.qr import QrPainter
from certificates.separator import Separator, draw_separator
from models.domain.printing import PaperMode
from models.domain.records import AwardForm
from models.domain.templates import FIELD_LABELS, CertificateTemplate
from models.storage.atomic import atomic_write
from models.storage.settings import Calibration

# Compressed streams stay binary: ASCII85 makes files a quarter larger and, done in
# Python, costs about a millisecond a page.
rl_config.useA85 = 0

Progress = Callable[[int, int], None]
IsCancelled = Callable[[], bool]


class Cancelled(Exception):
    """The user pressed Cancel; nothing was written."""


@dataclass(frozen=True, slots=True)
class Overflow:
    """What would print wrong on one certificate: text cut at its box, letters left blank."""

    who: str
    fields: tuple[str, ...]
    missing: str = ""  # characters the font has no glyph for

    @property
    def message(self) -> str:
        said = []
        if self.fields:
            names = ", ".join(FIELD_LABELS.get(f, f).lower() for f in self.fields)
            said.append(f"chữ quá dài, không vừa ô ({names})")
        if self.missing:
            shown = " ".join(_shown(ch) for ch in self.missing)
            said.append(f"phông chữ không có ký tự {shown}, sẽ in thành chỗ trống")
        return f"{self.who}: {'; '.join(said)}"


def _shown(ch: str) -> str:
    # A lone combining mark or control cannot be read in a message; its code point can.
    return f"U+{ord(ch):04X}" if unicodedata.category(ch)[0] in "MC" else f"“{ch}”"


@dataclass(slots=True)
class RenderJob:
    certificates: Sequence[Certificate]
    templates: dict[AwardForm, CertificateTemplate]
    mode: PaperMode = PaperMode.FULL
    calibration: Calibration = field(default_factory=Calibration)
    invariant: bool = False  # byte-identical output for the same input (tests)
    # A separator sheet before the certificate at each index (one PDF only, plain paper).
    separators: dict[int, Separator] = field(default_factory=dict)
    proof: bool = False  # a draft for checking: "BẢN XEM THỬ" across every page
    outline: bool = False  # blank forms: each field's box drawn, to hold the sheet against a form


@dataclass(slots=True)
class RenderResult:
    pages: int = 0  # certificates made; separator sheets are not counted
    files: list[Path] = field(default_factory=list)
    overflows: list[Overflow] = field(default_factory=list)
    separator_pages: list[int] = field(default_factory=list)  # 0-based page numbers in the PDF

    def certificates_in(self, pages: int) -> int:
        """How many certificates the first `pages` pages of the PDF hold."""
        return pages - sum(1 for p in self.separator_pages if p < pages)


def check_fonts(templates: dict[AwardForm, CertificateTemplate]) -> None:
    """Every font the templates name is read and tried now, so a bad one is said before any
    register number is given (FontError is a BookError)."""
    for t in templates.values():
        register(family_from_files(t.font_files))
        for placement in t.placements.values():  # a blank form's field set in its own typeface
            if placement.font_files:
                register(family_from_files(placement.font_files))


class _Renderer:
    def __init__(self, job: RenderJob):
        self.job = job
        # Fonts are checked and registered up front, so a bad font fails before any page.
        self.fonts: dict[AwardForm, RegisteredFonts] = {
            form: register(family_from_files(t.font_files)) for form, t in job.templates.items()
        }
        counts = Counter(c.qr_url for c in job.certificates if c.qr_url)
        self.repeated = {url for url, n in counts.items() if n > 1}

    def canvas(self, target, first: Certificate | None) -> tuple[Canvas, PageDrawer]:
        fonts = self.fonts[first.form] if first else next(iter(self.fonts.values()))
        canvas = Canvas(
            target,
            initialFontName=fonts.regular,  # else reportlab references Helvetica on every page
            invariant=1 if self.job.invariant else 0,
            pageCompression=1,
            lang="vi",
        )
        canvas.setTitle("Giấy khen")
        canvas.setCreator("Vinh Danh")
        return canvas, PageDrawer(canvas, QrPainter(canvas, self.repeated))

    def page(self, drawer: PageDrawer, cert: Certificate) -> Overflow | None:
        t = self.job.templates[cert.form]
        fonts = self.fonts[cert.form]
        if self.job.mode is PaperMode.BLANK:
            over = drawer.blank(cert, t.paper, fonts, t.placements, self.job.calibration, self.job.outline)
        else:
            over = drawer.full(cert, t.paper, fonts)
        if self.job.proof:
            draw_watermark(drawer.canvas, t.paper, fonts)
        drawer.canvas.showPage()
        missing = "".join(sorted(drawer.missing))
        return Overflow(cert.who, tuple(over), missing) if over or missing else None


# Certificates drawn into one reportlab document before it is saved. reportlab keeps
# every page of a document in memory, about 30 KB each: a run is drawn in parts of this
# size and the parts joined, so memory stays flat from ten certificates to 50,000.
PART_PAGES = 1000


def render_pdf(
    job: RenderJob, out: Path | str, progress: Progress | None = None, cancelled: IsCancelled | None = None
) -> RenderResult:
    """All certificates in the given order as one PDF."""
    out = Path(out)
    renderer = _Renderer(job)
    result = RenderResult()
    total = len(job.certificates)
    if total <= PART_PAGES:
        with atomic_write(out, binary=True) as f:
            _draw_part(renderer, result, f, range(total), progress, cancelled)
        result.files.append(out)
        return result
    from certificates.pdf_join import join  # pypdf takes 80 ms to import; only long runs need it

    _clear_unfinished(out.parent)
    work = Path(tempfile.mkdtemp(prefix=UNFINISHED, dir=out.parent))
    try:
        parts: list[Path] = []
        for start in range(0, total, PART_PAGES):
            parts.append(work / f"{len(parts):05d}.pdf")
            with open(parts[-1], "wb") as f:
                _draw_part(renderer, result, f, range(start, min(start + PART_PAGES, total)), progress, cancelled)
        with atomic_write(out, binary=True) as f:
            join(parts, f)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    result.files.append(out)
    return result


def _draw_part(
    renderer: _Renderer,
    result: RenderResult,
    target,
    indexes: range,
    progress: Progress | None,
    cancelled: IsCancelled | None,
) -> None:
    job = renderer.job
    total = len(job.certificates)
    canvas, drawer = renderer.canvas(target, job.certificates[indexes.start] if indexes else None)
    for i in indexes:
        cert = job.certificates[i]
        if cancelled is not None and cancelled():
            raise Cancelled
        # Separators go on plain paper only: on blank forms each would waste a form.
        if i in job.separators and job.mode is PaperMode.FULL:
            result.separator_pages.append(result.pages + len(result.separator_pages))
            draw_separator(canvas, job.templates[cert.form].paper, renderer.fonts[cert.form], job.separators[i])
        over = renderer.page(drawer, cert)
        if over:
            result.overflows.append(over)
        result.pages += 1
        if progress is not None:
            progress(i + 1, total)
    canvas.save()


def render_split(
    job: RenderJob, folder: Path | str, progress: Progress | None = None, cancelled: IsCancelled | None = None
) -> RenderResult:
    """One PDF per certificate, numbered in award order; on Cancel or error none is left.

    The files are made in a hidden folder inside the target and moved out together at the
    end: a run killed half-way leaves no half set among the clerk's files, and its hidden
    folder is cleared by the next run into the same place."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    _clear_unfinished(folder)
    renderer = _Renderer(job)
    result = RenderResult()
    total = len(job.certificates)
    work = Path(tempfile.mkdtemp(prefix=UNFINISHED, dir=folder))
    made: list[tuple[Path, Path]] = []
    try:
        for i, cert in enumerate(job.certificates):
            if cancelled is not None and cancelled():
                raise Cancelled
            final = certificate_path(folder, i + 1, cert.name, cert.detail)
            buffer = io.BytesIO()
            canvas, drawer = renderer.canvas(buffer, cert)
            over = renderer.page(drawer, cert)
            canvas.save()
            staged = work / final.name
            with atomic_write(staged, binary=True) as f:
                f.write(buffer.getvalue())
            made.append((staged, final))
            if over:
                result.overflows.append(over)
            result.pages += 1
            if progress is not None:
                progress(i + 1, total)
        for staged, final in made:
            staged.replace(final)
            result.files.append(final)
    except BaseException:
        for path in result.files:
            path.unlink(missing_ok=True)
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return result


UNFINISHED = ".dang-in-"
UNFINISHED_AGE_SECONDS = 600


def _clear_unfinished(folder: Path) -> None:
    """Hidden folders of runs killed half-way (old enough that no live run owns them)."""
    now = time.time()
    for leftover in folder.glob(f"{UNFINISHED}*"):
        try:
            if leftover.is_dir() and now - leftover.stat().st_mtime > UNFINISHED_AGE_SECONDS:
                shutil.rmtree(leftover, ignore_errors=True)
        except OSError:
            pass
