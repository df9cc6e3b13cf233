"""A thin async client for the Zalo Bot Platform HTTP API (bot.zaloplatforms.com).

Every method is a JSON POST to `{base_url}/bot{token}/{method}`; the answer is `{"ok": true,
"result": ...}` or `{"ok": false, "error_code": ..., "description": ...}`. Failures are raised as
the channel errors of `bot.channels.base`, so the delivery worker treats Zalo like any platform:

- 429 -> RateLimited, a RetryLater (Retry-After when given, else a default);
- 5xx, timeouts, dropped connections -> RetryLater;
- 403 or a "blocked" description -> RecipientBlocked;
- 401 -> ZaloAuthError (a PermanentFailure: the token is wrong, nothing will work);
- other 4xx -> PermanentFailure.

`getUpdates` returns ONE update per call and answers 408 "Request timeout" when nothing came in
during the long poll: that is normal and returned as None. The transport is injectable (pass an
`httpx.AsyncClient`, e.g. with a MockTransport or pointed at a fake server) and the base URL is
configuration (ZALO_API_BASE_URL). The token is part of every URL, so neither the token nor a URL
is ever logged: errors name only the method, and httpx's own request log is redacted.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import httpx

from bot.channels.base import PermanentFailure, RateLimited, RecipientBlocked, RetryLater
from bot.redact import install_token_redaction

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://bot-api.zaloplatforms.com"
TEXT_LIMIT = 2000  # characters per sendMessage text (Zalo Bot Platform limit)
DEFAULT_RETRY_SECONDS = 1.0  # a 429 without Retry-After
SERVER_ERROR_RETRY_SECONDS = 2.0  # 5xx, timeouts and dropped connections
_BLOCKED = re.compile(r"block|not.?allow|unfollow|forbidden", re.IGNORECASE)


class ZaloAuthError(PermanentFailure):
    """401: the bot token is wrong or revoked. Nothing works until an operator fixes the token."""


class ZaloApiError(PermanentFailure):
    """The API refused a request for good (400 and other 4xx); carries Zalo's code and text."""

    def __init__(self, method: str, error_code: int | None, description: str) -> None:
        super().__init__(f"zalo {method}: {error_code} {description}".strip())
        self.method = method
        self.error_code = error_code
        self.description = description


# The HTTP layer a test may put in the Zalo client's place (the composition root names it by this).
HttpClient = httpx.AsyncClient


class ZaloBotApi:
    """One bot's API. Cheap to build; close it (or the injected client) when done."""

    def __init__(
        self,
        token: str,
        *,
        base_url: str = DEFAULT_BASE_URL,
        client: httpx.AsyncClient | None = None,
        timeout: float = 15.0,
    ) -> None:
        if not token.strip():
            raise ValueError("a Zalo bot token is required")
        self._token = token
        self._base = base_url.rstrip("/")
        self._timeout = timeout
        self._own_client = client is None
        self._client = client or httpx.AsyncClient(timeout=timeout)
        install_token_redaction()

    def __repr__(self) -> str:  # never show the token
        return f"ZaloBotApi(base_url={self._base!r})"

    async def aclose(self) -> None:
        if self._own_client:
            await self._client.aclose()

    # --- the methods ------------------------------------------------------------------------------

    async def get_me(self) -> dict[str, Any]:
        return await self.call("getMe")

    async def get_updates(self, poll_seconds: int = 30) -> dict[str, Any] | None:
        """Long-poll for ONE update; None when the server answered 408 (nothing came in)."""
        payload = {"timeout": str(poll_seconds)}
        status, body = await self._post("getUpdates", payload, seconds=poll_seconds + 10.0)
        if status == 408 or (isinstance(body, dict) and body.get("error_code") == 408):
            return None
        result = self._result("getUpdates", status, body)
        return result if isinstance(result, dict) and result else None

    async def set_webhook(self, url: str, secret_token: str) -> dict[str, Any]:
        return await self.call("setWebhook", {"url": url, "secret_token": secret_token})

    async def delete_webhook(self) -> dict[str, Any]:
        return await self.call("deleteWebhook")

    async def get_webhook_info(self) -> dict[str, Any]:
        return await self.call("getWebhookInfo")

    async def send_message(self, chat_id: str, text: str) -> dict[str, Any]:
        return await self.call("sendMessage", {"chat_id": chat_id, "text": text})

    async def send_chat_action(self, chat_id: str, action: str = "typing") -> Any:
        return await self.call("sendChatAction", {"chat_id": chat_id, "action": action})

    async def send_photo(self, chat_id: str, photo_url: str, caption: str | None = None) -> dict[str, Any]:
        payload: dict[str, Any] = {"chat_id": chat_id, "photo": photo_url}
        if caption:
            payload["caption"] = caption[:TEXT_LIMIT]
        return await self.call("sendPhoto", payload)

    # --- plumbing ---------------------------------------------------------------------------------

    async def call(self, method: str, payload: dict[str, Any] | None = None) -> Any:
        """POST one method and return its `result`, or raise a channel error."""
        status, body = await self._post(method, payload, seconds=self._timeout)
        return self._result(method, status, body)

    async def _post(self, method: str, payload: dict[str, Any] | None, *, seconds: float) -> tuple[int, Any]:
        url = f"{self._base}/bot{self._token}/{method}"
        try:
            response = await self._client.post(url, json=payload or {}, timeout=seconds)
        except httpx.TimeoutException:
            raise RetryLater(SERVER_ERROR_RETRY_SECONDS, f"zalo {method}: timed out") from None
        except httpx.TransportError as exc:  # connection refused / reset / dropped mid-response
            raise RetryLater(SERVER_ERROR_RETRY_SECONDS, f"zalo {method}: {type(exc).__name__}") from None
        try:
            body: Any = response.json()
        except ValueError:
            body = None
        if response.status_code == 429:
            raise RateLimited(_retry_after(response, body), f"zalo {method}: rate limited (429)")
        return response.status_code, body

    def _result(self, method: str, status: int, body: Any) -> Any:
        if isinstance(body, dict) and body.get("ok") is True and status < 400:
            return body.get("result")
        code = body.get("error_code") if isinstance(body, dict) else None
        description = str(body.get("description") or "") if isinstance(body, dict) else ""
        effective = code if isinstance(code, int) and code >= 400 else status
        if effective == 429:
            raise RateLimited(DEFAULT_RETRY_SECONDS, f"zalo {method}: rate limited (429)")
        if effective >= 500 or (body is None and status < 400):
            raise RetryLater(SERVER_ERROR_RETRY_SECONDS, f"zalo {method}: server error {effective}")
        if effective == 401:
            raise ZaloAuthError(f"zalo {method}: unauthorized (check ZALO_TOKEN)")
        if effective == 403 or _BLOCKED.search(description):
            raise RecipientBlocked(f"zalo {method}: {description or 'forbidden'}")
        raise ZaloApiError(method, code if isinstance(code, int) else status, description)


def _retry_after(response: httpx.Response, body: Any) -> float:
    header = response.headers.get("Retry-After")
    if header:
        try:
            return max(0.0, float(header))
        except ValueError:
            pass
    if isinstance(body, dict):
        params = body.get("parameters")
        if isinstance(params, dict) and isinstance(params.get("retry_after"), int | float):
            return float(params["retry_after"])
    return DEFAULT_RETRY_SECONDS
