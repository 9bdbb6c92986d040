"""The shape of a ward's list around its data: where the rows begin under the header, a
second header row, merged cells filled down, section lines ("I. Tập thể"), totals and
signature blocks left out."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from models.domain import text
from models.domain.records import AwardeeKind, AwardForm, PrizeLevel
from models.importing.columns import (
    Column,
    header_key,
    parse_form,
    parse_prize,
    recognise,
)
from models.sheets.sheet import Sheet

# --- row shapes -------------------------------------------------------------------------

NUMBERING = re.compile(r"^\(?\d{1,2}\)?$")
TOTAL = re.compile(r"^(tổng cộng|tổng số|tổng|cộng)\b")
FOOTER = re.compile(r"^(người lập|người ký|ký tên|\(ký|tm\.|t/m|thủ trưởng|xác nhận|nơi nhận)")
_SECTION_MARK = re.compile(r"^([ivxlc]+|[a-zđ])[.)/:-]?$")
_SECTION_PREFIX = re.compile(r"^([ivxlc]+|[a-zđ])[.)/:-]\s+", re.IGNORECASE)
_CONTROL = dict.fromkeys(c for c in range(0x20) if chr(c) not in "\t\n\r")
_CONTROL.update(dict.fromkeys(range(0x7F, 0xA0)))
_CONTROL.update(dict.fromkeys((0x200B, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0xFEFF)))


_CONTROL_CHARS = re.compile("[" + "".join(map(chr, _CONTROL)) + "]")


@functools.lru_cache(maxsize=65536)
def clean_cell(value: str) -> str:
    if not value:
        return ""
    if _CONTROL_CHARS.search(value):
        value = value.translate(_CONTROL)
    return text.clean(value)


@dataclass(slots=True)
class Context:
    """What a section heading row ("I. TẬP THỂ", "Giải A") says about the rows below it."""

    kind: AwardeeKind | None = None
    form: AwardForm | None = None
    level: PrizeLevel | None = None


def section_of(row: list[str], mapping: dict[int, Column], context: Context) -> str | None:
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


def data_start(sheet: Sheet, header_row: int) -> int:
    """The first row after the header, past a header whose cells span several rows. A
    merge reaching far below the header ("B1:B1048576") is a merged column, not a header
    a million rows tall: only a span of a few rows counts."""
    start = header_row + 1
    for r0, _c0, r1, _c1 in sheet.merged:
        if r0 <= header_row <= r1 and r1 - header_row <= MAX_HEADER_ROWS:
            start = max(start, r1 + 1)
    return min(start, len(sheet.rows))


def fill_down_merges(rows: list[list[str]], merged, start: int) -> None:
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


def sub_headers(sheet: Sheet, header_row: int, start: int, mapping: dict[int, Column]) -> None:
    """Second header rows ("Chức vụ | Đơn vị" under "Chức vụ, đơn vị công tác"). A note
    under a column already read ("Tập thể/Cá nhân" under "Họ và tên") says what the column
    holds; it does not take the column over."""
    for r in range(header_row + 1, min(start, len(sheet.rows))):
        for c, cell in enumerate(sheet.rows[r]):
            column = recognise(cell) if cell else None
            if column is not None and column not in mapping.values() and c not in mapping:
                mapping[c] = column
