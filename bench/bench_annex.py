"""Benchmark the decision annex as PDF at district size, against bare reportlab.

Run by hand (not in CI):  python bench/bench_annex.py [--rows 2500 10000 50000]
Each size runs in its own child process, so its peak memory is its own. The floor is bare
reportlab drawing the same cell texts, one line each at fixed places, on as many pages: no
wrapping, no table, no page breaking. The app wraps every cell, rules the table, repeats the
header and keeps the last rows with the signature. Aim: time per row flat as the list grows
(linear), 50,000 rows under 60 s.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.measure import peak_memory_mib  # noqa: E402


def _book(folder: Path, rows: int):
    from models.domain.records import Awardee, AwardeeKind, AwardForm, Ceremony, Decision
    from models.repos.book import CeremonyBook
    from models.sample import FAMILY, GIVEN, LONG_BIEN_WARDS, MIDDLE
    from models.storage.store import Store

    store = Store(folder / "annex.sqlite", backups=False)
    book = CeremonyBook(store)
    ceremony = book.save_ceremony(Ceremony("Hội nghị biểu dương “Dân vận khéo” toàn quận"))
    decision = book.save_decision(
        Decision(
            ceremony.id,
            AwardForm.GIAY_KHEN,
            number="215-QĐ/QU",
            issuer="QUẬN ỦY LONG BIÊN",
            signer_role="T/M BAN THƯỜNG VỤ\nBÍ THƯ",
            signer_name="Đường Hoài Nam",
        )
    )
    people = []
    for i in range(rows):
        ward = LONG_BIEN_WARDS[i % len(LONG_BIEN_WARDS)]
        individual = i % 3 != 0
        name = (
            f"{FAMILY[i % len(FAMILY)]} {MIDDLE[i % len(MIDDLE)]} {GIVEN[i % len(GIVEN)]}"
            if individual
            else f"Ban Công tác Mặt trận tổ dân phố số {i % 90 + 1} phường {ward}"
        )
        people.append(
            Awardee(
                ceremony.id,
                AwardeeKind.INDIVIDUAL if individual else AwardeeKind.COLLECTIVE,
                name,
                position="Tổ trưởng tổ dân phố" if individual else "",
                unit=f"Tổ dân phố số {i % 90 + 1}, phường {ward}",
                ward=ward,
                model_name="Bếp ăn yêu thương cho người bệnh nghèo",
                decision_id=decision.id,
            )
        )
    book.add_awardees(people)
    return book, ceremony.id


def _floor(rows: list[list[str]], out: Path, pages: int) -> None:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen.canvas import Canvas

    from certificates.fonts import bundled, register

    fonts = register(bundled())
    width, height = landscape(A4)
    canvas = Canvas(str(out), pagesize=(width, height), initialFontName=fonts.regular, pageCompression=1)
    per_page = max(1, len(rows) // max(1, pages) + 1)
    for start in range(0, len(rows), per_page):
        canvas.setFont(fonts.regular, 10.5)
        y = height - 40
        for row in rows[start : start + per_page]:
            x = 40
            for cell in row:
                canvas.drawString(x, y, str(cell)[:40])
                x += 110
            y -= 13
        canvas.showPage()
    canvas.save()


def child(rows: int) -> dict:
    from certificates.documents.annex_pdf import write_annex_pdf
    from models.reports.annex import build_annex

    folder = Path(tempfile.mkdtemp())
    book, ceremony_id = _book(folder, rows)
    start = time.perf_counter()
    annex = build_annex(book, ceremony_id)
    pages = write_annex_pdf(annex, folder / "annex.pdf")
    app = time.perf_counter() - start
    cells = [r for t in annex.tables for s in t.sections for r in s.rows]
    start = time.perf_counter()
    _floor(cells, folder / "floor.pdf", pages)
    floor = time.perf_counter() - start
    return {"rows": rows, "pages": pages, "app": app, "floor": floor, "memory": peak_memory_mib()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[2500, 10000, 50000])
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child)))
        return
    print("| hàng | trang | ứng dụng | sàn (reportlab trần) | tỉ lệ | ms mỗi hàng | bộ nhớ đỉnh |")
    print("|---|---|---|---|---|---|---|")
    for rows in args.rows:
        result = subprocess.run(
            [sys.executable, __file__, "--child", str(rows)], capture_output=True, text=True, check=True
        )
        r = json.loads(result.stdout.strip().splitlines()[-1])
        print(
            f"| {r['rows']:,} | {r['pages']:,} | {r['app']:.1f} s | {r['floor']:.1f} s | "
            f"{r['app'] / r['floor']:.1f}× | {1000 * r['app'] / r['rows']:.2f} | {r['memory'] or 0:.0f} MiB |"
        )


if __name__ == "__main__":
    main()
