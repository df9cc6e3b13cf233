"""Corrections in words: what a correction did ("removed Sở X from duty #12"), for the review's
toast, the command line and the stored history; and the notice the members of a unit get when a
correction of a live plan changes their duties or deadlines."""

from __future__ import annotations

from handlers.review_parts import (
    NOTICE_ITEMS,
    role_label,
    short,
    when_label,
)
from messages.i18n import t
from messages.render import esc
from messages.types import Reply
from parsing.model import ParsedDeadline
from services.corrected_plans import UnitChanges
from services.corrections import Correction


def describe(lang: str, c: Correction) -> str:
    """One correction in words (escaped HTML)."""
    a = c.args
    row = a.get("row") or {}
    if c.op in ("remove_assignment", "set_role"):
        role = a.get("role") if c.op == "set_role" else row.get("role")
        values = {
            "unit": row.get("unit", ""),
            "role": role_label(lang, str(role)),
            "duty": short(row.get("duty", ""), 60),
        }
    elif c.op == "add_assignment":
        values = {
            "unit": a.get("unit", ""),
            "role": role_label(lang, str(a.get("role"))),
            "duty": short(a.get("duty", ""), 60),
        }
    elif c.op == "merge_rows":
        first = (a.get("rows") or [{}])[0]
        values = {"unit": first.get("unit", ""), "duty": short(first.get("duty", ""), 60)}
    elif c.op == "map_unit":
        values = {"old": a.get("from", ""), "new": a.get("to", "")}
    elif c.op == "remove_deadline":
        values = {"text": short(row.get("text", ""), 60)}
    elif c.op == "set_deadline":
        changes = dict(a.get("set") or {})
        parts = []
        if "recurrence" in changes:
            fields = {k: changes.get(k) for k in ("recurrence", "due", "day", "month")}
            probe = ParsedDeadline(unit="", action="report", text="", **fields)  # type: ignore[arg-type]
            parts.append(t(lang, "rv.change.when", when=when_label(lang, probe)))
        if "unit" in changes:
            parts.append(t(lang, "rv.change.unit", unit=changes["unit"]))
        if "to" in changes:
            parts.append(t(lang, "rv.change.to", unit=changes["to"] or "-"))
        values = {"text": short(row.get("text", ""), 50), "changes": "; ".join(parts)}
    else:  # add_deadline
        fields = {k: a.get(k) for k in ("recurrence", "due", "day", "month")}
        probe = ParsedDeadline(unit="", action="report", text="", **fields)  # type: ignore[arg-type]
        values = {
            "unit": a.get("unit", ""),
            "when": when_label(lang, probe),
            "text": short(a.get("text", ""), 60),
        }
    return t(lang, f"rv.what.{c.op}", **{k: esc(v) for k, v in values.items()})


def due_words(lang: str, recurrence: str, due: str | None) -> str:
    label = t(lang, f"recurrence.{recurrence}")
    return f"{label} {due}" if due else f"{label} ({t(lang, 'rv.no_day')})"


def notice(lang: str, change: UnitChanges) -> Reply:
    """What the members of one unit are told when a correction changed their duties or deadlines."""
    items = [
        t(lang, "rv.notice.added", role=role_label(lang, x.role), duty=esc(short(x.duty, 200)))
        for x in change.added
    ]
    items += [
        t(
            lang,
            "rv.notice.role",
            role=role_label(lang, x.role),
            old=role_label(lang, x.old_role or ""),
            duty=esc(short(x.duty, 200)),
        )
        for x in change.role_changed
    ]
    items += [
        t(lang, "rv.notice.removed", role=role_label(lang, x.role), duty=esc(short(x.duty, 200)))
        for x in change.removed
    ]
    items += [
        t(
            lang,
            "rv.notice.deadline_added",
            when=esc(due_words(lang, x.recurrence, x.due)),
            text=esc(short(x.text, 200)),
        )
        for x in change.deadlines_added
    ]
    items += [
        t(
            lang,
            "rv.notice.deadline_changed",
            old=esc(due_words(lang, *(x.old or (x.recurrence, None)))),
            when=esc(due_words(lang, x.recurrence, x.due)),
            text=esc(short(x.text, 200)),
        )
        for x in change.deadlines_changed
    ]
    items += [
        t(
            lang,
            "rv.notice.deadline_removed",
            when=esc(due_words(lang, x.recurrence, x.due)),
            text=esc(short(x.text, 200)),
        )
        for x in change.deadlines_removed
    ]
    lines = [t(lang, "rv.notice", plan=esc(change.plan_label), unit=esc(change.unit_name))]
    lines += items[:NOTICE_ITEMS]
    if len(items) > NOTICE_ITEMS:
        lines.append(t(lang, "rv.notice.more", count=len(items) - NOTICE_ITEMS))
    lines.append(t(lang, "rv.notice.tail"))
    return Reply("\n".join(lines))
