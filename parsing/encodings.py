"""Bytes -> Unicode for plan text files, and repair of text still in a legacy Vietnamese font encoding.

Plans reach us as UTF-8 (with or without BOM), UTF-16, Windows-1258, or as TCVN3/VNI text from old
office PCs; text runs inside .docx/.pdf files can also still be TCVN3/VNI (the old fonts). None of these
announce themselves, so we decode every plausible way and keep the reading whose words look most like
Vietnamese syllables. Unicode Vietnamese and plain ASCII score perfectly as they are, so they are never
re-read; a legacy reading is only tried when the text as decoded looks wrong.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from parsing.errors import DocumentError
from parsing.legacy_encodings import decode_tcvn3, decode_vni

_ACCEPT = 0.2  # a re-reading must be at least this clean to replace the text as decoded
_SAMPLE = 200_000  # characters scored per candidate: enough to decide, cheap on 20 MB files

_TONES = "\u0300\u0301\u0303\u0309\u0323"
_ONSET = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx]"
_NUCLEUS = (
    "iêu|yêu|uyê|uyu|uây|uôi|ươi|ươu|oai|oao|oay|oeo|uya|"
    "ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|ôi|ơi|ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ưu|ươ|ya|yê|"
    "[aăâeêioôơuưy]"
)
_SYLLABLE = re.compile(f"(?:{_ONSET})?(?:{_NUCLEUS})(?:ch|ng|nh|[cmnpt])?")
_VIET_ONLY = frozenset("ăĂđĐĩĨũŨơƠưƯ")
_TOKEN = re.compile(r"[^\W\d_]+")
# Latin-1 / Windows-1252 symbols that never occur in a Vietnamese plan but fill mojibake
# ("Viá»‡t", TCVN3 "KÕ HO¹CH" before decoding). NBSP, « » ° are left out: real plans use them.
_JUNK = frozenset(
    "\u00a1\u00a2\u00a3\u00a4\u00a5\u00a6\u00a7\u00a8\u00aa\u00ac\u00ad\u00ae\u00af\u00b1\u00b2"
    "\u00b3\u00b4\u00b5\u00b6\u00b7\u00b8\u00b9\u00ba\u00bc\u00bd\u00be\u00bf\u00d7\u00f7"
    "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2020\u2021\u2030\u2039\u203a\u20ac"
    "\u2122\ufffd"
)


# Junk symbols and private-use characters (Unicode category Co: the BMP's private use area and planes
# 15-16), counted in one pass of the regex engine rather than a Python loop over every character.
_JUNK_OR_PRIVATE = re.compile(f"[{re.escape(''.join(sorted(_JUNK)))}\ue000-\uf8ff\U000f0000-\U0010fffd]")
_UNICODE_VIETNAMESE = re.compile(f"[{re.escape(''.join(sorted(_VIET_ONLY)))}\u1ea0-\u1ef9]")


@dataclass(frozen=True)
class Quality:
    """How Vietnamese a text looks: accented words that are / are not syllables, and junk symbols."""

    good: int
    bad: int
    junk: int = 0

    @property
    def ratio(self) -> float:
        """Share of bad evidence; 0.0 for clean Vietnamese and for text without any diacritics."""
        total = self.good + self.bad + self.junk
        return (self.bad + self.junk) / total if total else 0.0


@lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """A (lower-case or capital) Vietnamese syllable with at most one tone mark.

    Cached: a plan uses a few thousand distinct syllables many times over, and this is the hot path
    of reading every text file."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(decomposed.count(t) for t in _TONES) > 1:
        return False
    toneless = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    return _SYLLABLE.fullmatch(toneless) is not None


def _latin(ch: str) -> bool:
    return ch < "\u0250" or "\u1e00" <= ch <= "\u1eff"


def quality(text: str) -> Quality:
    """Score a sample of `text`: non-ASCII words must be syllables, junk symbols count against."""
    sample = unicodedata.normalize("NFC", text[:_SAMPLE])
    good = bad = mixed = 0
    for word, n in Counter(_TOKEN.findall(sample)).items():  # each distinct word once: plans repeat theirs
        if word.replace("Đ", "D").replace("đ", "d").isascii():
            continue  # ASCII words and abbreviations such as "HĐND", "QĐ"
        if is_syllable(word):
            good += n
        elif any(c.isascii() for c in word) and any(not _latin(c) for c in word):
            mixed += n  # "Sб»џ": Latin and Cyrillic in one word is always mojibake
        else:
            bad += n
    junk = mixed + len(_JUNK_OR_PRIVATE.findall(sample))
    return Quality(good, bad, junk)


def _latin1_fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("dutybot-latin1", _latin1_fallback)


def _cp1252_lenient(data: bytes) -> str:
    """Windows-1252, keeping the five unassigned bytes as their Latin-1 code points (as Windows does)."""
    return data.decode("cp1252", errors="dutybot-latin1")


def _undo_double_utf8(text: str) -> str:
    """UTF-8 that was once read as Windows-1252 and saved again ("Viá»‡t") -> the original.

    Returns the input unchanged when it is not such text (a character outside Windows-1252, or the
    bytes are not UTF-8), so it can compete as a reading like the others.
    """
    try:
        return text.encode("cp1252", errors="dutybot-latin1-out").decode("utf-8")
    except (UnicodeError, ValueError):
        return text


def _latin1_out(error: UnicodeError) -> tuple[bytes, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return error.object[error.start : error.end].encode("latin-1"), error.end  # raises above U+00FF


codecs.register_error("dutybot-latin1-out", _latin1_out)

Reading = Callable[[str], str]


def _identity(text: str) -> str:
    return text


def _choose(text: str, readings: list[Reading]) -> Reading:
    """The reading under which a sample of `text` looks most Vietnamese; the first wins ties.

    Judged on a sample so that a 20 MB file is converted once, by the winner, not by every candidate.
    """
    sample = text[:_SAMPLE]
    scored = []
    for index, reading in enumerate(readings):
        q = quality(reading(sample))
        scored.append((round(q.ratio, 3), -q.good, index))
    return readings[min(scored)[2]]


def repair_text(text: str, *, source: str) -> str:
    """Convert text still in TCVN3/VNI (or double-encoded UTF-8) to Unicode; refuse mojibake.

    Text that already reads as Vietnamese (or has no diacritics at all) is returned unchanged.
    """
    first = quality(text)
    if first.ratio <= 0.1 or _has_unicode_vietnamese(text, first):
        check_readable(text, source=source, known=first)
        return text
    reading = _choose(text, [_identity, decode_tcvn3, decode_vni, _undo_double_utf8])
    if reading is not _identity and quality(reading(text[:_SAMPLE])).ratio > _ACCEPT:
        reading = _identity  # no reading is convincingly Vietnamese: keep what the file says (e.g. French)
    best = reading(text)
    check_readable(best, source=source)
    return best


def _has_unicode_vietnamese(text: str, q: Quality) -> bool:
    """Letters only Unicode has (ơ, ư, ạ, ế ...) mean the text is Unicode: a stray "©" or soft hyphen
    in it must not trigger a legacy re-reading. Legacy text is all Latin-1 and has none of them."""
    vietnamese = len(_UNICODE_VIETNAMESE.findall(text, 0, _SAMPLE))
    return vietnamese > 0.1 * (q.bad + q.junk)


def check_readable(text: str, *, source: str, known: Quality | None = None) -> None:
    """Raise `bad_encoding` when the text is mostly garbled words and mojibake symbols.

    Junk symbols are required, not just unknown accented words: a French or German passage is odd in
    a plan but readable, while "Viá»‡t" or "KÕ HO¹CH" is not.
    """
    q = known or quality(text)
    if q.junk >= 5 and q.ratio > 0.4:
        raise DocumentError(
            "bad_encoding",
            source=source,
            detail=f"{source}: {q.bad + q.junk} of {q.good + q.bad + q.junk} accented words/symbols garbled",
        )


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 with no BOM: NULs on one byte parity only (every ASCII character has one)."""
    head = data[:8192]
    if len(head) < 4:
        return None
    even = head[0::2].count(0) / len(head[0::2])
    odd = head[1::2].count(0) / len(head[1::2])
    for zeros, other, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros > 0.2 and other < 0.02:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


def _looks_binary(data: bytes) -> bool:
    """Images and programs are full of NULs and control bytes; text has at most a few strays."""
    head = data[:65536].rstrip(b"\x00")  # some exporters pad text files with NULs
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))  # counted in C, not per byte
    return controls > max(8, 0.01 * len(head))


_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in b"\t\n\r\f\x0b\x1a")


def decode_bytes(data: bytes, *, source: str) -> str:
    """Decode a plain-text plan (BOM, UTF-8, UTF-16, Windows-1258, TCVN3, VNI) to Unicode."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return repair_text(data[len(bom) :].decode(codec), source=source)
            except UnicodeDecodeError as exc:
                raise DocumentError(
                    "bad_encoding", source=source, detail=f"{source}: invalid {codec}: {exc}"
                ) from exc
    wide = _utf16_without_bom(data)
    if wide is not None:
        return repair_text(wide, source=source)
    if _looks_binary(data):
        raise DocumentError("not_a_document", source=source, detail=f"{source}: binary data, not text")
    try:
        return repair_text(data.decode("utf-8"), source=source)
    except UnicodeDecodeError:
        pass
    latin = _cp1252_lenient(data)
    readings: list[Reading] = [_cp1258, decode_tcvn3, decode_vni]
    best = _choose(latin, readings)(latin)
    check_readable(best, source=source)
    return best


def _cp1258(latin: str) -> str:
    """Windows-1258 from the Windows-1252 reading (the two differ in 13 bytes, all below U+0100)."""
    return latin.encode("cp1252", errors="dutybot-latin1-out").decode("cp1258", errors="replace")
