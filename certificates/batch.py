"""A print run from start to log: gather, number, render, record. Shared by window and CLI."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from certificates.content import Certificate, gather, numbered
from certificates.separator import Separator
from models.domain.award_order import AwardOrder, Entries
from models.domain.printing import PaperMode, PrintAction, PrintJob
from models.domain.records import AwardForm, Ceremony, Ref
from models.domain.script import count_phrase
from models.domain.templates import CertificateTemplate
from models.repos.book import CeremonyBook
from models.repos.order_book import OrderBook
from models.repos.print_book import PrintBook


@dataclass(slots=True)
class Prepared:
    ceremony: Ceremony
    certificates: list[Certificate]
    templates: dict[AwardForm, CertificateTemplate]
    problems: list[str]  # records left out, and why
    printed_before: list[Certificate]
    numbered_before: set[Ref]  # already had a register number before this run
    separators: dict[int, Separator] = field(default_factory=dict)  # before certificate i

    @property
    def reprint_names(self) -> str:
        return ", ".join(c.who for c in self.printed_before)


def in_award_order(
    certs: list[Certificate], current: AwardOrder, entries: Entries
) -> tuple[list[Certificate], dict[int, Separator]]:
    """The certificates in the order of the batches, and a separator sheet before each batch."""
    by_ref = {c.ref: c for c in certs}
    arranged: list[Certificate] = []
    separators: dict[int, Separator] = {}
    for number, b in enumerate(current.batches, 1):
        mine = [by_ref.pop(r) for r in b.refs if r in by_ref]
        if not mine:
            continue
        separators[len(arranged)] = Separator(
            number,
            len(current.batches),
            b.form.label,
            b.leader,
            count_phrase([entries.by_ref[c.ref] for c in mine]),
            tuple(c.who for c in mine),
        )
        arranged += mine
    # Anything the order does not hold yet keeps its default place at the end.
    arranged += [c for c in certs if c.ref in by_ref]
    return arranged, separators


def prepare(
    book: CeremonyBook,
    print_book: PrintBook,
    ceremony_id: int,
    refs: set[Ref] | None = None,
    *,
    assign: bool,
    proof: bool = False,
) -> Prepared:
    """The certificates to print, in the ceremony's award order, with register numbers.

    assign=False shows the numbers printing would give without giving them (preview);
    assign=True gives them for good, just before the pages are made. A proof copy shows
    only numbers already given: it gives none and promises none.
    """
    ceremony = book.ceremony(ceremony_id)
    templates = {form: print_book.template(ceremony_id, form) for form in AwardForm}
    awardees = book.awardees(ceremony_id)  # read once for the order and the certificates
    current = OrderBook(book.store).current(book, ceremony_id, awardees)
    gathered = gather(book, ceremony_id, templates, refs, awardees=awardees, entries=current.entries)
    gathered.certificates, separators = in_award_order(gathered.certificates, current.order, current.entries)
    numbered_before = {c.ref for c in gathered.certificates if c.register_no}
    if proof:
        numbers = {c.ref: c.register_no for c in gathered.certificates}
    else:
        numbers = print_book.register_numbers([(c.ref, c.series) for c in gathered.certificates], commit=assign)
    certs = numbered(gathered.certificates, numbers, templates, ceremony.news_url)
    counts = print_book.printed_counts(ceremony_id)
    printed_before = [c for c in certs if c.ref in counts]
    return Prepared(ceremony, certs, templates, gathered.problems, printed_before, numbered_before, separators)


def record(
    print_book: PrintBook,
    prepared: Prepared,
    *,
    action: PrintAction,
    target: str,
    mode: PaperMode,
    copies: int = 1,
    reason: str = "",
    companion_of: int | None = None,
    running: bool = False,
) -> PrintJob:
    job = PrintJob(
        ceremony_id=prepared.ceremony.id,
        printed_at=dt.datetime.now().replace(microsecond=0),
        action=action,
        target=target,
        mode=mode,
        copies=copies,
        reason=reason,
    )
    printed = [(c.ref, c.who, c.register_no) for c in prepared.certificates]
    return print_book.log_print(job, printed, companion_of=companion_of, running=running)
