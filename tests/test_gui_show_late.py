"""Late changes on ceremony day: an awardee added while the show runs appears in it, marked
"bổ sung" for the MC, without restarting it; one removed disappears from both screens."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from models.domain.records import Awardee, AwardeeKind
from models.ops.records import AddRecords, DeleteRecords
from tests.gui_helpers import choose_ceremony, start_show


@pytest.fixture
def running(qtbot, window, monkeypatch):
    ceremony_id = choose_ceremony(window, "Long Biên", 2022)
    return window, start_show(qtbot, window, monkeypatch), ceremony_id


def test_a_late_awardee_joins_the_running_show_and_a_removed_one_leaves(qtbot, running):
    window, w, ceremony_id = running
    show, mc = w.controller.show, w.mc
    last = show.script.batches[-1]
    qtbot.keyClicks(mc, str(last.number))
    qtbot.keyClick(mc, Qt.Key.Key_Return)
    assert show.current is last
    before = len(last.entries)

    decision = window.session.book.decisions(ceremony_id)[0]
    late = Awardee(ceremony_id, AwardeeKind.COLLECTIVE, "Chi hội Cựu chiến binh tổ dân phố số 9", unit="Phường Bồ Đề",
                   decision_id=decision.id)  # fmt: skip
    assert window.session.run(AddRecords(window.session.awardees, [late], "thêm"))
    qtbot.waitUntil(lambda: any("bổ sung" in mc.names.item(i).text() for i in range(mc.names.count())), timeout=3000)
    assert show.step == last.number  # the show did not restart
    names = [mc.names.item(i).text() for i in range(mc.names.count())]
    assert names[-1].endswith("Chi hội Cựu chiến binh tổ dân phố số 9 (bổ sung)") and len(names) == before + 1
    assert "Chi hội Cựu chiến binh tổ dân phố số 9" in " | ".join(w.audience.texts())
    assert "bổ sung Chi hội Cựu chiến binh" in mc.message.text()

    gone = show.current.entries[0]
    record = window.session.book.awardee(gone.ref.awardee_id)
    assert window.session.run(DeleteRecords(window.session.awardees, [record], "xóa"))
    qtbot.waitUntil(lambda: gone.name not in " | ".join(w.audience.texts()), timeout=3000)
    assert all(gone.name not in mc.names.item(i).text() for i in range(mc.names.count()))
    assert show.step == last.number


def test_a_person_moved_on_the_order_page_meanwhile_moves_on_both_screens(qtbot, running):
    from models.domain import award_order as ao

    window, w, _ = running
    show, mc = w.controller.show, w.mc
    qtbot.keyClick(mc, Qt.Key.Key_Right)
    first = show.current.entries[0]
    last_row = len(show.current.entries)
    assert window.order.change("Đổi chỗ", lambda o: ao.move_entries(o, [first.ref], 0, last_row))
    qtbot.waitUntil(lambda: show.current.entries[-1].ref == first.ref, timeout=3000)
    assert mc.names.item(mc.names.count() - 1).text().endswith(first.spoken)
    assert "(bổ sung)" not in mc.names.item(mc.names.count() - 1).text()  # moved, not added
