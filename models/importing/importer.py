"""Bringing a ward's list into the book: read, plan, and land it whole or not at all."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from models.domain.records import AwardeeKind, Decision
from models.errors import ValidationError
from models.importing.columns import HEADER_SEARCH_ROWS, Column, signature
from models.importing.plan import ImportPlan, plan_import
from models.repos.book import CeremonyBook, ImportedRecords
from models.sheets.read import read_workbook
from models.sheets.sheet import Workbook


@dataclass(slots=True)
class ImportResult:
    awardees: int = 0
    collectives: int = 0
    prizes: int = 0
    skipped: int = 0
    created: list[Decision] = field(default_factory=list)
    records: ImportedRecords | None = None  # what went in, for undo

    def summary(self) -> str:
        parts = []
        if self.awardees:
            people = self.awardees - self.collectives
            parts.append(f"{self.awardees} tập thể, cá nhân ({self.collectives} tập thể, {people} cá nhân)")
        if self.prizes:
            parts.append(f"{self.prizes} giải cuộc thi")
        text = "Đã nhập " + (" và ".join(parts) if parts else "0 mục") + "."
        if self.skipped:
            text += f" Bỏ qua {self.skipped} dòng trùng."
        if self.created:
            text += " Đã tạo quyết định mới: " + ", ".join(d.award_form.label for d in self.created) + "."
        return text


class MappingMemory:
    """Column mappings made by hand, remembered per header row (stored in the settings)."""

    def __init__(self, settings=None):
        self.settings = settings

    def recall(self, headers: list[str]) -> dict[int, Column] | None:
        if self.settings is None:
            return None
        raw = self.settings.import_mapping(signature(headers))
        try:
            return {int(c): Column(v) for c, v in raw.items()} if raw else None
        except (TypeError, ValueError):
            return None

    def remember(self, headers: list[str], mapping: dict[int, Column]) -> None:
        if self.settings is not None:
            self.settings.set_import_mapping(signature(headers), {str(c): v.value for c, v in mapping.items()})


def plan_file(
    book: CeremonyBook,
    path: Path | str,
    ceremony_id: int,
    *,
    contest_id: int | None = None,
    memory: MappingMemory | None = None,
    workbook: Workbook | None = None,
) -> ImportPlan:
    """Read and check a file with the header found by itself (or as mapped before)."""
    workbook = workbook or read_workbook(path)
    plan = plan_import(book, workbook, ceremony_id, contest_id=contest_id)
    if memory is None or not workbook.sheets:
        return plan
    rows = workbook.sheets[plan.sheet_index].rows
    candidates = [plan.header_row] if plan.header_row is not None else range(min(len(rows), HEADER_SEARCH_ROWS))
    for header_row in candidates:
        remembered = memory.recall(rows[header_row])
        if remembered and remembered != plan.mapping:
            plan = plan_import(
                book,
                workbook,
                ceremony_id,
                sheet_index=plan.sheet_index,
                header_row=header_row,
                mapping=remembered,
                contest_id=contest_id,
            )
            plan.notes.insert(0, "Dùng cách gán cột đã chọn lần trước cho tiêu đề này.")
            break
    return plan


def apply(book: CeremonyBook, plan: ImportPlan) -> ImportResult:
    if plan.problems:
        raise ValidationError(
            f"Tệp “{plan.file.name}” còn {len(plan.problems)} lỗi; chưa nhập gì. Lỗi đầu tiên: "
            + plan.problem_lines()[0]
        )
    rows = plan.included
    result = ImportResult(skipped=len(plan.rows) - len(rows))
    if plan.for_prizes:
        prizes = [r.prize for r in rows if r.prize is not None]
        book.import_records(plan.ceremony_id, prizes=prizes, already_clean=True)
        result.prizes = len(prizes)
        result.records = ImportedRecords([], prizes, [])
    else:
        pairs = [(r.awardee, r.form) for r in rows if r.awardee is not None]
        result.created = book.import_records(plan.ceremony_id, awardees=pairs, already_clean=True)
        result.awardees = len(pairs)
        result.collectives = sum(1 for a, _ in pairs if a.kind is AwardeeKind.COLLECTIVE)
        result.records = ImportedRecords([a for a, _ in pairs], [], list(result.created))
    return result
