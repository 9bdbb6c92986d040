"""What a record is found by: its folded search text (accent-blind, "gpmb" finds "Giải
phóng mặt bằng"), and the key that tells two entries of the same person in the same unit."""

from __future__ import annotations

import functools

from models.domain import text
from models.domain.fields import short_name
from models.domain.records import Awardee, Prize

# Units, wards, fields and models repeat down a list: fold each distinct text once.
fold_part = functools.lru_cache(maxsize=65536)(text.fold)


def awardee_search_text(a: Awardee) -> str:
    # The field's short form too: "gpmb" finds "Giải phóng mặt bằng".
    parts = (a.name, a.position, a.unit, a.ward, a.field, short_name(a.field), a.model_name, a.notes, a.register_no)
    return text.FIELD_SEPARATOR.join(map(fold_part, parts))


def prize_search_text(p: Prize) -> str:
    parts = (p.authors, p.work_title, p.unit, p.notes, p.level.label, p.register_no)
    return text.FIELD_SEPARATOR.join(map(fold_part, parts))


def duplicate_key(name: str, unit: str) -> str:
    return f"{text.match_key(name)}|{text.match_key(unit)}"
