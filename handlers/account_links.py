"""/lienket (link a Telegram and a Zalo account) and /kenh (where reminders go).

    /lienket           -> a one-time code, to type on the other platform
    /lienket ABCD-EFGH -> joins this account to the person who asked for the code
    /kenh              -> linked platforms, the current choice, numbered/buttons to change it
    /kenh zalo         -> choose directly
Callback data: "acct:pref:<channel>".
"""

from __future__ import annotations

from handlers.context import Request
from handlers.router import Access, Router
from messages.i18n import t
from messages.render import esc
from messages.types import Button, Reply
from services import account_links as links
from services.account_links import LinkOutcome
from storage.enums import Channel

CODE_TTL_MINUTES = 15
NAMES: dict[str, str] = {Channel.telegram: "Telegram", Channel.zalo: "Zalo", Channel.console: "Console"}


def channel_name(channel: str | None) -> str:
    return NAMES.get(channel or "", channel or "")


async def link(req: Request) -> Reply:
    """Issue a link code, or redeem the one given as argument."""
    now = req.app.clock.now()
    settings = req.app.settings
    if not req.args:
        with req.app.db.session() as session:
            code = links.issue_link_code(session, account=req.account, now=now, ttl_minutes=CODE_TTL_MINUTES)
        others = [n for c, n in NAMES.items() if c not in (req.account.channel, Channel.console)]
        return Reply(
            t(
                req.lang,
                "link.code",
                code=links.format_code(code),
                minutes=CODE_TTL_MINUTES,
                other=" / ".join(others),
            )
        )
    with req.app.db.session() as session:
        result = links.redeem_link_code(
            session,
            account=req.account,
            code="".join(req.args),
            now=now,
            max_failures=settings.invite_max_failures,
            lockout_minutes=settings.invite_lockout_minutes,
        )
    channels = ", ".join(channel_name(c) for c in result.channels)
    match result.outcome:
        case LinkOutcome.linked:
            return Reply(
                t(
                    req.lang,
                    "link.linked",
                    channels=esc(channels),
                    preferred=channel_name(result.preferred_channel),
                )
            )
        case LinkOutcome.already_linked:
            return Reply(t(req.lang, "link.already", channels=esc(channels)))
        case LinkOutcome.own_code:
            return Reply(t(req.lang, "link.own_code"))
        case LinkOutcome.same_channel:
            return Reply(t(req.lang, "link.same_channel", channel=channel_name(req.account.channel)))
        case LinkOutcome.unit_conflict:
            return Reply(t(req.lang, "link.unit_conflict"))
        case LinkOutcome.locked if result.locked_until is not None:
            minutes = max(1, int((result.locked_until - now).total_seconds() // 60) + 1)
            return Reply(t(req.lang, "link.locked", minutes=minutes))
        case _:
            return Reply(t(req.lang, "link.invalid"))


async def channel(req: Request) -> Reply:
    """Show where reminders go; with an argument (telegram/zalo), choose it."""
    if req.args:
        return _choose(req, req.args[0].lower())
    assert req.person.id is not None
    with req.app.db.session() as session:
        accounts = [a for a in links.person_channels(session, person_id=req.person.id) if a.active]
        current = links.delivery_account(session, person_id=req.person.id)
    if len(accounts) <= 1:
        return Reply(t(req.lang, "channel.single", channel=channel_name(req.account.channel)))
    names = ", ".join(channel_name(a.channel) for a in accounts)
    preferred = channel_name(current.channel) if current else t(req.lang, "channel.none")
    buttons = tuple(
        (Button(t(req.lang, "channel.button", channel=channel_name(a.channel)), f"acct:pref:{a.channel}"),)
        for a in accounts
    )
    return Reply(t(req.lang, "channel.status", channels=esc(names), preferred=preferred), buttons=buttons)


async def choose(req: Request) -> Reply:
    """Button "acct:pref:<channel>"."""
    if len(req.args) != 2 or req.args[0] != "pref":
        return Reply(t(req.lang, "router.unknown"))
    return _choose(req, req.args[1])


def _choose(req: Request, wanted: str) -> Reply:
    assert req.person.id is not None
    with req.app.db.session() as session:
        ok = links.set_preferred_channel(session, person_id=req.person.id, channel=wanted)
    if not ok:
        return Reply(t(req.lang, "channel.unavailable", channel=esc(channel_name(wanted))))
    return Reply(t(req.lang, "channel.set", channel=channel_name(wanted)))


def register(router: Router) -> None:
    router.command("lienket", "link", access=Access.anyone)(link)
    router.command("kenh", "channel", access=Access.anyone)(channel)
    router.callback("acct", access=Access.anyone)(choose)
