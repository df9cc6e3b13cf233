"""Admin housekeeping in chat: making another person an admin, and taking that back.

Either way the person's own command menu follows at once (`AppServices.admin_changed`, which the
composition root points at the channels), once the change is committed.
"""

from __future__ import annotations

from handlers.args import rest
from handlers.context import Request
from handlers.i18n import t
from handlers.notify import notify_person
from handlers.render import esc
from handlers.router import Access, Router
from handlers.types import Reply
from services.members import accounts_of, find_account, set_admin
from storage.models import Person


async def promote(req: Request) -> Reply:
    """/promote @username | /promote telegram:123 (admins only, checked by the router on every call)."""
    who = rest(req)
    if not who:
        return Reply(t(req.lang, "admin.promote_usage"))
    with req.app.db.session() as session:
        account = find_account(session, who=who)
        if account is None:
            return Reply(t(req.lang, "admin.no_such_user", who=esc(who)))
        person = set_admin(session, person_id=account.person_id, admin=True, by=req.person.id)
    await req.app.admin_changed(person.id or 0)
    notify_person(
        req.app,
        person_id=person.id or 0,
        render=lambda lang: Reply(t(lang, "admin.you_are_admin")),
        key=f"promote:{person.id}:{req.app.clock.now():%Y%m%d%H%M%S}",
    )
    return Reply(t(req.lang, "admin.promoted", name=esc(person.display_name)))


async def demote(req: Request) -> Reply:
    """/demote @username | /demote telegram:123 (admins only). An admin named in the ADMINS setting
    is refused: the router would make them an admin again on their next message."""
    who = rest(req)
    if not who:
        return Reply(t(req.lang, "admin.demote_usage"))
    with req.app.db.session() as session:
        account = find_account(session, who=who)
        if account is None:
            return Reply(t(req.lang, "admin.no_such_user", who=esc(who)))
        person = session.get_one(Person, account.person_id)
        name = esc(person.display_name)
        if not person.is_admin:
            return Reply(t(req.lang, "admin.not_admin", name=name))
        configured = set(req.app.settings.admins)
        if any(
            f"{a.channel}:{a.external_id}" in configured
            for a in accounts_of(session, person_id=person.id or 0)
        ):
            return Reply(t(req.lang, "admin.configured", name=name))
        set_admin(session, person_id=account.person_id, admin=False, by=req.person.id)
    await req.app.admin_changed(account.person_id)
    notify_person(
        req.app,
        person_id=account.person_id,
        render=lambda lang: Reply(t(lang, "admin.you_are_not_admin")),
        key=f"demote:{account.person_id}:{req.app.clock.now():%Y%m%d%H%M%S}",
    )
    return Reply(t(req.lang, "admin.demoted", name=name))


def register(router: Router) -> None:
    router.command("promote", "capquyen", access=Access.admin)(promote)
    router.command("demote", "huyquyen", access=Access.admin)(demote)
