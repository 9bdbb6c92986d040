"""The ceremony as it runs, without any window: the one Show both screens paint."""

from __future__ import annotations

from models.domain.live import Show
from models.reports.mc_script import ceremony_script
from tests.pdf_tools import ceremony_by_place


def _show(book, place="Hải Phòng", year=2022, **kw) -> Show:
    return Show(ceremony_script(book, ceremony_by_place(book, place, year).id), **kw)


def test_steps_run_from_the_opening_through_each_batch_to_the_close(sample_book):
    show = _show(sample_book)
    batches = show.batch_count
    assert batches == len(show.script.batches) > 1
    assert show.step == 0 and show.progress == f"Mở đầu · {batches} đợt"
    assert show.slide().heading == "Công bố quyết định khen thưởng"
    assert show.advance() and show.progress == f"Đợt 1/{batches}"
    first = show.current
    assert show.slide().heading == first.batch.form.label.upper()
    assert [n for n, _ in show.slide().names] == [e.name for e in first.entries]
    assert show.following is show.script.batches[1]
    assert show.go(10_000) and show.step == show.last_step, "clamped to the close"
    assert show.progress == f"Kết thúc · {batches}/{batches} đợt"
    assert not show.advance(), "nothing past the close"
    assert show.slide().heading.startswith("Xin chúc mừng")
    assert show.go(-5) and show.step == 0 and not show.back()


def test_jumping_to_a_batch_by_number(sample_book):
    show = _show(sample_book)
    assert show.jump_to_batch(2) == "" and show.step == 2
    assert show.jump_to_batch(99) == f"Không có đợt 99 (có {show.batch_count} đợt)." and show.step == 2
    assert show.step_label(0) == "Mở đầu – công bố quyết định"
    assert show.step_label(show.last_step) == "Kết thúc"
    sb = show.script.batches[1]
    assert show.step_label(2) == f"Đợt 2: {sb.batch.form.label}, {len(sb.entries)} người"


def test_an_absent_person_leaves_the_hall_and_is_listed_at_the_end(sample_book):
    show = _show(sample_book)
    show.advance()
    gone = show.current.entries[1]
    assert show.toggle_absent(gone.ref) is True
    assert gone.name not in [n for n, _ in show.slide().names]
    assert show.absentees() == [gone]
    assert show.toggle_absent(gone.ref) is False and show.absentees() == []
    assert gone.name in [n for n, _ in show.slide().names]


def test_the_hall_goes_black_and_comes_back_on_the_same_step(sample_book):
    show = _show(sample_book, step=1)
    show.toggle_blank()
    assert show.slide().blank and show.slide().names == ()
    show.toggle_blank()
    assert not show.slide().blank and show.step == 1


def test_a_saved_step_beyond_a_shorter_order_is_clamped(sample_book):
    show = _show(sample_book, step=999)
    assert show.step == show.last_step


def test_prize_winners_are_shown_with_their_level(sample_book):
    show = _show(sample_book)
    step = next(i for i, sb in enumerate(show.script.batches, 1) if sb.entries[0].level is not None)
    show.go(step)
    name, detail = show.slide().names[0]
    entry = show.current.entries[0]
    assert name == entry.name and detail.startswith(entry.level.label)


def test_bang_khen_one_at_a_time_then_the_next_batch(sample_book):
    show = _show(sample_book, one_at_a_time=True)
    show.advance()
    first = show.current
    assert first.batch.form.label == "Bằng khen" and show.one_by_one(first)
    people = [e.name for e in show.present(first)]
    seen = []
    for i in range(len(people)):
        slide = show.slide()
        assert len(slide.names) == 1 and slide.heading == f"BẰNG KHEN · {i + 1}/{len(people)}"
        seen.append(slide.names[0][0])
        assert show.advance()
    assert seen == people and show.step == 2 and show.person == 0
    assert show.back() and show.step == 1 and show.person == len(people) - 1  # back to the last one
    show.toggle_absent(show.on_stage().ref)  # the last one turns out absent: still someone on stage
    assert show.on_stage() is not None and show.slide().names[0][0] == people[-2]
    show.toggle_one_at_a_time()
    assert show.on_stage() is None and len(show.slide().names) == len(people) - 1  # whole batch again


def test_one_at_a_time_leaves_other_forms_as_whole_batches(sample_book):
    show = _show(sample_book, place="Long Biên", year=2022, one_at_a_time=True)
    show.advance()
    assert not show.one_by_one(show.current) and len(show.slide().names) == len(show.current.entries)
    assert show.advance() and show.step == 2
