"""What a print run is and what the print log keeps of it: plain data, no storage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from models.domain.records import Ref


class PaperMode(StrEnum):
    FULL = "full"  # plain paper: frame, headings and text
    BLANK = "blank"  # pre-printed blank forms: the text only

    @property
    def label(self) -> str:
        return "Giấy trắng, in cả mẫu" if self is PaperMode.FULL else "In lên phôi"


class PrintAction(StrEnum):
    PRINT = "print"
    PDF = "pdf"

    @property
    def label(self) -> str:
        return "In ra máy in" if self is PrintAction.PRINT else "Xuất PDF"


@dataclass(slots=True)
class PrintedItem:
    name: str
    register_no: str
    reprint: bool
    ref: Ref | None  # None once the awardee or prize was deleted


@dataclass(slots=True)
class PrintJob:
    ceremony_id: int
    printed_at: dt.datetime
    action: PrintAction
    target: str
    mode: PaperMode
    copies: int = 1
    reason: str = ""
    items: list[PrintedItem] = field(default_factory=list)
    id: int | None = None
    status: str = "done"  # "running": logged before its pages were made, never settled

    @property
    def unsettled(self) -> bool:
        return self.status == "running"

    @property
    def reprints(self) -> int:
        return sum(item.reprint for item in self.items)
