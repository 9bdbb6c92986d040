"""Place the blank form's fields with the mouse, over a scan or photo of the form (phôi).

The scene is the paper in millimetres, so every box's position is the number the template
keeps. The scan is laid under it: by default stretched to the paper's corners (a flatbed
scan of the whole sheet); or fitted through two points the user marks on it and gives in
millimetres (a photo taken a little askew: scale, shift and turn all follow from them).
Boxes move by dragging or with the arrow keys (0.5 mm, Shift 5 mm), resize from their
lower-right corner, and snap to half millimetres; the readout under the view and the table
in the template dialog are the same numbers.
"""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

from PySide6.QtCore import QPointF, Qt, QTemporaryDir, Signal
from PySide6.QtGui import QBrush, QColor, QImage, QKeyEvent, QPainter, QPen, QPixmap, QTransform
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QGraphicsItem,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.domain.records import AwardForm
from models.domain.templates import ALIGNS, FIELD_LABELS, STYLES, Paper, Placement
from models.errors import BookError
from ui.dialogs.file_dialogs import ask_open
from ui.widgets import ChoiceCombo, NoticeLabel

SNAP_MM = 0.5
NUDGE_MM, BIG_NUDGE_MM = 0.5, 5.0
HANDLE_MM = 3.0
RULER_MM = 8.0  # room left of and above the paper for the rulers
MIN_MM = 5.0


def snap(value: float) -> float:
    return round(value / SNAP_MM) * SNAP_MM


def load_scan(path: Path) -> QImage:
    """A PNG or JPEG as it is; a PDF's first page drawn at 150 dpi."""
    if path.suffix.lower() == ".pdf":
        import pypdfium2

        try:
            page = pypdfium2.PdfDocument(str(path))[0]
            image = page.render(scale=150 / 72).to_pil().convert("RGB")
        except (OSError, pypdfium2.PdfiumError) as exc:
            raise BookError(f"Không đọc được trang đầu của “{path.name}”: {exc}.") from None
        data = image.tobytes()
        return QImage(data, image.width, image.height, image.width * 3, QImage.Format.Format_RGB888).copy()
    found = QImage(str(path))
    if found.isNull():
        raise BookError(f"“{path.name}” không phải ảnh PNG, JPEG hay tệp PDF đọc được.")
    return found


def two_point_transform(picked: tuple[QPointF, QPointF], real: tuple[QPointF, QPointF]) -> QTransform:
    """The scan-to-paper mapping (scale, turn, shift) taking two marked image points to
    their positions on the paper in millimetres."""
    (a, b), (ra, rb) = picked, real
    image_vector, paper_vector = b - a, rb - ra
    image_length = math.hypot(image_vector.x(), image_vector.y())
    if image_length < 1:
        raise BookError("Hai điểm đánh dấu trùng nhau: hãy chọn hai điểm cách xa nhau trên phôi.")
    scale = math.hypot(paper_vector.x(), paper_vector.y()) / image_length
    turn = math.degrees(math.atan2(paper_vector.y(), paper_vector.x()) - math.atan2(image_vector.y(), image_vector.x()))
    fitted = QTransform().rotate(turn).scale(scale, scale)
    shift = ra - fitted.map(a)
    return QTransform().translate(shift.x(), shift.y()).rotate(turn).scale(scale, scale)


class FieldBox(QGraphicsRectItem):
    """One field's box, in millimetres on the paper."""

    def __init__(self, name: str, placement: Placement, moved):
        super().__init__(0, 0, placement.width, placement.height)
        self.name, self.placement, self._moved = name, placement, moved
        self.setPos(placement.x, placement.y)
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsMovable
            | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            | QGraphicsItem.GraphicsItemFlag.ItemIsFocusable
            | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
        )
        self.label = QGraphicsSimpleTextItem(FIELD_LABELS[name], self)
        self.label.setScale(0.35)
        self.label.setPos(0.8, 0.4)
        self._resizing: QPointF | None = None
        self.show_enabled()

    def show_enabled(self) -> None:
        """Blue for a field that prints, grey for one the form carries already."""
        colour = QColor("#1565c0") if self.placement.enabled else QColor("#9e9e9e")
        self.setPen(QPen(colour, 0.4))
        self.setBrush(QBrush(QColor(colour.red(), colour.green(), colour.blue(), 40)))
        self.label.setBrush(colour)

    def _in_handle(self, at: QPointF) -> bool:
        r = self.rect()
        return at.x() > r.width() - HANDLE_MM and at.y() > r.height() - HANDLE_MM

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self._in_handle(event.pos()):
            self._resizing = event.pos()
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        if self._resizing is not None:
            w, h = max(MIN_MM, event.pos().x()), max(MIN_MM, event.pos().y())
            self.setRect(0, 0, w, h)
            self._moved(self)
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        self._resizing = None
        super().mouseReleaseEvent(event)
        self.settle()

    def settle(self) -> None:
        """Snap to the half millimetre and keep the numbers."""
        r = self.rect()
        self.setRect(0, 0, max(MIN_MM, snap(r.width())), max(MIN_MM, snap(r.height())))
        self.setPos(snap(self.pos().x()), snap(self.pos().y()))
        self.placement = dataclasses.replace(
            self.placement, x=self.pos().x(), y=self.pos().y(), width=self.rect().width(), height=self.rect().height()
        )
        self._moved(self)

    def nudge(self, dx: float, dy: float) -> None:
        self.setPos(self.pos() + QPointF(dx, dy))
        self.settle()

    def itemChange(self, change, value):  # noqa: N802
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            self._moved(self)
        return super().itemChange(change, value)


class DesignerView(QGraphicsView):
    """The paper, zoomed to fit; arrow keys nudge the chosen box; clicks mark points."""

    clicked = Signal(QPointF)  # a point marked on the paper, in millimetres

    def __init__(self, scene: QGraphicsScene, parent=None):
        super().__init__(scene, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setSceneRect(scene.sceneRect().adjusted(-RULER_MM, -RULER_MM, 0, 0))  # room for the rulers
        self.marking = False

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def ruler_marks(self) -> list[tuple[str, int, str]]:
        """Where the rulers' numbered marks fall, in view pixels: ("x" or "y", pixel, label)."""
        paper = self.scene().sceneRect()
        width, height = paper.width(), paper.height()
        marks = []
        for mm_at in range(0, int(width) + 1, 10):
            marks.append(("x", self.mapFromScene(QPointF(mm_at, 0)).x(), str(mm_at)))
        for mm_at in range(0, int(height) + 1, 10):
            marks.append(("y", self.mapFromScene(QPointF(0, mm_at)).y(), str(mm_at)))
        return marks

    def drawForeground(self, painter: QPainter, rect) -> None:  # noqa: N802
        """Millimetre rulers along the top and left edges of the paper, every 10 mm numbered."""
        painter.save()
        painter.resetTransform()
        origin = self.mapFromScene(QPointF(0, 0))
        paper_end = self.mapFromScene(self.scene().sceneRect().bottomRight())
        top, left = origin.y(), origin.x()  # the rulers sit against the paper's top and left edges
        painter.fillRect(left, top - 16, paper_end.x() - left, 16, QColor("#f0f0f0"))
        painter.fillRect(left - 26, top, 26, paper_end.y() - top, QColor("#f0f0f0"))
        painter.setPen(QColor("#333333"))
        font = painter.font()
        font.setPixelSize(9)
        painter.setFont(font)
        for axis, at, label in self.ruler_marks():
            if axis == "x":
                painter.drawLine(at, top - 5, at, top)
                painter.drawText(at + 2, top - 6, label)
            else:
                painter.drawLine(left - 5, at, left, at)
                painter.drawText(left - 25, at + 9, label)
        painter.restore()

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if self.marking and event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.mapToScene(event.position().toPoint()))
            return
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        steps = {
            Qt.Key.Key_Left: (-1, 0),
            Qt.Key.Key_Right: (1, 0),
            Qt.Key.Key_Up: (0, -1),
            Qt.Key.Key_Down: (0, 1),
        }
        boxes = [i for i in self.scene().selectedItems() if isinstance(i, FieldBox)]
        if event.key() in steps and boxes:
            size = BIG_NUDGE_MM if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else NUDGE_MM
            dx, dy = steps[Qt.Key(event.key())]
            for box in boxes:
                box.nudge(dx * size, dy * size)
            return
        super().keyPressEvent(event)


class FormDesigner(QDialog):
    def __init__(
        self,
        session,
        paper: Paper,
        placements: dict[str, Placement],
        parent=None,
        *,
        ceremony_id: int | None = None,
        form: AwardForm | None = None,
    ):
        super().__init__(parent)
        self.session, self.paper = session, paper
        self.ceremony_id, self.form = ceremony_id, form
        self._temp = QTemporaryDir()  # the test sheet's PDF on its way to the printer
        self.setWindowTitle(f"Đặt chữ lên phôi – khổ {paper.label}")
        self.resize(1200, 760)
        width, height = paper.size_mm
        self.scene = QGraphicsScene(0, 0, width, height, self)
        self.scene.addRect(0, 0, width, height, QPen(QColor("#000000"), 0.3), QBrush(QColor("#ffffff")))
        self.scan: QGraphicsPixmapItem | None = None
        self.boxes = {name: FieldBox(name, dataclasses.replace(p), self._show) for name, p in placements.items()}
        for box in self.boxes.values():
            self.scene.addItem(box)
            box.setZValue(2)
        self.view = DesignerView(self.scene)
        self.readout = QLabel("Chọn một ô để xem và chỉnh vị trí (mũi tên: 0,5 mm; Shift + mũi tên: 5 mm).")
        # How the chosen field prints: size, style, alignment, capitals, printed or not.
        self.type_size = QDoubleSpinBox()
        self.type_size.setRange(4, 200)
        self.type_size.setDecimals(1)
        self.type_size.setSuffix(" pt")
        self.font_style = ChoiceCombo()
        self.font_style.set_choices([("Như mẫu", ""), *((label, key) for key, label in STYLES.items())])
        self.alignment_choice = ChoiceCombo()
        self.alignment_choice.set_choices([("Như mẫu", ""), *((label, key) for key, label in ALIGNS.items())])
        self.typeface = ChoiceCombo()
        self.caps = QCheckBox("CHỮ IN HOA")
        self.printed = QCheckBox("In ô này")
        looks = QHBoxLayout()
        for label, widget in (
            ("Cỡ chữ:", self.type_size),
            ("Kiểu chữ:", self.font_style),
            ("Canh lề:", self.alignment_choice),
            ("Phông:", self.typeface),
        ):
            looks.addWidget(QLabel(label))
            looks.addWidget(widget)
        looks.addWidget(self.caps)
        looks.addWidget(self.printed)
        looks.addStretch(1)
        self._looks: tuple[QWidget, ...] = (
            self.type_size, self.font_style, self.alignment_choice, self.typeface, self.caps, self.printed
        )  # fmt: skip
        for look in self._looks:
            look.setEnabled(False)
        self.notice = NoticeLabel()
        load = QPushButton("&Mở ảnh quét phôi…")
        self.mark = QPushButton("Căn ảnh bằng &hai điểm…")
        self.mark.setEnabled(False)
        test = QPushButton("In &thử khung lên giấy trắng…")
        test.setToolTip("Tên dài nhất của đợt in vào đúng các ô, khung từng ô vẽ mờ: áp lên phôi để so vị trí.")
        test.setEnabled(ceremony_id is not None and form is not None)
        test.clicked.connect(self.print_test)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        row = QHBoxLayout()
        row.addWidget(load)
        row.addWidget(self.mark)
        row.addWidget(test)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.readout)
        layout.addLayout(looks)
        layout.addWidget(self.notice)
        layout.addWidget(buttons)
        load.clicked.connect(self.open_scan)
        self.mark.clicked.connect(self.start_marking)
        self.view.clicked.connect(self._marked)
        self.scene.selectionChanged.connect(self._selection)
        self.type_size.valueChanged.connect(self._restyle)
        self.font_style.currentIndexChanged.connect(self._restyle)
        self.alignment_choice.currentIndexChanged.connect(self._restyle)
        self.caps.toggled.connect(self._restyle)
        self.typeface.currentIndexChanged.connect(self._restyle)
        self.printed.toggled.connect(self._restyle)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self._picked: list[QPointF] = []
        self._families: list | None = None  # this computer's typefaces, read once when first offered
        self._real: tuple[QPointF, QPointF] | None = None

    # --- the scan ---------------------------------------------------------------------------

    def open_scan(self) -> None:
        path = ask_open(
            self, self.session.settings, "Ảnh quét hoặc ảnh chụp phôi", "Ảnh, PDF (*.png *.jpg *.jpeg *.pdf)"
        )
        if path is not None:
            self.show_scan(path)

    def show_scan(self, path: Path) -> None:
        try:
            image = load_scan(path)
        except BookError as exc:
            self.notice.show_notice(exc.message)
            return
        if self.scan is not None:
            self.scene.removeItem(self.scan)
        self.scan = QGraphicsPixmapItem(QPixmap.fromImage(image))
        self.scan.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scan.setOpacity(0.85)
        self.scan.setZValue(1)
        width, height = self.paper.size_mm
        # A scan of the whole sheet: its corners are the paper's.
        self.scan.setTransform(QTransform().scale(width / image.width(), height / image.height()))
        self.scene.addItem(self.scan)
        self.mark.setEnabled(True)
        self.notice.show_notice(
            f"Ảnh “{path.name}” được đặt khớp bốn góc tờ giấy. Nếu là ảnh chụp hơi lệch, hãy căn bằng hai điểm.",
            "info",
        )

    def start_marking(self) -> None:
        self._picked = []
        self.view.marking = True
        self.notice.show_notice("Bấm lên ảnh ở điểm thứ nhất đã biết vị trí (VD góc trên bên trái của khung).", "info")

    def fit_scan(self, picked: tuple[QPointF, QPointF], real: tuple[QPointF, QPointF]) -> None:
        """Lay the scan so that two points marked on it (in its own pixels) sit at their
        real places on the paper (mm)."""
        assert self.scan is not None
        self.scan.setTransform(two_point_transform(picked, real))

    def set_known_points(self, first: QPointF, second: QPointF) -> None:
        """Where the two points to be marked really are on the paper, in millimetres."""
        self._real = (first, second)

    def _marked(self, at: QPointF) -> None:
        if self.scan is None:
            return
        self._picked.append(self.scan.mapFromScene(at))  # in the scan's own pixels
        if len(self._picked) == 1:
            self.notice.show_notice("Bấm lên ảnh ở điểm thứ hai, càng xa điểm thứ nhất càng tốt.", "info")
            return
        self.view.marking = False
        real = self._real or self._ask_real()
        if real is None:
            return
        try:
            self.fit_scan((self._picked[0], self._picked[1]), real)
        except BookError as exc:
            self.notice.show_notice(exc.message)
            return
        self.notice.show_notice("Đã căn ảnh phôi theo hai điểm: tỉ lệ, độ xoay và vị trí.", "info")

    def _ask_real(self) -> tuple[QPointF, QPointF] | None:
        from PySide6.QtWidgets import QInputDialog

        points = []
        for n in (1, 2):
            typed, ok = QInputDialog.getText(
                self, "Vị trí thật", f"Điểm {n}: cách mép trái, cách mép trên (mm), VD “20; 15”:"
            )
            if not ok:
                return None
            try:
                x, y = (float(v.strip().replace(",", ".")) for v in typed.split(";"))
            except ValueError:
                self.notice.show_notice(f"“{typed}” không phải hai số đo milimét cách nhau bởi dấu chấm phẩy.")
                return None
            points.append(QPointF(x, y))
        return points[0], points[1]

    # --- the boxes --------------------------------------------------------------------------

    def _chosen(self) -> FieldBox | None:
        boxes = [i for i in self.scene.selectedItems() if isinstance(i, FieldBox)]
        return boxes[0] if boxes else None

    def _selection(self) -> None:
        box = self._chosen()
        for look in self._looks:
            look.blockSignals(True)
            look.setEnabled(box is not None)
        if box is not None:
            p = box.placement
            self.type_size.setValue(p.size)
            self.font_style.set_value(p.style)
            self.alignment_choice.set_value(p.align)
            self.caps.setChecked(p.caps)
            self._offer_typeface(p.font_files)
            self.printed.setChecked(p.enabled)
            self._show(box)
        for look in self._looks:
            look.blockSignals(False)

    def _offer_typeface(self, chosen: tuple[str, ...]) -> None:
        """The template's typeface, or one of this computer's families (three styles each)."""
        from certificates.fonts import FontError, FontFamily, family_from_files, installed_families

        if self._families is None:
            self._families = installed_families()
        families = list(self._families)
        if chosen and chosen not in [f.files for f in families]:
            try:  # chosen on another computer: still listed, and checked before printing
                families.append(family_from_files(chosen))
            except (FontError, OSError):
                families.append(
                    FontFamily(f"{Path(chosen[0]).stem} (không tìm thấy)", (chosen[0], chosen[1], chosen[2]))
                )
        self.typeface.set_choices([("Như mẫu", ()), *((f.name, f.files) for f in families)])
        self.typeface.set_value(chosen)

    def _restyle(self, *_args) -> None:
        box = self._chosen()
        if box is None:
            return
        box.placement = dataclasses.replace(
            box.placement,
            size=self.type_size.value(),
            style=self.font_style.value(),
            align=self.alignment_choice.value(),
            caps=self.caps.isChecked(),
            enabled=self.printed.isChecked(),
            font_files=tuple(self.typeface.value() or ()),
        )
        box.show_enabled()

    def _show(self, box: FieldBox) -> None:
        r = box.rect()
        self.readout.setText(
            f"{FIELD_LABELS[box.name]}: cách trái {box.pos().x():.1f} mm, cách trên {box.pos().y():.1f} mm, "
            f"rộng {r.width():.1f} mm, cao {r.height():.1f} mm"
        )

    def placements(self) -> dict[str, Placement]:
        return {name: box.placement for name, box in self.boxes.items()}

    def select(self, name: str) -> None:
        self.scene.clearSelection()
        self.boxes[name].setSelected(True)
        self.view.setFocus()

    # --- the test sheet ---------------------------------------------------------------------

    def test_job(self, calibration=None):
        """The position test for these (unsaved) positions: the run's longest texts in each
        box, the boxes outlined, shrink-to-fit and the printer's calibration as in a real run."""
        from certificates.overlay import test_sheets
        from certificates.print_run import PrintRun
        from models.domain.printing import PaperMode

        assert self.ceremony_id is not None and self.form is not None
        run = PrintRun(self.session.book, self.session.prints, self.ceremony_id, mode=PaperMode.BLANK)
        mine = [c for c in run.certificates if c.form is self.form]
        if not mine:
            raise BookError(f"Hội nghị này chưa có {self.form.label.lower()} nào để in thử.")
        job = run.job(calibration=calibration)
        job.certificates = test_sheets(mine)
        template = dataclasses.replace(job.templates[self.form], placements=self.placements())
        job.templates = {**job.templates, self.form: template}
        job.outline = True
        return job

    def print_test(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from certificates.render import render_pdf
        from ui.workers.spool import PrintChoice, send_now, start_with_paper

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        start_with_paper(printer, self.paper.value)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("In thử khung vị trí lên giấy trắng")
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        out = Path(self._temp.path()) / "in-thu-khung.pdf"
        try:
            job = self.test_job(self.session.settings.calibration(printer.printerName()))
            render_pdf(job, out)
            send_now(out, PrintChoice(printer))
        except BookError as exc:
            self.notice.show_notice(exc.message)
            return
        self.notice.show_notice(
            "Đã gửi trang in thử: áp lên phôi trước cửa sổ sáng, chữ phải nằm trong các khung in sẵn.", "info"
        )
