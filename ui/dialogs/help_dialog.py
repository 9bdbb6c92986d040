"""Trợ giúp: a short guide in Vietnamese and the version (F1)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from models.version import VERSION
from ui.widgets import fit_to_screen

GUIDE = f"""
<h2>Vinh Danh {VERSION}</h2>
<p>Quản lý khen thưởng phong trào “Dân vận khéo”: nhập danh sách, in giấy khen, điều hành lễ trao.</p>
<h3>Các bước của một buổi lễ</h3>
<ol>
<li><b>Hội nghị</b>: “Thêm hội nghị…” ở trên cùng, rồi trang <b>3 Thông tin hội nghị</b>: ngày, địa danh,
cơ quan tổ chức, địa chỉ bài viết (mã QR trên giấy dẫn tới đây) và các <b>quyết định khen thưởng</b>
(số, ngày ký, cơ quan ban hành, tiêu đề văn bản Đảng hay Nhà nước, người ký).</li>
<li><b>Danh sách</b>: trang <b>1 Tập thể, cá nhân</b> — gõ rồi Enter để lưu và nhập tiếp; hoặc
<i>Tệp › Nhập danh sách từ bảng tính</i> (Ctrl+I) với tệp .xlsx, .xls, .ods, .csv phường gửi lên.
Chọn nhiều dòng rồi Ctrl+E để gắn quyết định, lĩnh vực hay phường cho cả loạt.
Trang <b>2 Giải cuộc thi</b> cho tác giả đạt giải A, B, C.</li>
<li><b>Thứ tự trao</b>: trang <b>4</b> — các đợt trao, lãnh đạo trao, kịch bản cho MC.</li>
<li><b>In</b>: trang <b>5</b> — “Bản xem thử” để lãnh đạo duyệt (không cấp số), rồi in thật
theo đúng thứ tự trao; giấy trắng hoặc in lên phôi.</li>
<li><b>Lễ trao</b>: F5 ở trang 4 mở màn hình MC và màn hình khán giả. Phím → / Space: người tiếp theo;
←: quay lại; Tab: chọn tên, V: vắng mặt; B: màn hình đen.</li>
</ol>
<h3>Phím tắt</h3>
<p>Ctrl+Z / Ctrl+Y: hoàn tác / làm lại (cả ngay sau khi Enter) · Ctrl+N: mục mới · Ctrl+F: tìm ·
Delete: xóa dòng chọn · Ctrl+E: sửa nhiều dòng · Ctrl+O: mở tệp dữ liệu khác · Alt+1…5: chuyển trang.</p>
<h3>Dữ liệu</h3>
<p>Mọi thay đổi được lưu ngay. Một bản sao lưu được tạo khi mở tệp và mỗi 30 phút
(<i>Tệp › Mở thư mục sao lưu</i>). Để mang sang máy ở hội trường: <i>Tệp › Lưu bản sao…</i>
rồi mở bản đó bằng <i>Tệp › Mở tệp dữ liệu…</i>. Mỗi tệp chỉ mở được ở một cửa sổ.</p>
"""


class HelpDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Hướng dẫn nhanh – Vinh Danh")
        self.text = QTextBrowser()
        self.text.setHtml(GUIDE)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 680, 560)
