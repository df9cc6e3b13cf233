"""The webhook route accepts only requests carrying the secret token."""

from __future__ import annotations

from typing import Any

import httpx

from bot.webserver import TELEGRAM_SECRET_HEADER, build_webserver, telegram_route


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
