"""The position test for blank forms: one sheet per award form whose every field carries the
longest text the run gives it, printed on plain paper with the field boxes outlined, to be
held against a pre-printed form on a window pane before the stack goes in."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from certificates.content import Certificate

FIELDS = (
    "issuer", "lead", "name", "detail", "model", "achievement", "date_line",
    "signer_role", "signer_name", "reference", "register_no",
)  # fmt: skip


def test_sheets(certificates: Sequence[Certificate]) -> list[Certificate]:
    """Per award form, in the run's order: the first certificate with each field at its longest."""
    groups: dict = {}
    for c in certificates:
        groups.setdefault(c.form, []).append(c)
    return [
        dataclasses.replace(group[0], **{f: max((getattr(c, f) for c in group), key=len) for f in FIELDS})
        for group in groups.values()
    ]
