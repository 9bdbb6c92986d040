"""What the list attached to a decision ("Danh sách kèm theo Quyết định") says.

One table per decision (and per contest's prize list): the issuer and national motto, the
title and the decision it belongs to, numbered rows in sections "I. TẬP THỂ" / "II. CÁ
NHÂN" (or by prize level), a total and the signature. The workbook (`xlsx_annex`) and the
PDF (`certificates.documents.annex_pdf`) both print this same content, so the two never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from models.domain import text
from models.domain.heading import Heading, guess_kind
from models.domain.order import awardee_key, prize_key
from models.domain.records import Awardee, AwardeeKind, Contest, Decision, PrizeLevel
from models.repos.book import CeremonyBook

AWARDEE_HEADER = (
    "STT",
    "Họ và tên / Tên tập thể",
    "Chức vụ",
    "Đơn vị công tác",
    "Phường",
    "Tên mô hình",
    "Hình thức khen thưởng",
)
PRIZE_HEADER = ("STT", "Họ tên tác giả", "Tên tác phẩm", "Đơn vị", "Giải")
# Relative column widths, in Excel's character units.
AWARDEE_WIDTHS = (6, 30, 24, 30, 14, 34, 16)
PRIZE_WIDTHS = (7, 30, 44, 30, 16)
ROMAN = ("I", "II", "III", "IV", "V", "VI")


@dataclass(slots=True)
class AnnexSection:
    mark: str  # "I", "II", …
    label: str  # "TẬP THỂ (12)"
    rows: list[list] = field(default_factory=list)  # each starts with its STT


@dataclass(slots=True)
class AnnexTable:
    name: str  # short, for a sheet tab
    heading: Heading  # issuer and the national or Party heading
    title_lines: list[str]
    reference: str  # "Quyết định số 12-QĐ/… ngày …"
    header: tuple[str, ...]
    widths: tuple[int, ...]
    landscape: bool
    sections: list[AnnexSection]
    total: str
    signature: list[str]  # role lines, then the signer's name; empty without a decision

    @property
    def count(self) -> int:
        return sum(len(s.rows) for s in self.sections)


@dataclass(slots=True)
class Annex:
    tables: list[AnnexTable]
    loose: int  # awardees not yet tied to a decision, hence in no table

    @property
    def rows(self) -> int:
        return sum(t.count for t in self.tables)


def _signature(decision: Decision | None) -> list[str]:
    if decision is None or not (decision.signer_role.strip() or decision.signer_name.strip()):
        return []
    return [line for line in decision.signer_role.splitlines() if line.strip()] + [decision.signer_name]


def _heading(decision: Decision | None, organiser: str) -> Heading:
    """The decision's heading; without a decision (or issuer), the organiser's."""
    issuer = (decision.issuer if decision else "") or organiser
    kind = (decision.heading_kind if decision else None) or guess_kind(issuer)
    return Heading(kind, issuer.upper(), (decision.superior if decision else "").upper())


def _awardee_table(decision: Decision, people: list[Awardee], issuer: str) -> AnnexTable:
    form = decision.award_form.label
    groups = [
        ("TẬP THỂ", [a for a in people if a.kind is AwardeeKind.COLLECTIVE]),
        ("CÁ NHÂN", [a for a in people if a.kind is AwardeeKind.INDIVIDUAL]),
    ]
    groups = [g for g in groups if g[1]]
    sections, number = [], 0
    for mark, (label, members) in zip(ROMAN, groups, strict=False):
        section = AnnexSection(mark, f"{label} ({len(members)})")
        for a in members:
            number += 1
            section.rows.append([number, a.name, a.position, a.unit, a.ward, a.model_name, form])
        sections.append(section)
    return AnnexTable(
        name=f"{form} {decision.number}".strip(),
        heading=_heading(decision, issuer),
        title_lines=[f"Tập thể, cá nhân được tặng {form}"],
        reference=decision.reference,
        header=AWARDEE_HEADER,
        widths=AWARDEE_WIDTHS,
        landscape=True,
        sections=sections,
        total="Tổng cộng: " + ", ".join(f"{len(members)} {label.lower()}" for label, members in groups),
        signature=_signature(decision),
    )


def _prize_table(contest: Contest, decision: Decision | None, prizes: list, issuer: str) -> AnnexTable:
    levels = [lv for lv in PrizeLevel if any(p.level is lv for p in prizes)]
    sections, number = [], 0
    for mark, level in zip(ROMAN, levels, strict=False):
        members = [p for p in prizes if p.level is level]
        section = AnnexSection(mark, f"{level.label.upper()} ({len(members)})")
        for p in members:
            number += 1
            section.rows.append([number, p.authors, p.work_title, p.unit, p.level.label])
        sections.append(section)
    return AnnexTable(
        name=f"Giải {contest.title}",
        heading=_heading(decision, issuer),
        title_lines=["Tác giả đạt giải", text.contest_phrase(contest.title)],
        reference=decision.reference if decision else "Quyết định công nhận kết quả cuộc thi",
        header=PRIZE_HEADER,
        widths=PRIZE_WIDTHS,
        landscape=False,
        sections=sections,
        total=f"Tổng cộng: {number} tác giả",
        signature=_signature(decision),
    )


def build_annex(book: CeremonyBook, ceremony_id: int) -> Annex:
    """Every decision's list and every contest's prize list, in the order they are read out."""
    ceremony = book.ceremony(ceremony_id)
    decisions = book.decisions(ceremony_id)
    awardees = book.awardees(ceremony_id)
    tables = []
    for d in decisions:
        people = sorted((a for a in awardees if a.decision_id == d.id), key=lambda a: awardee_key(a, d.award_form))
        if people:
            tables.append(_awardee_table(d, people, ceremony.organiser))
    by_id: dict[int | None, Decision] = {d.id: d for d in decisions}
    for contest in book.contests(ceremony_id):
        given = by_id.get(contest.decision_id)
        form = given.award_form if given else None
        prizes = sorted(book.prizes(contest.id), key=lambda p: prize_key(p, form) if form else p.level.rank)
        if prizes:
            tables.append(_prize_table(contest, given, prizes, ceremony.organiser))
    return Annex(tables, loose=sum(1 for a in awardees if a.decision_id is None))
