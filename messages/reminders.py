"""Rendering of deadline lines and of the morning reminder message (pure functions of plain data).

The reminder tick (services.reminders) builds one message per member per morning with these, so a
reminder and the /hanbaocao list describe a deadline in the same words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from messages.i18n import t
from messages.render import esc
from messages.types import Button, Reply

MAX_ITEMS_WITH_BUTTONS = 5
EXCERPT_CHARS = 160


@dataclass(frozen=True, slots=True)
class ReminderItem:
    occurrence_id: int
    unit_name: str
    due_on: dt.date
    status: str  # services.status.DueStatus value
    action: str
    recipient: str | None
    plan_number: str | None
    text: str
    late_working_days: int = 0
    escalated: bool = False
    late: bool = False  # sent after its planned time (the bot was down)


def fmt_date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def what(lang: str, *, action: str, recipient: str | None) -> str:
    """A short name for the deadline ("Báo cáo gửi Sở Ngoại vụ"), escaped."""
    if action == "deliver":
        return t(lang, "deadlines.what.deliver")
    if recipient:
        return t(lang, "deadlines.what.report_to", to=esc(recipient))
    return t(lang, "deadlines.what.report")


def plan_label(lang: str, number: str | None) -> str:
    return t(lang, "deadlines.plan", number=esc(number or "?"))


def when(lang: str, *, due: dt.date, today: dt.date) -> str:
    if due == today:
        return t(lang, "deadlines.when.today")
    if due > today:
        return t(lang, "deadlines.when.in_days", days=(due - today).days)
    return t(lang, "deadlines.when.late_days", days=(today - due).days)


def reminder_reply(lang: str, *, items: list[ReminderItem], today: dt.date) -> Reply:
    """One message gathering everything due for the member's unit(s) this morning."""
    units = sorted({i.unit_name for i in items})
    lines = [t(lang, "reminder.title", unit=esc(", ".join(units)))]
    if any(i.late for i in items):
        lines.append(t(lang, "reminder.late_note"))
    ordered = sorted(items, key=lambda i: (i.due_on, i.occurrence_id))
    for n, item in enumerate(ordered, start=1):
        lines.append("")
        lines.append(
            _item_line(
                lang,
                n,
                today,
                item.action,
                item.recipient,
                item.plan_number,
                item.due_on,
                item.status,
                item.text,
            )
        )
        if item.escalated:
            lines.append(t(lang, "reminder.escalated", days=item.late_working_days))
    lines.append("")
    lines.append(t(lang, "reminder.footer"))
    numbered = len(ordered) > 1
    rows: list[tuple[Button, ...]] = []
    for n, item in enumerate(ordered[:MAX_ITEMS_WITH_BUTTONS], start=1):
        rows.extend(_item_buttons(lang, item.occurrence_id, str(n) if numbered else ""))
    if len(ordered) > MAX_ITEMS_WITH_BUTTONS:
        lines.append(t(lang, "reminder.more", count=len(ordered) - MAX_ITEMS_WITH_BUTTONS))
    rows.append((Button(t(lang, "btn.duties"), "duty:page:1"),))
    return Reply("\n".join(lines), buttons=tuple(rows))


# The morning tick renders one message per distinct (language, items): the members of a unit and
# its leader (who also sees escalation lines) share every item line, so each is built once.
@lru_cache(maxsize=4096)
def _item_line(
    lang: str,
    n: int,
    today: dt.date,
    action: str,
    recipient: str | None,
    plan_number: str | None,
    due_on: dt.date,
    status: str,
    text: str,
) -> str:
    return t(
        lang,
        "reminder.item",
        n=n,
        what=what(lang, action=action, recipient=recipient),
        plan=plan_label(lang, plan_number),
        due=fmt_date(due_on),
        status=t(lang, f"deadlines.status.{status}"),
        when=when(lang, due=due_on, today=today),
        text=esc(excerpt(text)),
    )


@lru_cache(maxsize=4096)
def _item_buttons(lang: str, oid: int, label: str) -> tuple[tuple[Button, ...], ...]:
    return (
        (Button(t(lang, "btn.done", n=label).strip(), f"dl:done:{oid}"),),
        (
            Button(t(lang, "btn.snooze1", n=label).strip(), f"dl:snooze:{oid}:1"),
            Button(t(lang, "btn.snooze3", n=label).strip(), f"dl:snooze:{oid}:3"),
        ),
    )
