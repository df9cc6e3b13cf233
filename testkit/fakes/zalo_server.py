"""A fake Zalo Bot Platform API on 127.0.0.1, for end-to-end tests over real HTTP.

Same routes and answers as bot-api.zaloplatforms.com: POST `/bot{token}/{method}` with JSON, replies
`{"ok": true, "result": ...}` or `{"ok": false, "error_code": ..., "description": ...}`.
- `push(update)` queues an update: `getUpdates` hands them out ONE per call and answers 408
  "Request timeout" after the long-poll wait when there is none; when a webhook is set, the update
  is POSTed to it instead (with the registered X-Bot-Api-Secret-Token), as Zalo does.
- `post_webhook(update, secret=...)` POSTs an event to the bot's webhook with any secret (forgeries,
  redeliveries) and returns the HTTP status.
- `sendMessage` enforces the 2000-character limit and records texts per chat; `block(chat_id)` makes
  sends to that chat fail like a user who blocked the bot.
- `fail(method, kind, times)` injects faults before the request is processed: "429" (with
  Retry-After), "500", "timeout" (answers only after the client gave up) and "drop" (the connection
  is closed mid-response).
- `host_file(name, data)` serves a download link, like a document an admin links to on Zalo.
- `getUpdates` while a webhook is set is refused and counted in `conflicts`, so a test can prove that
  polling and webhook never ran together.

Runs uvicorn in a background thread with its own event loop; all state is guarded by one lock.
"""

from __future__ import annotations

import asyncio
import itertools
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from testkit.fakes.serving import ThreadedServer, drop_connection, free_socket, wait_until

TEXT_LIMIT = 2000
SECRET_HEADER = "X-Bot-Api-Secret-Token"


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass
class Fault:
    kind: str  # "429" | "500" | "timeout" | "drop"
    retry_after: float | None = None
    delay: float = 1.5
    after: int = 0  # let this many calls through before the fault hits


@dataclass
class Sent:
    chat_id: str
    text: str
    message_id: str
    at: float = field(default_factory=time.monotonic)


class FakeZaloServer:
    def __init__(self, token: str = "1234567890:fake-zalo-token", *, max_poll_seconds: float = 1.0) -> None:
        self.token = token
        self.max_poll_seconds = max_poll_seconds
        self._lock = threading.Lock()
        self._updates: deque[dict[str, Any]] = deque()
        self._faults: dict[str, deque[Fault]] = defaultdict(deque)
        self._ids = itertools.count(1)
        self.sent: list[Sent] = []
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.chat_actions: list[tuple[str, str]] = []
        self.blocked: set[str] = set()
        self.webhook_url: str | None = None
        self.webhook_secret: str | None = None
        self.webhook_deliveries: list[tuple[str, int]] = []  # (message_id, HTTP status)
        self.conflicts = 0  # getUpdates calls refused because a webhook was set
        self.refused_too_long = 0
        self._server: ThreadedServer | None = None
        self.port = 0
        self.files: dict[str, bytes] = {}

    # --- lifecycle --------------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FakeZaloServer:
        sock = free_socket()
        self.port = sock.getsockname()[1]
        app = Starlette(
            routes=[
                Route("/bot{token}/{method}", _Endpoint(self), methods=["POST"]),
                Route("/files/{name}", self._file, methods=["GET"]),
            ]
        )
        self._server = ThreadedServer(
            app,
            sock,
            name="Zalo",
            start_timeout=5,
            log_level="critical",
            ws="none",
            http="h11",
            timeout_graceful_shutdown=1,
        )
        self._server.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()

    def __enter__(self) -> FakeZaloServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- what tests do ----------------------------------------------------------------------------

    def next_message_id(self) -> str:
        return f"m{next(self._ids):06d}"

    def text_update(
        self,
        user_id: str,
        text: str,
        *,
        name: str = "",
        event: str = "message.text.received",
        message_id: str | None = None,
    ) -> dict[str, Any]:
        message: dict[str, Any] = {
            "message_id": message_id or self.next_message_id(),
            "from": {"id": user_id, "display_name": name or f"User {user_id}", "is_bot": False},
            "chat": {"id": user_id, "chat_type": "PRIVATE"},
            "date": int(time.time() * 1000),
        }
        if event == "message.text.received":
            message["text"] = text
        elif event == "message.image.received":
            message["photo_url"] = "https://example.invalid/photo.jpg"
            message["caption"] = text
        elif event == "message.sticker.received":
            message["sticker"] = "abc"
        return {"event_name": event, "message": message}

    def image_update(self, user_id: str, photo_url: str, *, caption: str = "") -> dict[str, Any]:
        """A message.image.received as the Bot Platform sends it: the image at `photo_url`."""
        update = self.text_update(user_id, caption, event="message.image.received")
        update["message"]["photo_url"] = photo_url
        return update

    def push(self, update: dict[str, Any]) -> str:
        """Deliver an update the way Zalo would: to the webhook if one is set, else to getUpdates."""
        with self._lock:
            url, secret = self.webhook_url, self.webhook_secret
            if url is None:
                self._updates.append(update)
        if url is not None:
            threading.Thread(target=self._deliver, args=(update, url, secret), daemon=True).start()
        return str(update["message"]["message_id"])

    def say(self, user_id: str, text: str, *, name: str = "") -> str:
        return self.push(self.text_update(user_id, text, name=name))

    def post_webhook(self, update: dict[str, Any], *, secret: str | None) -> int:
        """POST one event to the registered webhook with `secret` (blocking: call via to_thread)."""
        assert self.webhook_url is not None, "no webhook registered"
        return self._deliver(update, self.webhook_url, secret)

    def fail(
        self,
        method: str,
        kind: str,
        times: int = 1,
        *,
        retry_after: float | None = None,
        delay: float = 1.5,
        after: int = 0,
    ) -> None:
        """Queue `times` faults for `method`; the first one waits until `after` calls went through."""
        with self._lock:
            for i in range(times):
                self._faults[method].append(Fault(kind, retry_after, delay, after if i == 0 else 0))

    def host_file(self, name: str, data: bytes) -> str:
        """Serve `data` at a download link (an admin pastes such links on Zalo to import a plan)."""
        with self._lock:
            self.files[name] = data
        return f"{self.base_url}/files/{name}"

    def block(self, chat_id: str) -> None:
        with self._lock:
            self.blocked.add(chat_id)

    def texts(self, chat_id: str) -> list[str]:
        with self._lock:
            return [s.text for s in self.sent if s.chat_id == chat_id]

    def all_texts(self) -> list[Sent]:
        with self._lock:
            return list(self.sent)

    def pending_updates(self) -> int:
        with self._lock:
            return len(self._updates)

    def method_calls(self, method: str) -> list[dict[str, Any]]:
        with self._lock:
            return [payload for m, payload in self.calls if m == method]

    async def wait_for(self, predicate: Callable[[], bool], within: float = 10.0) -> None:
        await wait_until(predicate, within)

    async def wait_texts(self, chat_id: str, count: int, within: float = 10.0) -> list[str]:
        await self.wait_for(lambda: len(self.texts(chat_id)) >= count, within)
        return self.texts(chat_id)

    # --- the server side --------------------------------------------------------------------------

    def _deliver(self, update: dict[str, Any], url: str, secret: str | None) -> int:
        headers = {SECRET_HEADER: secret} if secret is not None else {}
        try:
            status = httpx.post(url, json=update, headers=headers, timeout=10).status_code
        except httpx.HTTPError:
            status = 0
        with self._lock:
            self.webhook_deliveries.append((str(update.get("message", {}).get("message_id")), status))
        return status

    async def handle(self, request: Request, send: Send) -> JSONResponse | None:
        token, method = request.path_params["token"], request.path_params["method"]
        try:
            payload = await request.json()
        except ValueError:
            payload = {}
        payload = payload if isinstance(payload, dict) else {}
        if token != self.token:
            return _error(401, "Unauthorized")
        with self._lock:
            self.calls.append((method, payload))
            fault = None
            queue = self._faults[method]
            if queue and queue[0].after > 0:
                queue[0].after -= 1
            elif queue:
                fault = queue.popleft()
        if fault is not None:
            if fault.kind == "429":
                headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else {}
                return _error(429, "Too Many Requests", headers)
            if fault.kind == "500":
                return _error(500, "Internal Server Error")
            if fault.kind == "timeout":
                await asyncio.sleep(fault.delay)
                return _error(504, "Gateway Timeout")
            if fault.kind == "drop":
                await drop_connection(send)
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            return _error(404, f"Method {method} not found")
        result: JSONResponse = await handler(payload)
        return result

    async def _file(self, request: Request) -> Response:
        with self._lock:
            data = self.files.get(request.path_params["name"])
        return (
            Response(data, media_type="application/octet-stream")
            if data is not None
            else Response(status_code=404)
        )

    async def _m_getMe(self, payload: dict[str, Any]) -> JSONResponse:
        bot = {"id": "9000", "account_name": "dutybot", "account_type": "BASIC", "can_join_groups": False}
        return _ok(bot)

    async def _m_getUpdates(self, payload: dict[str, Any]) -> JSONResponse:
        with self._lock:
            if self.webhook_url is not None:
                self.conflicts += 1
                return _error(400, "Webhook is active; delete it before calling getUpdates")
        try:
            wait = float(payload.get("timeout", 30))
        except (TypeError, ValueError):
            wait = 30.0
        deadline = time.monotonic() + min(wait, self.max_poll_seconds)
        while True:
            with self._lock:
                if self._updates:
                    return _ok(self._updates.popleft())
            if time.monotonic() >= deadline:
                return _error(408, "Request timeout")
            await asyncio.sleep(0.01)

    async def _m_setWebhook(self, payload: dict[str, Any]) -> JSONResponse:
        url, secret = payload.get("url"), payload.get("secret_token")
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            return _error(400, "url is invalid")
        if not isinstance(secret, str) or not 8 <= len(secret) <= 256:
            return _error(400, "secret_token must be 8-256 characters")
        with self._lock:
            self.webhook_url, self.webhook_secret = url, secret
            queued = list(self._updates)
            self._updates.clear()
        for update in queued:
            threading.Thread(target=self._deliver, args=(update, url, secret), daemon=True).start()
        return _ok({"url": url, "updated_at": int(time.time() * 1000)})

    async def _m_deleteWebhook(self, payload: dict[str, Any]) -> JSONResponse:
        with self._lock:
            self.webhook_url = self.webhook_secret = None
        return _ok({"url": "", "updated_at": int(time.time() * 1000)})

    async def _m_getWebhookInfo(self, payload: dict[str, Any]) -> JSONResponse:
        with self._lock:
            return _ok({"url": self.webhook_url or "", "has_custom_certificate": False})

    async def _m_sendMessage(self, payload: dict[str, Any]) -> JSONResponse:
        chat_id, text = str(payload.get("chat_id") or ""), payload.get("text")
        if not chat_id or not isinstance(text, str) or not text:
            return _error(400, "chat_id and text are required")
        if utf16_len(text) > TEXT_LIMIT:
            with self._lock:
                self.refused_too_long += 1
            return _error(400, f"text must be at most {TEXT_LIMIT} characters")
        with self._lock:
            if chat_id in self.blocked:
                return _error(403, "User has blocked the bot")
            sent = Sent(chat_id, text, self.next_message_id())
            self.sent.append(sent)
        return _ok({"message_id": sent.message_id, "date": int(time.time() * 1000)})

    async def _m_sendChatAction(self, payload: dict[str, Any]) -> JSONResponse:
        with self._lock:
            self.chat_actions.append((str(payload.get("chat_id")), str(payload.get("action"))))
        return _ok(True)

    async def _m_sendPhoto(self, payload: dict[str, Any]) -> JSONResponse:
        chat_id = str(payload.get("chat_id") or "")
        with self._lock:
            if chat_id in self.blocked:
                return _error(403, "User has blocked the bot")
        return _ok({"message_id": self.next_message_id(), "date": int(time.time() * 1000)})


class _Endpoint:
    """A raw ASGI endpoint, so a fault can drop the connection halfway through a response."""

    def __init__(self, fake: FakeZaloServer) -> None:
        self.fake = fake

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = await self.fake.handle(Request(scope, receive), send)
        if response is not None:
            await response(scope, receive, send)


def _ok(result: Any) -> JSONResponse:
    return JSONResponse({"ok": True, "result": result})


def _error(code: int, description: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"ok": False, "error_code": code, "description": description}, code, headers=headers)
