"""Run by the fault tests as a separate process, to be killed at a random moment.

    python -m tests.fault_worker entry DB          add awardees one by one, forever
    python -m tests.fault_worker import DB LIST    import LIST into new ceremonies, forever
    python -m tests.fault_worker hold DB           open DB like the app does and keep it open;
                                                   on each line "peek" read, open and close
                                                   the file as a file dialog does

After each commit it prints what is now stored ("committed ID NAME" or "imported
CEREMONY COUNT") and flushes, so the parent knows what must survive the kill.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

from models.domain.records import Awardee, AwardeeKind, Ceremony
from models.importing import importer
from models.repos.book import CeremonyBook
from models.storage.store import Store

ROOT = Path(__file__).resolve().parent.parent


def start(args: list[str], until: str = "") -> tuple[subprocess.Popen, list[str]]:
    """Parent side: run the worker; return once it reports a line starting with `until`
    (or dies, or a minute passes), with the list its output keeps being added to."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.fault_worker", *args],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True)
    reader.start()
    proc.reader = reader  # type: ignore[attr-defined]
    deadline = time.monotonic() + 60
    while not any(line.startswith(until) for line in lines) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    return proc, lines


def entry(db: Path) -> None:
    book = CeremonyBook(Store(db, backups=False))
    ceremony = book.save_ceremony(Ceremony("Hội nghị biểu dương “Dân vận khéo”"))
    n = 0
    while True:
        n += 1
        a = book.add_awardee(
            Awardee(ceremony.id, AwardeeKind.INDIVIDUAL, f"Nguyễn Thị Thùy Dung {n}", unit=f"Tổ dân phố số {n}")
        )
        print(f"committed {a.id} {a.name}", flush=True)


def import_forever(db: Path, source: Path) -> None:
    book = CeremonyBook(Store(db, backups=False))
    while True:
        ceremony = book.save_ceremony(Ceremony("Hội nghị nhập danh sách"))
        print(f"started {ceremony.id}", flush=True)
        plan = importer.plan_file(book, source, ceremony.id)
        print(f"writing {ceremony.id}", flush=True)
        result = importer.apply(book, plan)
        print(f"imported {ceremony.id} {result.awardees}", flush=True)


def hold(db: Path) -> None:
    book = CeremonyBook(Store(db))
    print(f"holding {len(book.ceremonies())}", flush=True)
    for line in sys.stdin:  # until the parent closes our stdin or kills us
        if line.strip() == "peek":
            # What Qt's file dialog does to a file in the folder it shows: open, read, close.
            # POSIX drops every fcntl lock this process holds on the file at that close.
            with open(db, "rb") as f:
                f.read(512)
            print("peeked", flush=True)
    book.store.close()


if __name__ == "__main__":
    mode, db = sys.argv[1], Path(sys.argv[2])
    if mode == "entry":
        entry(db)
    elif mode == "hold":
        hold(db)
    else:
        import_forever(db, Path(sys.argv[3]))
