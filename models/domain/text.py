"""Vietnamese text: normalisation, search folding, duplicate keys and collation.

Pure Python so that models/ stays free of Qt; tests check the collation against
Qt's QCollator for Vietnamese (which follows CLDR/ICU).
"""

from __future__ import annotations

import functools
import re
import unicodedata

GRAVE, ACUTE, TILDE, HOOK, DOT_BELOW = "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"
BREVE, CIRCUMFLEX, HORN = "\u0306", "\u0302", "\u031b"

# CLDR's Vietnamese tailoring: no tone < huyền < hỏi < ngã < sắc < nặng.
_TONE_RANK = {GRAVE: 1, HOOK: 2, TILDE: 3, ACUTE: 4, DOT_BELOW: 5}
_QUALITY = {
    ("a", BREVE): "ă",
    ("a", CIRCUMFLEX): "â",
    ("e", CIRCUMFLEX): "ê",
    ("o", CIRCUMFLEX): "ô",
    ("o", HORN): "ơ",
    ("u", HORN): "ư",
}
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}

# Primary weights: whitespace and punctuation < digit runs < letters, as in ICU.
_DIGIT_BASE = 0x110000
_LETTER_BASE = _DIGIT_BASE + 10**15


# Longest texts a record may hold; import and entry refuse longer ones with the same words.
MAX_NAME = 300
MAX_TEXT = 2000
MAX_NOTES = 20_000

# Characters nobody sees that arrive with pasted or exported text: controls other than
# whitespace, direction overrides and marks (which can show a name backwards), zero-width
# space, word joiner, byte-order mark, soft hyphen, and lone surrogates from broken
# decoding (which SQLite cannot even store). Removed so the stored name is the one on
# screen and on paper. Zero-width (non-)joiners stay: they shape emoji and some scripts.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\xad\u061c\u180e\u200b\u200e\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb\ud800-\udfff]"
)


def without_invisible(text: str) -> str:
    return _INVISIBLE.sub("", text) if _INVISIBLE.search(text) else text


def clean(text: object) -> str:
    """One-line text as stored: visible characters only, NFC, trimmed, inner whitespace collapsed."""
    if text is None:
        return ""
    text = without_invisible(str(text))
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    # str.split() splits on exactly what the regex \s matches; done in C, it beats any check.
    return " ".join(text.split())


def clean_multiline(text: object) -> str:
    """Free text such as notes: NFC, each line cleaned, blank edges dropped."""
    if text is None:
        return ""
    lines = unicodedata.normalize("NFC", without_invisible(str(text))).splitlines()
    return "\n".join(clean(line) for line in lines).strip("\n")


def _fold_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {ord("đ"): "d", ord("Đ"): "d"}
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        bare = "".join(c for c in unicodedata.normalize("NFD", chr(code)) if not unicodedata.combining(c))
        if bare and bare != chr(code):
            table[code] = bare.lower()
    for code in range(0x300, 0x370):  # stray combining marks of decomposed input
        table[code] = None
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """Search key that ignores case and every diacritic: "Nguyễn Thị" -> "nguyen thi".

    A translate table rather than NFD per call: loading 10,000 rows folds 80,000 fields.
    """
    return " ".join(unicodedata.normalize("NFC", text).translate(_FOLD).casefold().split())


# Joins the fields of a search text: searching is "folded phrase in folded text", and a
# phrase must never span two fields.
FIELD_SEPARATOR = " \u2016 "


def _letters_and_tones(word: str) -> tuple[str, int]:
    """Split a word into its letters (with ă â ê ô ơ ư đ kept) and its tone rank."""
    letters: list[str] = []
    tone = 0
    for ch in unicodedata.normalize("NFD", word.casefold()):
        if ch in _TONE_RANK:
            tone = _TONE_RANK[ch]
        elif unicodedata.combining(ch):
            if letters and (letters[-1], ch) in _QUALITY:
                letters[-1] = _QUALITY[(letters[-1], ch)]
        else:
            letters.append(ch)
    return "".join(letters), tone


def _word_tables() -> tuple[dict[int, str], dict[str, int]]:
    """Per letter: its letters without the tone mark, and the tone's rank (precomputed)."""
    strip: dict[int, str] = {}
    tone_of: dict[str, int] = {}
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        ch = chr(code).casefold()
        if len(ch) != 1 or ch.isascii():
            continue
        letters, tone = _letters_and_tones(ch)
        strip[ord(ch)] = letters
        if tone:
            tone_of[ch] = tone
    return strip, tone_of


_STRIP_TONE, _TONE_OF = _word_tables()
_KNOWN_LETTERS = re.compile(f"^[\x00-\x7f{''.join(chr(c) for c in _STRIP_TONE)}]*$")


@functools.lru_cache(maxsize=65536)
def _word_key(word: str) -> str:
    """One casefolded word's letters, then its tone's rank if it has one."""
    if not _KNOWN_LETTERS.match(word):
        letters, tone = _letters_and_tones(word)  # rare scripts and stray marks
    else:
        letters = word.translate(_STRIP_TONE)
        tone = 0
        if letters != word:
            for ch in word:
                tone = _TONE_OF.get(ch, tone)
    return f"{letters}{tone}" if tone else letters


@functools.lru_cache(maxsize=65536)
def match_key(text: str) -> str:
    """Key for duplicate detection: case-blind, and blind to where the tone mark sits.

    "Thùy" and "Thuỳ", "hòa" and "hoà", the slip "Qúy" and "Quý" all give the same key,
    while different tones or vowels ("Thủy", "Thuy") stay different. Cached by text (an
    import asks for the same units many times, and the book asks again when it stores
    them) and by word (names are unique, their words are not).
    """
    return " ".join(filter(None, map(_word_key, clean(text).casefold().split(" "))))


def _slow_match_key(text: str) -> str:
    """The definition match_key must agree with (kept for the tests)."""
    words = []
    for word in clean(text).split(" "):
        letters, tone = _letters_and_tones(word)
        words.append(f"{letters}{tone}" if tone else letters)
    return " ".join(w for w in words if w)


_SPACE_PRIMARY = (ord(" "),)  # a space between words weighs as itself


# Kept for the words and units that recur through a district's lists (family and given names,
# wards): a 50,000-name ceremony asks for a few thousand distinct keys many times over.
@functools.lru_cache(maxsize=1 << 15)
def sort_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """Vietnamese collation key: letters first, then tones, then case; numbers by value.

    Made word by word (a space weighs as itself): names share their words, so a list of
    10,000 new names is mostly words already keyed. The same key as _slow_sort_key gives.
    """
    first, *others = clean(text).split(" ")
    if not others:
        return _word_sort_key(first)
    primary, secondary, tertiary = (list(level) for level in _word_sort_key(first))
    for word in others:
        p, s, t = _word_sort_key(word)
        primary += _SPACE_PRIMARY
        primary += p
        secondary.append(0)
        secondary += s
        tertiary.append(0)
        tertiary += t
    return tuple(primary), tuple(secondary), tuple(tertiary)


@functools.lru_cache(maxsize=1 << 16)
def _word_sort_key(word: str) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    return _slow_sort_key(word)


def _slow_sort_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """The definition: one character at a time, the whole text at once."""
    primary: list[int] = []
    secondary: list[int] = []
    tertiary: list[int] = []
    digits = ""
    for ch in unicodedata.normalize("NFD", clean(text)):
        if ch.isdigit() and ch.isascii():
            digits += ch
            continue
        if digits:
            primary.append(_DIGIT_BASE + min(int(digits), 10**15 - 1))
            secondary.append(0)
            tertiary.append(0)
            digits = ""
        if unicodedata.combining(ch):
            if not primary or primary[-1] < _LETTER_BASE:
                continue
            if ch in _TONE_RANK:
                secondary[-1] = _TONE_RANK[ch]
            else:
                base = _ALPHABET[primary[-1] - _LETTER_BASE] if primary[-1] - _LETTER_BASE < len(_ALPHABET) else ""
                if (base, ch) in _QUALITY:
                    primary[-1] = _LETTER_BASE + _LETTER_RANK[_QUALITY[(base, ch)]]
            continue
        lower = ch.lower()
        if lower in _LETTER_RANK:
            primary.append(_LETTER_BASE + _LETTER_RANK[lower])
        elif ch.isalpha():
            primary.append(_LETTER_BASE + len(_ALPHABET) + ord(lower))
        else:
            primary.append(ord(ch))
        secondary.append(0)
        tertiary.append(0 if ch == lower else 1)
    if digits:
        primary.append(_DIGIT_BASE + min(int(digits), 10**15 - 1))
        secondary.append(0)
        tertiary.append(0)
    return tuple(primary), tuple(secondary), tuple(tertiary)


def person_sort_key(full_name: str) -> tuple:
    """Official order for people: given name (last word), then middle names, then family name."""
    words = clean(full_name).split(" ")
    if len(words) == 1:
        return (sort_key(words[0]), sort_key(""), sort_key(""))
    return (sort_key(words[-1]), sort_key(" ".join(words[1:-1])), sort_key(words[0]))


def quoted(name: str) -> str:
    """A title in Vietnamese quotation marks, unless it already has them."""
    name = name.strip()
    return name if name[:1] in '“"' else f"“{name}”"


def contest_phrase(title: str) -> str:
    """ "Cuộc thi “…”", without doubling a title that already says "Cuộc thi"."""
    return title if fold(title).startswith("cuoc thi") else f"Cuộc thi {quoted(title)}"


def listed(items: list[str], limit: int = 5, noun: str = "mục") -> str:
    """ "A, B, C và 4 mục khác": a list cut short in words, so a sentence around it can end
    with its own full stop (an ellipsis there read as "Tuấn …." on screen)."""
    shown = ", ".join(items[:limit])
    more = len(items) - limit
    return f"{shown} và {more} {noun} khác" if more > 0 else shown


def short_date(day) -> str:
    """A date in figures as decisions are cited: "28/7/2022", never "28/07/2022" beside it."""
    return f"{day.day}/{day.month}/{day.year}"
