"""From a read workbook to a checked import plan: every row judged before anything is written.

A plan holds the records a list would add, the problems that block it (each with file,
row and column), the likely duplicates (in the file and against the book) that wait for
the clerk's decision, and notes on what was skipped or converted. Nothing here writes;
importer.apply() lands a clean plan in one transaction.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from models.domain import text
from models.domain.fields import full_name
from models.domain.places import ward_in_unit
from models.domain.records import Awardee, AwardeeKind, AwardForm, Prize, PrizeLevel
from models.domain.search import duplicate_key
from models.importing.columns import (
    Column,
    find_header,
    guess_kind,
    header_key,
    parse_form,
    parse_kind,
    parse_prize,
    recognise,
)
from models.repos.book import CeremonyBook
from models.sheets.legacy import Encoding
from models.sheets.sheet import Conversion, Sheet, Workbook

MAX_NAME, MAX_TEXT = text.MAX_NAME, text.MAX_TEXT

_ENCODING_NAMES = {
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
    def name(self) -> str:
        return self.awardee.name if self.awardee else self.prize.authors


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


# --- row shapes -------------------------------------------------------------------------

_NUMBERING = re.compile(r"^\(?\d{1,2}\)?$")
_TOTAL = re.compile(r"^(tổng cộng|tổng số|tổng|cộng)\b")
_FOOTER = re.compile(r"^(người lập|người ký|ký tên|\(ký|tm\.|t/m|thủ trưởng|xác nhận|nơi nhận)")
_SECTION_MARK = re.compile(r"^([ivxlc]+|[a-zđ])[.)/:-]?$")
_SECTION_PREFIX = re.compile(r"^([ivxlc]+|[a-zđ])[.)/:-]\s+", re.IGNORECASE)
_CONTROL = dict.fromkeys(c for c in range(0x20) if chr(c) not in "\t\n\r")
_CONTROL.update(dict.fromkeys(range(0x7F, 0xA0)))
_CONTROL.update(dict.fromkeys((0x200B, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0xFEFF)))


_CONTROL_CHARS = re.compile("[" + "".join(map(chr, _CONTROL)) + "]")


@functools.lru_cache(maxsize=65536)
def _clean_cell(value: str) -> str:
    if not value:
        return ""
    if _CONTROL_CHARS.search(value):
        value = value.translate(_CONTROL)
    return text.clean(value)


@dataclass(slots=True)
class _Context:
    """What a section heading row ("I. TẬP THỂ", "Giải A") says about the rows below it."""

    kind: AwardeeKind | None = None
    form: AwardForm | None = None
    level: PrizeLevel | None = None


def _section(row: list[str], mapping: dict[int, Column], context: _Context) -> str | None:
    """If the row is a section heading, update the context and return its text."""
    filled = [(c, v) for c, v in enumerate(row) if v]
    if not filled or len({v for _, v in filled}) > 2:
        return None
    stt_col = next((c for c, col in mapping.items() if col is Column.STT), None)
    heading = " ".join(v for c, v in filled if c != stt_col) or filled[0][1]
    mark = next((v for c, v in filled if c == stt_col), "")
    folded = text.fold(_SECTION_PREFIX.sub("", heading))
    keys = header_key(folded)
    found = False
    if "tapthe" in keys and "canhan" not in keys:
        context.kind, found = AwardeeKind.COLLECTIVE, True
    elif "canhan" in keys and "tapthe" not in keys:
        context.kind, found = AwardeeKind.INDIVIDUAL, True
    form = parse_form(folded) or next((f for w, f in _FORM_HINTS if w in keys), None)
    if form is not None:
        context.form, found = form, True
    if folded.startswith("giai "):
        level = parse_prize(folded)
        if level is not None:
            context.level, found = level, True
    marked = bool(_SECTION_MARK.match(text.fold(mark))) if mark else bool(_SECTION_PREFIX.match(heading))
    if found and (len(filled) == 1 or marked):
        return heading
    if marked and not any(ch.isdigit() for ch in mark):
        return heading  # "II. Phường Bồ Đề": a group heading with no keyword
    return None


_FORM_HINTS = (
    ("bangkhen", AwardForm.BANG_KHEN),
    ("giaykhen", AwardForm.GIAY_KHEN),
    ("chungnhan", AwardForm.GIAY_CHUNG_NHAN),
)


# A header may span a few rows (a title row over "Chức vụ | Đơn vị"); more is a merged column.
MAX_HEADER_ROWS = 4


def _data_start(sheet: Sheet, header_row: int) -> int:
    """The first row after the header, past a header whose cells span several rows. A
    merge reaching far below the header ("B1:B1048576") is a merged column, not a header
    a million rows tall: only a span of a few rows counts."""
    start = header_row + 1
    for r0, _c0, r1, _c1 in sheet.merged:
        if r0 <= header_row <= r1 and r1 - header_row <= MAX_HEADER_ROWS:
            start = max(start, r1 + 1)
    return min(start, len(sheet.rows))


def _fill_down_merges(rows: list[list[str]], merged, start: int) -> None:
    """A ward or award form merged down several rows belongs to each of them. The work is
    bounded by the data, whatever the ranges declare: a merge starting right of every
    value carries nothing down."""
    width = max((len(r) for r in rows), default=0)
    for r0, c0, r1, _c1 in merged:
        if r0 < start or r1 <= r0 or r0 >= len(rows) or c0 >= width:
            continue
        top = rows[r0][c0] if c0 < len(rows[r0]) else ""
        for r in range(r0 + 1, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            if len(row) <= c0:
                row.extend([""] * (c0 + 1 - len(row)))
            if not row[c0]:
                row[c0] = top


def _sub_headers(sheet: Sheet, header_row: int, start: int, mapping: dict[int, Column]) -> None:
    """Second header rows ("Chức vụ | Đơn vị" under "Chức vụ, đơn vị công tác"). A note
    under a column already read ("Tập thể/Cá nhân" under "Họ và tên") says what the column
    holds; it does not take the column over."""
    for r in range(header_row + 1, min(start, len(sheet.rows))):
        for c, cell in enumerate(sheet.rows[r]):
            column = recognise(cell) if cell else None
            if column is not None and column not in mapping.values() and c not in mapping:
                mapping[c] = column


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
        plan.notes.append(f"Đã chuyển {count} ô từ mã {_ENCODING_NAMES[encoding]} sang Unicode.")
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
    start = _data_start(sheet, header_row)
    _sub_headers(sheet, header_row, start, plan.mapping)
    _fill_down_merges(rows, sheet.merged, start)
    _read_rows(plan, rows, start)
    _mark_duplicates(book, plan)
    if not plan.for_prizes:
        _explain_decisions(book, plan)
        expanded = sorted({(r.awardee.field, short) for r, short in _typed_fields(plan) if short != r.awardee.field})
        if expanded:
            pairs = ", ".join(f"{short} → {full}" for full, short in expanded)
            plan.notes.append(f"Lĩnh vực viết tắt được ghi đầy đủ: {pairs}.")
        if plan.wards_from_units:
            first = plan.wards_from_units[0].awardee
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


def _read_rows(plan: ImportPlan, rows: list[list[str]], start: int) -> None:
    mapping = plan.mapping
    by_column = {col: c for c, col in mapping.items()}
    labels = {c: f"{column_letter(c)} ({_header_label(plan.headers, c, col)})" for c, col in mapping.items()}
    context = _Context()
    stt = by_column.get(Column.STT)
    skipped_numbering = False
    for index in range(start, len(rows)):
        raw = rows[index]
        row = [_clean_cell(v) for v in raw]
        line = index + 1
        if not any(row):
            continue
        if not skipped_numbering and index <= start + 1 and all(_NUMBERING.match(v) for v in row if v):
            skipped_numbering = True
            continue
        first = next(v for v in row if v).lower()
        if _TOTAL.match(first):
            plan.notes.append(f"Dừng ở dòng tổng cộng (dòng {line}); các dòng sau không nhập.")
            break
        if _FOOTER.match(first):
            plan.notes.append(f"Dừng ở phần chữ ký cuối bảng (dòng {line}).")
            break
        heading = _section(row, mapping, context)
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


def _planned(plan: ImportPlan, cells, labels, by_column, context: _Context, line: int) -> PlannedRow | None:
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


def _planned_prize(plan: ImportPlan, cells, labels, by_column, context: _Context, line: int) -> PlannedRow | None:
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
        contest_id=plan.contest_id,
        level=level,
        authors=cells[Column.NAME],
        work_title=cells.get(Column.WORK, ""),
        unit=cells.get(Column.UNIT, "") or cells.get(Column.WARD, ""),
        notes=cells.get(Column.NOTES, ""),
    )
    return PlannedRow(line, prize=prize)


def _mark_duplicates(book: CeremonyBook, plan: ImportPlan) -> None:
    existing = book.duplicate_keys(plan.ceremony_id, plan.contest_id)
    first_line: dict[str, int] = {}
    for row in plan.rows:
        record = row.awardee or row.prize
        unit = record.unit
        key = duplicate_key(record.name if row.awardee else record.authors, unit)
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
