"""Counts for the news article and a ready sentence in the style of the ceremony reports.

"… trao Giấy khen cho 63 tập thể, cá nhân có mô hình “Dân vận khéo” tiêu biểu và 15 tác
giả có bài viết tiêu biểu …": the reports count by award form, join the contest winners
to the awardees of the same form, and break prizes down by level.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from models.domain import text
from models.domain.fields import full_name
from models.domain.records import AwardeeKind, AwardForm, Decision, PrizeLevel
from models.repos.book import CeremonyBook

UNSET = "(chưa ghi)"


@dataclass(slots=True)
class FormCount:
    form: AwardForm | None
    collectives: int = 0
    individuals: int = 0
    authors: int = 0

    @property
    def total(self) -> int:
        return self.collectives + self.individuals + self.authors

    @property
    def breakdown(self) -> str:
        """Only the kinds present, e.g. "42 tập thể, 36 cá nhân"."""
        parts = zip((self.collectives, self.individuals, self.authors), ("tập thể", "cá nhân", "tác giả"), strict=True)
        return ", ".join(f"{n} {label}" for n, label in parts if n)


@dataclass(slots=True)
class CeremonyStats:
    title: str
    by_form: list[FormCount] = field(default_factory=list)
    by_field: list[tuple[str, int]] = field(default_factory=list)
    by_ward: list[tuple[str, int]] = field(default_factory=list)
    by_level: list[tuple[str, int]] = field(default_factory=list)
    collectives: int = 0
    individuals: int = 0
    authors: int = 0
    sentence: str = ""


def _kinds_phrase(collectives: int, individuals: int) -> str:
    if collectives and individuals:
        return f"{collectives + individuals} tập thể, cá nhân"
    return f"{collectives} tập thể" if collectives else f"{individuals} cá nhân"


def _ranked(counter: Counter) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda kv: (kv[0] == UNSET, -kv[1], text.sort_key(kv[0])))


def ceremony_stats(book: CeremonyBook, ceremony_id: int) -> CeremonyStats:
    ceremony = book.ceremony(ceremony_id)
    decisions: dict[int | None, Decision] = {d.id: d for d in book.decisions(ceremony_id)}
    stats = CeremonyStats(ceremony.title)
    forms: dict[AwardForm | None, FormCount] = {}
    awardee_clause: dict[AwardForm | None, list] = {}
    fields: Counter[str] = Counter()
    wards: Counter[str] = Counter()
    for a in book.awardees(ceremony_id):
        d = decisions.get(a.decision_id)
        form = d.award_form if d else None
        count = forms.setdefault(form, FormCount(form))
        if a.kind is AwardeeKind.COLLECTIVE:
            count.collectives += 1
            stats.collectives += 1
        else:
            count.individuals += 1
            stats.individuals += 1
        awardee_clause.setdefault(form, []).append(a)
        fields[full_name(a.field) or UNSET] += 1
        wards[a.ward or UNSET] += 1
    levels: Counter[PrizeLevel] = Counter()
    contest_parts: dict[AwardForm | None, list[str]] = {}
    for contest in book.contests(ceremony_id):
        prizes = book.prizes(contest.id)
        if not prizes:
            continue
        d = decisions.get(contest.decision_id)
        form = d.award_form if d else None
        people = sum(p.people for p in prizes)  # a work by two authors is two people honoured
        forms.setdefault(form, FormCount(form)).authors += people
        stats.authors += people
        per_level = Counter(p.level for p in prizes)
        levels.update(per_level)
        works = "bài viết tiêu biểu" if "viet" in text.fold(contest.title).split() else "tác phẩm đạt giải"
        breakdown = ", ".join(f"{per_level[lv]} {lv.phrase}" for lv in PrizeLevel if per_level[lv])
        contest_parts.setdefault(form, []).append(
            f"{people} tác giả có {works} {text.contest_phrase(contest.title)} "
            + (f"(gồm {breakdown})" if people == len(prizes) else f"({len(prizes)} tác phẩm, gồm {breakdown})")
        )
    stats.by_form = sorted(forms.values(), key=lambda c: c.form.rank if c.form else 99)
    stats.by_field = _ranked(fields)
    stats.by_ward = _ranked(wards)
    stats.by_level = [(lv.label, levels[lv]) for lv in PrizeLevel if levels[lv]]
    clauses = []
    for count in stats.by_form:
        groups: dict[int | None, list] = {}
        for a in awardee_clause.get(count.form, []):
            groups.setdefault(a.decision_id, []).append(a)
        merged: dict[str, list[int]] = {}  # two decisions for the same deed read as one count
        for decision_id, group in groups.items():
            qualifier, authors = _group_qualifier(group, decisions.get(decision_id))
            tally = merged.setdefault(qualifier + ("\0" if authors else ""), [0, 0])
            tally[0] += sum(1 for a in group if a.kind is AwardeeKind.COLLECTIVE)
            tally[1] += sum(1 for a in group if a.kind is not AwardeeKind.COLLECTIVE)
        parts = [
            f"{i} tác giả {key[:-1]}" if key.endswith("\0") else f"{_kinds_phrase(c, i)} {key}"
            for key, (c, i) in merged.items()
        ]
        parts += contest_parts.get(count.form, [])
        what = count.form.label if count.form else "khen thưởng (chưa gắn quyết định)"
        clauses.append(f"trao {what} cho " + " và ".join(parts))
    if clauses:
        # An organiser stored in capitals ("QUẬN ỦY LONG BIÊN") cannot be re-cased reliably.
        who = ceremony.organiser if ceremony.organiser and not ceremony.organiser.isupper() else "Hội nghị"
        stats.sentence = f"{who} đã công bố quyết định khen thưởng và " + "; ".join(clauses) + "."
    return stats


def _group_qualifier(group: list, decision) -> tuple[str, bool]:
    """What a decision's group is honoured for, and whether its people are authors."""
    collectives = sum(1 for a in group if a.kind is AwardeeKind.COLLECTIVE)
    if 2 * sum(1 for a in group if a.model_name) >= len(group):
        return "có mô hình “Dân vận khéo” tiêu biểu", False
    achievement = text.clean(decision.achievement) if decision else ""
    if not achievement:
        return "có thành tích tiêu biểu", False
    qualifier = achievement[0].lower() + achievement[1:]
    return qualifier, not collectives and any(w in qualifier for w in ("bài viết", "tác phẩm"))


def stats_lines(stats: CeremonyStats) -> list[str]:
    """The counts as short lines, for the console and the statistics sheet."""
    lines = [f"Hội nghị: {stats.title}"]
    total = stats.collectives + stats.individuals + stats.authors
    lines.append(f"Tổng: {total} ({stats.collectives} tập thể, {stats.individuals} cá nhân, {stats.authors} tác giả)")
    for c in stats.by_form:
        label = c.form.label if c.form else "Chưa gắn quyết định"
        lines.append(f"  {label}: {c.total} ({c.breakdown})")
    if stats.by_field:
        lines.append("Theo lĩnh vực: " + "; ".join(f"{k} {v}" for k, v in stats.by_field))
    if stats.by_ward:
        lines.append("Theo phường: " + "; ".join(f"{k} {v}" for k, v in stats.by_ward))
    if stats.by_level:
        lines.append("Theo giải: " + "; ".join(f"{k} {v}" for k, v in stats.by_level))
    return lines
