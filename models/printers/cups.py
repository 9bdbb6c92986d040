"""Printing through CUPS (Linux, macOS): the finished PDF itself goes to the queue.

CUPS takes PDF as it is, so text prints as sharp as the printer can make it and every
position is the PDF's own; nothing is rasterised here. The command-line tools (`lp`,
`lpstat`, `lpoptions`, `cancel`) are the documented interface and need no library. Windows
has no such queue for PDF: there the window draws the pages into the printer instead.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from models.errors import BookError

TIMEOUT_S = 30
# Tool output is parsed in English whatever the desktop's language.
_ENV = {**os.environ, "LC_ALL": "C", "LANG": "C"}


class PrinterError(BookError):
    """The print system refused or could not be reached."""


def available() -> bool:
    return os.name != "nt" and all(shutil.which(tool) for tool in ("lp", "lpstat", "lpoptions"))


def _run(*command: str) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S, env=_ENV, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PrinterError(f"Không gọi được hệ thống in ({command[0]}): {exc}.") from None
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip().splitlines()
        raise PrinterError(f"Hệ thống in từ chối: {said[-1] if said else command[0]}.")
    return done.stdout


def queues() -> list[str]:
    """The print queues this computer knows, by name."""
    if not available():
        return []
    try:
        return [line.strip() for line in _run("lpstat", "-e").splitlines() if line.strip()]
    except PrinterError:
        return []  # no scheduler running: no printers


@dataclass(frozen=True)
class QueueOptions:
    """What a queue's driver offers, as `lpoptions -l` lists it."""

    page_sizes: tuple[str, ...]
    input_slots: tuple[str, ...]

    @property
    def manual_slot(self) -> str:
        """The choice that feeds by hand (blank forms one at a time), or ""."""
        for slot in self.input_slots:
            if slot.lower() in ("manual", "manualfeed", "manual-feed", "bypass", "tray1manual"):
                return slot
        return next((s for s in self.input_slots if "manual" in s.lower()), "")

    def has_paper(self, paper: str) -> bool:
        """A3 is "A3"; a driver may also offer it as "A3.Fullbleed" and the like."""
        return any(size.split(".")[0].lower() == paper.lower() for size in self.page_sizes)


def options(queue: str) -> QueueOptions:
    listed = _run("lpoptions", "-p", queue, "-l")

    def choices(keyword: str) -> tuple[str, ...]:
        found = re.search(rf"^{keyword}/[^:]*:(.*)$", listed, re.MULTILINE)
        return tuple(c.lstrip("*") for c in found.group(1).split()) if found else ()

    return QueueOptions(choices("PageSize"), choices("InputSlot"))


def submit(
    pdf: Path,
    queue: str,
    *,
    paper: str,
    pages: str = "",
    copies: int = 1,
    manual_feed: str = "",
    title: str = "Vinh Danh",
) -> str:
    """Send (pages of) the PDF to the queue as it is; the job's id.

    Scaling is turned off both ways CUPS knows it: a "fit to page" slipping in would move
    every box on a blank form. `pages` is a CUPS page list ("1", "3-9")."""
    command = ["lp", "-d", queue, "-n", str(max(1, copies)), "-t", title, "-o", f"media={paper}"]
    command += ["-o", "print-scaling=none", "-o", "fit-to-page=false"]
    if pages:
        command += ["-P", pages]
    if manual_feed:
        command += ["-o", f"InputSlot={manual_feed}"]
    said = _run(*command, "--", str(pdf))
    found = re.search(r"request id is (\S+)", said)
    if not found:
        raise PrinterError(f"Hệ thống in không trả lời số lệnh in: {said.strip()}.")
    return found.group(1)


def pending(queue: str) -> list[str]:
    """Jobs of the queue not yet completed."""
    return [line.split()[0] for line in _run("lpstat", "-o", queue).splitlines() if line.strip()]


def cancel(job: str) -> None:
    _run("cancel", job)
