"""Vietnamese text helpers shared by the extractor, the unit directory and the chat handlers.

`fold` is the one normal form for matching: it makes "Sở Ngoại vụ", "SỞ NGOẠI VỤ", "so ngoai vu" and the
NFD spelling of the same words compare equal.
"""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")
_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    """Compose combining marks: documents and phones send NFD as often as NFC."""
    return unicodedata.normalize("NFC", text)


def strip_marks(text: str) -> str:
    """Remove diacritics but keep case and punctuation ("Sở Tài chính" -> "So Tai chinh")."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def fold(text: str) -> str:
    """Lower case, no diacritics, "&" as "va", punctuation as single spaces."""
    text = strip_marks(text or "").lower().replace("&", " va ")
    return _SPACES.sub(" ", _NON_WORD.sub(" ", text)).strip()


def collapse_ws(text: str) -> str:
    """Collapse runs of whitespace (line breaks inside sentences included) to one space."""
    return " ".join(text.split())
