"""/help and /lang: what the user can do here, and in which language."""

from __future__ import annotations

from handlers.args import rest
from handlers.context import Request
from handlers.router import Access, Router, set_flow
from messages.i18n import LANGS, t
from messages.types import Button, Reply
from services.members import set_language


async def show_help(req: Request) -> Reply:
    """Commands for what the user is: guest, member, admin."""
    text = t(req.lang, "help.member" if req.membership or req.is_admin else "help.guest")
    if req.is_admin:
        text += t(req.lang, "help.admin")
    # /help also gets a user out of a half-finished flow, but not out of a plan review: its
    # corrections are work the admin would lose ("huỷ" ends it)
    if req.state is not None and req.state.state and not req.state.state.startswith("rv."):
        set_flow(req, None)
    return Reply(text)


async def choose_lang(req: Request) -> Reply:
    if rest(req):
        return await _set(req, rest(req).lower()[:2])
    buttons = ((Button("Tiếng Việt", "lang:vi"), Button("English", "lang:en")),)
    return Reply(t(req.lang, "lang.choose"), buttons=buttons)


async def pick_lang(req: Request) -> Reply:
    return await _set(req, req.args[0] if req.args else "")


async def _set(req: Request, lang: str) -> Reply:
    if lang not in LANGS:  # name what is offered, with the buttons to pick it
        buttons = ((Button("Tiếng Việt", "lang:vi"), Button("English", "lang:en")),)
        return Reply(t(req.lang, "lang.unknown"), buttons=buttons)
    with req.app.db.session() as session:
        req.person = set_language(session, person_id=req.person.id or 0, lang=lang)
    return Reply(t(lang, "lang.set"))


def register(router: Router) -> None:
    router.command("help", "huongdan", "trogiup", access=Access.anyone)(show_help)
    router.command("lang", "ngonngu", "language", access=Access.anyone)(choose_lang)
    router.callback("lang", access=Access.anyone)(pick_lang)
