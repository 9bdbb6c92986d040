"""Printer calibration: print the grid page, measure two crosshairs, save the correction."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTemporaryDir
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from certificates.calibration import crosshairs, write_calibration_pdf
from certificates.fonts import bundled, register
from models.domain.templates import Paper
from models.errors import BookError
from models.storage.settings import Calibration
from ui.dialogs.file_dialogs import ask_save
from ui.session import BookSession
from ui.widgets import ChoiceCombo, NoticeLabel
from ui.workers.spool import PrintChoice, send_now


def _mm_box() -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0, 450)
    box.setDecimals(1)
    box.setSingleStep(0.5)
    box.setSuffix(" mm")
    return box


def describe(cal: Calibration) -> str:
    if cal.is_identity:
        return "Chưa hiệu chỉnh: in đúng vị trí thiết kế."

    def signed(v: float) -> str:
        return f"{v:+.1f}".replace(".", ",").replace("-", "−")

    return (
        f"Dịch ngang {signed(cal.offset_x)} mm, dịch dọc {signed(cal.offset_y)} mm; "
        f"tỉ lệ ngang {cal.scale_x * 100:.2f}%, dọc {cal.scale_y * 100:.2f}%".replace(".", ",")
    )


class CalibrationDialog(QDialog):
    def __init__(self, session: BookSession, parent=None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Căn chỉnh máy in")
        self.resize(640, 520)
        self._temp = QTemporaryDir()

        self.printer = QComboBox()
        self.printer.setEditable(True)  # a printer not connected today can still be set up
        names = QPrinterInfo.availablePrinterNames()
        default = QPrinterInfo.defaultPrinterName()
        for name in dict.fromkeys([default, *names, *session.settings.calibrated_printers()]):
            if name:
                self.printer.addItem(name)
        self.paper = ChoiceCombo()
        self.paper.set_choices([(p.label, p) for p in Paper])
        self.saved = QLabel()
        self.saved.setWordWrap(True)

        step1 = QGroupBox("Bước 1 – In trang căn chỉnh (không hiệu chỉnh)")
        print_page = QPushButton("&In trang căn chỉnh")
        save_page = QPushButton("Lưu trang căn chỉnh ra &PDF…")
        row = QHBoxLayout(step1)
        row.addWidget(print_page)
        row.addWidget(save_page)
        row.addStretch(1)

        step2 = QGroupBox("Bước 2 – Đo tâm hai dấu chữ thập từ mép trái và mép trên của tờ giấy")
        self.ax, self.ay, self.bx, self.by = (_mm_box() for _ in range(4))
        grid = QGridLayout(step2)
        grid.addWidget(QLabel("Cách mép trái"), 0, 1)
        grid.addWidget(QLabel("Cách mép trên"), 0, 2)
        a_label, b_label = QLabel("Dấu &A:"), QLabel("Dấu &B:")
        a_label.setBuddy(self.ax)
        b_label.setBuddy(self.bx)
        grid.addWidget(a_label, 1, 0)
        grid.addWidget(self.ax, 1, 1)
        grid.addWidget(self.ay, 1, 2)
        grid.addWidget(b_label, 2, 0)
        grid.addWidget(self.bx, 2, 1)
        grid.addWidget(self.by, 2, 2)
        self.result_label = QLabel()  # not self.result: that is QDialog.result()
        self.result_label.setWordWrap(True)
        grid.addWidget(self.result_label, 3, 0, 1, 3)

        step3 = QGroupBox("Bước 3 – Lưu và in thử")
        save = QPushButton("&Lưu hiệu chỉnh")
        clear = QPushButton("&Bỏ hiệu chỉnh")
        check = QPushButton("In trang &kiểm tra (đã hiệu chỉnh)")
        row3 = QHBoxLayout(step3)
        for button in (save, clear, check):
            row3.addWidget(button)
        row3.addStretch(1)
        self.notice = NoticeLabel()

        form = QFormLayout()
        form.addRow("&Máy in:", self.printer)
        form.addRow("&Khổ giấy:", self.paper)
        form.addRow("Đang dùng:", self.saved)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        for widget in (step1, step2, step3, self.notice, close):
            layout.addWidget(widget)

        self.printer.currentTextChanged.connect(self._show_saved)
        self.paper.currentIndexChanged.connect(self._reset_measurements)
        for box in (self.ax, self.ay, self.bx, self.by):
            box.valueChanged.connect(self._update_result)
        print_page.clicked.connect(lambda: self.print_page(corrected=False))
        check.clicked.connect(lambda: self.print_page(corrected=True))
        save_page.clicked.connect(self.save_page_pdf)
        save.clicked.connect(self.save)
        clear.clicked.connect(self.clear)
        close.rejected.connect(self.reject)
        self._reset_measurements()
        self._show_saved()

    def printer_name(self) -> str:
        return self.printer.currentText().strip()

    def _reset_measurements(self) -> None:
        (ax, ay), (bx, by) = crosshairs(self.paper.value())
        for box, value in ((self.ax, ax), (self.ay, ay), (self.bx, bx), (self.by, by)):
            box.setValue(value)
        self._update_result()

    def _show_saved(self) -> None:
        self.saved.setText(describe(self.session.settings.calibration(self.printer_name())))

    def measured(self) -> Calibration:
        near, far = crosshairs(self.paper.value())
        return Calibration.from_measurements(
            near, (self.ax.value(), self.ay.value()), far, (self.bx.value(), self.by.value())
        )

    def _update_result(self) -> None:
        try:
            self.result_label.setText("Hiệu chỉnh sẽ lưu: " + describe(self.measured()))
            self.result_label.setStyleSheet("")
        except BookError as exc:
            self.result_label.setText(exc.message)
            self.result_label.setStyleSheet("color:#b00020;")

    def save(self) -> None:
        name = self.printer_name()
        if not name:
            self.notice.show_notice("Chưa chọn máy in.")
            return
        try:
            self.session.settings.set_calibration(name, self.measured())
        except BookError as exc:
            self.notice.show_notice(exc.message)
            return
        except OSError as exc:
            self.notice.show_notice(f"Không lưu được cài đặt: {exc.strerror or exc}.")
            return
        self._show_saved()
        self.notice.show_notice(f"Đã lưu hiệu chỉnh cho máy in “{name}”.", "info")

    def clear(self) -> None:
        try:
            self.session.settings.set_calibration(self.printer_name(), Calibration())
        except OSError as exc:
            self.notice.show_notice(f"Không lưu được cài đặt: {exc.strerror or exc}.")
            return
        self._reset_measurements()
        self._show_saved()
        self.notice.show_notice("Đã bỏ hiệu chỉnh.", "info")

    def _write_page(self, out: Path, corrected: bool) -> None:
        cal = self.session.settings.calibration(self.printer_name()) if corrected else Calibration()
        write_calibration_pdf(out, self.paper.value(), register(bundled()), cal, self.printer_name())

    def save_page_pdf(self) -> None:
        path, _ = ask_save(self, self.session.settings, "Lưu trang căn chỉnh", "trang-can-chinh.pdf", "Tệp PDF (*.pdf)")
        if not path:
            return
        try:
            self._write_page(path, corrected=False)
        except OSError as exc:
            self.notice.show_notice(f"Không ghi được “{path}”: {exc.strerror or exc}.")
            return
        self.notice.show_notice(
            f"Đã lưu “{path}”. In ở tỉ lệ 100% (“Kích thước thực tế”, không chọn “Vừa khổ giấy”), rồi đo.", "info"
        )

    def print_page(self, corrected: bool) -> None:
        out = Path(self._temp.path()) / "can-chinh.pdf"
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPrinterName(self.printer_name())
        try:
            self._write_page(out, corrected)
            send_now(out, PrintChoice(printer))
        except BookError as exc:
            self.notice.show_notice(exc.message)
            return
        self.notice.show_notice(f"Đã gửi trang tới máy in “{self.printer_name()}”.", "info")
