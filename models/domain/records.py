"""The ceremony book's domain: plain dataclasses, no storage and no Qt."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from models.domain.heading import Heading, HeadingKind, guess_kind
from models.domain.text import short_date


class AwardForm(StrEnum):
    """Which paper an award is; the order is rank on stage (highest first)."""

    BANG_KHEN = "bang_khen"
    GIAY_KHEN = "giay_khen"
    GIAY_CHUNG_NHAN = "giay_chung_nhan"

    @property
    def label(self) -> str:
        return _AWARD_FORM_LABELS[self]

    @property
    def rank(self) -> int:
        return _AWARD_FORM_RANKS[self]


_AWARD_FORM_RANKS = {f: i for i, f in enumerate(AwardForm)}  # asked once per record when sorting
_AWARD_FORM_LABELS = {
    AwardForm.BANG_KHEN: "Bằng khen",
    AwardForm.GIAY_KHEN: "Giấy khen",
    AwardForm.GIAY_CHUNG_NHAN: "Giấy chứng nhận",
}


class AwardeeKind(StrEnum):
    COLLECTIVE = "collective"
    INDIVIDUAL = "individual"

    @property
    def label(self) -> str:
        return "Tập thể" if self is AwardeeKind.COLLECTIVE else "Cá nhân"


class PrizeLevel(StrEnum):
    """Contest prize levels in stage order."""

    SPECIAL = "special"
    A = "a"
    B = "b"
    C = "c"
    CONSOLATION = "consolation"

    @property
    def label(self) -> str:
        return _PRIZE_LABELS[self]

    @property
    def phrase(self) -> str:
        """The level inside a sentence: "giải A", "giải Khuyến khích"."""
        return "g" + self.label[1:]

    @property
    def rank(self) -> int:
        return _PRIZE_RANKS[self]


_PRIZE_RANKS = {level: i for i, level in enumerate(PrizeLevel)}
_PRIZE_LABELS = {
    PrizeLevel.SPECIAL: "Giải Đặc biệt",
    PrizeLevel.A: "Giải A",
    PrizeLevel.B: "Giải B",
    PrizeLevel.C: "Giải C",
    PrizeLevel.CONSOLATION: "Giải Khuyến khích",
}


class RefKind(StrEnum):
    AWARDEE = "awardee"
    PRIZE = "prize"


class Ref(NamedTuple):
    """What one certificate or one name on stage is for: an awardee or a prize, by id.

    A named tuple because tens of thousands are built per order and used as keys."""

    kind: RefKind
    id: int

    # tuple.__new__ straight: the named tuple's own __new__ costs twice as much, per record.
    @classmethod
    def awardee(cls, awardee_id: int) -> Ref:
        return tuple.__new__(cls, (RefKind.AWARDEE, awardee_id))

    @classmethod
    def prize(cls, prize_id: int) -> Ref:
        return tuple.__new__(cls, (RefKind.PRIZE, prize_id))

    @classmethod
    def of_columns(cls, awardee_id: int | None, prize_id: int | None) -> Ref:
        """From a row that names one of the two, as the order and print tables store them."""
        if awardee_id is not None:
            return cls(RefKind.AWARDEE, awardee_id)
        if prize_id is None:
            raise ValueError("a row names neither an awardee nor a prize")
        return cls(RefKind.PRIZE, prize_id)

    @property
    def awardee_id(self) -> int | None:
        return self.id if self.kind is RefKind.AWARDEE else None

    @property
    def prize_id(self) -> int | None:
        return self.id if self.kind is RefKind.PRIZE else None

    def key(self) -> str:
        """A short text form for fingerprints and drag payloads: "12" or "p12"."""
        return str(self.id) if self.kind is RefKind.AWARDEE else f"p{self.id}"

    @classmethod
    def from_key(cls, text: str) -> Ref:
        return cls(RefKind.PRIZE, int(text[1:])) if text.startswith("p") else cls(RefKind.AWARDEE, int(text))


DEFAULT_FIELDS = ("Văn hóa – xã hội", "Bảo vệ môi trường", "Giải phóng mặt bằng", "Kinh tế", "Trật tự đô thị")


@dataclass(slots=True)
class Ceremony:
    title: str
    held_on: dt.date | None = None
    place: str = ""  # the place name of the date line: "Long Biên, ngày …"
    organiser: str = ""
    chair: str = ""
    news_url: str = ""
    notes: str = ""
    id: int = 0  # 0 until the book stores it (SQLite's ids start at 1)
    version: int = dataclasses.field(default=0, compare=False)  # saves counted, as for awardees


@dataclass(slots=True)
class Decision:
    ceremony_id: int
    award_form: AwardForm
    number: str = ""
    signed_on: dt.date | None = None
    issuer: str = ""
    signer_role: str = ""
    signer_name: str = ""
    achievement: str = ""
    id: int = 0  # 0 until the book stores it (SQLite's ids start at 1)
    # None: guessed from the issuer (a Quận ủy prints the Party heading, a UBND the national one).
    heading_kind: HeadingKind | None = None
    superior: str = ""  # the Party body over the issuer: "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI"
    version: int = dataclasses.field(default=0, compare=False)  # saves counted, as for awardees

    @property
    def heading(self) -> Heading:
        return Heading(self.heading_kind or guess_kind(self.issuer), self.issuer, self.superior)

    @property
    def reference(self) -> str:
        """How a certificate or a list cites the decision."""
        text = f"Quyết định số {self.number}" if self.number else "Quyết định"
        if self.signed_on:
            text += f", ngày {short_date(self.signed_on)}"
        return text

    @property
    def label(self) -> str:
        return f"{self.award_form.label} – {self.reference}"


@dataclass(slots=True)
class Awardee:
    ceremony_id: int
    kind: AwardeeKind
    name: str
    position: str = ""
    unit: str = ""
    ward: str = ""
    field: str = ""
    model_name: str = ""
    achievement: str = ""  # empty: the decision's standard text applies
    decision_id: int | None = None
    register_no: str = ""
    notes: str = ""
    id: int = 0  # 0 until the book stores it (SQLite's ids start at 1)
    # The book's count of saves (0 until stored, then 1, 2…): not part of what a record says,
    # so a record put back by an undo equals the one taken out.
    version: int = dataclasses.field(default=0, compare=False)


@dataclass(slots=True)
class Contest:
    ceremony_id: int
    title: str
    entries_received: int = 0
    decision_id: int | None = None
    quotas: dict[PrizeLevel, int] = field(default_factory=dict)
    notes: str = ""
    id: int = 0  # 0 until the book stores it (SQLite's ids start at 1)
    version: int = dataclasses.field(default=0, compare=False)  # saves counted, as for awardees


@dataclass(slots=True)
class Prize:
    contest_id: int
    level: PrizeLevel
    authors: str
    work_title: str = ""
    unit: str = ""
    register_no: str = ""
    notes: str = ""
    id: int = 0  # 0 until the book stores it (SQLite's ids start at 1)
    # The book's count of saves (0 until stored, then 1, 2…): not part of what a record says,
    # so a record put back by an undo equals the one taken out.
    version: int = dataclasses.field(default=0, compare=False)

    @property
    def people(self) -> int:
        """How many authors share the prize: "Đỗ Thị Hằng, Nguyễn Văn An" is two."""
        return author_count(self.authors)


def author_count(authors: str) -> int:
    return max(1, len([a for a in re.split(r"[,;]|\s+và\s+", authors) if a.strip()]))


@dataclass(frozen=True, slots=True)
class QuotaStatus:
    level: PrizeLevel
    quota: int
    given: int

    @property
    def over(self) -> bool:
        return self.given > self.quota


def quota_status(contest: Contest, prizes: list[Prize]) -> list[QuotaStatus]:
    """Given vs allowed per level, for every level that has a quota or a prize."""
    given = {level: 0 for level in PrizeLevel}
    for prize in prizes:
        given[prize.level] += 1
    return [
        QuotaStatus(level, contest.quotas.get(level, 0), given[level])
        for level in PrizeLevel
        if contest.quotas.get(level, 0) or given[level]
    ]
