"""What a write changed, said once by whoever made it: the window's pages (and, with a
shared server, other clerks' changes) are told through this one description."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    CEREMONY = "ceremony"
    DECISION = "decision"
    CONTEST = "contest"  # its title, decision, entries received, quotas
    AWARDEE = "awardee"
    PRIZE = "prize"
    ORDER = "order"  # the award order as arranged (absences and the step once a show ends)
    LIVE = "live"  # the ceremony screens during a show: an absence marked, the step reached
    TEMPLATE = "template"
    FIELD = "field"
    PRINT = "print"  # register numbers given, a print run logged


@dataclass(frozen=True, slots=True)
class Changes:
    kinds: frozenset[Kind] = frozenset()
    ceremony_id: int | None = None  # None: not tied to one ceremony, or unknown
    upserted: tuple = ()  # records as saved now (awardees or prizes, by kinds)
    removed: tuple[int, ...] = ()  # ids of records gone
    wholesale: bool = False  # the lists of these kinds changed too much to patch: re-read them
    everything: bool = False  # read it all again (the book was reopened, an undo failed)
    by: str = ""  # who made it when not this window (another clerk on the server)

    @classmethod
    def of(cls, *kinds: Kind, ceremony_id: int | None = None, **rest) -> Changes:
        return cls(frozenset(kinds), ceremony_id, **rest)

    def touches(self, *kinds: Kind) -> bool:
        return self.everything or not self.kinds.isdisjoint(kinds)


ALL = Changes(everything=True)
# What a page listing a ceremony's records re-reads after.
RECORDS = (Kind.AWARDEE, Kind.PRIZE, Kind.DECISION, Kind.CONTEST)
