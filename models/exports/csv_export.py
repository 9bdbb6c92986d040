"""CSV export of every awardee and prize winner, made for Excel on a Vietnamese desktop."""

from __future__ import annotations

import csv
from pathlib import Path

from models.domain import text
from models.domain.records import Decision
from models.repos.book import CeremonyBook
from models.storage.atomic import atomic_write

HEADER = (
    "Hội nghị",
    "Ngày",
    "Loại",
    "Họ và tên / Tên tập thể",
    "Chức vụ",
    "Đơn vị",
    "Phường",
    "Lĩnh vực",
    "Mô hình “Dân vận khéo”",
    "Hình thức khen thưởng",
    "Quyết định",
    "Cuộc thi",
    "Giải",
    "Tác phẩm",
    "Thành tích",
    "Số vào sổ",
    "Ghi chú",
)
# A cell that starts like a formula would run as one in Excel or LibreOffice.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def export_rows(book: CeremonyBook):
    for ceremony in book.ceremonies():
        date = text.short_date(ceremony.held_on) if ceremony.held_on else ""
        decisions: dict[int | None, Decision] = {d.id: d for d in book.decisions(ceremony.id)}
        for a in book.awardees(ceremony.id):
            d = decisions.get(a.decision_id)
            yield (
                ceremony.title,
                date,
                a.kind.label,
                a.name,
                a.position,
                a.unit,
                a.ward,
                a.field,
                a.model_name,
                d.award_form.label if d else "",
                d.reference if d else "",
                "",
                "",
                "",
                a.achievement or (d.achievement if d else ""),
                a.register_no,
                a.notes,
            )
        for contest in book.contests(ceremony.id):
            d = decisions.get(contest.decision_id)
            for p in book.prizes(contest.id):
                yield (
                    ceremony.title,
                    date,
                    "Tác giả đạt giải",
                    p.authors,
                    "",
                    p.unit,
                    "",
                    "",
                    "",
                    d.award_form.label if d else "",
                    d.reference if d else "",
                    contest.title,
                    p.level.label,
                    p.work_title,
                    d.achievement if d else "",
                    p.register_no,
                    p.notes,
                )


def export_csv(book: CeremonyBook, out: Path) -> int:
    """Write the CSV whole or not at all; return the number of data rows."""
    count = 0
    # utf-8-sig: the BOM makes Excel read the file as UTF-8 rather than the ANSI code page.
    with atomic_write(out, encoding="utf-8-sig") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        for row in export_rows(book):
            writer.writerow([safe_cell(v) for v in row])
            count += 1
    return count
