"""The hall's type follows the hall screen's real size: the same slide laid out on a
1024×768 projector, a 1920×1080 screen and a 3840×2160 one keeps its proportions, and a
name is never below 4 % of the screen's height."""

from __future__ import annotations

import pytest

from models.domain.live import Show
from models.reports.mc_script import ceremony_script
from tests.pdf_tools import ceremony_by_place
from ui.session import BookSession
from ui.show.audience_screen import NAME_FLOOR, AudienceScreen
from ui.show.show_controller import ShowController

SIZES = [(1024, 768), (1920, 1080), (3840, 2160)]


@pytest.fixture
def hall(qtbot, sample_book):
    script = ceremony_script(sample_book, ceremony_by_place(sample_book, "Hải Phòng", 2022).id)
    controller = ShowController(Show(script, step=1), BookSession(sample_book), 1)
    screen = AudienceScreen(controller)
    qtbot.addWidget(screen)
    return screen, controller.show


def _sizes(screen: AudienceScreen, names: set[str]) -> tuple[float, float]:
    """The largest name's and the heading's pixel size, as fractions of the screen's height."""
    items = screen.items()
    name = max(i.font.pixelSize() for i in items if i.text.replace("\u00a0", " ") in names)
    heading = max(i.font.pixelSize() for i in items if i.text.startswith("BẰNG KHEN"))
    return name / screen.height(), heading / screen.height()


@pytest.mark.parametrize("one_by_one", [False, True], ids=["whole batch", "one at a time"])
def test_type_keeps_its_proportions_on_every_hall_screen(hall, tmp_path, one_by_one):
    screen, show = hall
    show.one_at_a_time = one_by_one
    names = {e.name for e in show.current.entries}
    found = []
    for width, height in SIZES:
        screen.resize(width, height)
        name, heading = _sizes(screen, names)
        assert name >= NAME_FLOOR * 0.99
        found.append((name, heading))
        screen.grab().save(str(tmp_path / f"hall-{width}x{height}.png"))
    names_at, headings_at = zip(*found, strict=True)
    assert max(names_at) / min(names_at) < 1.25  # the same share of the screen at every size
    assert max(headings_at) / min(headings_at) < 1.05
    if one_by_one:
        assert min(names_at) > 0.08  # alone on the screen, a name is large
