"""The register book (sổ theo dõi cấp giấy khen) as an Excel workbook: a sheet per series
("GK-2022", "BK-2022", …), every number given once, in order."""

from __future__ import annotations

from itertools import groupby
from pathlib import Path

from openpyxl import Workbook

from models.domain import text
from models.exports.xlsx_style import BOX, CENTRE, WRAP, a4_setup, banner, fit_rows, font, put, save_workbook, widths
from models.repos.history_book import RegisterRow

HEADER = ["Số vào sổ", "Tên tập thể, cá nhân", "Đơn vị", "Hình thức", "Quyết định", "Ngày cấp", "In lại", "Ghi chú"]
SIZES: list[float] = [17, 30, 28, 16, 30, 12, 8, 18]


def register_cells(row: RegisterRow) -> list:
    decision = f"Số {row.decision_number}" if row.decision_number else ""
    if row.signed_on:
        decision += f"{', ' if decision else ''}ngày {text.short_date(row.signed_on)}"
    if row.issuer:
        decision += f"{' – ' if decision else ''}{row.issuer}"
    return [
        row.register_no,
        row.name,
        row.unit,
        row.award,
        decision,
        text.short_date(row.issued_on) if row.issued_on else "",
        row.reprints or "",
        "Đã xóa khỏi danh sách sau khi cấp số" if row.removed else "",
    ]


def series_title(series: str) -> str:
    code, _, year = series.rpartition("-")
    form = {"GK": "GIẤY KHEN", "BK": "BẰNG KHEN", "GCN": "GIẤY CHỨNG NHẬN"}.get(code, code)
    return f"SỔ THEO DÕI CẤP {form} NĂM {year}"


def write_register_xlsx(rows: list[RegisterRow], out: Path) -> int:
    """One sheet per series; the number of rows written."""
    wb = Workbook()
    wb.remove(wb.active)
    for series, group in groupby(rows, key=lambda r: r.series):
        ws = wb.create_sheet(series[:31])
        banner(ws, 1, 1, len(HEADER), series_title(series), font=font(14, bold=True))
        for column, name in enumerate(HEADER, start=1):
            put(ws, 3, column, name, font=font(bold=True), alignment=CENTRE, border=BOX)
        last = 3
        for last, row in enumerate(group, start=4):
            for column, value in enumerate(register_cells(row), start=1):
                put(ws, last, column, value, font=font(), alignment=CENTRE if column in (1, 6, 7) else WRAP, border=BOX)
        widths(ws, SIZES)
        fit_rows(ws, 4, last, SIZES)
        a4_setup(ws, 3)
    if not wb.sheetnames:
        ws = wb.create_sheet("Sổ")
        put(ws, 1, 1, "Chưa có số vào sổ nào được cấp.", font=font())
    save_workbook(wb, out)
    return len(rows)
