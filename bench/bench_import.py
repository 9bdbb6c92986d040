"""Benchmark importing a 10,000-row ward list from .xlsx against merely reading it.

Run by hand (not in CI):  python bench/bench_import.py [--rows 10000] [--runs 5]
The floor here is openpyxl alone reading every cell value of the same file (read-only mode,
values only); bench/run.py measures the same import against python-calamine. The import is
the whole path a clerk waits for: read and convert (models/sheets/read.py: calamine for an
ordinary .xlsx, the own streaming reader otherwise), find the header, check every row, look
for duplicates in the file and the book, and write everything in one transaction. Each
phase is printed.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import openpyxl  # noqa: E402
from openpyxl.styles import Font  # noqa: E402

from bench.measure import peak_memory_mib  # noqa: E402
from models.domain.records import AwardForm, Ceremony, Decision  # noqa: E402
from models.importing import importer  # noqa: E402
from models.repos.book import CeremonyBook  # noqa: E402
from models.sample import FAMILY, GIVEN, LONG_BIEN_WARDS, MIDDLE, MODELS  # noqa: E402
from models.storage.store import Store  # noqa: E402

MODEL_NAMES = [name for models in MODELS.values() for name in models]


def write_list(path: Path, rows: int) -> None:
    """A district list as offices make it: title block, merged title, header, STT, total row."""
    rng = random.Random(5)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["UBND QUẬN LONG BIÊN", None, None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])
    ws.append(["DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG"])
    ws.merge_cells("A2:H2")
    ws.append([])
    ws.append(["STT", "Họ và tên / Tên tập thể", "Chức vụ", "Đơn vị công tác", "Phường", "Lĩnh vực",
               "Tên mô hình", "Hình thức khen thưởng"])  # fmt: skip
    font = Font(name="Times New Roman", size=13)
    for i in range(rows):
        ward = rng.choice(LONG_BIEN_WARDS)
        if i % 3 == 0:
            name, position = f"Chi hội Phụ nữ tổ dân phố số {i}", ""
        else:
            name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)} {i}"
            position = f"Tổ trưởng tổ dân phố số {i % 40 + 1}"
        ws.append([i + 1, name, position, f"Tổ dân phố số {i % 40 + 1}, Phường {ward}", ward,
                   rng.choice(("VH-XH", "Kinh tế", "GPMB")), rng.choice(MODEL_NAMES),
                   "Giấy khen" if i % 5 else "Bằng khen"])  # fmt: skip
    ws.append([None, f"Tổng cộng: {rows}"])
    for row in ws.iter_rows(min_row=5):
        for cell in row:
            cell.font = font
    wb.save(path)


def floor(path: Path) -> float:
    start = time.perf_counter()
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for ws in wb.worksheets:
        for _ in ws.iter_rows(values_only=True):
            pass
    wb.close()
    return time.perf_counter() - start


def fresh_book(folder: Path, run: int) -> tuple[CeremonyBook, int]:
    book = CeremonyBook(Store(folder / f"run{run}.sqlite"))
    c = book.save_ceremony(Ceremony("Hội nghị biểu dương điển hình “Dân vận khéo”"))
    book.save_decision(Decision(c.id, AwardForm.GIAY_KHEN, number="1"))
    return book, c.id


def forget_caches() -> None:
    """Each run starts cold, as a clerk's first import of the day does."""
    from models.domain import search, text
    from models.importing import rows as import_rows
    from models.importing import shape as import_shape

    text.match_key.cache_clear()
    text._word_key.cache_clear()
    search.fold_part.cache_clear()
    import_shape.clean_cell.cache_clear()
    import_rows._ward.cache_clear()


def timed_import(path: Path, folder: Path, run: int) -> tuple[float, dict[str, float], int]:
    from models.sheets.read import read_workbook

    book, ceremony_id = fresh_book(folder, run)
    forget_caches()
    start = time.perf_counter()
    workbook = read_workbook(path)
    read = time.perf_counter()
    plan = importer.plan_file(book, path, ceremony_id, workbook=workbook)
    planned = time.perf_counter()
    result = importer.apply(book, plan)
    done = time.perf_counter()
    book.store.close()
    phases = {"đọc": read - start, "kiểm tra": planned - read, "ghi": done - planned}
    return done - start, phases, result.awardees


_INLINE = re.compile(rb'(<c [^>]*?)t="inlineStr"><is><t(?: [^>]*)?>([^<]*)</t></is></c>')


def with_shared_strings(source: Path, out: Path) -> Path:
    """The same list as Excel itself saves it: texts in the shared-string table.

    openpyxl writes every text inline; Excel never does, so both layouts are measured.
    """
    table: dict[bytes, int] = {}

    def shared(match: re.Match) -> bytes:
        index = table.setdefault(match.group(2), len(table))
        return match.group(1) + b't="s"><v>' + str(index).encode() + b"</v></c>"

    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data = _INLINE.sub(shared, data)
            elif item.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", _SST_REL + b"</Relationships>")
            elif item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", _SST_TYPE + b"</Types>")
            zout.writestr(item, data)
        items = b"".join(b'<si><t xml:space="preserve">' + t + b"</t></si>" for t in table)
        zout.writestr("xl/sharedStrings.xml", _SST_HEAD + items + b"</sst>")
    return out


_SST_HEAD = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
_SST_REL = (
    b'<Relationship Id="rIdShared" Target="sharedStrings.xml" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>'
)
_SST_TYPE = (
    b'<Override PartName="/xl/sharedStrings.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)


def measure(path: Path, folder: Path, runs: int, label: str) -> None:
    floors, totals, phases = [], [], []
    for run in range(runs):
        floors.append(floor(path))
        total, phase, count = timed_import(path, folder, run)
        totals.append(total)
        phases.append(phase)
    f, t = statistics.median(floors), statistics.median(totals)
    print(f"{label} ({path.stat().st_size / 1024:.0f} KiB), {runs} lần, trung vị")
    print(f"  openpyxl chỉ đọc (sàn):    {f * 1000:8.0f} ms")
    print(f"  nhập trọn vẹn:             {t * 1000:8.0f} ms   = {t / f:.2f} × sàn   ({count:,} mục đã ghi)")
    for name in phases[0]:
        print(f"    {name:<10} {statistics.median(p[name] for p in phases) * 1000:8.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        inline = folder / "danh_sach.xlsx"
        write_list(inline, args.rows)
        excel = with_shared_strings(inline, folder / "danh_sach_excel.xlsx")
        measure(excel, folder, args.runs, f"Tệp {args.rows:,} dòng .xlsx như Excel lưu (bảng chuỗi dùng chung)")
        measure(inline, folder, args.runs, f"Tệp {args.rows:,} dòng .xlsx như openpyxl lưu (chuỗi trong ô)")
        memory = peak_memory_mib()
        if memory is not None:
            print(f"Bộ nhớ đỉnh:                 {memory:8.0f} MiB")


if __name__ == "__main__":
    main()
