"""/baocao: a draft report (.docx, Nghị định 30/2020 format) for a deadline the unit owes.

/baocao lists the unit's open report deadlines (one of them: its draft at once); `rp:d:<occurrence>`
(the list, reminders and nudges) sends the draft of that one. The officer edits it and sends it back
with Đã nộp. Building the document runs off the event loop, with a time limit.
"""

from __future__ import annotations

import asyncio

from handlers import submit
from handlers.context import Request
from handlers.router import Access, HandlerResult, Router
from messages.i18n import t
from messages.reminders import fmt_date, plan_label, what
from messages.types import Button, OutgoingFile, Reply
from services import closing, occurrence_views, report_draft
from services import occurrences as occ_svc
from services.clock import local_today
from services.occurrences import OccurrenceError

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BUILD_SECONDS = 20.0
MAX_CHOICES = 10


async def draft(req: Request, occurrence_id: int) -> Reply:
    assert req.person.id is not None
    today = local_today(req.app.clock)
    with req.app.db.session() as session:
        closing.owed_by_member(session, occurrence_id=occurrence_id, person_id=req.person.id)

    def build() -> report_draft.Draft:
        with req.app.db.session() as session:
            return report_draft.build(session, occurrence_id=occurrence_id, today=today)

    doc = await asyncio.wait_for(asyncio.to_thread(build), BUILD_SECONDS)
    return Reply(
        t(req.lang, "report.caption", duties=doc.duties),
        buttons=((Button(t(req.lang, "btn.done", n="").strip(), f"dl:done:{occurrence_id}"),),),
        file=OutgoingFile(doc.filename, doc.content, DOCX),
    )


async def list_drafts(req: Request) -> HandlerResult:
    """/baocao: the unit's open report deadlines to draft."""
    if req.membership is None:
        return Reply(t(req.lang, "deadlines.no_unit"))
    today = local_today(req.app.clock)
    with req.app.db.session() as session:
        items = [
            v
            for v in occurrence_views.unit_occurrences(session, unit_id=req.membership.unit_id, today=today)
            if v.state in occ_svc.OPEN_STATES and v.action == "report"
        ][:MAX_CHOICES]
    if not items:
        return Reply(t(req.lang, "report.none"))
    try:
        if len(items) == 1:
            return await draft(req, items[0].id)
    except OccurrenceError as exc:
        return submit.error_reply(req, exc)
    lines = [t(req.lang, "report.choose")]
    for n, v in enumerate(items, start=1):
        lines.append(
            t(
                req.lang,
                "report.item",
                n=n,
                what=what(req.lang, action=v.action, recipient=v.recipient),
                plan=plan_label(req.lang, v.plan_number),
                due=fmt_date(v.due_on),
                status=t(req.lang, f"deadlines.status.{v.status.value}"),
            )
        )
    buttons = [
        Button(t(req.lang, "report.btn.item", n=n), f"rp:d:{v.id}") for n, v in enumerate(items, start=1)
    ]
    return Reply(
        "\n".join(lines), buttons=tuple(tuple(buttons[i : i + 5]) for i in range(0, len(buttons), 5))
    )


async def on_callback(req: Request) -> HandlerResult:
    action, *rest = req.args or [""]
    if action != "d" or not rest or not rest[0].isdigit():
        return Reply(t(req.lang, "router.unknown"))
    try:
        return await draft(req, int(rest[0]))
    except OccurrenceError as exc:
        return submit.error_reply(req, exc)
    except TimeoutError:
        return Reply(t(req.lang, "collector.too_slow"))


def register(router: Router) -> None:
    router.command("baocao", "draft", access=Access.member, expensive=True)(list_drafts)
    router.callback("rp", access=Access.member, expensive=True)(on_callback)
