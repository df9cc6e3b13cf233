"""The error notice: when something breaks, admins get one short message (the log has the rest)."""

from __future__ import annotations

import hashlib

from handlers.context import AppServices
from handlers.router import Router
from messages.i18n import t
from messages.render import esc
from messages.types import Reply
from services.notices import notify_admins


def tell_admins(app: AppServices, summary: str) -> None:
    """Queue a brief notice to admins; the same error within one minute is sent once."""
    minute = app.clock.now().strftime("%Y%m%d%H%M")
    digest = hashlib.sha1(summary.encode()).hexdigest()[:10]
    with app.db.session() as session:
        notify_admins(
            session,
            build=lambda lang: Reply(t(lang, "error.admin_notice", summary=esc(summary))),
            dedup_prefix=f"err:{minute}:{digest}",
            now=app.clock.now(),
        )


def register(router: Router) -> None:
    router.on_error(tell_admins)
