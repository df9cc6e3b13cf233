"""The Zalo channel over HTTP against the fake Zalo server: splitting, polling, webhook, faults.

The router here has a few tiny routes (like tests/handlers/test_router.py) so these tests do not
depend on the feature handlers; the full conversation set runs in test_zalo_e2e.py.
"""

from __future__ import annotations

import asyncio
import unicodedata
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from sqlmodel import select
from starlette.applications import Starlette

from bot.channels.base import RetryLater, split_text, text_units
from bot.channels.zalo import ZaloChannel
from bot.channels.zalo_api import ZaloBotApi
from config.settings import Settings
from handlers.context import AppServices, Request
from handlers.router import Access, Router
from messages.types import Button, Reply
from services.clock import ManualClock
from storage.coordination import ProcessedEvent
from storage.db import Database
from testkit.fakes.serving import serve_asgi
from testkit.fakes.zalo_server import FakeZaloServer

SECRET = "s3cret-webhook-token"
SETTINGS = Settings(  # type: ignore[call-arg]
    _env_file=None, admins=["zalo:boss"], max_document_mb=1, document_links_allow_private=True
)
LONG_LINES = [f"Dòng {i}: Sở Văn hóa, Thể thao và Du lịch chủ trì, phối hợp các đơn vị." for i in range(120)]


def make_router(db: Database, clock: ManualClock, release: asyncio.Event | None = None) -> Router:
    """A router with a few commands; /slow answers once `release` is set."""
    router = Router(
        AppServices(db=db, clock=clock, settings=Settings(admins=["zalo:boss"], max_document_mb=1))
    )

    @router.command("ping", access=Access.anyone)
    async def ping(req: Request) -> Reply:
        return Reply("<b>pong</b>", buttons=((Button("Lại", "again:1"), Button("Dừng", "again:2")),))

    @router.callback("again", access=Access.anyone)
    async def again(req: Request) -> Reply:
        return Reply(f"again {req.args[0]}")

    @router.command("long", access=Access.anyone)
    async def long(req: Request) -> Reply:
        return Reply("\n".join(LONG_LINES))

    @router.file()
    async def got_file(req: Request) -> Reply:
        assert req.incoming.file is not None
        data = await req.incoming.file.fetch()
        return Reply(f"file {req.incoming.file.filename} {len(data)} bytes")

    @router.command("slow", access=Access.anyone)
    async def slow(req: Request) -> Reply:
        await (release or asyncio.Event()).wait()
        return Reply("slow done")

    return router


@pytest.fixture
def fake() -> Iterator[FakeZaloServer]:
    with FakeZaloServer(max_poll_seconds=0.2) as server:
        yield server


@pytest.fixture
def release() -> asyncio.Event:
    """Set by a test when its /slow may answer."""
    return asyncio.Event()


@pytest.fixture
def slept() -> list[float]:
    """Every wait between retries the channel asked for, in seconds (none is waited for real)."""
    return []


def make_channel(
    fake: FakeZaloServer,
    db: Database,
    clock: ManualClock,
    release: asyncio.Event,
    slept: list[float],
    **kw: Any,
) -> ZaloChannel:
    """The channel under test; its waits between retries are recorded in `slept`, not waited."""

    async def sleep(seconds: float) -> None:
        slept.append(seconds)
        await asyncio.sleep(0)

    options: dict[str, Any] = {"rate_per_second": 200, "backoff_base": 0.01, "backoff_max": 0.1} | kw
    api = ZaloBotApi(fake.token, base_url=fake.base_url, timeout=0.5)
    return ZaloChannel(
        api,
        dispatch=make_router(db, clock, release).handle,
        settings=SETTINGS,
        db=db,
        webhook_secret=SECRET,
        poll_timeout=1,
        sleep=sleep,
        **options,
    )


@pytest.fixture
async def channel(
    fake: FakeZaloServer, db: Database, clock: ManualClock, release: asyncio.Event, slept: list[float]
) -> AsyncIterator[ZaloChannel]:
    zalo = make_channel(fake, db, clock, release, slept)
    yield zalo
    await zalo.aclose()
    await zalo.api.aclose()


@pytest.fixture
async def polling(channel: ZaloChannel) -> AsyncIterator[ZaloChannel]:
    stop = asyncio.Event()
    task = asyncio.create_task(channel.run_polling(stop))
    yield channel
    stop.set()
    await asyncio.wait_for(task, 5)


# --- splitting ------------------------------------------------------------------------------------


def test_short_text_is_one_part() -> None:
    assert split_text("Xin chào", 2000, html=False) == ["Xin chào"]
    assert split_text("   ", 2000, html=False) == []


def test_long_text_splits_at_line_boundaries_with_markers() -> None:
    text = "\n".join(LONG_LINES)
    parts = split_text(text, 2000, html=False)
    assert len(parts) > 2
    assert all(text_units(p) <= 2000 for p in parts)
    assert [p.split("\n", 1)[0] for p in parts] == [f"({i}/{len(parts)})" for i in range(1, len(parts) + 1)]
    bodies = [p.split("\n", 1)[1] for p in parts]
    assert "\n".join(bodies).split("\n") == LONG_LINES  # every line whole, in order


def test_overlong_line_emoji_and_nfd() -> None:
    line = " ".join(["nhiệm-vụ"] * 600)  # one 5,400-character line
    parts = split_text(line, 2000, html=False)
    assert all(text_units(p) <= 2000 for p in parts)
    assert " ".join(p.split("\n", 1)[1] for p in parts) == line
    assert len(split_text("😀" * 1500, 2000, html=False)) == 2  # 3,000 UTF-16 units
    nfd = unicodedata.normalize("NFD", "Đồng Nai " * 200)
    assert len(nfd) > 2000 and split_text(nfd, 2000, html=False) == [
        unicodedata.normalize("NFC", nfd).strip()
    ]


# --- polling --------------------------------------------------------------------------------------


async def test_polling_answers_with_numbered_choices(polling: ZaloChannel, fake: FakeZaloServer) -> None:
    fake.say("u1", "/ping", name="Chị Lan")
    [reply] = await fake.wait_texts("u1", 1)
    assert reply.startswith("pong") and "<b>" not in reply
    assert "1. Lại" in reply and "2. Dừng" in reply
    fake.say("u1", "2")
    texts = await fake.wait_texts("u1", 2)
    assert texts[1] == "again 2"
    calls = [m for m, _ in fake.calls]
    assert calls.index("deleteWebhook") < calls.index("getUpdates")
    assert fake.conflicts == 0


async def test_long_reply_arrives_in_parts(polling: ZaloChannel, fake: FakeZaloServer) -> None:
    fake.say("u1", "/long")
    await fake.wait_for(lambda: any(t.startswith("(1/") for t in fake.texts("u1")))
    total = int(fake.texts("u1")[0].split("/")[1].split(")")[0])
    texts = await fake.wait_texts("u1", total)
    assert [t.split("\n", 1)[0] for t in texts] == [f"({i}/{total})" for i in range(1, total + 1)]
    assert fake.refused_too_long == 0


async def test_other_events_get_a_clear_answer(polling: ZaloChannel, fake: FakeZaloServer) -> None:
    fake.push(fake.text_update("u1", "", event="message.unsupported.received"))
    fake.push(fake.text_update("u1", "ảnh", event="message.image.received"))
    texts = await fake.wait_texts("u1", 2)
    assert "Zalo không chuyển tệp đính kèm" in texts[0] and "link" in texts[0]
    assert "Chỉ quản trị viên mới nhập được kế hoạch" in texts[1]  # an officer's photo: who can import


async def test_admin_document_link_becomes_a_file(polling: ZaloChannel, fake: FakeZaloServer) -> None:
    url = fake.host_file("ke-hoach-35.docx", b"PK" + b"x" * 998)
    fake.say("boss", url)
    fake.say("u1", url)  # an officer's link is just text (e.g. a report note), not an import
    fake.say("boss", fake.host_file("huge.pdf", b"%PDF" + b"x" * 2_000_000))
    fake.say("boss", f"{fake.base_url}/files/missing.pdf")
    fake.say("boss", "https://example.gov.vn/page.html")  # not a document link: plain text
    boss = await fake.wait_texts("boss", 4)
    assert boss[0] == "file ke-hoach-35.docx 1000 bytes"
    assert "lớn hơn 1 MB" in boss[1]
    assert "Không tải được tệp" in boss[2]
    assert "/help" in boss[3]
    assert "/help" in (await fake.wait_texts("u1", 1))[0]


async def test_polling_backs_off_on_errors_and_keeps_going(
    fake: FakeZaloServer, db: Database, clock: ManualClock, release: asyncio.Event, slept: list[float]
) -> None:
    """As configured by default (1 s doubling to 60 s): each failure in a row doubles the wait, a
    longer Retry-After (or the 2 s a server error asks) is honoured, the cap holds; an answer resets
    the count."""
    zalo = make_channel(fake, db, clock, release, slept, backoff_base=1.0, backoff_max=60.0)
    fake.fail("getUpdates", "429", retry_after=5)
    fake.fail("getUpdates", "500")
    fake.fail("getUpdates", "drop")
    fake.fail("getUpdates", "500", times=4)
    fake.say("u1", "/ping")
    stop = asyncio.Event()
    polling = asyncio.create_task(zalo.run_polling(stop))
    try:
        await fake.wait_texts("u1", 1)
        assert slept == [5.0, 2.0, 4.0, 8.0, 16.0, 32.0, 60.0]
        fake.fail("getUpdates", "500")
        # the poll in flight may already be past the fault check: the fault is met by a later call
        await fake.wait_for(lambda: len(slept) > 7)
        fake.say("u1", "/ping")
        await fake.wait_texts("u1", 2)
        assert slept[7:] == [2.0]  # a new run of failures starts from the beginning
    finally:
        stop.set()
        await asyncio.wait_for(polling, 5)
        await zalo.aclose()
        await zalo.api.aclose()


async def test_one_chat_is_answered_in_order(
    polling: ZaloChannel, fake: FakeZaloServer, release: asyncio.Event
) -> None:
    fake.say("u1", "/slow")
    fake.say("u1", "/ping")
    await fake.wait_for(lambda: fake.pending_updates() == 0)  # both taken while /slow still works
    assert fake.texts("u1") == []
    release.set()
    texts = await fake.wait_texts("u1", 2)
    assert texts[0] == "slow done" and texts[1].startswith("pong")


async def test_reply_survives_a_transient_send_failure(polling: ZaloChannel, fake: FakeZaloServer) -> None:
    fake.fail("sendMessage", "500")
    fake.fail("sendMessage", "timeout", delay=1.0)
    fake.say("u1", "/ping")
    texts = await fake.wait_texts("u1", 1)
    await polling.drain()  # the reply's task has ended: no second copy is on its way
    assert len(fake.texts("u1")) == 1 and texts[0].startswith("pong")
    assert len(fake.method_calls("sendMessage")) == 3


# --- sending (the path the outbox worker uses) ----------------------------------------------------


async def test_first_part_failure_is_raised_and_nothing_sent(
    channel: ZaloChannel, fake: FakeZaloServer
) -> None:
    fake.fail("sendMessage", "429", retry_after=0.05)
    with pytest.raises(RetryLater):
        await channel.send("u1", Reply("hello"))
    assert fake.texts("u1") == []


async def test_later_parts_are_retried_in_place_not_repeated(
    channel: ZaloChannel, fake: FakeZaloServer
) -> None:
    long = Reply("\n".join(LONG_LINES))
    fake.fail("sendMessage", "429", retry_after=0.05, after=1)  # part 2 is rate limited ...
    fake.fail("sendMessage", "drop")  # ... then its connection drops, then it goes through
    await channel.send("u1", long)
    parts = fake.texts("u1")
    assert parts == split_text(long.html, 2000, html=False)  # every part once, in order


async def test_queued_buttons_become_numbered_choices_that_work(
    polling: ZaloChannel, fake: FakeZaloServer
) -> None:
    fake.say("u1", "/ping")  # the account exists once the user has written
    await fake.wait_texts("u1", 1)
    queued = Reply("Nhắc việc", buttons=((Button("Tiếp", "again:7"),),))
    await polling.send("u1", queued)
    texts = await fake.wait_texts("u1", 2)
    assert "1. Tiếp" in texts[1]
    fake.say("u1", "1")
    texts = await fake.wait_texts("u1", 3)
    assert texts[2] == "again 7"


# --- webhook --------------------------------------------------------------------------------------


@pytest.fixture
async def webhook(channel: ZaloChannel) -> AsyncIterator[tuple[ZaloChannel, str]]:
    app = Starlette(routes=[channel.webhook_route("/zalo/webhook")])
    async with serve_asgi(app) as base:
        url = f"{base}/zalo/webhook"
        await channel.start_webhook(url)
        yield channel, url
        await channel.drain()


async def test_webhook_processes_in_background(
    webhook: tuple[ZaloChannel, str], fake: FakeZaloServer
) -> None:
    _, url = webhook
    assert fake.webhook_url == url and fake.webhook_secret == SECRET
    fake.say("u1", "/ping")
    [reply] = await fake.wait_texts("u1", 1)
    assert "1. Lại" in reply
    fake.say("u1", "1")
    assert (await fake.wait_texts("u1", 2))[1] == "again 1"
    assert all(status == 200 for _, status in fake.webhook_deliveries)


async def test_webhook_answers_before_processing(
    webhook: tuple[ZaloChannel, str], fake: FakeZaloServer, release: asyncio.Event
) -> None:
    update = fake.text_update("u1", "/slow")
    status = await asyncio.to_thread(fake.post_webhook, update, secret=SECRET)
    assert status == 200 and fake.texts("u1") == []  # answered while the handler still works
    release.set()
    assert await fake.wait_texts("u1", 1) == ["slow done"]


async def test_forged_secret_is_rejected_and_nothing_processed(
    webhook: tuple[ZaloChannel, str], fake: FakeZaloServer, db: Database
) -> None:
    for secret in ("wrong-secret-value", "", None, SECRET + "x"):
        update = fake.text_update("u1", "/ping")
        assert await asyncio.to_thread(fake.post_webhook, update, secret=secret) == 401
    await webhook[0].drain()
    assert fake.texts("u1") == [] and fake.method_calls("sendMessage") == []
    with db.session() as s:
        assert s.exec(select(ProcessedEvent)).all() == []


async def test_redelivered_event_is_processed_once_even_after_restart(
    webhook: tuple[ZaloChannel, str], fake: FakeZaloServer, db: Database, clock: ManualClock
) -> None:
    channel, _ = webhook
    update = fake.text_update("u1", "/ping")
    statuses = await asyncio.gather(
        *[asyncio.to_thread(fake.post_webhook, update, secret=SECRET) for _ in range(3)]
    )
    assert statuses == [200, 200, 200]
    await fake.wait_texts("u1", 1)
    await channel.drain()
    # A new process (same database) gets the same event again: still dropped.
    api = ZaloBotApi(fake.token, base_url=fake.base_url)
    restarted = ZaloChannel(
        api, dispatch=make_router(db, clock).handle, settings=SETTINGS, db=db, webhook_secret=SECRET
    )
    await restarted.process_update(update)
    await restarted.drain()
    await api.aclose()
    assert len(fake.texts("u1")) == 1


async def test_polling_and_webhook_never_run_together(
    webhook: tuple[ZaloChannel, str], fake: FakeZaloServer
) -> None:
    channel, _ = webhook
    with pytest.raises(RuntimeError, match="never run together"):
        await channel.run_polling()
    assert fake.conflicts == 0 and fake.method_calls("getUpdates") == []


async def test_links_into_private_networks_are_refused(fake: FakeZaloServer) -> None:
    """An admin's pasted link must not make the bot fetch from its own network (SSRF)."""
    import httpx

    from bot.channels.doc_links import LinkDownloadError, download

    url = fake.host_file("ke-hoach.docx", b"PK" + b"x" * 10)
    async with httpx.AsyncClient() as client:
        with pytest.raises(LinkDownloadError) as refused:
            await download(url, client=client, max_bytes=1000)
        assert refused.value.reason == "forbidden_host"
        _, data = await download(url, client=client, max_bytes=1000, allow_private=True)
    assert data.startswith(b"PK")
