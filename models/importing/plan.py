"""From a read workbook to a checked import plan: every row judged before anything is written.

A plan holds the records a list would add, the problems that block it (each with file,
row and column), the likely duplicates (in the file and against the book) that wait for
the clerk's decision, and notes on what was skipped or converted. Nothing here writes;
importer.apply() lands a clean plan in one transaction.
"""

from __future__ import annotations

from models.domain.search import duplicate_key
from models.importing.columns import (
    Column,
    find_header,
    recognise,
)
from models.importing.planned import (
    ENCODING_NAMES,
    ImportPlan,
    PlannedRow,
    Problem,
    unsure_note,
)
from models.importing.rows import read_rows
from models.importing.shape import (
    data_start,
    fill_down_merges,
    sub_headers,
)
from models.repos.book import CeremonyBook
from models.sheets.sheet import Sheet, Workbook

# --- the plan ---------------------------------------------------------------------------


def choose_sheet(workbook: Workbook) -> int:
    """The first sheet with a recognisable header, else the first with any content."""
    for index, sheet in enumerate(workbook.sheets):
        if find_header(sheet.rows):
            return index
    return next((i for i, s in enumerate(workbook.sheets) if any(s.rows)), 0)


def plan_import(
    book: CeremonyBook,
    workbook: Workbook,
    ceremony_id: int,
    *,
    sheet_index: int | None = None,
    header_row: int | None = None,
    mapping: dict[int, Column] | None = None,
    contest_id: int | None = None,
    for_prizes: bool | None = None,
) -> ImportPlan:
    if not workbook.sheets:
        sheet_index = 0
        sheet = Sheet("")
    else:
        sheet_index = choose_sheet(workbook) if sheet_index is None else sheet_index
        sheet = workbook.sheets[sheet_index]
    rows = [list(r) for r in sheet.rows]
    guess = find_header(rows)
    if header_row is None:
        header_row = guess.row if guess else None
    if mapping is None:
        mapping = dict(guess.mapping) if guess and guess.row == header_row else {}
        if header_row is not None and not mapping:
            mapping = {c: col for c, cell in enumerate(rows[header_row]) if (col := recognise(cell))}
    else:
        mapping = dict(mapping)
    headers = rows[header_row] if header_row is not None and header_row < len(rows) else []
    plan = ImportPlan(workbook.path, sheet.name, sheet_index, ceremony_id, None, header_row, headers, mapping)
    if workbook.note:
        plan.notes.append(workbook.note)
    for encoding, count in sheet.converted.items():
        plan.notes.append(f"Đã chuyển {count} ô từ mã {ENCODING_NAMES[encoding]} sang Unicode.")
    plan.conversions = list(sheet.conversions)
    if sheet.unsure:
        plan.notes.append(unsure_note(sheet.unsure))
    if header_row is None or Column.NAME not in mapping.values():
        plan.problems.append(
            Problem(
                None,
                "",
                "không tìm thấy dòng tiêu đề có cột “Họ và tên” (hoặc “Tên tập thể”, “Tác giả”) trong "
                "20 dòng đầu. Hãy chọn dòng tiêu đề và gán cột bằng tay.",
            )
        )
        return plan
    if for_prizes is None:
        for_prizes = contest_id is not None or looks_like_prize_list(mapping)
    if for_prizes:
        plan.contest_id = _contest_for(book, ceremony_id, contest_id, plan)
        if plan.contest_id is None:
            return plan
    start = data_start(sheet, header_row)
    sub_headers(sheet, header_row, start, plan.mapping)
    fill_down_merges(rows, sheet.merged, start)
    read_rows(plan, rows, start)
    _mark_duplicates(book, plan)
    if not plan.for_prizes:
        _explain_decisions(book, plan)
        expanded = sorted(
            {(r.awardee.field, short) for r, short in _typed_fields(plan) if r.awardee and short != r.awardee.field}
        )
        if expanded:
            pairs = ", ".join(f"{short} → {full}" for full, short in expanded)
            plan.notes.append(f"Lĩnh vực viết tắt được ghi đầy đủ: {pairs}.")
        if plan.wards_from_units:
            first = next(r.awardee for r in plan.wards_from_units if r.awardee)
            plan.notes.append(
                f"{len(plan.wards_from_units)} dòng không ghi phường: lấy phường từ cột đơn vị "
                f"(ví dụ “{first.unit}” → “{first.ward}”); hãy xem lại trong cửa sổ."
            )
    if not plan.rows and not plan.problems:
        plan.problems.append(Problem(None, "", "không có dòng dữ liệu nào dưới dòng tiêu đề."))
    return plan


def _typed_fields(plan: ImportPlan) -> list[tuple[PlannedRow, str]]:
    """Each awardee row with the field as the list wrote it."""
    return [(r, r.field_as_typed) for r in plan.rows if r.awardee and r.field_as_typed]


def looks_like_prize_list(mapping: dict[int, Column]) -> bool:
    """A prize or work column and none of what only an awardee list has."""
    held = set(mapping.values())
    return bool(held & {Column.PRIZE, Column.WORK}) and not held & {Column.MODEL, Column.KIND, Column.POSITION}


def _contest_for(book: CeremonyBook, ceremony_id: int, wanted: int | None, plan: ImportPlan) -> int | None:
    contests = book.contests(ceremony_id)
    if wanted is not None:
        if any(c.id == wanted for c in contests):
            return wanted
        plan.problems.append(Problem(None, "", f"cuộc thi số {wanted} không thuộc hội nghị này."))
        return None
    if len(contests) == 1:
        return contests[0].id
    if not contests:
        message = "đây là danh sách giải cuộc thi nhưng hội nghị chưa có cuộc thi nào: hãy tạo cuộc thi trước."
    else:
        listing = "; ".join(f"{c.id}: {c.title}" for c in contests)
        message = f"đây là danh sách giải cuộc thi: hãy chọn cuộc thi nhận danh sách ({listing})."
    plan.problems.append(Problem(None, "", message))
    return None


def _mark_duplicates(book: CeremonyBook, plan: ImportPlan) -> None:
    existing = book.duplicate_keys(plan.ceremony_id, plan.contest_id)
    first_line: dict[str, int] = {}
    for row in plan.rows:
        key = duplicate_key(row.name, row.unit)
        if key in existing:
            row.duplicate = f"đã có trong danh sách: {existing[key]}"
        elif key in first_line:
            row.duplicate = f"trùng với dòng {first_line[key]} của tệp"
        else:
            first_line[key] = row.line
            continue
        row.include = False


def _explain_decisions(book: CeremonyBook, plan: ImportPlan) -> None:
    forms = {d.award_form for d in book.decisions(plan.ceremony_id)}
    wanted = {r.form for r in plan.rows if r.form is not None}
    for form in sorted(wanted - forms, key=lambda f: f.rank):
        plan.notes.append(f"Hội nghị chưa có quyết định tặng {form.label}: sẽ tạo một quyết định mới (chưa có số).")
    loose = sum(1 for r in plan.rows if r.form is None)
    if loose:
        decisions = book.decisions(plan.ceremony_id)
        if len(decisions) == 1:
            plan.notes.append(f"{loose} mục không ghi hình thức khen thưởng: gắn vào {decisions[0].label}.")
        else:
            plan.notes.append(f"{loose} mục không ghi hình thức khen thưởng: chưa gắn quyết định, cần gắn sau.")
