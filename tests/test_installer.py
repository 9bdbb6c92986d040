"""The Windows installer's script, checked where it can be without Windows: NSIS compiles it
(warnings are errors) around a stand-in folder, and what it promises an office holds in its
text: per user without administrator rights, Start-menu entries, the licence notices, the
data folder left in place on uninstall. The licence texts the notices name are gathered by
the build from the packages themselves."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "packaging" / "windows" / "vinhdanh.nsi"
NOTICES = ROOT / "packaging" / "windows" / "NOTICES.txt"


def _makensis() -> str:
    found = shutil.which("makensis")
    if found is None:
        if os.environ.get("VINHDANH_NEED_NSIS") == "1":
            pytest.fail("makensis (NSIS) is needed for this test and is missing")
        pytest.skip("NSIS không có trên máy này")
    return found


def test_nsis_compiles_the_installer_without_a_warning(tmp_path):
    makensis = _makensis()
    folder = tmp_path / "VinhDanh"
    (folder / "licenses").mkdir(parents=True)
    for name in ("VinhDanh.exe", "vinhdanh-cli.exe", "licenses/LGPL-3.0.txt"):
        (folder / name).write_bytes(b"MZ stand-in")
    out = tmp_path / "VinhDanh-CaiDat.exe"
    done = subprocess.run(
        [makensis, "-WX", "-V2", f"-DSOURCE={folder}", f"-DOUTFILE={out}", "-DVERSION=0.2.0", str(SCRIPT)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert out.read_bytes()[:2] == b"MZ"


def test_the_script_installs_per_user_and_leaves_the_data_folder():
    raw = SCRIPT.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with its mark: NSIS reads the Vietnamese right
    script = raw.decode("utf-8-sig")
    assert "Unicode true" in script and "RequestExecutionLevel user" in script
    assert 'InstallDir "$LOCALAPPDATA\\Programs\\Vinh Danh"' in script
    for entry in ("Vinh Danh.lnk", "Giấy phép phần mềm.lnk", "Gỡ cài đặt Vinh Danh.lnk"):
        assert f'"$SMPROGRAMS\\Vinh Danh\\{entry}"' in script
    uninstall = script[script.index('Section "Uninstall"') :]
    assert "$LOCALAPPDATA\\VinhDanh" not in uninstall and "$APPDATA" not in uninstall
    assert re.search(r'IfFileExists "\$INSTDIR\\VinhDanh\.exe" 0 \+2\s+RMDir /r "\$INSTDIR"', uninstall)
    from models.storage import paths

    assert paths.APP_DIR == "VinhDanh"  # the data folder the script steers clear of


def test_the_notices_name_every_licence_the_build_gathers(tmp_path):
    notices = NOTICES.read_bytes().decode("utf-8-sig")
    for named in ("GNU LGPL phiên bản 3", "licenses/LGPL-3.0.txt", "SIL Open Font License 1.1",
                  "licenses/OFL-Spectral.txt", "Gỡ cài đặt Vinh Danh không xóa dữ liệu"):  # fmt: skip
        assert named in notices
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import build
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    build.licences(tmp_path)
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in (tmp_path / "licenses" / "LGPL-3.0.txt").read_text()
    assert "SIL Open Font License" in (tmp_path / "licenses" / "OFL-Spectral.txt").read_text()
