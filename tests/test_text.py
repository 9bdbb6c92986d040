import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from models.domain import text

# The order Qt's QCollator (ICU/CLDR, Vietnamese, numeric mode) gives for these words.
QCOLLATOR_ORDER = [
    "a b",
    "a-b",
    "a1",
    "ab",
    "An",
    "Anh",
    "Ăn",
    "Ân",
    "Dung",
    "Đức",
    "e",
    "é",
    "ê",
    "ề",
    "hoà",
    "hòa",
    "ma",
    "Ma",
    "mà",
    "mả",
    "mã",
    "má",
    "mạ",
    "Mai",
    "mă",
    "mâ",
    "mb",
    "md",
    "mđ",
    "on",
    "ôn",
    "ổn",
    "ơn",
    "Thuỳ",
    "Thùy",
    "tổ",
    "Tổ 9",
    "Tổ 18",
    "Tổ dân",
    "u",
    "ua",
    "ư",
    "ưa",
]


def test_clean_composes_nfd_and_collapses_spaces():
    typed = "  Nguye\u0302\u0303n   Thi\u0323\t Thu\u0300y  Dung "
    cleaned = text.clean(typed)
    assert cleaned == "Nguyễn Thị Thùy Dung"
    assert unicodedata.is_normalized("NFC", cleaned)


def test_clean_multiline_keeps_lines():
    assert text.clean_multiline("  dòng  một \n\n  dòng hai ") == "dòng một\n\ndòng hai"


def test_search_ignores_case_and_diacritics():
    haystack = text.fold("Nguyễn Thị Thùy Dung – Phường Đức Giang")
    assert text.fold("nguyen thi") in haystack
    assert text.fold("DUC giang") in haystack
    assert text.fold("Thu\u0300y  dung") in haystack  # decomposed input, doubled space
    assert text.fold("nguyen van") not in haystack
    assert text.fold("thi dung") not in haystack, "a phrase, not scattered words"


def test_match_key_treats_both_tone_placements_alike():
    assert text.match_key("Thùy") == text.match_key("Thuỳ")
    assert text.match_key("hòa") == text.match_key("HOÀ")
    assert text.match_key("Qúy") == text.match_key("Quý")
    assert text.match_key("Thủy") != text.match_key("Thùy")
    assert text.match_key("Thu") != text.match_key("Thư")


def test_sort_key_follows_vietnamese_collation():
    shuffled = sorted(QCOLLATOR_ORDER, key=lambda w: w[::-1])
    assert sorted(shuffled, key=text.sort_key) == QCOLLATOR_ORDER


def test_people_sort_by_given_then_middle_then_family_name():
    people = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Văn An", "Đỗ Thị Ánh", "Nguyễn Văn Ân", "Phạm Ăn"]
    assert sorted(people, key=text.person_sort_key) == [
        "Nguyễn Thị An",
        "Lê Văn An",
        "Đỗ Thị Ánh",
        "Phạm Ăn",
        "Nguyễn Văn Ân",
        "Trần Văn Bình",
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x1EFF), max_size=30))
def test_the_fast_duplicate_key_agrees_with_its_definition(value):
    assert text.match_key(value) == text._slow_match_key(value)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from("aAăâđĐêôơưyY Đ0129 \u0300\u0301\u0303\u0309\u0323\u0302-.,ß"), max_size=24))
def test_sort_key_made_word_by_word_is_the_key_of_the_whole_text(value):
    assert text.sort_key(value) == text._slow_sort_key(value)
