"""Starting the ceremony screens: choose where the hall's screen goes, resume, open both."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from models.domain.live import Show
from models.domain.script import build_script
from models.ops.live import BeginShow
from ui.session import BookSession
from ui.show.audience_screen import AudienceScreen
from ui.show.mc_screen import McScreen
from ui.show.show_controller import ShowController
from ui.widgets import ask

WINDOWED = None  # the "a window on this screen" choice


def screen_label(number: int, screen: QScreen, primary: QScreen | None) -> str:
    g = screen.geometry()
    name = screen.model() or screen.name()
    role = " – màn hình chính" if screen is primary else ""
    return f"Màn hình {number}: {name} ({g.width()}×{g.height()}){role}"


class ScreenDialog(QDialog):
    """Where the audience screen goes: full screen on a display Qt sees, or a window."""

    def __init__(self, mc_screen: QScreen | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Bắt đầu điều hành lễ trao")
        self.choice = QComboBox()
        screens = QGuiApplication.screens()
        primary = QGuiApplication.primaryScreen()
        for i, screen in enumerate(screens, 1):
            self.choice.addItem(f"Toàn màn hình trên {screen_label(i, screen, primary)}", screen)
        self.choice.addItem("Cửa sổ thường (kéo sang máy chiếu nếu cần)", WINDOWED)
        others = [i for i, s in enumerate(screens) if s is not mc_screen]
        self.choice.setCurrentIndex(others[0] if others else len(screens))
        hint = QLabel(
            f"Máy tính đang thấy {len(screens)} màn hình. Màn hình dẫn chương trình mở trên màn hình này; "
            "màn hình khán giả mở ở nơi chọn dưới đây. Nếu máy chiếu chưa hiện, hãy chọn chế độ "
            "“Mở rộng” (Windows + P) rồi mở lại hộp này."
        )
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Bắt đầu")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(hint)
        form.addRow("Màn hình &khán giả:", self.choice)
        form.addRow(buttons)

    def target(self) -> QScreen | None:
        return self.choice.currentData()


@dataclass
class ShowWindows:
    controller: ShowController
    mc: McScreen
    audience: AudienceScreen

    def close(self) -> None:
        self.mc.close()
        self.audience.close()


def open_show(session: BookSession, ceremony_id: int, parent: QWidget) -> ShowWindows | None:
    """Ask where the hall's screen goes, then open both screens on the saved order."""
    book = session.book
    orders = session.orders
    current = orders.current(book, ceremony_id)
    if not current.order.batches:
        session.failed.emit("Hội nghị này chưa có ai để trao: hãy nhập danh sách và gắn quyết định trước.")
        return None
    dialog = ScreenDialog(parent.screen(), parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    order = current.order
    script = build_script(book.ceremony(ceremony_id), order, current.entries, book.decisions(ceremony_id))
    show = Show(script, set(order.absent), order.live_step)
    if 0 < show.step and not ask(
        parent,
        "Tiếp tục lễ trao",
        f"Lần trước màn hình dừng ở {show.step_label(show.step)}. Tiếp tục từ đó?\n"
        "Chọn “Không” để bắt đầu lại từ phần mở đầu.",
        default_yes=True,
    ):
        show.go(0)
        order.live_started = None  # begun again: so is the clock
    order.live_step = show.step
    # Absences and the position are kept from here on, through any crash.
    if not session.run(BeginShow(orders, order)):
        return None

    controller = ShowController(show, session, ceremony_id, started=order.live_started)
    audience = AudienceScreen(controller)
    mc = McScreen(controller)
    mc.follow_hall(audience.picture)
    windows = ShowWindows(controller, mc, audience)
    controller.finished.connect(windows.close)
    _place(audience, dialog.target())
    mc.setScreen(parent.screen())
    mc.setGeometry(parent.screen().availableGeometry())
    mc.showMaximized()
    mc.activateWindow()
    mc.setFocus()
    return windows


def _place(audience: AudienceScreen, screen: QScreen | None) -> None:
    if screen is None:
        audience.resize(960, 540)
        audience.show()
        return
    # Move onto the display first: full screen applies to the screen the window is on.
    audience.setScreen(screen)
    audience.setGeometry(screen.geometry())
    audience.setCursor(Qt.CursorShape.BlankCursor)  # no pointer on the projector
    audience.showFullScreen()
