"""Typed correction commands (services.correction_commands) turned into corrections
(services.corrections), checked against what the admin was shown (a services.plan_review.Review):
a number that is not there, or names the wrong kind of item, is refused with a message for the
admin. A deadline added by quoting a few words is given its whole sentence from the document.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from parsing.vntext import collapse_ws, nfc
from services.correction_commands import Command, is_none, parse_when, target_kind, target_number
from services.correction_refs import assignment_ref, deadline_ref, fold, same_unit
from services.corrections import Correction, CorrectionError, Row, stamp
from services.plan_review import DoubtItem, Review
from services.review_drafts import Author, Draft
from services.unit_classes import classify_group

MAX_QUOTE = 600  # characters of a deadline's sentence kept from a quote


# --- commands -> corrections ----------------------------------------------------------------------


def resolve(rv: Review, cmd: Command, *, author: Author, now: dt.datetime) -> list[Correction]:
    """The corrections a command asks for, checked against what the admin was shown. Raises
    CorrectionError (a message for the admin) for a number that is not there or a wrong kind."""
    make = _RESOLVERS.get(cmd.verb)
    if make is None:
        raise CorrectionError("rv.err.not_a_correction")
    specs = make(rv, cmd)
    return [stamp(op, args, author=author.name, person_id=author.person_id, now=now) for op, args in specs]


_Spec = tuple[str, dict[str, Any]]


def _row(rv: Review, target: str) -> Row:
    row = rv.corrected.row(target_number(target)) if target_kind(target) == "row" else None
    if row is None:
        raise CorrectionError("rv.err.no_row", target=target)
    return row


def _deadline_row(rv: Review, target: str) -> Any:
    row = rv.corrected.deadline(target_number(target)) if target_kind(target) == "deadline" else None
    if row is None:
        raise CorrectionError("rv.err.no_deadline", target=target)
    return row


def _doubt(rv: Review, target: str) -> DoubtItem:
    item = rv.doubt(target_number(target)) if target_kind(target) == "doubt" else None
    if item is None:
        raise CorrectionError("rv.err.no_doubt", target=target)
    return item


def _remove(rv: Review, cmd: Command) -> list[_Spec]:
    specs: list[_Spec] = []
    for target in dict.fromkeys(cmd.targets):
        if target_kind(target) == "deadline":
            specs.append(("remove_deadline", {"row": deadline_ref(_deadline_row(rv, target).item)}))
        else:
            specs.append(("remove_assignment", {"row": assignment_ref(_row(rv, target).item)}))
    return specs


def _role(rv: Review, cmd: Command) -> list[_Spec]:
    row = _row(rv, cmd.targets[0])
    role = cmd.role or ("support" if row.item.role == "lead" else "lead")
    if role == row.item.role:
        raise CorrectionError("rv.err.same_role", target=cmd.targets[0])
    return [("set_role", {"row": assignment_ref(row.item), "role": role})]


def _unit_named(rv: Review, text: str) -> str:
    """A unit as typed, or the name of doubt "n5" (a unit only in Nơi nhận, say)."""
    if target_kind(text.strip()) == "doubt":
        item = _doubt(rv, text.strip())
        if not item.unit:
            raise CorrectionError("rv.err.not_a_name", target=text.strip())
        return item.unit
    name = collapse_ws(nfc(text))
    if len(name) > 200 or not fold(name):
        raise CorrectionError("rv.err.bad_unit")
    return name


def _add(rv: Review, cmd: Command) -> list[_Spec]:
    target = cmd.targets[0]
    unit = _unit_named(rv, cmd.text)
    if target_kind(target) == "row":
        item = _row(rv, target).item
        duty, section, source = item.duty, item.section, item.source
    else:
        doubt = _doubt(rv, target)
        if not doubt.is_passage:
            raise CorrectionError("rv.err.not_a_passage", target=target)
        duty, section, source = doubt.text, doubt.section, doubt.text
    if cmd.parts:
        duty = cmd.parts[0]
    group = classify_group(unit) is not None
    args = {
        "unit": unit,
        "role": cmd.role,
        "group": group,
        "duty": duty,
        "section": section,
        "source": source,
    }
    return [("add_assignment", args)]


def _merge(rv: Review, cmd: Command) -> list[_Spec]:
    first, second = (_row(rv, t) for t in cmd.targets)
    if not same_unit(first.item.unit, second.item.unit):
        raise CorrectionError("rv.err.merge_units")
    return [("merge_rows", {"rows": [assignment_ref(first.item), assignment_ref(second.item)]})]


def _due(rv: Review, cmd: Command) -> list[_Spec]:
    row = _deadline_row(rv, cmd.targets[0])
    when = parse_when(cmd.text, current=row.item.recurrence)
    return [("set_deadline", {"row": deadline_ref(row.item), "set": when.fields()})]


def _owes(rv: Review, cmd: Command) -> list[_Spec]:
    row = _deadline_row(rv, cmd.targets[0])
    names = [_unit_named(rv, p) for p in cmd.text.split(";") if p.strip()]
    if not names:
        raise CorrectionError("rv.usage.owes")
    return [("set_deadline", {"row": deadline_ref(row.item), "set": {"unit": "; ".join(names)}})]


def _to(rv: Review, cmd: Command) -> list[_Spec]:
    row = _deadline_row(rv, cmd.targets[0])
    to = None if is_none(cmd.text) else _unit_named(rv, cmd.text)
    return [("set_deadline", {"row": deadline_ref(row.item), "set": {"to": to}})]


def _add_deadline(rv: Review, cmd: Command) -> list[_Spec]:
    parts = list(cmd.parts) + [""] * 4
    unit = "; ".join(_unit_named(rv, p) for p in parts[0].split(";") if p.strip())
    when = parse_when(parts[1])
    to = None if not parts[2] or is_none(parts[2]) else _unit_named(rv, parts[2])
    if cmd.targets:
        doubt = _doubt(rv, cmd.targets[0])
        if not doubt.is_passage:
            raise CorrectionError("rv.err.not_a_passage", target=cmd.targets[0])
        text, section = doubt.text, doubt.section
    else:
        text, section = find_quote(rv.draft, parts[3]), None
    action = "report" if "bao cao" in fold(text) else "deliver"
    args = {"unit": unit, "action": action, "to": to, "text": text, "section": section} | when.fields()
    return [("add_deadline", args)]


def _pick(rv: Review, cmd: Command) -> list[_Spec]:
    doubt = _doubt(rv, cmd.targets[0])
    if doubt.kind not in ("unknown_unit", "new_unit", "unplaced"):
        raise CorrectionError("rv.err.not_pickable", target=cmd.targets[0])
    choice = cmd.text.strip()
    if choice.isdigit():
        index = int(choice) - 1
        if not 0 <= index < len(doubt.suggestions):
            raise CorrectionError("rv.err.no_choice", target=cmd.targets[0], choice=choice)
        name = doubt.suggestions[index]
    else:
        name = _unit_named(rv, choice)
    if fold(name) == fold(doubt.unit):
        raise CorrectionError("rv.err.same_unit", target=cmd.targets[0])
    return [("map_unit", {"from": doubt.unit, "to": name, "group": classify_group(name) is not None})]


_RESOLVERS: dict[str, Callable[[Review, Command], list[_Spec]]] = {
    "remove": _remove,
    "role": _role,
    "add": _add,
    "merge": _merge,
    "due": _due,
    "owes": _owes,
    "to": _to,
    "add_deadline": _add_deadline,
    "pick": _pick,
}


def skip(rv: Review, cmd: Command) -> DoubtItem:
    """Leave a doubt as it is (nothing to correct): it leaves the list of this draft."""
    item = _doubt(rv, cmd.targets[0])
    if item.key not in rv.draft.skipped:
        rv.draft.skipped.append(item.key)
    return item


_SENTENCE_END = re.compile(r"(?<=[.;:])\s+(?=[A-ZĐÀ-Ỹ\-+•*])")
_ITEM = re.compile(r"^\s*(?:[-+*•]|\d+(?:\.\d+)*[.)]|[a-zđ][.)])\s")  # a list item starts a new passage


def _passages(text: str) -> list[str]:
    """The document's paragraphs and list items, each on one line: lines broken inside a sentence
    (PDF and OCR text, Markdown wrapped at 80 columns) are joined again."""
    passages: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        current: list[str] = []
        for line in block.splitlines():
            if _ITEM.match(line) and current:
                passages.append(" ".join(current))
                current = []
            current.append(line.strip())
        if current:
            passages.append(" ".join(current))
    return [collapse_ws(p) for p in passages if p.strip()]


def find_quote(draft: Draft, quote: str) -> str:
    """The sentence of the document that holds `quote` (a few words of it are enough). Without the
    document's text (a plan stored before texts were kept) the quote stands as typed."""
    quote = collapse_ws(nfc(quote)).strip(" «»\"'“”")
    wanted = fold(quote)
    if len(wanted.split()) < 3:
        raise CorrectionError("rv.err.quote_short")
    if not draft.text:
        return quote[:MAX_QUOTE]
    found: dict[str, None] = {}
    for passage in _passages(draft.text):
        if wanted not in fold(passage):
            continue
        sentences = [x for x in _SENTENCE_END.split(passage) if wanted in fold(x)]
        for sentence in sentences or [passage]:  # none: the quote runs across two sentences
            found[sentence.strip(" -*•+#")] = None
    if not found:
        raise CorrectionError("rv.err.quote_not_found", quote=quote[:80])
    if len(found) > 1:
        raise CorrectionError("rv.err.quote_ambiguous", count=len(found))
    return next(iter(found))[:MAX_QUOTE]
