"""The award order: default rules, batch limits, reordering, saving and keeping it true to the data."""

import datetime as dt

import pytest

from models.domain import award_order as ao
from models.domain.records import Awardee, AwardeeKind, AwardForm, Ceremony, Contest, Decision, Prize, PrizeLevel, Ref
from models.domain.script import build_script
from models.errors import ConflictError, ValidationError
from models.repos.order_book import OrderBook, gather_entries
from tests.pdf_tools import ceremony_by_place
from tests.sample_counts import LONG_BIEN_2022


@pytest.fixture
def small(book):
    """A ceremony with one of everything the order rules care about, entered out of order."""
    c = book.save_ceremony(Ceremony("Hội nghị biểu dương", held_on=dt.date(2023, 2, 5), place="Bồ Đề"))
    gk = book.save_decision(Decision(c.id, AwardForm.GIAY_KHEN, number="12-QĐ/ĐU", signed_on=dt.date(2023, 2, 1)))
    bk = book.save_decision(Decision(c.id, AwardForm.BANG_KHEN, number="99/QĐ-UBND"))
    cert = book.save_decision(Decision(c.id, AwardForm.GIAY_CHUNG_NHAN, number="5-QĐ/BDV"))
    person = dict(ceremony_id=c.id, kind=AwardeeKind.INDIVIDUAL)
    group = dict(ceremony_id=c.id, kind=AwardeeKind.COLLECTIVE)
    book.add_awardees(
        [
            Awardee(**person, name="Nguyễn Văn An", position="Tổ trưởng", unit="Phường Bồ Đề", decision_id=gk.id),
            Awardee(**group, name="Hội Cựu chiến binh phường Bồ Đề", unit="Phường Bồ Đề", decision_id=gk.id),
            Awardee(**person, name="Trần Thị Bích", unit="Phường Bồ Đề", decision_id=gk.id),
            Awardee(**group, name="Chi bộ khu dân cư số 3", unit="Phường Cự Khối", decision_id=bk.id),
            Awardee(**person, name="Lê Văn Chưa Gắn", unit="Phường Bồ Đề"),
        ]
    )
    contest = book.save_contest(Contest(c.id, "Viết về gương Dân vận khéo", decision_id=cert.id))
    book.add_prizes(
        [
            Prize(contest.id, PrizeLevel.CONSOLATION, "Phạm Khuyến"),
            Prize(contest.id, PrizeLevel.C, "Đỗ Văn Cờ"),
            Prize(contest.id, PrizeLevel.A, "Vũ Thị Ánh", work_title="Người giữ đất"),
            Prize(contest.id, PrizeLevel.SPECIAL, "Hoàng Đặc Biệt"),
            Prize(contest.id, PrizeLevel.B, "Ngô Bê"),
        ]
    )
    return c


def _names(book, current):
    return [[current.entries.by_ref[r].name for r in b.refs] for b in current.order.batches]


def test_default_order_follows_the_rules(book, small):
    current = OrderBook(book.store).current(book, small.id)
    assert not current.saved
    assert _names(book, current) == [
        ["Chi bộ khu dân cư số 3"],  # Bằng khen first
        # Giấy khen: collectives before individuals, people by given name (An before Bích)
        ["Hội Cựu chiến binh phường Bồ Đề", "Nguyễn Văn An", "Trần Thị Bích"],
        # contest certificates last: Đặc biệt, A, B, C, Khuyến khích
        ["Hoàng Đặc Biệt", "Vũ Thị Ánh", "Ngô Bê", "Đỗ Văn Cờ", "Phạm Khuyến"],
    ]
    assert [b.form for b in current.order.batches] == [
        AwardForm.BANG_KHEN,
        AwardForm.GIAY_KHEN,
        AwardForm.GIAY_CHUNG_NHAN,
    ]
    assert current.entries.unplaced == ["Lê Văn Chưa Gắn"]


def test_batches_hold_at_most_n_and_are_evened_out(sample_book):
    c = ceremony_by_place(sample_book, "Long Biên", 2022)
    entries = gather_entries(sample_book, c.id)
    for size in (1, 4, 10, 13):
        order = ao.default_order(c.id, entries, size)
        sizes = [len(b.refs) for b in order.batches]
        assert max(sizes) <= size
        assert len(order.refs()) == len(set(order.refs())) == LONG_BIEN_2022
    # 63 models in batches of at most 10: seven batches of 9, not 6×10 and a lonely 3
    order = ao.default_order(c.id, entries, 10)
    assert [len(b.refs) for b in order.batches] == [9, 9, 9, 9, 9, 9, 9, 8, 7]
    with pytest.raises(ValidationError, match="từ 1 đến 50"):
        ao.default_order(c.id, entries, 0)


def _order(*sizes, form=AwardForm.GIAY_KHEN, limit=10):
    refs = iter(range(1, 1000))
    return ao.AwardOrder(1, [ao.Batch(form, [Ref.awardee(next(refs)) for _ in range(n)]) for n in sizes], limit)


def test_moving_entries_between_and_within_batches():
    o = _order(3, 3)
    ao.move_entries(o, [Ref.awardee(1)], 1, 3)  # first of batch 1 to the end of batch 2
    assert o.batches[0].refs == [Ref.awardee(2), Ref.awardee(3)]
    assert o.batches[1].refs == [Ref.awardee(4), Ref.awardee(5), Ref.awardee(6), Ref.awardee(1)]
    ao.move_entries(o, [Ref.awardee(1)], 1, 0)  # within a batch, to the top
    assert o.batches[1].refs[0] == Ref.awardee(1)
    ao.move_entries(o, [Ref.awardee(2), Ref.awardee(3)], 1, 2)  # emptying a batch removes it
    assert len(o.batches) == 1
    assert o.batches[0].refs == [Ref.awardee(i) for i in (1, 4, 2, 3, 5, 6)]


def test_batch_limit_and_form_are_kept_on_every_edit():
    o = _order(10, 2)
    with pytest.raises(ValidationError, match="Đợt 1 đã có 10 người"):
        ao.move_entries(o, [Ref.awardee(11)], 0, 0)
    with pytest.raises(ValidationError, match="quá 10 người"):
        ao.merge_with_next(o, 0)
    o.batches.append(ao.Batch(AwardForm.BANG_KHEN, [Ref.awardee(99)]))
    with pytest.raises(ValidationError, match="đợt này trao Giấy khen"):
        ao.move_entries(o, [Ref.awardee(99)], 1, 0)
    with pytest.raises(ValidationError, match="Không gộp được"):
        ao.merge_with_next(o, 1)
    assert [len(b.refs) for b in o.batches] == [10, 2, 1]  # nothing changed by the refusals


def test_split_merge_move_batch_and_leaders():
    o = _order(6, 2)
    ao.set_leader(o, [0], "đồng chí Lê Khắc Nam", "Phó Chủ tịch UBND thành phố")
    assert o.batches[0].leader == "Lê Khắc Nam, Phó Chủ tịch UBND thành phố"
    assert ao.split_batch(o, 0, 4) == 1
    assert [len(b.refs) for b in o.batches] == [4, 2, 2]
    assert o.batches[1].leader_name == "Lê Khắc Nam"  # both halves keep the leader
    with pytest.raises(ValidationError):
        ao.split_batch(o, 0, 0)
    assert ao.move_batch(o, 2, 0) == 0
    assert o.batches[0].refs == [Ref.awardee(7), Ref.awardee(8)]
    ao.merge_with_next(o, 0)
    assert o.batches[0].refs[:3] == [Ref.awardee(7), Ref.awardee(8), Ref.awardee(1)]
    assert o.batches[0].leader_name == "Lê Khắc Nam"  # taken from the batch merged in


def test_smaller_batch_size_splits_oversized_batches():
    o = _order(10, 3)
    o.batches[0].leader_name = "Phùng Văn Dũng"
    ao.set_batch_size(o, 4)
    assert [len(b.refs) for b in o.batches] == [4, 3, 3, 3]
    assert [b.leader_name for b in o.batches[:3]] == ["Phùng Văn Dũng"] * 3
    assert o.refs() == [Ref.awardee(i) for i in range(1, 14)]


def test_saved_order_survives_reopening_and_follows_later_edits(book, small, open_again):
    orders = OrderBook(book.store)
    o = orders.current(book, small.id).order
    ao.move_batch(o, 2, 0)
    ao.set_leader(o, [0, 1], "Lê Trí Vũ", "Trưởng Ban Dân vận Thành ủy")
    o.absent.add(o.batches[0].refs[1])
    o.opening = "Lời mở đầu riêng"
    orders.save(o)

    from models.repos.book import CeremonyBook

    book.store.close()
    store = open_again()
    book, orders = CeremonyBook(store), OrderBook(store)
    reopened = orders.current(book, small.id)
    assert reopened.saved
    assert reopened.order.batches == o.batches
    assert reopened.order.absent == o.absent
    assert reopened.order.opening == "Lời mở đầu riêng"

    # A deleted awardee leaves the order; a new one joins the end of its form's batches.
    gk = [d for d in book.decisions(small.id) if d.award_form is AwardForm.GIAY_KHEN][0]
    an = next(a for a in book.awardees(small.id) if a.name == "Nguyễn Văn An")
    book.delete_awardees([an.id])
    new = book.add_awardee(Awardee(small.id, AwardeeKind.INDIVIDUAL, "Mai Văn Mới", decision_id=gk.id))
    bich = next(a for a in book.awardees(small.id) if a.name == "Trần Thị Bích")
    bich.decision_id = None  # no decision any more: cannot be called, leaves the order
    book.update_awardee(bich)
    current = orders.current(book, small.id)
    assert (current.added, current.dropped) == (1, 1)
    assert "1 mục mới" in current.changes and "1 mục" in current.changes
    assert sorted(current.entries.unplaced) == ["Lê Văn Chưa Gắn", "Trần Thị Bích"]
    gk_batch = next(b for b in current.order.batches if b.form is AwardForm.GIAY_KHEN)
    assert gk_batch.refs[-1] == Ref.awardee(new.id)
    assert Ref.awardee(an.id) not in current.order.refs()
    assert Ref.awardee(bich.id) not in current.order.refs()
    store.close()


def test_reconcile_moves_an_entry_whose_award_form_changed(book, small):
    orders = OrderBook(book.store)
    orders.save(orders.current(book, small.id).order)
    bk = next(d for d in book.decisions(small.id) if d.award_form is AwardForm.BANG_KHEN)
    an = next(a for a in book.awardees(small.id) if a.name == "Nguyễn Văn An")
    an.decision_id = bk.id
    book.update_awardee(an)
    current = orders.current(book, small.id)
    assert (current.added, current.dropped) == (1, 0)
    first = current.order.batches[0]
    assert first.form is AwardForm.BANG_KHEN and Ref.awardee(an.id) in first.refs


def test_script_wording(book, small):
    orders = OrderBook(book.store)
    current = orders.current(book, small.id)
    ao.set_leader(current.order, [0], "Lê Khắc Nam", "Phó Chủ tịch UBND thành phố")
    script = build_script(small, current.order, current.entries, book.decisions(small.id))
    text = script.as_text()
    assert "Sau đây, xin trân trọng công bố Quyết định số 99/QĐ-UBND về việc tặng Bằng khen cho 1 tập thể." in text
    assert (
        "Tiếp theo, xin trân trọng công bố Quyết định số 12-QĐ/ĐU, ngày 1/2/2023 về việc tặng Giấy khen "
        "cho 1 tập thể, 2 cá nhân." in text
    )
    assert "cho 5 tác giả đạt giải Cuộc thi “Viết về gương Dân vận khéo”." in text
    assert (
        "Trân trọng kính mời đồng chí Lê Khắc Nam, Phó Chủ tịch UBND thành phố lên trao Bằng khen "
        "cho tập thể sau:\n  1. Chi bộ khu dân cư số 3" in text
    )
    # no leader yet: a blank to fill, never a made-up name
    assert "Trân trọng kính mời đồng chí …………………… lên trao Giấy khen cho các tập thể, cá nhân sau:" in text
    assert "  2. Nguyễn Văn An – Tổ trưởng, Phường Bồ Đề" in text
    assert "  2. Giải A – Vũ Thị Ánh; tác phẩm “Người giữ đất”\n  3. Giải B – Ngô Bê" in text
    assert "ĐỢT 3: GIẤY CHỨNG NHẬN – 5 TÁC GIẢ" in text
    assert "II. TRAO KHEN THƯỞNG (3 đợt, 2 tập thể, 2 cá nhân, 5 tác giả)" in text
    assert text.index("Chi bộ khu dân cư số 3") < text.index("Hội Cựu chiến binh") < text.index("Hoàng Đặc Biệt")

    current.order.batches[1].intro = "Kính mời đồng chí Bí thư Đảng ủy phường lên trao Giấy khen:"
    current.order.closing = "Xin cảm ơn."
    text = build_script(small, current.order, current.entries, book.decisions(small.id)).as_text()
    assert "Kính mời đồng chí Bí thư Đảng ủy phường lên trao Giấy khen:\n  1. Hội Cựu chiến binh" in text
    assert text.rstrip().endswith("III. KẾT THÚC\n\nXin cảm ơn.")


def _random_edit(o: ao.AwardOrder, rng) -> None:
    """One thing an organiser does to the order, chosen at random; refused edits are skipped."""
    n = len(o.batches)
    i = rng.randrange(n)
    kind = rng.choice(["entry", "batch", "split", "merge", "leader", "size"])
    try:
        if kind == "entry":
            b = o.batches[i]
            ref = rng.choice(b.refs)
            to = rng.randrange(n)
            ao.move_entries(o, [ref], to, rng.randrange(len(o.batches[to].refs) + 1))
        elif kind == "batch":
            ao.move_batch(o, i, rng.randrange(n))
        elif kind == "split" and len(o.batches[i].refs) > 1:
            ao.split_batch(o, i, rng.randrange(1, len(o.batches[i].refs)))
        elif kind == "merge" and i + 1 < n:
            ao.merge_with_next(o, i)
        elif kind == "leader":
            ao.set_leader(o, [i], rng.choice(["Lê Trí Vũ", "Nguyễn Văn Hùng", ""]), "Phó Chủ tịch")
        elif kind == "size":
            ao.set_batch_size(o, rng.randint(4, 15))
    except ValidationError:
        pass


def test_edits_saved_as_changes_read_back_exactly_as_arranged(sample_book):
    import random

    rng = random.Random(15)
    orders = OrderBook(sample_book.store)
    ceremony = ceremony_by_place(sample_book, "Long Biên", 2022)
    stored = orders.current(sample_book, ceremony.id).order
    orders.save(stored)
    for step in range(150):
        after = stored.copy()
        _random_edit(after, rng)
        orders.save(after, stored)
        loaded = orders.load(ceremony.id)
        assert loaded == after, f"edit {step + 1}"
        stored = loaded


def test_an_edit_keeps_what_the_stage_marked_meanwhile(sample_book):
    orders = OrderBook(sample_book.store)
    ceremony = ceremony_by_place(sample_book, "Long Biên", 2022)
    stored = orders.current(sample_book, ceremony.id).order
    orders.save(stored)
    away, moved = stored.batches[0].refs[2], stored.batches[1].refs[0]
    stage = OrderBook(sample_book.store)  # the ceremony screens, on their own
    stage.set_absent(ceremony.id, away, True)
    stage.set_live_step(ceremony.id, 7)

    after = stored.copy()
    ao.move_entries(after, [moved], 0, 0)  # rewrites the batch holding the absent person
    ao.move_batch(after, 3, 1)
    orders.save(after, stored)
    loaded = orders.load(ceremony.id)
    assert loaded.batches == after.batches
    assert loaded.absent == {away} and loaded.live_step == 7, "the stage's marks are not undone by an edit"

    edited = loaded.copy()
    edited.absent, edited.live_step = set(), 0  # what a reset to the default order does
    orders.save(edited, loaded)
    assert orders.load(ceremony.id).absent == set() and orders.load(ceremony.id).live_step == 0


def test_an_order_saved_by_someone_else_is_replaced_whole_not_patched(sample_book):
    orders = OrderBook(sample_book.store)
    ceremony = ceremony_by_place(sample_book, "Long Biên", 2022)
    mine = orders.current(sample_book, ceremony.id).order
    orders.save(mine)
    theirs = mine.copy()
    ao.move_entries(theirs, [theirs.batches[0].refs[0]], 1, 0)  # same batches, other people in them
    orders.save(theirs)

    after = mine.copy()
    ao.set_leader(after, [2], "Lê Trí Vũ", "Trưởng Ban Dân vận Thành ủy")
    if getattr(sample_book.store, "engine", "sqlite") == "postgresql":
        # On a server that is another organiser's work: refused, not written over.
        with pytest.raises(ConflictError):
            orders.save(after, mine)
        assert orders.load(ceremony.id).batches == theirs.batches
        return
    orders.save(after, mine)  # mine is stale: the book holds theirs (a file has one writer)
    assert orders.load(ceremony.id).batches == after.batches


def test_wording_typed_with_stray_spaces_is_the_same_order_at_the_next_save(sample_book):
    """The book stores wording cleaned; the order held as typed must still match it, or the
    next edit would be taken for someone else's change (refused on a server)."""
    orders = OrderBook(sample_book.store)
    ceremony = ceremony_by_place(sample_book, "Long Biên", 2022)
    loaded = orders.current(sample_book, ceremony.id).order
    orders.save(loaded)
    typed = loaded.copy()
    typed.batches[0].intro = "  Xin trân trọng   kính mời  "
    ao.set_leader(typed, [1], "Lê Trí Vũ", "Trưởng Ban Dân vận Quận ủy")
    orders.save(typed, loaded)
    moved = typed.copy()
    ao.move_entries(moved, [moved.batches[2].refs[0]], 3, 0)
    orders.save(moved, orders.held(ceremony.id))  # no ConflictError, on either engine
    again = orders.load(ceremony.id)
    assert again.batches[0].intro == "Xin trân trọng kính mời"
    assert [b.refs for b in again.batches] == [b.refs for b in moved.batches]
