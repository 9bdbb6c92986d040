"""Build the one-folder app with PyInstaller, then check that the built copy works.

    python packaging/build.py [--check] [--installer]

Needs `pip install -r packaging/requirements-build.txt`. Runs the same on Windows and
Linux; the result is dist/VinhDanh/ (VinhDanh.exe for the window, vinhdanh-cli.exe for the
commands). With --check the built copy runs `selfcheck`: window opened (offscreen where
there is no screen) and certificates printed with the embedded font. With --installer,
makensis (NSIS) wraps the folder into dist/VinhDanh-CaiDat.exe (packaging/windows/vinhdanh.nsi).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def compile_catalogue(build: Path) -> Path:
    from ui.i18n import compiled_catalogue

    qm = compiled_catalogue(build)
    if qm is None:
        raise SystemExit("lrelease (from PySide6) could not compile ui/translations/qt_vi.ts")
    return qm


def built_cli() -> Path:
    name = "vinhdanh-cli.exe" if sys.platform == "win32" else "vinhdanh-cli"
    return ROOT / "dist" / "VinhDanh" / name


def licences(folder: Path) -> None:
    """The licence texts the notices name, copied from the packages that were built in."""
    from importlib.metadata import distribution

    target = folder / "licenses"
    target.mkdir(exist_ok=True)
    for package, name in (("psycopg", "LGPL-3.0.txt"), ("fontpkg_spectral", "OFL-Spectral.txt")):
        files = [f for f in distribution(package).files or [] if "licen" in str(f).lower()]
        if not files:
            raise SystemExit(f"no licence file found in {package}")
        (target / name).write_bytes(files[0].locate().read_bytes())


def installer(version: str) -> Path:
    import shutil

    makensis = shutil.which("makensis")
    if makensis is None:
        raise SystemExit("makensis (NSIS) is needed for --installer: https://nsis.sourceforge.io")
    out = ROOT / "dist" / "VinhDanh-CaiDat.exe"
    subprocess.run(
        [makensis, "-WX", "-V2", f"-DSOURCE={ROOT / 'dist' / 'VinhDanh'}", f"-DOUTFILE={out}",
         f"-DVERSION={version}", str(ROOT / "packaging" / "windows" / "vinhdanh.nsi")],
        check=True,
    )  # fmt: skip
    return out


def check() -> None:
    env = dict(os.environ)
    if not (env.get("DISPLAY") or sys.platform in ("win32", "darwin")):
        env["QT_QPA_PLATFORM"] = "offscreen"
    result = subprocess.run([str(built_cli()), "selfcheck"], env=env, capture_output=True, text=True, timeout=300)
    print(result.stdout, end="")
    if result.returncode != 0:
        raise SystemExit(f"the built app failed its self-check:\n{result.stderr}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="run the built app's self-check afterwards")
    parser.add_argument("--installer", action="store_true", help="wrap the folder into an installer (NSIS)")
    args = parser.parse_args()
    build = ROOT / "build"
    qm = compile_catalogue(build)
    env = dict(os.environ, VINHDANH_QM=str(qm))
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--distpath", str(ROOT / "dist"),
         "--workpath", str(build / "pyinstaller"), str(ROOT / "packaging" / "vinhdanh.spec")],
        check=True,
        env=env,
    )  # fmt: skip
    licences(ROOT / "dist" / "VinhDanh")
    size = sum(f.stat().st_size for f in (ROOT / "dist" / "VinhDanh").rglob("*") if f.is_file())
    print(f"Built {ROOT / 'dist' / 'VinhDanh'} ({size / 1024 / 1024:.0f} MiB)")
    if args.check:
        check()
    if args.installer:
        from models.version import VERSION

        print(f"Built {installer(VERSION)}")


if __name__ == "__main__":
    main()
