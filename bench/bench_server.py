"""Fifteen ward clerks saving at once on one PostgreSQL server book (run by hand, not in CI).

    python bench/bench_server.py [--clerks 15] [--edits 100]

A throw-away cluster (tests/pg_server.py) holds a book set up as the README says: server
init, one login per ward, 20 awardees per ward. Each clerk is a process editing its own
ward's rows through the app (read, change the position, save: version check, search keys,
row-level security, notifications); the floor is the same processes doing a bare psycopg
UPDATE of the same rows. Printed: saves per second, p50 and p95 of one save, and how long
a save takes to reach another window (LISTEN/NOTIFY heard and the record read), against a
bare NOTIFY heard on another connection.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WARDS = ["Bồ Đề", "Ngọc Thụy", "Gia Thụy", "Ngọc Lâm", "Long Biên", "Phúc Đồng", "Phúc Lợi", "Sài Đồng",
         "Thạch Bàn", "Thượng Thanh", "Việt Hưng", "Đức Giang", "Giang Biên", "Cự Khối", "Phúc Xá"]  # fmt: skip


def child_app(url: str, ids: list[int], edits: int) -> None:
    from models.repos.book import CeremonyBook
    from models.storage.pg_store import PgStore

    store = PgStore(url)
    book = CeremonyBook(store)
    records = {i: book.awardee(i) for i in ids}
    latencies = []
    start_all = time.perf_counter()
    for n in range(edits):
        record = records[ids[n % len(ids)]]
        record.position = f"Tổ trưởng lần {n}"
        start = time.perf_counter()
        records[record.id] = book.update_awardee(record)
        latencies.append(time.perf_counter() - start)
    print(json.dumps({"latencies": latencies, "wall": time.perf_counter() - start_all}))
    store.close()


def child_bare(url: str, ids: list[int], edits: int) -> None:
    import psycopg

    conn = psycopg.connect(url, autocommit=True)
    latencies = []
    start_all = time.perf_counter()
    for n in range(edits):
        start = time.perf_counter()
        conn.execute("UPDATE awardee SET position = %s WHERE id = %s", (f"Tổ trưởng lần {n}", ids[n % len(ids)]))
        latencies.append(time.perf_counter() - start)
    print(json.dumps({"latencies": latencies, "wall": time.perf_counter() - start_all}))
    conn.close()


def _all_at_once(mode: str, jobs: list[tuple[str, list[int]]], edits: int) -> dict:
    start = time.perf_counter()
    processes = [
        subprocess.Popen(
            [sys.executable, __file__, "--child", mode, url, str(edits), *map(str, ids)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for url, ids in jobs
    ]
    results = [json.loads(p.communicate()[0].strip().splitlines()[-1]) for p in processes]
    wall = time.perf_counter() - start
    latencies = sorted(x for r in results for x in r["latencies"])
    busy = max(r["wall"] for r in results)
    return {
        "per_s": len(latencies) / busy,
        "p50": statistics.median(latencies) * 1000,
        "p95": latencies[int(len(latencies) * 0.95)] * 1000,
        "wall": wall,
    }


def propagation(cluster, district_url: str, clerk_url: str, record_id: int, times: int = 20) -> tuple[float, float]:
    """Median ms from a clerk's save returning to the district window having the record."""
    import psycopg

    from models.repos.book import CeremonyBook
    from models.server.feed import ChangeFeed, changes_from
    from models.storage.pg_store import PgStore

    app, bare = [], []
    with PgStore(district_url) as district, PgStore(clerk_url) as clerk_store:
        feed = ChangeFeed(district)
        book, clerk = CeremonyBook(district), CeremonyBook(clerk_store)
        for n in range(times):
            record = clerk.awardee(record_id)
            record.notes = f"lần {n}"
            saved = time.perf_counter()
            clerk.update_awardee(record)
            told: list = []
            while not told:
                events = feed.wait(timeout=1.0) or []
                told = [c for c in changes_from(book, events, district.pid) if c.upserted]
            app.append(time.perf_counter() - saved)
        feed.close()
        listener = psycopg.connect(district_url, autocommit=True)
        listener.execute("LISTEN bare")
        sender = psycopg.connect(district_url, autocommit=True)
        for n in range(times):
            sent = time.perf_counter()
            sender.execute("SELECT pg_notify('bare', %s)", (str(n),))
            next(listener.notifies(timeout=1.0, stop_after=1))
            bare.append(time.perf_counter() - sent)
        listener.close()
        sender.close()
    return statistics.median(app) * 1000, statistics.median(bare) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clerks", type=int, default=15)
    parser.add_argument("--edits", type=int, default=100)
    parser.add_argument("--child", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        mode, url, edits, *ids = args.child
        (child_app if mode == "app" else child_bare)(url, [int(i) for i in ids], int(edits))
        return

    from models.domain.records import Awardee, AwardeeKind, AwardForm, Ceremony, Decision
    from models.repos.book import CeremonyBook
    from models.server import admin
    from models.storage.pg_store import PgStore
    from tests import pg_server

    cluster = pg_server.Cluster(durable=True)  # every commit flushed to disk, as on a real server
    try:
        with cluster.admin() as conn:
            conn.execute("CREATE DATABASE so_quan")
        url = cluster.url("so_quan")
        admin.init(url)
        admin.add_clerk(url, "", "quan_bench", district=True)
        district_url = cluster.url("so_quan", "quan_bench")
        jobs_app, jobs_bare = [], []
        with PgStore(district_url) as store:
            book = CeremonyBook(store)
            c = book.save_ceremony(Ceremony("Hội nghị biểu dương điển hình “Dân vận khéo”"))
            book.save_decision(Decision(c.id, AwardForm.GIAY_KHEN))
            for ward in WARDS[: args.clerks]:
                clerk, _ = admin.add_clerk(url, ward)
                people = [Awardee(c.id, AwardeeKind.INDIVIDUAL, f"Người {i} {ward}", ward=ward) for i in range(20)]
                ids = [a.id for a in book.add_awardees(people)]
                jobs_app.append((cluster.url("so_quan", clerk.login), ids))
                jobs_bare.append((district_url, ids))
        bare = _all_at_once("bare", jobs_bare, args.edits)
        app = _all_at_once("app", jobs_app, args.edits)
        reach_app, reach_bare = propagation(cluster, district_url, jobs_app[0][0], jobs_app[0][1][0])
    finally:
        cluster.stop()
    total = args.clerks * args.edits
    print(
        f"{args.clerks} cán bộ phường, mỗi người {args.edits} lần lưu ({total:,} lần), cùng lúc; "
        "máy chủ PostgreSQL trên cùng máy, ghi đĩa (fsync) sau mỗi lần lưu"
    )
    print("| phép đo | ứng dụng | sàn (psycopg UPDATE trần) | tỉ lệ |\n|---|---|---|---|")
    slower = bare["per_s"] / app["per_s"]
    print(
        f"| lần lưu mỗi giây (cả {args.clerks} người) | {app['per_s']:.0f} | {bare['per_s']:.0f} | {slower:.2f}× ít |"
    )
    print(f"| một lần lưu, p50 | {app['p50']:.1f} ms | {bare['p50']:.1f} ms | {app['p50'] / bare['p50']:.2f}× |")
    print(f"| một lần lưu, p95 | {app['p95']:.1f} ms | {bare['p95']:.1f} ms | {app['p95'] / bare['p95']:.2f}× |")
    ratio = reach_app / reach_bare
    print(f"| đến cửa sổ khác (trung vị) | {reach_app:.1f} ms | {reach_bare:.1f} ms (NOTIFY trần) | {ratio:.2f}× |")


if __name__ == "__main__":
    main()
