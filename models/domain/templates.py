"""Certificate templates: paper, font, wording options and blank-form positions.

Plain data saved as JSON per ceremony and award form. Positions are millimetres from the
paper's top-left corner, the way a clerk measures a pre-printed form with a ruler.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import math
from dataclasses import dataclass, field
from enum import StrEnum

from models.domain import text
from models.domain.links import check_news_url
from models.domain.records import AwardForm
from models.errors import ValidationError


class Paper(StrEnum):
    A4 = "A4"
    A3 = "A3"

    @property
    def label(self) -> str:
        return f"{self.value} ngang"

    @property
    def size_mm(self) -> tuple[float, float]:
        """Landscape width and height."""
        return (297.0, 210.0) if self is Paper.A4 else (420.0, 297.0)


log = logging.getLogger(__name__)
MAX_MM = 420.0  # the long side of A3: no box lies beyond it
MAX_POINTS = 200.0
MAX_WORDING = 200

# The variable fields a blank form (phôi) receives, in the order they are listed to the user.
FIELD_LABELS = {
    "issuer": "Cơ quan khen thưởng",
    "title": "Tên hình thức (GIẤY KHEN)",
    "lead": "Chữ “Tặng”",
    "name": "Tên tập thể, cá nhân",
    "detail": "Chức vụ, đơn vị",
    "model": "Mô hình / tác phẩm",
    "achievement": "Thành tích",
    "date_line": "Địa danh, ngày tháng",
    "signer_role": "Chức vụ người ký",
    "signer_name": "Họ tên người ký",
    "reference": "Số quyết định",
    "register_no": "Số vào sổ",
    "qr": "Mã QR",
}


@dataclass(slots=True)
class Placement:
    """A box on the paper, in millimetres from the top-left corner; size in points."""

    x: float
    y: float
    width: float
    height: float
    size: float
    enabled: bool = True
    # "" keeps the layout's own choice for the field.
    style: str = ""  # "regular", "bold", "italic"
    align: str = ""  # "left", "center", "right"
    caps: bool = False  # printed in capitals, as some forms set the name
    font_files: tuple[str, ...] = ()  # this field's own typeface (regular, bold, italic); () the template's


STYLES = {"regular": "Thường", "bold": "Đậm", "italic": "Nghiêng"}
ALIGNS = {"left": "Trái", "center": "Giữa", "right": "Phải"}


@dataclass(slots=True)
class CertificateTemplate:
    paper: Paper = Paper.A4
    # Regular, bold and italic TrueType files; empty means the bundled font.
    font_files: tuple[str, ...] = ()
    lead: str = "Tặng"
    individual_prefix: str = ""  # "Đồng chí", "Ông/Bà" before a person's name
    qr_url_template: str = ""  # empty: the ceremony's article; may hold {so}
    show_qr: bool = True
    # Blank-form positions that differ from the default layout, keyed by FIELD_LABELS.
    placements: dict[str, Placement] = field(default_factory=dict)

    def to_json(self) -> str:
        data = dataclasses.asdict(self)
        data["paper"] = self.paper.value
        data["font_files"] = list(self.font_files)
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def default(cls, form: AwardForm) -> CertificateTemplate:
        return cls(lead="Chứng nhận" if form is AwardForm.GIAY_CHUNG_NHAN else "Tặng")

    @classmethod
    def from_json(cls, raw: str, form: AwardForm) -> CertificateTemplate:
        """Tolerant of missing and unknown keys, so older and newer copies still open."""
        try:
            data = json.loads(raw or "{}")
        except json.JSONDecodeError:
            data = {}
        if not isinstance(data, dict):
            data = {}
        t = cls.default(form)
        if data.get("paper") in Paper._value2member_map_:
            t.paper = Paper(data["paper"])
        files = data.get("font_files")
        if isinstance(files, list) and len(files) == 3 and all(isinstance(f, str) for f in files):
            t.font_files = tuple(files)
        for name in ("lead", "individual_prefix"):
            if isinstance(data.get(name), str):
                setattr(t, name, text.clean(data[name])[:MAX_WORDING])
        if isinstance(data.get("qr_url_template"), str):
            try:  # stored by an older copy or by hand: checked as when it is typed
                t.qr_url_template = check_url_template(data["qr_url_template"])
            except ValidationError as exc:
                log.warning("ignoring the QR link template: %s", exc.message)
        if isinstance(data.get("show_qr"), bool):
            t.show_qr = data["show_qr"]
        placements = data.get("placements")
        for key, value in placements.items() if isinstance(placements, dict) else ():
            placement = _placement(value)
            if key in FIELD_LABELS and placement is not None:
                t.placements[key] = placement
        return t


def _placement(value: object) -> Placement | None:
    """A stored box, if it could be on a sheet of A3 at all: finite millimetres, a type size
    a printer can set. NaN, 1e308 or a negative width are dropped for the default box."""
    if not isinstance(value, dict):
        return None
    try:
        numbers = [float(value[k]) for k in ("x", "y", "width", "height", "size")]
    except (KeyError, TypeError, ValueError):
        return None
    x, y, width, height, size = numbers
    if not all(math.isfinite(n) for n in numbers):
        return None
    if not (0 <= x <= MAX_MM and 0 <= y <= MAX_MM and 0 < width <= MAX_MM and 0 < height <= MAX_MM):
        return None
    if not 0 < size <= MAX_POINTS:
        return None
    style, align = value.get("style", ""), value.get("align", "")
    return Placement(
        x, y, width, height, size,
        enabled=bool(value.get("enabled", True)),
        style=style if style in STYLES else "",
        align=align if align in ALIGNS else "",
        caps=value.get("caps") is True,
        font_files=_font_files(value.get("font_files")),
    )  # fmt: skip


def _font_files(value: object) -> tuple[str, ...]:
    ok = isinstance(value, list) and len(value) == 3 and all(isinstance(f, str) and f for f in value)
    return tuple(value) if ok else ()  # type: ignore[arg-type]


def check_url_template(template: str) -> str:
    """A per-certificate link: http(s) only, and {so} the only placeholder."""
    template = text.clean(template)
    if not template:
        return template
    if "{" in template.replace("{so}", "") or "}" in template.replace("{so}", ""):
        # Only the bare {so}: "{0}" or "{so:>300000000}" would fail or fill gigabytes at print.
        raise ValidationError(
            f"Mẫu địa chỉ “{template}” chỉ được chứa chỗ trống {{so}} (số vào sổ), không có gì khác trong ngoặc {{ }}."
        )
    try:
        sample = template.format(so="0000%2FGK-2022")  # as long as a real register number
    except (KeyError, IndexError, ValueError) as exc:
        raise ValidationError(
            f"Mẫu địa chỉ “{template}” chỉ được chứa chỗ trống {{so}} (số vào sổ); lỗi ở: {exc}."
        ) from exc
    check_news_url(sample)
    return template


_SETTING_LABELS = {
    "paper": "Khổ giấy",
    "font_files": "Phông chữ",
    "lead": "Chữ “Tặng”",
    "individual_prefix": "Trước tên cá nhân",
    "show_qr": "In mã QR",
    "qr_url_template": "Địa chỉ QR",
}


def merge_templates(
    read: CertificateTemplate, mine: CertificateTemplate, theirs: CertificateTemplate
) -> tuple[CertificateTemplate, list[str]]:
    """Two organisers edited one template from `read`: theirs where only they changed a
    setting or a box, mine where I did. The labels of what both changed differently come
    second; the result keeps mine there."""
    merged = dataclasses.replace(theirs, placements=dict(theirs.placements))
    clashes: list[str] = []

    def take(label: str, was: object, my: object, their: object) -> bool:
        if my == was:
            return False
        if their not in (was, my):
            clashes.append(label)
        return True

    for name, label in _SETTING_LABELS.items():
        if take(label, getattr(read, name), getattr(mine, name), getattr(theirs, name)):
            setattr(merged, name, getattr(mine, name))
    for key, label in FIELD_LABELS.items():
        my = mine.placements.get(key)
        if take(f"Vị trí “{label}”", read.placements.get(key), my, theirs.placements.get(key)):
            if my is None:  # back to the default box
                merged.placements.pop(key, None)
            else:
                merged.placements[key] = my
    return merged, clashes
