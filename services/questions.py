"""Free-text questions -> what is asked: a unit's duties, its deadlines, or who handles a topic.

"Sở Tài chính Đồng Nai phụ trách gì?", "nhiem vu cua so tai chinh", "ai phụ trách viện trợ phi chính
phủ?", "hạn báo cáo của Sở Ngoại vụ", "what is Sở Nội vụ responsible for?". Matching runs on the folded
text (diacritics optional) but the unit words are cut from the original, so abbreviations such as
"Sở TT&TT" survive for the unit directory to expand. The chat handlers reuse this.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from parsing.vntext import collapse_ws, nfc, strip_marks


class Intent(StrEnum):
    unit_duties = "unit_duties"
    deadlines = "deadlines"
    who = "who"


@dataclass(frozen=True, slots=True)
class Question:
    intent: Intent
    unit: str | None = None  # the unit's words, as typed
    topic: str | None = None  # for Intent.who


_WHO = re.compile(
    r"^(?:ai|don vi nao|co quan nao|so nao|who)\s+(?:la\s+|is\s+)?"
    r"(?:phu trach|chu tri|chiu trach nhiem|lam|thuc hien|lo|responsible for|in charge of|handles?)\s+"
    r"(?:ve\s+|viec\s+|cong tac\s+)?(?P<topic>.+)$"
)
_DEADLINES = (
    re.compile(
        r"^(?:cac\s+)?(?:han|thoi han|han nop|deadlines?|han bao cao)(?:\s+bao cao)?"
        r"\s+(?:cua|of|for)\s+(?P<unit>.+)$"
    ),
    re.compile(r"^(?P<unit>.+?)\s+(?:co\s+)?(?:han|thoi han)\s+(?:gi|nao|bao cao)(?:\s+sap toi)?$"),
    re.compile(r"^(?P<unit>.+?)\s+(?:phai\s+)?(?:nop|gui)\s+bao cao\s+(?:khi nao|luc nao|bao gio|ngay nao)$"),
)
_DUTIES = (
    re.compile(r"^(?:nhiem vu|cong viec|trach nhiem|duties|tasks)\s+(?:cua|of)\s+(?P<unit>.+)$"),
    re.compile(
        r"^(?P<unit>.+?)\s+(?:phu trach|chu tri|lam|co nhiem vu|duoc giao|chiu trach nhiem)"
        r"(?:\s+(?:nhung\s+)?(?:viec|nhiem vu|cong viec))?\s+(?:gi|nao|nhung gi)$"
    ),
    re.compile(r"^what\s+(?:is|does)\s+(?P<unit>.+?)\s+(?:responsible for|do|in charge of)$"),
)
_MY_DEADLINES = re.compile(
    r"^(?:cac\s+)?(?:han|thoi han|han nop|han bao cao|deadlines?)(?:\s+(?:nop\s+)?bao cao)?"
    r"(?:\s+(?:sap toi|tiep theo|gan nhat))?"
    r"(?:\s+(?:cua|of)\s+(?:(?:don vi|co quan|so|phong)\s+(?:cua\s+)?)?(?:toi|minh|chung toi|my unit|us))?$"
    r"|^(?:(?:don vi|co quan)\s+(?:cua\s+)?(?:toi|minh)\s+|toi\s+|minh\s+)?"
    r"(?:khi nao|bao gio|luc nao|ngay nao)\s+"
    r"(?:(?:don vi|co quan)\s+(?:toi|minh)\s+)?(?:phai\s+)?(?:nop|gui)\s+bao cao(?:\s+\w+)?$"
    r"|^(?:(?:don vi|co quan)\s+(?:cua\s+)?(?:toi|minh)\s+|toi\s+|minh\s+)?(?:phai\s+)?(?:nop|gui)\s+bao cao"
    r"\s+(?:khi nao|luc nao|bao gio|ngay nao)$"
    r"|^when\s+(?:is|are)\s+(?:my|our)\s+(?:next\s+)?(?:unit s\s+)?reports?\s+due$"
    r"|^(?:what are\s+|show\s+)?(?:my|our)\s+(?:next\s+)?(?:unit s\s+)?(?:report\s+)?deadlines?$"
)
_TRAILING = re.compile(r"[\s?.!]+$")
# The words questions are recognised by: a word one letter away from one of these is read as it
# when nothing else matched ("phu trch" -> "phu trach"), to suggest the question meant.
_KEYWORDS = frozenset(
    {
        *("phu", "trach", "chu", "tri", "nhiem", "vu", "cong", "viec", "han", "thoi", "bao", "cao"),
        *("nop", "gui", "khi", "nao", "gio", "luc", "ngay", "duoc", "giao", "lam", "nhung", "don"),
        *("quan", "toi", "minh", "responsible", "duties", "tasks", "deadline", "deadlines"),
        *("report", "reports", "due", "when", "what", "which", "who"),
    }
)


def _fold_chars(text: str) -> str:
    """Lower case without marks, exactly one character per character of `text`, so spans found in the
    result cut the original."""
    return "".join((strip_marks(c) or c)[0].lower() for c in text)


def parse_question(text: str) -> Question | None:
    """The question's intent and its unit words or topic; None when it is not one of these questions."""
    original = _TRAILING.sub("", collapse_ws(nfc(text or "")))
    if not original:
        return None
    folded = _fold_chars(original)
    if _MY_DEADLINES.match(folded):  # the asker's own unit
        return Question(Intent.deadlines)
    if m := _WHO.match(folded):
        return Question(Intent.who, topic=original[m.start("topic") : m.end("topic")].strip())
    for pattern in _DEADLINES:
        if m := pattern.match(folded):
            return Question(Intent.deadlines, unit=original[m.start("unit") : m.end("unit")].strip())
    for pattern in _DUTIES:
        if m := pattern.match(folded):
            return Question(Intent.unit_duties, unit=original[m.start("unit") : m.end("unit")].strip())
    return None


def corrected_question(text: str) -> str | None:
    """The question `text` probably meant, folded, when one-letter slips in its key words hide it
    ("so ngoai vu phu trch gi" -> "so ngoai vu phu trach gi"); None when no such reading is a question."""
    from rapidfuzz.distance import Levenshtein

    words = _fold_chars(_TRAILING.sub("", collapse_ws(nfc(text or "")))).split()
    if parse_question(" ".join(words)) is not None:
        return None
    for i, word in enumerate(words):  # one slip at a time: unit names are left as typed
        if word in _KEYWORDS or len(word) < 3:
            continue
        near = [k for k in _KEYWORDS if Levenshtein.distance(word, k, score_cutoff=1) <= 1]
        if len(near) == 1:
            candidate = " ".join([*words[:i], near[0], *words[i + 1 :]])
            if parse_question(candidate) is not None:
                return candidate
    return None
