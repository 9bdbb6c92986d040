"""The sample book written as a file (the `demo` command): built aside, moved in whole."""

from __future__ import annotations

import os
from pathlib import Path

from models.errors import BookError
from models.repos.book import CeremonyBook
from models.sample.ceremonies import build_sample
from models.storage.paths import check_book_path
from models.storage.store import Store


def write_sample_database(path, *, force: bool = False) -> dict[str, int]:
    """Build the sample in a temporary file and move it into place only when complete."""
    path = Path(path)
    check_book_path(path)
    if path.exists() and path.stat().st_size > 0:
        if not force:
            raise BookError(f"Tệp “{path}” đã có. Dùng --force để ghi đè (tệp cũ sẽ được sao lưu trước).")
        Store(path).close()  # integrity check, a backup, and a checkpoint that empties the WAL
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.dang-tao")
    for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        leftover.unlink(missing_ok=True)
    store = Store(tmp, backups=False)
    try:
        book = CeremonyBook(store)
        ceremonies = build_sample(book)
        counts = {
            "ceremonies": len(ceremonies),
            "awardees": sum(len(book.awardees(c.id)) for c in ceremonies),
            "prizes": sum(len(book.prizes(k.id)) for c in ceremonies for k in book.contests(c.id)),
        }
    except BaseException:
        store.close()
        tmp.unlink(missing_ok=True)
        raise
    store.close()
    for side in ("-wal", "-shm"):
        Path(f"{path}{side}").unlink(missing_ok=True)
    os.replace(tmp, path)
    return counts
