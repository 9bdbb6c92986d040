"""Benchmark certificates: 1,000 pages as one PDF and as separate files, against the floor.

Run by hand (not in CI):  python bench/bench_certificates.py [--count 1000] [--runs 3]
The floor is bench/floor_reportlab.py drawing the same texts with bare reportlab.
Prints certificates per second and the app/floor ratio (aim: within 1.3x), for one
shared article URL and for a different URL on every certificate.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import floor_reportlab  # noqa: E402

from certificates import qr  # noqa: E402
from certificates.content import Certificate, date_line  # noqa: E402
from certificates.fonts import bundled  # noqa: E402
from certificates.page import field_texts  # noqa: E402
from certificates.render import RenderJob, render_pdf, render_split  # noqa: E402
from models.domain.heading import Heading, HeadingKind  # noqa: E402
from models.domain.records import AwardForm  # noqa: E402
from models.domain.templates import CertificateTemplate  # noqa: E402
from models.sample import FAMILY, GIVEN, LONG_BIEN_WARDS, MIDDLE, MODELS  # noqa: E402

ARTICLE = "https://longbien.hanoi.gov.vn/tin-tuc/hoi-nghi-so-ket-6-thang-nam-dan-van-kheo-2022"


def certificates(count: int, per_certificate_url: bool) -> list[Certificate]:
    rng = random.Random(1000)
    models = [m for group in MODELS.values() for m in group]
    out = []
    for i in range(count):
        ward = rng.choice(LONG_BIEN_WARDS)
        number = f"{i + 1:03d}/GK-2022"
        out.append(
            Certificate(
                ref=("awardee", i + 1),
                form=AwardForm.GIAY_KHEN,
                series="GK-2022",
                issuer="QUẬN ỦY LONG BIÊN",
                heading=Heading(HeadingKind.PARTY, "QUẬN ỦY LONG BIÊN", "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI"),
                lead="Tặng",
                name=f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
                detail=f"Tổ trưởng tổ dân phố số {rng.randint(1, 30)}, Phường {ward}",
                model=f"Mô hình “{rng.choice(models)}”",
                achievement="Đã có mô hình “Dân vận khéo” tiêu biểu 6 tháng đầu năm 2022, thực hiện chủ đề "
                "“Năm Dân vận khéo, trọng tâm công tác GPMB và chỉnh trang đô thị”",
                date_line=date_line("Long Biên", None).replace("…… tháng …… năm ……", "28 tháng 7 năm 2022"),
                signer_role="T/M BAN THƯỜNG VỤ\nBÍ THƯ",
                signer_name="Đường Hoài Nam",
                reference="Quyết định số 215-QĐ/QU, ngày 28/7/2022",
                register_no=number,
                qr_url=f"{ARTICLE}?so={number.replace('/', '%2F')}" if per_certificate_url else ARTICLE,
            )
        )
    return out


def floor_pages(certs: list[Certificate]) -> list[dict[str, str]]:
    """The app's own line breaks, so the floor draws exactly as many lines."""
    pages = []
    for c in certs:
        texts = field_texts(c)
        achievement = texts["achievement"]
        cut = achievement.rfind(" ", 0, len(achievement) // 2 + 20)
        texts["achievement"] = achievement[:cut] + "\n" + achievement[cut + 1 :]
        texts["qr"] = c.qr_url
        pages.append(texts)
    return pages


def timed(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        qr.runs.cache_clear()  # each run pays for its QR codes, as a fresh print would
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    templates = {form: CertificateTemplate.default(form) for form in AwardForm}
    floor_fonts = floor_reportlab.register(bundled().files)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"{args.count} certificates, median of {args.runs} runs\n")
        print(f"{'case':<34}{'app s':>8}{'cert/s':>9}{'floor s':>9}{'cert/s':>9}{'ratio':>7}")
        for per_url in (False, True):
            certs = certificates(args.count, per_url)
            job = RenderJob(certs, templates)
            pages = floor_pages(certs)
            label = "per-certificate URL" if per_url else "one shared URL"

            def one_pdf(job=job):
                render_pdf(job, folder / "all.pdf")

            def floor_one(pages=pages):
                with open(folder / "floor.pdf", "wb") as f:
                    floor_reportlab.draw(pages, floor_fonts, f)

            def split(job=job):
                render_split(job, folder / "split")

            def floor_split(pages=pages):
                (folder / "floor-split").mkdir(exist_ok=True)
                for i, page in enumerate(pages):
                    (folder / "floor-split" / f"{i:04d}.pdf").write_bytes(
                        floor_reportlab.draw_bytes([page], floor_fonts)
                    )

            for case, app_fn, floor_fn in (("one PDF", one_pdf, floor_one), ("separate files", split, floor_split)):
                app_s, floor_s = timed(app_fn, args.runs), timed(floor_fn, args.runs)
                print(
                    f"{case + ', ' + label:<34}{app_s:>8.2f}{args.count / app_s:>9.0f}"
                    f"{floor_s:>9.2f}{args.count / floor_s:>9.0f}{app_s / floor_s:>7.2f}"
                )
        size = (folder / "all.pdf").stat().st_size
        print(f"\none PDF of {args.count} pages: {size / 1024:.0f} KiB")
    print("\n" + dataclasses.asdict(bundled())["name"] + " font, A4 landscape, full design")


if __name__ == "__main__":
    main()
