"""The error notice: when something breaks, admins get one short message (the log has the rest)."""

from __future__ import annotations

import hashlib

from handlers.context import AppServices
from handlers.notify import notify_admins
from handlers.router import Router
from messages.i18n import t
from messages.render import esc
from messages.types import Reply


def tell_admins(app: AppServices, summary: str) -> None:
    """Queue a brief notice to admins; the same error within one minute is sent once."""
    minute = app.clock.now().strftime("%Y%m%d%H%M")
    digest = hashlib.sha1(summary.encode()).hexdigest()[:10]
    notify_admins(
        app,
        render=lambda lang: Reply(t(lang, "error.admin_notice", summary=esc(summary))),
        key=f"err:{minute}:{digest}",
    )


def register(router: Router) -> None:
    router.on_error(tell_admins)
