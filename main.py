"""Vinh Danh: command line and start-up. Without a command it opens the window."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from models.errors import BookError, os_error_text
from models.storage import paths
from models.storage.log_file import log_to_file
from models.version import VERSION

log = logging.getLogger("vinhdanh")

# argparse looks its messages up through the module-global _(); give it Vietnamese ones.
_ARGPARSE_VI = {
    "usage: ": "Cách dùng: ",
    "positional arguments": "lệnh",
    "options": "tùy chọn",
    "show this help message and exit": "hiện hướng dẫn này rồi thoát",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "unrecognized arguments: %s": "tham số không nhận ra: %s",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "expected one argument": "cần một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "lựa chọn %(value)r không hợp lệ (chọn một trong: %(choices)s)"
    ),
    "invalid %(type)s value: %(value)r": "giá trị %(value)r không hợp lệ",
    "ambiguous option: %(option)s could match %(matches)s": "tùy chọn %(option)s không rõ: có thể là %(matches)s",
    "not allowed with argument %s": "không dùng được cùng %s",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "ignored explicit argument %r": "bỏ qua giá trị %r",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
}
argparse._ = lambda text: _ARGPARSE_VI.get(text, text)  # type: ignore[attr-defined]


def _book(value: str) -> Path | str:
    """A file path, or a server's address kept as it is written."""
    return value if value.startswith(("postgresql://", "postgres://")) else Path(value)


def _db_argument(command: argparse.ArgumentParser) -> None:
    help_text = "tệp dữ liệu (.sqlite) hoặc địa chỉ máy chủ postgresql://…"
    command.add_argument("--db", type=_book, metavar="SỔ", required=True, default=argparse.SUPPRESS, help=help_text)


def _ceremony_argument(command: argparse.ArgumentParser) -> None:
    command.add_argument("--ceremony", type=int, metavar="SỐ", help="số hội nghị; bắt buộc khi tệp có nhiều hội nghị")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        # What people type: "python main.py" from the source folder, the program's name when built.
        prog=Path(sys.executable).stem if getattr(sys, "frozen", False) else "python main.py",
        description="Vinh Danh – quản lý khen thưởng, in giấy khen và điều hành lễ trao. "
        "Không có lệnh: mở cửa sổ ứng dụng.",
    )
    parser.add_argument(
        "--db",
        type=_book,
        metavar="SỔ",
        help="tệp dữ liệu (.sqlite) hoặc địa chỉ máy chủ postgresql://…; mặc định trong thư mục dữ liệu người dùng",
    )
    parser.add_argument("--version", action="version", version=f"Vinh Danh {VERSION}", help="in số phiên bản rồi thoát")
    commands = parser.add_subparsers(dest="command", title="lệnh", metavar="LỆNH")

    gui = commands.add_parser("gui", help="mở cửa sổ ứng dụng (mặc định)", description="Mở cửa sổ ứng dụng.")
    gui.add_argument("--db", type=_book, metavar="SỔ", default=argparse.SUPPRESS, help="tệp hoặc máy chủ cần mở")

    demo = commands.add_parser(
        "demo",
        help="tạo cơ sở dữ liệu mẫu từ các hội nghị thực tế",
        description="Tạo cơ sở dữ liệu mẫu: Long Biên 2022, Long Biên 2021 và Hải Phòng 2022.",
    )
    demo.add_argument(
        "--db", type=Path, metavar="TỆP", required=True, default=argparse.SUPPRESS, help="tệp dữ liệu sẽ tạo"
    )
    demo.add_argument(
        "--force", action="store_true", help="ghi đè tệp đã có (tệp cũ được sao lưu vào thư mục backups trước)"
    )

    export = commands.add_parser(
        "export",
        help="xuất danh sách khen thưởng (CSV, danh sách kèm theo quyết định .xlsx hoặc .pdf) hoặc mẫu trống",
        description="Theo đuôi tệp --out: .csv ghi mọi tập thể, cá nhân và tác giả đạt giải của mọi hội "
        "nghị (UTF-8, mở được bằng Excel); .xlsx ghi danh sách kèm theo từng quyết định của một hội nghị, "
        "định dạng để in trên A4, kèm trang thống kê và câu dùng cho bài viết; .pdf ghi các danh sách ấy "
        "thành bản in A4 để đóng kèm quyết định. Với --template: ghi bảng "
        "tính mẫu trống để phường điền rồi gửi lại.",
    )
    _db_argument(export)
    _ceremony_argument(export)
    export.add_argument("--out", type=Path, metavar="TỆP", required=True, help="tệp .csv, .xlsx hoặc .pdf sẽ ghi")
    export.add_argument("--template", action="store_true", help="ghi bảng tính mẫu trống (.xlsx) để phường điền")
    export.add_argument(
        "--register-book",
        action="store_true",
        help="ghi sổ theo dõi cấp giấy khen (.xlsx hoặc .pdf): mọi số vào sổ đã cấp, theo từng sổ và năm",
    )
    export.add_argument("--year", type=int, metavar="NĂM", help="với --register-book: chỉ các sổ của năm này")

    history = commands.add_parser(
        "history",
        help="tra cứu quá trình khen thưởng của một tập thể, cá nhân qua mọi hội nghị",
        description="In mọi tập thể, cá nhân có tên chứa CHỮ (không phân biệt hoa thường, có dấu hay "
        "không dấu) cùng những gì đã nhận qua các năm: hình thức, quyết định, số vào sổ.",
    )
    history.add_argument("text", metavar="CHỮ", help="tên hoặc một phần tên, có dấu hay không dấu")
    _db_argument(history)

    certs = commands.add_parser(
        "certificates",
        help="in giấy khen, bằng khen, giấy chứng nhận ra PDF",
        description="In giấy khen, bằng khen và giấy chứng nhận của hội nghị ra PDF theo thứ tự trao. "
        "Số vào sổ được cấp ở lần in đầu và ghi vào nhật ký in.",
    )
    _db_argument(certs)
    certs.add_argument("--out", type=Path, metavar="TỆP_PDF", help="một tệp PDF chứa mọi giấy")
    certs.add_argument("--split", type=Path, metavar="THƯ_MỤC", help="thư mục ghi mỗi người một tệp PDF")
    _ceremony_argument(certs)
    certs.add_argument("--blank-form", action="store_true", help="chỉ in phần chữ lên phôi in sẵn")
    certs.add_argument(
        "--printer", metavar="TÊN", default="", help="máy in (tên trong hệ thống in); căn chỉnh đã lưu theo tên này"
    )
    certs.add_argument(
        "--print", action="store_true", help="gửi thẳng tới máy in --printer (ghi nhật ký như in từ cửa sổ)"
    )
    certs.add_argument("--manual-feed", action="store_true", help="với --print: nạp phôi bằng khay tay, từng tờ")
    certs.add_argument(
        "--reason", metavar="LÝ_DO", default="", help="lý do in lại, bắt buộc khi có giấy đã in trước đó"
    )
    certs.add_argument(
        "--separators", action="store_true", help="thêm tờ phân cách trước mỗi đợt trao (chỉ khi in giấy trắng)"
    )
    certs.add_argument(
        "--proof",
        action="store_true",
        help="bản xem thử để lãnh đạo duyệt: in chữ “BẢN XEM THỬ”, không cấp số vào sổ, không ghi nhật ký in",
    )

    script = commands.add_parser(
        "script",
        help="xuất kịch bản trao khen thưởng cho người dẫn chương trình",
        description="Xuất kịch bản trao khen thưởng (lời công bố quyết định, từng đợt trao với lãnh đạo "
        "trao và danh sách đọc tên, lời kết) theo thứ tự trao đã sắp, ra PDF hoặc văn bản .txt.",
    )
    _db_argument(script)
    _ceremony_argument(script)
    script.add_argument("--out", type=Path, metavar="TỆP", required=True, help="tệp .pdf hoặc .txt sẽ ghi")
    commands.add_parser(
        "selfcheck",
        help="kiểm tra bản cài đặt: mở cửa sổ và in thử giấy khen trên dữ liệu mẫu tạm",
        description="Kiểm tra bản cài đặt trên máy này: mở cửa sổ chính trên dữ liệu mẫu tạm, in thử "
        "ba giấy khen ra PDF và kiểm tra phông chữ được nhúng. Không đụng tới dữ liệu thật.",
    )
    imports = commands.add_parser(
        "import",
        help="nhập danh sách từ tệp Excel (.xlsx, .xls), OpenDocument (.ods) hoặc CSV",
        description="Nhập danh sách tập thể, cá nhân (hoặc giải cuộc thi) từ bảng tính. Mọi dòng được kiểm "
        "tra trước; có lỗi thì không nhập gì và cơ sở dữ liệu giữ nguyên. Dòng trùng được bỏ qua, "
        "trừ khi dùng --keep-duplicates.",
    )
    imports.add_argument("file", type=Path, metavar="TỆP", help="tệp bảng tính cần nhập")
    _db_argument(imports)
    _ceremony_argument(imports)
    imports.add_argument("--contest", type=int, metavar="SỐ", help="nhập vào cuộc thi này (danh sách giải)")
    imports.add_argument("--keep-duplicates", action="store_true", help="nhập cả những dòng có vẻ trùng")
    imports.add_argument(
        "--accept-readings",
        action="store_true",
        help="nhập cả khi có ô chữ mã cũ đọc được nhiều cách (sau khi đã xem cách đọc được liệt kê)",
    )
    from models.server import commands as server_commands

    server_commands.add_parser(commands)
    return parser


def _open_existing(db_path: Path | str):
    from models.repos.book import CeremonyBook
    from models.storage.store import Store

    if isinstance(db_path, str):  # a book on a server
        from models.storage.pg_store import PgStore

        return CeremonyBook(PgStore(db_path))
    if not db_path.exists():
        raise BookError(f"Không tìm thấy tệp dữ liệu “{db_path}”.")
    return CeremonyBook(Store(db_path))


def cmd_demo(args: argparse.Namespace) -> int:
    from models.sample import write_sample_database

    counts = write_sample_database(args.db, force=args.force)
    print(
        f"Đã tạo dữ liệu mẫu “{args.db}”: {counts['ceremonies']} hội nghị, "
        f"{counts['awardees']} tập thể, cá nhân, {counts['prizes']} giải cuộc thi."
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    suffix = args.out.suffix.lower()
    if args.register_book:
        return _export_register_book(args, suffix)
    if args.year is not None:
        raise BookError("--year chỉ dùng cùng --register-book.")
    if suffix not in (".csv", ".xlsx", ".pdf", ".docx") or (args.template and suffix != ".xlsx"):
        raise BookError(
            f"Tệp “{args.out.name}” phải có đuôi .xlsx (danh sách, mẫu), .pdf (danh sách để in), "
            ".docx (danh sách để sửa trong Word) hoặc .csv (danh sách thô)."
        )
    if not args.out.parent.is_dir():
        raise BookError(f"Không có thư mục “{args.out.parent}” để ghi tệp.")
    book = _open_existing(args.db)
    try:
        if args.template:
            from models.exports.xlsx_template import write_template

            write_template(args.out, book.fields())
            print(f"Đã ghi bảng tính mẫu “{args.out}”.")
        elif suffix == ".csv":
            from models.exports.csv_export import export_csv

            count = export_csv(book, args.out)
            print(f"Đã xuất {count} dòng ra “{args.out}”.")
        else:
            from certificates.documents.annex_export import write_annex_file
            from models.reports.stats import ceremony_stats

            ceremony_id = _chosen_ceremony(book, args.ceremony)
            print(write_annex_file(book, ceremony_id, args.out))
            sentence = ceremony_stats(book, ceremony_id).sentence
            if sentence:
                print(f"Câu cho bài viết: {sentence}")
    finally:
        book.store.close()
    return 0


def _export_register_book(args: argparse.Namespace, suffix: str) -> int:
    from models.repos.history_book import HistoryBook

    if suffix not in (".xlsx", ".pdf"):
        raise BookError(f"Sổ theo dõi “{args.out.name}” phải có đuôi .xlsx hoặc .pdf.")
    if not args.out.parent.is_dir():
        raise BookError(f"Không có thư mục “{args.out.parent}” để ghi tệp.")
    book = _open_existing(args.db)
    try:
        rows = HistoryBook(book.store).register(args.year)
    finally:
        book.store.close()
    if suffix == ".xlsx":
        from models.exports.xlsx_register import write_register_xlsx

        write_register_xlsx(rows, args.out)
    else:
        from certificates.documents.register_pdf import write_register_pdf

        write_register_pdf(rows, args.out)
    which = f" năm {args.year}" if args.year is not None else ""
    print(f"Đã ghi sổ theo dõi cấp giấy khen{which}: {len(rows)} số vào sổ, vào “{args.out}”.")
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    from models.reports import history
    from models.repos.history_book import HistoryBook

    book = _open_existing(args.db)
    try:
        found = history.search(HistoryBook(book.store), args.text)
    finally:
        book.store.close()
    if not found:
        print(f"Không có tập thể, cá nhân nào có tên chứa “{args.text}”.")
        return 0
    for receiver in found:
        units = f" ({'; '.join(receiver.units)})" if receiver.units else ""
        print(f"{receiver.name}{units}")
        for row in receiver.awards:
            number = f", số vào sổ {row.register_no}" if row.register_no else ""
            decision = history.decision_label(row) or row.ceremony
            print(f"  {row.year or '—'}: {history.award_label(row)} – {decision}{number}")
    return 0


def _chosen_ceremony(book, wanted: int | None) -> int:
    ceremonies = book.ceremonies()
    if wanted is not None:
        if not 0 < wanted < 2**63:  # SQLite's integers; a 23-digit number is a typo
            raise BookError(f"Không có hội nghị số {wanted}.")
        return book.ceremony(wanted).id
    if len(ceremonies) == 1:
        return ceremonies[0].id
    if not ceremonies:
        raise BookError("Tệp dữ liệu chưa có hội nghị nào.")
    listing = "\n".join(f"  {c.id}: {c.title}" for c in ceremonies)
    raise BookError(f"Tệp có {len(ceremonies)} hội nghị; hãy chọn một bằng --ceremony SỐ:\n{listing}")


def _some(certificates, shown: int = 5) -> str:
    names = ", ".join(c.who for c in certificates[:shown])
    more = len(certificates) - shown
    return f"{names} và {more} giấy khác" if more > 0 else names


def cmd_certificates(args: argparse.Namespace) -> int:
    from certificates.print_run import PrintRun
    from models.domain.printing import PaperMode, PrintAction
    from models.repos.print_book import PrintBook

    if args.print:
        if not args.printer:
            raise BookError("Cần --printer TÊN để biết gửi tới máy in nào (xem tên bằng lệnh “lpstat -e”).")
        if args.split is not None:
            raise BookError("--print gửi một xấp theo thứ tự trao; không dùng cùng --split.")
    elif args.out is None and args.split is None:
        raise BookError("Cần --out TỆP_PDF hoặc --split THƯ_MỤC (hoặc cả hai), hoặc --print --printer TÊN.")
    if args.manual_feed and not args.print:
        raise BookError("--manual-feed chỉ dùng cùng --print.")
    if args.separators and (args.blank_form or args.out is None):
        raise BookError("Tờ phân cách chỉ in vào một tệp PDF trên giấy trắng (--out, không dùng --blank-form).")
    if args.out is not None and not args.out.parent.is_dir():
        raise BookError(f"Không có thư mục “{args.out.parent}” để ghi tệp PDF.")
    book = _open_existing(args.db)
    calibration = _calibration(args)
    try:
        ceremony_id = _chosen_ceremony(book, args.ceremony)
        mode = PaperMode.BLANK if args.blank_form else PaperMode.FULL
        run = PrintRun(book, PrintBook(book.store), ceremony_id, mode=mode, proof=args.proof)
        for problem in run.plan.problems:
            print(f"Bỏ qua: {problem}", file=sys.stderr)
        if not run.certificates:
            raise BookError("Hội nghị này chưa có giấy nào in được.")
        run.check_fonts()  # a bad font is said before any number is given
        if args.print:  # and a printer without the paper, before any number too
            order = _print_order(args, {run.plan.templates[c.form].paper.value for c in run.certificates})
        if run.reprints and not args.reason.strip():
            raise BookError(
                f"{len(run.reprints)} giấy đã in trước đây ({_some(run.reprints)}). "
                "Đây là in lại: hãy ghi lý do bằng --reason."
            )
        run.number()
        if args.print:
            _print_run(run, order, args)
            return 0
        target = " ; ".join(str(p) for p in (args.out, args.split) if p is not None)
        logged = run.log(action=PrintAction.PDF, target=target, reason=args.reason)
        job = run.job(separators=args.separators, calibration=calibration)

        def written(target: Path, result) -> None:
            if target == args.split:
                print(f"Đã ghi {len(result.files)} tệp PDF vào “{args.split}”.")
            else:
                sheets = len(result.separator_pages)
                extra = f" và {sheets} tờ phân cách" if sheets else ""
                print(f"Đã in {result.pages} giấy{extra} vào “{args.out}”.")

        results = run.write_files(job, logged, out=args.out, folder=args.split, written=written)
        for overflow in results[0].overflows:
            print(f"Cảnh báo: {overflow.message}", file=sys.stderr)
        if logged is None:
            print("Đây là bản xem thử: không cấp số vào sổ, không ghi vào nhật ký in.")
    finally:
        book.store.close()
    return 0


def _print_order(args: argparse.Namespace, papers: set[str]):
    from models.printers import cups, send

    if not cups.available():
        raise BookError(
            "Máy này không có hệ thống in CUPS để gửi thẳng từ dòng lệnh (Windows: hãy in từ cửa sổ ứng dụng, "
            "hoặc lưu PDF bằng --out rồi in)."
        )
    order = send.QueueOrder(args.printer, manual_feed=args.manual_feed)
    send.check_queue(order, papers)
    return order


def _print_run(run, order, args: argparse.Namespace) -> None:
    """Render into a file (--out, or a temporary one), send it to the queue, log it as a print."""
    import tempfile

    from models.domain.printing import PrintAction
    from models.printers import send

    logged = run.log(action=PrintAction.PRINT, target=args.printer, reason=args.reason)
    job = run.job(separators=args.separators, calibration=_calibration(args))
    gone = [0]  # pages the queue has accepted, should a later job be refused
    with tempfile.TemporaryDirectory(prefix="vinhdanh-in-") as folder:
        pdf = args.out or Path(folder) / "in.pdf"
        try:
            [result] = run.write_files(job, None, out=pdf)
            sent = send.send(pdf, order, lambda done, total: gone.__setitem__(0, done))
        except BaseException:
            if gone[0]:  # the log keeps exactly what went to the printer
                run.settle(logged, kept=result.certificates_in(gone[0]))
            else:
                run.abandon(logged)
            raise
        run.settle(logged, kept=result.certificates_in(sent) if sent < result.pages else None)
    for overflow in result.overflows:
        print(f"Cảnh báo: {overflow.message}", file=sys.stderr)
    print(f"Đã gửi {result.certificates_in(sent)} giấy tới máy in “{args.printer}”.")


def _calibration(args: argparse.Namespace):
    from models.storage.settings import Settings

    return Settings(paths.settings_file()).calibration(args.printer) if args.blank_form else None


def cmd_script(args: argparse.Namespace) -> int:
    from models.reports.mc_script import ceremony_script, write_script_text

    suffix = args.out.suffix.lower()
    if suffix not in (".pdf", ".txt", ".docx"):
        raise BookError(f"Tệp kịch bản “{args.out.name}” phải có đuôi .pdf, .docx hoặc .txt.")
    if not args.out.parent.is_dir():
        raise BookError(f"Không có thư mục “{args.out.parent}” để ghi kịch bản.")
    book = _open_existing(args.db)
    try:
        script = ceremony_script(book, _chosen_ceremony(book, args.ceremony))
    finally:
        book.store.close()
    if not script.batches:
        raise BookError("Hội nghị này chưa có ai để trao: hãy nhập danh sách và gắn quyết định trước.")
    if suffix == ".pdf":
        from certificates.documents.script_pdf import write_script_pdf

        pages = write_script_pdf(script, args.out)
        print(f"Đã ghi kịch bản {len(script.batches)} đợt trao ({pages} trang) vào “{args.out}”.")
    elif suffix == ".docx":
        from models.exports.docx_script import write_script_docx

        write_script_docx(script, args.out)
        print(f"Đã ghi kịch bản {len(script.batches)} đợt trao vào tệp Word “{args.out}”.")
    else:
        write_script_text(script, args.out)
        print(f"Đã ghi kịch bản {len(script.batches)} đợt trao vào “{args.out}”.")
    missing = [sb.number for sb in script.batches if not sb.batch.leader_name]
    if missing:
        shown = ", ".join(map(str, missing))
        print(f"Lưu ý: đợt {shown} chưa có lãnh đạo trao.", file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from models.domain.records import AwardeeKind
    from models.importing import importer
    from models.storage.settings import Settings

    book = _open_existing(args.db)
    try:
        ceremony_id = _chosen_ceremony(book, args.ceremony)
        memory = importer.MappingMemory(Settings(paths.settings_file()))
        plan = importer.plan_file(book, args.file, ceremony_id, contest_id=args.contest, memory=memory)
        for note in plan.notes:
            print(note)
        if plan.unsure and not args.accept_readings:
            raise BookError(
                f"Có {len(plan.unsure)} ô chữ mã cũ đọc được nhiều cách (liệt kê ở trên); chưa nhập gì. "
                "Nếu cách đọc đúng, chạy lại lệnh với --accept-readings."
            )
        if plan.problems:
            for line in plan.problem_lines():
                print(line, file=sys.stderr)
            raise BookError(f"Có {len(plan.problems)} lỗi trong tệp; chưa nhập gì, dữ liệu giữ nguyên.")
        for row in plan.duplicates:
            row.include = args.keep_duplicates
            verb = "Vẫn nhập" if args.keep_duplicates else "Bỏ qua"
            print(f"{verb} dòng {row.line} “{row.name}”: {row.duplicate}.")
        guessed = plan.guessed
        collectives = [r for r in guessed if r.awardee and r.awardee.kind is AwardeeKind.COLLECTIVE]
        if guessed:
            print(
                f"{len(guessed)} dòng không ghi loại: đoán {len(collectives)} tập thể theo tên "
                f"(Hội, Chi bộ, Tổ, UBND, Trường…), còn lại là cá nhân; hãy xem lại trong cửa sổ."
            )
        result = importer.apply(book, plan)
    finally:
        book.store.close()
    print(result.summary())
    return 0


def cmd_selfcheck(args: argparse.Namespace) -> int:
    from ui.screen_check import require_screen

    require_screen()
    from ui.selfcheck import run_selfcheck

    for line in run_selfcheck():
        print(line)
    print("Bản cài đặt hoạt động tốt.")
    return 0


def cmd_server(args: argparse.Namespace) -> int:
    from models.server import commands as server_commands

    return server_commands.run(args)


def cmd_gui(args: argparse.Namespace) -> int:
    from ui.screen_check import require_screen

    require_screen()
    from ui.app import run

    return run(args.db)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    log_file = log_to_file()
    handler = {
        "demo": cmd_demo,
        "export": cmd_export,
        "certificates": cmd_certificates,
        "script": cmd_script,
        "history": cmd_history,
        "import": cmd_import,
        "selfcheck": cmd_selfcheck,
        "server": cmd_server,
    }.get(args.command, cmd_gui)
    try:
        return handler(args)
    except BookError as exc:
        print(f"Lỗi: {exc.message}", file=sys.stderr)
        return 1
    except OSError as exc:
        where = f" “{exc.filename}”" if exc.filename else ""
        print(f"Lỗi tệp{where}: {os_error_text(exc)}.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu (Ctrl+C); thao tác dở dang không được ghi.", file=sys.stderr)
        return 130
    except Exception:
        log.exception("unexpected error in command %s", args.command)
        where = f" Chi tiết đã ghi vào “{log_file}”." if log_file else ""
        print(f"Lỗi không mong đợi; thao tác chưa hoàn tất.{where}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
