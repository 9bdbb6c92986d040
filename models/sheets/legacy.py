"""Vietnamese typed under the pre-Unicode font encodings, brought back to Unicode.

Old ward spreadsheets were typed with the ABC keyboard under TCVN3 fonts (.VnTime,
.VnTimeH for capitals) or with VNI fonts (VNI-Times). The bytes were stored as if they
were Western Latin-1 letters, so Excel now shows "NguyÔn V¨n A" (TCVN3) or
"Nguyeãn Vaên A" (VNI). A cell's font name says which encoding it was typed in, where
the file has fonts at all; otherwise the text itself is tested: whichever reading gives
more real Vietnamese syllables wins, and the text as it is wins a tie.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Encoding(StrEnum):
    UNICODE = "unicode"
    TCVN3 = "tcvn3"
    TCVN3_CAPITALS = "tcvn3h"  # .VnTimeH: every letter shows as a capital
    VNI = "vni"


# TCVN3 (TCVN 5712 VN3) bytes 0xA1-0xFF seen as Latin-1, and the letters they stand for.
# Bytes 0xB0-0xB4 are tone marks on their own in the standard and unused by the fonts.
_TCVN3_SEEN = "¡¢£¤¥¦§¨©ª«¬\xad®¯µ¶·¸¹º»¼½¾¿ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ"
_TCVN3_MEANT = "ĂÂÊÔƠƯĐăâêôơưđẰàảãáạẲằẳẵắẴẮẦẨẪẤỀặầẩẫấậèỂẻẽéẹềểễếệìỉỄẾỒĩíịòỔỏõóọồổỗốộờởỡớợùỖủũúụừửữứựỳỷỹýỵỐ"
_TCVN3 = str.maketrans(_TCVN3_SEEN, _TCVN3_MEANT)

# VNI-Windows: a base letter followed by one or two mark bytes.
_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
_VNI_TONE = {_ACUTE: "ù", _GRAVE: "ø", _HOOK: "û", _TILDE: "õ", _DOT: "ï"}
_VNI_CIRCUMFLEX = {"": "â", _ACUTE: "á", _GRAVE: "à", _HOOK: "å", _TILDE: "ã", _DOT: "ä"}
_VNI_BREVE = {"": "ê", _ACUTE: "é", _GRAVE: "è", _HOOK: "ú", _TILDE: "ü", _DOT: "ë"}
_VNI_I = {_ACUTE: "í", _GRAVE: "ì", _HOOK: "æ", _TILDE: "ó", _DOT: "ò"}


def _vni_table() -> dict[str, str]:
    """VNI spelling -> Unicode letter, for every lower and upper case Vietnamese letter."""
    table: dict[str, str] = {"ñ": "đ", "Ñ": "Đ"}
    tones = ("", _ACUTE, _GRAVE, _HOOK, _TILDE, _DOT)
    for base in "aeiouy":
        for quality in ("", "\u0302", "\u0306", "\u031b"):
            for tone in tones:
                letter = unicodedata.normalize("NFC", base + quality + tone)
                if len(letter) != 1 or (not quality and not tone):
                    continue  # not a Vietnamese letter, or a bare ASCII vowel
                if quality == "\u0302":
                    spelling = base + _VNI_CIRCUMFLEX[tone]
                elif quality == "\u0306":
                    spelling = base + _VNI_BREVE[tone]
                elif quality == "\u031b":
                    spelling = {"o": "ô", "u": "ö"}[base] + _VNI_TONE.get(tone, "")
                elif base == "i":
                    spelling = _VNI_I[tone]
                elif base == "y" and tone == _DOT:
                    spelling = "î"
                else:
                    spelling = base + _VNI_TONE[tone]
                table[spelling] = letter
                table[spelling.upper()] = letter.upper()
    return table


_VNI = _vni_table()
_VNI_PATTERN = re.compile("|".join(sorted(map(re.escape, _VNI), key=len, reverse=True)))

# Latin-1 characters that are not Vietnamese letters: their presence means legacy text.
_MARKS = "".join(c for c in map(chr, range(0xA1, 0x100)) if c not in "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
_LEGACY_HINT = re.compile(f"[{re.escape(_MARKS)}]")
# Letters that only Unicode Vietnamese has: no legacy text, read as Latin-1, contains them.
_UNICODE_ONLY = re.compile("[ăĂđĐĩĨũŨơƠưƯ\u1ea0-\u1ef9]")

_INITIAL = "ngh|ng|gh|gi|ch|kh|nh|ph|th|tr|qu(?!u)|[bcdđghklmnprstvx]"
_OPEN = "iêu|yêu|oai|oay|oao|oeo|uây|uôi|uyu|ươi|ươu|uya|ai|ao|au|ay|âu|ây|eo|êu|iu|oi|ôi|ơi|ui|ưi|ưu|ia|ua|ưa"
_CLOSABLE = "uyê|iê|yê|oa|oă|oe|uâ|uê|uô|uơ|uy|ươ|oo|a|ă|â|e|ê|i|y|o|ô|ơ|u|ư"
_FINAL = "ch|ng|nh|c|m|n|p|t"
_SYLLABLE = re.compile(f"(?:{_INITIAL})?(?:(?:{_OPEN})|(?:{_CLOSABLE})(?:{_FINAL})?)")
_TONES = {_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT}
_WORD = re.compile(r"[^\s,;:()\[\]/\-–.\"“”']+")


def _is_syllable(word: str) -> bool:
    """Spelled like one Vietnamese syllable (tone placement not judged)."""
    bare = []
    tones = 0
    for ch in unicodedata.normalize("NFD", word.lower()):
        if ch in _TONES:
            tones += 1
        else:
            bare.append(ch)
    if tones > 1:
        return False
    return _SYLLABLE.fullmatch(unicodedata.normalize("NFC", "".join(bare))) is not None


def syllable_score(text: str) -> int:
    """How many of the words with non-ASCII letters are real Vietnamese syllables."""
    return sum(_is_syllable(w) for w in _WORD.findall(text) if not w.isascii())


def _from_tcvn3(text: str, capitals: bool) -> str:
    converted = text.translate(_TCVN3)
    if capitals:
        return converted.upper()
    # Text typed under .VnTimeH shows in capitals; its ASCII letters were typed as capitals too.
    letters = [c for c in text if c.isascii() and c.isalpha()]
    if converted != text and len(letters) >= 3 and all(c.isupper() for c in letters):
        return converted.upper()
    return converted


def _from_vni(text: str) -> str:
    return _VNI_PATTERN.sub(lambda m: _VNI[m.group()], text)


def decode(text: str, encoding: Encoding) -> str:
    if encoding is Encoding.TCVN3:
        return _from_tcvn3(text, capitals=False)
    if encoding is Encoding.TCVN3_CAPITALS:
        return _from_tcvn3(text, capitals=True)
    if encoding is Encoding.VNI:
        return _from_vni(text)
    return text


def font_encoding(font_name: str | None) -> Encoding:
    """The encoding a font name implies: ".VnTime" TCVN3, ".VnTimeH" its capitals, "VNI-Times" VNI."""
    if not font_name:
        return Encoding.UNICODE
    name = font_name.strip().strip("'\"")
    if name.startswith(".Vn") or name.startswith("Vn") and name[2:3].isupper():
        return Encoding.TCVN3_CAPITALS if name.endswith("H") else Encoding.TCVN3
    if name.upper().startswith("VNI"):
        return Encoding.VNI
    return Encoding.UNICODE


def needs_look(text: str) -> bool:
    """False when the text is surely Unicode already (the common case, and cheap)."""
    if text.isascii():
        return False
    return _LEGACY_HINT.search(text) is not None or _UNICODE_ONLY.search(text) is None


def to_unicode(text: str, font_name: str | None = None) -> str:
    """The text as it was meant, in NFC. A legacy font name decides when the text allows."""
    text = unicodedata.normalize("NFC", text)
    implied = font_encoding(font_name)
    if implied is not Encoding.UNICODE:
        if _UNICODE_ONLY.search(text) and not _LEGACY_HINT.search(text):
            return text  # Unicode typed or pasted into a cell that kept its old font
        converted = decode(text, implied)
        return converted if syllable_score(converted) >= syllable_score(text) else text
    if not needs_look(text):
        return text
    return best_reading(text)


Run = tuple[str, "str | None"]  # a piece of a cell's text and the font it was typed in


def runs_to_unicode(runs: list[Run]) -> str:
    """A cell typed in several fonts, each piece read by its own font: under TCVN3 a
    capital with a tone cannot be typed in .VnTime, so offices type it as a one-letter run
    in .VnTimeH ("Vũ Thị Ánh" is ".VnTime: Vò ThÞ " + ".VnTimeH: ¸" + ".VnTime: nh")."""
    raw = unicodedata.normalize("NFC", "".join(text for text, _ in runs))
    encodings = [font_encoding(font) for _, font in runs]
    if all(e is Encoding.UNICODE for e in encodings):
        return to_unicode(raw)
    if _UNICODE_ONLY.search(raw) and not _LEGACY_HINT.search(raw):
        return raw  # Unicode typed into cells that kept their old fonts
    converted = unicodedata.normalize(
        "NFC", "".join(decode(unicodedata.normalize("NFC", t), e) for (t, _), e in zip(runs, encodings, strict=True))
    )
    return converted if syllable_score(converted) >= syllable_score(raw) else raw


def run_encoding(runs: list[Run]) -> Encoding:
    """The legacy encoding most of a cell's letters were typed in (for counting)."""
    weight: dict[Encoding, int] = {}
    for text, font in runs:
        e = font_encoding(font)
        if e is Encoding.TCVN3_CAPITALS:
            e = Encoding.TCVN3
        weight[e] = weight.get(e, 0) + len(text)
    weight.pop(Encoding.UNICODE, None)
    return max(weight, key=weight.__getitem__) if weight else Encoding.UNICODE


@dataclass(frozen=True, slots=True)
class Reading:
    """How one cell without font information is read, and whether the clerk should look."""

    text: str
    encoding: Encoding  # UNICODE: kept as it is
    sure: bool


_LEGACY = (Encoding.TCVN3, Encoding.VNI)


def read_together(raws: Iterable[str], unicode_evidence: int = 0) -> dict[str, Reading]:
    """Cells whose fonts were lost (a web page, a sheet restyled to Arial), read as one list.

    One encoding is chosen for the whole list, the one under which its cells read as the
    most real syllables; a cell goes against it only when its own evidence is clear (two
    syllables or more). A cell where another reading does as well, or nearly, is marked
    unsure: the clerk is shown it, with the reading chosen. `unicode_evidence` is the
    syllables of the sheet's cells that can only be Unicode (they hold ư, ơ, ạ…)."""
    raws = [unicodedata.normalize("NFC", r) for r in dict.fromkeys(raws)]
    readings = {r: {e: unicodedata.normalize("NFC", decode(r, e)) for e in (Encoding.UNICODE, *_LEGACY)} for r in raws}
    scores = {r: {e: syllable_score(t) for e, t in readings[r].items()} for r in raws}
    total = {e: sum(scores[r][e] for r in raws) for e in (Encoding.UNICODE, *_LEGACY)}
    total[Encoding.UNICODE] += unicode_evidence
    sheet = max(_LEGACY, key=total.__getitem__)
    if total[sheet] <= total[Encoding.UNICODE]:
        sheet = Encoding.UNICODE
    rival = max(total[e] for e in total if e is not sheet)
    # Clear: well ahead of every other reading of the list, not by a word or two.
    clear = total[sheet] >= 1.5 * rival and total[sheet] - rival >= 3
    return {r: _judge(readings[r], scores[r], sheet, clear) for r in raws}


def _judge(texts: dict[Encoding, str], scores: dict[Encoding, int], sheet: Encoding, clear: bool) -> Reading:
    others = [e for e in texts if e is not sheet and texts[e] != texts[sheet]]
    best_other = max(others, key=scores.__getitem__, default=None)
    if best_other is None:
        return Reading(texts[sheet], sheet, True)
    margin = scores[best_other] - scores[sheet]
    if margin >= 2:
        return Reading(texts[best_other], best_other, True)  # the cell's own evidence is clear
    if margin == 1:
        return Reading(texts[sheet], sheet, False)  # the list's reading, but the clerk looks
    # The list's reading is at least as good as any other: sure when it is clearly ahead
    # here, or when the list as a whole leaves no doubt.
    return Reading(texts[sheet], sheet, margin < 0 or clear)


def best_reading(text: str) -> str:
    """The reading (as it is, TCVN3 or VNI) with the most real syllables; as it is on a tie."""
    best, best_score = text, syllable_score(text)
    for encoding in (Encoding.TCVN3, Encoding.VNI):
        candidate = decode(text, encoding)
        if candidate != text and (score := syllable_score(candidate)) > best_score:
            best, best_score = candidate, score
    return unicodedata.normalize("NFC", best)


def encode_tcvn3(text: str) -> str:
    """Unicode -> TCVN3 as Excel shows it; for building test files and nothing else."""
    back = {m: s for s, m in zip(_TCVN3_SEEN, _TCVN3_MEANT, strict=True) if m.islower() or m in "ĂÂÊÔƠƯĐ"}
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in back:
            out.append(back[ch])
        elif ch.lower() in back and ch.isupper():
            out.append(back[ch.lower()])  # capitals come from the .VnTimeH font
        else:
            out.append(ch)
    return "".join(out)


def encode_vni(text: str) -> str:
    """Unicode -> VNI as Excel shows it; for building test files and nothing else."""
    back = {letter: spelling for spelling, letter in _VNI.items()}
    return "".join(back.get(ch, ch) for ch in unicodedata.normalize("NFC", text))
