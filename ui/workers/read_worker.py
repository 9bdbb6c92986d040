"""Reading a received list off the window's thread: the window keeps painting, and after a
moment a progress box with Hủy appears. Hủy lets the clerk go on at once; the reader stops
at its next row (xlrd reads an .xls whole before its first row, so that one finishes first)."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from models.errors import BookError
from models.sheets.read import read_workbook
from models.sheets.sheet import ReadStopped, Workbook, stop_reading_on

log = logging.getLogger(__name__)
SHOW_AFTER_MS = 300
POLL_MS = 30


def read_in_background(path: Path, parent: QWidget) -> Workbook | None:
    """The workbook, or None when it cannot be read (said to the user) or Hủy was pressed."""
    outcome: dict[str, object] = {}
    stop = threading.Event()

    def work() -> None:
        stop_reading_on(stop)
        try:
            outcome["workbook"] = read_workbook(path)
        except ReadStopped:
            log.info("reading %s stopped by Hủy", path)
        except BookError as exc:
            outcome["refused"] = exc.message
        except MemoryError:
            outcome["refused"] = f"Tệp “{path.name}” cần quá nhiều bộ nhớ để đọc; hãy mở bằng Excel và lưu lại."
        except Exception:  # a bug must not vanish with its thread: logged, said plainly
            log.exception("reading %s failed", path)
            outcome["refused"] = f"Lỗi không mong đợi khi đọc “{path.name}”; chi tiết đã ghi vào nhật ký."

    reader = threading.Thread(target=work, name="doc-bang-tinh", daemon=True)
    reader.start()
    loop = QEventLoop()
    progress = QProgressDialog(f"Đang đọc “{path.name}”…", "Hủy", 0, 0, parent)
    progress.setWindowTitle("Nhập danh sách")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)
    progress.hide()  # shown only if the reading takes a noticeable moment
    over: list[bool] = []  # set once this function is done with the box
    QTimer.singleShot(SHOW_AFTER_MS, lambda: None if over or not reader.is_alive() else progress.show())
    progress.canceled.connect(loop.quit)
    poll = QTimer(interval=POLL_MS)
    poll.timeout.connect(lambda: None if reader.is_alive() else loop.quit())
    poll.start()
    if reader.is_alive():
        loop.exec()
    poll.stop()
    over.append(True)
    cancelled = progress.wasCanceled()
    progress.close()
    progress.deleteLater()
    if cancelled and reader.is_alive():
        stop.set()
        return None
    reader.join()
    if "refused" in outcome:
        QMessageBox.warning(parent, "Không nhập được tệp này", str(outcome["refused"]))
        return None
    return outcome.get("workbook")  # type: ignore[return-value]
