"""The ceremony as it runs: which step is on stage, who is absent, whether the hall sees black.

One Show is shared by the MC's screen and the audience screen, so they cannot disagree.
Step 0 is the opening (the decisions are read), steps 1..n are the batches, n+1 closes.
No Qt here: the window only turns keys into these calls and paints what they answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from models.domain.award_order import Entry
from models.domain.records import Ref
from models.domain.script import Script, ScriptBatch


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
        return moved

    def advance(self) -> bool:
        return self.go(self.step + 1)

    def back(self) -> bool:
        return self.go(self.step - 1)

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
        return True

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
        return self.slide_at(self.step)

    def slide_at(self, step: int) -> Slide:
        """What the hall would see at a step (not blanked)."""
        title = self.script.ceremony.title
        sb = self.batch_at(step)
        if sb is None:
            if step == 0:
                return Slide(title, "Công bố quyết định khen thưởng")
            return Slide(title, "Xin chúc mừng các tập thể, cá nhân được khen thưởng!")
        names = tuple((e.name, _detail(e)) for e in self.present(sb))
        return Slide(title, sb.batch.form.label.upper(), names)


def _detail(e: Entry) -> str:
    if e.level is not None:
        return ", ".join(x for x in (e.level.label, e.detail) if x)
    return e.detail
