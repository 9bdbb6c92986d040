import csv
import subprocess
import sys
from pathlib import Path

import pytest

import main
from models.domain.records import Awardee, AwardeeKind
from models.repos.book import CeremonyBook
from models.storage.store import Store
from tests.sample_counts import ALL_AWARDEES, HAI_PHONG_2022_PRIZES

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "main.py", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=120
    )


def test_demo_then_export_gives_excel_ready_csv(tmp_path):
    db, out = tmp_path / "mau.sqlite", tmp_path / "ds.csv"
    assert main.main(["demo", "--db", str(db)]) == 0
    with Store(db) as store:
        book = CeremonyBook(store)
        ceremony = book.ceremonies()[0]
        book.add_awardee(Awardee(ceremony_id=ceremony.id, kind=AwardeeKind.COLLECTIVE, name='=HYPERLINK("x")'))
        book.add_awardee(Awardee(ceremony_id=ceremony.id, kind=AwardeeKind.COLLECTIVE, name="@SUM(A1)"))
    assert main.main(["export", "--db", str(db), "--out", str(out)]) == 0

    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "BOM so that Excel reads UTF-8"
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][:4] == ["Hội nghị", "Ngày", "Loại", "Họ và tên / Tên tập thể"]
    assert len(rows) - 1 == ALL_AWARDEES + HAI_PHONG_2022_PRIZES + 2
    names = [r[3] for r in rows[1:]]
    assert '\'=HYPERLINK("x")' in names and "'@SUM(A1)" in names
    assert "Quận đoàn Long Biên" in names


def test_demo_refuses_to_overwrite_without_force(tmp_path, capsys):
    db = tmp_path / "mau.sqlite"
    assert main.main(["demo", "--db", str(db)]) == 0
    assert main.main(["demo", "--db", str(db)]) == 1
    assert "--force" in capsys.readouterr().err
    assert main.main(["demo", "--db", str(db), "--force"]) == 0


def test_export_of_missing_database_fails_clearly(tmp_path):
    result = run_cli("export", "--db", str(tmp_path / "khong-co.sqlite"), "--out", str(tmp_path / "x.csv"))
    assert result.returncode == 1
    assert "Không tìm thấy tệp dữ liệu" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("command", [[], ["demo"], ["export"]])
def test_help_is_vietnamese(command):
    result = run_cli(*command, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("Cách dùng:") and "hiện hướng dẫn này rồi thoát" in result.stdout


def test_missing_argument_is_reported_in_vietnamese():
    result = run_cli("export", "--db", "x.sqlite")
    assert result.returncode == 2 and "thiếu tham số bắt buộc: --out" in result.stderr


@pytest.mark.slow
def test_certificates_command_prints_numbers_once_and_logs_reprints(tmp_path, capsys):
    from models.repos.print_book import PrintBook
    from tests.pdf_tools import page_texts

    db, out = tmp_path / "mau.sqlite", tmp_path / "giay-khen.pdf"
    assert main.main(["demo", "--db", str(db)]) == 0
    with Store(db) as store:
        ceremony = next(c for c in CeremonyBook(store).ceremonies() if c.held_on.year == 2021)
    capsys.readouterr()

    assert main.main(["certificates", "--db", str(db), "--out", str(out)]) == 1
    assert "--ceremony" in capsys.readouterr().err, "several ceremonies: the user is told to choose"

    args = ["certificates", "--db", str(db), "--out", str(out), "--ceremony", str(ceremony.id)]
    assert main.main([*args, "--split", str(tmp_path / "tung-nguoi")]) == 0
    assert "Đã in 46 giấy" in capsys.readouterr().out
    texts = page_texts(out)
    assert len(texts) == 46 and "Số vào sổ: 001/GK-2021" in texts[0]
    assert len(list((tmp_path / "tung-nguoi").glob("*.pdf"))) == 46
    before = out.read_bytes()

    assert main.main(args) == 1
    err = capsys.readouterr().err
    assert "46 giấy đã in trước đây" in err and "--reason" in err
    assert out.read_bytes() == before, "a refused reprint writes nothing"

    assert main.main([*args, "--blank-form", "--reason", "In lên phôi mới"]) == 0
    assert "Số vào sổ: 001/GK-2021" in page_texts(out)[0], "a reprint keeps its register number"
    with Store(db) as store:
        log = PrintBook(store).print_jobs(ceremony.id)
    assert [(j.mode, j.reason, j.reprints) for j in log] == [("blank", "In lên phôi mới", 46), ("full", "", 0)]


def test_certificates_command_needs_somewhere_to_write(tmp_path, capsys):
    db = tmp_path / "mau.sqlite"
    assert main.main(["demo", "--db", str(db)]) == 0
    assert main.main(["certificates", "--db", str(db), "--ceremony", "1"]) == 1
    assert "Cần --out" in capsys.readouterr().err


def test_selfcheck_opens_the_window_and_prints_certificates():
    result = run_cli("selfcheck")
    assert result.returncode == 0, result.stderr
    assert "Cửa sổ chính mở được" in result.stdout and "3 hội nghị mẫu" in result.stdout
    assert "In thử 3 giấy khen" in result.stdout and "phông chữ được nhúng" in result.stdout
    assert "Vẽ thử 1 trang vào máy in (PDFium): được." in result.stdout
    assert "Ghi thử kịch bản MC ra tệp Word: được." in result.stdout
    assert result.stdout.rstrip().endswith("Bản cài đặt hoạt động tốt.")


@pytest.mark.slow
def test_a_proof_copy_is_marked_gives_no_number_logs_nothing_and_asks_no_reason(tmp_path, capsys):
    from models.repos.print_book import PrintBook
    from tests.pdf_tools import page_texts

    db, proof, real = tmp_path / "mau.sqlite", tmp_path / "xem-thu.pdf", tmp_path / "giay-khen.pdf"
    assert main.main(["demo", "--db", str(db)]) == 0
    with Store(db) as store:
        ceremony = next(c for c in CeremonyBook(store).ceremonies() if c.held_on.year == 2021)
    args = ["certificates", "--db", str(db), "--ceremony", str(ceremony.id)]
    capsys.readouterr()

    assert main.main([*args, "--out", str(proof), "--proof"]) == 0
    assert "bản xem thử" in capsys.readouterr().out
    texts = page_texts(proof)
    assert len(texts) == 46 and all(watermark(proof, i) == "BẢN XEM THỬ" for i in range(46))
    assert not any("Số vào sổ" in t for t in texts), "a proof promises no register number"
    with Store(db) as store:
        prints = PrintBook(store)
        assert prints.print_jobs(ceremony.id) == []
        assert all(not a.register_no for a in CeremonyBook(store).awardees(ceremony.id))

    assert main.main([*args, "--out", str(real)]) == 0, "after a proof the first real print is no reprint"
    assert watermark(real, 0) == "" and "Số vào sổ: 001/GK-2021" in page_texts(real)[0]
    assert main.main([*args, "--out", str(proof), "--proof"]) == 0, "a proof of printed papers needs no reason"
    assert "Số vào sổ: 001/GK-2021" in page_texts(proof)[0], "numbers already given are shown"
    with Store(db) as store:
        assert len(PrintBook(store).print_jobs(ceremony.id)) == 1


def watermark(path, index: int) -> str:
    """The page's largest letters, read in drawing order: the diagonal mark of a proof."""
    from tests.pdf_tools import page_chars

    chars, _, _ = page_chars(path, index)
    return "".join(c["text"] for c in chars if c["size"] > 60).strip()


def test_help_shows_what_people_type_and_the_version(capsys):
    from models.version import VERSION

    with pytest.raises(SystemExit):
        main.main(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("Cách dùng: python main.py") and "vinhdanh" not in out
    with pytest.raises(SystemExit):
        main.main(["--version"])
    assert capsys.readouterr().out.strip() == f"Vinh Danh {VERSION}"


def test_without_a_screen_the_window_and_selfcheck_say_so_in_vietnamese(tmp_path):
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    for args in (["--db", str(tmp_path / "b.sqlite")], ["selfcheck"]):
        result = subprocess.run(
            [sys.executable, "main.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
        )
        assert result.returncode == 1, result.stderr
        assert "Không tìm thấy màn hình" in result.stderr
        assert "qt.qpa" not in result.stderr and "Aborted" not in result.stderr and "Traceback" not in result.stderr


def test_exported_files_follow_the_users_umask(tmp_path):
    import os
    import stat

    db, out = tmp_path / "mau.sqlite", tmp_path / "ds.csv"
    assert main.main(["demo", "--db", str(db)]) == 0
    old = os.umask(0o022)
    try:
        assert main.main(["export", "--db", str(db), "--out", str(out)]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_a_device_pipe_or_folder_is_never_taken_for_a_book(tmp_path):
    import os

    fifo = tmp_path / "ong"
    os.mkfifo(fifo)
    # (Not /dev/null itself: were this ever to regress, the test must not replace the real one.)
    for target in (fifo, tmp_path):
        for args in (["demo", "--db", str(target), "--force"], ["export", "--db", str(target), "--out", "x.csv"]):
            result = run_cli(*args, cwd=ROOT)
            assert result.returncode == 1 and "không phải một tệp dữ liệu" in result.stderr, (target, result.stderr)
    assert fifo.exists() and not fifo.is_file(), "the pipe is left as it was"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ong"], "no journal, lock or backup beside it"


def test_bad_numbers_interrupts_and_system_errors_are_said_in_vietnamese(tmp_path, capsys, monkeypatch):
    db = tmp_path / "mau.sqlite"
    assert main.main(["demo", "--db", str(db)]) == 0
    capsys.readouterr()
    args = ["script", "--db", str(db), "--out", str(tmp_path / "kb.txt"), "--ceremony", "1" * 23]
    assert main.main(args) == 1
    assert "Không có hội nghị số" in capsys.readouterr().err

    import errno

    def full(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "kb.txt"))

    monkeypatch.setattr("models.reports.mc_script.write_script_text", full)
    assert main.main(["script", "--db", str(db), "--out", str(tmp_path / "kb.txt"), "--ceremony", "1"]) == 1
    err = capsys.readouterr().err
    assert "ổ đĩa đã đầy" in err and "No space" not in err

    def interrupted(*_a, **_k):
        raise KeyboardInterrupt

    monkeypatch.setattr("models.reports.mc_script.write_script_text", interrupted)
    assert main.main(["script", "--db", str(db), "--out", str(tmp_path / "kb.txt"), "--ceremony", "1"]) == 130
    err = capsys.readouterr().err
    assert "Ctrl+C" in err and "Traceback" not in err
