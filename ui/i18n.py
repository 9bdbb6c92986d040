"""Vietnamese for Qt's own strings: our Linguist file, compiled with lrelease when stale.

Qt ships no Vietnamese catalogue; without this, standard buttons, file, message and
print dialogs would speak English.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from models.storage import paths

log = logging.getLogger(__name__)
TS_FILE = Path(__file__).parent / "translations" / "qt_vi.ts"
# A packaged app carries the catalogue compiled at build time (packaging/build.py) and no lrelease.
SHIPPED_QM = TS_FILE.with_suffix(".qm")


def _lrelease() -> Path | None:
    folder = Path(PySide6.__file__).parent
    for name in ("lrelease.exe", "lrelease") if sys.platform == "win32" else ("lrelease",):
        if (folder / name).exists():
            return folder / name
    return None


def compiled_catalogue(cache: Path | None = None) -> Path | None:
    """The .qm for TS_FILE: the one shipped with a packaged app, else compiled into the
    cache folder unless it is up to date."""
    if SHIPPED_QM.exists() and (getattr(sys, "frozen", False) or not TS_FILE.exists()):
        return SHIPPED_QM
    target = (cache or paths.cache_dir()) / "qt_vi.qm"
    if target.exists() and target.stat().st_mtime >= TS_FILE.stat().st_mtime:
        return target
    tool = _lrelease()
    if tool is None:
        log.warning("lrelease not found next to PySide6; Qt dialogs stay untranslated")
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [str(tool), "-silent", str(TS_FILE), "-qm", str(target)], capture_output=True, text=True, timeout=60
    )
    if result.returncode != 0 or not target.exists():
        log.warning("lrelease failed: %s", result.stderr.strip())
        return None
    return target


def install_vietnamese(app: QCoreApplication) -> QTranslator | None:
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    catalogue = compiled_catalogue()
    if catalogue is None:
        return None
    translator = QTranslator(app)
    if not translator.load(str(catalogue)):
        log.warning("could not load %s", catalogue)
        return None
    app.installTranslator(translator)
    return translator
