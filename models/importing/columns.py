"""What each column of a ward's list holds, recognised from its header as offices write it."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from enum import StrEnum

from models.domain import text
from models.domain.records import AwardeeKind, AwardForm, PrizeLevel


class Column(StrEnum):
    STT = "stt"
    NAME = "name"
    KIND = "kind"
    POSITION = "position"
    UNIT = "unit"
    WARD = "ward"
    FIELD = "field"
    MODEL = "model"
    AWARD_FORM = "award_form"
    ACHIEVEMENT = "achievement"
    WORK = "work"
    PRIZE = "prize"
    NOTES = "notes"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Column.STT: "STT",
    Column.NAME: "Họ và tên / Tên tập thể / Tác giả",
    Column.KIND: "Tập thể hay cá nhân",
    Column.POSITION: "Chức vụ",
    Column.UNIT: "Đơn vị",
    Column.WARD: "Phường",
    Column.FIELD: "Lĩnh vực",
    Column.MODEL: "Tên mô hình",
    Column.AWARD_FORM: "Hình thức khen thưởng",
    Column.ACHIEVEMENT: "Thành tích",
    Column.WORK: "Tên tác phẩm",
    Column.PRIZE: "Giải",
    Column.NOTES: "Ghi chú",
}

# Headers exactly as folded (no case, accents, spaces or punctuation).
_EXACT = {
    Column.STT: ("stt", "tt", "sott", "sothutu", "thutu"),
    Column.NAME: (
        "hovaten",
        "hoten",
        "tentapthe",
        "hovatententapthe",
        "hotententapthe",
        "tentapthecanhan",
        "tentapthehotencanhan",
        "tentapthehovatencanhan",
        "tacgia",
        "hotentacgia",
        "hovatentacgia",
        "tentacgia",
        "tacgianhomtacgia",
        "ten",
        "doituongkhenthuong",
    ),
    Column.KIND: ("loai", "tapthecanhan", "tapthehaycanhan", "doituong", "loaidoituong", "phanloai"),
    Column.POSITION: ("chucvu", "chucdanh", "chucvuchucdanh", "chucvudonvi", "chucvudonvicongtac"),
    Column.UNIT: ("donvi", "donvicongtac", "coquandonvi", "noicongtac", "diachi", "donvicongtacdiachi"),
    Column.WARD: ("phuong", "xaphuong", "phuongxa", "phuongxathitran", "diaban"),
    Column.FIELD: ("linhvuc",),
    Column.MODEL: ("tenmohinh", "mohinh", "mohinhdanvankheo", "tenmohinhdanvankheo", "mohinhdiemdanvankheo"),
    Column.AWARD_FORM: ("hinhthuckhenthuong", "hinhthuc", "hinhthuckhen", "khenthuong", "muckhen"),
    Column.ACHIEVEMENT: ("thanhtich", "thanhtichdatduoc", "thanhtichtieubieu", "noidungthanhtich"),
    Column.WORK: ("tacpham", "tentacpham", "tenbaiviet", "baiviet", "tenbaidutthi", "tende", "tieude"),
    Column.PRIZE: ("giai", "giaithuong", "xepgiai", "mucgiai", "giaidat", "datgiai"),
    Column.NOTES: ("ghichu",),
}
_BY_EXACT = {key: column for column, keys in _EXACT.items() for key in keys}
# Then headers that contain a telling phrase, tried in this order ("tên tác phẩm" is a
# work, not a name; "chức vụ, đơn vị" a position).
_CONTAINS = (
    ("tacpham", Column.WORK),
    ("baiviet", Column.WORK),
    ("tacgia", Column.NAME),
    ("mohinh", Column.MODEL),
    ("hinhthuc", Column.AWARD_FORM),
    ("giai", Column.PRIZE),
    ("hoten", Column.NAME),
    ("hovaten", Column.NAME),
    ("tentapthe", Column.NAME),
    ("chucvu", Column.POSITION),
    ("chucdanh", Column.POSITION),
    ("linhvuc", Column.FIELD),
    ("donvi", Column.UNIT),
    ("phuong", Column.WARD),
    ("thanhtich", Column.ACHIEVEMENT),
    ("ghichu", Column.NOTES),
    ("tapthe", Column.KIND),
)
_NOT_LETTERS = re.compile(r"[^0-9a-z]")


def header_key(cell: str) -> str:
    return _NOT_LETTERS.sub("", text.fold(cell))


def recognise(cell: str) -> Column | None:
    key = header_key(cell)
    if not key or len(key) > 60:
        return None
    if key in _BY_EXACT:
        return _BY_EXACT[key]
    for phrase, column in _CONTAINS:
        if phrase in key:
            return column
    return None


@dataclass(frozen=True, slots=True)
class HeaderGuess:
    row: int  # 0-based row index of the header in the sheet
    mapping: dict[int, Column]  # sheet column index -> what it holds


HEADER_SEARCH_ROWS = 20


def find_header(rows: list[list[str]]) -> HeaderGuess | None:
    """The row among the first 20 that names the most known columns, including a name."""
    best: HeaderGuess | None = None
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        mapping: dict[int, Column] = {}
        for col, cell in enumerate(row):
            column = recognise(cell) if cell else None
            if column is not None and column not in mapping.values():
                mapping[col] = column
        if Column.NAME not in mapping.values() or len(mapping) < 2:
            continue
        if best is None or len(mapping) > len(best.mapping):
            best = HeaderGuess(index, mapping)
    return best


def signature(row: list[str]) -> str:
    """A header row's identity, for remembering a mapping made by hand."""
    return "|".join(header_key(c) for c in row)


# --- values -----------------------------------------------------------------------------

_KIND_WORDS = {
    "tapthe": AwardeeKind.COLLECTIVE,
    "tt": AwardeeKind.COLLECTIVE,
    "donvi": AwardeeKind.COLLECTIVE,
    "canhan": AwardeeKind.INDIVIDUAL,
    "cn": AwardeeKind.INDIVIDUAL,
}
_FORM_WORDS = {
    "bangkhen": AwardForm.BANG_KHEN,
    "bk": AwardForm.BANG_KHEN,
    "giaykhen": AwardForm.GIAY_KHEN,
    "gk": AwardForm.GIAY_KHEN,
    "giaychungnhan": AwardForm.GIAY_CHUNG_NHAN,
    "chungnhan": AwardForm.GIAY_CHUNG_NHAN,
    "gcn": AwardForm.GIAY_CHUNG_NHAN,
}
_PRIZE_WORDS = {
    "dacbiet": PrizeLevel.SPECIAL,
    "a": PrizeLevel.A,
    "nhat": PrizeLevel.A,
    "b": PrizeLevel.B,
    "nhi": PrizeLevel.B,
    "c": PrizeLevel.C,
    "ba": PrizeLevel.C,
    "khuyenkhich": PrizeLevel.CONSOLATION,
    "kk": PrizeLevel.CONSOLATION,
}


@functools.lru_cache(maxsize=1024)
def parse_kind(cell: str) -> AwardeeKind | None:
    return _KIND_WORDS.get(header_key(cell))


@functools.lru_cache(maxsize=1024)
def parse_form(cell: str) -> AwardForm | None:
    key = header_key(cell)
    if key in _FORM_WORDS:
        return _FORM_WORDS[key]
    for word, form in _FORM_WORDS.items():
        if len(word) > 3 and key.startswith(word):
            return form  # "Giấy khen của Chủ tịch UBND quận"
    return None


@functools.lru_cache(maxsize=1024)
def parse_prize(cell: str) -> PrizeLevel | None:
    key = header_key(cell)
    for prefix in ("giaithuong", "giai"):
        if key.startswith(prefix) and key != prefix:
            key = key[len(prefix) :]
            break
    return _PRIZE_WORDS.get(key)


# Names that begin like these are collectives (case and accents ignored).
_COLLECTIVE_STARTS = tuple(
    text.fold(w) + " "
    for w in (
        "Hội",
        "Chi bộ",
        "Chi hội",
        "Chi đoàn",
        "Đảng bộ",
        "Tổ",
        "UBND",
        "Ủy ban",
        "Uỷ ban",
        "Ban",
        "Mặt trận",
        "MTTQ",
        "Trường",
        "Công an",
        "Quân sự",
        "Phòng",
        "Trung tâm",
        "Trạm",
        "Bệnh viện",
        "Khu dân cư",
        "Khu phố",
        "Khối",
        "Thôn",
        "Xóm",
        "Bản",
        "Ấp",
        "Câu lạc bộ",
        "CLB",
        "Hợp tác xã",
        "HTX",
        "Công ty",
        "Doanh nghiệp",
        "Nhà văn hóa",
        "Văn phòng",
        "Đội",
        "Lớp",
        "Khoa",
        "Tập thể",
        "Cơ quan",
        "Liên đoàn",
        "Liên chi",
        "Nhóm",
        "Phường",
        "Xã",
        "Quận",
        "Huyện",
        "Thị trấn",
        "Ngân hàng",
        "Bưu điện",
        "Đài",
        "Chùa",
        "Giáo xứ",
        "Họ đạo",
    )
)


# "Đoàn" opens a collective ("Đoàn Thanh niên …") and is also a family name ("Đoàn Văn Hùng").
_DOAN_COLLECTIVE = {"thanh", "tn", "tncs", "cong", "kiem", "luat", "dai", "phuong", "xa", "khoi", "co", "viec"}


def guess_kind(name: str) -> AwardeeKind:
    folded = text.fold(name) + " "
    if folded.startswith(_COLLECTIVE_STARTS):
        return AwardeeKind.COLLECTIVE
    words = folded.split()
    if len(words) > 1 and words[0] == "doan" and words[1] in _DOAN_COLLECTIVE:
        return AwardeeKind.COLLECTIVE
    return AwardeeKind.INDIVIDUAL
