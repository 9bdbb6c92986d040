"""The ceremony as it runs: which step is on stage, who is absent, whether the hall sees black.

One Show is shared by the MC's screen and the audience screen, so they cannot disagree.
Step 0 is the opening (the decisions are read), steps 1..n are the batches, n+1 closes.
No Qt here: the window only turns keys into these calls and paints what they answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from models.domain.award_order import Entry
from models.domain.records import AwardForm, PrizeLevel, Ref
from models.domain.script import Script, ScriptBatch

# In one-at-a-time mode these are handed over one by one, each name alone on the hall screen.
ONE_BY_ONE_FORMS = {AwardForm.BANG_KHEN}
TOP_PRIZES = {PrizeLevel.SPECIAL, PrizeLevel.A}


@dataclass(frozen=True, slots=True)
class Slide:
    """What the hall sees."""

    title: str  # the ceremony
    heading: str  # "BẰNG KHEN" or a line for the opening and closing
    names: tuple[tuple[str, str], ...] = ()  # (name, position and unit) of those on stage
    blank: bool = False


@dataclass(slots=True)
class Show:
    script: Script
    absent: set[Ref] = field(default_factory=set)
    step: int = 0
    blanked: bool = False
    # Bằng khen and top prizes one person at a time on the hall screen (the MC's still
    # shows the batch); `person` is who of the batch's present people is on stage.
    one_at_a_time: bool = False
    person: int = 0
    # Added to the running show after it started (an awardee entered late): "bổ sung" to the MC.
    late: set[Ref] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.step = max(0, min(self.step, self.last_step))

    # --- where we are ---------------------------------------------------------------------

    @property
    def batch_count(self) -> int:
        return len(self.script.batches)

    @property
    def last_step(self) -> int:
        return self.batch_count + 1

    def batch_at(self, step: int) -> ScriptBatch | None:
        return self.script.batches[step - 1] if 1 <= step <= self.batch_count else None

    @property
    def current(self) -> ScriptBatch | None:
        return self.batch_at(self.step)

    @property
    def following(self) -> ScriptBatch | None:
        return self.batch_at(self.step + 1)

    def step_label(self, step: int) -> str:
        if step == 0:
            return "Mở đầu – công bố quyết định"
        if step == self.last_step:
            return "Kết thúc"
        sb = self.script.batches[step - 1]
        return f"Đợt {step}: {sb.batch.form.label}, {len(sb.entries)} người"

    @property
    def progress(self) -> str:
        if self.step == 0:
            return f"Mở đầu · {self.batch_count} đợt"
        if self.step == self.last_step:
            return f"Kết thúc · {self.batch_count}/{self.batch_count} đợt"
        return f"Đợt {self.step}/{self.batch_count}"

    # --- moving ---------------------------------------------------------------------------

    def go(self, step: int) -> bool:
        """Go to a step, clamped to the show; True if it moved."""
        step = max(0, min(step, self.last_step))
        moved = step != self.step
        self.step = step
        if moved:
            self.person = 0
        return moved

    def one_by_one(self, sb: ScriptBatch | None) -> bool:
        """Whether this batch is handed over one person at a time now."""
        if not self.one_at_a_time or sb is None or not sb.entries:
            return False
        return sb.batch.form in ONE_BY_ONE_FORMS or all(e.level in TOP_PRIZES for e in sb.entries)

    def advance(self) -> bool:
        sb = self.current
        if sb is not None and self.one_by_one(sb) and self.person < len(self.present(sb)) - 1:
            self.person += 1
            return True
        return self.go(self.step + 1)

    def back(self) -> bool:
        if self.one_by_one(self.current) and self.person > 0:
            self.person -= 1
            return True
        moved = self.go(self.step - 1)
        sb = self.current
        if moved and sb is not None and self.one_by_one(sb):
            self.person = max(0, len(self.present(sb)) - 1)  # back to the last one handed over
        return moved

    def toggle_one_at_a_time(self) -> None:
        self.one_at_a_time = not self.one_at_a_time
        self.person = 0

    def on_stage(self) -> Entry | None:
        """In one-by-one mode, the person the hall sees now."""
        sb = self.current
        if sb is None or not self.one_by_one(sb):
            return None
        present = self.present(sb)
        return present[min(self.person, len(present) - 1)] if present else None

    def jump_to_batch(self, number: int) -> str:
        """Go to batch `number`; an empty answer means done, else what to tell the MC."""
        if not 1 <= number <= self.batch_count:
            return f"Không có đợt {number} (có {self.batch_count} đợt)."
        self.go(number)
        return ""

    def toggle_blank(self) -> None:
        self.blanked = not self.blanked

    def toggle_absent(self, ref: Ref) -> bool:
        """Mark or unmark; returns whether the entry is now absent."""
        if ref in self.absent:
            self.absent.discard(ref)
            return False
        self.absent.add(ref)
        sb = self.current
        if sb is not None:  # one by one, the person on stage stays within those present
            self.person = max(0, min(self.person, len(self.present(sb)) - 1))
        return True

    def replace_script(self, script: Script) -> tuple[list[Entry], list[Entry]]:
        """The book changed while the show runs: go on with its new script, on the same
        step (a late awardee joins the end of a batch of their form). Those added are marked
        late; those gone leave the screens and the absences. Returns (added, removed)."""
        before = {e.ref: e for e in self.script.all_entries()}
        now = {e.ref: e for e in script.all_entries()}
        added = [e for ref, e in now.items() if ref not in before]
        removed = [e for ref, e in before.items() if ref not in now]
        self.script = script
        self.late |= {e.ref for e in added}
        self.late &= set(now)
        self.absent &= set(now)
        self.step = max(0, min(self.step, self.last_step))
        sb = self.current
        self.person = max(0, min(self.person, len(self.present(sb)) - 1)) if sb is not None else 0
        return added, removed

    # --- what is shown --------------------------------------------------------------------

    def present(self, sb: ScriptBatch) -> list[Entry]:
        return [e for e in sb.entries if e.ref not in self.absent]

    def absentees(self) -> list[Entry]:
        """Those marked absent, in award order: read out or handed over at the end."""
        return [e for e in self.script.all_entries() if e.ref in self.absent]

    def slide(self) -> Slide:
        title = self.script.ceremony.title
        if self.blanked:
            return Slide(title, "", blank=True)
        return self.slide_at(self.step, self.person)

    def slide_at(self, step: int, person: int = 0) -> Slide:
        """What the hall would see at a step (not blanked); in one-by-one mode, with that
        person of the batch alone."""
        title = self.script.ceremony.title
        sb = self.batch_at(step)
        if sb is None:
            if step == 0:
                return Slide(title, "Công bố quyết định khen thưởng")
            return Slide(title, "Xin chúc mừng các tập thể, cá nhân được khen thưởng!")
        present = self.present(sb)
        heading = sb.batch.form.label.upper()
        if self.one_by_one(sb) and present:
            i = max(0, min(person, len(present) - 1))
            return Slide(title, f"{heading} · {i + 1}/{len(present)}", ((present[i].name, _detail(present[i])),))
        names = tuple((e.name, _detail(e)) for e in present)
        return Slide(title, heading, names)


def _detail(e: Entry) -> str:
    if e.level is not None:
        return ", ".join(x for x in (e.level.label, e.detail) if x)
    return e.detail
