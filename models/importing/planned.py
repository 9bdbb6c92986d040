"""What an import plan holds: the rows it would add, each with the line Excel shows, the
problems that block it (file, row and column), and notes on what was read or converted."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from models.domain import text
from models.domain.records import Awardee, AwardForm, Prize
from models.importing.columns import (
    Column,
)
from models.sheets.legacy import Encoding
from models.sheets.sheet import Conversion

MAX_NAME, MAX_TEXT = text.MAX_NAME, text.MAX_TEXT

ENCODING_NAMES = {
    Encoding.TCVN3: "TCVN3 (.VnTime)",
    Encoding.TCVN3_CAPITALS: "TCVN3 chữ hoa (.VnTimeH)",
    Encoding.VNI: "VNI (VNI-Times)",
}


UNSURE_SHOWN = 30


def unsure_note(unsure: list[Conversion]) -> str:
    """Cells of old-encoded text that read as well, or nearly, in another way: each named,
    with what it was read as, for the clerk to check before anything is written."""
    cells = "; ".join(
        f"dòng {c.row + 1}, cột {column_letter(c.column)}: “{c.raw}” đọc thành “{c.text}”"
        for c in unsure[:UNSURE_SHOWN]
    )
    more = f"; và {len(unsure) - UNSURE_SHOWN} ô khác" if len(unsure) > UNSURE_SHOWN else ""
    return (
        f"{len(unsure)} ô chữ mã cũ (TCVN3/VNI) đọc được nhiều cách, cần xem lại trước khi nhập: "
        f"{cells}{more}. Nếu đọc sai, hãy sửa trong tệp (hoặc đặt lại phông chữ gốc cho cột đó) rồi mở lại."
    )


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True, slots=True)
class Problem:
    line: int | None  # the row number Excel shows, 1-based
    column: str  # "C (Họ và tên)" or ""
    message: str

    def where(self, file_name: str) -> str:
        parts = [f"Tệp “{file_name}”"]
        if self.line is not None:
            parts.append(f"dòng {self.line}")
        if self.column:
            parts.append(f"cột {self.column}")
        return ", ".join(parts) + f": {self.message}"


@dataclass(slots=True)
class PlannedRow:
    line: int
    awardee: Awardee | None = None
    prize: Prize | None = None
    form: AwardForm | None = None
    kind_guessed: bool = False
    ward_from_unit: bool = False  # no ward given: read from the unit ("…, phường Thạch Bàn")
    field_as_typed: str = ""  # before a short form ("GPMB") was written in full
    duplicate: str = ""  # why it looks like a duplicate; empty when it does not
    include: bool = True

    @property
    def unit(self) -> str:
        record = self.awardee or self.prize
        return record.unit if record is not None else ""

    @property
    def name(self) -> str:
        if self.awardee is not None:
            return self.awardee.name
        return self.prize.authors if self.prize is not None else ""


@dataclass(slots=True)
class ImportPlan:
    file: Path
    sheet: str
    sheet_index: int
    ceremony_id: int
    contest_id: int | None
    header_row: int | None  # 0-based; None when no header was found
    headers: list[str]
    mapping: dict[int, Column]
    rows: list[PlannedRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    conversions: list[Conversion] = field(default_factory=list)  # cells read from legacy encodings

    @property
    def unsure(self) -> list[Conversion]:
        return [c for c in self.conversions if not c.sure]

    @property
    def for_prizes(self) -> bool:
        return self.contest_id is not None

    @property
    def included(self) -> list[PlannedRow]:
        return [r for r in self.rows if r.include]

    @property
    def duplicates(self) -> list[PlannedRow]:
        return [r for r in self.rows if r.duplicate]

    @property
    def guessed(self) -> list[PlannedRow]:
        return [r for r in self.rows if r.kind_guessed]

    @property
    def wards_from_units(self) -> list[PlannedRow]:
        return [r for r in self.rows if r.ward_from_unit]

    def problem_lines(self) -> list[str]:
        return [p.where(self.file.name) for p in self.problems]
