"""Killing the app (kill -9, a pulled plug) in the middle of work loses nothing committed.

The real code runs in a child process (tests/fault_worker.py) that reports each commit;
the test kills it at random moments, then reopens the file as the app would.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from models.repos.book import CeremonyBook
from models.storage.store import Store
from tests import fault_worker
from tests import sheet_files as S

pytestmark = pytest.mark.slow  # every test here starts and kills processes


def _run_and_kill(args: list[str], delay: float, after: str = "") -> list[str]:
    """Start the worker; kill it `delay` seconds after it first reports a line starting
    with `after` (any line if empty). Returns what it reported."""
    proc, lines = fault_worker.start(args, until=after)
    time.sleep(delay)
    proc.kill()  # SIGKILL on Linux, TerminateProcess on Windows: no clean-up runs
    proc.wait(timeout=30)
    proc.reader.join(timeout=30)
    assert proc.returncode != 0, proc.stderr.read()
    return lines


def _reopened(db: Path) -> CeremonyBook:
    """Open as the app does: the store runs integrity_check and refuses a damaged file."""
    book = CeremonyBook(Store(db, backups=False))
    assert book.store.read().execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    return book


@pytest.mark.parametrize("seed", range(6))
def test_entries_committed_before_a_kill_are_all_there(tmp_path, seed):
    db = tmp_path / "so.sqlite"
    rng = random.Random(seed)
    reported: dict[int, str] = {}
    for _ in range(2):  # the second run starts on the file the first one left behind
        for line in _run_and_kill(["entry", str(db)], rng.uniform(0.05, 0.6)):
            if line.startswith("committed "):
                _, awardee_id, name = line.rstrip("\n").split(" ", 2)
                reported[int(awardee_id)] = name
    book = _reopened(db)
    stored = {a.id: a.name for c in book.ceremonies() for a in book.awardees(c.id)}
    assert reported, "the worker committed nothing before it was killed"
    missing = {i: n for i, n in reported.items() if stored.get(i) != n}
    assert not missing, f"committed but lost: {missing}"
    # At most the one entry in flight when the kill came is there without having been reported.
    assert len(stored) - len(reported) <= 2


@pytest.fixture(scope="module")
def ward_list(tmp_path_factory) -> tuple[Path, int]:
    people = [
        (f"Trần Văn Bình {i}", "Tổ trưởng", f"Tổ dân phố số {i}", "Bồ Đề", "VH-XH", "Ngõ xanh") for i in range(3000)
    ]
    path = S.write_xlsx(tmp_path_factory.mktemp("list") / "ds.xlsx", S.table_rows(people), merges=())
    return path, len(people)


@pytest.mark.parametrize("seed", range(8))
def test_an_import_killed_midway_is_all_there_or_not_at_all(tmp_path, ward_list, seed):
    source, count = ward_list
    db = tmp_path / "nhap.sqlite"
    # Half the kills land anywhere, half in the write itself (about 0.1 s for 3,000 rows).
    rng = random.Random(seed)
    if seed % 2:
        lines = _run_and_kill(["import", str(db), str(source)], rng.uniform(0.2, 2.5))
    else:
        lines = _run_and_kill(["import", str(db), str(source)], rng.uniform(0.0, 0.12), after="writing")
    finished = {int(p[1]) for p in (line.split() for line in lines) if p[0] == "imported"}
    book = _reopened(db)
    sizes = {c.id: len(book.awardees(c.id)) for c in book.ceremonies()}
    assert sizes, "the worker was killed before it started"
    assert set(sizes.values()) <= {0, count}, f"an import was left half done: {sizes}"
    assert all(sizes[c] == count for c in finished)
