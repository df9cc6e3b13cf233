"""Invite codes (unguessable, single use, expiring, brute force locked out), forged webhook calls on
both platforms, and the per-person rate limit of expensive queries, through the real router."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from sqlmodel import select

from bot.webserver import TELEGRAM_SECRET_HEADER, build_webserver, telegram_route
from config.settings import Settings
from handlers.context import AppServices, ChannelCaps
from handlers.registry import build_router
from handlers.router import Router
from messages.i18n import t
from messages.types import Incoming, Reply, Sender
from services.clock import ManualClock
from services.members import CODE_ALPHABET, CODE_LENGTH, active_membership, create_invite, ensure_account
from services.ratelimit import RateLimiter
from storage.db import Database
from storage.models import ChatAccount, Invite, Unit

RICH = ChannelCaps(name="telegram", text_limit=4096, supports_buttons=True, supports_html=True)


@pytest.fixture
def app(db: Database, clock: ManualClock) -> AppServices:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, admins=["telegram:1"], invite_max_failures=5, invite_lockout_minutes=15
    )
    services = AppServices(db=db, clock=clock, settings=settings)
    with db.session() as s:
        s.add(Unit(name="Sở Tài chính", kind="so", key="so tai chinh"))
    return services


@pytest.fixture
def router(app: AppServices) -> Router:
    return build_router(app)


def unit_id(db: Database) -> int:
    with db.session() as s:
        return s.exec(select(Unit)).one().id or 0


def new_code(app: AppServices, *, hours: int = 72) -> str:
    with app.db.session() as s:
        _, code = create_invite(
            s, unit_id=unit_id(app.db), now=app.clock.now(), ttl=dt.timedelta(hours=hours)
        )
    return code


async def say(router: Router, user: str, text_: str) -> list[Reply]:
    sender = Sender(channel="telegram", external_id=user, chat_id=user)
    return await router.handle(Incoming(sender=sender, text=text_), RICH)


def is_member(db: Database, user: str) -> bool:
    with db.session() as s:
        account = ensure_account(s, channel="telegram", external_id=user)
        return active_membership(s, person_id=account.person_id) is not None


def test_codes_are_unguessable_and_only_their_hash_is_stored(app: AppServices, db: Database) -> None:
    assert CODE_LENGTH * math.log2(len(CODE_ALPHABET)) >= 48  # bits of entropy
    codes = {new_code(app) for _ in range(300)}
    assert len(codes) == 300
    with db.session() as s:
        hashes = {i.code_hash for i in s.exec(select(Invite))}
    with db.engine.connect() as conn:
        dump = " ".join(str(r) for r in conn.execute(text("SELECT * FROM invite")))
    assert len(hashes) == 300
    assert not any(code in dump or code.replace("-", "") in dump for code in codes)


async def test_single_use_and_expiry(
    app: AppServices, router: Router, db: Database, clock: ManualClock
) -> None:
    code = new_code(app)
    await say(router, "201", code)
    assert is_member(db, "201")
    again = await say(router, "202", code)  # a second person with the same code
    assert not is_member(db, "202")
    assert "join.joined" not in again[0].html and again[0].html == t("vi", "join.wrong_code", left=4)

    expiring = new_code(app, hours=1)
    clock.advance(dt.timedelta(hours=1, seconds=1))
    await say(router, "203", expiring)
    assert not is_member(db, "203")


async def test_repeated_wrong_codes_lock_the_account_out(
    app: AppServices, router: Router, db: Database, clock: ManualClock
) -> None:
    good = new_code(app)
    wrong = ["ABCD-EFGH-JK", "ZZZZ-ZZZZ-ZZ", "2345-6789-AB", "QQQQ-WWWW-EE", "MMMM-NNNN-PP"]
    answers = [(await say(router, "301", code))[0].html for code in wrong]
    assert answers[:4] == [t("vi", "join.wrong_code", left=n) for n in (4, 3, 2, 1)]
    with db.session() as s:
        account = s.exec(select(ChatAccount).where(ChatAccount.external_id == "301")).one()
        locked_until = account.locked_until
    assert locked_until is not None and locked_until > clock.now()
    # While locked even the right code is refused, and it stays unused for its owner.
    await say(router, "301", good)
    assert not is_member(db, "301")
    clock.advance(dt.timedelta(minutes=14))
    await say(router, "301", good)
    assert not is_member(db, "301")
    clock.advance(dt.timedelta(minutes=2))
    await say(router, "301", good)
    assert is_member(db, "301")
    # A brute force over the whole window gets at most max_failures guesses per lockout period.
    guesses_per_day = 5 * (24 * 60 / 15)
    assert guesses_per_day / len(CODE_ALPHABET) ** CODE_LENGTH < 1e-10


async def test_expensive_queries_are_rate_limited_per_person(
    app: AppServices, router: Router, db: Database, clock: ManualClock
) -> None:
    await say(router, "401", new_code(app))
    await say(router, "402", new_code(app))
    burst = app.settings.query_burst
    limited = t("vi", "router.rate_limited", seconds=2)
    answers = [(await say(router, "401", "/nhiemvu"))[0].html for _ in range(burst + 1)]
    assert all(a != limited for a in answers[:burst])
    assert answers[burst] == limited  # 30/min -> a token every 2 s
    # the free-text question spends from the same bucket; another person is not affected
    assert (await say(router, "401", "ai phụ trách chuyển đổi số"))[0].html == limited
    assert (await say(router, "402", "/nhiemvu"))[0].html != limited
    # cheap commands are never limited
    assert (await say(router, "401", "/help"))[0].html != limited
    clock.advance(dt.timedelta(seconds=2))
    assert (await say(router, "401", "/nhiemvu"))[0].html != limited
    assert (await say(router, "401", "/nhiemvu"))[0].html == limited


def test_bucket_refills_and_forgets_full_buckets(clock: ManualClock) -> None:
    limiter = RateLimiter(clock, rate_per_minute=60, burst=2, max_keys=3)
    assert [limiter.check("a").allowed for _ in range(3)] == [True, True, False]
    assert limiter.check("a").retry_after == pytest.approx(1.0)
    clock.advance(dt.timedelta(seconds=1))
    assert limiter.check("a").allowed
    for key in ("b", "c", "d", "e"):  # past max_keys: the refilled ones are dropped, not "a"
        limiter.check(key)
    assert not limiter.check("a").allowed


async def test_forged_telegram_webhook_calls_are_refused() -> None:
    received: list[dict[str, Any]] = []

    async def accept(data: dict[str, Any]) -> None:
        received.append(data)

    app = build_webserver([telegram_route("/tg", "right-secret-123456", accept)])
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1"
    ) as client:
        for headers in (
            {},
            {TELEGRAM_SECRET_HEADER: ""},
            {TELEGRAM_SECRET_HEADER: "right-secret-12345"},  # a prefix
            {TELEGRAM_SECRET_HEADER: "right-secret-1234567"},  # longer
            {TELEGRAM_SECRET_HEADER: "RIGHT-SECRET-123456"},
            {"X-Bot-Api-Secret-Token": "right-secret-123456"},  # the other platform's header
        ):
            assert (await client.post("/tg", json={"update_id": 1}, headers=headers)).status_code == 403
        assert (await client.get("/tg")).status_code == 405
    assert received == []
