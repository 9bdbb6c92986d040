"""A model's field (lĩnh vực) by its full name, with the short form the offices also write.

Lists show "Giải phóng mặt bằng" beside "Bảo vệ môi trường", not "GPMB" beside it; the short
form stays where space is tight (a table column). What a clerk types or a list brings in
short is stored in full, in sight: the form and the table show it at once, an import says so.
"""

from __future__ import annotations

import functools

from models.domain import text

# Full name -> the short form used in the offices' lists and the seed reports.
SHORT = {
    "Văn hóa – xã hội": "VH-XH",
    "Bảo vệ môi trường": "BVMT",
    "Giải phóng mặt bằng": "GPMB",
    "Trật tự đô thị": "TTĐT",
}


def _key(field: str) -> str:
    return "".join(ch for ch in text.fold(field) if ch.isalnum())


_FULL = {_key(name): full for full, short in SHORT.items() for name in (full, short)}


@functools.lru_cache(maxsize=1024)
def full_name(field: str) -> str:
    """ "GPMB", "gpmb", "VH - XH", "Văn hoá - xã hội" -> the full name; anything else as it is."""
    return _FULL.get(_key(field), field) if field else field


def short_name(field: str) -> str:
    return SHORT.get(full_name(field), field)
