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
from typing import Any

from sqlalchemy import Select, bindparam
from sqlmodel import Session, col, select

from handlers.context import AppServices, ChannelCaps, Request
from messages.i18n import t
from messages.render import esc, quote
from messages.types import Button, Incoming, Reply, Sender
from services.processed_events import CLAIM, claim_event
from services.ratelimit import RateLimiter
from storage.models import ChatAccount, ConversationState, Membership, Person
from storage.types import utcnow

log = logging.getLogger(__name__)

HandlerResult = Reply | list[Reply] | None
Handler = Callable[[Request], Awaitable[HandlerResult]]
IntentMatcher = Callable[[str], bool]
CHOICES_KEY = "_choices"


class Access(StrEnum):
    anyone = "anyone"  # unregistered users too (help, language, joining)
    member = "member"  # verified for a unit (or an admin)
    admin = "admin"  # checked against the database on every call


@dataclass(frozen=True, slots=True)
class Route:
    handler: Handler
    access: Access
    expensive: bool = False  # a heavy query: spends a token from the person's rate limit


def _join_identity(query: Select[*tuple[Any, ...]]) -> Select[*tuple[Any, ...]]:
    """`query` (the sender's account and person) with their conversation row and active membership,
    one row at most."""
    return (
        query.outerjoin(ConversationState, col(ConversationState.account_id) == col(ChatAccount.id))
        .outerjoin(
            Membership, (col(Membership.person_id) == col(ChatAccount.person_id)) & col(Membership.active)
        )
        .limit(1)
    )


_SENDER = (col(ChatAccount.channel) == bindparam("channel")) & (
    col(ChatAccount.external_id) == bindparam("external_id")
)
_ENTITIES = (ChatAccount, Person, ConversationState, Membership)
# Both statements are built once (they are the same for every update; constructing one per call cost
# more than running it). _IDENTITY: no row for an unknown sender.
_IDENTITY = _join_identity(
    select(*_ENTITIES).join(Person, col(Person.id) == col(ChatAccount.person_id)).where(_SENDER)
)
# PostgreSQL: the event's claim and the identity in one statement, one round trip for what every
# update needs. No row: the claim lost (a redelivery); a row of NULLs: an unknown sender.
_CLAIMED = CLAIM["postgresql"].cte("claimed")
_CLAIM_AND_IDENTITY = _join_identity(
    select(*_ENTITIES)
    .select_from(_CLAIMED)
    .outerjoin(ChatAccount, _SENDER)
    .outerjoin(Person, col(Person.id) == col(ChatAccount.person_id))
)
_Found = tuple[ChatAccount, Person, ConversationState | None, Membership | None]


def _claim_and_find(session: Session, sender: Sender, event_key: str | None) -> tuple[bool, _Found | None]:
    """(claimed, identity): claimed is False for an event already handled (identity then None);
    identity is None for a sender not seen before."""
    params = {"channel": sender.channel, "external_id": sender.external_id}
    if event_key is not None:
        now = utcnow()
        if session.get_bind().dialect.name == "postgresql":
            row = session.execute(_CLAIM_AND_IDENTITY, params | {"event_key": event_key, "now": now}).first()
            if row is None:
                return False, None
            return True, (None if row[0] is None else (row[0], row[1], row[2], row[3]))
        if not claim_event(session, channel=sender.channel, key=event_key, now=now):
            return False, None
    row = session.execute(_IDENTITY, params).first()
    return True, (None if row is None else (row[0], row[1], row[2], row[3]))


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
            claimed, found = _claim_and_find(session, s, incoming.event_key)
        if not claimed:
            return None  # a webhook redelivery, or another process polling the same bot
        admin = f"{s.channel}:{s.external_id}" in self.app.settings.admins
        if (
            found is None
            or found[0].chat_id != s.chat_id
            or not found[0].active
            or (admin and not found[1].is_admin)
        ):
            found = self._register(s, found, admin=admin)
        account, person, state, membership = found
        return Request(
            app=self.app,
            incoming=incoming,
            caps=caps,
            account=account,
            person=person,
            membership=membership,
            state=state,
        )

    def _register(self, s: Sender, found: _Found | None, *, admin: bool) -> _Found:
        """A new sender gets a Person and a ChatAccount; a known one its current chat (and the admin
        flag when configured as an admin)."""
        with self.app.db.session() as session:
            if found is None:
                lang = "en" if (s.language_code or "").startswith("en") else self.app.settings.default_lang
                person = Person(display_name=s.display_name or s.username or s.external_id, lang=lang)
                session.add(person)
                session.flush()
                assert person.id is not None
                account = ChatAccount(
                    person_id=person.id,
                    channel=s.channel,
                    external_id=s.external_id,
                    chat_id=s.chat_id,
                    username=s.username,
                )
                session.add(account)
                session.flush()
                found = (account, person, None, None)
            account, person = found[0], found[1]
            if account.chat_id != s.chat_id or not account.active:
                account.chat_id, account.active, account.blocked_at = s.chat_id, True, None
                session.add(account)
            if admin and not person.is_admin:
                person.is_admin = True
                session.add(person)
        return found

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
                person = session.get(Person, req.person.id)
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
        row = req.state
        choices = (row.data or {}).get(CHOICES_KEY, []) if row is not None else []
        return choices[number - 1] if 1 <= number <= len(choices) else None  # None: a number with no choice

    def _degrade(self, req: Request, replies: list[Reply]) -> list[Reply]:
        """Buttons become "1. label" lines on channels without buttons; the numbers are remembered."""
        if req.caps.supports_buttons or not any(r.buttons for r in replies):
            return replies
        choices: list[str | None] = []
        out: list[Reply] = []
        for reply in replies:
            numbered = number_choices(_flatten(reply.buttons), taken=len(choices))
            lines = []
            for n, button in numbered:
                choices.extend([None] * (n - len(choices)))
                choices[n - 1] = button.data
                lines.append(f"{n}. {esc(button.label)}")
            html = reply.html + (
                "\n\n" + t(req.lang, "router.choose") + "\n" + "\n".join(lines) if lines else ""
            )
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


def remember_choices(req: Request, choices: list[str | None]) -> None:
    with req.app.db.session() as session:
        _set_state_data(session, req.account, {CHOICES_KEY: choices})


def set_flow(req: Request, state: str | None, data: dict[str, object] | None = None) -> None:
    """Start (state) or end (None) a multi-step flow for this account; `data` is kept with it."""
    with req.app.db.session() as session:
        row = session.get(ConversationState, req.account.id)
        if row is None:
            assert req.account.id is not None
            row = ConversationState(account_id=req.account.id, state="")
        keep = {CHOICES_KEY: (row.data or {}).get(CHOICES_KEY, [])}
        row.state = state or ""
        row.data = keep | (data or {})
        row.updated_at = utcnow()
        session.add(row)


def flow_data(req: Request) -> dict[str, object]:
    with req.app.db.session() as session:
        row = session.get(ConversationState, req.account.id)
        return dict(row.data or {}) if row is not None else {}


def _set_state_data(session: Session, account: ChatAccount, data: dict[str, object]) -> None:
    row = session.get(ConversationState, account.id)
    if row is None:
        assert account.id is not None
        row = ConversationState(account_id=account.id, state="")
    row.data = dict(row.data or {}) | data
    row.updated_at = utcnow()
    session.add(row)
