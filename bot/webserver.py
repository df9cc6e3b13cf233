"""The webhook web server (starlette): Telegram's route, plus whatever routes other channels add.

Every webhook request must carry the secret token set with setWebhook; it is compared in constant
time and a wrong or missing one is answered 403 without looking at the body. `accept` may return a
Bot API method call (a dict with "method"), which becomes the JSON response: Telegram executes it.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

log = logging.getLogger(__name__)

TELEGRAM_SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def secret_ok(given: str | None, expected: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


Accept = Callable[[dict[str, Any]], Awaitable[dict[str, Any] | None]]


def telegram_route(path: str, secret: str, accept: Accept) -> Route:
    """POST `path`: a Telegram update, verified by its secret header, handed to `accept`; its answer
    (a method call) is the response body, else "ok"."""

    async def endpoint(request: Request) -> Response:
        if not secret_ok(request.headers.get(TELEGRAM_SECRET_HEADER), secret):
            log.warning("telegram webhook call with a wrong secret token from %s", request.client)
            return PlainTextResponse("forbidden", status_code=403)
        try:
            data = await request.json()
        except ValueError:
            return PlainTextResponse("bad request", status_code=400)
        answer = await accept(data)
        return JSONResponse(answer) if answer is not None else PlainTextResponse("ok")

    return Route(path, endpoint, methods=["POST"])


async def _health(request: Request) -> Response:
    return PlainTextResponse("ok")


def build_webserver(routes: Sequence[BaseRoute]) -> Starlette:
    """One app for every channel's webhook (Zalo adds its own route) and a health check."""
    return Starlette(routes=[Route("/healthz", _health), *routes])
