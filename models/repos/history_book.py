"""Reading across every ceremony of the book: who received what, when (tra cứu quá trình
khen thưởng), and every register number given (sổ theo dõi cấp giấy khen)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models.domain import text
from models.domain.records import AwardeeKind, AwardForm, PrizeLevel
from models.repos.rows import like_escaped
from models.storage.engine import BookStore


@dataclass(frozen=True, slots=True)
class AwardRow:
    """One award one person or collective received, as the book holds it."""

    record: str  # "awardee" or "prize"
    record_id: int
    kind: AwardeeKind  # a prize's authors count as people
    name: str
    position: str
    unit: str
    ceremony_id: int
    ceremony: str
    held_on: dt.date | None
    form: AwardForm | None  # None: a contest prize, or not yet tied to a decision
    level: PrizeLevel | None
    contest: str
    decision_number: str
    signed_on: dt.date | None
    issuer: str
    register_no: str

    @property
    def year(self) -> int | None:
        day = self.signed_on or self.held_on
        return day.year if day else None


def award_text(form: AwardForm | None, level: PrizeLevel | None, contest: str) -> str:
    """ "Giấy khen" or "Giải A – Cuộc thi viết …"."""
    if level is not None:
        return f"{level.label} – {contest}" if contest else level.label
    return form.label if form else "(chưa gắn quyết định)"


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if value else None


_AWARDEES = (
    "SELECT 'awardee', a.id, a.kind, a.name, a.position, a.unit, c.id, c.title, c.held_on, d.award_form, NULL,"
    " '', d.number, d.signed_on, d.issuer, a.register_no"
    " FROM awardee a JOIN ceremony c ON c.id = a.ceremony_id LEFT JOIN decision d ON d.id = a.decision_id"
    " WHERE a.search_key LIKE ? ESCAPE '!'"
)
_PRIZES = (
    "SELECT 'prize', p.id, 'individual', p.authors, '', p.unit, c.id, c.title, c.held_on, NULL, p.level,"
    " k.title, d.number, d.signed_on, d.issuer, p.register_no"
    " FROM prize p JOIN contest k ON k.id = p.contest_id JOIN ceremony c ON c.id = k.ceremony_id"
    " LEFT JOIN decision d ON d.id = k.decision_id WHERE p.search_key LIKE ? ESCAPE '!'"
)


class HistoryBook:
    def __init__(self, store: BookStore):
        self.store = store

    def awards_named(self, query: str) -> list[AwardRow]:
        """Every award whose receiver's name holds `query`, ignoring case and diacritics."""
        wanted = text.fold(query)
        if not wanted:
            return []
        pattern = "%" + like_escaped(wanted) + "%"
        db = self.store.read()
        rows = [*db.execute(_AWARDEES, (pattern,)), *db.execute(_PRIZES, (pattern,))]
        found = []
        for r in rows:
            if wanted not in text.fold(r[3]):
                continue  # the search text holds unit, notes…: only the name counts here
            found.append(
                AwardRow(
                    r[0],
                    r[1],
                    AwardeeKind(r[2]),
                    r[3],
                    r[4],
                    r[5],
                    r[6],
                    r[7],
                    _day(r[8]),
                    AwardForm(r[9]) if r[9] else None,
                    PrizeLevel(r[10]) if r[10] else None,
                    r[11],
                    r[12] or "",
                    _day(r[13]),
                    r[14] or "",
                    r[15],
                )  # fmt: skip
            )
        return found

    def register(self, year: int | None = None) -> list[RegisterRow]:
        """Every register number given, by series and number; one year's series only if given."""
        return _register_rows(self.store.read(), year)


@dataclass(frozen=True, slots=True)
class RegisterRow:
    """One register number given (sổ theo dõi cấp giấy khen)."""

    series: str  # "GK-2022"
    number: int
    name: str
    unit: str
    award: str  # "Giấy khen", "Giải A – …"
    decision_number: str
    signed_on: dt.date | None
    issuer: str
    issued_on: dt.date | None  # first printed (or saved as PDF)
    reprints: int
    removed: bool  # the record was deleted from its list after the number was given

    @property
    def register_no(self) -> str:
        return f"{self.number:03d}/{self.series}"


def _number(register_no: str) -> tuple[str, int] | None:
    head, _, series = register_no.partition("/")
    return (series, int(head)) if head.isdigit() and series else None


_HELD = (
    "SELECT a.register_no, a.name, a.unit, d.award_form, NULL, '', d.number, d.signed_on, d.issuer"
    " FROM awardee a LEFT JOIN decision d ON d.id = a.decision_id WHERE a.register_no <> ''"
    " UNION ALL"
    " SELECT p.register_no, p.authors, p.unit, NULL, p.level, k.title, d.number, d.signed_on, d.issuer"
    " FROM prize p JOIN contest k ON k.id = p.contest_id LEFT JOIN decision d ON d.id = k.decision_id"
    " WHERE p.register_no <> ''"
)
_PRINTED = (
    "SELECT i.register_no, MIN(CASE WHEN i.reprint = 0 THEN j.printed_at END), SUM(i.reprint), MAX(i.name)"
    " FROM print_item i JOIN print_job j ON j.id = i.job_id WHERE i.register_no <> '' GROUP BY i.register_no"
)


def _register_rows(db, year: int | None) -> list[RegisterRow]:
    printed = {r[0]: (r[1], int(r[2] or 0), r[3]) for r in db.execute(_PRINTED)}
    rows: dict[tuple[str, int], RegisterRow] = {}
    for r in db.execute(_HELD):
        key = _number(r[0])
        if key is None:
            continue
        first, reprints, _ = printed.get(r[0], (None, 0, ""))
        level = PrizeLevel(r[4]) if r[4] else None
        award = (
            (f"{level.label} – {r[5]}" if r[5] else level.label) if level else (AwardForm(r[3]).label if r[3] else "")
        )
        rows[key] = RegisterRow(key[0], key[1], r[1], r[2], award, r[6] or "", _day(r[7]), r[8] or "", _day(first),
                                reprints, False)  # fmt: skip
    for series, number in db.execute(
        "SELECT series, number FROM register_given WHERE awardee_id IS NULL AND prize_id IS NULL"
    ):
        register_no = f"{number:03d}/{series}"
        first, reprints, name = printed.get(register_no, (None, 0, ""))
        rows.setdefault(
            (series, number), RegisterRow(series, number, name, "", "", "", None, "", _day(first), reprints, True)
        )
    wanted = [row for key, row in rows.items() if year is None or key[0].endswith(f"-{year}")]
    return sorted(wanted, key=lambda row: (row.series.rsplit("-", 1)[-1], row.series, row.number))
