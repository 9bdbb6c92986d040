"""Operations on the records around the lists: ceremonies, decisions, contests (with their
quotas), fields and certificate templates. An undone add takes the record away, an undone
delete puts it back with its id, so the steps around it still fit."""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import partial

from models.domain import text
from models.domain.changes import Changes, Kind
from models.domain.records import AwardForm, Ceremony, Contest, Decision
from models.domain.templates import CertificateTemplate
from models.ops.base import Op
from models.ops.records import newest
from models.repos.book import CeremonyBook
from models.repos.print_book import PrintBook


class SaveRecord(Op):
    """A ceremony, decision or contest saved: undone, it goes back to what it was, or away
    if it was new; redone, it comes back with its id."""

    def __init__(
        self,
        kind: Kind,
        after,
        before,
        save: Callable,
        delete: Callable[[int], None],
        label: str,
        latest: Callable[[int], int | None] = lambda _id: None,
    ):
        self.kind, self.after, self.before, self.save, self.delete, self.label = (
            kind,
            after,
            before,
            save,
            delete,
            label,
        )
        self.held = after.version  # the version it was read at, until this app writes it
        self.latest = latest  # the version this app last wrote (another step may have)

    def _ceremony_id(self) -> int:
        return self.after.id if self.kind is Kind.CEREMONY else self.after.ceremony_id

    def _save(self, record):
        """Written over the version the book holds after this step's own last write: an
        undo or redo is refused (ConflictError) only if someone else saved in between."""
        record = copy.deepcopy(record)
        record.version = newest(self.latest(record.id) if record.id else None, self.held)
        saved = self.save(record)
        self.held = saved.version
        return saved

    def do(self) -> Changes:
        self.after = self._save(self.after)
        return Changes.of(self.kind, ceremony_id=self._ceremony_id())

    def undo(self) -> Changes:
        if self.before is None:
            self.delete(self.after.id)
        else:
            self._save(self.before)
        return Changes.of(self.kind, ceremony_id=self._ceremony_id())

    @classmethod
    def ceremony(cls, book: CeremonyBook, ceremony: Ceremony) -> SaveRecord:
        before = book.ceremony(ceremony.id) if ceremony.id else None
        label = f"sửa hội nghị “{text.clean(ceremony.title)}”" if before else "thêm hội nghị"
        latest = partial(book.latest_written, "ceremony")
        return cls(Kind.CEREMONY, ceremony, before, book.save_ceremony, book.delete_ceremony, label, latest)

    @classmethod
    def decision(cls, book: CeremonyBook, decision: Decision) -> SaveRecord:
        before = next((d for d in book.decisions(decision.ceremony_id) if d.id == decision.id), None)
        label = f"sửa quyết định {decision.number}".rstrip() if before else "thêm quyết định"
        latest = partial(book.latest_written, "decision")
        return cls(Kind.DECISION, decision, before, book.save_decision, book.delete_decision, label, latest)

    @classmethod
    def contest(cls, book: CeremonyBook, contest: Contest) -> SaveRecord:
        """A contest's title, decision, entries received and quotas of prizes."""
        before = next((c for c in book.contests(contest.ceremony_id) if c.id == contest.id), None)
        label = f"sửa cuộc thi “{text.clean(contest.title)}”" if before else "thêm cuộc thi"
        latest = partial(book.latest_written, "contest")
        return cls(Kind.CONTEST, contest, before, book.save_contest, book.delete_contest, label, latest)


class DeleteCeremony(Op):
    """A ceremony with everything in it: not undone (a backup is made first), and the
    history goes, since its steps name records that are no more."""

    undoable = False
    clears_history = True

    def __init__(self, book: CeremonyBook, ceremony_id: int):
        self.book, self.ceremony_id = book, ceremony_id
        self.label = "xóa hội nghị"

    def do(self) -> Changes:
        self.book.store.backup_now("truoc-xoa-hoi-nghi")
        self.book.delete_ceremony(self.ceremony_id)
        return Changes.of(
            Kind.CEREMONY, Kind.DECISION, Kind.CONTEST, Kind.AWARDEE, Kind.PRIZE, ceremony_id=self.ceremony_id
        )


class DeleteDecision(Op):
    def __init__(self, book: CeremonyBook, decision: Decision):
        self.book, self.decision = book, decision
        self.label = f"xóa {decision.label}"

    def do(self) -> Changes:
        self.book.delete_decision(self.decision.id)
        return Changes.of(Kind.DECISION, ceremony_id=self.decision.ceremony_id)

    def undo(self) -> Changes:
        self.book.save_decision(copy.copy(self.decision))
        return Changes.of(Kind.DECISION, ceremony_id=self.decision.ceremony_id)


class DeleteContest(Op):
    """A contest with its prizes; undone, both come back with their ids."""

    def __init__(self, book: CeremonyBook, contest: Contest):
        self.book, self.contest = book, contest
        self.prizes: list = []
        self.label = f"xóa cuộc thi “{contest.title}”"

    def do(self) -> Changes:
        self.prizes = self.book.prizes(self.contest.id)
        self.book.delete_contest(self.contest.id)
        return Changes.of(
            Kind.CONTEST, Kind.PRIZE, ceremony_id=self.contest.ceremony_id, removed=tuple(p.id for p in self.prizes)
        )

    def undo(self) -> Changes:
        self.book.save_contest(copy.deepcopy(self.contest))
        restored = self.book.add_prizes(copy.deepcopy(self.prizes))
        return Changes.of(Kind.CONTEST, Kind.PRIZE, ceremony_id=self.contest.ceremony_id, upserted=tuple(restored))


class AddField(Op):
    """A field typed that the office's list does not have yet joins it."""

    def __init__(self, book: CeremonyBook, name: str):
        self.book, self.name = book, name
        self.added = ""
        self.label = f"thêm lĩnh vực “{text.clean(name)}”"

    def do(self) -> Changes:
        known = set(self.book.fields())
        self.added = self.book.add_field(self.name)
        if self.added in known:
            self.added = ""  # it was there already: undo leaves the list alone
        return Changes.of(Kind.FIELD)

    def undo(self) -> Changes:
        if self.added:
            self.book.remove_field(self.added)
        return Changes.of(Kind.FIELD)


class SaveTemplate(Op):
    """A template edit made from `read`, the template as the dialog loaded it: saved, undone
    and redone only over what this step left, never over another organiser's save."""

    def __init__(
        self,
        prints: PrintBook,
        ceremony_id: int,
        form: AwardForm,
        template: CertificateTemplate,
        read: CertificateTemplate | None = None,
    ):
        self.prints, self.ceremony_id, self.form, self.after = prints, ceremony_id, form, template
        self.before = read if read is not None else prints.template(ceremony_id, form)
        self.label = f"sửa mẫu {form.label.lower()}"

    def do(self) -> Changes:
        self.after = self.prints.save_template(self.ceremony_id, self.form, copy.deepcopy(self.after), self.before)
        return Changes.of(Kind.TEMPLATE, ceremony_id=self.ceremony_id)

    def undo(self) -> Changes:
        self.before = self.prints.save_template(self.ceremony_id, self.form, copy.deepcopy(self.before), self.after)
        return Changes.of(Kind.TEMPLATE, ceremony_id=self.ceremony_id)
