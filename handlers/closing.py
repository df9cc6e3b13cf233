"""The receiving side's two steps, in chat: confirm a submitted report, or send it back with a reason.
The owing unit is told either way. One path for the collector's board (col:c, col:r) and for
/hanbaocao's admin view (dl:confirm, dl:return).

    [✔️ n] ──> confirmed ──> the owing unit: "confirmed by ..."
    [↩️ n] ──> reason? ──(text)──> returned ──> the owing unit: "sent back by ..., because ...";
                                                reminders resume

Who may act is checked by the service on every call (`check_receiver`, `confirm`, `send_back`).
"""

from __future__ import annotations

import datetime as dt

from handlers import submit
from handlers.context import Request
from handlers.router import Access, Router, flow_data, set_flow
from messages.i18n import t
from messages.reminders import fmt_date, what
from messages.render import esc
from messages.types import Button, Reply
from services import closing as closing_svc
from services import collector, occurrence_views, submissions
from services import occurrences as occ_svc
from services.clock import local_today
from services.notices import notify_unit
from services.occurrence_views import OccurrenceView
from services.occurrences import OccurrenceError
from storage.db import Session
from storage.enums import OccurrenceStatus

RETURN_FLOW = "col.reason"


def _board_button(lang: str, v: OccurrenceView) -> tuple[tuple[Button, ...], ...]:
    return ((Button(t(lang, "collector.btn.board"), f"col:b:{v.deadline_id}:{v.due_on:%Y%m%d}:1"),),)


def _tell_owing_unit(session: Session, v: OccurrenceView, *, by_person: str, now: dt.datetime) -> int:
    """The owing unit's members hear that its report was confirmed or sent back, and by whom (the
    receiving unit, else the admin who acted)."""
    receiving = submissions.receiving_unit_of(session, occurrence_id=v.id)
    by = esc(receiving.name if receiving is not None else by_person)
    returned = v.state == OccurrenceStatus.returned

    def build(lang: str) -> Reply:
        named = {
            "by": by,
            "what": what(lang, action=v.action, recipient=v.recipient),
            "due": fmt_date(v.due_on),
        }
        if not returned:
            return Reply(t(lang, "collector.confirmed_notice", **named))
        return Reply(
            t(lang, "collector.returned_notice", reason=esc(v.returned_reason or ""), **named),
            buttons=((Button(t(lang, "btn.done", n="").strip(), f"dl:done:{v.id}"),),),
        )

    event = f"returned:{v.id}:{int(now.timestamp())}" if returned else f"confirmed:{v.id}"
    return notify_unit(session, unit_id=v.unit_id, build=build, dedup_prefix=event, now=now)


def confirm(req: Request, occurrence_id: int) -> Reply:
    assert req.person.id is not None
    now = req.app.clock.now()
    with req.app.db.session() as session:
        closing_svc.confirm(session, occurrence_id=occurrence_id, admin_id=req.person.id, now=now)
        v = occurrence_views.get_view(session, occurrence_id=occurrence_id, today=local_today(req.app.clock))
        _tell_owing_unit(session, v, by_person=req.person.display_name, now=now)
    return Reply(
        t(
            req.lang,
            "deadlines.confirmed",
            unit=esc(v.unit_name),
            what=what(req.lang, action=v.action, recipient=v.recipient),
            due=fmt_date(v.due_on),
        ),
        buttons=_board_button(req.lang, v),
    )


def ask_reason(req: Request, occurrence_id: int) -> Reply:
    assert req.person.id is not None
    with req.app.db.session() as session:
        v = occurrence_views.get_view(session, occurrence_id=occurrence_id, today=local_today(req.app.clock))
        collector.check_receiver(session, person_id=req.person.id, deadline_id=v.deadline_id)
    if v.state not in occ_svc.DONE_STATES:
        return Reply(t(req.lang, "deadlines.not_submitted"))
    set_flow(req, RETURN_FLOW, {"occurrence": occurrence_id})
    return Reply(t(req.lang, "collector.reason_ask", unit=esc(v.unit_name)))


async def got_reason(req: Request) -> Reply:
    """The reason typed after ↩️ Trả lại: the report goes back with it, the owing unit is told."""
    occurrence_id = flow_data(req).get("occurrence")
    reason = (req.args[0] if req.args else "").strip()
    if not isinstance(occurrence_id, int):
        set_flow(req, None)
        return Reply(t(req.lang, "deadlines.not_found"))
    if not reason:
        return Reply(t(req.lang, "collector.reason_ask", unit=""))
    assert req.person.id is not None
    now = req.app.clock.now()
    try:
        with req.app.db.session() as session:
            closing_svc.send_back(session, occurrence_id=occurrence_id, admin_id=req.person.id, reason=reason)
            v = occurrence_views.get_view(
                session, occurrence_id=occurrence_id, today=local_today(req.app.clock)
            )
            _tell_owing_unit(session, v, by_person=req.person.display_name, now=now)
    except OccurrenceError as exc:
        set_flow(req, None)
        return submit.error_reply(req, exc)
    set_flow(req, None)
    return Reply(
        t(req.lang, "collector.returned", unit=esc(v.unit_name), reason=esc(v.returned_reason or "")),
        buttons=_board_button(req.lang, v),
    )


def register(router: Router) -> None:
    router.flow(RETURN_FLOW, access=Access.member)(got_reason)
