"""Which heading a paper carries: a state body's national title and motto, or a Party
body's "ĐẢNG CỘNG SẢN VIỆT NAM" with its superior body and an asterisk under the issuer.

Shared by certificates, the decision annex (xlsx and PDF) and the MC script, so a Party
ceremony is headed the same way on every paper it produces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from models.domain import text

NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
PARTY = "ĐẢNG CỘNG SẢN VIỆT NAM"
STAR = "*"


class HeadingKind(StrEnum):
    STATE = "state"
    PARTY = "party"

    @property
    def label(self) -> str:
        if self is HeadingKind.STATE:
            return "Cơ quan nhà nước: Quốc hiệu và Tiêu ngữ"
        return "Cơ quan Đảng: “ĐẢNG CỘNG SẢN VIỆT NAM”"


# State bodies that a word test for "ủy" would take for Party committees.
_STATE = re.compile(r"\b(uy ban|ubnd|hdnd|ubmttq|mttq|hoi dong nhan dan|mat tran)\b")
# Party committees and their boards: Quận ủy, Thành ủy, Tỉnh ủy, Huyện ủy, Đảng ủy, Ban
# Thường vụ, Ban Dân vận … ủy, Chi bộ, Đảng bộ, and the short forms QU, TU, ĐU in names.
_PARTY = re.compile(r"\b(uy|dang uy|dang bo|chi bo|ban thuong vu|btv|dang cong san)\b")


def guess_kind(issuer: str) -> HeadingKind:
    folded = text.fold(issuer)
    if _STATE.search(folded):
        return HeadingKind.STATE
    return HeadingKind.PARTY if _PARTY.search(folded) else HeadingKind.STATE


@dataclass(frozen=True, slots=True)
class Heading:
    """The top of a paper: left block (superior, issuer, star) and right block (title, motto)."""

    kind: HeadingKind
    issuer: str
    superior: str = ""

    @property
    def title(self) -> str:
        return PARTY if self.kind is HeadingKind.PARTY else NATIONAL

    @property
    def motto(self) -> str:
        return "" if self.kind is HeadingKind.PARTY else MOTTO

    @property
    def left(self) -> list[str]:
        """The left block, top to bottom."""
        if self.kind is HeadingKind.PARTY:
            return [x for x in (self.superior, self.issuer) if x] + [STAR]
        return [self.issuer] if self.issuer else []

    @property
    def right(self) -> list[str]:
        return [x for x in (self.title, self.motto) if x]
