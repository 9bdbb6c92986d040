"""The MC's script, worded from the award order.

The names to read always come from the order, so what is read on stage and the stack of
certificates cannot disagree; only the opening, the closing and a batch's invitation can
be reworded by hand.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from models.domain import text
from models.domain.award_order import AwardOrder, Batch, Entries, Entry
from models.domain.records import Ceremony, Decision, author_count

BLANK_LEADER = "……………………"


@dataclass(frozen=True, slots=True)
class ScriptBatch:
    number: int
    batch: Batch
    invitation: str
    entries: list[Entry]

    @property
    def heading(self) -> str:
        who = recipients(self.entries, plural=False)
        return f"Đợt {self.number}: {self.batch.form.label} – {len(self.entries)} {who}"


@dataclass(frozen=True, slots=True)
class Script:
    ceremony: Ceremony
    opening: str
    batches: list[ScriptBatch]
    closing: str

    def as_text(self) -> str:
        lines = ["KỊCH BẢN TRAO KHEN THƯỞNG", self.ceremony.title]
        when = when_line(self.ceremony)
        if when:
            lines.append(when)
        lines += ["", "I. CÔNG BỐ QUYẾT ĐỊNH", "", self.opening, ""]
        lines.append(f"II. TRAO KHEN THƯỞNG ({len(self.batches)} đợt, {count_phrase(self.all_entries())})")
        for sb in self.batches:
            lines += ["", sb.heading.upper(), sb.invitation]
            lines += [f"  {n}. {e.spoken}" for n, e in enumerate(sb.entries, 1)]
        lines += ["", "III. KẾT THÚC", "", self.closing, ""]
        return "\n".join(lines)

    def all_entries(self) -> list[Entry]:
        return [e for sb in self.batches for e in sb.entries]


def when_line(c: Ceremony) -> str:
    day = f"ngày {text.short_date(c.held_on)}" if c.held_on else ""
    return ", ".join(x for x in (c.place, day) if x)


def recipients(entries: list[Entry], *, plural: bool = True) -> str:
    """Who a batch is for: "các tập thể, cá nhân", "các tác giả", "tập thể"."""
    collectives = any(e.is_collective for e in entries)
    prizes = any(e.level is not None for e in entries)
    individuals = any(e.kind is not None and not e.is_collective for e in entries)
    if prizes and not (collectives or individuals):
        noun = "tác giả"
    elif collectives and not (individuals or prizes):
        noun = "tập thể"
    elif individuals and not (collectives or prizes):
        noun = "cá nhân"
    else:
        noun = "tập thể, cá nhân"
    return f"các {noun}" if plural and len(entries) > 1 else noun


def count_phrase(entries: list[Entry]) -> str:
    """ "42 tập thể, 21 cá nhân", "16 tác giả"; collectives first, as reports say it."""
    counts: Counter = Counter()
    for e in entries:  # authors are people: a work by two is two authors
        if e.level is not None:
            counts["tác giả"] += author_count(e.name)
        else:
            counts["tập thể" if e.is_collective else "cá nhân"] += 1
    return ", ".join(f"{counts[k]} {k}" for k in ("tập thể", "cá nhân", "tác giả") if counts[k]) or "0 tập thể, cá nhân"


def invitation(batch: Batch, entries: list[Entry]) -> str:
    leader = batch.leader or BLANK_LEADER
    return f"Trân trọng kính mời đồng chí {leader} lên trao {batch.form.label} cho {recipients(entries)} sau:"


def default_opening(ordered: list[Entry], decisions: Mapping[int | None, Decision]) -> str:
    lines = ["Kính thưa các đồng chí lãnh đạo, thưa các vị đại biểu!"]
    by_decision: dict[int | None, list[Entry]] = {}
    for e in ordered:
        by_decision.setdefault(e.decision_id, []).append(e)
    for n, (decision_id, group) in enumerate(by_decision.items()):
        d = decisions.get(decision_id)
        reference = d.reference if d else "Quyết định khen thưởng"
        contests = list(dict.fromkeys(e.contest for e in group if e.contest))
        whom = count_phrase(group)
        if contests:
            whom += " đạt giải " + ", ".join(text.contest_phrase(c) for c in contests)
        lead = "Tiếp theo" if n else "Sau đây"
        lines.append(f"{lead}, xin trân trọng công bố {reference} về việc tặng {group[0].form.label} cho {whom}.")
    return "\n".join(lines)


def default_closing(ordered: list[Entry]) -> str:
    who = recipients(ordered) if ordered else "các tập thể, cá nhân"
    return (
        f"Một lần nữa, xin nhiệt liệt chúc mừng {who} vừa được khen thưởng.\n"
        "Kính chúc các đồng chí lãnh đạo, các vị đại biểu mạnh khỏe, hạnh phúc và thành công!"
    )


def build_script(ceremony: Ceremony, o: AwardOrder, entries: Entries, decisions: list[Decision]) -> Script:
    batches = []
    for number, b in enumerate(o.batches, 1):
        listed = [entries.by_ref[r] for r in b.refs if r in entries.by_ref]
        batches.append(ScriptBatch(number, b, b.intro or invitation(b, listed), listed))
    ordered = [e for sb in batches for e in sb.entries]
    return Script(
        ceremony,
        o.opening or default_opening(ordered, {d.id: d for d in decisions}),
        batches,
        o.closing or default_closing(ordered),
    )
