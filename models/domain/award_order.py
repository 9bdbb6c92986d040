"""The award order of a ceremony: batches (đợt trao), who is in each, and who hands over.

Pure data and rules, no storage: order_book.py loads and saves, script.py words it.
Every operation keeps the rules: a batch holds one award form and at most
`batch_size` entries, and every entry is in exactly one batch.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from models.domain import order, text
from models.domain.records import Awardee, AwardeeKind, AwardForm, Contest, Decision, Prize, PrizeLevel, Ref
from models.errors import ValidationError

DEFAULT_BATCH_SIZE = 10
MAX_BATCH_SIZE = 50


@dataclass(frozen=True, slots=True)
class Entry:
    """One collective, person or prize winner called on stage."""

    ref: Ref
    form: AwardForm
    group: str  # entries of one decision or contest are batched together by default
    kind: AwardeeKind | None  # None for a contest prize
    name: str
    detail: str  # an individual's position and unit; a prize winner's unit
    level: PrizeLevel | None = None
    work: str = ""
    key: tuple = ()
    decision_id: int | None = None
    contest: str = ""  # the contest's title, for a prize

    @property
    def is_collective(self) -> bool:
        return self.kind is AwardeeKind.COLLECTIVE

    @property
    def spoken(self) -> str:
        """The line the MC reads for this entry."""
        if self.level is not None:
            line = f"{self.level.label} – {self.name}"
            if self.detail:
                line += f", {self.detail}"
            if self.work:
                line += f"; tác phẩm {text.quoted(self.work)}"
            return line
        return f"{self.name} – {self.detail}" if self.detail else self.name


@dataclass(slots=True)
class Batch:
    form: AwardForm
    refs: list[Ref] = field(default_factory=list)
    leader_name: str = ""
    leader_role: str = ""
    intro: str = ""  # the MC's own invitation; empty means the generated one

    @property
    def leader(self) -> str:
        """ "Lê Khắc Nam, Phó Chủ tịch UBND thành phố"."""
        return ", ".join(x for x in (self.leader_name, self.leader_role) if x)


@dataclass(slots=True)
class AwardOrder:
    ceremony_id: int
    batches: list[Batch] = field(default_factory=list)
    batch_size: int = DEFAULT_BATCH_SIZE
    opening: str = ""  # the MC's own opening; empty means the generated one
    closing: str = ""
    absent: set[Ref] = field(default_factory=set)
    live_step: int = 0  # where the ceremony screen was, to resume after a restart
    live_started: dt.datetime | None = None  # when the handing over began (the MC's clock)

    def refs(self) -> list[Ref]:
        return [ref for b in self.batches for ref in b.refs]

    def copy(self) -> AwardOrder:
        return replace(
            self,
            batches=[replace(b, refs=list(b.refs)) for b in self.batches],
            absent=set(self.absent),
        )

    def locate(self, ref: Ref) -> tuple[int, int]:
        for i, b in enumerate(self.batches):
            if ref in b.refs:
                return i, b.refs.index(ref)
        raise KeyError(ref)


# --- entries from the ceremony book --------------------------------------------------------


@dataclass(slots=True)
class Entries:
    by_ref: dict[Ref, Entry]
    unplaced: list[str]  # names that cannot be called: no decision yet

    def in_default_order(self) -> list[Entry]:
        return sorted(self.by_ref.values(), key=lambda e: e.key)


def entries_of(
    decisions: Iterable[Decision], awardees: Iterable[Awardee], contests: Iterable[tuple[Contest, list[Prize]]]
) -> Entries:
    """Who can be called, from a ceremony's records (repos.order_book.gather_entries reads them)."""
    by_id: dict[int | None, Decision] = {d.id: d for d in decisions}
    found: dict[Ref, Entry] = {}
    unplaced: list[str] = []
    for a in awardees:
        d = by_id.get(a.decision_id)
        if d is None:
            unplaced.append(a.name)
            continue
        individual = a.kind is AwardeeKind.INDIVIDUAL
        detail = ", ".join(x for x in (a.position, a.unit) if x) if individual else ""
        found[Ref.awardee(a.id)] = Entry(
            Ref.awardee(a.id),
            d.award_form,
            f"d{d.id}",
            a.kind,
            a.name,
            detail,
            key=order.awardee_key(a, d.award_form, d.id),
            decision_id=d.id,
        )
    for contest, prizes in contests:
        d = by_id.get(contest.decision_id)
        for p in prizes:
            if d is None:
                unplaced.append(p.authors)
                continue
            found[Ref.prize(p.id)] = Entry(
                Ref.prize(p.id),
                d.award_form,
                f"c{contest.id}",
                None,
                p.authors,
                p.unit,
                p.level,
                p.work_title,
                key=order.prize_key(p, d.award_form, d.id),
                decision_id=d.id,
                contest=contest.title,
            )
    return Entries(found, unplaced)


# --- the default order ---------------------------------------------------------------------


def check_batch_size(size: int) -> int:
    if not 1 <= size <= MAX_BATCH_SIZE:
        raise ValidationError(f"Số người mỗi đợt phải từ 1 đến {MAX_BATCH_SIZE} (đang là {size}).")
    return size


def _balanced(items: Sequence, size: int) -> list[list]:
    """Split into as few chunks of at most `size` as possible, as even as possible.

    63 with 10 a batch gives 9+9+9+9+9+9+9, not six of 10 and a lonely 3 on stage.
    """
    if not items:
        return []
    count = math.ceil(len(items) / size)
    base, extra = divmod(len(items), count)
    chunks, start = [], 0
    for i in range(count):
        end = start + base + (1 if i < extra else 0)
        chunks.append(list(items[start:end]))
        start = end
    return chunks


def default_order(ceremony_id: int, entries: Entries, batch_size: int = DEFAULT_BATCH_SIZE) -> AwardOrder:
    """Highest form first, prizes by level, collectives before individuals, then unit and name;
    one decision or contest per batch."""
    check_batch_size(batch_size)
    result = AwardOrder(ceremony_id, batch_size=batch_size)
    groups: list[list[Entry]] = []
    for entry in entries.in_default_order():
        if groups and groups[-1][0].group == entry.group:
            groups[-1].append(entry)
        else:
            groups.append([entry])
    for group in groups:
        for chunk in _balanced(group, batch_size):
            result.batches.append(Batch(chunk[0].form, [e.ref for e in chunk]))
    return result


# --- keeping a saved order true to the data ------------------------------------------------


@dataclass(slots=True)
class Reconciled:
    order: AwardOrder
    added: list[Entry]  # new since the order was saved, placed at the end of their form
    dropped: int  # deleted since, or no longer with a decision


def reconcile(saved: AwardOrder, entries: Entries) -> Reconciled:
    """The saved order with deleted entries dropped and new ones placed, rules kept."""
    result = saved.copy()
    dropped = 0
    for b in result.batches:
        kept = [r for r in b.refs if r in entries.by_ref and entries.by_ref[r].form is b.form]
        dropped += len(b.refs) - len(kept)
        b.refs = kept
    result.batches = [b for b in result.batches if b.refs]
    placed = set(result.refs())
    added = [e for e in entries.in_default_order() if e.ref not in placed]
    before = set(saved.refs())
    dropped -= sum(1 for e in added if e.ref in before)  # a form change is a move, not a loss
    for entry in added:
        _place(result, entry)
    result.absent &= set(result.refs())
    return Reconciled(result, added, dropped)


def _place(o: AwardOrder, entry: Entry) -> None:
    same = [i for i, b in enumerate(o.batches) if b.form is entry.form]
    if same and len(o.batches[same[-1]].refs) < o.batch_size:
        o.batches[same[-1]].refs.append(entry.ref)
        return
    if same:
        at = same[-1] + 1
    else:
        at = next((i for i, b in enumerate(o.batches) if b.form.rank > entry.form.rank), len(o.batches))
    o.batches.insert(at, Batch(entry.form, [entry.ref]))


# --- what the organiser does to it ---------------------------------------------------------


def _batch(o: AwardOrder, index: int) -> Batch:
    if not 0 <= index < len(o.batches):
        raise ValidationError(f"Không có đợt {index + 1}.")
    return o.batches[index]


def move_batch(o: AwardOrder, index: int, to: int) -> int:
    """Move a batch to position `to` (after removal); returns its new index."""
    _batch(o, index)
    batch = o.batches.pop(index)
    to = max(0, min(to, len(o.batches)))
    o.batches.insert(to, batch)
    return to


def move_entries(o: AwardOrder, refs: Iterable[Ref], to_batch: int, to_row: int) -> tuple[int, int]:
    """Move entries (in the order given) into a batch before row `to_row`; returns where the
    first one landed. Refused if it would mix award forms or overfill the batch."""
    refs = list(dict.fromkeys(refs))
    target = _batch(o, to_batch)
    for ref in refs:
        i, _ = o.locate(ref)
        if o.batches[i].form is not target.form:
            raise ValidationError(
                f"Không thể chuyển vào đợt {to_batch + 1}: đợt này trao {target.form.label}, "
                f"còn mục được chọn nhận {o.batches[i].form.label}."
            )
    incoming = [r for r in refs if r not in target.refs]
    if len(target.refs) + len(incoming) > o.batch_size:
        raise ValidationError(
            f"Đợt {to_batch + 1} đã có {len(target.refs)} người, thêm {len(incoming)} sẽ quá "
            f"{o.batch_size} người một đợt. Hãy tách đợt hoặc tăng số người mỗi đợt."
        )
    before = target.refs[:to_row]
    to_row -= sum(1 for r in before if r in refs)
    for ref in refs:
        i, row = o.locate(ref)
        del o.batches[i].refs[row]
    target.refs[to_row:to_row] = refs
    o.batches[:] = [b for b in o.batches if b.refs]  # a batch emptied by the move is gone
    return o.batches.index(target), to_row


def split_batch(o: AwardOrder, index: int, at_row: int) -> int:
    """Entries from `at_row` on become a new batch right after; the leader stays with both."""
    batch = _batch(o, index)
    if not 0 < at_row < len(batch.refs):
        raise ValidationError("Chọn một người ở giữa đợt: đợt mới bắt đầu từ người đó.")
    tail = replace(batch, refs=batch.refs[at_row:], intro="")
    del batch.refs[at_row:]
    o.batches.insert(index + 1, tail)
    return index + 1


def merge_with_next(o: AwardOrder, index: int) -> int:
    batch = _batch(o, index)
    if index + 1 >= len(o.batches):
        raise ValidationError(f"Đợt {index + 1} là đợt cuối, không có đợt sau để gộp.")
    nxt = o.batches[index + 1]
    if nxt.form is not batch.form:
        raise ValidationError(
            f"Không gộp được đợt {index + 1} ({batch.form.label}) với đợt {index + 2} ({nxt.form.label})."
        )
    if len(batch.refs) + len(nxt.refs) > o.batch_size:
        raise ValidationError(
            f"Gộp hai đợt sẽ có {len(batch.refs) + len(nxt.refs)} người, quá {o.batch_size} người một đợt."
        )
    batch.refs.extend(nxt.refs)
    if not batch.leader_name:
        batch.leader_name, batch.leader_role = nxt.leader_name, nxt.leader_role
    del o.batches[index + 1]
    return index


def set_leader(o: AwardOrder, indexes: Iterable[int], name: str, role: str) -> None:
    name, role = text.clean(name), text.clean(role)
    for prefix in ("đồng chí ", "đ/c ", "đc "):
        if name.casefold().startswith(prefix):
            name = name[len(prefix) :]
    for i in indexes:
        b = _batch(o, i)
        b.leader_name, b.leader_role = name, role


def set_batch_size(o: AwardOrder, size: int) -> None:
    """A smaller size splits the batches now over it, each part keeping its leader."""
    o.batch_size = check_batch_size(size)
    batches: list[Batch] = []
    for b in o.batches:
        if len(b.refs) <= size:
            batches.append(b)
            continue
        for n, chunk in enumerate(_balanced(b.refs, size)):
            batches.append(replace(b, refs=chunk, intro=b.intro if n == 0 else ""))
    o.batches = batches


def leaders_in_use(o: AwardOrder) -> list[tuple[str, str]]:
    seen: dict[tuple[str, str], None] = {}
    for b in o.batches:
        if b.leader_name:
            seen[(b.leader_name, b.leader_role)] = None
    return list(seen)
