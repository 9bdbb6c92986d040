"""The hall may have no network on the day: the server book copied into one SQLite file for
the MC's laptop, and the ceremony's live state (the step reached, who was absent) brought
back to the server afterwards.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from models.errors import BookError, StorageError
from models.storage.file_lock import BookLock
from models.storage.pg_store import PgStore
from models.storage.sqlite_errors import in_use
from models.storage.store import Store

# Parents before children, as the foreign keys want them.
TABLES = (
    "ceremony",
    "decision",
    "field",
    "awardee",
    "contest",
    "contest_quota",
    "prize",
    "certificate_template",
    "register_counter",
    "register_given",
    "print_job",
    "print_item",
    "award_order",
    "award_batch",
    "award_batch_item",
)


def export_to_file(server: PgStore, target: Path) -> dict[str, int]:
    """The whole book, as one snapshot of the server, written to `target` whole or not at
    all (beside it first, then moved into place). Returns the rows copied per table."""
    target = Path(target)
    lock = BookLock(target)
    made_lock_file = not lock.path.exists()
    if not lock.acquire():
        raise in_use(target)
    incoming = target.with_name(f".{target.name}.dang-ghi")
    incoming.unlink(missing_ok=True)
    counts: dict[str, int] = {}
    try:
        copy = Store(incoming, backups=False)
        try:
            with server.transaction() as source, copy.transaction() as dest:
                source.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                dest.execute("DELETE FROM field")  # the new file's default fields: the server's replace them
                for table in TABLES:
                    cursor = source.cursor()
                    cursor.row_factory = None
                    rows = cursor.execute(f"SELECT * FROM {table}").fetchall()
                    columns = [c[0] for c in cursor.description]
                    marks = ", ".join("?" * len(columns))
                    dest.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
                    counts[table] = len(rows)
            copy.read().execute("PRAGMA journal_mode = DELETE")  # one file to carry
        finally:
            copy.close()
        with contextlib.suppress(FileNotFoundError):
            Path(f"{incoming}.lock").unlink()
        for suffix in ("-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        incoming.replace(target)
    except OSError as exc:
        incoming.unlink(missing_ok=True)
        raise StorageError(f"Chưa chép được sổ ra “{target}”: {exc.strerror or exc}.") from None
    except BaseException:
        incoming.unlink(missing_ok=True)
        raise
    finally:
        lock.release()
        if made_lock_file:
            lock.path.unlink(missing_ok=True)
    return counts


def _order_shape(db, ceremony_id: int) -> list[tuple]:
    return [
        tuple(r)
        for r in db.execute(
            "SELECT b.position, i.position, i.awardee_id, i.prize_id FROM award_batch_item i"
            " JOIN award_batch b ON b.id = i.batch_id WHERE b.ceremony_id = ? ORDER BY b.position, i.position",
            (ceremony_id,),
        )
    ]


def bring_back_live(server: PgStore, hall_file: Path) -> list[str]:
    """The step reached, the start time and the absences of each ceremony held in the hall,
    written back to the server; refused for a ceremony whose award order was changed on the
    server since the copy (the marks would land on other people)."""
    said: list[str] = []
    with Store(Path(hall_file), backups=False) as hall:
        held = hall.read().execute("SELECT ceremony_id, live_step, live_started FROM award_order").fetchall()
        with server.transaction() as db:
            for ceremony_id, step, started in held:
                shape = _order_shape(hall.read(), ceremony_id)
                if _order_shape(db, ceremony_id) != shape:
                    raise BookError(
                        f"Thứ tự trao của hội nghị số {ceremony_id} trên máy chủ đã thay đổi sau khi chép ra hội "
                        "trường; chưa đưa gì về, để không đánh dấu vắng mặt nhầm người."
                    )
                db.execute(
                    "UPDATE award_order SET live_step = ?, live_started = ? WHERE ceremony_id = ?",
                    (step, started, ceremony_id),
                )
                absent = (
                    hall.read()
                    .execute(
                        "SELECT b.position, i.position, i.absent FROM award_batch_item i"
                        " JOIN award_batch b ON b.id = i.batch_id WHERE b.ceremony_id = ?",
                        (ceremony_id,),
                    )
                    .fetchall()
                )
                db.executemany(
                    "UPDATE award_batch_item SET absent = ? WHERE position = ? AND batch_id ="
                    " (SELECT id FROM award_batch WHERE ceremony_id = ? AND position = ?)",
                    [(flag, item, ceremony_id, batch) for batch, item, flag in absent],
                )
                missing = sum(1 for _, _, flag in absent if flag)
                said.append(f"Hội nghị số {ceremony_id}: đến bước {step}, {missing} người vắng mặt.")
    return said or ["Bản ở hội trường chưa có thứ tự trao nào để đưa về."]
