"""Templates and fonts as they may be found: hand-edited, from an older copy, damaged."""

from __future__ import annotations

import json
import random

import pytest

import main
from certificates.fonts import FontError, bundled, register
from models.domain.records import AwardForm
from models.domain.templates import CertificateTemplate, check_url_template
from models.errors import ValidationError
from models.repos.book import CeremonyBook
from models.repos.print_book import PrintBook
from models.storage.store import Store


@pytest.mark.parametrize(
    "stored",
    [
        {"placements": "x"},
        {"placements": {"name": {"x": "NaN", "y": 1, "width": 10, "height": 10, "size": 12}}},
        {"placements": {"name": {"x": 1e308, "y": 1, "width": 10, "height": 10, "size": 12}}},
        {"placements": {"name": {"x": 10, "y": 10, "width": 10, "height": 10, "size": 1e9}}},
        {"qr_url_template": "https://tin.vn/{0}"},
        {"qr_url_template": "https://tin.vn/{so:>300000000}"},
        {"lead": "Tặng " * 10_000},
        [],
        "x",
    ],
)
def test_any_stored_template_prints(tmp_path, capsys, stored):
    db = tmp_path / "mau.sqlite"
    assert main.main(["demo", "--db", str(db)]) == 0
    with Store(db) as store:
        with store.transaction() as con:  # as an older or hand-edited copy left the template
            con.execute(
                "INSERT OR REPLACE INTO certificate_template (ceremony_id, award_form, settings) VALUES (2, ?, ?)",
                (AwardForm.GIAY_KHEN.value, json.dumps(stored)),
            )
        t = PrintBook(store).template(2, AwardForm.GIAY_KHEN)
        assert "{0}" not in t.qr_url_template and ":>" not in t.qr_url_template
        assert all(p.x < 1000 and p.size <= 200 for p in t.placements.values())
    capsys.readouterr()
    for mode in ([], ["--blank-form"]):
        out = tmp_path / f"gk{len(mode)}.pdf"
        args = ["certificates", "--db", str(db), "--ceremony", "2", "--out", str(out), "--reason", "thử", *mode]
        assert main.main(args) == 0, capsys.readouterr().err
        assert out.stat().st_size < 5_000_000


@pytest.mark.parametrize("template", ["https://tin.vn/{0}", "https://tin.vn/{so:>300000000}", "https://tin.vn/{so}{x}"])
def test_a_qr_template_holds_only_the_bare_number(template):
    with pytest.raises(ValidationError, match="chỉ được chứa chỗ trống"):
        check_url_template(template)
    assert check_url_template("https://tin.vn/giay-khen?so={so}") == "https://tin.vn/giay-khen?so={so}"


def test_a_damaged_font_is_refused_in_vietnamese_never_raised(tmp_path):
    """Mutated copies of the bundled font: each is either usable or refused with FontError."""
    original = bundled().files[0] and open(bundled().files[0], "rb").read()
    rng = random.Random(600)
    refused = 0
    for n in range(60):
        data = bytearray(original)
        for _ in range(rng.choice((1, 4, 16, 64))):
            data[rng.randrange(12, min(len(data), 4096 if n % 2 else len(data)))] = rng.randrange(256)
        path = tmp_path / f"hong-{n}.ttf"
        path.write_bytes(bytes(data))
        try:
            register(type(bundled())("Hỏng", (str(path),) * 3))
        except FontError as exc:
            refused += 1
            assert "phông" in exc.message
    assert refused > 0


def test_a_bad_font_is_said_before_any_register_number_is_given(tmp_path, capsys):
    db = tmp_path / "mau.sqlite"
    assert main.main(["demo", "--db", str(db)]) == 0
    bad = tmp_path / "hong.ttf"
    bad.write_bytes(b"\x00\x01\x00\x00" + b"\xff" * 5000)
    with Store(db) as store:
        PrintBook(store).save_template(
            2, AwardForm.GIAY_KHEN, CertificateTemplate(font_files=(str(bad), str(bad), str(bad)))
        )
    capsys.readouterr()
    assert main.main(["certificates", "--db", str(db), "--ceremony", "2", "--out", str(tmp_path / "gk.pdf")]) == 1
    assert "phông" in capsys.readouterr().err
    with Store(db) as store:
        assert all(not a.register_no for a in CeremonyBook(store).awardees(2)), "no number was given"
