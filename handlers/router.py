"""Routes one incoming message or button press to a feature handler and returns the replies.

Platform-neutral: channel adapters call `Router.handle(incoming, caps)` and send what comes back.
Order of checks (one place, so no feature can forget one):
1. the event is claimed (a redelivery gets no answer), the sender looked up (or created) as a
   Person with a ChatAccount;
2. a bare number answers the numbered choices shown on channels without buttons;
3. callbacks, commands, files, an active multi-step flow, then free-text intents are matched;
4. each route's access level (anyone / member / admin) is checked on every call;
5. expensive routes (duty queries, exports) spend a token from the person's rate limit.
Buttons are turned into numbered choices for channels that cannot show them.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from enum import StrEnum

from handlers.context import AppServices, ChannelCaps, Request
from messages.i18n import t
from messages.render import esc, quote
from messages.types import Button, Incoming, Reply
from services import conversation, identity
from services.members import get_person
from services.ratelimit import RateLimiter
from storage.types import utcnow

log = logging.getLogger(__name__)

HandlerResult = Reply | list[Reply] | None
Handler = Callable[[Request], Awaitable[HandlerResult]]
IntentMatcher = Callable[[str], bool]


class Access(StrEnum):
    anyone = "anyone"  # unregistered users too (help, language, joining)
    member = "member"  # verified for a unit (or an admin)
    admin = "admin"  # checked against the database on every call


@dataclass(frozen=True, slots=True)
class Route:
    handler: Handler
    access: Access
    expensive: bool = False  # a heavy query: spends a token from the person's rate limit


class Router:
    def __init__(self, app: AppServices) -> None:
        self.app = app
        self._commands: dict[str, Route] = {}
        self._callbacks: dict[str, Route] = {}
        self._flows: dict[str, Route] = {}
        self._file_flows: dict[str, Route] = {}  # flows that take a file (a submitted report)
        self._intents: list[tuple[IntentMatcher, Route]] = []
        self._file: Route | None = None
        self._fallback: Route | None = None
        self._error_hooks: list[Callable[[AppServices, str], None]] = []
        s = app.settings
        self.limiter = RateLimiter(app.clock, rate_per_minute=s.query_rate_per_minute, burst=s.query_burst)

    # --- registration ----------------------------------------------------------------------------

    def command(
        self, *names: str, access: Access = Access.member, expensive: bool = False
    ) -> Callable[[Handler], Handler]:
        def deco(fn: Handler) -> Handler:
            for name in names:
                self._commands[name.lower()] = Route(fn, access, expensive)
            return fn

        return deco

    def callback(
        self, prefix: str, access: Access = Access.member, expensive: bool = False
    ) -> Callable[[Handler], Handler]:
        """Button data is "<prefix>:<arg>:<arg>..."; the handler gets the args in `req.args`."""

        def deco(fn: Handler) -> Handler:
            self._callbacks[prefix] = Route(fn, access, expensive)
            return fn

        return deco

    def flow(
        self, state: str, access: Access = Access.member, *, files: bool = False
    ) -> Callable[[Handler], Handler]:
        """Free text while a multi-step flow (ConversationState.state == state) is active; with
        `files`, a file sent meanwhile goes to the flow too (instead of the plan import)."""

        def deco(fn: Handler) -> Handler:
            self._flows[state] = Route(fn, access)
            if files:
                self._file_flows[state] = Route(fn, access)
            return fn

        return deco

    def intent(
        self, matcher: IntentMatcher, access: Access = Access.member, expensive: bool = False
    ) -> Callable[[Handler], Handler]:
        def deco(fn: Handler) -> Handler:
            self._intents.append((matcher, Route(fn, access, expensive)))
            return fn

        return deco

    def file(self, access: Access = Access.admin) -> Callable[[Handler], Handler]:
        def deco(fn: Handler) -> Handler:
            self._file = Route(fn, access)
            return fn

        return deco

    def fallback(self, access: Access = Access.anyone) -> Callable[[Handler], Handler]:
        def deco(fn: Handler) -> Handler:
            self._fallback = Route(fn, access)
            return fn

        return deco

    def on_error(self, hook: Callable[[AppServices, str], None]) -> None:
        """Called with a one-line summary when a handler raises (the traceback goes to the log)."""
        self._error_hooks.append(hook)

    @property
    def command_names(self) -> list[str]:
        return sorted(self._commands)

    @property
    def callback_prefixes(self) -> list[str]:
        return sorted(self._callbacks)

    def route_for_command(self, name: str) -> Route | None:
        return self._commands.get(name.lower())

    def route_for_callback(self, prefix: str) -> Route | None:
        return self._callbacks.get(prefix)

    # --- dispatch --------------------------------------------------------------------------------

    async def handle(self, incoming: Incoming, caps: ChannelCaps) -> list[Reply]:
        incoming = clean_incoming(incoming)
        req = self._identify(incoming, caps)
        if req is None:
            log.info("%s event %s already handled; dropped", incoming.sender.channel, incoming.event_key)
            return []
        try:
            route, args = self._match(req)
            if route is None:
                return self._degrade(req, [Reply(self._unknown(req))])
            req.args = args
            denied = self._check_access(req, route.access)
            if denied is not None and route is self._file:  # an officer sent a file or a photo
                denied = Reply(t(req.lang, "imp.not_admin_file"))
            if denied is None and route.expensive:
                denied = self._check_rate(req)
            if denied is not None:
                return self._degrade(req, [denied])
            result = await route.handler(req)
        except Exception as exc:
            log.exception("handler failed for %s:%s", incoming.sender.channel, incoming.sender.external_id)
            self._report(f"{type(exc).__name__}: {exc}"[:300])
            return [Reply(t(req.lang, "error.internal"))]
        replies = [] if result is None else [result] if isinstance(result, Reply) else list(result)
        return self._degrade(req, replies)

    def _unknown(self, req: Request) -> str:
        """What nothing matched, with the command or question probably meant ("/nhiemvuu",
        "so ngoai vu phu trch gi")."""
        from rapidfuzz import fuzz, process

        from services.questions import corrected_question

        text = (req.incoming.text or "").strip()
        if text.startswith("/") and len(text) > 1:
            name = text[1:].split()[0].split("@", 1)[0].lower()
            best = process.extractOne(name, self.command_names, scorer=fuzz.ratio, score_cutoff=75)
            if best is not None:
                return t(
                    req.lang, "router.did_you_mean_command", typed=quote(text.split()[0]), command=best[0]
                )
        elif text and (meant := corrected_question(text)) is not None:
            return t(req.lang, "router.did_you_mean", text=quote(meant))
        return t(req.lang, "router.unknown")

    def _report(self, summary: str) -> None:
        for hook in self._error_hooks:
            try:
                hook(self.app, summary)
            except Exception:  # telling admins must never break the reply to the user
                log.exception("error hook failed")

    def _identify(self, incoming: Incoming, caps: ChannelCaps) -> Request | None:
        """The event claimed (None: a redelivery), then identity, membership and conversation state:
        one statement on PostgreSQL, outside a transaction; this runs for every update. A new sender,
        a changed chat or a configured admin is written in a transaction of its own."""
        s = incoming.sender
        with self.app.db.reading() as session:
            claimed, found = identity.claim_and_identify(
                session,
                channel=s.channel,
                external_id=s.external_id,
                event_key=incoming.event_key,
                now=utcnow(),
            )
        if not claimed:
            return None  # a webhook redelivery, or another process polling the same bot
        admin = f"{s.channel}:{s.external_id}" in self.app.settings.admins
        if (
            found is None
            or found.account.chat_id != s.chat_id
            or not found.account.active
            or (admin and not found.person.is_admin)
        ):
            settings = self.app.settings
            with self.app.db.session() as session:
                found = identity.register(
                    session,
                    channel=s.channel,
                    external_id=s.external_id,
                    chat_id=s.chat_id,
                    display_name=s.display_name,
                    username=s.username,
                    lang="en" if (s.language_code or "").startswith("en") else settings.default_lang,
                    admin=admin,
                    found=found,
                )
        return Request(
            app=self.app,
            incoming=incoming,
            caps=caps,
            account=found.account,
            person=found.person,
            membership=found.membership,
            state=found.state,
        )

    def _match(self, req: Request) -> tuple[Route | None, list[str]]:
        inc = req.incoming
        callback = inc.callback
        text = (inc.text or "").strip()
        if callback is None and text.isdigit():
            callback = self._choice(req, int(text))
        if callback is not None:
            prefix, *args = callback.split(":")
            return self._callbacks.get(prefix), args
        if inc.file is not None:
            state = self._state(req)
            if state is not None and state in self._file_flows:
                return self._file_flows[state], [text]
            return self._file, []
        if text.startswith("/"):
            name, *args = text[1:].split()
            route = self._commands.get(name.split("@", 1)[0].lower())
            return route, args
        state = self._state(req)
        if state is not None and state in self._flows:
            return self._flows[state], [text]
        for matcher, route in self._intents:
            if matcher(text):
                return route, [text]
        return self._fallback, [text]

    def _check_access(self, req: Request, access: Access) -> Reply | None:
        if access is Access.anyone:
            return None
        if access is Access.admin:
            with self.app.db.reading() as session:  # re-read: a revoked admin loses access at once
                person = get_person(session, person_id=req.person.id)
            if person is None or not person.is_admin:
                return Reply(t(req.lang, "router.admin_only"))
            req.person = person
            return None
        if req.membership is None and not req.is_admin:
            return Reply(t(req.lang, "router.not_member"))
        return None

    def _check_rate(self, req: Request) -> Reply | None:
        verdict = self.limiter.check(req.person.id)
        if verdict.allowed:
            return None
        log.info("rate limit: person %s asked too fast", req.person.id)
        return Reply(t(req.lang, "router.rate_limited", seconds=max(1, math.ceil(verdict.retry_after))))

    # --- conversation state and numbered choices -------------------------------------------------

    def _state(self, req: Request) -> str | None:
        row = req.state
        return row.state if row is not None and row.state else None

    def _choice(self, req: Request, number: int) -> str | None:
        return conversation.chosen(req.state, number)  # None: a number with no choice

    def _degrade(self, req: Request, replies: list[Reply]) -> list[Reply]:
        """Buttons become "1. label" lines on channels without buttons; the numbers are remembered."""
        if req.caps.supports_buttons or not any(r.buttons for r in replies):
            return replies
        choices: list[str | None] = []
        out: list[Reply] = []
        for reply in replies:
            html, choices = with_numbered_choices(req.lang, reply.html, _flatten(reply.buttons), choices)
            out.append(replace(reply, html=html, buttons=()))
        remember_choices(req, choices)
        return out


def number_choices(buttons: list[Button], *, taken: int = 0) -> list[tuple[int, Button]]:
    """The number each button is chosen by: its own `number` where it has one (and it is free),
    else the next number after every number used so far. Ordered by number."""
    used: set[int] = set(range(1, taken + 1))
    out: list[tuple[int, Button]] = []
    for button in buttons:
        if button.number is not None and button.number > taken and button.number not in used:
            used.add(button.number)
            out.append((button.number, button))
    for button in buttons:
        if button.number is None or all(b is not button for _, b in out):
            n = max(used, default=0) + 1
            used.add(n)
            out.append((n, button))
    return sorted(out, key=lambda item: item[0])


def with_numbered_choices(
    lang: str, html: str, buttons: list[Button], choices: list[str | None] | None = None
) -> tuple[str, list[str | None]]:
    """`html` with the buttons as "1. label" lines, and the choices so far (what each number picks,
    None for a number that picks nothing) extended with them: the one rendering of buttons on
    channels without them, for replies (the router) and queued messages (the Zalo channel)."""
    choices = list(choices or [])
    lines = []
    for n, button in number_choices(buttons, taken=len(choices)):
        choices.extend([None] * (n - len(choices)))
        choices[n - 1] = button.data
        lines.append(f"{n}. {esc(button.label)}")
    if lines:
        html += "\n\n" + t(lang, "router.choose") + "\n" + "\n".join(lines)
    return html, choices


_SURROGATES = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Text as every channel can send it back: bytes that were not UTF-8 (a terminal's
    surrogate escapes, a broken client) become U+FFFD instead of failing when a reply quotes them."""
    if not _SURROGATES.search(text):
        return text
    try:  # surrogate escapes of the bytes that were read: decode those bytes, replacing what is invalid
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # lone surrogates of another origin
        return _SURROGATES.sub("\ufffd", text)


def clean_incoming(incoming: Incoming) -> Incoming:
    """Any input from any channel gets an answer: invalid characters are replaced at the door."""
    sender = incoming.sender
    changed: dict[str, object] = {
        name: clean_text(value)
        for name, value in (("text", incoming.text), ("callback", incoming.callback))
        if value is not None and _SURROGATES.search(value)
    }
    if _SURROGATES.search(sender.display_name):
        changed["sender"] = replace(sender, display_name=clean_text(sender.display_name))
    return replace(incoming, **changed) if changed else incoming  # type: ignore[arg-type]


def _flatten(rows: tuple[tuple[Button, ...], ...]) -> list[Button]:
    return [button for row in rows for button in row]


def _account_id(req: Request) -> int:
    assert req.account.id is not None
    return req.account.id


def remember_choices(req: Request, choices: list[str | None]) -> None:
    with req.app.db.session() as session:
        conversation.remember_choices(session, account_id=_account_id(req), choices=choices)


def set_flow(req: Request, state: str | None, data: dict[str, object] | None = None) -> None:
    """Start (state) or end (None) a multi-step flow for this account; `data` is kept with it."""
    with req.app.db.session() as session:
        conversation.set_flow(session, account_id=_account_id(req), state=state, data=data)


def flow_data(req: Request) -> dict[str, object]:
    with req.app.db.session() as session:
        return conversation.flow_data(session, account_id=_account_id(req))
