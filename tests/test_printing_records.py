"""Register numbers, the print log and saved templates, as an organiser relies on them."""

import datetime as dt

import pytest

from certificates import batch
from models.domain.printing import PaperMode, PrintAction, PrintJob
from models.domain.records import AwardForm, Ref
from models.domain.templates import CertificateTemplate, Paper, Placement
from models.errors import ValidationError
from models.repos.print_book import PrintBook
from models.storage.settings import Calibration, Settings
from tests.pdf_tools import ceremony_by_place
from tests.sample_counts import LONG_BIEN_2022


@pytest.fixture
def lb(sample_book):
    return sample_book, PrintBook(sample_book.store), ceremony_by_place(sample_book, "Long Biên", 2022)


def test_preview_shows_the_numbers_printing_will_give_and_writes_nothing(lb):
    book, prints, ceremony = lb
    preview = batch.prepare(book, prints, ceremony.id, assign=False)
    assert all(a.register_no == "" for a in book.awardees(ceremony.id))
    printed = batch.prepare(book, prints, ceremony.id, assign=True)
    assert [c.register_no for c in preview.certificates] == [c.register_no for c in printed.certificates]
    assert [c.register_no for c in printed.certificates][:3] == ["001/GK-2022", "002/GK-2022", "003/GK-2022"]
    stored = {a.id: a.register_no for a in book.awardees(ceremony.id)}
    assert all(stored[c.ref.id] == c.register_no for c in printed.certificates)


def test_register_numbers_never_change_and_are_never_reused(lb):
    book, prints, ceremony = lb
    first = batch.prepare(book, prints, ceremony.id, assign=True).certificates
    gone = first[-1]
    book.delete_awardees([gone.ref.id])
    again = batch.prepare(book, prints, ceremony.id, assign=True).certificates
    assert [c.register_no for c in again] == [c.register_no for c in first[:-1]]
    decision = book.decisions(ceremony.id)[0]
    from models.domain.records import Awardee, AwardeeKind

    new = book.add_awardee(
        Awardee(ceremony_id=ceremony.id, kind=AwardeeKind.INDIVIDUAL, name="Lê Thị Mới", decision_id=decision.id)
    )
    numbers = prints.register_numbers([(Ref.awardee(new.id), "GK-2022")], commit=True)
    assert numbers[Ref.awardee(new.id)] == "079/GK-2022", "the deleted awardee's 078 is not given again"
    assert book.search_awardees(ceremony.id, "079/GK")[0].id == new.id, "the number is searchable"


def test_print_log_records_each_run_and_reprints_need_a_reason(lb):
    book, prints, ceremony = lb
    plan = batch.prepare(book, prints, ceremony.id, assign=True)
    job = batch.record(prints, plan, action=PrintAction.PRINT, target="HP LaserJet", mode=PaperMode.FULL, copies=1)
    assert job.reprints == 0 and len(job.items) == LONG_BIEN_2022

    one = batch.prepare(book, prints, ceremony.id, {plan.certificates[4].ref}, assign=True)
    assert [c.who for c in one.printed_before] == [plan.certificates[4].who]
    with pytest.raises(ValidationError, match="lý do in lại"):
        batch.record(prints, one, action=PrintAction.PRINT, target="HP LaserJet", mode=PaperMode.FULL)
    batch.record(
        prints,
        one,
        action=PrintAction.PRINT,
        target="HP LaserJet",
        mode=PaperMode.BLANK,
        copies=2,
        reason="Giấy bị nhòe mực",
    )

    log = prints.print_jobs(ceremony.id)
    assert [j.reason for j in log] == ["Giấy bị nhòe mực", ""]
    assert log[0].copies == 2 and log[0].mode == "blank" and log[0].items[0].reprint
    assert log[0].items[0].register_no == plan.certificates[4].register_no
    assert log[1].items[0].name == plan.certificates[0].who
    assert prints.printed_counts(ceremony.id)[plan.certificates[4].ref] == 2


def test_log_keeps_the_name_after_the_awardee_is_deleted(lb):
    book, prints, ceremony = lb
    plan = batch.prepare(book, prints, ceremony.id, assign=True)
    batch.record(prints, plan, action=PrintAction.PDF, target="a.pdf", mode=PaperMode.FULL)
    book.delete_awardees([plan.certificates[0].ref.id])
    item = prints.print_jobs(ceremony.id)[0].items[0]
    assert item.name == plan.certificates[0].who and item.ref is None


def test_template_is_saved_per_ceremony_and_form(lb):
    book, prints, ceremony = lb
    t = prints.template(ceremony.id, AwardForm.GIAY_KHEN)
    assert t.lead == "Tặng" and prints.template(ceremony.id, AwardForm.GIAY_CHUNG_NHAN).lead == "Chứng nhận"
    t.paper = Paper.A3
    t.individual_prefix = "Đồng chí"
    t.placements["name"] = Placement(40, 90, 200, 15, 22)
    prints.save_template(ceremony.id, AwardForm.GIAY_KHEN, t)
    again = prints.template(ceremony.id, AwardForm.GIAY_KHEN)
    assert again == t
    assert prints.template(ceremony.id, AwardForm.BANG_KHEN).paper is Paper.A4
    other = ceremony_by_place(book, "Long Biên", 2021)
    assert prints.template(other.id, AwardForm.GIAY_KHEN).paper is Paper.A4


@pytest.mark.parametrize(
    "bad", ["javascript:alert(1)", "ftp://x.vn/{so}", "https://x.vn/{ten}", "https://x.vn/{0}", "https://x.vn/{so"]
)
def test_bad_link_template_is_refused_in_vietnamese(lb, bad):
    book, prints, ceremony = lb
    t = CertificateTemplate.default(AwardForm.GIAY_KHEN)
    t.qr_url_template = bad
    with pytest.raises(ValidationError) as err:
        prints.save_template(ceremony.id, AwardForm.GIAY_KHEN, t)
    assert "địa chỉ" in err.value.message.lower()


def test_damaged_template_json_falls_back_to_defaults():
    t = CertificateTemplate.from_json(
        '{"paper": "A5", "placements": {"name": {"x": "a"}}, "lead": 3}', AwardForm.GIAY_KHEN
    )
    assert t == CertificateTemplate.default(AwardForm.GIAY_KHEN)
    assert CertificateTemplate.from_json("not json", AwardForm.BANG_KHEN).paper is Paper.A4


def test_calibration_from_two_crosshairs_undoes_the_printer(tmp_path):
    # A printer that shifts 1.5 mm right, 2 mm up, and stretches 1% across.
    def printer(p):
        return (1.5 + 1.01 * p[0], -2.0 + 1.0 * p[1])

    near, far = (20.0, 20.0), (277.0, 190.0)
    cal = Calibration.from_measurements(near, printer(near), far, printer(far))
    for x, y in (near, far, (148.5, 105.0)):
        corrected = (cal.offset_x + cal.scale_x * x, cal.offset_y + cal.scale_y * y)
        landed = printer(corrected)
        assert landed == pytest.approx((x, y), abs=0.02)

    settings = Settings(tmp_path / "settings.json")
    settings.set_calibration("HP LaserJet 1020", cal)
    assert Settings(tmp_path / "settings.json").calibration("HP LaserJet 1020") == cal
    assert Settings(tmp_path / "settings.json").calibration("Canon") == Calibration()


def test_implausible_measurements_are_refused():
    with pytest.raises(ValidationError, match="90–110%"):
        Calibration.from_measurements((20, 20), (20, 20), (277, 190), (200, 190))
    with pytest.raises(ValidationError, match="thứ tự"):
        Calibration.from_measurements((20, 20), (277, 190), (277, 190), (20, 20))


def test_broken_settings_file_does_not_stop_printing(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text("{ hỏng", encoding="utf-8")
    assert Settings(path).calibration("HP") == Calibration()


def test_print_job_time_is_kept_to_the_second(lb):
    book, prints, ceremony = lb
    plan = batch.prepare(book, prints, ceremony.id, assign=True)
    when = dt.datetime(2022, 7, 28, 8, 30, 15)
    prints.log_print(
        PrintJob(ceremony.id, when, PrintAction.PRINT, "HP", PaperMode.FULL),
        [(c.ref, c.who, c.register_no) for c in plan.certificates[:2]],
    )
    assert prints.print_jobs(ceremony.id)[0].printed_at == when


def test_the_second_file_of_an_issue_after_someone_was_deleted_is_still_logged(lb):
    """The combined PDF is saved, someone is deleted, then the per-person files of the same
    papers: the second file is logged beside the first, not refused nor crashed on."""
    book, prints, ceremony = lb
    plan = batch.prepare(book, prints, ceremony.id, assign=True)
    first = batch.record(prints, plan, action=PrintAction.PDF, target="gk.pdf", mode=PaperMode.FULL)
    book.delete_awardees([plan.certificates[0].ref.id])
    again = batch.prepare(book, prints, ceremony.id, assign=True)
    second = batch.record(
        prints, again, action=PrintAction.PDF, target="tung-nguoi", mode=PaperMode.FULL, companion_of=first.id
    )
    assert second.reprints == 0 and len(second.items) == LONG_BIEN_2022 - 1
