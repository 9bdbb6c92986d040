"""`python main.py selfcheck`: prove an installed copy works before the day of the ceremony.

Opens the main window on a throw-away sample book, prints one certificate to a PDF and
reads back that it holds pages with the embedded font; touches no real data.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from certificates import batch
from certificates.render import RenderJob, render_pdf
from models.repos.book import CeremonyBook
from models.repos.print_book import PrintBook
from models.sample import build_sample
from models.storage.store import Store
from ui.i18n import install_vietnamese
from ui.main_window import MainWindow
from ui.session import BookSession


def run_selfcheck() -> list[str]:
    """What was checked, one Vietnamese line each; raises on the first failure."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    said = []
    translated = install_vietnamese(app) is not None
    said.append("Bản dịch tiếng Việt của Qt: " + ("có" if translated else "KHÔNG CÓ (hộp thoại sẽ hiện tiếng Anh)"))
    with tempfile.TemporaryDirectory(prefix="vinhdanh-kiem-tra-") as tmp:
        folder = Path(tmp)
        store = Store(folder / "kiem-tra.sqlite", backups=False)
        try:
            book = CeremonyBook(store)
            ceremonies = build_sample(book)
            window = MainWindow(BookSession(book))
            window.show()
            app.processEvents()
            if not window.isVisible():
                raise RuntimeError("main window not shown")
            said.append(f"Cửa sổ chính mở được ({QApplication.platformName()}), {len(ceremonies)} hội nghị mẫu.")
            plan = batch.prepare(book, PrintBook(store), ceremonies[0].id, assign=False)
            out = folder / "giay-khen.pdf"
            result = render_pdf(RenderJob(plan.certificates[:3], plan.templates), out)
            data = out.read_bytes()
            if result.pages != 3 or b"/FontFile2" not in data or b"Helvetica" in data:
                raise RuntimeError("certificate PDF lacks its pages or its embedded font")
            said.append(f"In thử {result.pages} giấy khen ra PDF ({len(data) // 1024} KiB), phông chữ được nhúng.")
            window.close()
        finally:
            store.close()
    return said
