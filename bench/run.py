"""Every speed figure of the app in one table (run by hand, not in CI).

    python bench/run.py [--runs 5]

Each case runs in its own child process, so its peak memory is its own and one case's
caches never speed up the next. Each time is the median of --runs runs; where a floor
exists (what bare reportlab or openpyxl alone takes for the same work) the ratio is given.
With DISPLAY set the window cases use that screen (Xvfb counts); otherwise offscreen.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or sys.platform in ("win32", "darwin")):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.measure import peak_memory_mib  # noqa: E402

CERTIFICATES = 1000
ARTICLE = "https://longbien.hanoi.gov.vn/tin-tuc/hoi-nghi-so-ket-6-thang-nam-dan-van-kheo-2022"
ROWS = 10_000
BIG_ROWS = 50_000


def _timed(fn, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


# --- the cases, each run in a child process; each returns {label: [ms, ...]} --------------


def _start_times(db: Path | None, runs: int, child: str = "window") -> list[float]:
    """Interpreter start to the window painted once, a new process each run."""
    times = []
    for _ in range(runs):
        command = [sys.executable, __file__, "--child", child] + (["--db", str(db)] if db else [])
        start = time.perf_counter()
        shown = subprocess.run(command, check=True, capture_output=True, text=True)
        times.append((time.perf_counter() - start) * 1000)
        _forward_memory(shown.stdout)
    return times


def case_start(folder: Path, runs: int) -> dict[str, list[float]]:
    """The sample book, as `python main.py demo` writes it."""
    db = folder / "mau.sqlite"
    subprocess.run([sys.executable, str(ROOT / "main.py"), "demo", "--db", str(db), "--force"], check=True,
                   capture_output=True)  # fmt: skip
    return {"start": _start_times(db, runs)}


def _start_large(folder: Path, runs: int, rows: int) -> dict[str, list[float]]:
    from bench.bench_table import fill
    from models.repos.book import CeremonyBook
    from models.storage.store import Store

    db = folder / f"quan-{rows}.sqlite"
    with Store(db, backups=False) as store:
        fill(CeremonyBook(store), rows)
    return {f"start {rows}": _start_times(db, runs)}


def case_start_10k(folder: Path, runs: int) -> dict[str, list[float]]:
    return _start_large(folder, runs, ROWS)


def case_start_50k(folder: Path, runs: int) -> dict[str, list[float]]:
    return _start_large(folder, runs, BIG_ROWS)


def case_start_floor(folder: Path, runs: int) -> dict[str, list[float]]:
    """The floor: a bare PySide6 window with an empty table, a new process each run."""
    times = _start_times(None, runs, child="bare")
    return {"start": times, f"start {ROWS}": times, f"start {BIG_ROWS}": times}


def child_bare() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(QTableView())
    window.show()
    QTimer.singleShot(0, app.quit)
    app.exec()
    print(json.dumps({"peak_mib": peak_memory_mib()}))


def child_window(db: Path) -> None:
    """What `python main.py --db` does up to the window on screen, then quits."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui.book_opening import open_book
    from ui.i18n import install_vietnamese
    from ui.main_window import MainWindow
    from ui.session import BookSession

    app = QApplication(sys.argv[:1])
    install_vietnamese(app)
    book = open_book(db)
    window = MainWindow(BookSession(book))
    window.show()
    QTimer.singleShot(0, app.quit)  # after the first paint of the window
    app.exec()
    print(json.dumps({"peak_mib": peak_memory_mib()}))
    book.store.close()


_MEMORY: list[float] = []


def _forward_memory(stdout: str) -> None:
    for line in stdout.splitlines():
        if line.startswith("{"):
            value = json.loads(line).get("peak_mib")
            if value is not None:
                _MEMORY.append(value)


def _rss_mib() -> float | None:
    """This process's resident memory now (Linux), to tell what a table holds per row."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, AttributeError):
        return None


def _table_book(folder: Path):
    from bench.bench_table import fill
    from models.repos.book import CeremonyBook
    from models.storage.store import Store

    store = Store(folder / "bang.sqlite", backups=False)
    return store, fill(CeremonyBook(store), BIG_ROWS)


def _typing(app, type_one) -> list[float]:
    query, times = "nguyen thi thu", []
    for n in range(1, len(query) + 1):
        start = time.perf_counter()
        type_one(query[:n])
        times.append((time.perf_counter() - start) * 1000)
    type_one("")
    return times


def case_table(folder: Path, runs: int) -> dict[str, list[float]]:
    """The clerk's table of BIG_ROWS awardees: load with first paint, a filter keystroke
    with repaint, and the memory the rows hold (KiB a row, as a time-like list)."""
    from PySide6.QtWidgets import QApplication

    from models.repos.book import CeremonyBook
    from ui.main_window import MainWindow
    from ui.session import BookSession

    app = QApplication.instance() or QApplication([])
    store, ceremony_id = _table_book(folder)
    window = MainWindow(BookSession(CeremonyBook(store)))
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    page = window.awardees
    loads, memory = [], []
    for _ in range(runs):
        page.set_ceremony(None)
        app.processEvents()
        before = _rss_mib()
        start = time.perf_counter()
        page.set_ceremony(ceremony_id)
        app.processEvents()  # the first paint
        loads.append((time.perf_counter() - start) * 1000)
        after = _rss_mib()
        if before is not None and after is not None:
            memory.append((after - before) * 1024 / BIG_ROWS)

    def type_one(typed: str) -> None:
        page.search.setText(typed)
        page.apply_filter()  # what the typing pause timer calls
        app.processEvents()
        page.table.viewport().repaint()

    keystrokes = [t for _ in range(runs) for t in _typing(app, type_one)]
    window.close()
    store.close()
    return {"table load": loads, "filter keystroke": keystrokes, "table KiB/row": memory or [0.0]}


def case_table_floor(folder: Path, runs: int) -> dict[str, list[float]]:
    """The floor: the same rows read as tuples into a bare table model, filtered by a
    Python pass over lower-cased texts and shown again with a model reset."""
    from PySide6.QtCore import QAbstractTableModel, Qt
    from PySide6.QtWidgets import QApplication, QTableView

    class Bare(QAbstractTableModel):
        def __init__(self):
            super().__init__()
            self.rows: list[tuple] = []
            self.shown: list[tuple] = []

        def rowCount(self, parent=None):  # noqa: N802
            return len(self.shown)

        def columnCount(self, parent=None):  # noqa: N802
            return 10

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            return self.shown[index.row()][index.column()] if role == Qt.ItemDataRole.DisplayRole else None

    app = QApplication.instance() or QApplication([])
    store, ceremony_id = _table_book(folder)
    db = store.read()
    view, model = QTableView(), Bare()
    view.setModel(model)
    view.resize(1366, 600)
    view.show()
    app.processEvents()
    loads, memory = [], []
    for _ in range(runs):
        model.beginResetModel()
        model.rows = model.shown = []
        model.endResetModel()
        app.processEvents()
        before = _rss_mib()
        start = time.perf_counter()
        cursor = db.cursor()
        cursor.row_factory = None
        rows = cursor.execute(
            "SELECT kind, name, position, unit, ward, field, model_name, decision_id, register_no, notes, search_key"
            " FROM awardee WHERE ceremony_id = ?",
            (ceremony_id,),
        ).fetchall()
        model.beginResetModel()
        model.rows = model.shown = rows
        model.endResetModel()
        app.processEvents()
        loads.append((time.perf_counter() - start) * 1000)
        after = _rss_mib()
        if before is not None and after is not None:
            memory.append((after - before) * 1024 / BIG_ROWS)

    def type_one(typed: str) -> None:
        model.beginResetModel()
        model.shown = [r for r in model.rows if typed in r[10]] if typed else model.rows
        model.endResetModel()
        app.processEvents()
        view.viewport().repaint()

    keystrokes = [t for _ in range(runs) for t in _typing(app, type_one)]
    store.close()
    return {"table load": loads, "filter keystroke": keystrokes, "table KiB/row": memory or [0.0]}


def _certificate_job(per_url: bool):
    from bench.bench_certificates import certificates, floor_pages
    from certificates.render import RenderJob
    from models.domain.records import AwardForm
    from models.domain.templates import CertificateTemplate

    certs = certificates(CERTIFICATES, per_url)
    templates = {form: CertificateTemplate.default(form) for form in AwardForm}
    return RenderJob(certs, templates), floor_pages(certs)


def case_certs_one(folder: Path, runs: int) -> dict[str, list[float]]:
    from certificates.render import render_pdf

    shared, _ = _certificate_job(per_url=False)
    per_link, _ = _certificate_job(per_url=True)
    return {
        "certs shared": _timed(lambda: render_pdf(shared, folder / "chung.pdf"), runs),
        "certs per link": _timed(lambda: render_pdf(per_link, folder / "rieng.pdf"), runs),
    }


def case_certs_split(folder: Path, runs: int) -> dict[str, list[float]]:
    from certificates.render import render_split

    job, _ = _certificate_job(per_url=False)
    return {"certs split": _timed(lambda: render_split(job, folder / "split"), runs)}


def _floor_fonts():
    from bench import floor_reportlab
    from certificates.fonts import bundled

    return floor_reportlab.register(bundled().files)


def case_certs_one_floor(folder: Path, runs: int) -> dict[str, list[float]]:
    from bench import floor_reportlab

    _, shared = _certificate_job(per_url=False)
    _, per_link = _certificate_job(per_url=True)
    fonts = _floor_fonts()

    def draw(pages):
        with open(folder / "floor.pdf", "wb") as f:
            floor_reportlab.draw(pages, fonts, f)

    return {"certs shared": _timed(lambda: draw(shared), runs), "certs per link": _timed(lambda: draw(per_link), runs)}


def case_certs_split_floor(folder: Path, runs: int) -> dict[str, list[float]]:
    from bench import floor_reportlab

    _, pages = _certificate_job(per_url=False)
    fonts = _floor_fonts()
    (folder / "floor-split").mkdir(exist_ok=True)

    def draw():
        for i, page in enumerate(pages):
            (folder / "floor-split" / f"{i:04d}.pdf").write_bytes(floor_reportlab.draw_bytes([page], fonts))

    return {"certs split": _timed(draw, runs)}


def _certificates_book(folder: Path) -> Path:
    """A ceremony of CERTIFICATES awardees, its decision signed and its article linked."""
    import datetime as dt
    from dataclasses import replace

    from bench.bench_table import fill
    from models.repos.book import CeremonyBook
    from models.storage.store import Store

    db = folder / "giay-khen.sqlite"
    with Store(db, backups=False) as store:
        book = CeremonyBook(store)
        ceremony = book.ceremony(fill(book, CERTIFICATES))
        signed = dt.date(2022, 7, 28)
        book.save_ceremony(replace(ceremony, held_on=signed, news_url=ARTICLE))
        decision = book.decisions(ceremony.id)[0]
        book.save_decision(
            replace(
                decision,
                number="215-QĐ/QU",
                signed_on=signed,
                issuer="Quận ủy Long Biên",
                signer_role="T/M BAN THƯỜNG VỤ\nBÍ THƯ",
                signer_name="Đường Hoài Nam",
            )
        )
    return db


def case_cmd_certs(folder: Path, runs: int) -> dict[str, list[float]]:
    """`main.py certificates` as an organiser runs it: a whole process, shared article link."""
    db = _certificates_book(folder)
    command = [sys.executable, str(ROOT / "main.py"), "certificates", "--db", str(db), "--out", str(folder / "gk.pdf")]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([*command, "--reason", "đo tốc độ"], check=True, capture_output=True)
        times.append((time.perf_counter() - start) * 1000)
    return {"cmd certs": times}


def case_cmd_certs_floor(folder: Path, runs: int) -> dict[str, list[float]]:
    """The same pages drawn by a bare reportlab process (texts prepared beforehand)."""
    from bench.bench_certificates import floor_pages
    from certificates.print_run import PrintRun
    from models.repos.book import CeremonyBook
    from models.repos.print_book import PrintBook
    from models.storage.store import Store

    db = _certificates_book(folder)
    with Store(db, backups=False) as store:
        book = CeremonyBook(store)
        ceremony_id = book.ceremonies()[0].id
        run = PrintRun(book, PrintBook(store), ceremony_id)
        pages = floor_pages(run.certificates)
    texts = folder / "trang.json"
    texts.write_text(json.dumps(pages, ensure_ascii=False), encoding="utf-8")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, __file__, "--child", "floor_draw", "--db", str(texts)], check=True, capture_output=True
        )
        times.append((time.perf_counter() - start) * 1000)
    return {"cmd certs": times}


def child_floor_draw(texts: Path) -> None:
    from bench import floor_reportlab
    from certificates.fonts import bundled

    pages = json.loads(texts.read_text(encoding="utf-8"))
    fonts = floor_reportlab.register(bundled().files)
    with open(texts.with_suffix(".pdf"), "wb") as f:
        floor_reportlab.draw(pages, fonts, f)


def _excel_list(folder: Path) -> Path:
    from bench.bench_import import with_shared_strings, write_list

    inline = folder / "danh_sach.xlsx"
    write_list(inline, ROWS)
    return with_shared_strings(inline, folder / "danh_sach_excel.xlsx")


def case_import(folder: Path, runs: int) -> dict[str, list[float]]:
    from bench.bench_import import timed_import

    source = _excel_list(folder)
    times = [timed_import(source, folder, run)[0] * 1000 for run in range(runs)]
    return {"import": times, "import rw": times}


def case_import_floor(folder: Path, runs: int) -> dict[str, list[float]]:
    """The floor: python-calamine (Rust) merely reading every cell of the same file."""
    from python_calamine import CalamineWorkbook

    source = _excel_list(folder)

    def read() -> None:
        workbook = CalamineWorkbook.from_path(str(source))
        for name in workbook.sheet_names:
            workbook.get_sheet_by_name(name).to_python()

    return {"import": _timed(read, runs)}


def case_import_rw_floor(folder: Path, runs: int) -> dict[str, list[float]]:
    """A second floor: calamine reading, then bare sqlite3 inserting the same rows into the
    app's awardee table (its indexes, one transaction, no checking, no search keys): the
    least any import that stores the list can cost."""
    import sqlite3

    from python_calamine import CalamineWorkbook

    from bench.bench_import import fresh_book

    source = _excel_list(folder)
    paths = []
    for run in range(runs):
        book, ceremony_id = fresh_book(folder, 1000 + run)
        paths.append((book.store.path, ceremony_id))
        book.store.close()

    def read_and_write(path: Path, ceremony_id: int) -> None:
        workbook = CalamineWorkbook.from_path(str(source))
        rows = workbook.get_sheet_by_name(workbook.sheet_names[0]).to_python()
        body = [r for r in rows[4:] if isinstance(r[0], float)]
        db = sqlite3.connect(path, isolation_level=None)
        db.execute("BEGIN")
        db.executemany(
            "INSERT INTO awardee (ceremony_id, kind, name, position, unit, ward, field, model_name)"
            " VALUES (?, 'individual', ?, ?, ?, ?, ?, ?)",
            [(ceremony_id, *(str(v) for v in r[1:7])) for r in body],
        )
        db.execute("COMMIT")
        db.close()

    times = []
    for path, ceremony_id in paths:
        start = time.perf_counter()
        read_and_write(path, ceremony_id)
        times.append((time.perf_counter() - start) * 1000)
    return {"import rw": times}


def case_presenter(folder: Path, runs: int) -> dict[str, list[float]]:
    from PySide6.QtWidgets import QApplication

    from bench.bench_presenter import measure
    from bench.bench_table import fill
    from models.domain.award_order import default_order
    from models.domain.live import Show
    from models.reports.mc_script import ceremony_script
    from models.repos.book import CeremonyBook
    from models.repos.order_book import OrderBook, gather_entries
    from models.storage.store import Store
    from ui.session import BookSession
    from ui.show.audience_screen import AudienceScreen
    from ui.show.mc_screen import McScreen
    from ui.show.show_controller import ShowController

    app = QApplication.instance() or QApplication([])
    store = Store(folder / "le.sqlite", backups=False)
    book = CeremonyBook(store)
    ceremony_id = fill(book, 600)
    orders = OrderBook(store)
    orders.save(default_order(ceremony_id, gather_entries(book, ceremony_id), 10))
    show = Show(ceremony_script(book, ceremony_id))
    controller = ShowController(show, BookSession(book), ceremony_id)
    hall, mc = AudienceScreen(controller), McScreen(controller)
    hall.resize(1024, 768)
    mc.resize(1366, 768)
    hall.show()
    mc.show()
    app.processEvents()
    times = [t for _ in range(runs) for t in measure(app, mc, hall, show.last_step)]
    controller.finish()
    store.close()
    return {"presenter": times}


CASES = {
    "start": case_start,
    "start_10k": case_start_10k,
    "start_50k": case_start_50k,
    "start_floor": case_start_floor,
    "table": case_table,
    "table_floor": case_table_floor,
    "cmd_certs": case_cmd_certs,
    "cmd_certs_floor": case_cmd_certs_floor,
    "certs_one": case_certs_one,
    "certs_one_floor": case_certs_one_floor,
    "certs_split": case_certs_split,
    "certs_split_floor": case_certs_split_floor,
    "import": case_import,
    "import_floor": case_import_floor,
    "import_rw_floor": case_import_rw_floor,
    "presenter": case_presenter,
}


# (label, case giving the app's time, case giving the floor or None, what is measured)
def _n(count: int) -> str:
    return f"{count:,}".replace(",", ".")


ROWS_OF_TABLE = (
    ("start", "start", "start_floor", "khởi động đến khi cửa sổ hiện (dữ liệu mẫu)"),
    (f"start {ROWS}", "start_10k", "start_floor", f"khởi động, hội nghị {_n(ROWS)} tập thể, cá nhân"),
    (f"start {BIG_ROWS}", "start_50k", "start_floor", f"khởi động, hội nghị {_n(BIG_ROWS)} tập thể, cá nhân"),
    ("table load", "table", "table_floor", f"nạp {_n(BIG_ROWS)} tập thể, cá nhân vào bảng, kể cả lần vẽ đầu"),
    ("filter keystroke", "table", "table_floor", f"mỗi phím gõ khi lọc {_n(BIG_ROWS)} dòng, kể cả vẽ lại"),
    ("table KiB/row", "table", "table_floor", f"bộ nhớ mỗi dòng của bảng {_n(BIG_ROWS)} dòng (KiB, không phải ms)"),
    (
        "cmd certs",
        "cmd_certs",
        "cmd_certs_floor",
        f"lệnh certificates: {_n(CERTIFICATES)} giấy, một link chung (cả tiến trình)",
    ),
    ("certs shared", "certs_one", "certs_one_floor", f"{_n(CERTIFICATES)} giấy vào một tệp PDF, link chung"),
    (
        "certs per link",
        "certs_one",
        "certs_one_floor",
        f"{_n(CERTIFICATES)} giấy vào một tệp PDF, link riêng từng giấy",
    ),
    ("certs split", "certs_split", "certs_split_floor", f"{_n(CERTIFICATES)} giấy, mỗi người một tệp PDF, link chung"),
    ("import", "import", "import_floor", f"nhập {_n(ROWS)} dòng .xlsx (sàn: python-calamine chỉ đọc)"),
    ("import rw", "import", "import_rw_floor", f"nhập {_n(ROWS)} dòng .xlsx (sàn: calamine đọc + sqlite3 ghi)"),
    ("presenter", "presenter", None, "chuyển bước trên hai màn hình lễ trao (phím đến vẽ xong)"),
)


def _run_child(case: str, runs: int) -> tuple[dict[str, list[float]], float | None]:
    result = subprocess.run(
        [sys.executable, __file__, "--child", case, "--runs", str(runs)],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    if result.returncode != 0:
        raise SystemExit(f"case {case} failed:\n{result.stderr}")
    report = json.loads(result.stdout.strip().splitlines()[-1])
    return report["times"], report["peak_mib"]


def _fmt_ms(ms: float) -> str:
    return f"{ms:,.0f} ms".replace(",", ".") if ms >= 100 else f"{ms:.1f} ms".replace(".", ",")


def _fmt_kib(kib: float) -> str:
    return f"{kib:.1f} KiB".replace(".", ",")


def _fmt_mib(mib: float | None) -> str:
    return "–" if mib is None else f"{mib:.0f} MiB"


def compile_sources() -> None:
    """Bytecode for every module first, as an installed app has it: with
    PYTHONDONTWRITEBYTECODE set (CI machines set it), each child would otherwise compile the
    app's hundred modules from source on every run, about 40 ms a start the user never pays."""
    import compileall

    for folder in ("models", "certificates", "ui", "bench"):
        compileall.compile_dir(ROOT / folder, quiet=1)


def report(runs: int) -> None:
    compile_sources()
    results: dict[str, tuple[dict[str, list[float]], float | None]] = {}
    for case in CASES:
        print(f"… {case}", file=sys.stderr, flush=True)
        results[case] = _run_child(case, runs)
    print(f"\nVinh Danh – hiệu năng, trung vị của {runs} lần ({sys.platform}, Python {sys.version.split()[0]})\n")
    header = (
        f"| {'phép đo':<58} | {'ứng dụng':>10} | {'khoảng':>17} | {'sàn':>10} | {'tỉ lệ':>6} | {'bộ nhớ đỉnh':>15} |"
    )
    print(header)
    print("|" + "|".join("-" * (len(part)) for part in header.split("|")[1:-1]) + "|")
    for label, case, floor_case, said in ROWS_OF_TABLE:
        times, peak = results[case]
        fmt = _fmt_kib if label.endswith("KiB/row") else _fmt_ms
        values = times[label]
        app = statistics.median(values)
        spread = f"{fmt(min(values))}–{fmt(max(values))}"
        floor_text = ratio = "–"
        if floor_case is not None:
            floor_times, floor_peak = results[floor_case]
            floor = statistics.median(floor_times[label])
            floor_text, ratio = fmt(floor), f"{app / floor:.2f}×".replace(".", ",") if floor else "–"
            memory = f"{_fmt_mib(peak)} / {_fmt_mib(floor_peak)}"
        else:
            memory = _fmt_mib(peak)
        print(f"| {said:<58} | {fmt(app):>10} | {spread:>17} | {floor_text:>10} | {ratio:>6} | {memory:>15} |")
    print("\nBộ nhớ đỉnh: của riêng tiến trình đo (ứng dụng / sàn); khởi động: của cửa sổ vừa mở.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", choices=[*CASES, "window", "bare", "floor_draw"], help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "window":
        child_window(args.db)
    elif args.child == "bare":
        child_bare()
    elif args.child == "floor_draw":
        child_floor_draw(args.db)
    elif args.child:
        with tempfile.TemporaryDirectory(prefix="vinhdanh-bench-") as tmp:
            times = CASES[args.child](Path(tmp), args.runs)
        started = args.child.startswith("start")
        peak = (statistics.median(_MEMORY) if _MEMORY else None) if started else peak_memory_mib()
        print(json.dumps({"times": times, "peak_mib": peak}))
    else:
        report(args.runs)


if __name__ == "__main__":
    main()
