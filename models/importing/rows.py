"""Each row of a list judged: its cells cleaned and checked against their column, a person
or collective (or a prize) planned, or a problem said with its row and column."""

from __future__ import annotations

import functools
import re

from models.domain import text
from models.domain.fields import full_name
from models.domain.places import ward_in_unit
from models.domain.records import Awardee, AwardeeKind, Prize
from models.importing.columns import (
    Column,
    guess_kind,
    parse_form,
    parse_kind,
    parse_prize,
)
from models.importing.planned import (
    MAX_NAME,
    MAX_TEXT,
    ImportPlan,
    PlannedRow,
    Problem,
    column_letter,
)
from models.importing.shape import (
    FOOTER,
    NUMBERING,
    TOTAL,
    Context,
    clean_cell,
    section_of,
)


def read_rows(plan: ImportPlan, rows: list[list[str]], start: int) -> None:
    mapping = plan.mapping
    by_column = {col: c for c, col in mapping.items()}
    labels = {c: f"{column_letter(c)} ({_header_label(plan.headers, c, col)})" for c, col in mapping.items()}
    context = Context()
    stt = by_column.get(Column.STT)
    skipped_numbering = False
    for index in range(start, len(rows)):
        raw = rows[index]
        row = [clean_cell(v) for v in raw]
        line = index + 1
        if not any(row):
            continue
        if not skipped_numbering and index <= start + 1 and all(NUMBERING.match(v) for v in row if v):
            skipped_numbering = True
            continue
        first = next(v for v in row if v).lower()
        if TOTAL.match(first):
            plan.notes.append(f"Dừng ở dòng tổng cộng (dòng {line}); các dòng sau không nhập.")
            break
        if FOOTER.match(first):
            plan.notes.append(f"Dừng ở phần chữ ký cuối bảng (dòng {line}).")
            break
        heading = section_of(row, mapping, context)
        if heading is not None:
            plan.notes.append(f"Dòng {line} là đề mục “{heading}”, không phải một người hay tập thể.")
            continue
        cells = {col: (row[c] if c < len(row) else "") for col, c in by_column.items()}
        planned = _planned(plan, cells, labels, by_column, context, line)
        if planned is not None:
            plan.rows.append(planned)
    if stt is not None:
        _drop_unnumbered_tail(plan, rows, stt)


def _header_label(headers: list[str], c: int, col: Column) -> str:
    header = text.clean(headers[c]) if c < len(headers) else ""
    return header if header and len(header) <= 40 else col.label


def _drop_unnumbered_tail(plan: ImportPlan, rows: list[list[str]], stt: int) -> None:
    """Lines after the last numbered row without a number are notes under the table."""

    def numbered(r: PlannedRow) -> bool:
        row = rows[r.line - 1]
        return stt < len(row) and row[stt].strip().rstrip(".").isdigit()

    if sum(numbered(r) for r in plan.rows) < max(2, len(plan.rows) // 2):
        return
    last = max(i for i, r in enumerate(plan.rows) if numbered(r))
    tail = plan.rows[last + 1 :]
    if tail and not any(numbered(r) for r in tail):
        del plan.rows[last + 1 :]
        dropped = {r.line for r in tail}
        plan.problems = [p for p in plan.problems if p.line not in dropped]
        plan.notes.append(f"Bỏ qua {len(tail)} dòng cuối bảng không có số thứ tự (dòng {tail[0].line} trở đi).")


def _too_long(plan: ImportPlan, cells: dict, labels: dict, by_column: dict, line: int) -> bool:
    bad = False
    for col, value in cells.items():
        limit = MAX_NAME if col is Column.NAME else MAX_TEXT
        if len(value) > limit:
            plan.problems.append(Problem(line, labels[by_column[col]], f"dài {len(value)} ký tự, quá {limit} ký tự."))
            bad = True
    return bad


def _planned(plan: ImportPlan, cells, labels, by_column, context: Context, line: int) -> PlannedRow | None:
    name = cells.get(Column.NAME, "")
    if max(map(len, cells.values()), default=0) > MAX_NAME and _too_long(plan, cells, labels, by_column, line):
        return None
    if not name:
        others = [v for col, v in cells.items() if v and col is not Column.STT]
        if others:
            plan.problems.append(
                Problem(line, labels[by_column[Column.NAME]], "thiếu họ tên / tên tập thể (dòng có dữ liệu khác).")
            )
        return None
    if not any(ch.isalpha() for ch in name):
        plan.problems.append(Problem(line, labels[by_column[Column.NAME]], f"“{name}” không phải một tên."))
        return None
    if plan.for_prizes:
        return _planned_prize(plan, cells, labels, by_column, context, line)
    planned = PlannedRow(line)
    kind = context.kind
    if cells.get(Column.KIND):
        kind = parse_kind(cells[Column.KIND])
        if kind is None:
            plan.problems.append(
                Problem(line, labels[by_column[Column.KIND]], f"“{cells[Column.KIND]}”: ghi “Tập thể” hoặc “Cá nhân”.")
            )
            return None
    if kind is None:
        kind = guess_kind(name)
        planned.kind_guessed = True
    form = context.form
    if cells.get(Column.AWARD_FORM):
        form = parse_form(cells[Column.AWARD_FORM])
        if form is None:
            plan.problems.append(
                Problem(
                    line,
                    labels[by_column[Column.AWARD_FORM]],
                    f"“{cells[Column.AWARD_FORM]}” không phải hình thức khen thưởng (Bằng khen, Giấy khen, "
                    "Giấy chứng nhận).",
                )
            )
            return None
    planned.form = form
    planned.field_as_typed = cells.get(Column.FIELD, "")
    unit = cells.get(Column.UNIT, "")
    ward = _ward(cells.get(Column.WARD, ""))
    if not ward and unit:
        ward = ward_in_unit(unit)
        planned.ward_from_unit = bool(ward)
    planned.awardee = Awardee(
        ceremony_id=plan.ceremony_id,
        kind=kind,
        name=name,
        position="" if kind is AwardeeKind.COLLECTIVE else cells.get(Column.POSITION, ""),
        unit=unit,
        ward=ward,
        field=full_name(cells.get(Column.FIELD, "")),
        model_name=cells.get(Column.MODEL, ""),
        achievement=cells.get(Column.ACHIEVEMENT, ""),
        notes=cells.get(Column.NOTES, ""),
    )
    return planned


_WARD_PREFIX = re.compile(r"^(phường|p\.)\s*", re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def _ward(value: str) -> str:
    """ "Phường Bồ Đề" and "P. Bồ Đề" are stored as the ward's own name, as typed by hand."""
    return _WARD_PREFIX.sub("", value).strip() if value else ""


def _planned_prize(plan: ImportPlan, cells, labels, by_column, context: Context, line: int) -> PlannedRow | None:
    level = context.level
    raw = cells.get(Column.PRIZE, "")
    if raw:
        level = parse_prize(raw)
        if level is None:
            plan.problems.append(
                Problem(
                    line,
                    labels[by_column[Column.PRIZE]],
                    f"“{raw}” không phải mức giải (Đặc biệt, A, B, C, Khuyến khích hoặc Nhất, Nhì, Ba).",
                )
            )
            return None
    if level is None:
        where = labels[by_column[Column.PRIZE]] if Column.PRIZE in by_column else ""
        plan.problems.append(Problem(line, where, "chưa có mức giải."))
        return None
    prize = Prize(
        contest_id=plan.contest_id or 0,
        level=level,
        authors=cells[Column.NAME],
        work_title=cells.get(Column.WORK, ""),
        unit=cells.get(Column.UNIT, "") or cells.get(Column.WARD, ""),
        notes=cells.get(Column.NOTES, ""),
    )
    return PlannedRow(line, prize=prize)
