"""A directive letter's opening request: "Để triển khai ..., Bộ X kính đề nghị UBND các tỉnh ... chỉ đạo
..., cụ thể như sau:" / "..., Chủ tịch UBND tỉnh yêu cầu các sở, ban, ngành ... thực hiện các nội dung
sau:". A công văn (letter) addresses its items to the units it asks in its opening; the items that name
no one of their own are theirs. A plan with parts names its performers in them instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsing.assignments import Subject, predicate_of, requested_units
from parsing.blocks import Block
from parsing.outline import roman_parts


@dataclass(frozen=True, slots=True)
class OpeningRequest:
    block: Block
    subject: Subject  # the units asked
    is_duty: bool  # the request says what to do, not only "thực hiện các nội dung sau"


def opening_request(blocks: list[Block]) -> OpeningRequest | None:
    """A letter's opening paragraph that asks named units to carry out the items below it ("Để triển khai
    ..., Bộ X kính đề nghị UBND các tỉnh ... chỉ đạo ..., cụ thể như sau:", "Chủ tịch UBND tỉnh yêu cầu các
    sở, ban, ngành ... thực hiện các nội dung sau:"): in a letter with no parts, the items that name no
    one are theirs."""
    if not blocks or roman_parts(blocks)[0]:
        return None  # the opening is the first document's; one with Roman parts names its performers
    for block in blocks:
        if block.part != "preamble" or block.kind != "text" or block.marker != "none":
            if block.part != "preamble":
                return None  # the body has begun
            continue
        if not block.text.rstrip().endswith(":"):
            continue
        subject = requested_units(block.text)
        if subject is not None:
            announces = _ANNOUNCES_ITEMS.fullmatch(predicate_of(block.text, subject).strip(" .:"))
            return OpeningRequest(block, subject, is_duty=announces is None)
    return None


# An opening that only announces its items: "nghiêm túc triển khai thực hiện các nội dung sau".
_ANNOUNCES_ITEMS = re.compile(
    r"(?:(?:nghiêm túc|khẩn trương|tập trung)\s+)?(?:(?:tổ chức|triển khai)\s+)?(?:thực hiện|triển khai)"
    r"(?:\s+tốt)?\s+(?:các|một số|những)\s+(?:nội dung|nhiệm vụ|việc|yêu cầu)(?:\s+\S+){0,3}?"
    r"(?:\s+(?:cụ thể\s+)?(?:như\s+)?sau(?:\s+đây)?)",
    re.IGNORECASE,
)
