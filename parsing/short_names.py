"""Short names a document gives a unit: "Ban Chỉ đạo Trung ương về cải cách chính sách tiền lương, ...
(gọi tắt là Ban Chỉ đạo)". Later duties name the body by its short name; a unit's row carries the
full name, which is what the unit directory and an officer know.
"""

from __future__ import annotations

import re

from parsing.unit_mentions import parse_unit_list
from parsing.units_lexicon import NAMED_HEAD_RE
from parsing.vntext import collapse_ws, fold

_SHORT_NAME = re.compile(r"\(\s*(?:sau đây\s+)?(?:gọi\s+)?tắt\s+là\s*:?\s*([^()]{2,60}?)\s*\)", re.IGNORECASE)
_WINDOW = 300  # characters before the bracket searched for the full name
_SENTENCE_MARK = re.compile(r"[.;:!?]")


def short_names(text: str) -> dict[str, str]:
    """folded short name -> the unit's full name, for every "<unit> (gọi tắt là <short name>)" whose
    short name is a unit's head and words ("Ban Chỉ đạo"): the full name starts where those words last
    stand before the bracket ("Ban Chỉ đạo Trung ương về ... người có công")."""
    text = collapse_ws(text)
    out: dict[str, str] = {}
    for m in _SHORT_NAME.finditer(text):
        short = m.group(1).strip(' *_"“”')
        if not NAMED_HEAD_RE.match(short) or not parse_unit_list(short, 0)[0]:
            continue  # "(gọi tắt là Kế hoạch)", "(gọi tắt là Tháng hành động)": no unit
        window = text[max(0, m.start() - _WINDOW) : m.start()].rstrip()
        at = window.rfind(short)
        full = window[at:].rstrip(" *_") if at >= 0 else ""
        if len(full) > len(short) and not _SENTENCE_MARK.search(full):
            out[fold(short)] = full
    return out
