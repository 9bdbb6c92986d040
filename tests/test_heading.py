import pytest

from models.domain.heading import HeadingKind, guess_kind
from models.domain.records import AwardForm, Decision


@pytest.mark.parametrize(
    ("issuer", "kind"),
    [
        ("QUẬN ỦY LONG BIÊN", HeadingKind.PARTY),
        ("Thành ủy Hải Phòng", HeadingKind.PARTY),
        ("ĐẢNG ỦY PHƯỜNG BỒ ĐỀ", HeadingKind.PARTY),
        ("BAN THƯỜNG VỤ QUẬN ỦY", HeadingKind.PARTY),
        ("BAN DÂN VẬN THÀNH ỦY HẢI PHÒNG", HeadingKind.PARTY),
        ("Ban Dân vận Quận uỷ Long Biên", HeadingKind.PARTY),  # the other tone placement
        ("UBND QUẬN LONG BIÊN", HeadingKind.STATE),
        ("ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG", HeadingKind.STATE),
        ("HĐND QUẬN LONG BIÊN", HeadingKind.STATE),
        ("ỦY BAN MTTQ VIỆT NAM QUẬN LONG BIÊN", HeadingKind.STATE),
        ("HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG QUẬN", HeadingKind.STATE),
        ("", HeadingKind.STATE),
    ],
)
def test_the_heading_is_guessed_from_the_issuer(issuer, kind):
    assert guess_kind(issuer) is kind


def test_a_decision_set_by_hand_keeps_its_heading_whatever_the_issuer():
    d = Decision(1, AwardForm.GIAY_KHEN, issuer="UBND QUẬN LONG BIÊN", heading_kind=HeadingKind.PARTY)
    assert d.heading.kind is HeadingKind.PARTY
    assert d.heading.left == ["UBND QUẬN LONG BIÊN", "*"]
