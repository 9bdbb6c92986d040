"""Measuring helpers shared by the benchmark scripts (no Qt, so any script may import them)."""

from __future__ import annotations

import sys


def peak_memory_mib() -> float | None:
    """This process's peak resident memory, or None where the OS does not say (Windows)."""
    try:
        import resource
    except ImportError:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / (1024 if sys.platform == "darwin" else 1)
