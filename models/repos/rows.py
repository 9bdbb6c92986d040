"""Records to and from table rows: texts cleaned on their way in, search texts and
duplicate keys, dates as ISO strings. Shared by every repository."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import enum
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from models.domain import text
from models.domain.heading import HeadingKind
from models.domain.records import (
    Awardee,
    AwardeeKind,
    AwardForm,
    Ceremony,
    Decision,
    Prize,
    PrizeLevel,
)
from models.domain.search import awardee_search_text, duplicate_key, prize_search_text
from models.errors import BookError, ConflictError, NotAllowedError, ValidationError

_MULTILINE = {"notes", "signer_role"}
_NAMES = {"name", "authors", "signer_name"}
LABELS = {
    "title": "Tên",
    "place": "Địa danh",
    "organiser": "Cơ quan tổ chức",
    "chair": "Chủ trì",
    "news_url": "Địa chỉ bài viết",
    "notes": "Ghi chú",
    "number": "Số quyết định",
    "issuer": "Cơ quan ban hành",
    "superior": "Cơ quan Đảng cấp trên",
    "signer_role": "Chức vụ người ký",
    "signer_name": "Người ký",
    "achievement": "Thành tích",
    "name": "Họ và tên (tên tập thể)",
    "position": "Chức vụ",
    "unit": "Đơn vị",
    "ward": "Phường",
    "field": "Lĩnh vực",
    "model_name": "Tên mô hình",
    "register_no": "Số vào sổ",
    "authors": "Tác giả",
    "work_title": "Tác phẩm",
    "kind": "Loại",
    "decision_id": "Quyết định",
    "level": "Mức giải",
}


def _limit(name: str, multiline: bool) -> int:
    return text.MAX_NOTES if multiline else text.MAX_NAME if name in _NAMES else text.MAX_TEXT


_TEXT_FIELDS: dict[type, tuple[tuple[str, bool], ...]] = {}


def _text_fields(cls: type) -> tuple[tuple[str, bool], ...]:
    """The str fields of a record class, and whether each is multi-line (found once)."""
    if cls not in _TEXT_FIELDS:
        fields = dataclasses.fields(cls)
        _TEXT_FIELDS[cls] = tuple((f.name, f.name in _MULTILINE) for f in fields if f.type == "str")
    return _TEXT_FIELDS[cls]


def cleaned(record, in_place: bool = False):
    """The record (a copy unless in_place) with every str field cleaned; a text longer
    than its field allows is refused rather than cut."""
    if not in_place:
        record = copy.copy(record)
    for name, multiline in _text_fields(type(record)):
        value = getattr(record, name)
        if value != "":  # most optional fields are empty, and already as clean as can be
            value = text.clean_multiline(value) if multiline else text.clean(value)
            if len(value) > _limit(name, multiline):
                length, limit = (f"{n:,}".replace(",", ".") for n in (len(value), _limit(name, multiline)))
                raise ValidationError(
                    f"{LABELS.get(name, name)} dài {length} ký tự, quá {limit} ký tự cho phép: chưa được lưu."
                )
            setattr(record, name, value)
    return record


def from_iso_date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def iso_date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def save_row(db: sqlite3.Connection, table: str, values: Mapping[str, object], row_id: int) -> int:
    """Insert (row_id 0: not stored yet) or write the row with this id, putting it back if
    it was deleted (an undone delete, a redone add keep their ids); returns its id."""
    if not row_id:
        marks = ", ".join("?" * len(values))
        return insert_returning_id(db, f"INSERT INTO {table} ({', '.join(values)}) VALUES ({marks})", values.values())
    columns = ", ".join(values)
    marks = ", ".join("?" * (len(values) + 1))
    sets = ", ".join(f"{column} = excluded.{column}" for column in values)
    db.execute(
        f"INSERT INTO {table} (id, {columns}) VALUES ({marks}) ON CONFLICT (id) DO UPDATE SET {sets}",
        (row_id, *values.values()),
    )
    return row_id


def save_versioned(db, table: str, values: Mapping[str, object], record, read_back: Callable) -> None:
    """Insert the record, or write it over the version it was read at (an undone delete
    comes back with its id); it then holds its id and its next version. A row saved by
    someone else since is not written over: ConflictError with theirs, read by read_back(row)."""
    stamp = saved_by(db)
    columns = ", ".join(values)
    if not record.id:
        marks = ", ".join("?" * (len(values) + 2))
        record.id = insert_returning_id(
            db, f"INSERT INTO {table} ({columns}, changed_by, changed_at) VALUES ({marks})", (*values.values(), *stamp)
        )
        record.version = 1
        return
    sets = ", ".join(f"{column} = excluded.{column}" for column in (*values, "changed_by", "changed_at"))
    marks = ", ".join("?" * (len(values) + 4))
    row = db.execute(
        f"INSERT INTO {table} (id, {columns}, version, changed_by, changed_at) VALUES ({marks})"
        f" ON CONFLICT (id) DO UPDATE SET {sets}, version = {table}.version + 1 WHERE {table}.version = ?"
        " RETURNING version",
        (record.id, *values.values(), record.version + 1, *stamp, record.version),
    ).fetchone()
    if row is None:
        current = db.execute(f"SELECT * FROM {table} WHERE id = ?", (record.id,)).fetchone()
        raise _conflict_of(read_back(current), record, current)
    record.version = row[0]


def _conflict_of(theirs, mine, row) -> ConflictError:
    headline = f"Mục này vừa được {row['changed_by'] or 'người khác'} sửa{_saved_at(row)}"
    names = [f.name for f in dataclasses.fields(theirs) if f.compare and f.name != "id"]
    said = headline + _differences(theirs, mine, names)
    return ConflictError(
        f"{said}. Thay đổi của bạn chưa được lưu; hãy xem bản mới rồi sửa lại.", theirs, mine, headline
    )


def _saved_at(row) -> str:
    return f" lúc {dt.datetime.fromisoformat(row['changed_at']):%H:%M %d/%m}" if row["changed_at"] else ""


def _differences(theirs, mine, names: Iterable[str]) -> str:
    """ ": Chức vụ “Tổ phó”. Bản của bạn: “Bí thư chi bộ”" for each field that differs."""
    said = [
        f"{LABELS.get(n, n)} “{_shown(getattr(theirs, n))}”. Bản của bạn: “{_shown(getattr(mine, n))}”"
        for n in names
        if getattr(theirs, n) != getattr(mine, n)
    ]
    return ": " + "; ".join(said) if said else ""


def insert_returning_id(db: sqlite3.Connection, insert: str, values: Iterable[object]) -> int:
    """Run one INSERT and give the new row's id (RETURNING: SQLite 3.35 and PostgreSQL alike)."""
    return db.execute(f"{insert} RETURNING id", tuple(values)).fetchone()[0]


def number_new(db: sqlite3.Connection, table: str, records: Sequence) -> None:
    """Give records without an id their ids first, so a list goes in with one executemany:
    on a server, ids taken from the table's sequence (other clerks take theirs at the same
    time); in a file, the ids SQLite would give (one writer at a time there)."""
    if getattr(db, "engine", "sqlite") == "postgresql":
        count = sum(1 for r in records if not r.id)
        fresh = db.execute(
            f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, ?)", (count,)
        ).fetchall()
        for r, (new_id,) in zip((r for r in records if not r.id), fresh, strict=True):
            r.id = new_id
        return
    next_id = db.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
    taken = {r.id for r in records if r.id}
    for r in records:
        if not r.id:
            next_id += 1
            while next_id in taken:
                next_id += 1
            r.id = next_id


AWARDEE_COLUMNS = (
    "ceremony_id",
    "decision_id",
    "kind",
    "name",
    "position",
    "unit",
    "ward",
    "field",
    "model_name",
    "achievement",
    "register_no",
    "notes",
)
PRIZE_COLUMNS = ("contest_id", "level", "authors", "work_title", "unit", "register_no", "notes")


def awardee_from_row(r: sqlite3.Row) -> Awardee:
    return Awardee(
        ceremony_id=r["ceremony_id"],
        decision_id=r["decision_id"],
        kind=AwardeeKind(r["kind"]),
        name=r["name"],
        position=r["position"],
        unit=r["unit"],
        ward=r["ward"],
        field=r["field"],
        model_name=r["model_name"],
        achievement=r["achievement"],
        register_no=r["register_no"],
        notes=r["notes"],
        id=r["id"],
        version=r["version"],
    )


# Listing a whole ceremony reads plain tuples in the records' field order: at 50,000 rows,
# looking each column up by name and calling the enum class are most of the read.
_KINDS = {k.value: k for k in AwardeeKind}
_LEVELS = {k.value: k for k in PrizeLevel}


def _field_names(record_type: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(record_type))


def awardee_from_values(v: tuple) -> Awardee:
    return Awardee(v[0], _KINDS[v[1]], *v[2:14])


def prize_from_values(v: tuple) -> Prize:
    return Prize(v[0], _LEVELS[v[1]], *v[2:9])


def prize_from_row(r: sqlite3.Row) -> Prize:
    return Prize(
        contest_id=r["contest_id"],
        level=PrizeLevel(r["level"]),
        authors=r["authors"],
        work_title=r["work_title"],
        unit=r["unit"],
        register_no=r["register_no"],
        notes=r["notes"],
        id=r["id"],
        version=r["version"],
    )


def decision_from_row(r: sqlite3.Row) -> Decision:
    return Decision(
        ceremony_id=r["ceremony_id"],
        award_form=AwardForm(r["award_form"]),
        number=r["number"],
        signed_on=from_iso_date(r["signed_on"]),
        issuer=r["issuer"],
        signer_role=r["signer_role"],
        signer_name=r["signer_name"],
        achievement=r["achievement"],
        id=r["id"],
        heading_kind=HeadingKind(r["heading"]) if r["heading"] else None,
        superior=r["superior"],
        version=r["version"],
    )


def ceremony_from_row(r: sqlite3.Row) -> Ceremony:
    return Ceremony(
        title=r["title"],
        held_on=from_iso_date(r["held_on"]),
        place=r["place"],
        organiser=r["organiser"],
        chair=r["chair"],
        news_url=r["news_url"],
        notes=r["notes"],
        id=r["id"],
        version=r["version"],
    )


@dataclasses.dataclass(frozen=True)
class RecordTable:
    """How one kind of listed record is kept (awardees, prizes): one code for both, each
    with its table, columns, row reader, search text and the name and unit its duplicate
    key is made of."""

    table: str
    columns: tuple[str, ...]
    scope: str  # the column a list is read by: "ceremony_id" or "contest_id"
    from_row: Callable[[sqlite3.Row], Any]
    search_text: Callable[[Any], str]
    name_and_unit: Callable[[Any], tuple[str, str]]
    what: str  # "mục" or "giải": said when one is not found
    fields: tuple[str, ...] = ()  # the record's fields in order, for from_values
    from_values: Callable[[tuple], Any] | None = None

    def values(self, record) -> tuple:
        values = tuple(getattr(record, c) for c in self.columns)
        values = tuple(v.value if isinstance(v, enum.Enum) else v for v in values)
        return (*values, self.search_text(record), duplicate_key(*self.name_and_unit(record)))

    def read_all(self, db, scope_id: int) -> list:
        return self.read_listed(db, scope_id)[0]

    def read_listed(self, db, scope_id: int) -> tuple[list, list[str]]:
        """The whole list with each record's stored accent-folded search text, in id order."""
        if self.from_values is None:
            raise TypeError(f"{self.table} has no tuple reader")
        cursor = db.cursor()
        cursor.row_factory = None
        rows = cursor.execute(
            f"SELECT {', '.join(self.fields)}, search_key FROM {self.table} WHERE {self.scope} = ? ORDER BY id",
            (scope_id,),
        ).fetchall()
        make = self.from_values
        return [make(r) for r in rows], [r[-1] for r in rows]

    def get(self, db, record_id: int):
        row = db.execute(f"SELECT * FROM {self.table} WHERE id = ?", (record_id,)).fetchone()
        if row is None:
            raise ValidationError(f"Không tìm thấy {self.what} số {record_id}; có thể nó đã bị xóa.")
        return self.from_row(row)

    def insert(self, db, checked: list) -> None:
        """Keeping an id if one is given (an undone delete comes back as it was); a record
        goes in as its first version, or as the next one when it comes back."""
        cols = ", ".join((*self.columns, "search_key", "match_key", "id", "version", "changed_by", "changed_at"))
        marks = ", ".join("?" * (len(self.columns) + 6))
        number_new(db, self.table, checked)
        for r in checked:
            r.version += 1
        stamp = saved_by(db)
        db.executemany(
            f"INSERT INTO {self.table} ({cols}) VALUES ({marks})",
            [(*self.values(r), r.id, r.version, *stamp) for r in checked],
        )

    def update(self, db, checked: Sequence) -> None:
        """Each record is written only over the version it was read at; it then holds the
        next version. Otherwise nothing of the batch is written (the caller's transaction
        rolls back) and ConflictError says who changed what."""
        sets = ", ".join(f"{c} = ?" for c in (*self.columns, "search_key", "match_key", "changed_by", "changed_at"))
        stamp = saved_by(db)
        for r in checked:
            cur = db.execute(
                f"UPDATE {self.table} SET {sets}, version = version + 1 WHERE id = ? AND version = ?",
                (*self.values(r), *stamp, r.id, r.version),
            )
            if cur.rowcount != 1:
                raise self._not_written(db, r, "sửa")
        for r in checked:
            r.version += 1

    def delete(self, db, ids: Sequence[int], versions: Mapping[int, int] | None = None) -> list:
        """What was deleted, so that it can be restored exactly. With versions, a record
        changed since it was read at that version is not deleted (ConflictError)."""
        gone = [self.get(db, i) for i in ids]
        for record in gone:
            if versions is not None and versions.get(record.id, record.version) != record.version:
                row = db.execute(f"SELECT * FROM {self.table} WHERE id = ?", (record.id,)).fetchone()
                raise conflict(self, row, None, "xóa")
        deleted = db.executemany(f"DELETE FROM {self.table} WHERE id = ?", [(i,) for i in ids]).rowcount
        if deleted != len(ids):  # a row the login may not delete (another ward's) is left alone
            raise NotAllowedError(
                f"Tài khoản này không được xóa {len(ids) - deleted} trong số {len(ids)} {self.what} đã chọn."
            )
        return gone

    def _not_written(self, db, mine, verb: str) -> BookError:
        row = db.execute(f"SELECT * FROM {self.table} WHERE id = ?", (mine.id,)).fetchone()
        name = self.name_and_unit(mine)[0]
        if row is None:  # deleted meanwhile: the clerk may put it back as they had it
            return ConflictError(f"“{name}” vừa bị xóa (có thể bởi người khác) nên chưa {verb} được.", None, mine)
        if row["version"] == mine.version:  # there, unchanged, yet not written: the server's rules
            ward = f" (phường {row['ward']})" if "ward" in row.keys() and row["ward"] else ""
            return NotAllowedError(
                f"Tài khoản này không được {verb} “{name}”{ward}: mỗi phường chỉ sửa danh sách của mình."
            )
        return conflict(self, row, mine, verb)

    def duplicates(self, db, record) -> list:
        """Records of the same list with the same name and unit (tone placement ignored)."""
        name, unit = self.name_and_unit(record)
        # SQLite spells "not the same, NULL included" IS NOT (IS DISTINCT FROM only from 3.39,
        # newer than some Linux systems carry); PostgreSQL only IS DISTINCT FROM.
        differs = "IS DISTINCT FROM" if getattr(db, "engine", "sqlite") == "postgresql" else "IS NOT"
        rows = db.execute(
            f"SELECT * FROM {self.table} WHERE {self.scope} = ? AND match_key = ? AND id {differs} ?",
            (getattr(record, self.scope), duplicate_key(text.clean(name), text.clean(unit)), record.id),
        )
        return [self.from_row(r) for r in rows]


def saved_by(db) -> tuple[str, str]:
    """Who saves (the server login; nobody in a file, which one person keeps) and when."""
    return getattr(db, "user", ""), dt.datetime.now().isoformat(timespec="seconds")


def conflict(table: RecordTable, row, mine, verb: str) -> ConflictError:
    """What another clerk changed, in words: "“Nguyễn Thị Thùy Dung” vừa được bd_clerk sửa lúc
    09:41 01/12: Chức vụ “Tổ phó”. Bản của bạn: “Bí thư chi bộ”."."""
    theirs = table.from_row(row)
    name = table.name_and_unit(theirs)[0]
    if row["changed_by"]:
        headline = f"“{name}” vừa được {row['changed_by']} sửa{_saved_at(row)}"
    else:  # a file: one person, but numbering or another window may have saved it since
        headline = f"“{name}” đã được lưu lại{_saved_at(row)}, sau lần bạn đọc"
    said = headline
    if mine is not None:
        said += _differences(theirs, mine, [c for c in table.columns if c != table.scope])
    return ConflictError(f"{said}. Bạn muốn {verb} theo bản nào? Chưa có gì được ghi đè.", theirs, mine, headline)


def _shown(value: object) -> str:
    if isinstance(value, enum.Enum):
        return str(getattr(value, "label", value.value))
    return "" if value is None else str(value)


AWARDEES = RecordTable(
    "awardee",
    AWARDEE_COLUMNS,
    "ceremony_id",
    awardee_from_row,
    awardee_search_text,
    lambda a: (a.name, a.unit),
    "mục",
    _field_names(Awardee),
    awardee_from_values,
)
PRIZES = RecordTable(
    "prize",
    PRIZE_COLUMNS,
    "contest_id",
    prize_from_row,
    prize_search_text,
    lambda p: (p.authors, p.unit),
    "giải",
    _field_names(Prize),
    prize_from_values,
)


def like_escaped(phrase: str) -> str:
    """A phrase found as it is by LIKE ... ESCAPE '!' (both engines): its % and _ are not wildcards."""
    return phrase.replace("!", "!!").replace("%", "!%").replace("_", "!_")
