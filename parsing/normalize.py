"""Clean decoded document text into the one shape the extractor reads.

The extractor works line by line (headings "##", "**bold**", "1.", "a)"), so this keeps every line
break that carries structure and only removes what no reader ever meant: control characters, NULs,
zero-width and soft-hyphen characters, trailing blanks, runs of empty lines, and the NFD / old-style
tone spellings that make the same word compare unequal.
"""

from __future__ import annotations

import re
import unicodedata

_NEWLINES = re.compile(r"\r\n|\r|[\u2028\u2029\x0b\x0c\x85]")
_SPACES = ("\u00a0", "\u2007", "\u202f", "\u3000")  # no-break and wide spaces, read as spaces
_BLANK_RUNS = re.compile(r"\n{3,}")
_TRAILING = re.compile(r"[ \t]+\n")

# Old-style vs new-style tone placement in the open rhymes oa, oe, uy ("hoà"/"hòa", "thuỷ"/"thủy").
# Government templates print "CỘNG HÒA", so the tone goes on the first vowel. Matched in NFD: vowel,
# second vowel, tone, then no further letter or mark; "qu" + y ("quý") is a different rhyme and is left.
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_OLD_STYLE = re.compile(
    rf"(?<![qQ])([oO])([aAeE])([{_TONES}])(?![\w\u0300-\u036f])|([uU])([yY])([{_TONES}])(?![\w\u0300-\u036f])"
)
_QU = re.compile(r"[qQ]$")


def _move_tone(match: re.Match[str]) -> str:
    if match.group(1):
        return match.group(1) + match.group(3) + match.group(2)
    before = match.string[: match.start()]
    if _QU.search(before):  # "quỷ": u belongs to the onset, the tone stays on y
        return match.group(0)
    return match.group(4) + match.group(6) + match.group(5)


def tone_style(text: str) -> str:
    """Put tone marks of the open rhymes oa, oe, uy on the first vowel ("hoà" -> "hòa").

    The rule works on decomposed letters; composed text is decomposed only in the words that may hold
    such a rhyme (converting a whole plan twice was the costly part of reading it)."""
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    done = 0
    for rhyme in _RHYME.finditer(text):
        start, end = rhyme.start(), rhyme.end()
        if start < done:
            continue  # a second rhyme in a word already restyled
        while start > 0 and text[start - 1].isalpha():
            start -= 1
        while end < len(text) and text[end].isalpha():
            end += 1
        word = unicodedata.normalize("NFD", text[start:end])
        out += [text[done:start], unicodedata.normalize("NFC", _OLD_STYLE.sub(_move_tone, word))]
        done = end
    return "".join([*out, text[done:]]) if out else text


# Where an old-style rhyme may stand in composed text: o before a toned a or e, u before a toned y.
_RHYME = re.compile("[oO][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ]|[uU][ỳýỷỹỵỲÝỶỸỴ]")


# C0/C1 controls (but \t and \n), soft hyphen, zero-width and bidi marks, BOM, interlinear
# annotations, lone surrogates, and private-use characters (Symbol-font bullets in .docx).
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff\ue000-\uf8ff]"
)


def clean_text(text: str) -> str:
    """NFC, one kind of line ending, no control/format characters, tidy blank lines."""
    text = _NEWLINES.sub("\n", text)
    for space in _SPACES:  # str.replace: a translate table costs a millisecond on every plan
        if space in text:
            text = text.replace(space, " ")
    text = _INVISIBLE.sub("", text)
    text = tone_style(unicodedata.normalize("NFC", text))
    text = _TRAILING.sub("\n", text + "\n")
    return _BLANK_RUNS.sub("\n\n", text).strip("\n")


# OCR misreads of the words that name units: the stroke of Đ lost or read as the Icelandic eth, the hook
# of Ủ dropped ("Uy ban", "Dảng ủy", "Ủy ban Kiềm tra"). None of the misread forms is a Vietnamese word,
# so the repair cannot damage correct text; every replacement keeps the length (line offsets survive).
_OCR_WORDS = (
    (("Uy ban", "Uy Ban"), re.compile(r"(?<![\wÀ-ỹ])Uy(?= [Bb]an(?![\wÀ-ỹ]))"), "Ủy"),
    (("UY BAN",), re.compile(r"(?<![\wÀ-ỹ])UY(?= BAN(?![\wÀ-ỹ]))"), "ỦY"),
    (("uy ban",), re.compile(r"(?<![\wÀ-ỹ])uy(?= ban (?:nhân dân|[Kk]iểm tra|[Mm]ặt trận))"), "ủy"),
    (("Dảng",), re.compile(r"(?<![\wÀ-ỹ])Dảng(?![\wÀ-ỹ])"), "Đảng"),
    (("dảng",), re.compile(r"(?<![\wÀ-ỹ])dảng(?![\wÀ-ỹ])"), "đảng"),
    (("DẢNG",), re.compile(r"(?<![\wÀ-ỹ])DẢNG(?![\wÀ-ỹ])"), "ĐẢNG"),
    (("iềm tra",), re.compile(r"(?<![\wÀ-ỹ])([Kk])iềm(?= tra(?![\wÀ-ỹ]))"), r"\1iểm"),
)
_ETH = str.maketrans({"\u00d0": "Đ", "\u00f0": "đ"})


def repair_ocr(text: str) -> str:
    """Undo OCR misreads in unit words ("Uy ban" -> "Ủy ban", "Dảng ủy" -> "Đảng ủy", "Ð" -> "Đ")."""
    if "\u00d0" in text or "\u00f0" in text:
        text = text.translate(_ETH)
    for anchors, pattern, repl in _OCR_WORDS:
        if any(a in text for a in anchors):  # most texts hold no misread at all: skip the scan
            text = pattern.sub(repl, text)
    return text
