"""The parts every review page is made of (handlers.plan_review_view, handlers.review_items): short
texts, command buttons, the pager, the navigation row, and the one-line forms of a unit, a
deadline and a doubt. Every button is a command the admin could have typed: "rv:<draft token>:c:
<command>" runs it, "rv:<token>:i:<template>" asks for the text that completes it."""

from __future__ import annotations

from collections.abc import Sequence

from handlers.doubts import doubt_text
from handlers.paging import nav_buttons, page_of
from messages.i18n import catalog, t
from messages.render import esc, quote
from messages.types import Button
from parsing.model import ParsedDeadline
from services.import_result import ImportResult
from services.plan_review import DoubtItem, Review, UnitGroup

# The overview lists a few of each in words and gives every unit and deadline its own button (up to
# these counts, within Telegram's 100 buttons), so any row is at most 3 taps away: its unit, the row,
# the fix; a deadline 2 plus what is typed.
HOME_DOUBTS = 8


HOME_UNITS = 12


HOME_DEADLINES = 6


UNIT_BUTTONS = 36


DEADLINE_BUTTONS = 30


PAGE_ROWS = 30  # a unit's rows on one page (the most any of the 24 dev plans gives one unit)


PAGE_LIST = 15


NOTICE_ITEMS = 8


MAX_HTML = 3900  # under Telegram's 4096 (UTF-16 units; emoji count two)


def short(text: str, size: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= size else text[: size - 1].rstrip(" ,;.") + "…"


def cmd(rv: Review, command: str) -> str:
    return f"rv:{rv.draft.token}:c:{command}"


def ask(rv: Review, template: str) -> str:
    return f"rv:{rv.draft.token}:i:{template}"


def role_label(lang: str, role: str) -> str:
    return t(lang, f"rv.role.{role}" if role in ("lead", "support") else "rv.role.lead")


def when_label(lang: str, d: ParsedDeadline) -> str:
    """ "hằng năm 15/12", "một lần 30/06/2026", "hằng quý ngày 10", "hằng năm chưa có ngày"."""
    recurrence = t(lang, f"recurrence.{d.recurrence}")
    if d.due and d.recurrence == "once":
        year, month, day = d.due.split("-")
        return f"{recurrence} {day}/{month}/{year}"
    if d.due and d.recurrence == "yearly":
        month, day = d.due.split("-")
        return f"{recurrence} {day}/{month}"
    if d.day is not None:
        day_text = f"{d.day:02d}/{d.month:02d}" if d.month else t(lang, "rv.day_of_period", day=d.day)
        return f"{recurrence} {day_text}"
    return f"{recurrence} ({t(lang, 'rv.no_day')})"


def button_rows(rows: Sequence[Button], per_row: int) -> list[tuple[Button, ...]]:
    return [tuple(rows[i : i + per_row]) for i in range(0, len(rows), per_row)]


def final_row(lang: str, rv: Review) -> tuple[Button, ...]:
    buttons = []
    if rv.draft.new:
        buttons.append(Button(t(lang, "rv.btn.undo"), cmd(rv, "hoan tac")))
    removed = len(rv.result.removed_assignments) + len(rv.result.removed_deadlines)
    if removed:  # a re-import that takes duties or deadlines away says so on the button too
        label = t(lang, "imp.confirm_removal", count=removed)
    else:
        label = t(lang, "rv.btn.confirm_live" if rv.draft.live else "rv.btn.confirm_import")
    buttons.append(Button(label, cmd(rv, "nhap")))
    buttons.append(Button(t(lang, "rv.btn.cancel"), cmd(rv, "huy")))
    return tuple(buttons)


def paged(items: Sequence[object], page: int, size: int) -> tuple[int, int, int]:
    return page_of(len(items), page, size)


def pager(lang: str, rv: Review, target: str, page: int, pages: int) -> list[tuple[Button, ...]]:
    row = nav_buttons(lang, page, pages, lambda n: cmd(rv, f"xem {target} {n}"))
    return [tuple(row)] if row else []


def nav_row(lang: str, rv: Review, back: tuple[str, str] | None = None) -> tuple[Button, ...]:
    row = []
    if back is not None:
        row.append(Button(t(lang, "rv.btn.back", to=back[1]), cmd(rv, f"xem {back[0]}")))
    row.append(Button(t(lang, "rv.btn.home"), cmd(rv, "xem")))
    return tuple(row)


REMOVED_SHOWN = 8


def removal_text(lang: str, r: ImportResult) -> str:
    """What a re-import would take away from the stored plan, for the admin to confirm or cancel."""
    if not r.removed_assignments and not r.removed_deadlines:
        return ""
    # deadlines first: their reminders and submitted reports go with them
    lines = [t(lang, "imp.removed_deadline", text=quote(x, 160)) for x in r.removed_deadlines]
    lines += [t(lang, "imp.removed_duty", text=quote(x, 160)) for x in r.removed_assignments]
    if len(lines) > REMOVED_SHOWN:
        lines = [*lines[:REMOVED_SHOWN], t(lang, "imp.removed_more", count=len(lines) - REMOVED_SHOWN)]
    return t(
        lang,
        "imp.removed",
        assignments=len(r.removed_assignments),
        deadlines=len(r.removed_deadlines),
        items="\n".join(lines),
    ).strip("\n")


def due_short(d: ParsedDeadline) -> str:
    """ "15/12", "30/06/26", "q10", "?": a deadline's day in a button a fifth of a row wide."""
    if d.due and d.recurrence == "once":
        year, month, day = d.due.split("-")
        return f"{day}/{month}/{year[2:]}"
    if d.due and d.recurrence == "yearly":
        month, day = d.due.split("-")
        return f"{day}/{month}"
    return str(d.day) if d.day is not None else "?"


def help_text(lang: str, *, live: bool) -> str:
    word = t(lang, "rv.confirm_word_live" if live else "rv.confirm_word_import")
    return t(lang, "rv.help_text", confirm=word)


def how(lang: str, target: str) -> str:
    return f"{'xem' if lang == 'vi' else 'show'} {target}"


def unit_line(lang: str, u: UnitGroup) -> str:
    mark = "⚠ " if u.doubtful else ""
    counts = t(lang, "rv.unit_line", lead=u.lead, support=u.support)
    return f"d{u.number} {mark}{esc(short(u.unit, 80))} — {counts}"


def deadline_line(lang: str, number: int, d: ParsedDeadline) -> str:
    to = f" → {esc(short(d.to, 40))}" if d.to else ""
    return f"h{number} {esc(when_label(lang, d))} · {esc(short(d.unit or '-', 70))}{to}"


def doubt_line(lang: str, x: DoubtItem) -> str:
    rows = ", ".join(f"#{n}" for n in x.rows[:6]) + (" …" if len(x.rows) > 6 else "")
    if x.deadlines:
        rows = ", ".join(filter(None, [rows, ", ".join(f"h{n}" for n in x.deadlines[:3])]))
    if f"rv.doubt.{x.kind}" not in catalog():  # what the extractor doubted: said as everywhere else
        said = doubt_text(lang, x.kind, x.text, x.section)
        return esc(said[:1].upper() + said[1:])
    return t(
        lang,
        f"rv.doubt.{x.kind}",
        unit=esc(short(x.unit, 80)),
        rows=rows or "-",
        suggestions=esc("; ".join(x.suggestions)) or t(lang, "rv.none"),
        text=esc(short(x.text, 160)),
    )
