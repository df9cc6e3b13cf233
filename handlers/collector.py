"""The collector's board: /theodoi, its menu button and "ai chưa nộp báo cáo", for the unit that
receives a deadline's reports (services.collector).

    /theodoi ──> collections (one per deadline and due date) ──[n]──> board of one collection
    board ──[✔️ n]──> confirmed (the owing unit is told)
          ──[↩️ n]──> reason? ──(text)──> returned (the owing unit is told, reminders resume)
          ──[📣]──> every unit still missing nudged (once a day each)
          ──[📎 n]──> the submitted file      ──[📊]──> .xlsx      ──[📈]──> submissions over time

Callback data (at most 64 bytes): col:l:<page>, col:b:<deadline>:<yyyymmdd>:<page>, col:c:<occ>,
col:r:<occ>, col:f:<submission>; and, spending the person's rate limit (heavier work), colx:n (nudge),
colx:x (.xlsx) and colx:g (chart), each with :<deadline>:<yyyymmdd>. On Zalo and the console the
buttons are numbered choices (the router). Who may see or act is checked by the service on every
call (`check_receiver`, `confirm`, `send_back`).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re

from handlers import closing, submit
from handlers.args import int_arg
from handlers.context import ChannelCaps, Request
from handlers.paging import nav_buttons, page_of
from handlers.router import Access, HandlerResult, Router
from messages.i18n import t
from messages.reminders import fmt_date, plan_label, what
from messages.render import esc
from messages.types import Button, OutgoingFile, Reply
from parsing.vntext import fold
from services import charts, collector, collector_export, nudges, submissions
from services import occurrences as occ_svc
from services.clock import VN_TZ, local_date, local_now, local_today
from services.collector import Board, BoardRow, BoardState, Collection, RowDetail
from services.nudges import NudgeTarget
from services.occurrences import OccurrenceError
from services.reminder_policy import ReminderPolicy
from storage.enums import OccurrenceStatus, SubmissionKind

LIST_PAGE = 8
LINE_CHARS = 170  # a board line with its state, submission and confirmation, for the page size
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RENDER_SECONDS = 20.0  # an export or chart that takes longer is refused, the bot keeps serving
_ASK = re.compile(
    r"\b(?:ai|don vi nao|nhung don vi nao|con ai|con don vi nao)\s+(?:chua|chua he)\s+(?:nop|gui)"
    r"(?:\s+bao cao)?\b"
    r"|\b(?:theo doi|tinh hinh)\s+(?:nop\s+)?bao cao\b|\bbang theo doi\b"
    r"|\bwho (?:has not|hasn't|have not|haven't) (?:reported|submitted)\b|\bcollector'?s? board\b"
)
STATE_ICON = {
    BoardState.overdue: "⛔",
    BoardState.not_yet: "⏳",
    BoardState.late: "🟠",
    BoardState.on_time: "✅",
}


def is_board_question(text: str) -> bool:
    return bool(_ASK.search(fold(text)))


def per_page(caps: ChannelCaps) -> int:
    """Units per board page: what fits the channel's message with the header and numbered choices."""
    budget = min(caps.text_limit, 4096) - 900
    return max(5, min(15, budget // LINE_CHARS))


def _day(value: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(value, "%Y%m%d").date()
    except ValueError:
        return None


def _key(c: Collection) -> str:
    return f"{c.deadline_id}:{c.due_on:%Y%m%d}"


def _summary(lang: str, c: Collection) -> str:
    return t(
        lang,
        "collector.summary",
        submitted=c.submitted,
        total=c.total,
        on_time=c.counts[BoardState.on_time],
        late=c.counts[BoardState.late],
        missing=c.missing,
        overdue=c.counts[BoardState.overdue],
        awaiting=c.awaiting,
    )


def _title(lang: str, c: Collection) -> str:
    return t(
        lang,
        "collector.title",
        what=what(lang, action=c.action, recipient=c.recipient or c.receiving_unit),
        plan=plan_label(lang, c.plan_number),
        due=fmt_date(c.due_on),
    )


# --- the list of collections -------------------------------------------------------------------


def _receiving_unit(req: Request) -> int | None:
    """The unit whose board the person sees; None for an admin with no unit (every board)."""
    return req.membership.unit_id if req.membership is not None else None


def list_page(req: Request, page: int) -> Reply:
    today = local_today(req.app.clock)
    unit_id = _receiving_unit(req)
    with req.app.db.session() as session:
        found = collector.collections(session, unit_id=None if req.is_admin else unit_id, today=today)
    if not found:
        return Reply(t(req.lang, "collector.none"))
    if len(found) == 1 and page == 1 and req.incoming.callback is None:
        return board_page(req, found[0].deadline_id, found[0].due_on, 1)
    page, pages, first = page_of(len(found), page, LIST_PAGE)
    lines = [t(req.lang, "collector.list_title", page=page, pages=pages)]
    rows: list[tuple[Button, ...]] = []
    for n, c in enumerate(found[first : first + LIST_PAGE], start=first + 1):
        lines.append(f"{n}. {_title(req.lang, c)}")
        if req.is_admin:
            lines.append("   " + t(req.lang, "collector.receiver", unit=esc(c.receiving_unit)))
        lines.append("   " + _summary(req.lang, c))
        rows.append((Button(t(req.lang, "collector.btn.open", n=n), f"col:b:{_key(c)}:1"),))
    nav = nav_buttons(req.lang, page, pages, lambda n: f"col:l:{n}")
    if nav:
        rows.append(tuple(nav))
    return Reply("\n".join(lines), buttons=tuple(rows), edit_message_id=req.incoming.callback_message_id)


# --- one board ---------------------------------------------------------------------------------


def _load(req: Request, deadline_id: int, due_on: dt.date) -> Board:
    assert req.person.id is not None
    with req.app.db.session() as session:
        collector.check_receiver(session, person_id=req.person.id, deadline_id=deadline_id)
        return collector.board(
            session, deadline_id=deadline_id, due_on=due_on, today=local_today(req.app.clock)
        )


def _row_line(lang: str, n: int, r: BoardRow, d: RowDetail) -> str:
    state = t(lang, f"collector.state.{r.state.value}")
    parts = [f"{n}. {STATE_ICON[r.state]} <b>{esc(r.unit_name)}</b>: {state}"]
    if d.submitted_at is not None and r.workflow in occ_svc.DONE_STATES:
        parts.append(
            t(lang, "collector.submitted_on", when=f"{d.submitted_at.astimezone(VN_TZ):%d/%m %H:%M}")
        )
    if d.kind == SubmissionKind.file:
        parts.append(f"📎 {esc(d.filename or '')}")
    elif d.kind == SubmissionKind.link:
        link = esc(d.text or "")
        parts.append(f'🔗 <a href="{link}">{link}</a>')
    elif d.kind == SubmissionKind.text:
        text = d.text or ""
        parts.append("📝 " + esc(text if len(text) <= 80 else text[:79] + "…"))
    if r.workflow == OccurrenceStatus.confirmed:
        parts.append(t(lang, "collector.confirmed_by", name=esc(d.confirmed_by or "?")))
    elif r.workflow == OccurrenceStatus.submitted:
        parts.append(t(lang, "deadlines.state.submitted"))
    if d.returned_reason and r.workflow == OccurrenceStatus.returned:
        parts.append(t(lang, "collector.returned_because", reason=esc(d.returned_reason)))
    return " · ".join(parts)


def board_page(req: Request, deadline_id: int, due_on: dt.date, page: int) -> Reply:
    b = _load(req, deadline_id, due_on)
    c = b.collection
    size = per_page(req.caps)
    page, pages, first = page_of(len(b.rows), page, size)
    shown = b.rows[first : first + size]
    with req.app.db.session() as session:
        info = collector.details(session, shown)
    lang = req.lang
    lines = [
        "📥 " + _title(lang, c) + t(lang, "collector.page", page=page, pages=pages),
        t(lang, "collector.receiver", unit=esc(c.receiving_unit)),
        _summary(lang, c),
        "",
    ]
    rows: list[tuple[Button, ...]] = []
    for n, r in enumerate(shown, start=first + 1):
        d = info[r.occurrence_id]
        lines.append(_row_line(lang, n, r, d))
        row: list[Button] = []
        if d.kind == SubmissionKind.file and d.submission_id is not None:
            row.append(Button(t(lang, "collector.btn.file", n=n), f"col:f:{d.submission_id}"))
        if r.workflow == OccurrenceStatus.submitted:
            row.append(Button(t(lang, "btn.confirm", n=n), f"col:c:{r.occurrence_id}"))
            row.append(Button(t(lang, "btn.return", n=n), f"col:r:{r.occurrence_id}"))
        elif r.workflow == OccurrenceStatus.confirmed:
            row.append(Button(t(lang, "btn.return", n=n), f"col:r:{r.occurrence_id}"))
        if row:
            rows.append(tuple(row))
    key = _key(c)
    tools = []
    if c.missing:
        tools.append(Button(t(lang, "collector.btn.nudge", count=c.missing), f"colx:n:{key}"))
    tools += [
        Button(t(lang, "collector.btn.xlsx"), f"colx:x:{key}"),
        Button(t(lang, "collector.btn.chart"), f"colx:g:{key}"),
    ]
    rows.append(tuple(tools))
    nav = nav_buttons(lang, page, pages, lambda n: f"col:b:{key}:{n}")
    nav.append(Button(t(lang, "collector.btn.list"), "col:l:1"))
    rows.append(tuple(nav))
    return Reply("\n".join(lines), buttons=tuple(rows), edit_message_id=req.incoming.callback_message_id)


# --- actions -----------------------------------------------------------------------------------


def _quiet_until(req: Request) -> dt.datetime | None:
    """A nudge asked in quiet hours waits for the next morning's reminder time."""
    policy = ReminderPolicy.from_settings(req.app.settings)
    local = local_now(req.app.clock)
    if not policy.in_quiet_hours(local.time()):
        return None
    day = local.date() if local.time() < policy.reminder_time else local.date() + dt.timedelta(days=1)
    return dt.datetime.combine(day, policy.reminder_time, tzinfo=VN_TZ)


def _nudge(req: Request, deadline_id: int, due_on: dt.date) -> Reply:
    assert req.person.id is not None
    today = local_today(req.app.clock)
    with req.app.db.session() as session:
        receiving = collector.collection_of(session, deadline_id=deadline_id, due_on=due_on)

        def build(lang: str, item: NudgeTarget) -> Reply:
            html = t(
                lang,
                "collector.nudge_message",
                by=esc(receiving.receiving_unit),
                unit=esc(item.unit_name),
                what=what(lang, action=receiving.action, recipient=receiving.recipient),
                plan=plan_label(lang, receiving.plan_number),
                due=fmt_date(due_on),
                status=t(lang, f"deadlines.status.{item.status.value}"),
            )
            buttons = (
                (Button(t(lang, "btn.done", n="").strip(), f"dl:done:{item.occurrence_id}"),),
                (Button(t(lang, "report.btn.draft"), f"rp:d:{item.occurrence_id}"),),
            )
            return Reply(html, buttons=buttons)

        result = nudges.nudge(
            session,
            deadline_id=deadline_id,
            due_on=due_on,
            person_id=req.person.id,
            now=req.app.clock.now(),
            today=today,
            build=build,
            not_before=_quiet_until(req),
        )
    if result.missing_units == 0:
        return Reply(t(req.lang, "collector.nudge_nobody"))
    html = t(
        req.lang, "collector.nudged", units=result.units, people=result.people, missing=result.missing_units
    )
    if result.already:
        html += "\n" + t(req.lang, "collector.nudged_already", people=result.already)
    if result.unreachable:
        html += "\n" + t(req.lang, "collector.nudged_unreachable", units=result.unreachable)
    return Reply(html)


async def _export(req: Request, deadline_id: int, due_on: dt.date) -> Reply:
    board = _load(req, deadline_id, due_on)

    def build() -> bytes:
        with req.app.db.session() as session:
            return collector_export.board_xlsx(session, board=board, lang=req.lang)

    content = await asyncio.wait_for(asyncio.to_thread(build), RENDER_SECONDS)
    name = f"theo-doi-bao-cao-{deadline_id}-{due_on:%Y%m%d}.xlsx"
    return Reply(
        t(req.lang, "collector.xlsx_caption", title=_title(req.lang, board.collection)),
        file=OutgoingFile(name, content, XLSX),
    )


async def _chart(req: Request, deadline_id: int, due_on: dt.date) -> list[Reply]:
    board = _load(req, deadline_id, due_on)
    with req.app.db.session() as session:
        times, total = collector.submission_times(session, deadline_id=deadline_id, due_on=due_on)
    c = board.collection
    title = t(req.lang, "collector.chart_title", due=fmt_date(due_on))
    png = await asyncio.wait_for(
        asyncio.to_thread(
            charts.submissions_chart,
            times=times,
            total=total,
            due_on=due_on,
            title=title,
            labels=charts.Labels.of(req.lang),
        ),
        RENDER_SECONDS,
    )
    by_day: dict[dt.date, int] = {}
    for when in times:
        day = local_date(when)
        by_day[day] = by_day.get(day, 0) + 1
    lines = [_title(req.lang, c), _summary(req.lang, c)]
    running = 0
    for day in sorted(by_day):
        running += by_day[day]
        lines.append(
            t(req.lang, "collector.chart_day", day=f"{day:%d/%m}", count=by_day[day], total=running, of=total)
        )
    text = Reply("\n".join(lines))
    picture = Reply(
        title, file=OutgoingFile(f"nop-bao-cao-{due_on:%Y%m%d}.png", png.png, "image/png", photo=True)
    )
    return [text, picture] if req.caps.supports_buttons else [text]


def _file(req: Request, submission_id: int) -> Reply:
    assert req.person.id is not None
    with req.app.db.session() as session:
        row, path = submissions.stored_file(
            session, submission_id=submission_id, person_id=req.person.id, store=submit.store_of(req)
        )
    if not req.caps.supports_buttons:  # Zalo and the console cannot carry files to the user
        return Reply(t(req.lang, "collector.file_elsewhere", name=esc(row.filename or "")))
    return Reply(
        esc(row.filename or ""),
        file=OutgoingFile(row.filename or path.name, path.read_bytes(), row.mime_type or ""),
    )


# --- entry points ------------------------------------------------------------------------------


async def show_board(req: Request) -> HandlerResult:
    """/theodoi, the menu button and "ai chưa nộp báo cáo": the collections the unit receives."""
    command = bool(req.incoming.text and req.incoming.text.startswith("/"))
    return list_page(req, (int_arg(req, 0) or 1) if command else 1)


async def on_callback(req: Request) -> HandlerResult:
    action, *rest = req.args or [""]
    try:
        if action == "l":
            return list_page(req, int_arg(req, 1) or 1)
        if action == "c" and int_arg(req, 1) is not None:
            return closing.confirm(req, int_arg(req, 1) or 0)
        if action == "r" and int_arg(req, 1) is not None:
            return closing.ask_reason(req, int_arg(req, 1) or 0)
        if action == "f" and int_arg(req, 1) is not None:
            return _file(req, int_arg(req, 1) or 0)
        deadline_id, due_on = int_arg(req, 1), _day(rest[1]) if len(rest) > 1 else None
        if deadline_id is None or due_on is None:
            return Reply(t(req.lang, "router.unknown"))
        if action == "b":
            return board_page(req, deadline_id, due_on, int_arg(req, 3) or 1)
        if action == "n":
            return _nudge(req, deadline_id, due_on)
        if action == "x":
            return await _export(req, deadline_id, due_on)
        if action == "g":
            return await _chart(req, deadline_id, due_on)
    except OccurrenceError as exc:
        return submit.error_reply(req, exc)
    except TimeoutError:
        return Reply(t(req.lang, "collector.too_slow"))
    return Reply(t(req.lang, "router.unknown"))


def register(router: Router) -> None:
    router.command("theodoi", "board", "chuanop", access=Access.member, expensive=True)(show_board)
    router.callback("col", access=Access.member)(on_callback)
    router.callback("colx", access=Access.member, expensive=True)(on_callback)
    router.intent(is_board_question, access=Access.member, expensive=True)(show_board)
