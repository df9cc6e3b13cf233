"""Deadlines in the chat: /hanbaocao, the `dl:*` buttons of reminders, /datngay and /lich.

Callback data (see the brief): `dl:done:<occ>` Đã nộp (then an optional note or link, skippable),
`dl:snooze:<occ>:<1|3>` Nhắc lại sau, `dl:confirm:<occ>` / `dl:return:<occ>` the admin's two-step
close, `dl:list:<page>` the unit's list; also `dl:skipnote`, `dl:day:<deadline>` (an admin sets the
day of a deadline the text left open) and `dl:admin` (the admin view). On Zalo and the console the
buttons become numbered choices (the router), which is the "short reply code".

    /hanbaocao ──> list ──[Đã nộp]──> submitted ──(text)──> note saved
                              │                 └─[Bỏ qua]─> done
                              └─[Nhắc lại]──> snoozed
"""

from __future__ import annotations

import re

from handlers import closing, submit
from handlers.context import Request
from handlers.paging import nav_buttons, page_of
from handlers.router import Access, HandlerResult, Router, flow_data, set_flow
from messages.i18n import t
from messages.reminders import fmt_date, plan_label, what
from messages.render import esc, shorten
from messages.types import Button, OutgoingFile, Reply
from services import closing as closing_svc
from services import deadline_days, occurrence_views
from services import occurrences as occ_svc
from services.calendar_export import unit_calendar
from services.clock import local_today
from services.occurrence_views import OccurrenceView
from services.occurrences import OccurrenceError
from storage.enums import OccurrenceStatus

PAGE_SIZE = 8
NOTE_FLOW = "dl.note"
DAY_FLOW = "dl.day"
_DAY = re.compile(r"^\s*(\d{1,2})(?:\s*[/.-]\s*(\d{1,2}))?(?:\s*[/.-]\s*(\d{4}))?\s*$")
ICS_MIME = "text/calendar"


def _what(lang: str, v: OccurrenceView) -> str:
    return what(lang, action=v.action, recipient=v.recipient)


def _status(lang: str, v: OccurrenceView) -> str:
    label = t(lang, f"deadlines.status.{v.status.value}")
    if v.state in (OccurrenceStatus.submitted, OccurrenceStatus.returned):
        label += f" ({t(lang, f'deadlines.state.{v.state}')})"
    if v.day_is_default:
        label += f" - {t(lang, 'deadlines.default_day')}"
    return label


def _error(req: Request, exc: OccurrenceError) -> Reply:
    return Reply(t(req.lang, exc.key))


# --- /hanbaocao ------------------------------------------------------------------------------------


def unit_page(req: Request, page: int) -> Reply:
    assert req.membership is not None
    today = local_today(req.app.clock)
    with req.app.db.session() as session:
        items = occurrence_views.unit_occurrences(session, unit_id=req.membership.unit_id, today=today)
    if not items:
        return Reply(t(req.lang, "deadlines.empty"))
    page, pages, first = page_of(len(items), page, PAGE_SIZE)
    shown = items[first : first + PAGE_SIZE]
    lines = [t(req.lang, "deadlines.list_title", unit=esc(items[0].unit_name), page=page, pages=pages)]
    rows: list[tuple[Button, ...]] = []
    for n, v in enumerate(shown, start=first + 1):
        lines.append(
            t(
                req.lang,
                "deadlines.list_item",
                n=n,
                what=_what(req.lang, v),
                plan=plan_label(req.lang, v.plan_number),
                due=fmt_date(v.due_on),
                status=_status(req.lang, v),
            )
        )
        if v.note:
            lines.append(t(req.lang, "deadlines.note_line", note=esc(v.note)))
        if v.returned_reason:
            lines.append(t(req.lang, "deadlines.returned_line", reason=esc(v.returned_reason)))
        if v.state in occ_svc.OPEN_STATES:
            rows.append((Button(t(req.lang, "btn.done", n=n), f"dl:done:{v.id}", number=n),))
    nav = nav_buttons(req.lang, page, pages, lambda n: f"dl:list:{n}")
    if nav:
        rows.append(tuple(nav))
    return Reply("\n".join(lines), buttons=tuple(rows), edit_message_id=req.incoming.callback_message_id)


def admin_view(req: Request) -> Reply:
    today = local_today(req.app.clock)
    with req.app.db.session() as session:
        waiting = occurrence_views.awaiting_confirmation(session, today=today, limit=PAGE_SIZE)
        undated = deadline_days.undated(session)
        plans = {d.id: d.plan_id for d in undated}
        numbers = occurrence_views.plan_numbers(session, plan_ids=set(plans.values()))
    lines = [t(req.lang, "deadlines.admin_title", count=len(waiting))]
    rows: list[tuple[Button, ...]] = []
    if not waiting:
        lines.append(t(req.lang, "deadlines.admin_none"))
    for n, v in enumerate(waiting, start=1):
        lines.append(
            t(
                req.lang,
                "deadlines.admin_item",
                n=n,
                unit=esc(v.unit_name),
                what=_what(req.lang, v),
                plan=plan_label(req.lang, v.plan_number),
                due=fmt_date(v.due_on),
                submitted=fmt_date(v.submitted_on) if v.submitted_on else "-",
            )
        )
        if v.note:
            lines.append(t(req.lang, "deadlines.note_line", note=esc(v.note)))
        rows.append(
            (
                Button(t(req.lang, "btn.confirm", n=n), f"dl:confirm:{v.id}"),
                Button(t(req.lang, "btn.return", n=n), f"dl:return:{v.id}"),
            )
        )
    if undated:
        lines += ["", t(req.lang, "deadlines.no_day_title")]
        for d in undated[:PAGE_SIZE]:
            lines.append(
                t(
                    req.lang,
                    "deadlines.no_day_item",
                    id=d.id,
                    recurrence=t(req.lang, f"recurrence.{d.recurrence}"),
                    plan=plan_label(req.lang, numbers.get(d.plan_id)),
                    text=esc(shorten(d.source, 120)),
                )
            )
            rows.append((Button(t(req.lang, "btn.set_day", n=f"#{d.id}"), f"dl:day:{d.id}"),))
    return Reply("\n".join(lines), buttons=tuple(rows))


async def list_deadlines(req: Request) -> HandlerResult:
    """/hanbaocao: the unit's deadlines with their status; admins also see what awaits them."""
    page = int(req.args[0]) if req.args and req.args[0].isdigit() else 1
    replies = []
    if req.membership is not None:
        replies.append(unit_page(req, page))
    if req.is_admin:
        replies.append(admin_view(req))
    return replies


# --- buttons -------------------------------------------------------------------------------------


async def on_callback(req: Request) -> HandlerResult:
    action, *rest = req.args or [""]
    ids = [int(x) for x in rest if x.isdigit()]
    try:
        if action == "list":
            if req.membership is None:
                return admin_view(req)
            return unit_page(req, ids[0] if ids else 1)
        if action == "done" and ids:
            return _done(req, ids[0])
        if action == "skipnote":
            occurrence_id = flow_data(req).get("occurrence")
            set_flow(req, None)
            if isinstance(occurrence_id, int):
                submit.tell_receivers(req, occurrence_id=occurrence_id, row=None)
            return Reply(t(req.lang, "deadlines.note_skipped"))
        if action == "snooze" and len(ids) == 2:
            return _snooze(req, ids[0], ids[1])
        if action in ("confirm", "return", "day", "admin") and not req.is_admin:
            return Reply(t(req.lang, "deadlines.admin_only"))
        if action == "confirm" and ids:
            return closing.confirm(req, ids[0])
        if action == "return" and ids:
            return closing.ask_reason(req, ids[0])
        if action == "day" and ids:
            return ask_day(req, ids[0])
        if action == "admin":
            return admin_view(req)
    except OccurrenceError as exc:
        return _error(req, exc)
    return Reply(t(req.lang, "router.unknown"))


def _done(req: Request, occurrence_id: int) -> Reply:
    assert req.person.id is not None
    with req.app.db.session() as session:
        closing_svc.mark_submitted(
            session, occurrence_id=occurrence_id, person_id=req.person.id, note=None, now=req.app.clock.now()
        )
        v = occurrence_views.get_view(session, occurrence_id=occurrence_id, today=local_today(req.app.clock))
    set_flow(req, NOTE_FLOW, {"occurrence": occurrence_id})
    return Reply(
        t(req.lang, "deadlines.submitted", what=_what(req.lang, v), due=fmt_date(v.due_on)),
        buttons=((Button(t(req.lang, "btn.skip_note"), "dl:skipnote"),),),
    )


def _snooze(req: Request, occurrence_id: int, days: int) -> Reply:
    assert req.person.id is not None
    today = local_today(req.app.clock)
    with req.app.db.session() as session:
        until = closing_svc.snooze(
            session, occurrence_id=occurrence_id, person_id=req.person.id, days=days, today=today
        )
        v = occurrence_views.get_view(session, occurrence_id=occurrence_id, today=today)
    return Reply(t(req.lang, "deadlines.snoozed", what=_what(req.lang, v), until=fmt_date(until)))


# --- notes and days (multi-step) -----------------------------------------------------------------


async def got_note(req: Request) -> Reply:
    """What comes after Đã nộp: the report itself (a file, a link or a short text; handlers.submit)."""
    occurrence_id = flow_data(req).get("occurrence")
    empty = req.incoming.file is None and not (req.args[0] if req.args else "").strip()
    if not isinstance(occurrence_id, int) or empty:
        set_flow(req, None)
        return Reply(t(req.lang, "deadlines.note_skipped"))
    return await submit.receive(req, occurrence_id)


def ask_day(req: Request, deadline_id: int) -> Reply:
    """Which day for a deadline the plan left open (the admin view's button, the buttons after an
    import): the next line typed is the day."""
    with req.app.db.session() as session:
        deadline = deadline_days.get_deadline(session, deadline_id=deadline_id)
    if deadline is None:
        return Reply(t(req.lang, "deadlines.not_found"))
    set_flow(req, DAY_FLOW, {"deadline": deadline_id})
    return Reply(
        t(
            req.lang,
            "deadlines.day_ask",
            id=deadline_id,
            text=esc(shorten(deadline.source, 300)),
            recurrence=t(req.lang, f"recurrence.{deadline.recurrence}"),
        )
    )


def _set_day(req: Request, deadline_id: int, text: str) -> Reply:
    m = _DAY.match(text)
    if m is None:
        return Reply(t(req.lang, "deadlines.day_usage"))
    day, month, year = int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None
    try:
        with req.app.db.session() as session:
            deadline = deadline_days.set_deadline_day(
                session,
                deadline_id=deadline_id,
                day=day,
                month=month,
                year=year,
                today=local_today(req.app.clock),
            )
            recurrence = deadline.recurrence
    except OccurrenceError as exc:
        return _error(req, exc)
    set_flow(req, None)
    rule = f"{t(req.lang, f'recurrence.{recurrence}')} " + "/".join(
        str(x) for x in (day, month, year) if x is not None
    )
    return Reply(t(req.lang, "deadlines.day_set", id=deadline_id, rule=esc(rule)))


async def got_day(req: Request) -> Reply:
    deadline_id = flow_data(req).get("deadline")
    if not isinstance(deadline_id, int):
        set_flow(req, None)
        return Reply(t(req.lang, "deadlines.day_usage"))
    return _set_day(req, deadline_id, req.args[0] if req.args else "")


async def set_day_command(req: Request) -> Reply:
    """/datngay <deadline id> <day>[/<month>]"""
    if len(req.args) != 2 or not req.args[0].lstrip("#").isdigit():
        return Reply(t(req.lang, "deadlines.day_usage"))
    return _set_day(req, int(req.args[0].lstrip("#")), req.args[1])


# --- /lich ---------------------------------------------------------------------------------------


async def calendar_file(req: Request) -> Reply:
    """/lich: the unit's deadlines as an .ics file (recurring ones as RRULE)."""
    if req.membership is None:
        return Reply(t(req.lang, "deadlines.no_unit"))
    with req.app.db.session() as session:
        content = unit_calendar(
            session, unit_id=req.membership.unit_id, today=local_today(req.app.clock), lang=req.lang
        )
        unit_name = occurrence_views.unit_name(session, unit_id=req.membership.unit_id)
    return Reply(
        t(req.lang, "deadlines.ics_caption", unit=esc(unit_name)),
        file=OutgoingFile("han-bao-cao.ics", content, ICS_MIME),
    )


def register(router: Router) -> None:
    router.command("hanbaocao", "deadlines", "hbc", access=Access.member)(list_deadlines)
    router.command("lich", "calendar", access=Access.member)(calendar_file)
    router.command("datngay", "setday", access=Access.admin)(set_day_command)
    router.callback("dl", access=Access.member)(on_callback)
    router.flow(NOTE_FLOW, access=Access.member, files=True)(got_note)
    router.flow(DAY_FLOW, access=Access.admin)(got_day)
