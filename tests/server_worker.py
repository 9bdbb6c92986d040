"""One ward clerk, as its own process, working on a book on the server (the concurrency
tests start fifteen of these at once). Prints one JSON line: what it did and saw.

    python tests/server_worker.py edit URL CLERK N RECORD_IDS...
    python tests/server_worker.py import URL CLERK FILE
    python tests/server_worker.py number URL CLERK CEREMONY_ID START_AT

A print run is prepared first, then numbered at START_AT (a time.time() value shared by
all): the fifteen numberings then overlap for certain, not only by chance.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from models.errors import ConflictError  # noqa: E402
from models.repos.book import CeremonyBook  # noqa: E402
from models.storage.pg_store import PgStore  # noqa: E402


def edit(book: CeremonyBook, clerk: str, times: int, ids: list[int]) -> dict:
    """Each time: read one of the records, change its position, save. A save either lands
    (and then holds the version it says) or is refused as a conflict."""
    saved, conflicts, latencies = [], 0, []
    for i in range(times):
        record = book.awardee(ids[i % len(ids)])
        record.position = f"{clerk} lần {i}"
        start = time.perf_counter()
        try:
            written = book.update_awardee(record)
        except ConflictError as exc:
            conflicts += 1
            assert exc.theirs is not None and "Bản của bạn" in exc.message
        else:
            saved.append([written.id, written.version, written.position])
        latencies.append(time.perf_counter() - start)
    return {"saved": saved, "conflicts": conflicts, "latencies": latencies}


def import_list(book: CeremonyBook, clerk: str, path: str) -> dict:
    from models.importing import importer

    ceremony_id = book.ceremonies()[0].id
    plan = importer.plan_file(book, Path(path), ceremony_id)
    assert not plan.problems, plan.problem_lines()
    return {"imported": importer.apply(book, plan).awardees}


def number(book: CeremonyBook, clerk: str, ceremony_id: str, start_at: str) -> dict:
    from certificates.print_run import PrintRun
    from models.repos.print_book import PrintBook

    run = PrintRun(book, PrintBook(book.store), int(ceremony_id))
    time.sleep(max(0.0, float(start_at) - time.time()))
    plan = run.number()
    return {"numbers": {str(c.ref.id): c.register_no for c in plan.certificates}}


def main() -> None:
    action, url, clerk, *rest = sys.argv[1:]
    store = PgStore(url)
    book = CeremonyBook(store)
    try:
        if action == "edit":
            result = edit(book, clerk, int(rest[0]), [int(i) for i in rest[1:]])
        elif action == "import":
            result = import_list(book, clerk, rest[0])
        else:
            result = number(book, clerk, rest[0], rest[1])
    finally:
        store.close()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
