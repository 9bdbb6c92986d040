"""One at a time on ceremony day: M on either screen hands Bằng khen over one person at a
time; the hall shows that person alone, large, while the MC still sees the whole batch."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.gui_helpers import choose_ceremony, start_show


@pytest.fixture
def hai_phong_show(qtbot, window, monkeypatch):
    choose_ceremony(window, "Hải Phòng", 2022)
    return start_show(qtbot, window, monkeypatch)


def test_m_hands_bang_khen_over_one_by_one_on_both_screens(qtbot, hai_phong_show):
    w = hai_phong_show
    mc, hall, show = w.mc, w.audience, w.controller.show
    qtbot.keyClick(mc, Qt.Key.Key_Right)
    batch = show.current
    whole = hall.texts()
    assert all(e.name in " | ".join(whole) for e in batch.entries)

    qtbot.keyClick(hall, Qt.Key.Key_M)  # a clicker's key on the hall window works too
    assert "từng người một" in mc.message.text()
    first, second = batch.entries[0], batch.entries[1]
    texts = " | ".join(hall.texts())
    assert first.name in texts and second.name not in texts and f"· 1/{len(batch.entries)}" in texts
    assert mc.names.count() == len(batch.entries)  # the MC still sees the batch
    assert mc.names.item(0).text().startswith("▶ 1.") and mc.names.item(0).font().bold()

    qtbot.keyClick(mc, Qt.Key.Key_Right)
    assert show.step == 1 and second.name in " | ".join(hall.texts()) and first.name not in " | ".join(hall.texts())
    assert mc.names.item(1).text().startswith("▶ 2.")
    assert f"TỪNG NGƯỜI: 2/{len(batch.entries)}" in mc.now_heading.text()
    # The name alone is larger than any name of the whole batch.
    alone = max(item.font.pixelSize() for item in hall.items() if item.text == second.name)
    qtbot.keyClick(mc, Qt.Key.Key_M)
    together = max(item.font.pixelSize() for item in hall.items() if item.text == second.name)
    assert alone > together


def test_the_mc_screen_shows_a_live_copy_of_the_hall(qtbot, hai_phong_show):
    from PySide6.QtGui import QImage

    w = hai_phong_show
    mc, hall = w.mc, w.audience

    def preview() -> QImage:
        qtbot.wait(20)  # the copy is taken once the hall has laid out the new slide
        return mc.preview.pixmap().toImage()

    opening = preview()
    assert opening.width() == 320
    qtbot.keyClick(mc, Qt.Key.Key_Right)
    batch = preview()
    assert batch != opening
    # What the hall itself paints, shrunk: the same picture within rounding.
    shrunk = hall.grab().scaledToWidth(320, Qt.TransformationMode.SmoothTransformation).toImage()
    assert shrunk.size() == batch.size()
    differing = sum(
        1
        for y in range(0, batch.height(), 4)
        for x in range(0, batch.width(), 4)
        if abs(batch.pixelColor(x, y).lightness() - shrunk.pixelColor(x, y).lightness()) > 40
    )
    assert differing < batch.width() * batch.height() / 16 * 0.02
