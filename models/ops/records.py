"""Operations on the lists: awardees and prizes added, edited (one or many), deleted, or
imported from a ward's file as one step. Awardees and prizes share the code: a
RecordStore says how one kind is written."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from functools import partial
from typing import Any

from models.domain.changes import Changes, Kind
from models.errors import ConflictError
from models.importing import importer
from models.importing.planned import ImportPlan
from models.ops.base import Op
from models.repos.book import CeremonyBook, ImportedRecords


@dataclass(frozen=True)
class RecordStore:
    kind: Kind
    add: Callable[[list[Any]], list[Any]]
    update: Callable[[Any], Any]
    delete: Callable[..., list[Any]]  # (ids, versions): none deleted if one changed since
    latest: Callable[[int], int | None]  # the version this app last wrote of a record, if any
    update_many: Callable[[list[Any]], list[Any]] | None = None

    @classmethod
    def awardees(cls, book: CeremonyBook) -> RecordStore:
        latest = partial(book.latest_written, "awardee")
        return cls(
            Kind.AWARDEE, book.add_awardees, book.update_awardee, book.delete_awardees, latest, book.update_awardees
        )

    @classmethod
    def prizes(cls, book: CeremonyBook) -> RecordStore:
        return cls(
            Kind.PRIZE, book.add_prizes, book.update_prize, book.delete_prizes, partial(book.latest_written, "prize")
        )

    def held(self, record) -> int:
        """The version to write over: the newer of this app's own last write of it (an
        undone delete put it back as a newer one) and the version it was read at (a page
        re-read after another clerk's save). Versions only grow."""
        return newest(self.latest(record.id) if record.id else None, record.version)


def _upserted(store: RecordStore, records: list) -> Changes:
    return Changes.of(store.kind, upserted=tuple(records))


def _removed(store: RecordStore, ids: list[int]) -> Changes:
    return Changes.of(store.kind, removed=tuple(ids))


def newest(latest: int | None, held: int) -> int:
    return held if latest is None else max(latest, held)


def _versions(store: RecordStore, records: list) -> dict[int, int]:
    return {r.id: store.held(r) for r in records}


def _at(store: RecordStore, records: list) -> list:
    """The records as to be written over the versions the book holds after this app's own
    last write: an undo or redo is refused only if someone else saved in between."""
    return [replace(r, version=store.held(r)) for r in records]


class AddRecords(Op):
    def __init__(self, store: RecordStore, records: list, label: str):
        self.store, self.records, self.label = store, records, label

    def do(self) -> Changes:
        self.records = self.store.add(self.records)  # a redo keeps the ids of the first time
        return _upserted(self.store, self.records)

    def undo(self) -> Changes:
        ids = [r.id for r in self.records]
        self.store.delete(ids, _versions(self.store, self.records))
        return _removed(self.store, ids)


def merged(base, mine, theirs) -> tuple[Any, list[str]]:
    """Mine and theirs, both edited from base: each field as whoever changed it has it.
    Returns the merge (at their version) and the fields both changed differently."""
    result = replace(theirs)
    clashes = []
    for f in fields(base):
        if f.name in ("id", "version"):
            continue
        b, m, t = getattr(base, f.name), getattr(mine, f.name), getattr(theirs, f.name)
        if m != b:
            if t != b and t != m:
                clashes.append(f.name)
            setattr(result, f.name, m)
    return result, clashes


class EditRecord(Op):
    def __init__(self, store: RecordStore, before, after, label: str):
        self.store, self.before, self.after, self.label = store, before, after, label
        self.held = after.version  # the version it was read at, until this app writes it
        self.merged_with: str = ""  # said when another clerk's edit of other fields was kept

    def _write(self, record) -> Changes:
        written = self.store.update(replace(record, version=newest(self.store.latest(record.id), self.held)))
        self.held = written.version
        return _upserted(self.store, [written])

    def do(self) -> Changes:
        try:
            changes = self._write(self.after)
        except ConflictError as exc:
            # Someone saved since: if we changed different fields, both edits stand.
            theirs: Any = exc.theirs
            if theirs is None:  # deleted meanwhile: nothing to merge with
                raise
            together, clashes = merged(self.before, self.after, theirs)
            if clashes or self.merged_with:
                raise
            self.before = theirs  # an undo takes back only ours
            written = self.store.update(replace(together, version=theirs.version))
            self.held = written.version
            changes = _upserted(self.store, [written])
            self.merged_with = exc.headline
        self.after = changes.upserted[0]
        return changes

    def undo(self) -> Changes:
        return self._write(self.before)


class EditRecords(Op):
    """Several records changed at once (a decision, field or ward set on a selection): one
    transaction, one step."""

    def __init__(self, store: RecordStore, before: list, after: list, label: str):
        if store.update_many is None:
            raise ValueError(f"{store.kind} records are not edited many at once")
        self.update_many = store.update_many
        self.store, self.before, self.after, self.label = store, before, after, label

    def _write(self, records: list) -> list:
        return self.update_many(_at(self.store, records))

    def do(self) -> Changes:
        self.after = self._write(self.after)
        return _upserted(self.store, self.after)

    def undo(self) -> Changes:
        return _upserted(self.store, self._write(self.before))


class DeleteRecords(Op):
    """Deleting the records as the clerk saw them: if someone has changed one since, none
    is deleted and the clerk is told what changed."""

    def __init__(self, store: RecordStore, records: list, label: str):
        self.store, self.ids, self.label = store, [r.id for r in records], label
        self.seen = _versions(store, records)
        self.gone: list = []

    def do(self) -> Changes:
        self.gone = self.store.delete(self.ids, self.seen)
        return _removed(self.store, self.ids)

    def undo(self) -> Changes:
        self.gone = self.store.add(self.gone)  # back as the next version of each
        self.seen = _versions(self.store, self.gone)
        return _upserted(self.store, self.gone)


class ImportList(Op):
    """An import as one step: undo takes the whole list back out, decisions it made too."""

    def __init__(self, book: CeremonyBook, plan: ImportPlan):
        self.book, self.plan = book, plan
        self.label = f"nhập {len(plan.included)} mục từ “{plan.file.name}”"
        self.result: importer.ImportResult | None = None
        self.removed: ImportedRecords | None = None

    def _changes(self) -> Changes:
        kinds = [Kind.PRIZE if self.plan.for_prizes else Kind.AWARDEE]
        if self.result is not None and self.result.created:
            kinds.append(Kind.DECISION)
        # Many rows at once: the lists are read again rather than patched.
        return Changes(frozenset(kinds), self.plan.ceremony_id, wholesale=True)

    def do(self) -> Changes:
        self.result = importer.apply(self.book, self.plan)
        return self._changes()

    def redo(self) -> Changes:
        if self.removed is not None:  # redo follows an undo, which kept what it took out
            self.book.restore_imported(self.removed)
        return self._changes()

    def undo(self) -> Changes:
        if self.result is not None and self.result.records is not None:
            self.removed = self.book.remove_imported(self.result.records)
        return self._changes()
