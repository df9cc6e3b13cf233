"""Character maps for the two pre-Unicode Vietnamese font encodings still found in plan archives.

Both encodings were never registered codecs: they are *font* encodings. A document typed with the
".VnTime" (ABC) or "VNI-Times" fonts stores ordinary Windows-1252 / Latin-1 code points, and only the
font turns them into Vietnamese letters. So the maps below work on ``str`` whose characters are the
Latin-1 reading of each byte (U+00A0..U+00FF), which is what we get both from raw ``.txt`` bytes and
from ``.docx``/``.pdf`` text runs that still use the old fonts.

TCVN3 ("ABC"): the VN3 subset of TCVN 5712:1993 (Vietnamese national standard "Công nghệ thông tin -
Bộ mã chuẩn 8-bit kí tự Việt dùng trong trao đổi thông tin"), the subset used by the ABC fonts. One
byte per letter; only Ă Â Ê Ô Ơ Ư Đ have capital codes. Capital *toned* letters are typed with the same
codes as the small ones and shown in capitals by the companion "H" fonts (.VnTimeH, .VnArialH); see
:func:`decode_tcvn3` for how we guess them back.

VNI (VNI-Windows, VNI Software's VNI-Times family): a base ASCII vowel followed by one modifier byte
that carries the tone and/or the circumflex/breve; ơ ư đ and the i-with-tone letters are single bytes.
Capitals use separate, capital-height modifier bytes.
"""

from __future__ import annotations

import re
import unicodedata

# --- TCVN3 (ABC) -----------------------------------------------------------------------------------

TCVN3: dict[str, str] = {
    "\u00a1": "Ă", "\u00a2": "Â", "\u00a3": "Ê", "\u00a4": "Ô", "\u00a5": "Ơ", "\u00a6": "Ư", "\u00a7": "Đ",
    "\u00a8": "ă", "\u00a9": "â", "\u00aa": "ê", "\u00ab": "ô", "\u00ac": "ơ", "\u00ad": "ư", "\u00ae": "đ",
    "\u00b5": "à", "\u00b6": "ả", "\u00b7": "ã", "\u00b8": "á", "\u00b9": "ạ",
    "\u00bb": "ằ", "\u00bc": "ẳ", "\u00bd": "ẵ", "\u00be": "ắ", "\u00c6": "ặ",
    "\u00c7": "ầ", "\u00c8": "ẩ", "\u00c9": "ẫ", "\u00ca": "ấ", "\u00cb": "ậ",
    "\u00cc": "è", "\u00ce": "ẻ", "\u00cf": "ẽ", "\u00d0": "é", "\u00d1": "ẹ",
    "\u00d2": "ề", "\u00d3": "ể", "\u00d4": "ễ", "\u00d5": "ế", "\u00d6": "ệ",
    "\u00d7": "ì", "\u00d8": "ỉ", "\u00dc": "ĩ", "\u00dd": "í", "\u00de": "ị",
    "\u00df": "ò", "\u00e1": "ỏ", "\u00e2": "õ", "\u00e3": "ó", "\u00e4": "ọ",
    "\u00e5": "ồ", "\u00e6": "ổ", "\u00e7": "ỗ", "\u00e8": "ố", "\u00e9": "ộ",
    "\u00ea": "ờ", "\u00eb": "ở", "\u00ec": "ỡ", "\u00ed": "ớ", "\u00ee": "ợ",
    "\u00ef": "ù", "\u00f1": "ủ", "\u00f2": "ũ", "\u00f3": "ú", "\u00f4": "ụ",
    "\u00f5": "ừ", "\u00f6": "ử", "\u00f7": "ữ", "\u00f8": "ứ", "\u00f9": "ự",
    "\u00fa": "ỳ", "\u00fb": "ỷ", "\u00fc": "ỹ", "\u00fd": "ý", "\u00fe": "ỵ",
}  # fmt: skip

# --- VNI-Windows -----------------------------------------------------------------------------------

_GRAVE, _ACUTE, _TILDE, _HOOK, _DOT = "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"
_CIRC, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"

# Modifier byte (small-letter form) -> combining marks it adds to the preceding base vowel.
_VNI_TONES = {"ù": _ACUTE, "ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ï": _DOT}
_VNI_CIRC = {"â": "", "á": _ACUTE, "à": _GRAVE, "å": _HOOK, "ã": _TILDE, "ä": _DOT}
_VNI_BREVE = {"ê": "", "é": _ACUTE, "è": _GRAVE, "ú": _HOOK, "ü": _TILDE, "ë": _DOT}
# Single bytes that are whole letters (small-letter form).
_VNI_SINGLE = {
    "ô": "o" + _HORN, "ö": "u" + _HORN, "ñ": "đ",
    "í": "i" + _ACUTE, "ì": "i" + _GRAVE, "æ": "i" + _HOOK, "ó": "i" + _TILDE, "ò": "i" + _DOT,
    "î": "y" + _DOT,
}  # fmt: skip


def _compose(base: str, marks: str) -> str:
    return unicodedata.normalize("NFC", base + marks)


def _build_vni() -> dict[str, str]:
    """Every VNI sequence -> its Unicode letter, small and capital (capitals use capital modifiers)."""
    table: dict[str, str] = {}
    for upper in (False, True):
        case = str.upper if upper else str.lower
        for key, letter in _VNI_SINGLE.items():
            table[case(key)] = case(_compose(letter, ""))
        horn_bases = {"ô": "o" + _HORN, "ö": "u" + _HORN}
        for base in ("a", "e", "o", "u", "y", "ô", "ö"):
            plain = horn_bases.get(base, base)
            for mod, tone in _VNI_TONES.items():
                table[case(base) + case(mod)] = case(_compose(plain, tone))
            if base in ("a", "e", "o"):
                for mod, tone in _VNI_CIRC.items():
                    table[case(base) + case(mod)] = case(_compose(base, _CIRC + tone))
            if base == "a":
                for mod, tone in _VNI_BREVE.items():
                    table[case(base) + case(mod)] = case(_compose(base, _BREVE + tone))
    # ỵ is the single byte "î" (above); "y" + dot-below modifier is not used by VNI.
    table.pop("yï", None)
    table.pop("YÏ", None)
    return table


VNI: dict[str, str] = _build_vni()

# Tolerate a capital base with a small modifier (and the reverse), seen in hand-edited files.
_VNI_DECODE: dict[str, str] = dict(VNI)
for _seq, _letter in VNI.items():
    if len(_seq) == 2:
        _base, _mod = _seq[0], _seq[1]
        flipped = _base + (_mod.lower() if _mod.isupper() else _mod.upper())
        _VNI_DECODE.setdefault(flipped, _letter)

_VNI_PATTERN = re.compile("|".join(re.escape(k) for k in sorted(_VNI_DECODE, key=len, reverse=True)))

_TCVN3_INVERSE: dict[str, str] = {v: k for k, v in TCVN3.items()}
_VNI_INVERSE: dict[str, str] = {v: k for k, v in VNI.items()}
_TCVN3_SMALL_CODES = frozenset(k for k, v in TCVN3.items() if v.islower())
_TCVN3_TABLE = str.maketrans(TCVN3)
_SMALL = "[" + "".join(sorted(_TCVN3_SMALL_CODES)) + "]"
_W = "(?:[^\\W\\d_]|[" + "".join(sorted(TCVN3)) + "])"
# Words that may hold a capital toned letter: a small code next to a capital, or small codes alone.
_CAPITAL_CANDIDATE = re.compile(
    f"(?<!{_W})(?:(?={_W}*{_SMALL})(?={_W}*[A-Z\u00a1-\u00a7]){_W}+|{_SMALL}+)(?!{_W})"
)


def decode_tcvn3(text: str) -> str:
    """Latin-1 reading of TCVN3 text -> Unicode.

    Capital toned letters share the small letters' codes (the .VnTimeH font draws them as capitals),
    so a decoded small letter is raised to a capital when its word is otherwise all capitals
    ("KÕ HO¹CH" -> "KẾ HOẠCH"), or when the word has no other cased letter and the line is in capitals.
    The mapping is one character to one character, so the bulk is a `str.translate` and only the
    candidate words are looked at one by one.
    """
    decoded = text.translate(_TCVN3_TABLE)
    pieces: list[str] = []
    last = 0
    upper_lines: dict[int, bool] = {}
    for match in _CAPITAL_CANDIDATE.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        if line_start not in upper_lines:
            line_end = text.find("\n", match.end())
            upper_lines[line_start] = _mostly_upper(text[line_start : None if line_end < 0 else line_end])
        pieces.append(decoded[last : match.start()])
        pieces.append(_decode_tcvn3_word(match.group(0), upper_lines[line_start]))
        last = match.end()
    pieces.append(decoded[last:])
    return "".join(pieces)


_ASCII_UPPER = re.compile("[A-Z]")
_ASCII_LOWER = re.compile("[a-z]")


def _mostly_upper(line: str) -> bool:
    upper = len(_ASCII_UPPER.findall(line))
    lower = len(_ASCII_LOWER.findall(line))
    return upper + lower >= 4 and upper >= 0.8 * (upper + lower)


def _decode_tcvn3_word(word: str, upper_line: bool) -> str:
    decoded = word.translate(_TCVN3_TABLE)
    others = [TCVN3.get(c, c) for c in word if c not in _TCVN3_SMALL_CODES and c.isalpha()]
    if not all(c.isupper() for c in others):
        return decoded
    if len(others) < 2 and not upper_line:
        return decoded  # "Sở", "Ở": one capital starts a word; only a capitals line says more
    return "".join(TCVN3[c].upper() if c in _TCVN3_SMALL_CODES else TCVN3.get(c, c) for c in word)


def decode_vni(text: str) -> str:
    """Latin-1/Windows-1252 reading of VNI text -> Unicode (longest sequence first)."""
    return _VNI_PATTERN.sub(lambda m: _VNI_DECODE[m.group(0)], text)


def encode_tcvn3(text: str) -> bytes:
    """Unicode -> TCVN3 bytes, capital toned letters written with the small codes (as ABC does).

    Used by the tests to build legacy files; raises on letters TCVN3 cannot hold.
    """
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in _TCVN3_INVERSE:
            out.append(_TCVN3_INVERSE[ch])
        elif ch.lower() in _TCVN3_INVERSE and not ch.isascii():
            out.append(_TCVN3_INVERSE[ch.lower()])
        else:
            out.append(ch)
    return "".join(out).encode("cp1252")


def encode_vni(text: str) -> bytes:
    """Unicode -> VNI-Windows bytes (used by the tests to build legacy files)."""
    nfc_text = unicodedata.normalize("NFC", text)
    return "".join(_VNI_INVERSE.get(ch, ch) for ch in nfc_text).encode("cp1252")
