"""Importing a plan by chat: an admin sends the file, sees what was extracted, confirms; then sets
days for deadlines the plan left open. Nothing is stored before the confirmation.

Flow states: "imp.confirm" (a parsed plan waits in the flow data), "imp.day" (a deadline id waits for a
typed day). Callbacks: imp:ok, imp:no, imp:day:<deadline_id>.
"""

from __future__ import annotations

import hashlib
import re

from handlers.args import int_arg, rest
from handlers.context import Request
from handlers.doubts import doubt_texts
from handlers.i18n import t
from handlers.render import esc, quote, shorten
from handlers.router import Access, Router, flow_data, set_flow
from handlers.types import Button, Reply
from parsing.errors import DocumentError
from parsing.model import ParsedPlan
from services.clock import local_today
from services.deadline_days import undated
from services.importer import ImportResult, PlanImportError, import_plan, preview_plan
from services.occurrences import OccurrenceError, materialize, set_deadline_day
from services.plan_reading import ReadFailed, ReadTimedOut, read_plan_async
from storage.models import Deadline

_DAY = re.compile(r"^\s*(\d{1,2})(?:\s*[/.-]\s*(\d{1,2}))?(?:\s*[/.-]\s*(\d{4}))?\s*$")


def _list(req: Request, items: list[str]) -> str:
    return (
        esc("; ".join(shorten(i, 160) for i in items[:10]) + (" …" if len(items) > 10 else ""))
        if items
        else t(req.lang, "imp.none")
    )


async def receive_file(req: Request) -> Reply:
    file = req.incoming.file
    assert file is not None
    limit = req.app.settings.max_document_mb
    if file.size is not None and file.size > limit * 1024 * 1024:
        return Reply(t(req.lang, "imp.too_big", size=round(file.size / 2**20, 1), limit=limit))
    data = await file.fetch()
    seconds = req.app.settings.parse_timeout_seconds
    try:  # in a child process, off the event loop, stopped past the limit
        parsed = await read_plan_async(
            data, file.filename, max_bytes=limit * 1024 * 1024, limit_seconds=seconds
        )
    except DocumentError as exc:
        return Reply(esc(exc.message(req.lang)))
    except ReadTimedOut:
        return Reply(t(req.lang, "imp.too_slow", file=quote(file.filename), seconds=f"{seconds:g}"))
    except ReadFailed:
        return Reply(t(req.lang, "imp.read_failed", file=quote(file.filename)))
    digest = hashlib.sha256(data).hexdigest()
    with req.app.db.session() as session:
        result = preview_plan(
            session,
            parsed=parsed,
            source_name=file.filename,
            content_hash=digest,
            default_province=req.app.settings.default_province,
        )
    set_flow(req, "imp.confirm", {"plan": parsed.to_schema(), "name": file.filename, "hash": digest})
    removed = len(result.removed_assignments) + len(result.removed_deadlines)
    # a re-import that takes duties or deadlines away says so, and the button says it again
    ok = t(req.lang, "imp.confirm_removal", count=removed) if removed else t(req.lang, "imp.confirm")
    buttons = ((Button(ok, "imp:ok"), Button(t(req.lang, "imp.cancel"), "imp:no")),)
    return Reply(_preview_text(req, file.filename, result) + _removal_text(req, result), buttons=buttons)


REMOVED_SHOWN = 8


def _removal_text(req: Request, r: ImportResult) -> str:
    """What a re-import would take away from the stored plan, for the admin to confirm or cancel."""
    if not r.removed_assignments and not r.removed_deadlines:
        return ""
    # deadlines first: their reminders and submitted reports go with them
    lines = [t(req.lang, "imp.removed_deadline", text=quote(x, 160)) for x in r.removed_deadlines]
    lines += [t(req.lang, "imp.removed_duty", text=quote(x, 160)) for x in r.removed_assignments]
    if len(lines) > REMOVED_SHOWN:
        lines = [*lines[:REMOVED_SHOWN], t(req.lang, "imp.removed_more", count=len(lines) - REMOVED_SHOWN)]
    return t(
        req.lang,
        "imp.removed",
        assignments=len(r.removed_assignments),
        deadlines=len(r.removed_deadlines),
        items="\n".join(lines),
    )


def _preview_text(req: Request, filename: str, r: ImportResult) -> str:
    return t(
        req.lang,
        "imp.preview",
        file=esc(filename),
        number=esc(r.number or "-"),
        issuer=esc(r.issuer or "-"),
        title=esc(shorten(r.title or "-", 300)),
        jurisdiction=esc(r.jurisdiction or "-"),
        assignments=r.assignments,
        groups=r.group_assignments,
        deadlines=r.deadlines,
        undated=r.undated_deadlines,
        new_units=_list(req, r.new_units),
        unplaced=_list(req, r.unplaced),
        flagged=_list(req, r.flagged),
        warnings=_list(req, doubt_texts(req.lang, r.doubts)),
        status=t(req.lang, f"imp.status_{r.status}"),
    )


async def on_callback(req: Request) -> Reply:
    action = req.args[0] if req.args else ""
    if action == "ok":
        return _confirm(req)
    if action == "no":
        set_flow(req, None)
        return Reply(t(req.lang, "imp.cancelled"), edit_message_id=req.incoming.callback_message_id)
    if action == "day" and (deadline_id := int_arg(req, 1)) is not None:
        return _ask_day(req, deadline_id)
    return Reply(t(req.lang, "join.bad_request"))


def _confirm(req: Request) -> Reply:
    data = flow_data(req)
    if not isinstance(data.get("plan"), dict):
        return Reply(t(req.lang, "imp.expired"))
    parsed = ParsedPlan.from_schema(data["plan"])  # type: ignore[arg-type]
    with req.app.db.session() as session:
        result = import_plan(
            session,
            parsed=parsed,
            source_name=str(data["name"]),
            content_hash=str(data["hash"]),
            default_province=req.app.settings.default_province,
            now=req.app.clock.now(),
        )
        if result.plan_id:  # reminders start at once, not at the next daily re-dating
            materialize(session, today=local_today(req.app.clock), plan_id=result.plan_id)
        open_days = undated(session, plan_id=result.plan_id) if result.plan_id else []
    set_flow(req, None)
    done = Reply(
        t(
            req.lang,
            "imp.done",
            number=esc(result.number or result.title or "-"),
            assignments=result.assignments,
            deadlines=result.deadlines,
        ),
        edit_message_id=req.incoming.callback_message_id,
    )
    if not open_days:
        return done
    rows = tuple(
        (
            Button(
                shorten(f"{t(req.lang, f'recurrence.{d.recurrence}')}: {d.unit_text}", 60), f"imp:day:{d.id}"
            ),
        )
        for d in open_days
    )
    return Reply(done.html + "\n\n" + t(req.lang, "imp.undated"), buttons=rows)


def _ask_day(req: Request, deadline_id: int) -> Reply:
    with req.app.db.session() as session:
        deadline = session.get(Deadline, deadline_id)
    if deadline is None:
        return Reply(t(req.lang, "join.bad_request"))
    set_flow(req, "imp.day", {"deadline": deadline_id})
    return Reply(
        t(
            req.lang,
            "imp.ask_day",
            text=esc(shorten(deadline.source, 300)),
            recurrence=t(req.lang, f"recurrence.{deadline.recurrence}"),
        )
    )


async def got_day(req: Request) -> Reply:
    text = rest(req)
    m = _DAY.match(text)
    deadline_id = flow_data(req).get("deadline")
    if m is None or not isinstance(deadline_id, int):
        return Reply(t(req.lang, "imp.bad_day", text=quote(text)))
    day, month, year = int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None
    try:
        with req.app.db.session() as session:
            set_deadline_day(
                session,
                deadline_id=deadline_id,
                month=month,
                day=day,
                year=year,
                today=local_today(req.app.clock),
            )
    except PlanImportError as exc:
        return Reply(esc(exc.message(req.lang)))
    except OccurrenceError as exc:
        return Reply(t(req.lang, exc.key))
    set_flow(req, None)
    return Reply(t(req.lang, "imp.day_set", day=quote(text)))


def register(router: Router) -> None:
    router.file(access=Access.admin)(receive_file)
    router.callback("imp", access=Access.admin)(on_callback)
    router.flow("imp.day", access=Access.admin)(got_day)
