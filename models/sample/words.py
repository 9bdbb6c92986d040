"""Words the sample is made of where the reports name no one: wards and districts as the
reports list them, family, middle and given names, positions, models of "Dân vận khéo"
by field, and titles of works. Invented names are plainly marked in each ceremony's notes."""

SAMPLE_NOTE = (
    "Dữ liệu mẫu. Tên cá nhân, số quyết định, tên mô hình và tác phẩm không có trong bài báo "
    "là giả định; địa chỉ bài viết là ví dụ."
)

LONG_BIEN_WARDS = (
    "Bồ Đề",
    "Cự Khối",
    "Đức Giang",
    "Gia Thụy",
    "Giang Biên",
    "Long Biên",
    "Ngọc Lâm",
    "Ngọc Thụy",
    "Phúc Đồng",
    "Phúc Lợi",
    "Sài Đồng",
    "Thạch Bàn",
    "Thượng Thanh",
    "Việt Hưng",
)
HAI_PHONG_DISTRICTS = (
    "huyện An Dương",
    "huyện Thủy Nguyên",
    "huyện Vĩnh Bảo",
    "huyện Tiên Lãng",
    "huyện Kiến Thụy",
    "huyện An Lão",
    "huyện Cát Hải",
    "quận Kiến An",
    "quận Dương Kinh",
    "quận Đồ Sơn",
)

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý", "Đinh", "Phùng")
MIDDLE = (
    "Văn",
    "Thị",
    "Đức",
    "Minh",
    "Thu",
    "Hồng",
    "Quang",
    "Thanh",
    "Ngọc",
    "Xuân",
    "Thị Thu",
    "Văn Khánh",
    "Thị Ánh",
)
GIVEN = (
    "An",
    "Bình",
    "Cường",
    "Dung",
    "Hà",
    "Hạnh",
    "Hùng",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Phương",
    "Quý",
    "Sơn",
    "Thảo",
    "Thủy",
    "Tuấn",
    "Vân",
    "Yến",
    "Đạt",
    "Ánh",
    "Ơn",
    "Ước",
    "Hằng",
    "Khuê",
    "Nga",
    "Oanh",
    "Tâm",
    "Trường",
    "Việt",
)

WARD_COLLECTIVES = (
    "Hội LHPN phường {w}",
    "Đoàn Thanh niên phường {w}",
    "Hội Cựu chiến binh phường {w}",
    "Tổ dân phố số {n} phường {w}",
    "Ban Công tác Mặt trận tổ dân phố số {n} phường {w}",
    "Chi hội Người cao tuổi tổ dân phố số {n} phường {w}",
    "UBMTTQ phường {w}",
    "Tổ dân vận tổ dân phố số {n} phường {w}",
)
WARD_POSITIONS = (
    "Tổ trưởng tổ dân phố số {n}",
    "Bí thư chi bộ tổ dân phố số {n}",
    "Chủ tịch Hội LHPN phường",
    "Phó Chủ tịch UBND phường",
    "Cán bộ địa chính – xây dựng phường",
    "Trưởng ban công tác Mặt trận tổ dân phố số {n}",
    "Bí thư Đoàn Thanh niên phường",
)
# Invented model names, by the field they belong to.
MODELS = {
    "GPMB": (
        "Đối thoại tại nhà dân trong giải phóng mặt bằng",
        "Ba cùng với hộ dân trong diện GPMB",
        "Nói để dân hiểu, làm để dân tin",
        "Bàn giao mặt bằng đúng hẹn",
        "Kết nghĩa hộ dân trong diện GPMB",
        "Vận động hiến đất mở rộng ngõ",
        "Tổ dân vận đồng hành cùng dự án",
        "Mỗi đảng viên phụ trách một hộ GPMB",
    ),
    "TTĐT": (
        "Tổ tự quản giữ gìn trật tự vỉa hè",
        "Biển tên ngõ, số nhà khang trang",
        "Chợ dân sinh văn minh",
        "Tuyến phố văn minh đô thị",
    ),
    "Bảo vệ môi trường": (
        "Vườn hoa trên bãi rác",
        "Ngõ sáng – xanh – sạch – đẹp",
        "Phân loại rác tại nguồn",
        "Tuyến đê xanh",
        "Mỗi hội viên một cây xanh",
        "Nói không với túi ni lông",
        "Ngày chủ nhật xanh",
    ),
    "VH-XH": (
        "Tủ sách khu dân cư",
        "Sân chơi cho thiếu nhi từ đất lấn chiếm",
        "Mái ấm tình thương",
        "Câu lạc bộ dưỡng sinh tổ dân phố",
        "Tiếng loa tổ dân phố",
    ),
    "Kinh tế": ("Tổ hợp tác sản xuất rau an toàn", "Vay vốn xoay vòng giúp hội viên thoát nghèo"),
}
COVID_FIELD = "Phòng, chống dịch Covid-19"
# Seed 003, verbatim apart from quotes and spacing: (model, collective, ward).
SEED_003_MODELS = (
    ("Phòng tuyến áo xanh", "Quận đoàn Long Biên", ""),
    ("1000 ổ bánh mì - ship ngay tức thì", "Tiệm bánh mì Ông Dung", ""),
    ("Cơm trưa nghĩa tình - đồng hành chống dịch", "Phường Việt Hưng", "Việt Hưng"),
    ("Shipper không đồng", "Đoàn Thanh niên phường Ngọc Lâm", "Ngọc Lâm"),
    ("Mái ấm mùa dịch", "UBND phường Thượng Thanh", "Thượng Thanh"),
    ("Đi chợ hộ gia đình thực hiện cách ly", "Hội LHPN phường Cự Khối", "Cự Khối"),
    ("Chuyến xe thanh niên - chở năm học mới", "Đoàn Thanh niên phường Giang Biên", "Giang Biên"),
    ("Bếp ăn yêu thương", "Tổ Covid cộng đồng Tổ dân phố số 9 phường Giang Biên", "Giang Biên"),
    (
        "Vận động các hộ cho thuê trọ trên địa bàn tổ dân phố miễn, giảm tiền thuê trọ cho các hộ trọ "
        "trong thời gian giãn cách xã hội",
        "Tổ dân vận tổ dân phố 18 phường Ngọc Thụy",
        "Ngọc Thụy",
    ),
    (
        "Khéo trong vận động cán bộ, hội viên tích cực tham gia ủng hộ phòng, chống dịch Covid-19",
        "Hội LHPN phường Bồ Đề",
        "Bồ Đề",
    ),
    ("Shiper xanh - Cùng em đến trường", "Đội hình thanh niên tình nguyện phường Sài Đồng", "Sài Đồng"),
    ("Trạm hạnh phúc - Chạm yêu thương", "Hội LHPN phường Long Biên", "Long Biên"),
    ("Bếp cơm thiện nguyện", "Tổ Covid cộng đồng TDP số 7 phường Gia Thụy", "Gia Thụy"),
    ("Bếp ăn yêu thương", "Tổ Covid cộng đồng TDP số 9 phường Gia Thụy", "Gia Thụy"),
    ("Shipper áo xanh", "Đoàn Thanh niên phường Thạch Bàn", "Thạch Bàn"),
)
WORK_TITLES = (
    "Con đường nở hoa ở thôn Đông",
    "Khi dân đã tin",
    "Người giữ lửa nông thôn mới",
    "Hiến đất mở đường – chuyện ở xóm Bãi",
    "Mùa vàng trên cánh đồng mẫu lớn",
    "Làng tôi đổi thay",
    "Những viên gạch đầu tiên",
    "Bí thư chi bộ và con kênh sạch",
    "Chuyện người trưởng thôn",
    "Ngõ nhỏ sáng đèn",
    "Từ đối thoại đến đồng thuận",
    "Hương sen quê nhà",
    "Nhịp cầu dân vận",
    "Thôn kiểu mẫu bên sông",
    "Góp đất, góp công",
    "Ánh đèn đường quê",
)
