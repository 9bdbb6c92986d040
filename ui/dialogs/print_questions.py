"""What the print page asks before paper is used: why certificates are printed again, and
whether to go on when some text will not print right."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QWidget

from models.domain import text
from ui.widgets import ask

if TYPE_CHECKING:  # the certificate code loads reportlab: imported where it runs, not with the window
    from certificates.print_run import PrintRun
    from certificates.render import RenderResult


def ask_overflows(parent: QWidget, result: RenderResult) -> bool:
    """True to go on. Text that does not fit is named before anything is printed."""
    if not result.overflows:
        return True
    shown = "\n".join(f"• {o.message}" for o in result.overflows[:8])
    more = len(result.overflows) - 8
    if more > 0:
        shown += f"\n… và {more} giấy khác."
    return ask(
        parent,
        "Chữ sẽ in không đúng",
        f"{len(result.overflows)} giấy có chữ sẽ in không đúng (dài quá cả khi đã thu nhỏ, "
        f"hoặc có ký tự phông chữ không in được):\n\n"
        f"{shown}\n\nVẫn tiếp tục? (Chọn Không để sửa lại tên hoặc mẫu giấy.)",
        warning=True,
    )


def ask_reprint_reason(parent: QWidget, run: PrintRun) -> str | None:
    """None: the user backed out. A reprint is logged with why it was needed."""
    if not run.reprints:
        return ""
    # One name a line, each cut short: the question must fit a laptop's screen.
    names = "\n".join(f"– {_short(c.who)}" for c in run.reprints[:5])
    more = len(run.reprints) - 5
    if more > 0:
        names += f"\n… và {more} giấy khác"
    while True:
        reason, ok = QInputDialog.getText(
            parent,
            "In lại",
            f"{len(run.reprints)} giấy đã in trước đây:\n{names}\n\n"
            "Số vào sổ giữ nguyên. Ghi lý do in lại (ví dụ: giấy bị kẹt, sai tên đã sửa):",
        )
        if not ok:
            return None
        if text.clean(reason):
            return reason


def _short(who: str, limit: int = 70) -> str:
    return who if len(who) <= limit else who[: limit - 1].rstrip() + "…"
