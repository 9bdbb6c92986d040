"""What printing records in the ceremony book: templates, register numbers, the print log.

The repos/ modules (this one, book.py, print_book.py, rows.py) hold the only SQL outside storage/.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from models.domain import text
from models.domain.printing import PaperMode, PrintAction, PrintedItem, PrintJob
from models.domain.records import AwardForm, Ref, RefKind
from models.domain.search import awardee_search_text, prize_search_text
from models.domain.templates import CertificateTemplate, check_url_template
from models.errors import ConflictError, ValidationError
from models.repos.rows import (
    AWARDEES,
    PRIZES,
    awardee_from_values,
    insert_returning_id,
    prize_from_values,
    saved_by,
)
from models.storage.engine import BookStore

_FORM_CODES = {AwardForm.BANG_KHEN: "BK", AwardForm.GIAY_KHEN: "GK", AwardForm.GIAY_CHUNG_NHAN: "GCN"}


def register_series(form: AwardForm, year: int) -> str:
    """One register book per award form and year: "GK-2022"."""
    return f"{_FORM_CODES[form]}-{year}"


# Print runs on a server take turns giving numbers under this lock (any constant will do).
NUMBERING_LOCK = 0x534F  # "SO", sổ
TEMPLATE_LOCK = 0x4D55  # "MU", mẫu; with the ceremony's id as the second key


class PrintBook:
    def __init__(self, store: BookStore):
        self.store = store

    # --- templates ----------------------------------------------------------------------

    def template(self, ceremony_id: int, form: AwardForm) -> CertificateTemplate:
        return self._template_in(self.store.read(), ceremony_id, form)

    @staticmethod
    def _template_in(db, ceremony_id: int, form: AwardForm) -> CertificateTemplate:
        row = db.execute(
            "SELECT settings FROM certificate_template WHERE ceremony_id = ? AND award_form = ?",
            (ceremony_id, form.value),
        ).fetchone()
        return CertificateTemplate.from_json(row[0] if row else "", form)

    def save_template(
        self, ceremony_id: int, form: AwardForm, template: CertificateTemplate, read: CertificateTemplate | None = None
    ) -> CertificateTemplate:
        """Store the form's template; the one stored, as the book will read it back.

        With `read` (the template this edit started from), it is written only if the book
        still holds that one: another organiser's change on a server is not written over."""
        template.qr_url_template = check_url_template(template.qr_url_template)
        with self.store.transaction() as db:
            if read is not None:
                if getattr(db, "engine", "sqlite") == "postgresql":
                    # Saves of one ceremony's templates go one after another, a first one too.
                    db.execute(
                        "SELECT pg_advisory_xact_lock(CAST(? AS integer), CAST(? AS integer))",
                        (TEMPLATE_LOCK, ceremony_id),
                    )
                theirs = self._template_in(db, ceremony_id, form)
                if theirs != read:
                    raise ConflictError(
                        f"Mẫu {form.label} vừa được người khác sửa trên máy chủ; thay đổi của bạn chưa được lưu.",
                        theirs,
                        template,
                    )
            db.execute(
                "INSERT INTO certificate_template (ceremony_id, award_form, settings) VALUES (?, ?, ?)"
                " ON CONFLICT (ceremony_id, award_form) DO UPDATE SET settings = excluded.settings",
                (ceremony_id, form.value, template.to_json()),
            )
        return CertificateTemplate.from_json(template.to_json(), form)

    # --- register numbers ---------------------------------------------------------------

    def register_numbers(self, requests: Sequence[tuple[Ref, str]], *, commit: bool) -> dict[Ref, str]:
        """Each ref's register number, giving the next one of its series to those without.

        commit=False answers what printing now would give, and writes nothing (preview).
        A number once given is never changed or given again.
        """
        if not commit:
            return self._plan_numbers(self.store.read(), requests)[0]
        with self.store.transaction() as db:
            if getattr(db, "engine", "sqlite") == "postgresql":
                # Print runs on other machines number one after another: each then reads
                # the counters and the numbers held as the one before left them. (A file
                # has one writer at a time already.)
                db.execute("SELECT pg_advisory_xact_lock(?)", (NUMBERING_LOCK,))
            numbers, given, counters = self._plan_numbers(db, requests)
            db.executemany(
                "INSERT INTO register_counter (series, last) VALUES (?, ?)"
                " ON CONFLICT (series) DO UPDATE SET last = excluded.last",
                counters.items(),
            )
            self._store_numbers(db, {ref: numbers[ref] for ref in given})
            # The database holds each number once per series: a second giving of one
            # fails the whole run, whatever went wrong above.
            db.executemany(
                "INSERT INTO register_given (series, number, awardee_id, prize_id) VALUES (?, ?, ?, ?)",
                [(series, n, ref.awardee_id, ref.prize_id) for ref, (series, n) in given.items()],
            )
        return numbers

    @staticmethod
    def _plan_numbers(db, requests: Sequence[tuple[Ref, str]]):
        held = PrintBook._numbers_held(db, [ref for ref, _ in requests])
        numbers: dict[Ref, str] = {}
        given: dict[Ref, tuple[str, int]] = {}
        counters: dict[str, int] = {}
        for ref, series in requests:
            number = held.get(ref)
            if number is None:
                raise ValidationError(f"Không tìm thấy mục số {ref.id}; có thể nó vừa bị xóa.")
            if number:
                numbers[ref] = number
                continue
            if series not in counters:
                last = db.execute("SELECT last FROM register_counter WHERE series = ?", (series,)).fetchone()
                counters[series] = last[0] if last else 0
            counters[series] += 1
            numbers[ref] = f"{counters[series]:03d}/{series}"
            given[ref] = (series, counters[series])
        return numbers, given, counters

    @staticmethod
    def _chunks(db, sql: str, ids: list[int]):
        """Rows of `sql` (one IN list of ids) as plain tuples, a few statements per run rather
        than one per certificate, each under SQLite's limit of bound values."""
        cursor = db.cursor()
        cursor.row_factory = None
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            yield from cursor.execute(sql.format(marks=", ".join("?" * len(chunk))), chunk)

    @staticmethod
    def _numbers_held(db, refs: Sequence[Ref]) -> dict[Ref, str]:
        """The register number each ref holds now ("" for none); a ref gone is missing."""
        held: dict[Ref, str] = {}
        for kind in RefKind:
            ids = [ref.id for ref in refs if ref.kind is kind]
            sql = f"SELECT id, register_no FROM {kind.value} WHERE id IN ({{marks}})"
            held.update((Ref(kind, i), number) for i, number in PrintBook._chunks(db, sql, ids))
        return held

    @staticmethod
    def _store_numbers(db, numbers: dict[Ref, str]) -> None:
        """Write the numbers given, with each record's search text (which holds its number)."""
        tables: tuple[tuple[RefKind, tuple[str, ...], Callable[[tuple], Any], Callable[[Any], str]], ...] = (
            (RefKind.AWARDEE, AWARDEES.fields, awardee_from_values, awardee_search_text),
            (RefKind.PRIZE, PRIZES.fields, prize_from_values, prize_search_text),
        )
        stamp = saved_by(db)
        for kind, fields, make, search_text in tables:
            ids = [ref.id for ref in numbers if ref.kind is kind]
            sql = f"SELECT {', '.join(fields)} FROM {kind.value} WHERE id IN ({{marks}})"
            updates = []
            for row in PrintBook._chunks(db, sql, ids):
                record = make(row)
                record.register_no = numbers[Ref(kind, record.id)]
                updates.append((record.register_no, search_text(record), record.id))
            # A number given is a save of the record: an edit made from before it is refused
            # rather than written back without the number.
            db.executemany(
                f"UPDATE {kind.value} SET register_no = ?, search_key = ?, version = version + 1,"
                " changed_by = ?, changed_at = ? WHERE id = ?",
                [(number, search, *stamp, record_id) for number, search, record_id in updates],
            )

    # --- the print log ------------------------------------------------------------------

    def printed_counts(self, ceremony_id: int) -> dict[Ref, int]:
        """How many times each awardee and prize of the ceremony has been printed."""
        rows = self.store.read().execute(
            "SELECT i.awardee_id, i.prize_id, count(*) FROM print_item i JOIN print_job j ON j.id = i.job_id"
            " WHERE j.ceremony_id = ? GROUP BY i.awardee_id, i.prize_id",
            (ceremony_id,),
        )
        counts: dict[Ref, int] = {}
        for awardee_id, prize_id, n in rows:
            if awardee_id is not None or prize_id is not None:
                counts[Ref.of_columns(awardee_id, prize_id)] = n
        return counts

    def log_print(
        self,
        job: PrintJob,
        printed: Sequence[tuple[Ref, str, str]],
        *,
        companion_of: int | None = None,
        running: bool = False,
    ) -> PrintJob:
        """Record one print run: (ref, name, register number) per certificate, in order.

        A certificate printed before is a reprint, and a reprint needs a reason. The other
        file of the same issue (the per-person files after the combined PDF, or the other
        way round: companion_of names the job) is no reprint of what that job holds.
        """
        job.reason = text.clean(job.reason)
        before = self.printed_counts(job.ceremony_id)
        if companion_of is not None:
            for ref in self._job_refs(companion_of):
                before[ref] = before.get(ref, 0) - 1
            before = {ref: n for ref, n in before.items() if n > 0}
        job.items = [PrintedItem(text.clean(name), number, ref in before, ref) for ref, name, number in printed]
        if any(item.reprint for item in job.items) and not job.reason:
            names = ", ".join(item.name for item in job.items if item.reprint)
            raise ValidationError(f"Cần ghi lý do in lại cho: {names}.")
        with self.store.transaction() as db:
            job.status = "running" if running else "done"
            job.id = insert_returning_id(
                db,
                "INSERT INTO print_job (ceremony_id, printed_at, action, target, mode, copies, reason, status)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    job.ceremony_id,
                    job.printed_at.isoformat(timespec="seconds"),
                    job.action,
                    job.target,
                    job.mode,
                    job.copies,
                    job.reason,
                    job.status,
                ),
            )
            db.executemany(
                "INSERT INTO print_item (job_id, position, awardee_id, prize_id, name, register_no, reprint)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        job.id,
                        i,
                        item.ref.awardee_id if item.ref else None,
                        item.ref.prize_id if item.ref else None,
                        item.name,
                        item.register_no,
                        int(item.reprint),
                    )
                    for i, item in enumerate(job.items)
                ],
            )
        return job

    def settle(self, job: PrintJob, *, kept: int | None = None, copies: int | None = None) -> PrintJob:
        """The run finished: its pages exist. `kept` trims the log to the certificates that
        really went out (a printer stopped part-way); 0 removes the entry altogether."""
        with self.store.transaction() as db:
            if kept == 0:
                db.execute("DELETE FROM print_job WHERE id = ?", (job.id,))
                job.items = []
                return job
            if kept is not None:
                db.execute("DELETE FROM print_item WHERE job_id = ? AND position >= ?", (job.id, kept))
                job.items = job.items[:kept]
            if copies is not None:
                job.copies = copies
            db.execute("UPDATE print_job SET status = 'done', copies = ? WHERE id = ?", (job.copies, job.id))
        job.status = "done"
        return job

    def abandon(self, job: PrintJob) -> None:
        """The run made nothing (cancelled, failed before any file was in place)."""
        self.settle(job, kept=0)

    def _job_refs(self, job_id: int) -> list[Ref]:
        rows = self.store.read().execute("SELECT awardee_id, prize_id FROM print_item WHERE job_id = ?", (job_id,))
        # An item whose awardee or prize was deleted since names neither: nothing to count.
        return [Ref.of_columns(a, p) for a, p in rows if a is not None or p is not None]

    def print_jobs(self, ceremony_id: int) -> list[PrintJob]:
        """The ceremony's print log, newest first."""
        db = self.store.read()
        jobs = []
        for r in db.execute("SELECT * FROM print_job WHERE ceremony_id = ? ORDER BY id DESC", (ceremony_id,)):
            job = PrintJob(
                ceremony_id=r["ceremony_id"],
                printed_at=dt.datetime.fromisoformat(r["printed_at"]),
                action=PrintAction(r["action"]),
                target=r["target"],
                mode=PaperMode(r["mode"]),
                copies=r["copies"],
                reason=r["reason"],
                id=r["id"],
                status=r["status"],
            )
            for i in db.execute("SELECT * FROM print_item WHERE job_id = ? ORDER BY position", (job.id,)):
                gone = i["awardee_id"] is None and i["prize_id"] is None
                ref = None if gone else Ref.of_columns(i["awardee_id"], i["prize_id"])
                job.items.append(PrintedItem(i["name"], i["register_no"], bool(i["reprint"]), ref))
            jobs.append(job)
        return jobs
