"""The list attached to a decision ("Danh sách kèm theo Quyết định"), as an .xlsx workbook.

One sheet per decision (and per contest's prize list), laid out as offices print it: the
issuer and national motto, the title and the decision it belongs to, a numbered table in
sections "I. TẬP THỂ" / "II. CÁ NHÂN", a total and the signature. The table's header is
the importer's own, so an annex read back in gives the same list.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import openpyxl
from openpyxl.styles import Font

from . import text
from .atomic import atomic_write
from .book import CeremonyBook
from .domain import Awardee, AwardeeKind, Contest, Decision, PrizeLevel
from .order import awardee_key, prize_key
from .stats import ceremony_stats, stats_lines
from .xlsx_style import BOX, CENTRE, WRAP, a4_setup, banner, font, put, widths

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
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
ROMAN = ("I", "II", "III", "IV", "V", "VI")


@dataclass(slots=True)
class AnnexResult:
    sheets: int
    rows: int


def _sheet_title(base: str, taken: set[str]) -> str:
    """Excel sheet names: at most 31 characters, no []:*?/\\, unique."""
    name = "".join(" " if ch in "[]:*?/\\" else ch for ch in base)[:31].strip() or "Danh sách"
    candidate, n = name, 2
    while candidate in taken:
        suffix = f" ({n})"
        candidate, n = name[: 31 - len(suffix)] + suffix, n + 1
    taken.add(candidate)
    return candidate


def _head_block(ws, issuer: str, title_lines: list[str], reference: str, width: int) -> int:
    """The header block; returns the row of the table header."""
    split = max(2, width // 2)
    banner(ws, 1, 1, split - 1, issuer.upper() or " ", font=font(12, bold=True))
    banner(ws, 1, split, width, MOTTO[0], font=font(12, bold=True))
    banner(ws, 2, split, width, MOTTO[1], font=Font(name="Times New Roman", size=12, bold=True, underline="single"))
    banner(ws, 4, 1, width, "DANH SÁCH", font=font(14, bold=True))
    row = 5
    for line in title_lines:
        banner(ws, row, 1, width, line, font=font(12, bold=True))
        row += 1
    banner(ws, row, 1, width, f"(Kèm theo {reference})", font=font(12, italic=True))
    return row + 2


def _table_header(ws, row: int, header: tuple[str, ...]) -> None:
    for c, label in enumerate(header, start=1):
        put(ws, row, c, label, font=font(12, bold=True), alignment=CENTRE, border=BOX)


def _section(ws, row: int, mark: str, label: str, width: int) -> None:
    put(ws, row, 1, mark, font=font(12, bold=True), alignment=CENTRE, border=BOX)
    put(ws, row, 2, label, font=font(12, bold=True), alignment=WRAP, border=BOX)
    for c in range(3, width + 1):
        put(ws, row, c, None, border=BOX)


def _line(ws, row: int, values: list) -> None:
    for c, value in enumerate(values, start=1):
        put(ws, row, c, value, font=font(12), alignment=CENTRE if c == 1 else WRAP, border=BOX)


def _signature(ws, row: int, decision: Decision | None, width: int) -> None:
    if decision is None:
        return
    lines = [*decision.signer_role.splitlines(), "", "", decision.signer_name]
    start = max(2, width // 2)
    for i, line in enumerate(lines):
        if line.strip() or i:
            banner(ws, row + i, start, width, line, font=font(12, bold=True))


def _awardee_sheet(ws, decision: Decision, people: list[Awardee], issuer: str) -> int:
    width = len(AWARDEE_HEADER)
    title = f"Tập thể, cá nhân được tặng {decision.award_form.label}"
    header_row = _head_block(ws, decision.issuer or issuer, [title], decision.reference, width)
    _table_header(ws, header_row, AWARDEE_HEADER)
    row, number = header_row + 1, 0
    groups = [
        ("TẬP THỂ", [a for a in people if a.kind is AwardeeKind.COLLECTIVE]),
        ("CÁ NHÂN", [a for a in people if a.kind is AwardeeKind.INDIVIDUAL]),
    ]
    groups = [g for g in groups if g[1]]
    for mark, (label, members) in zip(ROMAN, groups, strict=False):
        _section(ws, row, mark, f"{label} ({len(members)})", width)
        row += 1
        for a in members:
            number += 1
            _line(ws, row, [number, a.name, a.position, a.unit, a.ward, a.model_name, decision.award_form.label])
            row += 1
    counts = [f"{len(members)} {label.lower()}" for label, members in groups]
    put(ws, row, 2, "Tổng cộng: " + ", ".join(counts), font=font(12, bold=True))
    _signature(ws, row + 2, decision, width)
    widths(ws, [6, 30, 24, 30, 14, 34, 16])
    a4_setup(ws, header_row)
    return number


def _prize_sheet(ws, contest: Contest, decision: Decision | None, prizes, issuer: str) -> int:
    width = len(PRIZE_HEADER)
    reference = decision.reference if decision else "Quyết định công nhận kết quả cuộc thi"
    titles = ["Tác giả đạt giải", text.contest_phrase(contest.title)]
    header_row = _head_block(ws, (decision.issuer if decision else "") or issuer, titles, reference, width)
    _table_header(ws, header_row, PRIZE_HEADER)
    row, number = header_row + 1, 0
    levels = [lv for lv in PrizeLevel if any(p.level is lv for p in prizes)]
    for mark, level in zip(ROMAN, levels, strict=False):
        members = [p for p in prizes if p.level is level]
        _section(ws, row, mark, f"{level.label.upper()} ({len(members)})", width)
        row += 1
        for p in members:
            number += 1
            _line(ws, row, [number, p.authors, p.work_title, p.unit, p.level.label])
            row += 1
    put(ws, row, 2, f"Tổng cộng: {number} tác giả", font=font(12, bold=True))
    _signature(ws, row + 2, decision, width)
    widths(ws, [6, 30, 44, 30, 18])
    a4_setup(ws, header_row, landscape=False)
    return number


def write_annex(book: CeremonyBook, ceremony_id: int, out: Path) -> AnnexResult:
    """Write the annex workbook whole or not at all."""
    ceremony = book.ceremony(ceremony_id)
    decisions = book.decisions(ceremony_id)
    awardees = book.awardees(ceremony_id)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    sheets = rows = 0
    for d in decisions:
        people = sorted((a for a in awardees if a.decision_id == d.id), key=lambda a: awardee_key(a, d.award_form))
        if people:
            ws = wb.create_sheet(_sheet_title(f"{d.award_form.label} {d.number}".strip(), taken))
            rows += _awardee_sheet(ws, d, people, ceremony.organiser)
            sheets += 1
    loose = [a for a in awardees if a.decision_id is None]
    by_id = {d.id: d for d in decisions}
    for contest in book.contests(ceremony_id):
        d = by_id.get(contest.decision_id)
        form = d.award_form if d else None
        prizes = sorted(book.prizes(contest.id), key=lambda p: prize_key(p, form) if form else p.level.rank)
        if prizes:
            ws = wb.create_sheet(_sheet_title(f"Giải {contest.title}", taken))
            rows += _prize_sheet(ws, contest, d, prizes, ceremony.organiser)
            sheets += 1
    _stats_sheet(wb.create_sheet(_sheet_title("Thống kê", taken)), book, ceremony_id, loose)
    with atomic_write(out, binary=True) as f:
        wb.save(f)
    return AnnexResult(sheets, rows)


def _stats_sheet(ws, book: CeremonyBook, ceremony_id: int, loose: list[Awardee]) -> None:
    stats = ceremony_stats(book, ceremony_id)
    put(ws, 1, 1, "Câu dùng cho bài viết:", font=font(12, bold=True))
    put(ws, 2, 1, stats.sentence, font=font(12), alignment=WRAP)
    for i, line in enumerate(stats_lines(stats), start=4):
        put(ws, i, 1, line, font=font(12), alignment=WRAP)
    if loose:
        put(ws, i + 2, 1, f"{len(loose)} mục chưa gắn quyết định nên không có trong danh sách kèm theo.", font=font(12))
    widths(ws, [120])
