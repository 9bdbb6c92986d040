"""Benchmark one certificate PDF at district scale: time and peak memory, against the floor.

Run by hand (not in CI):  python bench/bench_certificates_scale.py [--count 10000 50000] [--per-url]
Each case runs in its own process, so each peak memory is its own:
  app    render_pdf: drawn in parts of PART_PAGES and joined (certificates/pdf_join.py)
  floor  bare reportlab drawing the same texts into one document (bench/floor_reportlab.py),
         which holds every page until it is saved
Prints seconds, the app/floor time ratio, and both peaks (aim: app under 300 MiB at 50,000).
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
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench.measure import peak_memory_mib  # noqa: E402


def child(which: str, count: int, per_url: bool) -> dict:
    import bench_certificates
    import floor_reportlab

    from certificates.fonts import bundled
    from certificates.render import RenderJob, render_pdf
    from models.domain.records import AwardForm
    from models.domain.templates import CertificateTemplate

    certs = bench_certificates.certificates(count, per_url)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"{which}.pdf"
        if which == "app":
            job = RenderJob(certs, {form: CertificateTemplate.default(form) for form in AwardForm})
            start = time.perf_counter()
            render_pdf(job, out)
        else:
            pages = bench_certificates.floor_pages(certs)
            fonts = floor_reportlab.register(bundled().files)
            start = time.perf_counter()
            with open(out, "wb") as f:
                floor_reportlab.draw(pages, fonts, f)
        seconds = time.perf_counter() - start
        size = out.stat().st_size
    return {"seconds": seconds, "memory": peak_memory_mib(), "size": size}


def run(which: str, count: int, per_url: bool) -> dict:
    command = [sys.executable, __file__, "--child", which, "--count", str(count)] + (["--per-url"] if per_url else [])
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, nargs="+", default=[10000, 50000])
    parser.add_argument("--per-url", action="store_true", help="a different article link on every certificate")
    parser.add_argument("--child", choices=["app", "floor"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.count[0], args.per_url)))
        return
    link = "a link per certificate" if args.per_url else "one shared link"
    print(f"One PDF, {link}; each case in its own process\n")
    print("| certificates | app | floor | ratio | app peak | floor peak | file |")
    print("|---|---|---|---|---|---|---|")
    for count in args.count:
        app, floor = run("app", count, args.per_url), run("floor", count, args.per_url)
        print(
            f"| {count:,} | {app['seconds']:.1f} s | {floor['seconds']:.1f} s | "
            f"{app['seconds'] / floor['seconds']:.2f}× | {app['memory'] or 0:.0f} MiB | "
            f"{floor['memory'] or 0:.0f} MiB | {app['size'] / 2**20:.0f} MiB |"
        )


if __name__ == "__main__":
    main()
