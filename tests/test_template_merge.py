"""Two organisers' edits of one certificate template, put together setting by setting and
box by box: only a setting both changed differently needs a person to decide."""

from __future__ import annotations

from dataclasses import replace

from models.domain.records import AwardForm
from models.domain.templates import CertificateTemplate, Paper, Placement, merge_templates


def test_settings_and_boxes_changed_by_one_side_are_all_kept():
    read = CertificateTemplate.default(AwardForm.BANG_KHEN)
    read.placements["qr"] = Placement(170, 250, 25, 25, 8)
    mine = replace(read, lead="Khen thưởng", placements={"name": Placement(20, 110, 170, 14, 22)})  # qr back to default
    theirs = replace(read, paper=Paper.A3, placements={**read.placements, "issuer": Placement(10, 10, 80, 20, 12)})
    merged, clashes = merge_templates(read, mine, theirs)
    assert clashes == []
    assert (merged.paper, merged.lead) == (Paper.A3, "Khen thưởng")
    assert set(merged.placements) == {"name", "issuer"}  # mine added one and dropped qr; theirs added issuer


def test_a_setting_both_changed_differently_is_named_and_mine_stands():
    read = CertificateTemplate.default(AwardForm.GIAY_KHEN)
    mine = replace(read, lead="Khen thưởng", placements={"name": Placement(20, 110, 170, 14, 22)})
    theirs = replace(read, lead="Trân trọng tặng", placements={"name": Placement(20, 112, 170, 14, 22)})
    merged, clashes = merge_templates(read, mine, theirs)
    assert clashes == ["Chữ “Tặng”", "Vị trí “Tên tập thể, cá nhân”"]
    assert merged.lead == "Khen thưởng" and merged.placements["name"].y == 110
    same, none = merge_templates(read, mine, replace(mine))  # the same change made twice
    assert none == [] and same == mine


def test_a_fields_style_alignment_and_capitals_are_kept_and_junk_is_dropped():
    from models.domain.templates import CertificateTemplate as T

    t = T.default(AwardForm.GIAY_KHEN)
    t.placements["name"] = Placement(20, 110, 170, 14, 22, style="italic", align="left", caps=True)
    again = T.from_json(t.to_json(), AwardForm.GIAY_KHEN)
    assert again == t
    raw = t.to_json().replace('"italic"', '"comic"').replace('"left"', '"justify"').replace("true", '"yes"')
    odd = T.from_json(raw, AwardForm.GIAY_KHEN).placements["name"]
    assert (odd.style, odd.align, odd.caps) == ("", "", False)
