"""Tra cứu quá trình khen thưởng across ceremonies, the warning for the same form again too
soon, and the register book (sổ theo dõi cấp giấy khen) as .xlsx and PDF."""

from __future__ import annotations

import openpyxl
import pytest

import main
from models.domain.records import Awardee, AwardeeKind, AwardForm
from models.reports import history
from models.repos.book import CeremonyBook
from models.repos.history_book import HistoryBook
from models.storage.store import Store
from tests.pdf_tools import page_texts
from tests.test_cli import run_cli

DUNG = "Nguyễn Thị Thùy Dung"


@pytest.fixture
def three_years(tmp_path):
    """The sample book with Ms Dung honoured at three ceremonies (once typed "Thuỳ")."""
    db = tmp_path / "so.sqlite"
    assert main.main(["demo", "--db", str(db)]) == 0
    with Store(db) as store:
        book = CeremonyBook(store)
        placed = []
        for ceremony, spelled in zip(book.ceremonies()[:3], (DUNG, "Nguyễn Thị Thuỳ Dung", DUNG), strict=True):
            decision = next((d for d in book.decisions(ceremony.id)), None)
            book.add_awardee(
                Awardee(ceremony.id, AwardeeKind.INDIVIDUAL, spelled, unit="Tổ dân phố số 5",
                        decision_id=decision.id if decision else None)
            )  # fmt: skip
            placed.append(ceremony)
    return db, placed


def test_a_person_is_found_across_three_ceremonies_without_diacritics(three_years):
    db, placed = three_years
    with Store(db) as store:
        [dung] = [
            r for r in history.search(HistoryBook(store), "nguyen thi THUY dung") if r.kind is AwardeeKind.INDIVIDUAL
        ]
    assert len(dung.awards) == 3 and {a.ceremony_id for a in dung.awards} == {c.id for c in placed}
    years = [a.year for a in dung.awards]
    assert years == sorted(years)
    assert dung.units == ["Tổ dân phố số 5"]

    printed = run_cli("history", "nguyen thi thuy dung", "--db", str(db))
    assert printed.returncode == 0, printed.stderr
    lines = printed.stdout.splitlines()
    assert lines[0] == "Nguyễn Thị Thùy Dung (Tổ dân phố số 5)" and len(lines) == 4
    assert all("Quyết định" in line or "Hội nghị" in line for line in lines[1:])
    assert "Không có" in run_cli("history", "khong ai ten the nay", "--db", str(db)).stdout


def test_the_same_form_again_within_the_period_is_warned(three_years):
    db, placed = three_years
    with Store(db) as store:
        book = CeremonyBook(store)
        hb = HistoryBook(store)
        ceremony = placed[0]
        decision = book.decisions(ceremony.id)[0]  # the form Ms Dung received there
        again = book.add_awardee(Awardee(ceremony.id, AwardeeKind.INDIVIDUAL, "nguyễn thị thùy dung",
                                         decision_id=decision.id))  # fmt: skip
        earlier = history.earlier_awards(hb, again)
        assert len(earlier) == 3  # the other records of the same person, not this one
        year = decision.signed_on.year
        form = decision.award_form
        same = history.repeated(earlier, form, year, years=1)
        assert same and all(r.year == year and r.form is form for r in same)
        warning = history.repeat_warning(again, same, 1)
        assert warning.startswith(
            f"Lưu ý: “nguyễn thị thùy dung” đã nhận cùng hình thức trong cùng năm: {form.label} năm"
        )
        assert history.repeated(earlier, form, year + 5, years=1) == []
        assert history.repeated(earlier, form, year + 5, years=10) != []
        other = next(f for f in AwardForm if f is not form)
        assert history.repeated(earlier, other, year, years=1) == [
            r for r in earlier if r.form is other and r.year == year
        ]


def test_the_register_book_lists_every_number_once_with_reprints_and_removals(tmp_path):
    db = tmp_path / "so.sqlite"
    assert main.main(["demo", "--db", str(db)]) == 0
    with Store(db) as store:
        ids = [c.id for c in CeremonyBook(store).ceremonies()]
    for ceremony_id in ids[:2]:
        done = run_cli(
            "certificates", "--db", str(db), "--ceremony", str(ceremony_id), "--out", str(tmp_path / "a.pdf")
        )
        assert done.returncode == 0, done.stderr
    again = run_cli("certificates", "--db", str(db), "--ceremony", str(ids[0]), "--out", str(tmp_path / "b.pdf"),
                    "--reason", "Giấy bị kẹt trong máy in")  # fmt: skip
    assert again.returncode == 0, again.stderr
    with Store(db) as store:
        book = CeremonyBook(store)
        numbered = [a for c in ids[:2] for a in book.awardees(c) if a.register_no]
        numbered_prizes = [p for c in ids[:2] for k in book.contests(c) for p in book.prizes(k.id) if p.register_no]
        gone = numbered[-1]
        book.delete_awardees([gone.id], {gone.id: gone.version})
        rows = HistoryBook(store).register()
    given = [r.register_no for r in rows]
    assert len(given) == len(set(given)) == len(numbered) + len(numbered_prizes)
    assert given == sorted(given, key=lambda n: (n.split("-")[-1], n.split("/")[1], int(n.split("/")[0])))
    first = [r for r in rows if r.name in {a.name for a in book_awardees(db, ids[0])}]
    assert first and all(r.reprints == 1 for r in first)
    [removed] = [r for r in rows if r.removed]
    assert removed.register_no == gone.register_no and removed.name.startswith(gone.name)  # as the print log has it

    out = tmp_path / "SO.xlsx"
    done = run_cli("export", "--register-book", "--out", str(out), "--db", str(db))
    assert done.returncode == 0 and f"{len(rows)} số vào sổ" in done.stdout
    wb = openpyxl.load_workbook(out)
    listed = [ws.cell(r, 1).value for ws in wb for r in range(4, ws.max_row + 1)]
    assert listed == given
    assert wb.worksheets[0].cell(1, 1).value.startswith("SỔ THEO DÕI CẤP")

    pdf = tmp_path / "SO.pdf"
    year = rows[0].series.rsplit("-", 1)[-1]
    done = run_cli("export", "--register-book", "--year", year, "--out", str(pdf), "--db", str(db))
    assert done.returncode == 0, done.stderr
    text = "\n".join(page_texts(pdf))
    assert all(n in text for n in given if n.endswith(year))
    assert "Đã xóa" in text or not removed.register_no.endswith(year)


def book_awardees(db, ceremony_id):
    with Store(db) as store:
        return CeremonyBook(store).awardees(ceremony_id)
