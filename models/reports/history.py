"""Tra cứu quá trình khen thưởng: what a person or collective has received before, across
every ceremony of the book, and the warning when the same form comes again too soon."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models.domain import text
from models.domain.records import Awardee, AwardeeKind, AwardForm
from models.repos.history_book import AwardRow, HistoryBook, award_text

# The same form to the same receiver within this many years is named (1: the same year).
DEFAULT_REPEAT_YEARS = 1


def award_label(row: AwardRow) -> str:
    return award_text(row.form, row.level, row.contest)


def decision_label(row: AwardRow) -> str:
    said = f"Quyết định số {row.decision_number}" if row.decision_number else ""
    if row.signed_on:
        said += f"{', ' if said else 'Quyết định '}ngày {text.short_date(row.signed_on)}"
    if row.issuer:
        said += f" của {row.issuer}" if said else row.issuer
    return said


@dataclass(slots=True)
class Receiver:
    """A person or collective, as their name reads without case or diacritics."""

    name: str
    kind: AwardeeKind
    awards: list[AwardRow]

    @property
    def units(self) -> list[str]:
        return list(dict.fromkeys(a.unit for a in self.awards if a.unit))


def _key(kind: AwardeeKind, name: str) -> tuple[AwardeeKind, str]:
    return kind, text.match_key(name)


def _by_year(rows: list[AwardRow]) -> list[AwardRow]:
    return sorted(rows, key=lambda r: (r.year or 0, (r.signed_on or r.held_on or dt.date.min), r.register_no))


def search(book: HistoryBook, query: str) -> list[Receiver]:
    """Everyone whose name holds `query`, each with their awards by year."""
    groups: dict[tuple[AwardeeKind, str], Receiver] = {}
    for row in book.awards_named(query):
        receiver = groups.setdefault(_key(row.kind, row.name), Receiver(row.name, row.kind, []))
        receiver.awards.append(row)
    for receiver in groups.values():
        receiver.awards = _by_year(receiver.awards)
    return sorted(groups.values(), key=lambda r: text.sort_key(r.name))


def earlier_awards(book: HistoryBook, a: Awardee) -> list[AwardRow]:
    """What the same person or collective (same name, same kind) holds in the book besides
    this record, by year."""
    key = _key(a.kind, a.name)
    rows = [
        r for r in book.awards_named(a.name)
        if _key(r.kind, r.name) == key and not (r.record == "awardee" and r.record_id == a.id)
    ]  # fmt: skip
    return _by_year(rows)


def repeated(earlier: list[AwardRow], form: AwardForm | None, year: int | None, years: int) -> list[AwardRow]:
    """Earlier awards of the same form within `years` of `year` (1: the same year)."""
    if form is None or year is None:
        return []
    return [r for r in earlier if r.form is form and r.year is not None and abs(r.year - year) < max(1, years)]


def repeat_warning(a: Awardee, rows: list[AwardRow], years: int) -> str:
    if not rows:
        return ""
    said = "; ".join(f"{award_label(r)} năm {r.year} ({decision_label(r) or r.ceremony})" for r in rows)
    within = "trong cùng năm" if years <= 1 else f"trong vòng {years} năm"
    return f"Lưu ý: “{text.clean(a.name)}” đã nhận cùng hình thức {within}: {said}."
