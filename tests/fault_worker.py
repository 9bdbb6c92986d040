"""Run by the fault tests as a separate process, to be killed at a random moment.

    python -m tests.fault_worker entry DB          add awardees one by one, forever
    python -m tests.fault_worker import DB LIST    import LIST into new ceremonies, forever

After each commit it prints what is now stored ("committed ID NAME" or "imported
CEREMONY COUNT") and flushes, so the parent knows what must survive the kill.
"""

from __future__ import annotations

import sys
from pathlib import Path

from models import importer
from models.book import CeremonyBook
from models.domain import Awardee, AwardeeKind, Ceremony
from models.store import Store


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


if __name__ == "__main__":
    mode, db = sys.argv[1], Path(sys.argv[2])
    entry(db) if mode == "entry" else import_forever(db, Path(sys.argv[3]))
