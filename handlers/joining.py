"""Joining a unit: invite codes (typed or via a t.me deep link), join requests, leaving.

Nobody sees plan content before this: the router's member gate sends them here.
"""

from __future__ import annotations

import datetime as dt

from handlers.args import int_arg, rest
from handlers.context import Request
from handlers.i18n import t
from handlers.notify import notify_admins, notify_person
from handlers.render import esc
from handlers.router import Access, Router
from handlers.types import Button, Reply
from services.clock import VN_TZ
from services.members import (
    CodeResult,
    decide_join,
    leave_unit,
    looks_like_code,
    redeem_invite,
    request_join,
)
from storage.models import Person, Unit


async def start(req: Request) -> Reply:
    """/start, or /start <code> from a deep link."""
    if req.args and looks_like_code(req.args[0]):
        return await redeem(req, req.args[0])
    if req.membership is not None:
        with req.app.db.session() as session:
            unit = session.get_one(Unit, req.membership.unit_id)
        return Reply(t(req.lang, "join.welcome_member", unit=esc(unit.name)))
    return Reply(t(req.lang, "join.welcome"))


async def typed_code(req: Request) -> Reply:
    return await redeem(req, rest(req))


async def redeem(req: Request, code: str) -> Reply:
    s = req.app.settings
    with req.app.db.session() as session:
        result = redeem_invite(
            session,
            account_id=req.account.id or 0,
            code=code,
            now=req.app.clock.now(),
            max_failures=s.invite_max_failures,
            lockout=dt.timedelta(minutes=s.invite_lockout_minutes),
        )
    if result.result is CodeResult.joined and result.unit is not None:
        return Reply(t(req.lang, "join.joined", unit=esc(result.unit.name)))
    if result.result is CodeResult.locked and result.locked_until is not None:
        return Reply(t(req.lang, "join.locked", time=local_now_str(req, result.locked_until)))
    return Reply(t(req.lang, "join.wrong_code", left=result.attempts_left))


def local_now_str(req: Request, when: dt.datetime) -> str:
    return when.astimezone(VN_TZ).strftime("%H:%M %d/%m/%Y")


async def ask_to_join(req: Request) -> Reply:
    """join:req:<unit_id>: the user picked a unit; admins get a one-tap approve/refuse."""
    unit_id = int_arg(req, 1)
    with req.app.db.session() as session:
        unit = session.get(Unit, unit_id) if unit_id is not None else None
        if unit is None or not unit.active:
            return Reply(t(req.lang, "join.bad_request"))
        jr = request_join(
            session, person_id=req.person.id or 0, unit_id=unit.id or 0, now=req.app.clock.now()
        )
    account = f"{req.account.channel}:{req.account.external_id}"

    def buttons(lang):
        return (
            (
                Button(t(lang, "join.approve"), f"join:ok:{jr.id}"),
                Button(t(lang, "join.refuse"), f"join:no:{jr.id}"),
            ),
        )

    notify_admins(
        req.app,
        render=lambda lang: Reply(
            t(
                lang,
                "join.admin_request",
                name=esc(req.person.display_name),
                account=esc(account),
                unit=esc(unit.name),
            ),
            buttons=buttons(lang),
        ),
        key=f"jr:{jr.id}",
    )
    return Reply(t(req.lang, "join.requested", unit=esc(unit.name)))


async def decide(req: Request) -> Reply:
    """join:ok:<id> / join:no:<id> (admins)."""
    verdict, request_id = (req.args[0] if req.args else ""), int_arg(req, 1)
    if verdict not in ("ok", "no") or request_id is None:
        return Reply(t(req.lang, "join.bad_request"))
    with req.app.db.session() as session:
        jr = decide_join(
            session,
            request_id=request_id,
            approve=verdict == "ok",
            admin_id=req.person.id or 0,
            now=req.app.clock.now(),
        )
        if jr is None:
            return Reply(t(req.lang, "join.already_decided"))
        unit = session.get_one(Unit, jr.unit_id)
        person = session.get_one(Person, jr.person_id)
    key = "join.approved" if verdict == "ok" else "join.refused"
    notify_person(
        req.app,
        person_id=person.id or 0,
        render=lambda lang: Reply(t(lang, key, unit=esc(unit.name))),
        key=f"jr:{jr.id}:{verdict}",
    )
    return Reply(
        t(
            req.lang,
            "join.decided",
            verdict=t(req.lang, f"join.verdict_{verdict}"),
            name=esc(person.display_name),
            unit=esc(unit.name),
        ),
        edit_message_id=req.incoming.callback_message_id,
    )


async def leave(req: Request) -> Reply:
    with req.app.db.session() as session:
        unit = leave_unit(session, person_id=req.person.id or 0, now=req.app.clock.now())
    if unit is None:
        return Reply(t(req.lang, "join.not_in_unit"))
    return Reply(t(req.lang, "join.left", unit=esc(unit.name)))


async def join_callback(req: Request) -> Reply:
    """join:<action>:<id>: one prefix, dispatched by action (admins' taps are checked again)."""
    action = req.args[0] if req.args else ""
    if action == "req":
        return await ask_to_join(req)
    if action in ("ok", "no"):
        if not req.is_admin:
            return Reply(t(req.lang, "router.admin_only"))
        return await decide(req)
    return Reply(t(req.lang, "join.bad_request"))


def register(router: Router) -> None:
    router.command("start", access=Access.anyone)(start)
    router.command("leave", "roi", access=Access.member)(leave)
    router.callback("join", access=Access.anyone)(join_callback)
    router.intent(looks_like_code, access=Access.anyone)(typed_code)
