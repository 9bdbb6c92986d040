"""`main.py server …`: what a district's IT person runs to set up and keep a server book."""

from __future__ import annotations

import argparse
from pathlib import Path

from models.errors import BookError
from models.server import admin, hall
from models.storage.pg_store import PgStore, is_server_url


def add_parser(commands) -> None:
    server = commands.add_parser(
        "server",
        help="quản trị sổ trên máy chủ PostgreSQL (tạo sổ, cấp tài khoản cho cán bộ phường)",
        description="Quản trị sổ dùng chung trên máy chủ PostgreSQL. --db là địa chỉ máy chủ, ví dụ "
        "postgresql://quantri@may-chu/vinhdanh (mật khẩu hỏi riêng hoặc lấy từ PGPASSWORD / .pgpass).",
    )
    actions = server.add_subparsers(dest="server_action", title="việc", metavar="VIỆC", required=True)
    for name, said in (
        ("init", "tạo sổ trên máy chủ (hoặc đưa lên lược đồ mới), cùng các nhóm quyền"),
        ("migrate", "nâng cấp lược đồ của sổ lên phiên bản này"),
        ("check", "kiểm tra kết nối, mã hóa, lược đồ và quyền theo phường"),
        ("list", "liệt kê tài khoản cán bộ và phường của họ"),
    ):
        _with_db(actions.add_parser(name, help=said, description=said[:1].upper() + said[1:] + "."))
    add = _with_db(actions.add_parser("add-clerk", help="tạo tài khoản cho một cán bộ; in mật khẩu một lần"))
    add.add_argument("--ward", default="", metavar="PHƯỜNG", help="phường cán bộ phụ trách, ví dụ “Bồ Đề”")
    add.add_argument("--login", metavar="TÊN", help="tên đăng nhập (mặc định đặt theo tên phường)")
    add.add_argument("--district", action="store_true", help="tài khoản cán bộ quận (mọi việc, mọi phường)")
    remove = _with_db(actions.add_parser("remove-clerk", help="xóa tài khoản của một cán bộ"))
    remove.add_argument("login", metavar="TÊN", help="tên đăng nhập cần xóa")
    export = _with_db(actions.add_parser("export", help="chép cả sổ ra một tệp .sqlite cho máy ở hội trường"))
    export.add_argument("--out", type=Path, required=True, metavar="TỆP", help="tệp .sqlite sẽ ghi")
    back = _with_db(
        actions.add_parser("bring-back", help="đưa bước đang trao và người vắng mặt từ tệp ở hội trường về máy chủ")
    )
    back.add_argument("--from", dest="hall", type=Path, required=True, metavar="TỆP", help="tệp .sqlite ở hội trường")


def _with_db(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("--db", required=True, metavar="ĐỊA_CHỈ", help="địa chỉ máy chủ postgresql://…")
    return parser


def run(args: argparse.Namespace) -> int:
    url = str(args.db)
    if not is_server_url(url):
        raise BookError(f"“{url}” không phải địa chỉ máy chủ: cần dạng postgresql://người_dùng@máy_chủ/tên_sổ.")
    action = args.server_action
    if action == "init":
        lines = admin.init(url)
    elif action == "migrate":
        store = PgStore(url, migrate=True)
        try:
            admin.apply_rules(store)
            lines = [f"Sổ trên máy chủ “{store.label}” đang ở lược đồ {store.version}."]
        finally:
            store.close()
    elif action == "check":
        lines = admin.check(url)
    elif action == "list":
        found = admin.clerks(url)
        lines = [f"{c.login}: {'cán bộ quận' if not c.ward else 'phường ' + c.ward}" for c in found]
        lines = lines or ["Chưa có tài khoản cán bộ nào."]
    elif action == "add-clerk":
        clerk, password = admin.add_clerk(url, args.ward, args.login, district=args.district)
        who = "cán bộ quận" if args.district else f"cán bộ phường {clerk.ward}"
        lines = [
            f"Đã tạo tài khoản cho {who}.",
            f"  Tên đăng nhập: {clerk.login}",
            f"  Mật khẩu:      {password}",
            "Mật khẩu chỉ hiện lần này; hãy trao tận tay cán bộ. Vinh Danh không lưu nó ở đâu cả.",
        ]
    elif action == "export":
        if args.out.suffix.lower() != ".sqlite" or not args.out.parent.is_dir():
            raise BookError(f"“{args.out}”: cần một tệp .sqlite trong một thư mục có sẵn.")
        with PgStore(url) as store:
            counts = hall.export_to_file(store, args.out)
        lines = [
            f"Đã chép sổ ra “{args.out}”: {counts['awardee']} tập thể, cá nhân, {counts['prize']} giải.",
            "Mở tệp này ở hội trường: python main.py --db TỆP. Sau buổi lễ, “server bring-back” đưa "
            "bước đang trao và người vắng mặt về máy chủ.",
        ]
    elif action == "bring-back":
        if not args.hall.is_file():
            raise BookError(f"Không tìm thấy tệp “{args.hall}”.")
        with PgStore(url) as store:
            lines = hall.bring_back_live(store, args.hall)
    else:
        admin.remove_clerk(url, args.login)
        lines = [f"Đã xóa tài khoản “{args.login}”."]
    for line in lines:
        print(line)
    return 0
