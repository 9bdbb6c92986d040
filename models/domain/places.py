"""Place names inside other fields: the ward a unit names ("Tổ dân phố số 9, phường Thạch
Bàn" is in Thạch Bàn), so the statistics by ward do not fill up with "(chưa ghi)"."""

from __future__ import annotations

import functools
import re

# "phường X", "xã X", "thị trấn X", "P. X", up to a comma, a bracket, a dash or the
# district or city that follows ("…, quận Long Biên").
_WARD_IN_UNIT = re.compile(
    r"(?:^|[\s,;(])(?P<kind>phường|xã|thị trấn|p\.)\s*(?P<name>[^\s,;()–-][^,;()–]*?)"
    r"\s*(?=$|[,;()–]|\s-\s|\s(?:quận|huyện|thị xã|thành phố|tp\.?|tỉnh)\s)",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=8192)
def ward_in_unit(unit: str) -> str:
    """The ward a unit names, as a ward is stored ("Thạch Bàn"; "Phường 5" for a numbered
    ward, "Xã Bát Tràng" for a commune); "" when it names none."""
    found = _WARD_IN_UNIT.search(unit)
    if not found:
        return ""
    kind, name = found["kind"].lower(), found["name"].strip()
    if name.isupper():
        name = " ".join(w.capitalize() for w in name.split())
    if kind in ("phường", "p.") and not name.isdigit():
        return name
    return f"{kind.capitalize()} {name}" if kind != "p." else f"Phường {name}"
