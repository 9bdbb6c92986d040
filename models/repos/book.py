"""The ceremony book: reading and writing ceremonies, decisions, awardees and prizes.

The only module with SQL besides store.py. Every text is cleaned (NFC, spaces
collapsed) here on its way in, so no caller can store an unnormalised name.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import functools
import sqlite3
import unicodedata
from collections.abc import Iterable, Sequence
from urllib.parse import urlparse

from models.domain import text
from models.domain.fields import full_name, short_name
from models.domain.heading import HeadingKind
from models.domain.records import (
    Awardee,
    AwardeeKind,
    AwardForm,
    Ceremony,
    Contest,
    Decision,
    Prize,
    PrizeLevel,
)
from models.errors import InUseError, ValidationError
from models.storage.store import Store

_MULTILINE = {"notes", "signer_role"}
_NAMES = {"name", "authors", "signer_name"}
_LABELS = {
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
}


def _limit(name: str, multiline: bool) -> int:
    return text.MAX_NOTES if multiline else text.MAX_NAME if name in _NAMES else text.MAX_TEXT


@functools.cache
def _text_fields(cls) -> tuple[tuple[str, bool], ...]:
    """The str fields of a record class, and whether each is multi-line."""
    return tuple((f.name, f.name in _MULTILINE) for f in dataclasses.fields(cls) if f.type == "str")


def _cleaned(record, in_place: bool = False):
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
                    f"{_LABELS.get(name, name)} dài {length} ký tự, quá {limit} ký tự cho phép: chưa được lưu."
                )
            setattr(record, name, value)
    return record


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _save_row(db: sqlite3.Connection, table: str, values: dict[str, object], row_id: int | None) -> int:
    """Insert (row_id None) or update one row; returns its id."""
    if row_id is None:
        marks = ", ".join("?" * len(values))
        return db.execute(
            f"INSERT INTO {table} ({', '.join(values)}) VALUES ({marks})", tuple(values.values())
        ).lastrowid
    sets = ", ".join(f"{column} = ?" for column in values)
    db.execute(f"UPDATE {table} SET {sets} WHERE id = ?", (*values.values(), row_id))
    return row_id


def _number_new(db: sqlite3.Connection, table: str, records: Sequence) -> None:
    """Give records without an id the ids SQLite would, so a list goes in with one executemany."""
    next_id = db.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
    taken = {r.id for r in records if r.id is not None}
    for r in records:
        if r.id is None:
            next_id += 1
            while next_id in taken:
                next_id += 1
            r.id = next_id


# A QR code of a longer link gets modules too fine to scan from a 2 cm print.
MAX_URL_BYTES = 250


def lookalike_letters(host: str) -> str:
    """Characters of a host name that pass for Latin letters or dots without being them:
    Cyrillic "о", Greek "ο", full-width letters, "。". Vietnamese letters with their marks
    are Latin and pass."""
    odd = []
    for ch in host:
        if ch.isascii() or ch in odd:
            continue
        name = unicodedata.name(ch, "")
        if not name.startswith("LATIN ") or "FULLWIDTH" in name:
            odd.append(ch)
    return " ".join(f"“{ch}”" for ch in odd)


def idn_form(url: str) -> str:
    """The host as a browser sends it ("xn--…"), for an organiser to confirm; "" when plain."""
    host = urlparse(url).hostname or ""
    if host.isascii():
        return ""
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return ""


def check_news_url(url: str) -> str:
    """A link printed as a QR code: http(s) to a named site, no login inside, short enough."""
    url = text.clean(url)
    if not url:
        return url
    parts = urlparse(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or " " in url:
        raise ValidationError(
            f"Địa chỉ bài viết “{url}” không hợp lệ: phải bắt đầu bằng http:// hoặc https:// "
            "và có tên trang (ví dụ https://longbien.hanoi.gov.vn/...)."
        )
    if parts.username is not None or parts.password is not None:
        raise ValidationError(
            f"Địa chỉ bài viết “{url}” có chứa tên đăng nhập hoặc mật khẩu (phần trước dấu @): "
            "không được in lên giấy khen. Hãy dùng địa chỉ công khai của bài viết."
        )
    try:
        parts.port  # noqa: B018 (urlparse checks the port only when asked)
    except ValueError as exc:
        raise ValidationError(f"Địa chỉ bài viết “{url}” có số cổng không hợp lệ (sau dấu hai chấm).") from exc
    odd = lookalike_letters(parts.hostname)
    if odd:
        raise ValidationError(
            f"Tên trang trong địa chỉ “{url}” có ký tự {odd} trông giống chữ hay dấu chấm thường nhưng "
            "không phải: một trang giả có thể mượn cách này. Hãy gõ lại tên trang bằng bàn phím."
        )
    size = len(url.encode("utf-8"))
    if size > MAX_URL_BYTES:
        raise ValidationError(
            f"Địa chỉ bài viết dài {size} byte, quá {MAX_URL_BYTES}: mã QR sẽ quá dày để quét. "
            "Hãy dùng địa chỉ ngắn hơn (ví dụ bỏ phần sau dấu ?)."
        )
    return url


_AWARDEE_COLUMNS = (
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
_PRIZE_COLUMNS = ("contest_id", "level", "authors", "work_title", "unit", "register_no", "notes")


# Units, wards, fields and models repeat down a list: fold each distinct text once.
_fold_part = functools.lru_cache(maxsize=65536)(text.fold)


def awardee_search_text(a: Awardee) -> str:
    # The field's short form too: "gpmb" finds "Giải phóng mặt bằng".
    parts = (a.name, a.position, a.unit, a.ward, a.field, short_name(a.field), a.model_name, a.notes, a.register_no)
    return text.FIELD_SEPARATOR.join(map(_fold_part, parts))


def prize_search_text(p: Prize) -> str:
    parts = (p.authors, p.work_title, p.unit, p.notes, p.level.label, p.register_no)
    return text.FIELD_SEPARATOR.join(map(_fold_part, parts))


def duplicate_key(name: str, unit: str) -> str:
    return f"{text.match_key(name)}|{text.match_key(unit)}"


def _awardee_from_row(r: sqlite3.Row) -> Awardee:
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
    )


def _prize_from_row(r: sqlite3.Row) -> Prize:
    return Prize(
        contest_id=r["contest_id"],
        level=PrizeLevel(r["level"]),
        authors=r["authors"],
        work_title=r["work_title"],
        unit=r["unit"],
        register_no=r["register_no"],
        notes=r["notes"],
        id=r["id"],
    )


def _decision_from_row(r: sqlite3.Row) -> Decision:
    return Decision(
        ceremony_id=r["ceremony_id"],
        award_form=AwardForm(r["award_form"]),
        number=r["number"],
        signed_on=_date(r["signed_on"]),
        issuer=r["issuer"],
        signer_role=r["signer_role"],
        signer_name=r["signer_name"],
        achievement=r["achievement"],
        id=r["id"],
        heading_kind=HeadingKind(r["heading"]) if r["heading"] else None,
        superior=r["superior"],
    )


def _ceremony_from_row(r: sqlite3.Row) -> Ceremony:
    return Ceremony(
        title=r["title"],
        held_on=_date(r["held_on"]),
        place=r["place"],
        organiser=r["organiser"],
        chair=r["chair"],
        news_url=r["news_url"],
        notes=r["notes"],
        id=r["id"],
    )


@dataclasses.dataclass(slots=True)
class ImportedRecords:
    """What one import added: its records (with their ids) and the decisions it created."""

    awardees: list[Awardee]
    prizes: list[Prize]
    decisions: list[Decision]


class CeremonyBook:
    def __init__(self, store: Store):
        self.store = store

    @property
    def _db(self) -> sqlite3.Connection:
        return self.store.read()

    # --- ceremonies -------------------------------------------------------------------

    def ceremonies(self) -> list[Ceremony]:
        rows = self._db.execute("SELECT * FROM ceremony ORDER BY held_on DESC, id DESC")
        return [_ceremony_from_row(r) for r in rows]

    def ceremony(self, ceremony_id: int) -> Ceremony:
        row = self._db.execute("SELECT * FROM ceremony WHERE id = ?", (ceremony_id,)).fetchone()
        if row is None:
            raise ValidationError(f"Không tìm thấy hội nghị số {ceremony_id}.")
        return _ceremony_from_row(row)

    def save_ceremony(self, c: Ceremony) -> Ceremony:
        c = _cleaned(c)
        if not c.title:
            raise ValidationError("Chưa nhập tên hội nghị.")
        c.news_url = check_news_url(c.news_url)
        values = dict(
            title=c.title,
            held_on=_iso(c.held_on),
            place=c.place,
            organiser=c.organiser,
            chair=c.chair,
            news_url=c.news_url,
            notes=c.notes,
        )
        with self.store.transaction() as db:
            c.id = _save_row(db, "ceremony", values, c.id)
        return c

    def delete_ceremony(self, ceremony_id: int) -> None:
        with self.store.transaction() as db:
            # Awardees and contests point at decisions with RESTRICT; drop them first.
            db.execute("DELETE FROM awardee WHERE ceremony_id = ?", (ceremony_id,))
            db.execute("DELETE FROM contest WHERE ceremony_id = ?", (ceremony_id,))
            db.execute("DELETE FROM ceremony WHERE id = ?", (ceremony_id,))

    # --- decisions --------------------------------------------------------------------

    def decisions(self, ceremony_id: int) -> list[Decision]:
        rows = self._db.execute("SELECT * FROM decision WHERE ceremony_id = ? ORDER BY id", (ceremony_id,))
        return sorted((_decision_from_row(r) for r in rows), key=lambda d: d.award_form.rank)

    def save_decision(self, d: Decision) -> Decision:
        d = _cleaned(d)
        values = dict(
            ceremony_id=d.ceremony_id,
            award_form=d.award_form.value,
            number=d.number,
            signed_on=_iso(d.signed_on),
            issuer=d.issuer,
            signer_role=d.signer_role,
            signer_name=d.signer_name,
            achievement=d.achievement,
            heading=d.heading_kind.value if d.heading_kind else "",
            superior=d.superior,
        )
        with self.store.transaction() as db:
            d.id = _save_row(db, "decision", values, d.id)
        return d

    def delete_decision(self, decision_id: int) -> None:
        users = self._db.execute(
            "SELECT (SELECT count(*) FROM awardee WHERE decision_id = ?)"
            " + (SELECT count(*) FROM contest WHERE decision_id = ?)",
            (decision_id, decision_id),
        ).fetchone()[0]
        if users:
            raise InUseError(
                f"Không xóa được quyết định này: còn {users} tập thể, cá nhân hoặc cuộc thi "
                "đang gắn với nó. Hãy chuyển họ sang quyết định khác trước."
            )
        with self.store.transaction() as db:
            db.execute("DELETE FROM decision WHERE id = ?", (decision_id,))

    # --- fields (lĩnh vực) ------------------------------------------------------------

    def fields(self) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT name FROM field ORDER BY position, id")]

    def add_field(self, name: str) -> str:
        name = full_name(text.clean(name))
        if not name:
            raise ValidationError("Chưa nhập tên lĩnh vực.")
        existing = {text.match_key(f): f for f in self.fields()}
        if text.match_key(name) in existing:
            return existing[text.match_key(name)]
        with self.store.transaction() as db:
            db.execute(
                "INSERT INTO field (name, position) VALUES (?, (SELECT coalesce(max(position), 0) + 1 FROM field))",
                (name,),
            )
        return name

    # --- awardees ---------------------------------------------------------------------

    def awardees(self, ceremony_id: int) -> list[Awardee]:
        rows = self._db.execute("SELECT * FROM awardee WHERE ceremony_id = ? ORDER BY id", (ceremony_id,))
        return [_awardee_from_row(r) for r in rows]

    def awardee_search_texts(self, ceremony_id: int) -> dict[int, str]:
        """The stored accent-folded search text of each awardee, so views need not refold."""
        rows = self._db.execute("SELECT id, search_key FROM awardee WHERE ceremony_id = ?", (ceremony_id,))
        return dict(rows.fetchall())

    def awardee(self, awardee_id: int) -> Awardee:
        row = self._db.execute("SELECT * FROM awardee WHERE id = ?", (awardee_id,)).fetchone()
        if row is None:
            raise ValidationError(f"Không tìm thấy mục số {awardee_id}; có thể nó đã bị xóa.")
        return _awardee_from_row(row)

    def _checked_awardee(self, a: Awardee) -> Awardee:
        a = _cleaned(a)
        if not a.name:
            raise ValidationError("Chưa nhập họ và tên (hoặc tên tập thể).")
        if a.kind is AwardeeKind.COLLECTIVE:
            a.position = ""  # a collective is printed by its name alone
        a.field = full_name(a.field)  # "GPMB" typed is kept as "Giải phóng mặt bằng", in sight
        if a.decision_id is not None:
            row = self._db.execute("SELECT ceremony_id FROM decision WHERE id = ?", (a.decision_id,)).fetchone()
            if row is None or row[0] != a.ceremony_id:
                raise ValidationError("Quyết định đã chọn không thuộc hội nghị này.")
        return a

    def _awardee_values(self, a: Awardee) -> tuple:
        values = tuple(getattr(a, c) for c in _AWARDEE_COLUMNS)
        return (*values, awardee_search_text(a), duplicate_key(a.name, a.unit))

    def add_awardees(self, records: Iterable[Awardee]) -> list[Awardee]:
        """Insert records (keeping an id if one is given, as undo needs); all or nothing."""
        checked = [self._checked_awardee(a) for a in records]
        with self.store.transaction() as db:
            self._insert_awardees(db, checked)
        return checked

    def _insert_awardees(self, db: sqlite3.Connection, checked: list[Awardee]) -> None:
        cols = ", ".join((*_AWARDEE_COLUMNS, "search_key", "match_key", "id"))
        marks = ", ".join("?" * (len(_AWARDEE_COLUMNS) + 3))
        _number_new(db, "awardee", checked)
        db.executemany(
            f"INSERT INTO awardee ({cols}) VALUES ({marks})", [(*self._awardee_values(a), a.id) for a in checked]
        )

    def add_awardee(self, a: Awardee) -> Awardee:
        return self.add_awardees([a])[0]

    def update_awardee(self, a: Awardee) -> Awardee:
        return self.update_awardees([a])[0]

    def update_awardees(self, records: Sequence[Awardee]) -> list[Awardee]:
        """Save edits of several awardees in one transaction: all or none."""
        checked = [self._checked_awardee(a) for a in records]
        sets = ", ".join(f"{c} = ?" for c in (*_AWARDEE_COLUMNS, "search_key", "match_key"))
        with self.store.transaction() as db:
            for a in checked:
                cur = db.execute(f"UPDATE awardee SET {sets} WHERE id = ?", (*self._awardee_values(a), a.id))
                if cur.rowcount != 1:
                    raise ValidationError(f"Không tìm thấy “{a.name}” để sửa; có thể mục này đã bị xóa.")
        return checked

    def delete_awardees(self, ids: Sequence[int]) -> list[Awardee]:
        """Delete and return what was deleted, so that it can be restored exactly."""
        gone = [self.awardee(i) for i in ids]
        with self.store.transaction() as db:
            db.executemany("DELETE FROM awardee WHERE id = ?", [(i,) for i in ids])
        return gone

    def find_awardee_duplicates(self, a: Awardee) -> list[Awardee]:
        """Awardees of the same ceremony with the same name and unit (tone placement ignored)."""
        rows = self._db.execute(
            "SELECT * FROM awardee WHERE ceremony_id = ? AND match_key = ? AND id IS NOT ?",
            (a.ceremony_id, duplicate_key(text.clean(a.name), text.clean(a.unit)), a.id),
        )
        return [_awardee_from_row(r) for r in rows]

    def search_awardees(self, ceremony_id: int, query: str) -> list[Awardee]:
        rows = self._db.execute(
            "SELECT * FROM awardee WHERE ceremony_id = ? AND instr(search_key, ?) > 0 ORDER BY id",
            (ceremony_id, text.fold(query)),
        )
        return [_awardee_from_row(r) for r in rows]

    def completions(self) -> dict[str, list[str]]:
        """What was typed before, for the entry form's completers."""
        out = {}
        for column in ("unit", "ward", "position", "field"):
            rows = self._db.execute(f"SELECT DISTINCT {column} FROM awardee WHERE {column} <> ''")
            out[column] = sorted({r[0] for r in rows}, key=text.sort_key)
        out["field"] = sorted(set(out["field"]) | set(self.fields()), key=text.sort_key)
        prize_units = {r[0] for r in self._db.execute("SELECT DISTINCT unit FROM prize WHERE unit <> ''")}
        out["unit"] = sorted(set(out["unit"]) | prize_units, key=text.sort_key)
        return out

    # --- contests and prizes ----------------------------------------------------------

    def contests(self, ceremony_id: int) -> list[Contest]:
        rows = self._db.execute("SELECT * FROM contest WHERE ceremony_id = ? ORDER BY id", (ceremony_id,)).fetchall()
        return [self._contest_from_row(r) for r in rows]

    def _contest_from_row(self, r: sqlite3.Row) -> Contest:
        quotas = {
            PrizeLevel(q["level"]): q["quota"]
            for q in self._db.execute("SELECT level, quota FROM contest_quota WHERE contest_id = ?", (r["id"],))
        }
        return Contest(
            ceremony_id=r["ceremony_id"],
            title=r["title"],
            entries_received=r["entries_received"],
            decision_id=r["decision_id"],
            quotas=quotas,
            notes=r["notes"],
            id=r["id"],
        )

    def save_contest(self, c: Contest) -> Contest:
        c = _cleaned(c)
        if not c.title:
            raise ValidationError("Chưa nhập tên cuộc thi.")
        if c.entries_received < 0 or any(q < 0 for q in c.quotas.values()):
            raise ValidationError("Số tác phẩm và số giải không được âm.")
        values = dict(
            ceremony_id=c.ceremony_id,
            decision_id=c.decision_id,
            title=c.title,
            entries_received=c.entries_received,
            notes=c.notes,
        )
        with self.store.transaction() as db:
            c.id = _save_row(db, "contest", values, c.id)
            db.execute("DELETE FROM contest_quota WHERE contest_id = ?", (c.id,))
            db.executemany(
                "INSERT INTO contest_quota (contest_id, level, quota) VALUES (?, ?, ?)",
                [(c.id, level.value, n) for level, n in c.quotas.items() if n],
            )
        return c

    def delete_contest(self, contest_id: int) -> None:
        with self.store.transaction() as db:
            db.execute("DELETE FROM contest WHERE id = ?", (contest_id,))

    def prizes(self, contest_id: int) -> list[Prize]:
        rows = self._db.execute("SELECT * FROM prize WHERE contest_id = ? ORDER BY id", (contest_id,))
        return [_prize_from_row(r) for r in rows]

    def prize(self, prize_id: int) -> Prize:
        row = self._db.execute("SELECT * FROM prize WHERE id = ?", (prize_id,)).fetchone()
        if row is None:
            raise ValidationError(f"Không tìm thấy giải số {prize_id}; có thể nó đã bị xóa.")
        return _prize_from_row(row)

    def _checked_prize(self, p: Prize) -> Prize:
        p = _cleaned(p)
        if not p.authors:
            raise ValidationError("Chưa nhập tên tác giả.")
        return p

    def _prize_values(self, p: Prize) -> tuple:
        values = tuple(getattr(p, c) for c in _PRIZE_COLUMNS)
        values = tuple(v.value if isinstance(v, PrizeLevel) else v for v in values)
        return (*values, prize_search_text(p), duplicate_key(p.authors, p.unit))

    def add_prizes(self, records: Iterable[Prize]) -> list[Prize]:
        checked = [self._checked_prize(p) for p in records]
        with self.store.transaction() as db:
            self._insert_prizes(db, checked)
        return checked

    def _insert_prizes(self, db: sqlite3.Connection, checked: list[Prize]) -> None:
        cols = ", ".join((*_PRIZE_COLUMNS, "search_key", "match_key", "id"))
        marks = ", ".join("?" * (len(_PRIZE_COLUMNS) + 3))
        _number_new(db, "prize", checked)
        db.executemany(
            f"INSERT INTO prize ({cols}) VALUES ({marks})", [(*self._prize_values(p), p.id) for p in checked]
        )

    def add_prize(self, p: Prize) -> Prize:
        return self.add_prizes([p])[0]

    def update_prize(self, p: Prize) -> Prize:
        p = self._checked_prize(p)
        sets = ", ".join(f"{c} = ?" for c in (*_PRIZE_COLUMNS, "search_key", "match_key"))
        with self.store.transaction() as db:
            cur = db.execute(f"UPDATE prize SET {sets} WHERE id = ?", (*self._prize_values(p), p.id))
            if cur.rowcount != 1:
                raise ValidationError(f"Không tìm thấy giải của “{p.authors}” để sửa; có thể nó đã bị xóa.")
        return p

    def delete_prizes(self, ids: Sequence[int]) -> list[Prize]:
        gone = [self.prize(i) for i in ids]
        with self.store.transaction() as db:
            db.executemany("DELETE FROM prize WHERE id = ?", [(i,) for i in ids])
        return gone

    def find_prize_duplicates(self, p: Prize) -> list[Prize]:
        rows = self._db.execute(
            "SELECT * FROM prize WHERE contest_id = ? AND match_key = ? AND id IS NOT ?",
            (p.contest_id, duplicate_key(text.clean(p.authors), text.clean(p.unit)), p.id),
        )
        return [_prize_from_row(r) for r in rows]

    # --- imports ----------------------------------------------------------------------

    def duplicate_keys(self, ceremony_id: int, contest_id: int | None = None) -> dict[str, str]:
        """Duplicate key -> "name, unit" of what is already in the list an import goes to."""
        if contest_id is None:
            rows = self._db.execute("SELECT match_key, name, unit FROM awardee WHERE ceremony_id = ?", (ceremony_id,))
        else:
            rows = self._db.execute("SELECT match_key, authors, unit FROM prize WHERE contest_id = ?", (contest_id,))
        return {key: ", ".join(p for p in (name, unit) if p) for key, name, unit in rows}

    def import_records(
        self,
        ceremony_id: int,
        awardees: Sequence[tuple[Awardee, AwardForm | None]] = (),
        prizes: Sequence[Prize] = (),
    ) -> list[Decision]:
        """Add an imported list in one transaction; returns the decisions it had to create.

        An awardee with an award form joins the ceremony's decision for that form, which
        is created (without a number) if the ceremony has none; without a form it joins
        the ceremony's only decision, if it has exactly one.
        """
        checked_prizes = [self._checked_prize(p) for p in prizes]
        decisions = self.decisions(ceremony_id)
        by_form = {}
        for d in decisions:
            by_form.setdefault(d.award_form, d)
        only = decisions[0] if len(decisions) == 1 else None
        created: list[Decision] = []
        with self.store.transaction() as db:
            for form in sorted({f for _, f in awardees if f is not None} - set(by_form), key=lambda f: f.rank):
                d = Decision(ceremony_id=ceremony_id, award_form=form)
                d.id = db.execute(
                    "INSERT INTO decision (ceremony_id, award_form) VALUES (?, ?)", (ceremony_id, form.value)
                ).lastrowid
                by_form[form] = d
                created.append(d)
            checked = []
            for a, form in awardees:
                target = by_form[form] if form is not None else only
                a = _cleaned(a, in_place=True)  # the caller hands its records over
                a.ceremony_id = ceremony_id
                a.decision_id = target.id if target else None
                if not a.name:
                    raise ValidationError("Chưa nhập họ và tên (hoặc tên tập thể).")
                if a.kind is AwardeeKind.COLLECTIVE:
                    a.position = ""
                checked.append(a)
            self._insert_awardees(db, checked)
            self._insert_prizes(db, checked_prizes)
        for p, stored in zip(prizes, checked_prizes, strict=True):
            p.id = stored.id
        return created

    def remove_imported(self, batch: ImportedRecords) -> ImportedRecords:
        """Take an import back out whole (undo); returns exactly what was removed.

        A decision the import created goes too, unless something else has joined it since.
        """
        gone = ImportedRecords(
            [self.awardee(a.id) for a in batch.awardees],
            [self.prize(p.id) for p in batch.prizes],
            [],
        )
        ceremony_id = batch.decisions[0].ceremony_id if batch.decisions else None
        current = {d.id: d for d in self.decisions(ceremony_id)} if ceremony_id is not None else {}
        with self.store.transaction() as db:
            db.executemany("DELETE FROM awardee WHERE id = ?", [(a.id,) for a in batch.awardees])
            db.executemany("DELETE FROM prize WHERE id = ?", [(p.id,) for p in batch.prizes])
            for created in batch.decisions:
                in_use = db.execute(
                    "SELECT EXISTS (SELECT 1 FROM awardee WHERE decision_id = ?)"
                    " OR EXISTS (SELECT 1 FROM contest WHERE decision_id = ?)",
                    (created.id, created.id),
                ).fetchone()[0]
                if created.id in current and not in_use:
                    db.execute("DELETE FROM decision WHERE id = ?", (created.id,))
                    gone.decisions.append(current[created.id])
        return gone

    def restore_imported(self, batch: ImportedRecords) -> None:
        """Put back what remove_imported took out, with the same ids (redo), whole or not at all."""
        with self.store.transaction() as db:
            for d in batch.decisions:
                db.execute(
                    "INSERT INTO decision (id, ceremony_id, award_form, number, signed_on, issuer, signer_role,"
                    " signer_name, achievement) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (d.id, d.ceremony_id, d.award_form.value, d.number, _iso(d.signed_on), d.issuer,
                     d.signer_role, d.signer_name, d.achievement),
                )  # fmt: skip
            self._insert_awardees(db, list(batch.awardees))
            self._insert_prizes(db, list(batch.prizes))
