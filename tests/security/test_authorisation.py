"""The authorisation matrix: every registered command, callback prefix, the file upload and the duty
question, for each of unregistered / officer / unit leader / admin, through the real router.

The routes are introspected from the router that `build_router` returns, so a command added later
is covered without touching this file. A denied call must answer with the gate's message and leave
every table exactly as it was; an allowed call must not be answered with a gate message.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select as sa_select
from sqlmodel import SQLModel, select

from config.settings import Settings
from handlers.context import AppServices, ChannelCaps
from handlers.registry import build_router
from handlers.router import Access, Router
from messages.i18n import t
from messages.types import Incoming, IncomingFile, Sender
from services.clock import ManualClock
from services.members import active_membership, ensure_account, join_unit, set_admin
from storage.db import Database
from storage.enums import MemberRole
from storage.models import ConversationState, Unit

RICH = ChannelCaps(name="telegram", text_limit=4096, supports_buttons=True, supports_html=True)
ROLES = ("unregistered", "officer", "leader", "admin")
ALLOWED: dict[Access, set[str]] = {
    Access.anyone: set(ROLES),
    Access.member: {"officer", "leader", "admin"},  # unit leaders have the officers' rights
    Access.admin: {"admin"},
}
USER_IDS = {"unregistered": "100", "officer": "101", "leader": "102", "admin": "103"}


def snapshot(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a comparable form."""
    with db.engine.connect() as conn:
        return {
            table.name: sorted((tuple(map(repr, row)) for row in conn.execute(sa_select(table))), key=str)
            for table in SQLModel.metadata.sorted_tables
        }


def restore(db: Database, clock: ManualClock) -> None:
    """Undo what an allowed call did to the roles themselves (/leave, a flow left open ...)."""
    with db.session() as s:
        for row in s.exec(select(ConversationState)).all():
            s.delete(row)
        unit = s.exec(select(Unit)).first()
        assert unit is not None and unit.id is not None
        for role in ("officer", "leader"):
            account = ensure_account(s, channel="telegram", external_id=USER_IDS[role])
            if active_membership(s, person_id=account.person_id) is None:
                member_role = MemberRole.leader if role == "leader" else MemberRole.officer
                join_unit(s, person_id=account.person_id, unit_id=unit.id, now=clock.now(), role=member_role)
        admin = ensure_account(s, channel="telegram", external_id=USER_IDS["admin"])
        set_admin(s, person_id=admin.person_id, admin=True, by=None)


@pytest.fixture
def world(db: Database, clock: ManualClock) -> tuple[Router, AppServices]:
    app = AppServices(db=db, clock=clock, settings=Settings(_env_file=None, admins=[]))  # type: ignore[call-arg]
    router = build_router(app)
    with db.session() as s:
        unit = Unit(name="Sở Tài chính", kind="so", key="so tai chinh")
        s.add(unit)
        s.flush()
        assert unit.id is not None
        for role, uid in USER_IDS.items():
            account = ensure_account(s, channel="telegram", external_id=uid)
            account.chat_id = uid
            s.add(account)
            if role in ("officer", "leader"):
                member_role = MemberRole.leader if role == "leader" else MemberRole.officer
                join_unit(s, person_id=account.person_id, unit_id=unit.id, now=clock.now(), role=member_role)
            if role == "admin":
                set_admin(s, person_id=account.person_id, admin=True, by=None)
    return router, app


def incoming(role: str, **kw: Any) -> Incoming:
    uid = USER_IDS[role]
    return Incoming(sender=Sender(channel="telegram", external_id=uid, chat_id=uid), **kw)


def cases(router: Router) -> list[tuple[str, Access, dict[str, Any]]]:
    """(label, required access, Incoming fields) for every route the router knows."""
    out: list[tuple[str, Access, dict[str, Any]]] = []
    for name in router.command_names:
        route = router.route_for_command(name)
        assert route is not None
        out.append((f"/{name}", route.access, {"text": f"/{name}"}))
    for prefix in router.callback_prefixes:
        route = router.route_for_callback(prefix)
        assert route is not None
        out.append((f"cb {prefix}", route.access, {"callback": f"{prefix}:x:1"}))

    async def fetch() -> bytes:
        return b"not a plan"

    out.append(("file", Access.admin, {"file": IncomingFile("plan.docx", 10, fetch)}))
    out.append(("question", Access.member, {"text": "Sở Tài chính phụ trách những nhiệm vụ gì?"}))
    return out


GATE_KEYS = ("router.not_member", "router.admin_only", "imp.not_admin_file")  # the last: files and photos


async def test_every_route_for_every_role(
    world: tuple[Router, AppServices], db: Database, clock: ManualClock
) -> None:
    router, _app = world
    all_cases = cases(router)
    assert len(router.command_names) >= 20 and len(router.callback_prefixes) >= 6  # introspection works
    gates = {t(lang, key) for key in GATE_KEYS for lang in ("vi", "en")}
    checked = 0
    problems: list[str] = []
    for label, access, fields in all_cases:
        for role in ROLES:
            restore(db, clock)
            before = snapshot(db)
            replies = await router.handle(incoming(role, **fields), RICH)
            denied = [r for r in replies if r.html in gates]
            if role in ALLOWED[access]:
                if denied:
                    problems.append(f"{label} as {role}: denied but should be allowed")
                if any(r.html == t("vi", "error.internal") for r in replies):
                    problems.append(f"{label} as {role}: handler crashed")
            else:
                if not denied or len(replies) != 1:
                    problems.append(f"{label} as {role}: allowed ({[r.html[:60] for r in replies]})")
                if snapshot(db) != before:
                    problems.append(f"{label} as {role}: denied call changed the database")
            checked += 1
    assert not problems, "\n".join(problems)
    assert checked == len(all_cases) * len(ROLES)
    print(f"authorisation matrix: {len(all_cases)} routes x {len(ROLES)} roles = {checked} checks")


async def test_revoked_admin_loses_access_at_once(
    world: tuple[Router, AppServices], db: Database, clock: ManualClock
) -> None:
    router, _ = world
    admin_only = [n for n in router.command_names if router.route_for_command(n).access is Access.admin]  # type: ignore[union-attr]
    assert admin_only
    first = await router.handle(incoming("admin", text=f"/{admin_only[0]}"), RICH)
    assert all(r.html != t("vi", "router.admin_only") for r in first)
    with db.session() as s:
        account = ensure_account(s, channel="telegram", external_id=USER_IDS["admin"])
        set_admin(s, person_id=account.person_id, admin=False, by=None)
    for name in admin_only:
        replies = await router.handle(incoming("admin", text=f"/{name}"), RICH)
        assert [r.html for r in replies] == [t("vi", "router.admin_only")], name


async def test_left_member_loses_member_routes(
    world: tuple[Router, AppServices], db: Database, clock: ManualClock
) -> None:
    router, _ = world
    assert (await router.handle(incoming("officer", text="/nhiemvu"), RICH))[0].html != t(
        "vi", "router.not_member"
    )
    await router.handle(incoming("officer", text="/leave"), RICH)
    clock.advance(dt.timedelta(minutes=1))
    replies = await router.handle(incoming("officer", text="/nhiemvu"), RICH)
    assert [r.html for r in replies] == [t("vi", "router.not_member")]
