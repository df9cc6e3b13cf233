"""Joining a unit: invite codes (typed or via a t.me deep link), join requests, leaving.

Nobody sees plan content before this: the router's member gate sends them here.
"""

from __future__ import annotations

import datetime as dt

from handlers.args import int_arg, rest
from handlers.context import Request
from handlers.router import Access, Router, set_flow
from messages.i18n import t
from messages.render import esc, quote
from messages.types import Button, Reply
from services.clock import local_time
from services.jurisdictions import province_id
from services.members import (
    CodeResult,
    create_invite,
    decide_join,
    get_person,
    leave_unit,
    looks_like_code,
    redeem_invite,
    request_join,
)
from services.notices import notify_admins, notify_person
from services.units import UnitMatch, get_unit, lookup_unit, search_units


async def start(req: Request) -> Reply:
    """/start, or /start <code> from a deep link."""
    if req.args and looks_like_code(req.args[0]):
        return await redeem(req, req.args[0])
    if req.membership is not None:
        with req.app.db.session() as session:
            unit = get_unit(session, unit_id=req.membership.unit_id)
        return Reply(t(req.lang, "join.welcome_member", unit=esc(unit.name if unit else "")))
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
        return Reply(t(req.lang, "join.locked", time=local_time(result.locked_until)))
    return Reply(t(req.lang, "join.wrong_code", left=result.attempts_left))


def find_units(req: Request, query: str) -> list[UnitMatch]:
    with req.app.db.session() as session:
        return search_units(session, query=query, limit=6)


def unit_buttons(matches: list[UnitMatch], prefix: str) -> tuple[tuple[Button, ...], ...]:
    return tuple((Button(_unit_label(m), f"{prefix}:{m.unit.id}"),) for m in matches)


def _unit_label(match: UnitMatch) -> str:
    return match.unit.name if match.jurisdiction is None else f"{match.unit.name} ({match.jurisdiction.name})"


async def join(req: Request) -> Reply:
    """/join [unit name]: pick the unit to ask for."""
    query = rest(req)
    if not query:
        set_flow(req, "join.unit")
        return Reply(t(req.lang, "join.ask_unit"))
    return await join_named(req, query)


async def join_named(req: Request, query: str) -> Reply:
    set_flow(req, None)
    matches = find_units(req, query)
    if not matches:
        return Reply(t(req.lang, "join.no_unit", query=quote(query)))
    return Reply(t(req.lang, "join.pick_unit"), buttons=unit_buttons(matches, "join:req"))


async def join_flow(req: Request) -> Reply:
    return await join_named(req, rest(req))


async def invite(req: Request) -> Reply:
    """/invite <unit name> (admins): a single-use code, and a deep link where the platform has them.

    An invite grants access, so the unit is found by the one rule of every entry point
    (`services.units.lookup_unit`: exact, or matched with confidence); otherwise the admin picks
    among the closest units, and nothing is created before that choice."""
    query = rest(req)
    if not query:
        return Reply(t(req.lang, "invite.ask_unit"))
    with req.app.db.session() as session:
        unit, matches = lookup_unit(
            session,
            words=query,
            prefer_jurisdiction_id=province_id(session, req.app.settings.default_province),
        )
    if unit is not None and unit.active:
        return make_invite(req, unit.id or 0)
    matches = [m for m in matches if m.unit.active]  # merged or dissolved units get no invite
    if not matches:
        return Reply(t(req.lang, "join.no_unit", query=quote(query)))
    return Reply(t(req.lang, "invite.suggest", query=quote(query)), buttons=unit_buttons(matches, "join:inv"))


def make_invite(req: Request, unit_id: int) -> Reply:
    ttl = dt.timedelta(hours=req.app.settings.invite_ttl_hours)
    with req.app.db.session() as session:
        unit = get_unit(session, unit_id=unit_id)
        if unit is None or not unit.active:
            return Reply(t(req.lang, "join.bad_request"))
        inv, code = create_invite(
            session, unit_id=unit_id, now=req.app.clock.now(), ttl=ttl, created_by=req.person.id
        )
    link = req.caps.invite_link
    extra = t(req.lang, "invite.link", url=esc(link.format(code=code))) if link else ""
    return Reply(
        t(
            req.lang,
            "invite.created",
            unit=esc(unit.name),
            code=esc(code),
            expires=local_time(inv.expires_at),
            link=extra,
        )
    )


async def ask_to_join(req: Request) -> Reply:
    """join:req:<unit_id>: the user picked a unit; admins get a one-tap approve/refuse."""
    unit_id = int_arg(req, 1)
    with req.app.db.session() as session:
        unit = get_unit(session, unit_id=unit_id) if unit_id is not None else None
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

    with req.app.db.session() as session:
        notify_admins(
            session,
            build=lambda lang: Reply(
                t(
                    lang,
                    "join.admin_request",
                    name=esc(req.person.display_name),
                    account=esc(account),
                    unit=esc(unit.name),
                ),
                buttons=buttons(lang),
            ),
            dedup_prefix=f"jr:{jr.id}",
            now=req.app.clock.now(),
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
        unit = get_unit(session, unit_id=jr.unit_id)
        person = get_person(session, person_id=jr.person_id)
        assert unit is not None and person is not None  # kept by their foreign keys
        key = "join.approved" if verdict == "ok" else "join.refused"
        notify_person(
            session,
            person_id=jr.person_id,
            build=lambda lang: Reply(t(lang, key, unit=esc(unit.name))),
            dedup_prefix=f"jr:{jr.id}:{verdict}",
            now=req.app.clock.now(),
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
    if action in ("ok", "no", "inv") and not req.is_admin:
        return Reply(t(req.lang, "router.admin_only"))
    if action in ("ok", "no"):
        return await decide(req)
    if action == "inv" and (unit_id := int_arg(req, 1)) is not None:
        return make_invite(req, unit_id)
    return Reply(t(req.lang, "join.bad_request"))


def register(router: Router) -> None:
    router.command("start", access=Access.anyone)(start)
    router.command("leave", "roi", access=Access.member)(leave)
    router.command("join", "thamgia", access=Access.anyone)(join)
    router.flow("join.unit", access=Access.anyone)(join_flow)
    router.command("invite", "moi", access=Access.admin)(invite)
    router.callback("join", access=Access.anyone)(join_callback)
    router.intent(looks_like_code, access=Access.anyone)(typed_code)
