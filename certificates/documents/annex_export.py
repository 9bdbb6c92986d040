"""The decision annex written to the file the user named, as .xlsx or .pdf by its suffix."""

from __future__ import annotations

from pathlib import Path

from certificates.documents.annex_pdf import write_annex_pdf
from models.errors import BookError
from models.exports.xlsx_annex import write_annex
from models.reports.annex import build_annex
from models.repos.book import CeremonyBook


def write_annex_file(book: CeremonyBook, ceremony_id: int, out: Path) -> str:
    """Write the annex; returns what was done, in a sentence for the user."""
    suffix = out.suffix.lower()
    if suffix == ".xlsx":
        result = write_annex(book, ceremony_id, out)
        return f"Đã ghi {result.sheets} danh sách kèm theo ({result.rows} dòng) vào “{out}”."
    if suffix == ".docx":
        from models.exports.docx_annex import write_annex_docx

        annex = build_annex(book, ceremony_id)
        lists = write_annex_docx(annex, out)
        message = f"Đã ghi {lists} danh sách kèm theo ({annex.rows} dòng) vào tệp Word “{out}”."
        return message + _loose(annex.loose)
    if suffix != ".pdf":
        raise BookError(f"Danh sách kèm theo chỉ ghi được ra .xlsx, .pdf hoặc .docx, không ghi được “{out.name}”.")
    annex = build_annex(book, ceremony_id)
    pages = write_annex_pdf(annex, out)
    message = f"Đã ghi {len(annex.tables)} danh sách kèm theo ({annex.rows} dòng, {pages} trang) vào “{out}”."
    return message + _loose(annex.loose)


def _loose(count: int) -> str:
    return f" {count} tập thể, cá nhân chưa gắn quyết định nên không có trong danh sách." if count else ""
