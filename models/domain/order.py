"""The default award order: who is called, and whose certificate comes, first.

Higher award form first (Bằng khen, Giấy khen, then contest certificates); prizes by
level (Đặc biệt, A, B, C, Khuyến khích); one decision's list (or contest's) kept together,
as the decision is read; collectives before individuals; then by unit; then collectives
by name and people in the official order (given name first).
"""

from __future__ import annotations

from models.domain import text
from models.domain.records import Awardee, AwardeeKind, AwardForm, Prize


def awardee_key(a: Awardee, form: AwardForm, group: int = 0) -> tuple:
    """`group`: the decision's id, so each decision's list stays together."""
    collective = a.kind is AwardeeKind.COLLECTIVE
    name = text.sort_key(a.name) if collective else text.person_sort_key(a.name)
    return (form.rank, -1, group, 0 if collective else 1, text.sort_key(a.unit), name, a.id or 0)


def prize_key(p: Prize, form: AwardForm, group: int = 0) -> tuple:
    """`group`: the decision's id; prizes of one level stay together across decisions."""
    # The first author leads a group: the group is listed under their name.
    first_author = p.authors.split(",")[0]
    return (form.rank, p.level.rank, group, 1, text.sort_key(p.unit), text.person_sort_key(first_author), p.id or 0)
