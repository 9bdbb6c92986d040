"""Where a book lives: a SQLite file (the default, no server needed) or a PostgreSQL server.

Both stores offer the repositories the same things (read(), transaction(), version,
close()); BookStore names either, and open_store picks one from what the user gave.
"""

from __future__ import annotations

from pathlib import Path

from models.storage.pg_store import PgStore, is_server_url
from models.storage.store import Store

BookStore = Store | PgStore


def open_store(location: Path | str) -> BookStore:
    """A server address opens the book on the server; anything else is a file path."""
    if is_server_url(location):
        return PgStore(str(location))
    return Store(Path(location))
