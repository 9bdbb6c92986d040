"""The MC's script of a ceremony as it stands in the book, and as a text file for Notepad."""

from __future__ import annotations

from pathlib import Path

from models.domain.script import Script, build_script
from models.repos.book import CeremonyBook
from models.repos.order_book import OrderBook
from models.storage.atomic import atomic_write


def ceremony_script(book: CeremonyBook, ceremony_id: int) -> Script:
    """The script of the ceremony's current order (saved, or the default one)."""
    current = OrderBook(book.store).current(book, ceremony_id)
    return build_script(book.ceremony(ceremony_id), current.order, current.entries, book.decisions(ceremony_id))


def write_script_text(script: Script, out: Path | str) -> None:
    # Windows line ends: the file is opened in Notepad or Word on the office laptop.
    with atomic_write(out) as f:
        f.write(script.as_text().replace("\n", "\r\n"))
