"""`dutybot run` at DEBUG, both platforms by webhook: no token and no webhook secret in its output.

The process runs for real against the fake Telegram and Zalo servers, receives one update on each
platform through its webhook (with the right secret), answers, and is stopped with SIGTERM. DEBUG is
where libraries print request parameters and URLs, so it is the level that must be checked.
"""

from __future__ import annotations

import asyncio

import httpx
import pytest

from bot.webserver import TELEGRAM_SECRET_HEADER
from testkit.fakes.telegram_server import FakeTelegram
from testkit.fakes.zalo_server import SECRET_HEADER as ZALO_SECRET_HEADER
from testkit.fakes.zalo_server import FakeZaloServer
from tests.bot.test_run_both import _free_port, servers, start_run, stop  # noqa: F401  (fixture)

TG_SECRET = "tg-webhook-secret-0123456789abcdef"
ZALO_SECRET = "zalo-webhook-secret-0123456789abcdef"


def telegram_update(update_id: int, user_id: int, text: str) -> dict[str, object]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 1_700_000_000,
            "chat": {"id": user_id, "type": "private", "first_name": "A"},
            "from": {"id": user_id, "is_bot": False, "first_name": "A", "language_code": "vi"},
            "text": text,
            "entities": [{"type": "bot_command", "offset": 0, "length": len(text)}],
        },
    }


@pytest.mark.slow
async def test_debug_log_holds_no_token_and_no_secret(
    servers: tuple[FakeTelegram, FakeZaloServer],  # noqa: F811
    tmp_path: object,
) -> None:
    tg, zl = servers
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_run(
        tmp_path,  # type: ignore[arg-type]
        tg,
        zl,
        LOG_LEVEL="DEBUG",
        WEBHOOK_PORT=str(port),
        TELEGRAM_WEBHOOK_URL=f"{base}/telegram",
        TELEGRAM_WEBHOOK_SECRET=TG_SECRET,
        ZALO_WEBHOOK_URL=f"{base}/zalo/webhook",
        ZALO_WEBHOOK_SECRET=ZALO_SECRET,
    )
    try:
        async with httpx.AsyncClient(base_url=base, timeout=5) as client:
            for _ in range(300):  # until the web server is up
                try:
                    if (await client.get("/healthz")).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.1)
            forged = await client.post("/telegram", json=telegram_update(1, 601, "/help"))
            assert forged.status_code == 403
            ok = await client.post(
                "/telegram",
                json=telegram_update(2, 601, "/help"),
                headers={TELEGRAM_SECRET_HEADER: TG_SECRET},
            )
            assert ok.status_code == 200
            assert ok.json()["chat_id"] == "601"  # the reply, carried in the webhook response
            zupdate = zl.text_update("z601", "/help")
            for forged_headers in (
                {},
                {ZALO_SECRET_HEADER: TG_SECRET},
                {ZALO_SECRET_HEADER: ZALO_SECRET[:-1]},
            ):
                refused = await client.post("/zalo/webhook", json=zupdate, headers=forged_headers)
                assert refused.status_code in (401, 403)
            zok = await client.post("/zalo/webhook", json=zupdate, headers={ZALO_SECRET_HEADER: ZALO_SECRET})
            assert zok.status_code == 200
        await zl.wait_texts("z601", 1, within=30)
    finally:
        out = stop(proc)
    assert tg.webhook.get("secret_token") == TG_SECRET  # the secret really went to setWebhook
    assert "DEBUG" in out  # the level took effect
    for secret in (tg.token, zl.token, TG_SECRET, ZALO_SECRET, tg.token.split(":")[1]):
        assert secret not in out, f"a secret appears in the log: {secret[:6]}..."
