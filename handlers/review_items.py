"""One item of a plan under review, on its own page: a unit's rows, one row, one deadline, one
doubt, each with the fixes that apply to it (a tap each on Telegram; the one-line commands on Zalo
and the console)."""

from __future__ import annotations

from handlers.review_lists import deadlines_page, doubts_page, home_page
from handlers.review_parts import (
    PAGE_ROWS,
    ask,
    button_rows,
    cmd,
    doubt_line,
    nav_row,
    paged,
    pager,
    role_label,
    short,
    when_label,
)
from messages.i18n import t
from messages.render import esc
from messages.types import CALLBACK_DATA_MAX_BYTES, Button
from services.correction_commands import target_number
from services.plan_review import DoubtItem, Review


def unit_page(lang: str, rv: Review, buttons: bool) -> tuple[str, list[tuple[Button, ...]]]:
    group = rv.unit_group(target_number(rv.draft.page))
    if group is None:
        return home_page(lang, rv, buttons)
    page, pages, first = paged(group.rows, rv.draft.page_no, PAGE_ROWS)
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
    rows += pager(lang, rv, f"d{group.number}", page, pages)
    rows.append(nav_row(lang, rv))
    return "\n".join(lines), rows


def row_page(lang: str, rv: Review, buttons: bool) -> tuple[str, list[tuple[Button, ...]]]:
    number = target_number(rv.draft.page)
    row = rv.corrected.row(number)
    if row is None:
        return home_page(lang, rv, buttons)
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
            rows += pick_buttons(lang, rv, x)
    back = (f"d{group.number}", short(group.unit, 20)) if group is not None else None
    rows.append(nav_row(lang, rv, back))
    return "\n".join(lines), rows


def pick_buttons(lang: str, rv: Review, x: DoubtItem) -> list[tuple[Button, ...]]:
    rows: list[tuple[Button, ...]] = [
        (Button(t(lang, "rv.btn.pick", unit=short(name, 40)), cmd(rv, f"chon n{x.number} {i}")),)
        for i, name in enumerate(x.suggestions, start=1)
    ]
    rows.append((Button(t(lang, "rv.btn.type_unit"), ask(rv, f"chon n{x.number} {{}}")),))
    return rows


def deadline_page(lang: str, rv: Review, buttons: bool) -> tuple[str, list[tuple[Button, ...]]]:
    number = target_number(rv.draft.page)
    row = rv.corrected.deadline(number)
    if row is None:
        return deadlines_page(lang, rv, buttons)
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
        nav_row(
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


def doubt_page(lang: str, rv: Review, buttons: bool) -> tuple[str, list[tuple[Button, ...]]]:
    x = rv.doubt(target_number(rv.draft.page))
    if x is None:
        return doubts_page(lang, rv, buttons)
    n = f"n{x.number}"
    lines = [f"<b>{n}</b> {doubt_line(lang, x)}"]
    if x.is_passage and x.text:
        lines.append(f"«{esc(short(x.text, 1200))}»")
    rows: list[tuple[Button, ...]] = []
    if x.kind in ("unknown_unit", "new_unit", "unplaced"):
        if x.suggestions:
            lines.append(t(lang, "rv.suggestions"))
            # without buttons a bare number answers the numbered choices below (import, cancel): the
            # command to type is shown instead
            for i, name in enumerate(x.suggestions, start=1):
                typed = t(lang, "rv.pick_command", n=n, i=i)
                lines.append(f"{i}. {esc(name)}" if buttons else f"• {esc(name)} — <code>{typed}</code>")
        rows += pick_buttons(lang, rv, x)
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
    rows += button_rows([Button(f"#{r}", cmd(rv, f"xem {r}")) for r in x.rows[:8]], 4)
    if not buttons:
        lines.append(hint)
    rows.append(nav_row(lang, rv, ("n", "⚠")))
    return "\n".join(lines), rows
