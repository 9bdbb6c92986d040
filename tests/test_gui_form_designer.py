"""Placing the blank form's fields with the mouse over a scan of the form: a box dragged and
nudged prints where it was dropped (read back from the PDF, ±0.5 mm); a photo taken askew
is fitted through two marked points."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QTransform
from PySide6.QtWidgets import QApplication

from certificates.print_run import PrintRun
from certificates.render import render_pdf
from models.domain.printing import PaperMode
from models.domain.records import AwardForm
from tests.gui_helpers import choose_ceremony
from tests.pdf_tools import page_chars
from ui.dialogs.form_designer import two_point_transform
from ui.dialogs.template_dialog import TemplateDialog

MM = 72 / 25.4
DPI = 100


def _scan(path, *, turn: float = 0.0):
    """A blank form as a scanner gives it: A4 landscape at 100 dpi, a frame 10 mm in."""
    px = DPI / 25.4
    image = Image.new("RGB", (round(297 * px), round(210 * px)), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle([10 * px, 10 * px, 287 * px, 200 * px], outline=(180, 0, 0), width=4)
    draw.line([40 * px, 112 * px, 257 * px, 112 * px], fill=(0, 0, 0), width=2)  # the name's dotted line
    if turn:
        image = image.rotate(turn, expand=True, fillcolor="white")
    image.save(path)
    return path


def _mouse(view, kind, at: QPoint, buttons) -> None:
    button = Qt.MouseButton.LeftButton
    event = QMouseEvent(kind, QPointF(at), view.viewport().mapToGlobal(QPointF(at)), button, buttons,
                        Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(view.viewport(), event)


def _drag(view, start_mm: QPointF, end_mm: QPointF) -> None:
    """Press, move in steps and release, as a hand does (the left button held throughout)."""
    held, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    start, end = view.mapFromScene(start_mm), view.mapFromScene(end_mm)
    _mouse(view, QEvent.Type.MouseButtonPress, start, held)
    for i in range(1, 11):
        _mouse(view, QEvent.Type.MouseMove, start + (end - start) * i / 10, held)
    _mouse(view, QEvent.Type.MouseButtonRelease, end, none)


def _name_position(book, prints, ceremony_id, ref, out) -> tuple[float, float]:
    """Where the name's first letter prints on the blank form, in mm from the paper's corner."""
    run = PrintRun(book, prints, ceremony_id, {ref}, mode=PaperMode.BLANK)
    render_pdf(run.job(), out)
    name = run.certificates[0].who
    chars, _, _ = page_chars(out, 0)
    text = "".join(c["text"] for c in chars)
    first = chars[text.index(name.split()[0])]
    return first["x0"] / MM, first["top"] / MM


@pytest.fixture
def designer(qtbot, window, tmp_path):
    ceremony_id = choose_ceremony(window, "Long Biên", 2022)
    dialog = TemplateDialog(window.session, ceremony_id, window)
    qtbot.addWidget(dialog)
    designer = dialog.designer()
    qtbot.addWidget(designer)
    designer.show()
    qtbot.waitExposed(designer)
    return window, ceremony_id, dialog, designer


def test_a_box_dragged_and_nudged_over_the_scan_prints_where_it_was_dropped(qtbot, designer, tmp_path):
    window, ceremony_id, dialog, d = designer
    d.show_scan(_scan(tmp_path / "phoi.png"))
    assert d.scan.sceneBoundingRect().toRect() == d.scene.sceneRect().toRect()  # laid on the paper's corners

    book, prints = window.session.book, window.session.prints
    ref = PrintRun(book, prints, ceremony_id, mode=PaperMode.BLANK).certificates[0].ref
    before = _name_position(book, prints, ceremony_id, ref, tmp_path / "truoc.pdf")

    box = d.boxes["name"]
    start = box.pos() + QPointF(box.rect().width() / 3, box.rect().height() / 2)
    _drag(d.view, start, start + QPointF(20, 10))
    assert (box.placement.x, box.placement.y) == pytest.approx((box.pos().x(), box.pos().y()))
    d.select("name")
    for _ in range(2):
        qtbot.keyClick(d.view, Qt.Key.Key_Right)  # 0.5 mm each
    qtbot.keyClick(d.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)  # 5 mm
    assert f"cách trái {box.placement.x:.1f} mm, cách trên {box.placement.y:.1f} mm" in d.readout.text()
    moved = d.placements()["name"]
    d.accept()
    dialog.placements.set_placements(d.placements())
    assert dialog.save()
    saved = prints.template(ceremony_id, AwardForm.GIAY_KHEN).placements["name"]
    assert (saved.x, saved.y) == (moved.x, moved.y)

    after = _name_position(book, prints, ceremony_id, ref, tmp_path / "sau.pdf")
    dx, dy = after[0] - before[0], after[1] - before[1]
    assert dx == pytest.approx(20 + 1.0, abs=0.5) and dy == pytest.approx(10 + 5.0, abs=0.5)


def test_a_photo_taken_askew_is_fitted_through_two_marked_points(qtbot, designer, tmp_path):
    _, _, _, d = designer
    d.show_scan(_scan(tmp_path / "chup.png", turn=3))
    # The frame's top-left and bottom-right corners as they lie in the turned photo.
    photo = Image.open(tmp_path / "chup.png")
    px = DPI / 25.4
    turn = QTransform().translate(photo.width / 2, photo.height / 2).rotate(-3)
    turn = turn.translate(-297 * px / 2, -210 * px / 2)
    corners = (turn.map(QPointF(10 * px, 10 * px)), turn.map(QPointF(287 * px, 200 * px)))
    real = (QPointF(10, 10), QPointF(287, 200))
    d.set_known_points(*real)
    d.start_marking()
    for corner in corners:
        at = d.view.mapFromScene(d.scan.mapToScene(corner))
        _mouse(d.view, QEvent.Type.MouseButtonPress, at, Qt.MouseButton.LeftButton)
    assert "hai điểm" in d.notice.text()
    for corner, target in zip(corners, real, strict=True):
        landed = d.scan.mapToScene(corner)
        # within a view pixel of the marking (the click rounds to the screen's pixels)
        tolerance = 297 / d.view.viewport().width() * 1.5 + 0.5
        assert abs(landed.x() - target.x()) < tolerance and abs(landed.y() - target.y()) < tolerance


def test_two_points_give_scale_turn_and_shift():
    truth = QTransform().translate(12, -4).rotate(2.5).scale(0.254, 0.254)
    a, b = QPointF(100, 80), QPointF(1050, 700)
    fitted = two_point_transform((a, b), (truth.map(a), truth.map(b)))
    for p in (QPointF(0, 0), QPointF(1169, 827), QPointF(500, 300)):
        assert (fitted.map(p) - truth.map(p)).manhattanLength() < 1e-6


def test_a_fields_size_style_alignment_and_capitals_print_as_chosen(qtbot, designer, tmp_path):
    window, ceremony_id, dialog, d = designer
    d.select("name")
    d.type_size.setValue(20)
    d.font_style.set_value("italic")
    d.alignment_choice.set_value("left")
    d.caps.setChecked(True)
    box = d.placements()["name"]
    assert (box.size, box.style, box.align, box.caps) == (20, "italic", "left", True)
    dialog.placements.set_placements(d.placements())
    assert dialog.save()

    book, prints = window.session.book, window.session.prints
    run = PrintRun(book, prints, ceremony_id, mode=PaperMode.BLANK)
    run.certificates[1:] = []
    out = tmp_path / "phoi.pdf"
    render_pdf(run.job(), out)
    name = run.certificates[0].who
    chars, _, _ = page_chars(out, 0)
    text = "".join(c["text"] for c in chars)
    at = text.index(name.upper().split()[0])
    printed = chars[at : at + len(name.split()[0])]
    assert "".join(c["text"] for c in printed) == name.split()[0].upper()  # capitals, Vietnamese ones too
    assert all("Italic" in c["fontname"] for c in printed)
    assert printed[0]["x0"] / MM == pytest.approx(box.x, abs=0.5)  # set from the box's left edge
    assert max(c["size"] for c in printed) <= 20.01


def test_the_test_sheet_outlines_each_box_with_the_runs_longest_texts(qtbot, designer, tmp_path, monkeypatch):
    import pdfplumber
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    window, ceremony_id, _, d = designer
    d.boxes["name"].nudge(0, 12)  # unsaved: the test sheet shows the positions being set
    out = tmp_path / "may-in.pdf"

    def accept(dialog):
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(out))
        return QPrintDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    d.print_test()
    assert "Đã gửi trang in thử" in d.notice.text()

    run = PrintRun(window.session.book, window.session.prints, ceremony_id, mode=PaperMode.BLANK)
    longest = max((c.name for c in run.certificates if c.form is AwardForm.GIAY_KHEN), key=len)
    name_box = d.placements()["name"]
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        assert len(pdf.pages) == 1
        words = [w for w in page.extract_words() if name_box.y <= w["top"] / MM <= name_box.y + name_box.height]
        boxes = {(round(r["x0"] / MM, 1), round(r["top"] / MM, 1)) for r in page.rects}
    texts = [w["text"] for w in words]
    wanted = longest.split()
    assert any(texts[i : i + len(wanted)] == wanted for i in range(len(texts))), texts  # in its moved box
    for name, p in d.placements().items():
        if p.enabled:
            assert any(abs(x - p.x) <= 0.5 and abs(y - p.y) <= 0.5 for x, y in boxes), name


def test_the_rulers_number_every_ten_millimetres_of_the_paper(designer):
    _, _, _, d = designer
    marks = d.view.ruler_marks()
    across = [(int(label), at) for axis, at, label in marks if axis == "x"]
    down = [(int(label), at) for axis, at, label in marks if axis == "y"]
    assert [mm for mm, _ in across] == list(range(0, 291, 10)) and [mm for mm, _ in down] == list(range(0, 211, 10))
    steps = {round(b[1] - a[1]) for a, b in zip(across, across[1:], strict=False)}
    assert len(steps) <= 2 and min(steps) > 5  # even spacing, a readable scale
    box = d.boxes["name"]
    left = d.view.mapFromScene(box.pos()).x()
    twenty, thirty = dict(across)[20], dict(across)[30]
    assert twenty < left < thirty  # the name's box (26 mm in) between the 20 and 30 marks


def test_a_field_can_print_in_its_own_typeface(qtbot, designer, tmp_path):
    window, ceremony_id, dialog, d = designer
    d.select("name")
    labels = [d.typeface.itemText(i) for i in range(d.typeface.count())]
    d.typeface.setCurrentIndex(labels.index("Liberation Serif"))  # .ci/run installs fonts-liberation2
    serif = d.typeface.value()
    assert serif and d.placements()["name"].font_files == tuple(serif)
    dialog.placements.set_placements(d.placements())
    assert dialog.save()
    run = PrintRun(window.session.book, window.session.prints, ceremony_id, mode=PaperMode.BLANK)
    run.check_fonts()
    run.certificates[1:] = []
    out = tmp_path / "phoi.pdf"
    render_pdf(run.job(), out)
    chars, _, _ = page_chars(out, 0)
    first_word = run.certificates[0].name.split()[0]
    text = "".join(c["text"] for c in chars)
    at = text.index(first_word)
    assert all("LiberationSerif" in c["fontname"] for c in chars[at : at + len(first_word)])
    others = [c for c in chars if c["text"].strip() and "LiberationSerif" not in c["fontname"]]
    assert others and all("Spectral" in c["fontname"] for c in others)  # the other fields keep the template's
