"""Fuzz the importer with thousands of mutated ward lists (run by hand, not in CI).

    python bench/fuzz_import.py [--files 10000] [--seed 15]

Seeds are lists as offices make them, written by independent libraries (openpyxl, xlwt,
odfpy; by hand for csv, web-page .xls and Excel's XML Spreadsheet 2003). Each mutant
changes the structure a reader trusts: inside the zip of .xlsx/.ods the XML is edited
(numbers such as spans, repeats and merged ranges set huge or negative, elements duplicated
or cut, attributes dropped), and every format also gets byte flips and truncation. Each
mutant is planned in a child process under a 500 MiB address limit and a 30 s limit; the
report counts tracebacks (any error that is not the app's own Vietnamese BookError), runs
over 30 s and runs over 500 MiB.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LIMIT_MIB = 500
LIMIT_S = 30
BATCH = 50  # mutants per child process: start-up is paid once per batch


def seeds(folder: Path) -> list[Path]:
    from tests import sheet_files as S

    rows = S.table_rows()
    out = [
        S.write_xlsx(folder / "seed.xlsx", rows),
        S.write_xls(folder / "seed.xls", rows),
        S.write_ods(folder / "seed.ods", rows),
    ]
    (folder / "seed.csv").write_text(S.csv_text(rows), encoding="utf-8-sig")
    (folder / "seed.html.xls").write_text(S.html_page(rows), encoding="utf-8")
    out += [folder / "seed.csv", folder / "seed.html.xls"]
    from tests.test_xml_spreadsheet import _file as write_xml2003  # Excel's XML Spreadsheet 2003

    out.append(write_xml2003(folder / "seed.xml"))
    return out


_NUMBER = re.compile(rb'="(-?\d+)"')
_REF = re.compile(rb'ref="([A-Z]+\d+(?::[A-Z]+\d+)?)"')
_CELL_REF = re.compile(rb'\br="([A-Z]+\d+)"')
_HUGE = [b"0", b"-1", b"2147483647", b"999999999999", b"1048576", b"16384", b"100000", b"65535"]


def _mutate_xml(data: bytes, rng: random.Random) -> bytes:
    for _ in range(rng.randint(1, 4)):
        choice = rng.random()
        if choice < 0.35:
            spots = list(_NUMBER.finditer(data))
            if spots:
                m = rng.choice(spots)
                data = data[: m.start(1)] + rng.choice(_HUGE) + data[m.end(1) :]
        elif choice < 0.5:
            spots = list(_REF.finditer(data))
            if spots:
                m = rng.choice(spots)
                data = (
                    data[: m.start(1)]
                    + rng.choice([b"A1:XFD1048576", b"B1:B1048576", b"A5:A999999"])
                    + data[m.end(1) :]
                )
        elif choice < 0.62:  # the same reference spelled otherwise, or put far away
            spots = list(_CELL_REF.finditer(data))
            if spots:
                m = rng.choice(spots)
                spelling = rng.choice([b"r='%s'", b'r = "%s"', b"", b'r="A1" r="%s"', b'x:r="%s"', b'r="%s"'])
                far = rng.choice([m.group(1), b"ZZ99999", b"XFD1048576", b"zz9", b"AAA1"])
                data = data[: m.start()] + (spelling % far if b"%s" in spelling else spelling) + data[m.end() :]
        elif choice < 0.66:  # many cells without a reference in one row (counted on)
            spot = data.find(b"</row>")
            if spot >= 0:
                cell = b'<c t="inlineStr"><is><t>x</t></is></c>'
                data = data[:spot] + cell * rng.choice([30, 1000, 17000]) + data[spot:]
        elif choice < 0.74 and len(data) > 200:  # duplicate a slice (elements, text)
            a = rng.randrange(len(data) - 100)
            b = a + rng.randrange(1, 100)
            data = data[:b] + data[a:b] * rng.randint(1, 50) + data[b:]
        elif choice < 0.87 and len(data) > 10:  # cut a slice
            a = rng.randrange(len(data))
            data = data[:a] + data[a + rng.randrange(1, 60) :]
        elif data:  # flip bytes
            data = bytearray(data)
            for _ in range(rng.randint(1, 8)):
                data[rng.randrange(len(data))] = rng.randrange(256)
            data = bytes(data)
    return data


def mutate(seed: Path, out: Path, rng: random.Random) -> None:
    raw = seed.read_bytes()
    if raw[:2] == b"PK" and rng.random() < 0.8:
        with zipfile.ZipFile(seed) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            names = src.namelist()
            targets = {n for n in names if n.endswith(".xml") and rng.random() < 0.5} or {rng.choice(names)}
            for name in names:
                data = src.read(name)
                dst.writestr(name, _mutate_xml(data, rng) if name in targets else data)
        return
    out.write_bytes(_mutate_xml(raw, rng) if rng.random() < 0.9 else raw[: rng.randrange(1, len(raw))])


def child(paths: list[str]) -> None:
    """Plan each file; one JSON line per file: outcome, seconds, peak MiB."""
    import resource
    import traceback

    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_MIB * 2**20 + 400 * 2**20, resource.RLIM_INFINITY))
    from models.domain.records import Ceremony
    from models.errors import BookError
    from models.importing import importer
    from models.repos.book import CeremonyBook
    from models.storage.store import Store

    folder = Path(tempfile.mkdtemp())
    book = CeremonyBook(Store(folder / "fuzz.sqlite", backups=False))
    ceremony = book.save_ceremony(Ceremony("Hội nghị"))
    for path in paths:
        start = time.perf_counter()
        outcome = "ok"
        try:
            importer.plan_file(book, Path(path), ceremony.id)
        except BookError:
            outcome = "refused"
        except MemoryError:
            outcome = "memory"
        except Exception:
            outcome = "traceback:" + traceback.format_exc().strip().splitlines()[-1][:200]
        took = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps({"path": path, "outcome": outcome, "s": round(took, 3), "mib": round(peak)}), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--child", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child(args.child)
        return
    rng = random.Random(args.seed)
    folder = Path(tempfile.mkdtemp(prefix="vinhdanh-fuzz-"))
    corpus = seeds(folder)
    counts: Counter = Counter()
    tracebacks: Counter = Counter()
    slow, big, kept = [], [], folder / "giu-lai"
    kept.mkdir()
    started = time.perf_counter()
    for first in range(0, args.files, BATCH):
        batch = []
        for n in range(first, min(first + BATCH, args.files)):
            seed = corpus[n % len(corpus)]
            out = folder / f"m{n}{''.join(seed.suffixes)}"
            mutate(seed, out, rng)
            batch.append(str(out))
        try:
            result = subprocess.run(
                [sys.executable, __file__, "--child", *batch],
                capture_output=True,
                text=True,
                timeout=LIMIT_S * len(batch),
            )
            lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
        except subprocess.TimeoutExpired:
            lines = []
        done = {line["path"] for line in lines}
        for line in lines:
            kind = line["outcome"].split(":")[0]
            counts[kind] += 1
            if kind == "traceback":
                tracebacks[line["outcome"][10:]] += 1
                Path(line["path"]).replace(kept / Path(line["path"]).name)
            if line["s"] > LIMIT_S:
                slow.append(line["path"])
            if line["mib"] > LIMIT_MIB or kind == "memory":
                big.append(line["path"])
        for path in batch:  # a child killed by a limit: its remaining files were not judged
            if path not in done:
                counts["lost (child died)"] += 1
                if Path(path).exists():
                    Path(path).replace(kept / Path(path).name)
            elif Path(path).exists():
                Path(path).unlink()
    total = sum(counts.values())
    print(f"{total:,} tệp đột biến trong {time.perf_counter() - started:.0f} s (seed {args.seed}):")
    for kind, n in counts.most_common():
        print(f"  {kind}: {n:,}")
    print(f"  quá {LIMIT_S} s: {len(slow)}; quá {LIMIT_MIB} MiB: {len(big)}")
    for message, n in tracebacks.most_common(10):
        print(f"  traceback ×{n}: {message}")
    print(f"Các tệp cần xem lại: {kept}")


if __name__ == "__main__":
    main()
