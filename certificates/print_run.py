"""One print run, the same for the command line and the window: the certificates are
prepared once (read from the book once, built once), checked (fonts, reprints), numbered
in one transaction, logged as running before any page is made, and settled after.

    run = PrintRun(book, prints, ceremony_id, refs, mode=PaperMode.FULL)
    if run.reprints and not reason: ask why
    run.check_fonts()          # a bad font is said before any register number is given
    run.number()               # numbers given for good (not for a proof copy)
    logged = run.log(action=PrintAction.PDF, target=..., reason=reason)
    ... render run.job(...) ...
    run.settle(logged) / run.abandon(logged)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from certificates.batch import Prepared, prepare, record
from certificates.content import Certificate, numbered
from certificates.render import RenderJob, RenderResult, check_fonts, render_pdf, render_split
from models.domain.printing import PaperMode, PrintAction, PrintJob
from models.domain.records import Ref
from models.repos.book import CeremonyBook
from models.repos.print_book import PrintBook
from models.storage.settings import Calibration


class PrintRun:
    def __init__(
        self,
        book: CeremonyBook,
        prints: PrintBook,
        ceremony_id: int,
        refs: set[Ref] | None = None,
        *,
        mode: PaperMode = PaperMode.FULL,
        proof: bool = False,
    ):
        self.prints, self.mode, self.proof = prints, mode, proof
        # A proof copy shows only numbers already given; otherwise the would-be numbers.
        self.plan: Prepared = prepare(book, prints, ceremony_id, refs, assign=False, proof=proof)
        self.numbered = False

    @property
    def certificates(self) -> list[Certificate]:
        return self.plan.certificates

    @property
    def reprints(self) -> list[Certificate]:
        """Certificates printed before: a reason is asked for (not for a proof copy)."""
        return [] if self.proof else self.plan.printed_before

    def check_fonts(self) -> None:
        check_fonts(self.plan.templates)

    def number(self) -> Prepared:
        """Give the register numbers for good, in one transaction (a proof copy gives none)."""
        if self.proof or self.numbered:
            return self.plan
        numbers = self.prints.register_numbers([(c.ref, c.series) for c in self.plan.certificates], commit=True)
        news_url = self.plan.ceremony.news_url
        certs = numbered(self.plan.certificates, numbers, self.plan.templates, news_url)
        self.plan = dataclasses.replace(self.plan, certificates=certs)
        self.numbered = True
        return self.plan

    def log(
        self, *, action: PrintAction, target: str, reason: str = "", companion_of: int | None = None, copies: int = 1
    ) -> PrintJob | None:
        """Logged as running before any page is made: a run cut off by a crash or a kill stays
        in the log as printed, so printing again asks why. None for a proof copy."""
        if self.proof:
            return None
        return record(
            self.prints,
            self.plan,
            action=action,
            target=target,
            mode=self.mode,
            copies=copies,
            reason=reason,
            companion_of=companion_of,
            running=True,
        )

    def job(self, *, separators: bool = False, calibration: Calibration | None = None) -> RenderJob:
        job = RenderJob(self.plan.certificates, self.plan.templates, self.mode, proof=self.proof)
        if separators and self.mode is PaperMode.FULL:
            job.separators = self.plan.separators
        if calibration is not None:
            job.calibration = calibration
        return job

    def settle(self, logged: PrintJob | None, *, kept: int | None = None, copies: int | None = None) -> None:
        if logged is not None:
            self.prints.settle(logged, kept=kept, copies=copies)

    def abandon(self, logged: PrintJob | None) -> None:
        if logged is not None:
            self.prints.abandon(logged)

    def write_files(
        self,
        job: RenderJob,
        logged: PrintJob | None,
        *,
        out: Path | None = None,
        folder: Path | None = None,
        written: Callable[[Path, RenderResult], None] = lambda target, result: None,
    ) -> list[RenderResult]:
        """Render into one PDF, one file per person, or both, on this thread, and settle the
        log: what was written stays logged; a run that wrote nothing leaves no entry.
        `written` hears of each finished file, so a failure of the second does not hide the first."""
        results: list[RenderResult] = []
        try:
            if out is not None:
                results.append(render_pdf(job, out))
                written(out, results[-1])
            if folder is not None:
                results.append(render_split(job, folder))
                written(folder, results[-1])
        except BaseException:
            (self.settle if results else self.abandon)(logged)
            raise
        self.settle(logged)
        return results
