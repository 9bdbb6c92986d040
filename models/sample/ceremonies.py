"""The three sample ceremonies, each as its report tells it (Long Biên 2022 and 2021,
Hải Phòng 2022), and their award orders with the leaders the reports name."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping, Sequence
from typing import Any

from models.domain.award_order import default_order, set_leader
from models.domain.records import Awardee, AwardeeKind, AwardForm, Ceremony, Contest, Decision, Prize, PrizeLevel
from models.repos.book import CeremonyBook
from models.repos.order_book import OrderBook, gather_entries
from models.sample.words import (
    COVID_FIELD,
    FAMILY,
    GIVEN,
    HAI_PHONG_DISTRICTS,
    LONG_BIEN_WARDS,
    MIDDLE,
    MODELS,
    SAMPLE_NOTE,
    SEED_003_MODELS,
    WARD_COLLECTIVES,
    WARD_POSITIONS,
    WORK_TITLES,
)


class _Names:
    """Deterministic, unique, plainly invented personal names."""

    def __init__(self, seed: int):
        self._rng = random.Random(seed)
        self._used: set[str] = set()

    def person(self) -> str:
        while True:
            name = f"{self._rng.choice(FAMILY)} {self._rng.choice(MIDDLE)} {self._rng.choice(GIVEN)}"
            if name not in self._used:
                self._used.add(name)
                return name


def _first_unused(used: set[str], templates: tuple[str, ...], start: int, **values: object) -> str:
    """The first template from `start` on whose name is not yet taken in this ceremony."""
    for k in range(len(templates)):
        name = templates[(start + k) % len(templates)].format(**values)
        if name not in used:
            used.add(name)
            return name
    raise ValueError("sample generator ran out of distinct collective names")


def build_sample(book: CeremonyBook) -> list[Ceremony]:
    """Write the three sample ceremonies into an (empty) book and return them."""
    book.add_field(COVID_FIELD)
    ceremonies = [_long_bien_2022(book), _long_bien_2021(book), _hai_phong_2022(book)]
    _arrange(book, ceremonies[0].id, LONG_BIEN_LEADERS)
    _arrange(book, ceremonies[2].id, HAI_PHONG_LEADERS)
    return ceremonies


# Who hands over, as the reports name them. Long Biên 2021 is left unarranged, so the
# sample also shows the default order with its leaders still to be assigned.
LONG_BIEN_LEADERS = {
    AwardForm.GIAY_KHEN: (
        ("Phùng Văn Dũng", "Phó Trưởng Ban Dân vận Thành ủy"),
        ("Đường Hoài Nam", "Thành ủy viên, Bí thư Quận ủy, Chủ tịch HĐND Quận"),
        ("Nguyễn Quốc Long", "Ủy viên Ban Thường vụ, Trưởng Ban Dân vận Quận ủy"),
    ),
}
HAI_PHONG_LEADERS = {
    AwardForm.BANG_KHEN: (("Lê Khắc Nam", "Phó Chủ tịch UBND thành phố"),),
    AwardForm.GIAY_CHUNG_NHAN: (("Lê Trí Vũ", "Ủy viên Ban Thường vụ Thành ủy, Trưởng Ban Dân vận Thành ủy"),),
}


def _arrange(book: CeremonyBook, ceremony_id: int, leaders: Mapping[AwardForm, Sequence[tuple[str, str]]]) -> None:
    arranged = default_order(ceremony_id, gather_entries(book, ceremony_id))
    turns = {form: 0 for form in leaders}
    for i, batch in enumerate(arranged.batches):
        choices = leaders.get(batch.form)
        if choices:
            set_leader(arranged, [i], *choices[turns[batch.form] % len(choices)])
            turns[batch.form] += 1
    OrderBook(book.store).save(arranged)


def _long_bien_2022(book: CeremonyBook) -> Ceremony:
    rng = random.Random(2022)
    names = _Names(20220728)
    ceremony = book.save_ceremony(
        Ceremony(
            title="Hội nghị sơ kết 6 tháng thực hiện chủ đề “Năm Dân vận khéo, trọng tâm công tác GPMB "
            "và chỉnh trang đô thị”",
            held_on=dt.date(2022, 7, 28),
            place="Long Biên",
            organiser="QUẬN ỦY LONG BIÊN",
            chair="Đường Hoài Nam – TUV, Bí thư Quận ủy, Chủ tịch HĐND Quận",
            news_url="https://longbien.hanoi.gov.vn/tin-tuc/hoi-nghi-so-ket-6-thang-nam-dan-van-kheo-2022",
            notes="Theo bài đăng ngày 29/07/2022 trên Cổng TTĐT quận Long Biên: Quận ủy trao giấy khen "
            "cho 63 tập thể, cá nhân có mô hình “Dân vận khéo” tiêu biểu và 15 tác giả có bài viết "
            "tiêu biểu vòng sơ khảo.\n" + SAMPLE_NOTE,
        )
    )
    common: dict[str, Any] = dict(
        ceremony_id=ceremony.id,
        award_form=AwardForm.GIAY_KHEN,
        signed_on=dt.date(2022, 7, 28),
        issuer="QUẬN ỦY LONG BIÊN",
        superior="ĐẢNG BỘ THÀNH PHỐ HÀ NỘI",
        signer_role="T/M BAN THƯỜNG VỤ\nBÍ THƯ",
        signer_name="Đường Hoài Nam",
    )
    models_decision = book.save_decision(
        Decision(
            number="215-QĐ/QU",
            achievement="Đã có mô hình “Dân vận khéo” tiêu biểu 6 tháng đầu năm 2022, thực hiện chủ đề "
            "“Năm Dân vận khéo, trọng tâm công tác GPMB và chỉnh trang đô thị”",
            **common,
        )
    )
    essays_decision = book.save_decision(
        Decision(
            number="216-QĐ/QU",
            achievement="Có bài viết tiêu biểu vòng sơ khảo Cuộc thi viết về tấm gương điển hình "
            "Dân vận khéo trên địa bàn quận Long Biên năm 2022",
            **common,
        )
    )
    fields = ["GPMB"] * 26 + ["TTĐT"] * 12 + ["Bảo vệ môi trường"] * 14 + ["VH-XH"] * 9 + ["Kinh tế"] * 2
    awardees = []
    used: set[str] = set()
    for i, field in enumerate(fields):
        ward = LONG_BIEN_WARDS[i % len(LONG_BIEN_WARDS)]
        n = rng.randint(1, 28)
        model = rng.choice(MODELS[field])
        if i % 3 == 2:
            awardees.append(
                Awardee(
                    ceremony_id=ceremony.id,
                    kind=AwardeeKind.INDIVIDUAL,
                    name=names.person(),
                    position=rng.choice(WARD_POSITIONS).format(n=n),
                    unit=f"Phường {ward}",
                    ward=ward,
                    field=field,
                    model_name=model,
                    decision_id=models_decision.id,
                )
            )
        else:
            awardees.append(
                Awardee(
                    ceremony_id=ceremony.id,
                    kind=AwardeeKind.COLLECTIVE,
                    name=_first_unused(used, WARD_COLLECTIVES, i, w=ward, n=n),
                    unit=f"Phường {ward}",
                    ward=ward,
                    field=field,
                    model_name=model,
                    decision_id=models_decision.id,
                )
            )
    for i in range(15):
        ward = LONG_BIEN_WARDS[(i * 5) % len(LONG_BIEN_WARDS)]
        awardees.append(
            Awardee(
                ceremony_id=ceremony.id,
                kind=AwardeeKind.INDIVIDUAL,
                name=names.person(),
                position=rng.choice(("Cán bộ", "Hội viên Hội LHPN", "Đoàn viên", "Giáo viên", "Tổ trưởng tổ dân phố")),
                unit=f"Phường {ward}",
                ward=ward,
                decision_id=essays_decision.id,
                notes=f"Bài viết: “{WORK_TITLES[i]}”",
            )
        )
    book.add_awardees(awardees)
    return ceremony


def _long_bien_2021(book: CeremonyBook) -> Ceremony:
    rng = random.Random(2021)
    ceremony = book.save_ceremony(
        Ceremony(
            title="Sơ kết 9 tháng thực hiện chủ đề “Năm Dân vận khéo, trọng tâm công tác GPMB” năm 2021",
            held_on=dt.date(2021, 10, 6),
            place="Long Biên",
            organiser="QUẬN ỦY LONG BIÊN",
            chair="Phó Bí thư Thường trực Quận ủy, Trưởng Khối dân vận Quận",
            news_url="https://longbien.hanoi.gov.vn/tin-tuc/ket-qua-9-thang-nam-dan-van-kheo-2021",
            notes="Theo bài đăng ngày 06/10/2021: Hội đồng thi đua Quận khen thưởng 31 mô hình tiêu biểu "
            "(4 VH-XH, 7 bảo vệ môi trường, 16 GPMB, 1 kinh tế, 3 TTĐT); 451 mô hình đăng ký "
            "(353 tập thể, 98 cá nhân). Các mô hình hỗ trợ phòng, chống dịch do bài báo nêu tên "
            "được xếp vào một quyết định biểu dương riêng.\n" + SAMPLE_NOTE,
        )
    )
    common: dict[str, Any] = dict(
        ceremony_id=ceremony.id,
        award_form=AwardForm.GIAY_KHEN,
        signed_on=dt.date(2021, 9, 30),
        issuer="UBND QUẬN LONG BIÊN",
        signer_role="CHỦ TỊCH HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG",
        signer_name="Phùng Văn Mẫu",
    )
    models_decision = book.save_decision(
        Decision(
            number="3120/QĐ-HĐTĐKT",
            achievement="Đã có mô hình “Dân vận khéo” tiêu biểu, có sức lan tỏa trong cộng đồng, thực hiện "
            "chủ đề “Năm Dân vận khéo, trọng tâm công tác giải phóng mặt bằng” 6 tháng đầu năm 2021",
            **common,
        )
    )
    covid_decision = book.save_decision(
        Decision(
            number="3121/QĐ-HĐTĐKT",
            achievement="Đã có mô hình “Dân vận khéo” tiêu biểu trong hỗ trợ công tác phòng, chống dịch "
            "Covid-19 trong thời gian giãn cách xã hội năm 2021",
            **common,
        )
    )
    counts = {"VH-XH": 4, "Bảo vệ môi trường": 7, "GPMB": 16, "Kinh tế": 1, "TTĐT": 3}
    awardees = []
    used: set[str] = {collective for _, collective, _ in SEED_003_MODELS}
    i = 0
    for field, count in counts.items():
        for k in range(count):
            ward = LONG_BIEN_WARDS[i % len(LONG_BIEN_WARDS)]
            models = MODELS[field]
            awardees.append(
                Awardee(
                    ceremony_id=ceremony.id,
                    kind=AwardeeKind.COLLECTIVE,
                    name=_first_unused(used, WARD_COLLECTIVES, i * 3, w=ward, n=rng.randint(1, 30)),
                    unit=f"Phường {ward}",
                    ward=ward,
                    field=field,
                    model_name=models[k % len(models)],
                    decision_id=models_decision.id,
                )
            )
            i += 1
    for model, collective, ward in SEED_003_MODELS:
        awardees.append(
            Awardee(
                ceremony_id=ceremony.id,
                kind=AwardeeKind.COLLECTIVE,
                name=collective,
                unit=f"Phường {ward}" if ward else "Quận Long Biên",
                ward=ward,
                field=COVID_FIELD,
                model_name=model,
                decision_id=covid_decision.id,
            )
        )
    book.add_awardees(awardees)
    return ceremony


def _hai_phong_2022(book: CeremonyBook) -> Ceremony:
    rng = random.Random(20221220)
    names = _Names(20221220)
    ceremony = book.save_ceremony(
        Ceremony(
            title="Hội nghị tổng kết công tác dân vận năm 2022, triển khai nhiệm vụ trọng tâm năm 2023; "
            "biểu dương mô hình “Dân vận khéo” tiêu biểu năm 2022",
            held_on=dt.date(2022, 12, 20),
            place="Hải Phòng",
            organiser="BAN DÂN VẬN THÀNH ỦY HẢI PHÒNG",
            chair="Lê Trí Vũ – Ủy viên Ban Thường vụ Thành ủy, Trưởng Ban Dân vận Thành ủy",
            news_url="https://haiphong.gov.vn/tin-tuc/bieu-duong-mo-hinh-dan-van-kheo-tieu-bieu-nam-2022",
            notes="Theo bài đăng ngày 20/12/2022: Chủ tịch UBND thành phố tặng Bằng khen cho 39 tập thể, "
            "cá nhân và cho 6 tập thể, cá nhân đạt giải A, B; đồng chí Lê Khắc Nam, Phó Chủ tịch UBND "
            "thành phố trao. Cuộc thi nhận 380 tác phẩm, trao 16 giải (2 A, 4 B, 10 C).\n" + SAMPLE_NOTE,
        )
    )
    city: dict[str, Any] = dict(
        ceremony_id=ceremony.id,
        award_form=AwardForm.BANG_KHEN,
        signed_on=dt.date(2022, 12, 15),
        issuer="ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG",
        signer_role="KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
        signer_name="Lê Khắc Nam",
    )
    contest_title = "Tuyên truyền các mô hình “Dân vận khéo” xây dựng nông thôn mới năm 2022"
    models_decision = book.save_decision(
        Decision(
            number="3950/QĐ-UBND",
            achievement="Đã có thành tích xuất sắc trong phong trào thi đua “Dân vận khéo” năm 2022",
            **city,
        )
    )
    prize_decision = book.save_decision(
        Decision(
            number="3951/QĐ-UBND",
            achievement=f"Đã đạt giải cao tại Cuộc thi “{contest_title}”",
            **city,
        )
    )
    certificate_decision = book.save_decision(
        Decision(
            ceremony_id=ceremony.id,
            award_form=AwardForm.GIAY_CHUNG_NHAN,
            number="215-QĐ/BDVTU",
            signed_on=dt.date(2022, 12, 12),
            issuer="BAN DÂN VẬN THÀNH ỦY HẢI PHÒNG",
            superior="ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG",
            signer_role="TRƯỞNG BAN",
            signer_name="Lê Trí Vũ",
            achievement=f"Đã đạt giải tại Cuộc thi “{contest_title}”",
        )
    )
    collectives = (
        "Ban Dân vận {d}",
        "Hội Nông dân {d}",
        "Hội LHPN {d}",
        "Ủy ban MTTQ Việt Nam {d}",
        "Hội Cựu chiến binh {d}",
        "Đoàn Thanh niên {d}",
    )
    fields = ["VH-XH", "Bảo vệ môi trường", "GPMB", "Kinh tế", "TTĐT"]
    awardees = []
    used: set[str] = set()
    for i in range(39):
        district = HAI_PHONG_DISTRICTS[i % len(HAI_PHONG_DISTRICTS)]
        field = fields[i % len(fields)]
        model = rng.choice(MODELS[field])
        if i % 3 == 1:
            awardees.append(
                Awardee(
                    ceremony_id=ceremony.id,
                    kind=AwardeeKind.INDIVIDUAL,
                    name=names.person(),
                    position=rng.choice(
                        (
                            "Trưởng thôn",
                            "Bí thư chi bộ thôn",
                            "Chủ tịch Hội Nông dân xã",
                            "Trưởng ban công tác Mặt trận khu dân cư",
                        )
                    ),
                    unit=district[0].upper() + district[1:],
                    field=field,
                    model_name=model,
                    decision_id=models_decision.id,
                )
            )
        else:
            awardees.append(
                Awardee(
                    ceremony_id=ceremony.id,
                    kind=AwardeeKind.COLLECTIVE,
                    name=_first_unused(used, collectives, i, d=district),
                    unit=district[0].upper() + district[1:],
                    field=field,
                    model_name=model,
                    decision_id=models_decision.id,
                )
            )
    contest = book.save_contest(
        Contest(
            ceremony_id=ceremony.id,
            title=contest_title,
            entries_received=380,
            decision_id=certificate_decision.id,
            quotas={PrizeLevel.A: 2, PrizeLevel.B: 4, PrizeLevel.C: 10},
            notes="Phát động 7 tháng; Ban Tổ chức nhận 380 tác phẩm dự thi.",
        )
    )
    levels = [PrizeLevel.A] * 2 + [PrizeLevel.B] * 4 + [PrizeLevel.C] * 10
    prizes = []
    for i, level in enumerate(levels):
        district = HAI_PHONG_DISTRICTS[(i * 3) % len(HAI_PHONG_DISTRICTS)]
        unit = "Trung tâm Văn hóa – Thông tin và Thể thao " + district
        authors = names.person() if i % 4 else f"{names.person()}, {names.person()}"
        prizes.append(Prize(contest_id=contest.id, level=level, authors=authors, work_title=WORK_TITLES[i], unit=unit))
        if level in (PrizeLevel.A, PrizeLevel.B):
            awardees.append(
                Awardee(
                    ceremony_id=ceremony.id,
                    kind=AwardeeKind.COLLECTIVE if "," in authors else AwardeeKind.INDIVIDUAL,
                    name=f"Nhóm tác giả {authors}" if "," in authors else authors,
                    position="" if "," in authors else "Phóng viên",
                    unit=unit[0].upper() + unit[1:],
                    decision_id=prize_decision.id,
                    achievement=f"Đã đạt {level.label} Cuộc thi “{contest_title}”",
                    notes=f"Tác phẩm: “{WORK_TITLES[i]}”",
                )
            )
    book.add_prizes(prizes)
    book.add_awardees(awardees)
    return ceremony
