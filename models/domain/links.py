"""The news article's link, printed on certificates as a QR code: checked before it is kept,
so no certificate carries a login, a lookalike host or a code too dense to scan."""

from __future__ import annotations

import unicodedata
from urllib.parse import urlparse

from models.domain import text
from models.errors import ValidationError

# A QR code of a longer link gets modules too fine to scan from a 2 cm print.
MAX_URL_BYTES = 250


def lookalike_letters(host: str) -> str:
    """Characters of a host name that pass for Latin letters or dots without being them:
    Cyrillic "о", Greek "ο", full-width letters, "。". Vietnamese letters with their marks
    are Latin and pass."""
    odd = []
    for ch in host:
        if ch.isascii() or ch in odd:
            continue
        name = unicodedata.name(ch, "")
        if not name.startswith("LATIN ") or "FULLWIDTH" in name:
            odd.append(ch)
    return " ".join(f"“{ch}”" for ch in odd)


def idn_form(url: str) -> str:
    """The host as a browser sends it ("xn--…"), for an organiser to confirm; "" when plain."""
    host = urlparse(url).hostname or ""
    if host.isascii():
        return ""
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return ""


def check_news_url(url: str) -> str:
    """A link printed as a QR code: http(s) to a named site, no login inside, short enough."""
    url = text.clean(url)
    if not url:
        return url
    parts = urlparse(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or " " in url:
        raise ValidationError(
            f"Địa chỉ bài viết “{url}” không hợp lệ: phải bắt đầu bằng http:// hoặc https:// "
            "và có tên trang (ví dụ https://longbien.hanoi.gov.vn/...)."
        )
    if parts.username is not None or parts.password is not None:
        raise ValidationError(
            f"Địa chỉ bài viết “{url}” có chứa tên đăng nhập hoặc mật khẩu (phần trước dấu @): "
            "không được in lên giấy khen. Hãy dùng địa chỉ công khai của bài viết."
        )
    try:
        parts.port  # noqa: B018 (urlparse checks the port only when asked)
    except ValueError as exc:
        raise ValidationError(f"Địa chỉ bài viết “{url}” có số cổng không hợp lệ (sau dấu hai chấm).") from exc
    odd = lookalike_letters(parts.hostname)
    if odd:
        raise ValidationError(
            f"Tên trang trong địa chỉ “{url}” có ký tự {odd} trông giống chữ hay dấu chấm thường nhưng "
            "không phải: một trang giả có thể mượn cách này. Hãy gõ lại tên trang bằng bàn phím."
        )
    size = len(url.encode("utf-8"))
    if size > MAX_URL_BYTES:
        raise ValidationError(
            f"Địa chỉ bài viết dài {size} byte, quá {MAX_URL_BYTES}: mã QR sẽ quá dày để quét. "
            "Hãy dùng địa chỉ ngắn hơn (ví dụ bỏ phần sau dấu ?)."
        )
    return url
