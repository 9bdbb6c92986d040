"""A print run and its log are one: what is on disk is in the log, a run cut off is known."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
import time

import main
from models.repos.book import CeremonyBook
from models.repos.print_book import PrintBook
from models.storage.store import Store
from tests.sample_counts import LONG_BIEN_2022
from tests.test_cli import ROOT


def _jobs(db):
    con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return con.execute(
            "SELECT status, (SELECT count(*) FROM print_item WHERE job_id = j.id) FROM print_job j"
        ).fetchall()
    finally:
        con.close()


def test_a_print_run_killed_half_way_counts_as_printed(tmp_path, capsys):
    db, folder = tmp_path / "mau.sqlite", tmp_path / "tung-nguoi"
    assert main.main(["demo", "--db", str(db)]) == 0
    proc = subprocess.Popen(
        [sys.executable, "main.py", "certificates", "--db", str(db), "--ceremony", "1", "--split", str(folder)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        try:  # killed once some certificates are made, well before the last
            if _jobs(db) and folder.exists() and len(list(folder.rglob("*.pdf"))) >= 5:
                break
        except (sqlite3.Error, OSError):
            pass
        time.sleep(0.005)
    proc.kill()
    proc.wait(timeout=30)
    assert _jobs(db) == [("running", LONG_BIEN_2022)], "logged before the pages were made"
    assert 5 <= len(list(folder.rglob("*.pdf"))) < LONG_BIEN_2022, "killed half-way"
    assert not list(folder.glob("*.pdf")), "no half set among the clerk's files"
    unfinished = list(folder.glob(".dang-in-*")) if folder.exists() else []

    capsys.readouterr()
    out = tmp_path / "lan-2.pdf"
    assert main.main(["certificates", "--db", str(db), "--ceremony", "1", "--out", str(out)]) == 1
    assert "đã in trước đây" in capsys.readouterr().err, "a run whose end is unknown counts as printed"
    assert not out.exists()

    old = time.time() - 3600
    for leftover in unfinished:
        os.utime(leftover, (old, old))
    args = ["certificates", "--db", str(db), "--ceremony", "1", "--split", str(folder), "--reason", "in lại"]
    assert main.main(args) == 0
    assert len(list(folder.glob("*.pdf"))) == LONG_BIEN_2022
    assert not list(folder.glob(".dang-in-*")), "the killed run's hidden folder is cleared"


def test_a_failure_after_the_pdf_is_written_still_logs_what_was_written(tmp_path, capsys, monkeypatch):
    db, out, folder = tmp_path / "mau.sqlite", tmp_path / "gk.pdf", tmp_path / "tung-nguoi"
    assert main.main(["demo", "--db", str(db)]) == 0

    def disk_full(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("certificates.print_run.render_split", disk_full)
    args = ["certificates", "--db", str(db), "--ceremony", "2", "--out", str(out), "--split", str(folder)]
    assert main.main(args) == 1
    told = capsys.readouterr()
    assert out.exists() and "ổ đĩa đã đầy" in told.err
    assert f"Đã in 46 giấy vào “{out}”" in told.out, "the file that was written is named"
    assert _jobs(db) == [("done", 46)], "the PDF on disk is in the log"
    assert main.main(["certificates", "--db", str(db), "--ceremony", "2", "--out", str(out)]) == 1
    assert "--reason" in capsys.readouterr().err


def test_a_run_that_writes_nothing_leaves_no_entry(tmp_path, capsys, monkeypatch):
    db, out = tmp_path / "mau.sqlite", tmp_path / "gk.pdf"
    assert main.main(["demo", "--db", str(db)]) == 0

    def disk_full(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("certificates.print_run.render_pdf", disk_full)
    assert main.main(["certificates", "--db", str(db), "--ceremony", "2", "--out", str(out)]) == 1
    assert _jobs(db) == []
    with Store(db) as store:
        assert PrintBook(store).printed_counts(2) == {}
        assert CeremonyBook(store).awardees(2)[0].register_no, "the numbers given stay given"
