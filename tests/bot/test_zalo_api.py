"""The Zalo Bot API client against the fake Zalo server over HTTP: results, 408 idling, typed errors."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from bot.channels.base import PermanentFailure, RecipientBlocked, RetryLater
from bot.channels.zalo_api import ZaloApiError, ZaloAuthError, ZaloBotApi
from testkit.fakes.zalo_server import FakeZaloServer


@pytest.fixture
def fake() -> Iterator[FakeZaloServer]:
    with FakeZaloServer(max_poll_seconds=0.2) as server:
        yield server


@pytest.fixture
async def api(fake: FakeZaloServer) -> AsyncIterator[ZaloBotApi]:
    client = ZaloBotApi(fake.token, base_url=fake.base_url, timeout=0.5)
    yield client
    await client.aclose()


async def test_get_me_and_send_message(api: ZaloBotApi, fake: FakeZaloServer) -> None:
    me = await api.get_me()
    assert me["account_name"] == "dutybot"
    result = await api.send_message("u1", "Xin chào")
    assert result["message_id"]
    assert fake.texts("u1") == ["Xin chào"]


async def test_get_updates_one_per_call_and_none_when_idle(api: ZaloBotApi, fake: FakeZaloServer) -> None:
    assert await api.get_updates(poll_seconds=1) is None  # 408 "Request timeout" is normal
    fake.say("u1", "một")
    fake.say("u1", "hai")
    first = await api.get_updates(poll_seconds=1)
    second = await api.get_updates(poll_seconds=1)
    assert first is not None and second is not None
    assert [first["message"]["text"], second["message"]["text"]] == ["một", "hai"]
    assert await api.get_updates(poll_seconds=1) is None


async def test_wrong_token_is_an_auth_error(fake: FakeZaloServer) -> None:
    api = ZaloBotApi("999:wrong", base_url=fake.base_url)
    with pytest.raises(ZaloAuthError):
        await api.get_me()
    await api.aclose()


async def test_rate_limit_and_server_errors_are_retry_later(api: ZaloBotApi, fake: FakeZaloServer) -> None:
    fake.fail("sendMessage", "429", retry_after=3)
    with pytest.raises(RetryLater) as limited:
        await api.send_message("u1", "x")
    assert limited.value.seconds == 3
    fake.fail("sendMessage", "500")
    with pytest.raises(RetryLater):
        await api.send_message("u1", "x")
    fake.fail("sendMessage", "timeout", delay=1.0)
    with pytest.raises(RetryLater):
        await api.send_message("u1", "x")
    fake.fail("sendMessage", "drop")
    with pytest.raises(RetryLater):
        await api.send_message("u1", "x")
    assert fake.texts("u1") == []  # faults happen before the message is recorded
    await api.send_message("u1", "x")
    assert fake.texts("u1") == ["x"]


async def test_blocked_and_bad_requests(api: ZaloBotApi, fake: FakeZaloServer) -> None:
    fake.block("u2")
    with pytest.raises(RecipientBlocked):
        await api.send_message("u2", "x")
    with pytest.raises(ZaloApiError) as too_long:
        await api.send_message("u1", "a" * 2001)
    assert too_long.value.error_code == 400
    assert isinstance(too_long.value, PermanentFailure)


async def test_connection_refused_is_retry_later() -> None:
    api = ZaloBotApi("1:t", base_url="http://127.0.0.1:9", timeout=0.5)
    with pytest.raises(RetryLater):
        await api.get_me()
    await api.aclose()


async def test_injected_transport_sees_the_documented_request_shape() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"ok": True, "result": {"message_id": "42"}})

    client = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    api = ZaloBotApi("123:abc", base_url="https://zalo.test/", client=client)
    await api.send_message("c9", "hello")
    assert str(seen[0].url) == "https://zalo.test/bot123:abc/sendMessage"
    assert seen[0].method == "POST"
    assert json.loads(seen[0].content) == {"chat_id": "c9", "text": "hello"}
    await client.aclose()


async def test_token_never_reaches_logs_or_errors(
    fake: FakeZaloServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    api = ZaloBotApi(fake.token, base_url=fake.base_url, timeout=0.5)
    assert fake.token not in repr(api)
    await api.get_me()
    await api.send_message("u1", "x")
    errors: list[Exception] = []
    for kind in ("429", "500", "drop"):
        fake.fail("sendMessage", kind)
        try:
            await api.send_message("u1", "x")
        except RetryLater as exc:
            errors.append(exc)
    bad = ZaloBotApi("999:wrong-token-value", base_url=fake.base_url)
    with pytest.raises(ZaloAuthError) as auth:
        await bad.get_me()
    await api.aclose()
    await bad.aclose()
    assert any("HTTP Request" in r.getMessage() for r in caplog.records)  # httpx did log the requests
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert fake.token not in logged and "wrong-token-value" not in logged
    assert all(fake.token not in str(e) for e in errors)
    assert "wrong-token-value" not in str(auth.value)
