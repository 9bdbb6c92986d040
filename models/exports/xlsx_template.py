"""The blank list a ward fills in: the importer's own headers and drop-down lists.

Kind, field, award form and prize level are chosen from validation lists kept on a
hidden sheet, so what comes back is spelt the way the importer reads it.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.worksheet.datavalidation import DataValidation

from models.domain.records import DEFAULT_FIELDS, AwardeeKind, AwardForm, PrizeLevel
from models.exports.xlsx_style import BOX, CENTRE, WRAP, a4_setup, banner, font, put, save_workbook, widths

AWARDEE_COLUMNS = (
    ("STT", 6),
    ("Họ và tên / Tên tập thể", 30),
    ("Loại", 11),
    ("Chức vụ", 24),
    ("Đơn vị công tác", 30),
    ("Phường", 14),
    ("Lĩnh vực", 18),
    ("Tên mô hình", 34),
    ("Hình thức khen thưởng", 18),
    ("Ghi chú", 20),
)
PRIZE_COLUMNS = (("STT", 6), ("Họ tên tác giả", 30), ("Tên tác phẩm", 44), ("Đơn vị", 30), ("Giải", 18))
ROWS = 500
HEADER_ROW = 4
HINTS = (
    "Mỗi dòng một tập thể hoặc một cá nhân. Không đổi tên các cột; có thể thêm dòng.",
    "Chọn Loại, Lĩnh vực, Hình thức khen thưởng và Giải trong danh sách thả xuống của ô.",
)


def _list_column(lists, column: int, title: str, values: list[str]) -> str:
    put(lists, 1, column, title)
    for i, value in enumerate(values, start=2):
        put(lists, i, column, value)  # a field named "=HYPERLINK(…)" stays text in every ward's copy
    letter = openpyxl.utils.get_column_letter(column)
    return f"'Danh mục'!${letter}$2:${letter}${len(values) + 1}"


def _validate(ws, source: str, column: int, prompt: str) -> None:
    letter = openpyxl.utils.get_column_letter(column)
    dv = DataValidation(type="list", formula1=f"={source}", allow_blank=True, showErrorMessage=True)
    dv.error = f"Hãy chọn {prompt} trong danh sách."
    dv.errorTitle = "Giá trị không có trong danh sách"
    dv.prompt = f"Chọn {prompt}"
    dv.showInputMessage = True
    ws.add_data_validation(dv)
    dv.add(f"{letter}{HEADER_ROW + 1}:{letter}{HEADER_ROW + ROWS}")


def _sheet(ws, title: str, columns) -> None:
    banner(ws, 1, 1, len(columns), title, font=font(14, bold=True))
    for i, hint in enumerate(HINTS, start=2):
        banner(ws, i, 1, len(columns), hint, font=font(11, italic=True))
    for c, (label, _) in enumerate(columns, start=1):
        put(ws, HEADER_ROW, c, label, font=font(12, bold=True), alignment=CENTRE, border=BOX)
    for r in range(HEADER_ROW + 1, HEADER_ROW + 1 + ROWS):
        for c in range(1, len(columns) + 1):
            cell = ws.cell(r, c)
            cell.font, cell.border, cell.alignment = font(12), BOX, WRAP
    widths(ws, [w for _, w in columns])
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)
    a4_setup(ws, HEADER_ROW)


def write_template(out: Path, fields: list[str] | None = None) -> None:
    wb = openpyxl.Workbook()
    people = wb.active
    people.title = "Danh sách"
    _sheet(people, "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐỀ NGHỊ KHEN THƯỞNG", AWARDEE_COLUMNS)
    prizes = wb.create_sheet("Giải cuộc thi")
    _sheet(prizes, "DANH SÁCH TÁC GIẢ ĐẠT GIẢI", PRIZE_COLUMNS)
    lists = wb.create_sheet("Danh mục")
    lists.sheet_state = "hidden"
    kinds = _list_column(lists, 1, "Loại", [k.label for k in AwardeeKind])
    field_list = _list_column(lists, 2, "Lĩnh vực", list(fields or DEFAULT_FIELDS))
    forms = _list_column(lists, 3, "Hình thức khen thưởng", [f.label for f in AwardForm])
    levels = _list_column(lists, 4, "Giải", [lv.label for lv in PrizeLevel])
    _validate(people, kinds, 3, "loại (Tập thể / Cá nhân)")
    _validate(people, field_list, 7, "lĩnh vực")
    _validate(people, forms, 9, "hình thức khen thưởng")
    _validate(prizes, levels, 5, "mức giải")
    save_workbook(wb, out)
