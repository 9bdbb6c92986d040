"""The ceremony book: reading and writing ceremonies, decisions, awardees and prizes.

The repos/ modules hold the only SQL outside storage/. Every text is cleaned
(NFC, spaces collapsed) on its way in (rows.cleaned), so no caller can store an
unnormalised name.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from models.domain import text
from models.domain.fields import full_name
from models.domain.links import check_news_url
from models.domain.records import (
    Awardee,
    AwardeeKind,
    AwardForm,
    Ceremony,
    Decision,
    Prize,
)
from models.errors import InUseError, ValidationError
from models.repos.contests import ContestRecords
from models.repos.rows import (
    AWARDEES,
    PRIZES,
    RecordTable,
    awardee_from_row,
    ceremony_from_row,
    cleaned,
    decision_from_row,
    iso_date,
    like_escaped,
    save_row,
    save_versioned,
)
from models.storage.engine import BookStore


@dataclasses.dataclass(slots=True)
class ImportedRecords:
    """What one import added: its records (with their ids) and the decisions it created."""

    awardees: list[Awardee]
    prizes: list[Prize]
    decisions: list[Decision]


class CeremonyBook(ContestRecords):
    """Ceremonies, decisions, fields and awardees here; contests and prizes in ContestRecords."""

    def __init__(self, store: BookStore):
        self.store = store

    # --- ceremonies -------------------------------------------------------------------

    def ceremonies(self) -> list[Ceremony]:
        rows = self._db.execute("SELECT * FROM ceremony ORDER BY held_on DESC, id DESC")
        return [ceremony_from_row(r) for r in rows]

    def ceremony(self, ceremony_id: int) -> Ceremony:
        row = self._db.execute("SELECT * FROM ceremony WHERE id = ?", (ceremony_id,)).fetchone()
        if row is None:
            raise ValidationError(f"Không tìm thấy hội nghị số {ceremony_id}.")
        return ceremony_from_row(row)

    def save_ceremony(self, c: Ceremony) -> Ceremony:
        c = cleaned(c)
        if not c.title:
            raise ValidationError("Chưa nhập tên hội nghị.")
        c.news_url = check_news_url(c.news_url)
        values = dict(
            title=c.title,
            held_on=iso_date(c.held_on),
            place=c.place,
            organiser=c.organiser,
            chair=c.chair,
            news_url=c.news_url,
            notes=c.notes,
        )
        with self.store.transaction() as db:
            save_versioned(db, "ceremony", values, c, ceremony_from_row)
        self._wrote("ceremony", [c])
        return c

    def delete_ceremony(self, ceremony_id: int) -> None:
        with self.store.transaction() as db:
            # Awardees and contests point at decisions with RESTRICT; drop them first.
            db.execute("DELETE FROM awardee WHERE ceremony_id = ?", (ceremony_id,))
            db.execute("DELETE FROM contest WHERE ceremony_id = ?", (ceremony_id,))
            db.execute("DELETE FROM ceremony WHERE id = ?", (ceremony_id,))

    # --- decisions --------------------------------------------------------------------

    def decisions(self, ceremony_id: int) -> list[Decision]:
        rows = self._db.execute("SELECT * FROM decision WHERE ceremony_id = ? ORDER BY id", (ceremony_id,))
        return sorted((decision_from_row(r) for r in rows), key=lambda d: d.award_form.rank)

    def save_decision(self, d: Decision) -> Decision:
        d = cleaned(d)
        values = dict(
            ceremony_id=d.ceremony_id,
            award_form=d.award_form.value,
            number=d.number,
            signed_on=iso_date(d.signed_on),
            issuer=d.issuer,
            signer_role=d.signer_role,
            signer_name=d.signer_name,
            achievement=d.achievement,
            heading=d.heading_kind.value if d.heading_kind else "",
            superior=d.superior,
        )
        with self.store.transaction() as db:
            save_versioned(db, "decision", values, d, decision_from_row)
        self._wrote("decision", [d])
        return d

    def delete_decision(self, decision_id: int) -> None:
        users = self._db.execute(
            "SELECT (SELECT count(*) FROM awardee WHERE decision_id = ?)"
            " + (SELECT count(*) FROM contest WHERE decision_id = ?)",
            (decision_id, decision_id),
        ).fetchone()[0]
        if users:
            raise InUseError(
                f"Không xóa được quyết định này: còn {users} tập thể, cá nhân hoặc cuộc thi "
                "đang gắn với nó. Hãy chuyển họ sang quyết định khác trước."
            )
        with self.store.transaction() as db:
            db.execute("DELETE FROM decision WHERE id = ?", (decision_id,))

    # --- fields (lĩnh vực) ------------------------------------------------------------

    def fields(self) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT name FROM field ORDER BY position, id")]

    def add_field(self, name: str) -> str:
        name = full_name(text.clean(name))
        if not name:
            raise ValidationError("Chưa nhập tên lĩnh vực.")
        existing = {text.match_key(f): f for f in self.fields()}
        if text.match_key(name) in existing:
            return existing[text.match_key(name)]
        with self.store.transaction() as db:
            db.execute(
                "INSERT INTO field (name, position) VALUES (?, (SELECT coalesce(max(position), 0) + 1 FROM field))",
                (name,),
            )
        return name

    def remove_field(self, name: str) -> None:
        """Take a field off the list (what records say stays as they say it)."""
        with self.store.transaction() as db:
            db.execute("DELETE FROM field WHERE name = ?", (name,))

    # --- awardees ---------------------------------------------------------------------

    def awardees(self, ceremony_id: int) -> list[Awardee]:
        return AWARDEES.read_all(self._db, ceremony_id)

    def listed_awardees(self, ceremony_id: int) -> tuple[list[Awardee], list[str]]:
        """The ceremony's awardees with their stored accent-folded search texts, so a table
        need not fold them again; the quick read for a whole list."""
        return AWARDEES.read_listed(self._db, ceremony_id)

    def awardee(self, awardee_id: int) -> Awardee:
        return AWARDEES.get(self._db, awardee_id)

    def _checked_awardee(self, a: Awardee) -> Awardee:
        a = cleaned(a)
        if not a.name:
            raise ValidationError("Chưa nhập họ và tên (hoặc tên tập thể).")
        if a.kind is AwardeeKind.COLLECTIVE:
            a.position = ""  # a collective is printed by its name alone
        a.field = full_name(a.field)  # "GPMB" typed is kept as "Giải phóng mặt bằng", in sight
        if a.decision_id is not None:
            row = self._db.execute("SELECT ceremony_id FROM decision WHERE id = ?", (a.decision_id,)).fetchone()
            if row is None or row[0] != a.ceremony_id:
                raise ValidationError("Quyết định đã chọn không thuộc hội nghị này.")
        return a

    def add_awardees(self, records: Iterable[Awardee]) -> list[Awardee]:
        """Insert records (keeping an id if one is given, as undo needs); all or nothing."""
        checked = [self._checked_awardee(a) for a in records]
        with self.store.transaction() as db:
            AWARDEES.insert(db, checked)
        self._wrote("awardee", checked)
        return checked

    def add_awardee(self, a: Awardee) -> Awardee:
        return self.add_awardees([a])[0]

    def update_awardee(self, a: Awardee) -> Awardee:
        return self.update_awardees([a])[0]

    def update_awardees(self, records: Sequence[Awardee]) -> list[Awardee]:
        """Save edits of several awardees in one transaction: all or none."""
        checked = [self._checked_awardee(a) for a in records]
        with self.store.transaction() as db:
            AWARDEES.update(db, checked)
        self._wrote("awardee", checked)
        return checked

    def delete_awardees(self, ids: Sequence[int], versions: Mapping[int, int] | None = None) -> list[Awardee]:
        """Delete and return what was deleted, so that it can be restored exactly. With the
        versions they were read at, none is deleted if one has been changed since."""
        with self.store.transaction() as db:
            return AWARDEES.delete(db, ids, versions)

    def awardees_by_id(self, ids: Sequence[int]) -> dict[int, Awardee]:
        """The awardees of these ids that exist now (others' changes are read so)."""
        return _by_id(self._db, AWARDEES, ids)

    def prizes_by_id(self, ids: Sequence[int]) -> dict[int, Prize]:
        return _by_id(self._db, PRIZES, ids)

    def find_awardee_duplicates(self, a: Awardee) -> list[Awardee]:
        """Awardees of the same ceremony with the same name and unit (tone placement ignored)."""
        return AWARDEES.duplicates(self._db, a)

    def search_awardees(self, ceremony_id: int, query: str) -> list[Awardee]:
        rows = self._db.execute(
            "SELECT * FROM awardee WHERE ceremony_id = ? AND search_key LIKE ? ESCAPE '!' ORDER BY id",
            (ceremony_id, "%" + like_escaped(text.fold(query)) + "%"),
        )
        return [awardee_from_row(r) for r in rows]

    def completions(self) -> dict[str, list[str]]:
        """What was typed before, for the entry form's completers."""
        out = {}
        for column in ("unit", "ward", "position", "field"):
            rows = self._db.execute(f"SELECT DISTINCT {column} FROM awardee WHERE {column} <> ''")
            out[column] = sorted({r[0] for r in rows}, key=text.sort_key)
        out["field"] = sorted(set(out["field"]) | set(self.fields()), key=text.sort_key)
        prize_units = {r[0] for r in self._db.execute("SELECT DISTINCT unit FROM prize WHERE unit <> ''")}
        out["unit"] = sorted(set(out["unit"]) | prize_units, key=text.sort_key)
        return out

    # --- imports ----------------------------------------------------------------------

    def duplicate_keys(self, ceremony_id: int, contest_id: int | None = None) -> dict[str, str]:
        """Duplicate key -> "name, unit" of what is already in the list an import goes to."""
        if contest_id is None:
            rows = self._db.execute("SELECT match_key, name, unit FROM awardee WHERE ceremony_id = ?", (ceremony_id,))
        else:
            rows = self._db.execute("SELECT match_key, authors, unit FROM prize WHERE contest_id = ?", (contest_id,))
        return {key: ", ".join(p for p in (name, unit) if p) for key, name, unit in rows}

    def import_records(
        self,
        ceremony_id: int,
        awardees: Sequence[tuple[Awardee, AwardForm | None]] = (),
        prizes: Sequence[Prize] = (),
        *,
        already_clean: bool = False,
    ) -> list[Decision]:
        """Add an imported list in one transaction; returns the decisions it had to create.

        already_clean: every text went through the importer's cell cleaning and length
        checks (a fixed point of cleaned(), which a test holds it to), so it is not cleaned
        a second time: a third of the writing time of a 10,000-row list.

        An awardee with an award form joins the ceremony's decision for that form, which
        is created (without a number) if the ceremony has none; without a form it joins
        the ceremony's only decision, if it has exactly one.
        """
        checked_prizes = list(prizes) if already_clean else [self._checked_prize(p) for p in prizes]
        decisions = self.decisions(ceremony_id)
        by_form: dict[AwardForm, Decision] = {}
        for d in decisions:
            by_form.setdefault(d.award_form, d)
        only = decisions[0] if len(decisions) == 1 else None
        created: list[Decision] = []
        with self.store.transaction() as db:
            for missing in sorted({f for _, f in awardees if f is not None} - set(by_form), key=lambda f: f.rank):
                d = Decision(ceremony_id=ceremony_id, award_form=missing)
                d.id = save_row(db, "decision", {"ceremony_id": ceremony_id, "award_form": missing.value}, 0)
                by_form[missing] = d
                created.append(d)
            checked = []
            for a, form in awardees:
                target: Decision | None = by_form[form] if form is not None else only
                if not already_clean:
                    a = cleaned(a, in_place=True)  # the caller hands its records over
                a.ceremony_id = ceremony_id
                a.decision_id = target.id if target else None
                if not a.name:
                    raise ValidationError("Chưa nhập họ và tên (hoặc tên tập thể).")
                if a.kind is AwardeeKind.COLLECTIVE:
                    a.position = ""
                checked.append(a)
            AWARDEES.insert(db, checked)
            PRIZES.insert(db, checked_prizes)
        for p, stored in zip(prizes, checked_prizes, strict=True):
            p.id, p.version = stored.id, stored.version
        self._wrote("awardee", checked)
        self._wrote("prize", checked_prizes)
        return created

    def remove_imported(self, batch: ImportedRecords) -> ImportedRecords:
        """Take an import back out whole (undo); returns exactly what was removed.

        A decision the import created goes too, unless something else has joined it since.
        """
        ceremony_id = batch.decisions[0].ceremony_id if batch.decisions else None
        current = {d.id: d for d in self.decisions(ceremony_id)} if ceremony_id is not None else {}
        with self.store.transaction() as db:
            # A row someone has changed since the import is not taken out: ConflictError.
            gone = ImportedRecords(
                AWARDEES.delete(db, [a.id for a in batch.awardees], {a.id: a.version for a in batch.awardees}),
                PRIZES.delete(db, [p.id for p in batch.prizes], {p.id: p.version for p in batch.prizes}),
                [],
            )
            for created in batch.decisions:
                in_use = db.execute(
                    "SELECT EXISTS (SELECT 1 FROM awardee WHERE decision_id = ?)"
                    " OR EXISTS (SELECT 1 FROM contest WHERE decision_id = ?)",
                    (created.id, created.id),
                ).fetchone()[0]
                if created.id in current and not in_use:
                    db.execute("DELETE FROM decision WHERE id = ?", (created.id,))
                    gone.decisions.append(current[created.id])
        return gone

    def restore_imported(self, batch: ImportedRecords) -> None:
        """Put back what remove_imported took out, with the same ids (redo), whole or not at all."""
        with self.store.transaction() as db:
            for d in batch.decisions:
                db.execute(
                    "INSERT INTO decision (id, ceremony_id, award_form, number, signed_on, issuer, signer_role,"
                    " signer_name, achievement) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (d.id, d.ceremony_id, d.award_form.value, d.number, iso_date(d.signed_on), d.issuer,
                     d.signer_role, d.signer_name, d.achievement),
                )  # fmt: skip
            AWARDEES.insert(db, list(batch.awardees))
            PRIZES.insert(db, list(batch.prizes))
        self._wrote("awardee", batch.awardees)
        self._wrote("prize", batch.prizes)


def _by_id(db, table: RecordTable, ids: Sequence[int]) -> dict:
    found: dict[int, Any] = {}
    for start in range(0, len(ids), 500):  # under SQLite's limit of bound values
        chunk = list(ids[start : start + 500])
        rows = db.execute(f"SELECT * FROM {table.table} WHERE id IN ({', '.join('?' * len(chunk))})", chunk)
        found.update((r["id"], table.from_row(r)) for r in rows)
    return found
