"""What an import reports (`ImportResult`), and the one error it refuses a plan with
(`PlanImportError`, a message an admin can act on, in their language)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

_MESSAGES = {
    "no_duties": {
        "vi": "{source}: không tìm thấy nhiệm vụ hay thời hạn nào (văn bản không có phần Tổ chức thực hiện?)",
        "en": "{source}: no duties or deadlines found (does the document have an implementation part?)",
    },
}


class PlanImportError(Exception):
    """A plan that cannot be stored, with a message an admin can act on."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(_MESSAGES[key]["en"].format(**values))
        self.key = key
        self.values = values

    def message(self, lang: str = "vi") -> str:
        forms = _MESSAGES[self.key]
        return (forms.get(lang) or forms["vi"]).format(**self.values)


@dataclass(slots=True)
class ImportResult:
    """What an import did (or, for a preview, would do)."""

    identity: str
    status: str  # "created" | "updated" | "unchanged" | "restored" (an archived plan, same content)
    plan_id: int | None = None
    number: str | None = None
    issuer: str | None = None
    title: str | None = None
    jurisdiction: str = ""
    assignments: int = 0
    group_assignments: int = 0
    deadlines: int = 0
    undated_deadlines: int = 0  # no day in the text: an admin sets it (`plans set-day`)
    kept_deadlines: int = 0  # unchanged deadlines whose rows (and report history) were kept
    new_units: list[str] = field(default_factory=list)
    flagged: list[str] = field(default_factory=list)  # units merged with no successor: an admin decides
    unplaced: list[str] = field(default_factory=list)  # names that reach nobody ("các cơ quan liên quan")
    warnings: list[str] = field(default_factory=list)
    # the same notes by kind, for people: parsing.model.Doubt rows plus the importer's own
    # ("bad_due", "unplaced"), as {"kind", "text", "section"} (handlers/doubts.py translates them)
    doubts: list[dict[str, Any]] = field(default_factory=list)
    # what a re-import takes away from the stored plan ("unit: duty", "unit: deadline sentence")
    removed_assignments: list[str] = field(default_factory=list)
    removed_deadlines: list[str] = field(default_factory=list)
    preview: bool = False
