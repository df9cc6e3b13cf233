"""The review's overview (doubts first, then the rows summarised by unit, then the deadlines) and the
lists behind its "more" buttons: every doubt, every unit, every deadline, every row."""

from __future__ import annotations

from handlers.review_parts import (
    DEADLINE_BUTTONS,
    HOME_DEADLINES,
    HOME_DOUBTS,
    HOME_UNITS,
    PAGE_LIST,
    PAGE_ROWS,
    UNIT_BUTTONS,
    ask,
    button_rows,
    cmd,
    deadline_line,
    doubt_line,
    due_short,
    help_text,
    how,
    nav_row,
    paged,
    pager,
    removal_text,
    role_label,
    short,
    unit_line,
    when_label,
)
from handlers.review_words import describe
from messages.i18n import t
from messages.render import esc
from messages.types import Button
from services.plan_review import Review


def home_page(
    lang: str, rv: Review, buttons: bool, footer: bool = True
) -> tuple[str, list[tuple[Button, ...]]]:
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
    if removal := removal_text(lang, r):
        lines.append(removal)
    lines.append("")
    if rv.doubts:
        lines.append(t(lang, "rv.doubts_head", count=len(rv.doubts)))
        lines += [f"n{x.number} {doubt_line(lang, x)}" for x in rv.doubts[:HOME_DOUBTS]]
        if len(rv.doubts) > HOME_DOUBTS:
            lines.append(t(lang, "rv.more", count=len(rv.doubts) - HOME_DOUBTS, how=how(lang, "n")))
    else:
        lines.append(t(lang, "rv.no_doubts"))
    lines += ["", t(lang, "rv.units_head", count=len(rv.units))]
    lines += [unit_line(lang, u) for u in rv.units[:HOME_UNITS]]
    if len(rv.units) > HOME_UNITS:
        lines.append(t(lang, "rv.more", count=len(rv.units) - HOME_UNITS, how=how(lang, "d")))
    lines += ["", t(lang, "rv.deadlines_head", count=len(rv.corrected.deadlines))]
    lines += [deadline_line(lang, x.id, x.item) for x in rv.corrected.deadlines[:HOME_DEADLINES]]
    if len(rv.corrected.deadlines) > HOME_DEADLINES:
        lines.append(
            t(lang, "rv.more", count=len(rv.corrected.deadlines) - HOME_DEADLINES, how=how(lang, "h"))
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
        rows += button_rows(
            [
                Button(f"⚠ n{x.number} {short(x.unit or x.text, 22)}", cmd(rv, f"xem n{x.number}"))
                for x in rv.doubts[:HOME_DOUBTS]
            ],
            2,
        )
        if len(rv.doubts) > HOME_DOUBTS:
            rows.append((Button(t(lang, "rv.btn.all_doubts"), cmd(rv, "xem n")),))
        rows += button_rows(
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
        rows += button_rows(
            [
                Button(f"📅 h{x.id} {due_short(x.item)}", cmd(rv, f"xem h{x.id}"))
                for x in rv.corrected.deadlines[:DEADLINE_BUTTONS]
            ],
            5,
        )
        more = [Button(t(lang, "rv.btn.add_deadline"), ask(rv, "them han {}"))]
        if len(rv.corrected.deadlines) > DEADLINE_BUTTONS:
            more.append(Button(t(lang, "rv.btn.all_deadlines"), cmd(rv, "xem h")))
        rows.append(tuple(more))
    return "\n".join(lines), rows


def doubts_page(lang: str, rv: Review, buttons: bool) -> tuple[str, list[tuple[Button, ...]]]:
    page, pages, first = paged(rv.doubts, rv.draft.page_no, PAGE_ROWS)
    shown = rv.doubts[first : first + PAGE_ROWS]
    lines = [t(lang, "rv.doubts_head", count=len(rv.doubts))]
    lines += [f"n{x.number} {doubt_line(lang, x)}" for x in shown] or [t(lang, "rv.no_doubts")]
    if pages > 1:
        lines.append(t(lang, "rv.page", page=page, pages=pages))
    rows = button_rows(
        [Button(f"⚠ n{x.number} {short(x.unit or x.text, 24)}", cmd(rv, f"xem n{x.number}")) for x in shown],
        2,
    )
    rows += pager(lang, rv, "n", page, pages)
    rows.append(nav_row(lang, rv))
    return "\n".join(lines), rows


def units_page(lang: str, rv: Review, buttons: bool) -> tuple[str, list[tuple[Button, ...]]]:
    page, pages, first = paged(rv.units, rv.draft.page_no, PAGE_LIST)
    shown = rv.units[first : first + PAGE_LIST]
    lines = [t(lang, "rv.units_head", count=len(rv.units))] + [unit_line(lang, u) for u in shown]
    if pages > 1:
        lines.append(t(lang, "rv.page", page=page, pages=pages))
    if not buttons:
        lines.append(t(lang, "rv.hint_units"))
    rows = button_rows(
        [
            Button(
                f"{'⚠' if u.doubtful else '📂'} {short(u.unit, 24)} ({len(u.rows)})",
                cmd(rv, f"xem d{u.number}"),
            )
            for u in shown
        ],
        2,
    )
    rows += pager(lang, rv, "d", page, pages)
    rows.append(nav_row(lang, rv))
    return "\n".join(lines), rows


def deadlines_page(lang: str, rv: Review, buttons: bool) -> tuple[str, list[tuple[Button, ...]]]:
    items = rv.corrected.deadlines
    page, pages, first = paged(items, rv.draft.page_no, PAGE_ROWS)
    shown = items[first : first + PAGE_ROWS]
    lines = [t(lang, "rv.deadlines_head", count=len(items))]
    lines += [f"{deadline_line(lang, x.id, x.item)}: «{esc(short(x.item.text, 100))}»" for x in shown]
    if pages > 1:
        lines.append(t(lang, "rv.page", page=page, pages=pages))
    if not buttons:
        lines.append(t(lang, "rv.hint_deadlines"))
    rows = button_rows(
        [Button(f"📅 h{x.id} {short(when_label(lang, x.item), 24)}", cmd(rv, f"xem h{x.id}")) for x in shown],
        2,
    )
    rows.append((Button(t(lang, "rv.btn.add_deadline"), ask(rv, "them han {}")),))
    rows += pager(lang, rv, "h", page, pages)
    rows.append(nav_row(lang, rv))
    return "\n".join(lines), rows


def all_rows_page(lang: str, rv: Review, buttons: bool) -> tuple[str, list[tuple[Button, ...]]]:
    items = rv.corrected.rows
    page, pages, first = paged(items, rv.draft.page_no, PAGE_LIST)
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
    rows = pager(lang, rv, "tat ca", page, pages)
    rows.append(nav_row(lang, rv))
    return "\n".join(lines), rows
