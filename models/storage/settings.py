"""Settings of this computer (not of a ceremony book): printer calibration, folders and
books used last.

A JSON file in the data folder, shared by the window and the command line. A printer
shifts and stretches the paper in its own way, so the correction is kept per printer.
"""

from __future__ import annotations

import json
import logging
import math
from dataclasses import asdict, dataclass
from pathlib import Path

from models.errors import StorageError, ValidationError, os_error_text
from models.storage.atomic import atomic_write

log = logging.getLogger(__name__)

# A sound printer is off by a few millimetres and a percent or two; beyond this is a typo.
MAX_OFFSET_MM = 30.0
MAX_SCALE_ERROR = 0.10
RECENT_BOOKS = 8


@dataclass(frozen=True, slots=True)
class Calibration:
    """Correction applied before printing: printed = offset + scale * intended, in mm."""

    offset_x: float = 0.0
    offset_y: float = 0.0
    scale_x: float = 1.0
    scale_y: float = 1.0

    @property
    def is_identity(self) -> bool:
        return self == Calibration()

    def check(self) -> Calibration:
        for name, offset in (("ngang", self.offset_x), ("dọc", self.offset_y)):
            if abs(offset) > MAX_OFFSET_MM:
                raise ValidationError(
                    f"Độ dịch {name} {offset:+.1f} mm quá lớn (tối đa ±{MAX_OFFSET_MM:.0f} mm). "
                    "Hãy đo lại trên trang căn chỉnh."
                )
        for name, scale in (("ngang", self.scale_x), ("dọc", self.scale_y)):
            if abs(scale - 1) > MAX_SCALE_ERROR:
                raise ValidationError(
                    f"Tỉ lệ {name} {scale * 100:.1f}% nằm ngoài khoảng 90–110%. Hãy đo lại trên trang căn chỉnh."
                )
        return self

    @classmethod
    def from_measurements(
        cls,
        near: tuple[float, float],
        near_measured: tuple[float, float],
        far: tuple[float, float],
        far_measured: tuple[float, float],
    ) -> Calibration:
        """The correction that undoes what the printer did to two crosshairs.

        The printer maps an intended point p to a + s*p. Printing p' = (p - a) / s instead
        lands on p, so the correction is offset -a/s and scale 1/s.
        """
        values = []
        for axis in (0, 1):
            span = far[axis] - near[axis]
            measured_span = far_measured[axis] - near_measured[axis]
            if span <= 0 or measured_span <= 0:
                raise ValidationError("Hai dấu chữ thập phải đo theo đúng thứ tự: gần góc trên trái rồi góc dưới phải.")
            s = measured_span / span
            a = near_measured[axis] - s * near[axis]
            values.append((-a / s, 1 / s))
        (ox, sx), (oy, sy) = values
        return cls(round(ox, 2), round(oy, 2), round(sx, 5), round(sy, 5)).check()


class Settings:
    def __init__(self, path: Path | str):
        self.path = Path(path)
        self._data = self._load()

    def _load(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            # A broken settings file must not stop a ceremony: start from defaults.
            log.warning("ignoring unreadable settings %s: %s", self.path, exc)
            return {}
        return data if isinstance(data, dict) else {}

    def _save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(self.path) as f:
            json.dump(self._data, f, ensure_ascii=False, indent=2, sort_keys=True)

    def _table(self, name: str, *, create: bool = False) -> dict:
        """A section of the file, as a dict whatever the file holds there (a hand-edited
        `"calibration": []` must not stop printing)."""
        table = self._data.get(name)
        if not isinstance(table, dict):
            table = {}
            if create:
                self._data[name] = table
        return table

    def calibration(self, printer: str) -> Calibration:
        raw = self._table("calibration").get(printer)
        if not isinstance(raw, dict):
            return Calibration()
        try:
            values = {k: float(raw[k]) for k in ("offset_x", "offset_y", "scale_x", "scale_y")}
            if not all(math.isfinite(v) for v in values.values()):
                raise ValueError("not a finite number")
            return Calibration(**values).check()
        except (KeyError, TypeError, ValueError, ValidationError) as exc:
            # A hand-edited or damaged setting is ignored, never fatal: print uncorrected.
            log.warning("ignoring calibration of %s in %s: %s", printer, self.path, exc)
            return Calibration()

    def calibrated_printers(self) -> list[str]:
        return sorted(self._table("calibration"))

    def set_calibration(self, printer: str, calibration: Calibration) -> None:
        calibration.check()
        table = self._table("calibration", create=True)
        if calibration.is_identity:
            table.pop(printer, None)
        else:
            table[printer] = asdict(calibration)
        try:
            self._save()
        except OSError as exc:
            raise StorageError(
                f"Chưa lưu được số căn chỉnh vào “{self.path}”: {os_error_text(exc)}. Máy in vẫn in như chưa căn chỉnh."
            ) from exc

    def import_mapping(self, header_signature: str) -> dict[str, str] | None:
        raw = self._table("import_mappings").get(header_signature)
        return raw if isinstance(raw, dict) else None

    def set_import_mapping(self, header_signature: str, mapping: dict[str, str]) -> None:
        table = self._table("import_mappings", create=True)
        table[header_signature] = mapping
        if len(table) > 50:  # keep the file small: forget the oldest
            for old in list(table)[: len(table) - 50]:
                del table[old]
        self._save_quietly()  # a convenience: the import itself must not fail for it

    def repeat_years(self) -> int:
        """The office's period for "the same form again too soon": 1 is the same year."""
        raw = self._data.get("repeat_award_years", 1)
        return raw if isinstance(raw, int) and 1 <= raw <= 50 else 1

    def set_repeat_years(self, years: int) -> None:
        self._data["repeat_award_years"] = max(1, min(50, int(years)))
        self._save_quietly()

    def last_folder(self) -> Path | None:
        raw = self._data.get("last_folder")
        return Path(raw) if isinstance(raw, str) and raw else None

    def set_last_folder(self, folder: Path) -> None:
        if self._data.get("last_folder") != str(folder):
            self._data["last_folder"] = str(folder)
            self._save_quietly()

    def recent_books(self) -> list[Path]:
        raw = self._data.get("recent_books", [])
        return [Path(p) for p in raw if isinstance(p, str)] if isinstance(raw, list) else []

    def add_recent_book(self, book: Path) -> None:
        books = [str(book)] + [str(p) for p in self.recent_books() if p != book]
        self._data["recent_books"] = books[:RECENT_BOOKS]
        self._save_quietly()

    def _save_quietly(self) -> None:
        # Remembering a folder is a convenience: a read-only settings file must not stop work.
        try:
            self._save()
        except OSError as exc:
            log.warning("settings not saved: %s", exc)
