"""The webhook route: only requests carrying the secret token; one plain reply in the response."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from bot.app import BotApp
from bot.channels import telegram as telegram_channel
from bot.channels.telegram_out import message_params, webhook_answer
from bot.webserver import TELEGRAM_SECRET_HEADER, build_webserver, telegram_route
from messages.types import Button, OutgoingFile, Reply
from testkit.fakes import telegram_updates as updates
from testkit.fakes.telegram_server import FakeTelegram
from tests.bot.conftest import ADMIN, make_settings


async def test_secret_token_is_required() -> None:
    received: list[dict[str, Any]] = []

    async def accept(data: dict[str, Any]) -> None:
        received.append(data)

    app = build_webserver([telegram_route("/tg", "s3cret-token", accept)])
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
        assert (await client.post("/tg", json={"update_id": 1})).status_code == 403
        wrong = await client.post("/tg", json={"update_id": 2}, headers={TELEGRAM_SECRET_HEADER: "wrong"})
        assert wrong.status_code == 403
        ok = await client.post("/tg", json={"update_id": 3}, headers={TELEGRAM_SECRET_HEADER: "s3cret-token"})
        assert ok.status_code == 200
        assert (await client.get("/healthz")).text == "ok"
    assert received == [{"update_id": 3}]


def _update(update_id: int, user_id: int, text: str) -> dict[str, Any]:
    return {"update_id": update_id, "message": updates.text_message(update_id, user_id, text)}


async def test_one_plain_reply_comes_back_in_the_webhook_response(
    tg: FakeTelegram, database_url: str
) -> None:
    """The real Application behind the real route: /help is answered in the HTTP response body (no
    sendMessage request), while a file (admin /export) still goes out as a request."""
    app = BotApp.build(make_settings(database_url, tg))
    telegram = app.add_telegram()
    await telegram.start_webhook("https://bot.example/tg", "s3cret-token")
    web = build_webserver([telegram_route("/tg", "s3cret-token", telegram.accept)])
    headers = {TELEGRAM_SECRET_HEADER: "s3cret-token"}
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=web), base_url="http://x") as client:
            r = await client.post("/tg", json=_update(1, 42, "/help"), headers=headers)
            assert r.status_code == 200
            answer = r.json()
            assert answer["method"] == "sendMessage"
            assert answer["chat_id"] == "42" and answer["parse_mode"] == "HTML"
            assert "/join" in answer["text"]
            assert answer["link_preview_options"] == {"is_disabled": True}
            assert tg.calls_to("sendMessage") == []

            r = await client.post("/tg", json=_update(2, ADMIN, "/export"), headers=headers)
            assert r.status_code == 200 and r.text == "ok"
            [doc] = tg.calls_to("sendDocument")
            assert str(doc.params["chat_id"]) == str(ADMIN)

            redelivered = await client.post("/tg", json=_update(1, 42, "/help"), headers=headers)
            assert redelivered.text == "ok"  # handled once: no second answer
    finally:
        await app.stop()
        app.services.db.dispose()


async def test_an_update_slower_than_the_wait_is_answered_ok_and_its_reply_sent(
    tg: FakeTelegram, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A button press whose answerCallbackQuery is slower than the wait: the request gets "ok" then
    and the reply (not a member) is then sent as a request, not lost."""
    monkeypatch.setattr(telegram_channel, "WEBHOOK_ANSWER_WAIT", 0.3)
    app = BotApp.build(make_settings(database_url, tg))
    telegram = app.add_telegram()
    await telegram.start_webhook("https://bot.example/tg", "s3cret-token")
    web = build_webserver([telegram_route("/tg", "s3cret-token", telegram.accept)])
    tg.delay = 1.0  # every Bot API call from now on
    chat = {"id": 43, "type": "private"}
    press = {
        "update_id": 1,
        "callback_query": {
            "id": "cb1",
            "from": updates.user(43),
            "chat_instance": "43",
            "data": "duty:page:1",
            "message": {"message_id": 5, "date": 0, "chat": chat, "text": "x"},
        },
    }
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=web), base_url="http://x") as client:
            r = await client.post("/tg", json=press, headers={TELEGRAM_SECRET_HEADER: "s3cret-token"})
            assert r.text == "ok"
        assert tg.texts_to(43) == []
        await tg.wait_for(lambda: len(tg.texts_to(43)) == 1)
    finally:
        await app.stop()
        app.services.db.dispose()


def test_only_a_single_plain_message_can_be_a_webhook_answer() -> None:
    buttons = ((Button("Trang 2", "duty:page:2"),),)
    answer = webhook_answer("7", Reply("<b>Nhiệm vụ</b>", buttons=buttons))
    assert answer is not None
    assert answer["reply_markup"] == {
        "inline_keyboard": [[{"text": "Trang 2", "callback_data": "duty:page:2"}]]
    }
    assert answer == {"method": "sendMessage", **{k: v for k, v in answer.items() if k != "method"}}
    long_text = "\n".join(f"dòng {i} " + "x" * 80 for i in range(60))  # > 4096: two parts
    assert len(message_params("7", Reply(long_text))) == 2
    assert webhook_answer("7", Reply(long_text)) is None
    assert webhook_answer("7", Reply("tệp", file=OutgoingFile("a.ics", b"x", "text/calendar"))) is None
    assert webhook_answer("7", Reply("sửa", edit_message_id="100")) is None
