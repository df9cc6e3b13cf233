"""Admin housekeeping in chat: promoting another person to admin."""

from __future__ import annotations

from handlers.args import rest
from handlers.context import Request
from handlers.i18n import t
from handlers.notify import notify_person
from handlers.render import esc
from handlers.router import Access, Router
from handlers.types import Reply
from services.members import find_account, set_admin


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
    notify_person(
        req.app,
        person_id=person.id or 0,
        render=lambda lang: Reply(t(lang, "admin.you_are_admin")),
        key=f"promote:{person.id}:{req.app.clock.now():%Y%m%d%H%M%S}",
    )
    return Reply(t(req.lang, "admin.promoted", name=esc(person.display_name)))


def register(router: Router) -> None:
    router.command("promote", "capquyen", access=Access.admin)(promote)
