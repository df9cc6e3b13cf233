"""Every feature's handlers, registered in one ordered block, and the command menus.

Order matters: commands and callbacks are keyed by name, but free-text intents are tried in
registration order, so the narrow ones (an invite code) come before the broad ones (a duty question).
"""

from __future__ import annotations

from handlers import (
    account_links,
    admin,
    broadcast,
    closing,
    collector,
    deadlines,
    drafts,
    duties,
    errors,
    help,
    imports,
    joining,
    plan_review,
    reports,
)
from handlers.context import AppServices
from handlers.router import Router
from messages.i18n import t

# (command, menu text key); shown only when a feature registered the command.
MEMBER_MENU = (
    "nhiemvu",
    "hoi",
    "hanbaocao",
    "theodoi",
    "baocao",
    "lich",
    "lienket",
    "kenh",
    "help",
    "lang",
    "join",
    "leave",
)
ADMIN_MENU = ("invite", "broadcast", "stats", "export", "datngay", "sua", "promote", "demote")


def build_router(app: AppServices) -> Router:
    router = Router(app)
    errors.register(router)
    help.register(router)
    joining.register(router)  # before duties: an invite code is not a question
    collector.register(router)  # before duties: "ai chưa nộp báo cáo" is not "ai phụ trách ..."
    closing.register(router)
    duties.register(router)
    deadlines.register(router)
    drafts.register(router)
    admin.register(router)
    broadcast.register(router)
    reports.register(router)
    imports.register(router)
    plan_review.register(router)
    account_links.register(router)
    return router


def menu(router: Router, lang: str, *, admin_menu: bool) -> list[tuple[str, str]]:
    """The command menu for a language; admins also get theirs."""
    names = MEMBER_MENU + (ADMIN_MENU if admin_menu else ())
    known = set(router.command_names)
    return [(name, t(lang, f"menu.{name}")) for name in names if name in known]
