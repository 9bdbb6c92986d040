"""The parts of an .xlsx package a list needs besides its sheets: the workbook's sheet
list and relationships, the styles (each cell style's font, and whether it shows a date),
and the shared strings with their rich-text runs. Parsed with expat in chunks; a DOCTYPE
is refused outright, and what no Excel writes (a cell over 32,767 characters, a million
distinct texts) is refused as damaged or hostile."""

from __future__ import annotations

import re
import zipfile
from pathlib import PurePosixPath
from xml.parsers import expat

from models.sheets import legacy

CHUNK = 1 << 16
SHEET_ENTRY = re.compile(rb"<(?:\w+:)?sheet\b[^>]*?\bname=\"([^\"]*)\"[^>]*?\br:id=\"([^\"]*)\"")
REL_ENTRY = re.compile(rb"<Relationship\b[^>]*?\bId=\"([^\"]*)\"[^>]*?\bTarget=\"([^\"]*)\"")
REL_ENTRY_REVERSED = re.compile(rb"<Relationship\b[^>]*?\bTarget=\"([^\"]*)\"[^>]*?\bId=\"([^\"]*)\"")
DATE_1904 = re.compile(rb"<(?:\w+:)?workbookPr\b[^>]*\bdate1904=\"(?:1|true)\"")
CELL_REF = re.compile(r"([A-Z]{1,3})(\d+)$")
RANGE_REF = re.compile(r"([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)$")
# Built-in number formats that show a date or a time (ECMA-376 18.8.30).
DATE_FORMAT_IDS = frozenset((*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)))
QUOTED_OR_BRACKETED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')


def column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


DIGITS = "0123456789"
# "x:c" -> "c": the few tag names of a workbook, learnt as they come (bounded, for hostile files).
LOCAL_NAMES: dict[str, str] = {}


def local_name(tag: str) -> str:
    name = tag.rpartition(":")[2]
    if len(LOCAL_NAMES) < 1024:
        LOCAL_NAMES[tag] = name
    return name


class DoctypeRefused(Exception):
    """An XML part declares a DOCTYPE or entities: no spreadsheet program writes one."""


class BeyondExcel(Exception):
    """A part holds more than Excel itself can write: built to exhaust memory, or damaged."""


MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
MAX_SHARED_STRINGS = 1_000_000  # a 100,000-row list has far fewer distinct texts


def refuse_doctype(*_args) -> None:
    raise DoctypeRefused


def parse(stream, start, end=None, text=None) -> None:
    """Feed an XML part to expat in chunks; handlers get tags without their prefix."""
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.EntityDeclHandler = refuse_doctype
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if text is not None:
        parser.CharacterDataHandler = text
    while chunk := stream.read(CHUNK):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)


def is_date_format(code: str) -> bool:
    bare = QUOTED_OR_BRACKETED.sub("", code).lower()
    return bare != "general" and any(ch in bare for ch in "dmyhs")


class Styles:
    """Cell style index -> font name, and whether it shows a number as a date."""

    def __init__(self):
        self.fonts: list[str] = []
        self.formats: dict[int, str] = {}
        self.xf_font: list[int] = []
        self.xf_date: list[bool] = []
        self._dates: dict[str, bool] = {}  # per style attribute as written: asked once per cell
        self._fonts: dict[str | None, str | None] = {}

    @classmethod
    def read(cls, archive: zipfile.ZipFile) -> Styles:
        styles = cls()
        if "xl/styles.xml" not in archive.namelist():
            return styles
        where: list[str] = []

        def start(tag, attrs):
            tag = local_name(tag)
            if tag in ("fonts", "cellXfs", "cellStyleXfs"):
                where.append(tag)
            elif tag == "font" and where and where[-1] == "fonts":
                styles.fonts.append("")
            elif tag == "name" and where and where[-1] == "fonts" and styles.fonts:
                styles.fonts[-1] = attrs.get("val", "")
            elif tag == "numFmt":
                styles.formats[int_of(attrs.get("numFmtId"))] = attrs.get("formatCode", "")
            elif tag == "xf" and where and where[-1] == "cellXfs":
                styles.xf_font.append(int_of(attrs.get("fontId")))
                number_format = int_of(attrs.get("numFmtId"))
                code = styles.formats.get(number_format)
                styles.xf_date.append(is_date_format(code) if code else number_format in DATE_FORMAT_IDS)

        def end(tag):
            if where and local_name(tag) == where[-1]:
                where.pop()

        with archive.open("xl/styles.xml") as stream:
            parse(stream, start, end)
        return styles

    def font(self, style: str | None) -> str | None:
        if style in self._fonts:
            return self._fonts[style]
        index = int_of(style)
        found = None
        if 0 <= index < len(self.xf_font) and 0 <= self.xf_font[index] < len(self.fonts):
            found = self.fonts[self.xf_font[index]] or None
        self._fonts[style] = found
        return found

    def is_date(self, style: str | None) -> bool:
        if style is None:
            return False
        known = self._dates.get(style)
        if known is None:
            index = int_of(style)
            known = self._dates[style] = 0 <= index < len(self.xf_date) and self.xf_date[index]
        return known

    @property
    def any_legacy_font(self) -> bool:
        return any(legacy.font_encoding(name) is not legacy.Encoding.UNICODE for name in self.fonts if name)


def int_of(value: str | None) -> int:
    try:
        return int(value) if value is not None else 0
    except ValueError:
        return 0


def strings_part(archive: zipfile.ZipFile, rels: dict[str, str]) -> str | None:
    for target in rels.values():
        if target.lower().endswith("sharedstrings.xml"):
            return part_name(target)
    return "xl/sharedStrings.xml" if "xl/sharedStrings.xml" in archive.namelist() else None


def shared_strings(archive: zipfile.ZipFile, part: str | None) -> tuple[list[str], dict[int, list[legacy.Run]]]:
    """Each <si>'s text: its runs joined, phonetic guides (<rPh>) left out; and, for the
    strings whose runs name their own fonts, those runs (see legacy.runs_to_unicode)."""
    if part is None or part not in archive.namelist():
        return [], {}
    strings: list[str] = []
    runs: dict[int, list[legacy.Run]] = {}
    state = {"depth_phonetic": 0, "in_text": False, "length": 0, "in_run": False, "fonted": False}
    current: list[str] = []
    pieces: list[list] = []  # [text, font] per run of the current <si>

    def start(tag, attrs):
        tag = local_name(tag)
        if tag == "t":
            state["in_text"] = not state["depth_phonetic"]
        elif tag == "si":
            current.clear()
            pieces.clear()
            state["length"] = 0
            state["fonted"] = False
        elif tag == "r" and not state["depth_phonetic"]:
            state["in_run"] = True
            pieces.append(["", None])
        elif tag == "rFont" and state["in_run"]:
            pieces[-1][1] = attrs.get("val") or None
            state["fonted"] = True
        elif tag == "rPh":
            state["depth_phonetic"] += 1

    def end(tag):
        tag = local_name(tag)
        if tag == "t":
            state["in_text"] = False
        elif tag == "r":
            state["in_run"] = False
        elif tag == "si":
            if state["fonted"]:
                runs[len(strings)] = [(text, font) for text, font in pieces]
            strings.append("".join(current))
            if len(strings) > MAX_SHARED_STRINGS:
                raise BeyondExcel
        elif tag == "rPh":
            state["depth_phonetic"] -= 1

    def text(data):
        if state["in_text"]:
            current.append(data)
            if state["in_run"]:
                pieces[-1][0] += data
            state["length"] += len(data)
            if state["length"] > MAX_CELL_CHARS:
                raise BeyondExcel

    with archive.open(part) as stream:
        parse(stream, start, end, text)
    return strings, runs


def relationships(archive: zipfile.ZipFile) -> dict[str, str]:
    try:
        raw = archive.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    rels = {rid.decode(): target.decode("utf-8", "replace") for rid, target in REL_ENTRY.findall(raw)}
    rels.update((rid.decode(), target.decode("utf-8", "replace")) for target, rid in REL_ENTRY_REVERSED.findall(raw))
    return rels


def part_name(target: str) -> str:
    return target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)


def sheet_parts(archive: zipfile.ZipFile, rels: dict[str, str]) -> list[tuple[str, str]]:
    """(sheet name, its XML part) in the workbook's order; chart sheets left out."""
    parts = []
    for name, rid in SHEET_ENTRY.findall(archive.read("xl/workbook.xml")):
        part = part_name(rels.get(rid.decode(), ""))
        if "chartsheets/" not in part and part in archive.namelist():
            parts.append((name.decode("utf-8", "replace"), part))
    return parts
