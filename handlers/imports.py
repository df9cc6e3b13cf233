"""Importing a plan by chat: an admin sends the file, sees what was extracted, corrects it where
needed (handlers.plan_review), confirms; then sets days for deadlines the plan left open. Nothing is
stored before the confirmation.

Flow state: "imp.day" (a deadline id waits for a typed day). Callbacks: imp:day:<deadline_id>, and
imp:ok / imp:no of previews shown before corrections existed.
"""

from __future__ import annotations

import re

from handlers import plan_review
from handlers.args import int_arg, rest
from handlers.context import Request
from handlers.plan_files import Upload, read_upload
from handlers.router import Access, Router, flow_data, set_flow
from messages.i18n import t
from messages.render import esc, quote, shorten
from messages.types import Reply
from services.clock import local_today
from services.importer import PlanImportError
from services.occurrences import OccurrenceError, set_deadline_day
from storage.models import Deadline

_DAY = re.compile(r"^\s*(\d{1,2})(?:\s*[/.-]\s*(\d{1,2}))?(?:\s*[/.-]\s*(\d{4}))?\s*$")


async def receive_file(req: Request) -> Reply:
    upload = await read_upload(req)  # in a child process, with a time limit and a status line
    if not isinstance(upload, Upload):
        return upload
    return await plan_review.open_import(req, upload)


async def on_callback(req: Request) -> Reply:
    action = req.args[0] if req.args else ""
    if action == "ok":  # the preview's buttons before corrections (rv:...) existed
        return await plan_review.confirm_pending(req)
    if action == "no":
        set_flow(req, None)
        return Reply(t(req.lang, "imp.cancelled"), edit_message_id=req.incoming.callback_message_id)
    if action == "day" and (deadline_id := int_arg(req, 1)) is not None:
        return _ask_day(req, deadline_id)
    return Reply(t(req.lang, "join.bad_request"))


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
