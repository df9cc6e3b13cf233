"""Admin housekeeping in chat: making another person an admin, and taking that back.

Either way the person's own command menu follows at once (`AppServices.admin_changed`, which the
composition root points at the channels), once the change is committed.
"""

from __future__ import annotations

from handlers.args import rest
from handlers.context import Request
from handlers.router import Access, Router
from messages.i18n import t
from messages.render import esc, quote
from messages.types import Reply
from services.members import accounts_of, find_account, get_person, set_admin
from services.notices import notify_person


async def promote(req: Request) -> Reply:
    """/promote @username | /promote telegram:123 (admins only, checked by the router on every call)."""
    who = rest(req)
    if not who:
        return Reply(t(req.lang, "admin.promote_usage"))
    with req.app.db.session() as session:
        account = find_account(session, who=who)
        if account is None:
            return Reply(t(req.lang, "admin.no_such_user", who=quote(who)))
        person = set_admin(session, person_id=account.person_id, admin=True, by=req.person.id)
    await _changed(req, person.id or 0, "promote", "admin.you_are_admin")
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
            return Reply(t(req.lang, "admin.no_such_user", who=quote(who)))
        person = get_person(session, person_id=account.person_id)
        assert person is not None  # an account's person is never deleted
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
    await _changed(req, account.person_id, "demote", "admin.you_are_not_admin")
    return Reply(t(req.lang, "admin.demoted", name=name))


async def _changed(req: Request, person_id: int, action: str, text_key: str) -> None:
    """After /promote or /demote: the person's command menus follow, and they are told (once)."""
    await req.app.admin_changed(person_id)
    now = req.app.clock.now()
    with req.app.db.session() as session:
        notify_person(
            session,
            person_id=person_id,
            build=lambda lang: Reply(t(lang, text_key)),
            dedup_prefix=f"{action}:{person_id}:{now:%Y%m%d%H%M%S}",
            now=now,
        )


def register(router: Router) -> None:
    router.command("promote", "capquyen", access=Access.admin)(promote)
    router.command("demote", "huyquyen", access=Access.admin)(demote)
