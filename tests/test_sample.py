import unicodedata
from collections import Counter

from models.domain.fields import short_name
from models.domain.records import AwardeeKind, AwardForm, PrizeLevel
from models.sample import SEED_003_MODELS


def by_place(book):
    return {(c.place, c.held_on.year): c for c in book.ceremonies()}


def test_long_bien_2022_has_63_awardees_and_15_essay_authors(sample_book):
    c = by_place(sample_book)[("Long Biên", 2022)]
    decisions = {d.id: d for d in sample_book.decisions(c.id)}
    assert all(d.award_form is AwardForm.GIAY_KHEN for d in decisions.values())
    counts = Counter(a.decision_id for a in sample_book.awardees(c.id))
    assert sorted(counts.values()) == [15, 63]
    assert c.held_on.isoformat() == "2022-07-28" and c.organiser == "QUẬN ỦY LONG BIÊN"


def test_long_bien_2021_models_by_field_and_named_models(sample_book):
    c = by_place(sample_book)[("Long Biên", 2021)]
    awardees = sample_book.awardees(c.id)
    fields = Counter(short_name(a.field) for a in awardees)  # the seed counts by short form
    assert {f: fields[f] for f in ("VH-XH", "BVMT", "GPMB", "Kinh tế", "TTĐT")} == {
        "VH-XH": 4,
        "BVMT": 7,
        "GPMB": 16,
        "Kinh tế": 1,
        "TTĐT": 3,
    }
    assert {"GPMB", "TTĐT", "VH-XH"}.isdisjoint({a.field for a in awardees}), "stored by their full names"
    named = {(a.model_name, a.name) for a in awardees}
    assert {(m, u) for m, u, _ in SEED_003_MODELS} <= named
    assert ("Phòng tuyến áo xanh", "Quận đoàn Long Biên") in named


def test_hai_phong_2022_bang_khen_and_contest(sample_book):
    c = by_place(sample_book)[("Hải Phòng", 2022)]
    decisions = {d.id: d for d in sample_book.decisions(c.id)}
    bang_khen = [a for a in sample_book.awardees(c.id) if decisions[a.decision_id].award_form is AwardForm.BANG_KHEN]
    assert sorted(Counter(a.decision_id for a in bang_khen).values()) == [6, 39]
    assert {d.signer_name for d in decisions.values() if d.award_form is AwardForm.BANG_KHEN} == {"Lê Khắc Nam"}
    [contest] = sample_book.contests(c.id)
    assert contest.entries_received == 380
    assert contest.quotas == {PrizeLevel.A: 2, PrizeLevel.B: 4, PrizeLevel.C: 10}
    assert Counter(p.level for p in sample_book.prizes(contest.id)) == Counter(contest.quotas)
    assert decisions[contest.decision_id].award_form is AwardForm.GIAY_CHUNG_NHAN


def test_sample_mixes_collectives_and_individuals_in_nfc(sample_book):
    everyone = [a for c in sample_book.ceremonies() for a in sample_book.awardees(c.id)]
    kinds = Counter(a.kind for a in everyone)
    assert kinds[AwardeeKind.COLLECTIVE] > 50 and kinds[AwardeeKind.INDIVIDUAL] > 50
    assert all(unicodedata.is_normalized("NFC", a.name + a.unit + a.model_name) for a in everyone)
    assert len({(a.ceremony_id, a.name, a.unit) for a in everyone}) == len(everyone), "no duplicates in the sample"
