"""What the admin sees while reviewing a plan: the overview (doubts first, then the rows summarised by
unit, the deadlines), a unit's rows, one row, one deadline, one doubt, and the lists behind "more".

Every page is one Reply within Telegram's limits. With buttons (Telegram) each item opens with a tap
and each fix is a tap (or a tap and a typed name or date); without them (Zalo, the console) the page
shows the item numbers and the one-line commands that act on them. Button data is
"rv:<draft token>:c:<command>" (run the command) or "rv:<token>:i:<template>" (ask for the text
that completes it): every button is a command the admin could have typed, checked the same way.
"""

from __future__ import annotations

from collections.abc import Sequence

from handlers.doubts import doubt_text
from handlers.paging import nav_buttons, page_of
from messages.i18n import catalog, t
from messages.render import esc, quote
from messages.types import CALLBACK_DATA_MAX_BYTES, Button, Reply
from parsing.model import ParsedDeadline
from services.corrected_plans import UnitChanges
from services.correction_commands import target_kind, target_number
from services.corrections import Correction
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


def _rows(rows: Sequence[Button], per_row: int) -> list[tuple[Button, ...]]:
    return [tuple(rows[i : i + per_row]) for i in range(0, len(rows), per_row)]


def _final_row(lang: str, rv: Review) -> tuple[Button, ...]:
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


def _paged(items: Sequence[object], page: int, size: int) -> tuple[int, int, int]:
    return page_of(len(items), page, size)


def _pager(lang: str, rv: Review, target: str, page: int, pages: int) -> list[tuple[Button, ...]]:
    row = nav_buttons(lang, page, pages, lambda n: cmd(rv, f"xem {target} {n}"))
    return [tuple(row)] if row else []


def _nav(lang: str, rv: Review, back: tuple[str, str] | None = None) -> tuple[Button, ...]:
    row = []
    if back is not None:
        row.append(Button(t(lang, "rv.btn.back", to=back[1]), cmd(rv, f"xem {back[0]}")))
    row.append(Button(t(lang, "rv.btn.home"), cmd(rv, "xem")))
    return tuple(row)


def render(lang: str, rv: Review, *, buttons: bool, toast: str = "", footer: bool = True) -> Reply:
    """The page the draft is on (`draft.page`), with `toast` (what the last command did) on top;
    `footer` False leaves out the overview's help and question (the command line prints its own)."""
    page = rv.draft.page
    kind = target_kind(page) if page not in ("home", "all", "h", "n", "d") else page
    view = {
        "home": _home,
        "all": _all_rows,
        "h": _deadlines,
        "n": _doubts,
        "d": _units,
        "row": _row,
        "deadline": _deadline,
        "doubt": _doubt,
        "unit": _unit,
    }[kind]
    html, rows = view(lang, rv, buttons) if kind != "home" else _home(lang, rv, buttons, footer=footer)
    if toast:
        html = f"{toast}\n\n{html}"
    if len(html) > MAX_HTML:  # cut at a line, never inside a tag or an entity
        html = html[: html.rfind("\n", 0, MAX_HTML)] + "\n…"
    # undo, confirm and cancel on every page: a fix can be taken back, or the plan saved, from anywhere
    return Reply(html, buttons=(*rows, _final_row(lang, rv)) if buttons else (_final_row(lang, rv),))


# --- the overview ---------------------------------------------------------------------------------


def _home(lang: str, rv: Review, buttons: bool, footer: bool = True) -> tuple[str, list[tuple[Button, ...]]]:
    d, r = rv.draft, rv.result
    header = d.extraction.header
    if d.live:
        title = t(lang, "rv.title_live", id=d.plan_id)
    else:
        title = t(lang, "rv.title_import", file=esc(d.source_name), status=t(lang, f"imp.status_{r.status}"))
    undated = sum(1 for x in rv.corrected.deadlines if x.item.due is None and x.item.day is None)
    lines = [
        title,
        t(
            lang,
            "rv.meta",
            number=esc(header.number or "-"),
            issuer=esc(header.issuer or "-"),
            date=header.issued_on.strftime("%d/%m/%Y") if header.issued_on else "-",
        ),
        t(
            lang,
            "rv.subject",
            title=esc(short(header.title or "-", 200)),
            jurisdiction=esc(r.jurisdiction or "-"),
        ),
        t(
            lang,
            "rv.counts",
            rows=len(rv.corrected.rows),
            units=len(rv.units),
            deadlines=len(rv.corrected.deadlines),
            undated=undated,
        ),
    ]
    if d.stored and not d.live:
        lines.append(t(lang, "rv.reapplied", count=len(d.stored)))
    if rv.stale:
        lines.append(t(lang, "rv.stale_head", count=len(rv.stale)))
        lines += [f"• {describe(lang, o.correction)}" for o in rv.stale[:3]]
    if removal := _removal_text(lang, r):
        lines.append(removal)
    lines.append("")
    if rv.doubts:
        lines.append(t(lang, "rv.doubts_head", count=len(rv.doubts)))
        lines += [f"n{x.number} {doubt_line(lang, x)}" for x in rv.doubts[:HOME_DOUBTS]]
        if len(rv.doubts) > HOME_DOUBTS:
            lines.append(t(lang, "rv.more", count=len(rv.doubts) - HOME_DOUBTS, how=_how(lang, "n")))
    else:
        lines.append(t(lang, "rv.no_doubts"))
    lines += ["", t(lang, "rv.units_head", count=len(rv.units))]
    lines += [_unit_line(lang, u) for u in rv.units[:HOME_UNITS]]
    if len(rv.units) > HOME_UNITS:
        lines.append(t(lang, "rv.more", count=len(rv.units) - HOME_UNITS, how=_how(lang, "d")))
    lines += ["", t(lang, "rv.deadlines_head", count=len(rv.corrected.deadlines))]
    lines += [_deadline_line(lang, x.id, x.item) for x in rv.corrected.deadlines[:HOME_DEADLINES]]
    if len(rv.corrected.deadlines) > HOME_DEADLINES:
        lines.append(
            t(lang, "rv.more", count=len(rv.corrected.deadlines) - HOME_DEADLINES, how=_how(lang, "h"))
        )
    if d.new:
        lines += ["", t(lang, "rv.done_head", count=len(d.new))]
        lines += [f"• {describe(lang, c)}" for c in d.new[-5:]]
    if footer:
        lines.append("")
        lines.append(t(lang, "rv.help_buttons") if buttons else help_text(lang, live=d.live))
        lines += ["", t(lang, "rv.question_live" if d.live else "rv.question_import")]
    rows: list[tuple[Button, ...]] = []
    if buttons:
        rows += _rows(
            [
                Button(f"⚠ n{x.number} {short(x.unit or x.text, 22)}", cmd(rv, f"xem n{x.number}"))
                for x in rv.doubts[:HOME_DOUBTS]
            ],
            2,
        )
        if len(rv.doubts) > HOME_DOUBTS:
            rows.append((Button(t(lang, "rv.btn.all_doubts"), cmd(rv, "xem n")),))
        rows += _rows(
            [
                Button(
                    f"{'⚠' if u.doubtful else '📂'} {short(u.unit, 22)} ({len(u.rows)})",
                    cmd(rv, f"xem d{u.number}"),
                )
                for u in rv.units[:UNIT_BUTTONS]
            ],
            3,
        )
        if len(rv.units) > UNIT_BUTTONS:
            rows.append((Button(t(lang, "rv.btn.all_units"), cmd(rv, "xem d")),))
        rows += _rows(
            [
                Button(f"📅 h{x.id} {_due_short(x.item)}", cmd(rv, f"xem h{x.id}"))
                for x in rv.corrected.deadlines[:DEADLINE_BUTTONS]
            ],
            5,
        )
        more = [Button(t(lang, "rv.btn.add_deadline"), ask(rv, "them han {}"))]
        if len(rv.corrected.deadlines) > DEADLINE_BUTTONS:
            more.append(Button(t(lang, "rv.btn.all_deadlines"), cmd(rv, "xem h")))
        rows.append(tuple(more))
    return "\n".join(lines), rows


REMOVED_SHOWN = 8


def _removal_text(lang: str, r: ImportResult) -> str:
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


def _due_short(d: ParsedDeadline) -> str:
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


def _how(lang: str, target: str) -> str:
    return f"{'xem' if lang == 'vi' else 'show'} {target}"


def _unit_line(lang: str, u: UnitGroup) -> str:
    mark = "⚠ " if u.doubtful else ""
    counts = t(lang, "rv.unit_line", lead=u.lead, support=u.support)
    return f"d{u.number} {mark}{esc(short(u.unit, 80))} — {counts}"


def _deadline_line(lang: str, number: int, d: ParsedDeadline) -> str:
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


# --- lists ----------------------------------------------------------------------------------------


def _doubts(lang: str, rv: Review, buttons: bool) -> tuple[str, list[tuple[Button, ...]]]:
    page, pages, first = _paged(rv.doubts, rv.draft.page_no, PAGE_ROWS)
    shown = rv.doubts[first : first + PAGE_ROWS]
    lines = [t(lang, "rv.doubts_head", count=len(rv.doubts))]
    lines += [f"n{x.number} {doubt_line(lang, x)}" for x in shown] or [t(lang, "rv.no_doubts")]
    if pages > 1:
        lines.append(t(lang, "rv.page", page=page, pages=pages))
    rows = _rows(
        [Button(f"⚠ n{x.number} {short(x.unit or x.text, 24)}", cmd(rv, f"xem n{x.number}")) for x in shown],
        2,
    )
    rows += _pager(lang, rv, "n", page, pages)
    rows.append(_nav(lang, rv))
    return "\n".join(lines), rows


def _units(lang: str, rv: Review, buttons: bool) -> tuple[str, list[tuple[Button, ...]]]:
    page, pages, first = _paged(rv.units, rv.draft.page_no, PAGE_LIST)
    shown = rv.units[first : first + PAGE_LIST]
    lines = [t(lang, "rv.units_head", count=len(rv.units))] + [_unit_line(lang, u) for u in shown]
    if pages > 1:
        lines.append(t(lang, "rv.page", page=page, pages=pages))
    if not buttons:
        lines.append(t(lang, "rv.hint_units"))
    rows = _rows(
        [
            Button(
                f"{'⚠' if u.doubtful else '📂'} {short(u.unit, 24)} ({len(u.rows)})",
                cmd(rv, f"xem d{u.number}"),
            )
            for u in shown
        ],
        2,
    )
    rows += _pager(lang, rv, "d", page, pages)
    rows.append(_nav(lang, rv))
    return "\n".join(lines), rows


def _deadlines(lang: str, rv: Review, buttons: bool) -> tuple[str, list[tuple[Button, ...]]]:
    items = rv.corrected.deadlines
    page, pages, first = _paged(items, rv.draft.page_no, PAGE_ROWS)
    shown = items[first : first + PAGE_ROWS]
    lines = [t(lang, "rv.deadlines_head", count=len(items))]
    lines += [f"{_deadline_line(lang, x.id, x.item)}: «{esc(short(x.item.text, 100))}»" for x in shown]
    if pages > 1:
        lines.append(t(lang, "rv.page", page=page, pages=pages))
    if not buttons:
        lines.append(t(lang, "rv.hint_deadlines"))
    rows = _rows(
        [Button(f"📅 h{x.id} {short(when_label(lang, x.item), 24)}", cmd(rv, f"xem h{x.id}")) for x in shown],
        2,
    )
    rows.append((Button(t(lang, "rv.btn.add_deadline"), ask(rv, "them han {}")),))
    rows += _pager(lang, rv, "h", page, pages)
    rows.append(_nav(lang, rv))
    return "\n".join(lines), rows


def _all_rows(lang: str, rv: Review, buttons: bool) -> tuple[str, list[tuple[Button, ...]]]:
    items = rv.corrected.rows
    page, pages, first = _paged(items, rv.draft.page_no, PAGE_LIST)
    lines = [t(lang, "rv.rows_head", count=len(items))]
    for row in items[first : first + PAGE_LIST]:
        mark = "⚠ " if row.id in rv.doubtful_rows else ""
        lines.append(
            f"{mark}#{row.id} {esc(short(row.item.unit, 50))} ({role_label(lang, row.item.role)}): "
            f"{esc(short(row.item.duty, 110))}"
        )
    if pages > 1:
        lines.append(t(lang, "rv.page", page=page, pages=pages))
    if not buttons and items:
        lines.append(t(lang, "rv.hint_unit", n=items[first].id, m=items[min(first + 1, len(items) - 1)].id))
    rows = _pager(lang, rv, "tat ca", page, pages)
    rows.append(_nav(lang, rv))
    return "\n".join(lines), rows


# --- one item -------------------------------------------------------------------------------------


def _unit(lang: str, rv: Review, buttons: bool) -> tuple[str, list[tuple[Button, ...]]]:
    group = rv.unit_group(target_number(rv.draft.page))
    if group is None:
        return _home(lang, rv, buttons)
    page, pages, first = _paged(group.rows, rv.draft.page_no, PAGE_ROWS)
    shown = [r for r in (rv.corrected.row(n) for n in group.rows[first : first + PAGE_ROWS]) if r is not None]
    counts = t(lang, "rv.unit_line", lead=group.lead, support=group.support)
    lines = [t(lang, "rv.unit_card", d=f"d{group.number}", unit=esc(group.unit), counts=counts)]
    for row in shown:
        mark = "⚠ " if row.id in rv.doubtful_rows else ""
        extra = " ➕" if row.added else (" ✏️" if row.changed else "")
        lines.append(
            f"{mark}#{row.id} <b>{role_label(lang, row.item.role)}</b> [{esc(row.item.section or '-')}]: "
            f"{esc(short(row.item.duty, 90))}{extra}"
        )
    if pages > 1:
        lines.append(t(lang, "rv.page", page=page, pages=pages))
    if not buttons and shown:
        following = shown[1].id if len(shown) > 1 else shown[0].id + 1
        lines.append(t(lang, "rv.hint_unit", n=shown[0].id, m=following))
    rows: list[tuple[Button, ...]] = [
        (
            Button(
                f"{'⚠ ' if r.id in rv.doubtful_rows else ''}#{r.id} {role_label(lang, r.item.role)}: "
                f"{short(r.item.duty, 34)}",
                cmd(rv, f"xem {r.id}"),
            ),
        )
        for r in shown
    ]
    rows += _pager(lang, rv, f"d{group.number}", page, pages)
    rows.append(_nav(lang, rv))
    return "\n".join(lines), rows


def _row(lang: str, rv: Review, buttons: bool) -> tuple[str, list[tuple[Button, ...]]]:
    number = target_number(rv.draft.page)
    row = rv.corrected.row(number)
    if row is None:
        return _home(lang, rv, buttons)
    a = row.item
    marks = ""
    if row.added:
        marks += t(lang, "rv.mark_added") + "\n"
    elif row.changed:
        marks += t(lang, "rv.mark_changed") + "\n"
    doubts = [x for x in rv.doubts if number in x.rows]
    marks += "".join(f"⚠ n{x.number} {doubt_line(lang, x)}\n" for x in doubts)
    lines = [
        t(
            lang,
            "rv.row_card",
            n=number,
            unit=esc(a.unit),
            role=role_label(lang, a.role),
            section=esc(a.section or "-"),
            marks=marks,
            duty=esc(short(a.duty, 900)),
        )
    ]
    if a.source and a.source.strip() != a.duty.strip():
        lines.append(t(lang, "rv.source", text=esc(short(a.source, 700))))
    group = rv.group_of(number)
    following = None
    if group is not None and number in group.rows:
        at = group.rows.index(number)
        following = group.rows[at + 1] if at + 1 < len(group.rows) else None
    if not buttons:
        merge = t(lang, "rv.hint_merge", n=number, m=following) if following else ""
        lines.append(t(lang, "rv.hint_row", n=number, merge=merge))
    switch = "rv.btn.to_support" if a.role == "lead" else "rv.btn.to_lead"
    rows: list[tuple[Button, ...]] = [
        (
            Button(t(lang, "rv.btn.remove"), cmd(rv, f"xoa {number}")),
            Button(t(lang, switch), cmd(rv, f"vai {number}")),
        ),
        (
            Button(t(lang, "rv.btn.add_lead"), ask(rv, f"them {number} chu tri {{}}")),
            Button(t(lang, "rv.btn.add_support"), ask(rv, f"them {number} phoi hop {{}}")),
        ),
    ]
    if following is not None:
        rows.append((Button(t(lang, "rv.btn.merge", n=following), cmd(rv, f"gop {number} {following}")),))
    for x in doubts:
        if x.kind in ("unknown_unit", "new_unit", "unplaced"):
            rows += _pick_buttons(lang, rv, x)
    back = (f"d{group.number}", short(group.unit, 20)) if group is not None else None
    rows.append(_nav(lang, rv, back))
    return "\n".join(lines), rows


def _pick_buttons(lang: str, rv: Review, x: DoubtItem) -> list[tuple[Button, ...]]:
    rows: list[tuple[Button, ...]] = [
        (Button(t(lang, "rv.btn.pick", unit=short(name, 40)), cmd(rv, f"chon n{x.number} {i}")),)
        for i, name in enumerate(x.suggestions, start=1)
    ]
    rows.append((Button(t(lang, "rv.btn.type_unit"), ask(rv, f"chon n{x.number} {{}}")),))
    return rows


def _deadline(lang: str, rv: Review, buttons: bool) -> tuple[str, list[tuple[Button, ...]]]:
    number = target_number(rv.draft.page)
    row = rv.corrected.deadline(number)
    if row is None:
        return _deadlines(lang, rv, buttons)
    d = row.item
    marks = (
        t(lang, "rv.mark_added") + "\n"
        if row.added
        else (t(lang, "rv.mark_changed") + "\n" if row.changed else "")
    )
    lines = [
        t(
            lang,
            "rv.deadline_card",
            h=f"h{number}",
            recurrence=esc(when_label(lang, d)),
            action=t(
                lang, f"rv.action.{d.action}" if d.action in ("report", "deliver") else "rv.action.report"
            ),
            unit=esc(d.unit or "-"),
            to=esc(d.to or "-"),
            marks=marks,
            text=esc(short(d.text, 900)),
        )
    ]
    if not buttons:
        lines.append(t(lang, "rv.hint_deadline", h=f"h{number}"))
    rows = [
        (
            Button(t(lang, "rv.btn.due"), ask(rv, f"han h{number} {{}}")),
            Button(t(lang, "rv.btn.owes"), ask(rv, f"nop h{number} {{}}")),
        ),
        (
            Button(t(lang, "rv.btn.to"), ask(rv, f"gui h{number} {{}}")),
            Button(t(lang, "rv.btn.remove_deadline"), cmd(rv, f"xoa h{number}")),
        ),
        _nav(
            lang,
            rv,
            (
                "h",
                t(lang, "rv.deadlines_head", count=len(rv.corrected.deadlines))
                .replace("<b>", "")
                .replace("</b>", ""),
            ),
        ),
    ]
    return "\n".join(lines), rows


def _doubt(lang: str, rv: Review, buttons: bool) -> tuple[str, list[tuple[Button, ...]]]:
    x = rv.doubt(target_number(rv.draft.page))
    if x is None:
        return _doubts(lang, rv, buttons)
    n = f"n{x.number}"
    lines = [f"<b>{n}</b> {doubt_line(lang, x)}"]
    if x.is_passage and x.text:
        lines.append(f"«{esc(short(x.text, 1200))}»")
    rows: list[tuple[Button, ...]] = []
    if x.kind in ("unknown_unit", "new_unit", "unplaced"):
        if x.suggestions:
            lines.append(t(lang, "rv.suggestions"))
            lines += [f"{i}. {esc(name)}" for i, name in enumerate(x.suggestions, start=1)]
        rows += _pick_buttons(lang, rv, x)
        if x.kind == "unplaced" and x.rows:
            numbers = list(x.rows)
            while len(cmd(rv, "xoa " + " ".join(map(str, numbers))).encode()) > CALLBACK_DATA_MAX_BYTES:
                numbers.pop()  # the rest stay one tap away on their own pages
            rows.append(
                (Button(t(lang, "rv.btn.remove_rows"), cmd(rv, "xoa " + " ".join(map(str, numbers)))),)
            )
        keep = "rv.btn.keep_new" if x.kind == "new_unit" else "rv.btn.skip"
        rows.append((Button(t(lang, keep), cmd(rv, f"bo qua {n}")),))
        hint = t(lang, "rv.hint_pick", n=n)
    elif x.is_passage:
        rows += [
            (
                Button(t(lang, "rv.btn.add_lead"), ask(rv, f"them {n} chu tri {{}}")),
                Button(t(lang, "rv.btn.add_support"), ask(rv, f"them {n} phoi hop {{}}")),
            ),
            (Button(t(lang, "rv.btn.deadline_from"), ask(rv, f"them han {n} {{}}")),),
            (Button(t(lang, "rv.btn.skip"), cmd(rv, f"bo qua {n}")),),
        ]
        hint = t(lang, "rv.hint_passage", n=n)
    elif x.kind == "recipient_only":
        rows += [
            (Button(t(lang, "rv.btn.give_duty"), ask(rv, f"them {{}} chu tri {n}")),),
            (Button(t(lang, "rv.btn.skip_recipient"), cmd(rv, f"bo qua {n}")),),
        ]
        hint = t(lang, "rv.hint_recipient", n=n)
    else:
        rows.append((Button(t(lang, "rv.btn.skip"), cmd(rv, f"bo qua {n}")),))
        hint = t(lang, "rv.usage.skip").replace("n2", n)
    rows += _rows([Button(f"#{r}", cmd(rv, f"xem {r}")) for r in x.rows[:8]], 4)
    if not buttons:
        lines.append(hint)
    rows.append(_nav(lang, rv, ("n", "⚠")))
    return "\n".join(lines), rows


# --- words for corrections and notices ------------------------------------------------------------


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


def _due_words(lang: str, recurrence: str, due: str | None) -> str:
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
            when=esc(_due_words(lang, x.recurrence, x.due)),
            text=esc(short(x.text, 200)),
        )
        for x in change.deadlines_added
    ]
    items += [
        t(
            lang,
            "rv.notice.deadline_changed",
            old=esc(_due_words(lang, *(x.old or (x.recurrence, None)))),
            when=esc(_due_words(lang, x.recurrence, x.due)),
            text=esc(short(x.text, 200)),
        )
        for x in change.deadlines_changed
    ]
    items += [
        t(
            lang,
            "rv.notice.deadline_removed",
            when=esc(_due_words(lang, x.recurrence, x.due)),
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
