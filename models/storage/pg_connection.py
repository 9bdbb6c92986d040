"""A PostgreSQL connection that speaks to the repositories as sqlite3 does.

The repositories are written once, in the SQL both engines share (RETURNING, IS DISTINCT
FROM, ON CONFLICT … DO UPDATE, string_agg is not needed): what differs is only the
spelling of parameters ("?" here, "%s" for psycopg) and how a row is read (by position and
by column name, as sqlite3.Row allows). That translation is all this module does, so that
psycopg (LGPL) stays one replaceable file away from the rest; it is imported only when a
book lives on a server.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import psycopg

from models.errors import StorageError

ENGINE = "postgresql"


_NAMED = re.compile(r"(?<!:):([A-Za-z_]\w*)")


@functools.lru_cache(maxsize=1024)
def to_format(sql: str, named: bool = False) -> str:
    """'?' parameters become '%s' (':name' ones '%(name)s'), a literal '%' becomes '%%';
    quoted text is left alone."""
    out: list[str] = []
    for part in re.split(r"('[^']*'|\"[^\"]*\")", sql):
        if part[:1] in ("'", '"'):
            out.append(part.replace("%", "%%"))
            continue
        part = part.replace("%", "%%").replace("?", "%s")
        if named:
            part = _NAMED.sub(r"%(\1)s", part)
        out.append(part)
    return "".join(out)


class Row(tuple):
    """A result row read by position or by column name, like sqlite3.Row."""

    _index: dict[str, int]

    def __new__(cls, values: Sequence[Any], index: dict[str, int]) -> Row:
        row = super().__new__(cls, values)
        row._index = index
        return row

    def __getitem__(self, key):
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


def _named_rows(cursor: psycopg.Cursor) -> Any:
    description = cursor.description
    if description is None:
        return tuple
    index = {column.name: i for i, column in enumerate(description)}
    return lambda values: Row(values, index)


def _plain_rows(cursor: psycopg.Cursor) -> Any:
    return tuple


class Cursor:
    """What the repositories use of a sqlite3 cursor."""

    def __init__(self, raw: psycopg.Cursor, label: str = "", named: bool = True):
        self._raw = raw
        self._label = label
        self._named = named

    @property
    def row_factory(self) -> object:
        return Row if self._named else None

    @row_factory.setter
    def row_factory(self, factory: object) -> None:
        # sqlite3's idiom for plain tuples is row_factory = None
        self._named = factory is not None
        self._raw.row_factory = _named_rows if self._named else _plain_rows

    def execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> Cursor:
        # Without parameters psycopg sends the text as it is: no '%' doubling then.
        try:
            if isinstance(params, Mapping):
                self._raw.execute(to_format(sql, named=True), dict(params))
            else:
                self._raw.execute(to_format(sql) if params else sql, tuple(params) if params else None)
        except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
            raise self._lost(exc) from None
        return self

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Cursor:
        try:
            self._raw.executemany(to_format(sql), [tuple(r) for r in rows])
        except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
            raise self._lost(exc) from None
        return self

    def _lost(self, exc: Exception) -> StorageError:
        return StorageError(
            f"Mất kết nối với máy chủ “{self._label}” ({type(exc).__name__}): việc vừa rồi chưa xong, "
            "chưa có gì được ghi. Ứng dụng sẽ kết nối lại; hãy làm lại sau giây lát."
        )

    def fetchone(self) -> Any:
        return self._raw.fetchone()

    def fetchall(self) -> list[Any]:
        return self._raw.fetchall()

    def __iter__(self) -> Iterator[Any]:
        return iter(self._raw)

    @property
    def rowcount(self) -> int:
        return self._raw.rowcount

    @property
    def description(self) -> list[tuple]:
        """(name, type, …) per column, as sqlite3 gives it."""
        return [(c.name, c.type_code) for c in self._raw.description or ()]

    @property
    def lastrowid(self) -> int:
        raise TypeError("use INSERT … RETURNING id: a server has no last row id")


class Connection:
    """The one connection a PgStore holds, in autocommit between its transactions."""

    engine = ENGINE

    def __init__(self, raw: psycopg.Connection, label: str = ""):
        self.raw = raw
        self.label = label
        self.user: str = raw.info.user  # who saves: records say it beside their changes

    def cursor(self) -> Cursor:
        if self.raw.closed:
            raise StorageError(f"Kết nối với máy chủ “{self.label}” đã đóng; chưa có gì được ghi.")
        return Cursor(self.raw.cursor(row_factory=_named_rows), self.label)

    def execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> Cursor:
        return self.cursor().execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Cursor:
        return self.cursor().executemany(sql, rows)

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status != psycopg.pq.TransactionStatus.IDLE

    def close(self) -> None:
        self.raw.close()
