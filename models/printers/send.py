"""Sending a finished PDF of certificates to a CUPS queue: checked before anything goes,
then one job per stretch of pages on the same paper, in award order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from models.printers import cups
from models.printers.pages import PaperStretch, paper_stretches


@dataclass(frozen=True, slots=True)
class QueueOrder:
    queue: str
    copies: int = 1
    first_only: bool = False  # one page, to check the position on a blank form
    manual_feed: bool = False  # blank forms fed by hand, one at a time


@dataclass(frozen=True, slots=True)
class Checked:
    stretches: list[PaperStretch]
    manual_slot: str


def lacks_paper(printer: str, missing: list[str]) -> str:
    return (
        f"Máy in “{printer}” không có khổ giấy {', '.join(missing)} mà mẫu giấy khen cần; chưa gửi trang nào, chưa"
        " cấp số nào. Hãy chọn máy in khác hoặc đổi khổ giấy trong Mẫu giấy khen."
    )


def check_queue(order: QueueOrder, papers: set[str]) -> str:
    """PrinterError naming what the queue lacks for these papers (nothing is sent); else
    the tray to ask for, "" for the usual one. Checked before any number is given."""
    known = cups.queues()
    if order.queue not in known:
        listed = ", ".join(f"“{q}”" for q in known) or "không có máy in nào"
        raise cups.PrinterError(f"Không có máy in “{order.queue}” trên máy này (các máy in: {listed}).")
    offered = cups.options(order.queue)
    missing = sorted(p for p in papers if not p.startswith("Custom.") and not offered.has_paper(p))
    if missing:
        raise cups.PrinterError(lacks_paper(order.queue, missing))
    if order.manual_feed and not offered.manual_slot:
        raise cups.PrinterError(
            f"Máy in “{order.queue}” không có khay nạp tay; bỏ chọn “Nạp tay từng tờ” để in từ khay thường."
        )
    return offered.manual_slot if order.manual_feed else ""


def check(pdf: Path, order: QueueOrder) -> Checked:
    """What will be sent, or PrinterError naming what the printer lacks (nothing is sent)."""
    stretches = paper_stretches(pdf)
    if order.first_only:
        stretches = [PaperStretch(1, 1, stretches[0].paper, stretches[0].landscape)] if stretches else []
    return Checked(stretches, check_queue(order, {s.paper for s in stretches}))


def send(
    pdf: Path,
    order: QueueOrder,
    progress: Callable[[int, int], None] = lambda done, total: None,
    stopped: Callable[[], bool] = lambda: False,
    checked: Checked | None = None,
) -> int:
    """Send the PDF's pages; Hủy stops between jobs. The number of pages sent."""
    checked = checked or check(pdf, order)
    total = sum(s.pages for s in checked.stretches)
    sent = 0
    progress(0, total)
    for stretch in checked.stretches:
        if stopped():
            break
        cups.submit(
            pdf,
            order.queue,
            paper=stretch.paper,
            pages=stretch.page_list,
            copies=order.copies,
            manual_feed=checked.manual_slot,
            title=f"Vinh Danh – {pdf.stem}",
        )
        sent += stretch.pages
        progress(sent, total)
    return sent
