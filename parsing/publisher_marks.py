"""What a publisher adds to a document, taken out before it is read.

- Site breadcrumbs: law-library pages copied as text carry, before every article and section, the name of
  the document they belong to ("Quyết định 435/QĐ-UBND năm 2020. Điều 2.", "Quyết định 435/QĐ-UBND năm
  2020. CHƯƠNG TRÌNH HÀNH ĐỘNG. II. NỘI DUNG HOẠT ĐỘNG"). Left in place they hide every heading's number
  and the start of the plan a decision issues. A prefix counts only when several lines open with it.
- The Official Gazette's running head ("CÔNG BÁO/Số 286/Ngày 27-05-2026" and the page number under it),
  printed on every page of the national documents it publishes: its "Số 286" is the gazette's issue,
  not the document's number.
- A digital signature's stamp ("Ký bởi: ...", "Cơ quan: ...", "Ngày ký: 2026-05-27 07:55:25 +07:00"),
  which e-signed PDFs print on their first page.
"""

from __future__ import annotations

import re
from collections import Counter

# "Quyết định 435/QĐ-UBND năm 2020. ", "Kế hoạch 12/KH-UBND năm 2025. " at the start of a line
_DOCUMENT_CRUMB = re.compile(
    r"^((?:Quyết định|Kế hoạch|Chỉ thị|Nghị quyết|Chương trình|Thông báo|Hướng dẫn|Công văn|Quy chế|"
    r"Nghị định|Thông tư)\s+(?:số\s+)?\S+\s+năm\s+\d{4}\.)\s+",
    re.MULTILINE,
)
# Then the annexed document's title in capitals before a section number: "CHƯƠNG TRÌNH HÀNH ĐỘNG. II."
_ANNEX_CRUMB = re.compile(r"^([A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ ,\-]{5,80}\.)\s+(?=(?:[IVXLC]+|\d+)\.\s)", re.MULTILINE)
_MIN_REPEATS = 3

# The gazette's head with the page number on the line below (or before it, on even pages).
_GAZETTE_HEAD = re.compile(
    r"^[ \t]*(?:\d{1,4}[ \t]*\n[ \t]*)?CÔNG BÁO[ \t]*/[ \t]*Số[ \t]*[\d \t+]+/[ \t]*Ngày[ \t]*"
    r"\d{1,2}-\d{1,2}-\d{4}[ \t]*(?:\n[ \t]*\d{1,4}[ \t]*)?$",
    re.MULTILINE,
)
# The stamp's lines ("Ký bởi:", "Cơ quan:", "Email:"), ending with the moment it was signed.
_SIGNATURE_STAMP = re.compile(
    r"(?:^[ \t]*(?:Ký bởi|Người ký|Cơ quan|Email)[ \t]*:.*\n)*"
    r"^[ \t]*(?:Thời gian ký|Ngày ký)[ \t]*:[ \t]*\d{4}-\d\d-\d\d.*$\n?",
    re.MULTILINE,
)


def strip_publisher_marks(text: str) -> str:
    """The text without breadcrumbs, gazette running heads and signature stamps (see the module)."""
    if "CÔNG BÁO" in text:
        text = _GAZETTE_HEAD.sub("", text)
    if "ký" in text:
        text = _SIGNATURE_STAMP.sub("", text)
    return _strip_breadcrumbs(text)


def _strip_breadcrumbs(text: str) -> str:
    """Without a document-name prefix that opens at least three lines (and the annex title that then
    opens numbered section lines more than once)."""
    counts = Counter(m.group(1) for m in _DOCUMENT_CRUMB.finditer(text))
    if not counts:
        return text
    crumb, repeats = counts.most_common(1)[0]
    if repeats < _MIN_REPEATS:
        return text
    text = re.sub(rf"^{re.escape(crumb)}\s+", "", text, flags=re.MULTILINE)
    annexes = Counter(m.group(1) for m in _ANNEX_CRUMB.finditer(text))
    for title, n in annexes.items():
        if n >= 2:
            text = re.sub(rf"^{re.escape(title)}\s+(?=(?:[IVXLC]+|\d+)\.\s)", "", text, flags=re.MULTILINE)
    return text
