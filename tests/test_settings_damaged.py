"""A hand-edited or damaged settings file is read for what is sound in it, never fatal."""

from __future__ import annotations

import json

import pytest

import main
from models.storage import paths
from models.storage.settings import Calibration, Settings
from tests import sheet_files as S


@pytest.mark.parametrize(
    "content",
    [
        {"import_mappings": []},
        {"import_mappings": "x"},
        {"import_mappings": {"abc": [1, 2]}},
        {"calibration": []},
        {"calibration": "x"},
        {"calibration": {"HP": {"offset_x": "NaN", "offset_y": 0, "scale_x": 1, "scale_y": 1}}},
        {"calibration": {"HP": {"offset_x": 1e308, "offset_y": 0, "scale_x": 1, "scale_y": 1}}},
        {"calibration": {"HP": "x"}},
        {"recent_books": {"a": 1}, "last_folder": 5},
    ],
)
def test_import_and_blank_form_printing_work_whatever_the_settings_hold(tmp_path, capsys, content):
    paths.settings_file().parent.mkdir(parents=True, exist_ok=True)
    paths.settings_file().write_text(json.dumps(content), encoding="utf-8")
    settings = Settings(paths.settings_file())
    assert settings.calibration("HP") == Calibration()
    assert settings.last_folder() is None and settings.recent_books() == []

    db = tmp_path / "mau.sqlite"
    assert main.main(["demo", "--db", str(db)]) == 0
    source = S.write_xlsx(tmp_path / "ds.xlsx", S.table_rows(), merges=())
    assert main.main(["import", str(source), "--db", str(db), "--ceremony", "1"]) == 0
    out = tmp_path / "phoi.pdf"
    args = ["certificates", "--db", str(db), "--ceremony", "1", "--out", str(out), "--blank-form", "--printer", "HP"]
    assert main.main(args) == 0
    assert "Lỗi" not in capsys.readouterr().err


def test_a_settings_folder_that_cannot_be_written_never_stops_an_import(tmp_path, capsys, monkeypatch):
    import errno

    from models.errors import StorageError

    def cannot(*_a, **_k):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("models.storage.settings.atomic_write", cannot)
    settings = Settings(tmp_path / "settings.json")
    settings.set_import_mapping("abc", {"0": "name"})  # remembered in memory, said in the log only
    with pytest.raises(StorageError, match="không có quyền"):
        settings.set_calibration("HP", Calibration(offset_x=1.0))
