import datetime as dt
import unicodedata

import pytest

from models.domain.records import (
    Awardee,
    AwardeeKind,
    AwardForm,
    Ceremony,
    Contest,
    Decision,
    Prize,
    PrizeLevel,
    quota_status,
)
from models.errors import InUseError, ValidationError


@pytest.fixture
def ceremony(book):
    return book.save_ceremony(Ceremony(title="Hội nghị sơ kết", held_on=dt.date(2022, 7, 28), place="Long Biên"))


@pytest.fixture
def decision(book, ceremony):
    return book.save_decision(
        Decision(
            ceremony_id=ceremony.id,
            award_form=AwardForm.GIAY_KHEN,
            number="215-QĐ/QU",
            achievement="Đã có thành tích xuất sắc",
        )
    )


def person(ceremony, name, unit="Phường Bồ Đề", **kw):
    return Awardee(ceremony_id=ceremony.id, kind=AwardeeKind.INDIVIDUAL, name=name, unit=unit, **kw)


def test_everything_is_stored_nfc_and_trimmed(book, ceremony):
    saved = book.add_awardee(
        person(ceremony, " Nguye\u0302\u0303n  Thi\u0323 Thu\u0300y ", unit="Phu\u031bo\u031b\u0300ng  Cự Khối")
    )
    again = book.awardee(saved.id)
    assert again.name == "Nguyễn Thị Thùy"
    assert again.unit == "Phường Cự Khối"
    assert unicodedata.is_normalized("NFC", again.name + again.unit)


def test_search_finds_without_accents_and_case(book, ceremony):
    book.add_awardees(
        [person(ceremony, "Nguyễn Thị Thùy Dung"), person(ceremony, "Trần Văn Hùng", unit="Phường Đức Giang")]
    )
    assert [a.name for a in book.search_awardees(ceremony.id, "nguyen thi")] == ["Nguyễn Thị Thùy Dung"]
    assert [a.name for a in book.search_awardees(ceremony.id, "THÙY")] == ["Nguyễn Thị Thùy Dung"]
    assert [a.name for a in book.search_awardees(ceremony.id, "duc giang")] == ["Trần Văn Hùng"]


def test_duplicate_same_name_and_unit_despite_tone_placement(book, ceremony):
    first = book.add_awardee(person(ceremony, "Phạm Thị Thùy Dung"))
    dupes = book.find_awardee_duplicates(person(ceremony, "phạm thị thuỳ dung", unit="phường bồ đề"))
    assert [d.id for d in dupes] == [first.id]
    assert book.find_awardee_duplicates(person(ceremony, "Phạm Thị Thùy Dung", unit="Phường Cự Khối")) == []
    assert book.find_awardee_duplicates(first) == []  # a record is no duplicate of itself


def test_name_is_required(book, ceremony):
    with pytest.raises(ValidationError, match="họ và tên"):
        book.add_awardee(person(ceremony, "   "))


def test_batch_add_is_all_or_nothing(book, ceremony):
    with pytest.raises(ValidationError):
        book.add_awardees([person(ceremony, "Lê Văn An"), person(ceremony, "")])
    assert book.awardees(ceremony.id) == []


def test_deleted_awardee_restores_with_same_id(book, ceremony, decision):
    saved = book.add_awardee(person(ceremony, "Lê Văn An", decision_id=decision.id))
    gone = book.delete_awardees([saved.id])
    assert book.awardees(ceremony.id) == []
    book.add_awardees(gone)
    assert book.awardees(ceremony.id) == [saved]


def test_collective_has_no_position(book, ceremony):
    saved = book.add_awardee(
        Awardee(ceremony_id=ceremony.id, kind=AwardeeKind.COLLECTIVE, name="Hội LHPN phường Bồ Đề", position="Chủ tịch")
    )
    assert saved.position == ""


def test_decision_in_use_cannot_be_deleted(book, ceremony, decision):
    book.add_awardee(person(ceremony, "Lê Văn An", decision_id=decision.id))
    with pytest.raises(InUseError, match="1 tập thể"):
        book.delete_decision(decision.id)
    assert book.decisions(ceremony.id) == [decision]


def test_decision_of_another_ceremony_is_refused(book, ceremony):
    other = book.save_ceremony(Ceremony(title="Khác"))
    foreign = book.save_decision(Decision(ceremony_id=other.id, award_form=AwardForm.BANG_KHEN))
    with pytest.raises(ValidationError, match="không thuộc"):
        book.add_awardee(person(ceremony, "Lê Văn An", decision_id=foreign.id))


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://a.vn/x", "longbien.gov.vn", "https://"])
def test_news_url_must_be_http(book, url):
    with pytest.raises(ValidationError, match="http"):
        book.save_ceremony(Ceremony(title="Lễ", news_url=url))


def test_quota_warns_when_over(book, ceremony):
    contest = book.save_contest(
        Contest(
            ceremony_id=ceremony.id,
            title="Cuộc thi viết",
            entries_received=380,
            quotas={PrizeLevel.A: 2, PrizeLevel.B: 4, PrizeLevel.C: 10},
        )
    )
    book.add_prizes([Prize(contest_id=contest.id, level=PrizeLevel.A, authors=f"Tác giả {i}") for i in range(3)])
    status = {s.level: s for s in quota_status(book.contests(ceremony.id)[0], book.prizes(contest.id))}
    assert status[PrizeLevel.A].over and (status[PrizeLevel.A].given, status[PrizeLevel.A].quota) == (3, 2)
    assert not status[PrizeLevel.B].over and status[PrizeLevel.B].given == 0


def test_completions_offer_what_was_typed(book, ceremony):
    book.add_awardee(person(ceremony, "Lê Văn An", position="Tổ trưởng tổ dân phố số 18", ward="Ngọc Thụy"))
    done = book.completions()
    assert "Phường Bồ Đề" in done["unit"] and "Ngọc Thụy" in done["ward"]
    assert "Tổ trưởng tổ dân phố số 18" in done["position"] and "Giải phóng mặt bằng" in done["field"]
    assert "GPMB" not in done["field"], "the field list shows full names"


def test_a_short_field_is_stored_in_full_and_still_found_by_its_short_form(book, ceremony):
    a = book.add_awardee(person(ceremony, "Lê Văn An", field="gpmb"))
    assert a.field == "Giải phóng mặt bằng" and book.awardee(a.id).field == "Giải phóng mặt bằng"
    assert [x.name for x in book.search_awardees(ceremony.id, "GPMB")] == ["Lê Văn An"]


def test_deleting_a_ceremony_takes_its_records(book, ceremony, decision):
    book.add_awardee(person(ceremony, "Lê Văn An", decision_id=decision.id))
    book.delete_ceremony(ceremony.id)
    assert book.ceremonies() == [] and book.awardees(ceremony.id) == []


def test_a_whole_list_reads_every_field_as_one_record_does(sample_book):
    """The quick tuple reader of a whole list and the one-record reader agree on every field."""
    from models.domain.search import awardee_search_text

    checked = 0
    for c in sample_book.ceremonies():
        listed, folded = sample_book.listed_awardees(c.id)
        for a, f in zip(listed, folded, strict=True):
            assert a == sample_book.awardee(a.id) and f == awardee_search_text(a)
            checked += 1
        for contest in sample_book.contests(c.id):
            for p in sample_book.prizes(contest.id):
                assert p == sample_book.prize(p.id)
                checked += 1
    assert checked > 150


def test_an_edit_made_from_an_older_reading_is_refused_and_nothing_is_written(book, ceremony):
    """Two windows on one file, or two clerks on a server: the second save of the same
    reading would put back what the first changed. It is refused and says what differs."""
    from models.errors import ConflictError

    saved = book.add_awardee(person(ceremony, "Nguyễn Thị Thùy Dung", position="Tổ trưởng"))
    first, second = book.awardee(saved.id), book.awardee(saved.id)
    first.position = "Tổ phó"
    assert book.update_awardee(first).version == saved.version + 1
    second.position = "Bí thư chi bộ"
    with pytest.raises(ConflictError) as refused:
        book.update_awardee(second)
    assert "Chức vụ “Tổ phó”. Bản của bạn: “Bí thư chi bộ”" in refused.value.message
    assert refused.value.theirs.position == "Tổ phó" and refused.value.mine.position == "Bí thư chi bộ"
    assert book.awardee(saved.id).position == "Tổ phó"
    with pytest.raises(ConflictError):
        book.delete_awardees([saved.id], {saved.id: second.version})
    assert book.awardee(saved.id).name == "Nguyễn Thị Thùy Dung"


def test_undo_steps_on_one_record_follow_each_other(book, ceremony, decision):
    """Edit, delete, then undo both: the undone delete puts the record back as a newer
    version, and the undo of the edit before it is this app's own, not someone else's."""
    from dataclasses import replace

    from models.ops.entities import DeleteDecision, SaveRecord
    from models.ops.records import DeleteRecords, EditRecord, RecordStore

    records = RecordStore.awardees(book)
    an = book.add_awardee(person(ceremony, "Lê Văn An"))
    edit = EditRecord(records, an, replace(an, position="Tổ trưởng"), "sửa")
    edit.do()
    gone = DeleteRecords(records, [book.awardee(an.id)], "xóa")
    gone.do()
    gone.undo()
    edit.undo()
    assert book.awardee(an.id).position == ""
    edit.do()  # redo
    assert book.awardee(an.id).position == "Tổ trưởng"

    spare = book.save_decision(Decision(ceremony.id, AwardForm.BANG_KHEN, number="1/QĐ"))
    renamed = SaveRecord.decision(book, replace(spare, number="2/QĐ"))
    renamed.do()
    dropped = DeleteDecision(book, next(d for d in book.decisions(ceremony.id) if d.id == spare.id))
    dropped.do()
    dropped.undo()
    renamed.undo()
    assert next(d for d in book.decisions(ceremony.id) if d.id == spare.id).number == "1/QĐ"


def test_a_decision_saved_from_an_older_reading_is_refused(book, ceremony, decision):
    from dataclasses import replace

    from models.errors import ConflictError

    first = replace(book.decisions(ceremony.id)[0], number="215-QĐ/QU (sửa)")
    second = replace(book.decisions(ceremony.id)[0], signer_name="Nguyễn Văn Hà")
    book.save_decision(first)
    with pytest.raises(ConflictError) as refused:
        book.save_decision(second)
    assert "Số quyết định “215-QĐ/QU (sửa)”. Bản của bạn: “215-QĐ/QU”" in refused.value.message
    assert book.decisions(ceremony.id)[0].signer_name == ""
    older = replace(book.ceremony(ceremony.id), title="Tên cũ")
    book.save_ceremony(replace(book.ceremony(ceremony.id), place="Gia Lâm"))
    with pytest.raises(ConflictError):
        book.save_ceremony(older)
