"""Errors that reach a user carry a Vietnamese message saying what and where."""

from __future__ import annotations

import errno
from pathlib import Path


class BookError(Exception):
    """Base of every error the app reports to the user in Vietnamese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NewerDatabaseError(BookError):
    def __init__(self, path: Path, found: int, supported: int):
        super().__init__(
            f"Tệp dữ liệu “{path}” được tạo bởi phiên bản Vinh Danh mới hơn "
            f"(lược đồ {found}, phiên bản này chỉ đọc được đến {supported}). "
            "Hãy cập nhật ứng dụng; tệp được giữ nguyên, không bị thay đổi."
        )
        self.found = found


class DamagedDatabaseError(BookError):
    def __init__(self, path: Path, detail: str, backups: list[Path]):
        text = f"Tệp dữ liệu “{path}” bị hỏng ({detail})."
        if backups:
            text += f" Bản sao lưu tốt gần nhất: “{backups[0].name}”."
        else:
            text += " Không tìm thấy bản sao lưu nào còn tốt."
        super().__init__(text)
        self.path = path
        self.backups = backups


class StorageError(BookError):
    """The environment failed us: disk full, file locked, no permission."""


class FileInUseError(StorageError):
    """Another copy of the app (or another program) holds the database."""


class ChangedElsewhereError(StorageError):
    """The book was written by someone else since we last read it; we refuse to write over it."""

    def __init__(self, path: Path):
        super().__init__(
            f"Tệp dữ liệu “{path}” vừa bị một chương trình khác thay đổi. Để không ghi đè lên "
            "thay đổi đó, thao tác vừa rồi chưa được lưu; dữ liệu sẽ được đọc lại từ tệp."
        )
        self.path = path


class BookGoneError(StorageError):
    """The path no longer names the file that was opened: deleted, renamed or replaced."""

    def __init__(self, path: Path):
        super().__init__(
            f"Tệp dữ liệu “{path}” không còn ở chỗ cũ: nó đã bị xóa, đổi tên, hoặc bị thay bằng một "
            "tệp khác trong lúc cửa sổ đang mở. Thay đổi vừa rồi chưa được lưu, để không ghi vào chỗ "
            "không còn ai đọc. Mọi thứ đã lưu trước đó vẫn còn trong cửa sổ này: hãy dùng Tệp › Lưu "
            "bản sao… để giữ chúng thành một tệp, rồi mở tệp đó."
        )
        self.path = path


class ReadOnlyBookError(StorageError):
    """The book is sound but cannot be written where it is (read-only file, folder or disk)."""

    def __init__(self, path: Path, *, old_version: bool = False):
        if old_version:
            said = (
                f"Tệp dữ liệu “{path}” do phiên bản cũ của Vinh Danh tạo, phải được nâng cấp (ghi vào tệp) "
                "trước khi mở, mà chỗ này không ghi được."
            )
        else:
            said = (
                f"Tệp dữ liệu “{path}” còn tốt nhưng không ghi được ở chỗ này: tệp hoặc thư mục chỉ "
                "cho phép đọc, hoặc ổ đĩa (USB, ổ mạng, đĩa CD) bị khóa ghi."
            )
        super().__init__(
            f"{said} Hãy chép tệp sang một thư mục của máy (ví dụ Tài liệu) rồi mở bản chép, hoặc bỏ "
            "thuộc tính chỉ đọc của tệp. Tệp không bị thay đổi."
        )
        self.can_view = not old_version
        self.path = path


class ValidationError(BookError):
    """A value the user typed cannot be saved as it is."""


class ConflictError(BookError):
    """Someone else saved this record since it was read: nothing was written over it.

    Carries their record as it is now and mine as I meant it (None for a delete), so the
    window can offer to keep mine or take theirs."""

    def __init__(self, message: str, theirs: object, mine: object | None = None, headline: str = ""):
        super().__init__(message)
        self.theirs = theirs
        self.mine = mine
        self.headline = headline or message  # who changed it and when, without the details


class NotAllowedError(BookError):
    """The server's rules do not let this login do it (another ward's row, numbering…)."""


class InUseError(BookError):
    """Deleting this would orphan other records."""


class SpreadsheetError(BookError):
    """A file that cannot be read as a list: not a spreadsheet, locked, empty or too big."""


_OS_ERRORS = {
    errno.ENOSPC: "ổ đĩa đã đầy; hãy xóa bớt tệp rồi làm lại",
    errno.EACCES: "không có quyền đọc hoặc ghi ở đây",
    errno.EPERM: "không có quyền đọc hoặc ghi ở đây",
    errno.ENOENT: "không tìm thấy tệp hoặc thư mục",
    errno.EROFS: "ổ đĩa chỉ cho phép đọc",
    errno.EISDIR: "đây là một thư mục, không phải tệp",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.EEXIST: "tệp đã có",
    errno.EBUSY: "tệp đang được chương trình khác dùng",
    errno.ENAMETOOLONG: "tên tệp quá dài",
    errno.EIO: "ổ đĩa báo lỗi đọc/ghi (USB bị rút, ổ mạng mất kết nối?)",
}


def os_error_text(exc: OSError) -> str:
    """An OSError said in Vietnamese ("No space left on device" is not what a clerk reads)."""
    if exc.errno is None:
        return "lỗi hệ thống"
    return _OS_ERRORS.get(exc.errno, f"lỗi hệ thống số {exc.errno}")
