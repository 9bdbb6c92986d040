"""Vietnamese typed the old way, made with tables that are not the app's own.

TCVN3 comes from glibc's iconv (TCVN5712-1, whose bytes 0xA1-0xFF are the .VnTime letters);
VNI from tests/fixtures/vni_windows.tsv, a public converter's table. As an office typed it:
under TCVN3 a capital with a tone has no place in .VnTime, so it is typed as its small
letter in .VnTimeH, a run of its own inside the cell.
"""

from __future__ import annotations

import functools
import subprocess
import unicodedata
from pathlib import Path

TIME, TIME_H = ".VnTime", ".VnTimeH"
_IN_VNTIME = "ĂÂÊÔƠƯĐ"  # the capitals .VnTime itself has


@functools.cache
def _tcvn3_byte(ch: str) -> str:
    done = subprocess.run(["iconv", "-f", "UTF-8", "-t", "TCVN5712-1"], input=ch.encode(), capture_output=True)
    assert done.returncode == 0 and len(done.stdout) == 1, f"iconv has no TCVN3 byte for {ch!r}"
    return done.stdout.decode("latin-1")


def tcvn3_runs(text: str) -> list[tuple[str, str]]:
    """(text as Excel shows it, font) runs: .VnTime, with each toned capital in .VnTimeH."""
    runs: list[list[str]] = []
    for ch in unicodedata.normalize("NFC", text):
        if ch.isascii():
            shown, font = ch, TIME
        elif ch.isupper() and ch not in _IN_VNTIME:
            shown, font = _tcvn3_byte(ch.lower()), TIME_H
        else:
            shown, font = _tcvn3_byte(ch), TIME
        if runs and runs[-1][1] == font:
            runs[-1][0] += shown
        else:
            runs.append([shown, font])
    return [(t, f) for t, f in runs]


def tcvn3(text: str) -> str:
    """Text with no toned capital, all in .VnTime."""
    runs = tcvn3_runs(text)
    assert all(font == TIME for _, font in runs), f"{text!r} needs .VnTimeH runs"
    return "".join(t for t, _ in runs)


@functools.cache
def _vni_table() -> dict[str, str]:
    table = {}
    for line in (Path(__file__).parent / "fixtures" / "vni_windows.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            letter, shown = line.split("\t")
            table[letter] = shown
    assert len(table) == 134
    return table


def vni(text: str) -> str:
    table = _vni_table()
    return "".join(table.get(ch, ch) for ch in unicodedata.normalize("NFC", text))
