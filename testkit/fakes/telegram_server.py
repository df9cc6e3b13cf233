"""A fake Telegram Bot API server over real HTTP, for end-to-end, fault and load tests.

Runs starlette under uvicorn on 127.0.0.1 (a random free port) in a background thread, so the real
python-telegram-bot `Application` talks to it exactly as to api.telegram.org (point `base_url` and
`base_file_url` at `server.base_url` / `server.base_file_url`). It serves injected updates through
getUpdates (built by testkit.fakes.telegram_updates), records every call, and can misbehave on
purpose (testkit.fakes.telegram_faults):

- `fail(method, status=429, retry_after=1, times=n, chat_id=...)`: the next n matching calls fail;
- `block(chat_id)`: 403 "Forbidden: bot was blocked by the user" for that chat from now on;
- `delay = 0.5`: every answer is slowed down (timeouts);
- `drop(method, times=n)`: the next n matching calls get half a response and a closed connection;
- `stall(method, seconds, times=n)`: the next n matching calls hang `seconds`, then fail with 504
  (a client with a shorter read timeout sees a timeout); neither fault processes the request;
- `enforce_rate(per_second=30, per_chat_interval=1.0)`: answer 429 above Telegram's limits.

`GET /_calls` returns every call as JSON ([method, chat_id, status, time.monotonic()]): load
generators in other processes read the reply times from it (CLOCK_MONOTONIC is system-wide).

Usage:
    with FakeTelegram() as tg:
        tg.push_text(1001, "/start")
        ...
        assert tg.texts_to(1001) == [...]
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from testkit.fakes import telegram_updates as updates
from testkit.fakes.serving import ThreadedServer, free_socket, wait_until
from testkit.fakes.telegram_faults import Dropped, Fault, Misbehaviour, error

JSON_FIELDS = {"reply_markup", "commands", "scope", "allowed_updates", "entities", "link_preview_options"}


@dataclass(slots=True)
class Call:
    method: str
    params: dict[str, Any]
    status: int
    at: float


@dataclass(slots=True)
class SentMessage:
    chat_id: str
    message_id: int
    text: str
    reply_markup: dict[str, Any] | None = None
    document: tuple[str, bytes] | None = None
    edits: list[str] = field(default_factory=list)
    photo: bool = False  # sent with sendPhoto (`document` holds its bytes)


class FakeTelegram(Misbehaviour):
    def __init__(self, token: str = "123456:TEST-TOKEN") -> None:
        super().__init__()
        self.token = token
        self.delay = 0.0
        self.calls: list[Call] = []
        self.messages: dict[str, list[SentMessage]] = defaultdict(list)
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}  # (scope json, lang) -> commands
        self.webhook: dict[str, Any] = {"url": ""}
        self.files: dict[str, tuple[str, bytes]] = {}
        self._updates: deque[dict[str, Any]] = deque()
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(100)
        self._sock = free_socket()
        self.port = self._sock.getsockname()[1]
        self._server: ThreadedServer | None = None

    # --- life cycle ------------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        return f"{self.url}/file/bot"

    def start(self) -> FakeTelegram:
        app = Starlette(
            routes=[
                Route("/bot{token}/{method}", self._api, methods=["GET", "POST"]),
                Route("/file/bot{token}/{path:path}", self._download, methods=["GET"]),
                Route("/_calls", self._calls, methods=["GET"]),
            ]
        )
        self._server = ThreadedServer(
            app, self._sock, name="Telegram", start_timeout=10, log_level="warning", timeout_keep_alive=30
        )
        self._server.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
        self._sock.close()

    def __enter__(self) -> FakeTelegram:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- injecting updates -----------------------------------------------------------------------

    def _push(self, update: dict[str, Any]) -> int:
        with self._lock:
            update_id = next(self._update_ids)
            self._updates.append({"update_id": update_id, **update})
        return update_id

    def push_text(self, user_id: int, text: str, **user: Any) -> int:
        return self._push({"message": updates.text_message(next(self._message_ids), user_id, text, **user)})

    def push_callback(self, user_id: int, data: str, message_id: int | None = None, **user: Any) -> int:
        query = updates.callback_query(f"cq{next(self._update_ids)}", user_id, data, message_id or 1, **user)
        return self._push({"callback_query": query})

    def push_document(self, user_id: int, filename: str, content: bytes, caption: str | None = None) -> int:
        file_id = f"file{len(self.files) + 1}"
        with self._lock:
            self.files[file_id] = (filename, content)
        message = updates.document_message(
            next(self._message_ids),
            user_id,
            file_id=file_id,
            filename=filename,
            size=len(content),
            caption=caption,
        )
        return self._push({"message": message})

    def push_photos(self, user_id: int, photos: list[bytes], *, album: bool = True) -> list[int]:
        """Photos as Telegram delivers them: one update each (only the largest size carries the bytes
        here), one media_group_id when sent as an album."""
        group = f"album{next(self._update_ids)}" if album and len(photos) > 1 else None
        ids = []
        for content in photos:
            file_id = f"photo{len(self.files) + 1}"
            with self._lock:
                self.files[file_id] = (f"{file_id}.jpg", content)
                self.files[f"{file_id}s"] = (f"{file_id}s.jpg", b"thumbnail")
            message = updates.photo_message(
                next(self._message_ids), user_id, file_id=file_id, size=len(content), group=group
            )
            ids.append(self._push({"message": message}))
        return ids

    # --- observing -------------------------------------------------------------------------------

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def texts_to(self, chat_id: int | str) -> list[str]:
        with self._lock:
            return [m.text for m in self.messages.get(str(chat_id), [])]

    def last_to(self, chat_id: int | str) -> SentMessage:
        with self._lock:
            return self.messages[str(chat_id)][-1]

    def pending_updates(self) -> int:
        with self._lock:
            return len(self._updates)

    async def wait_for(self, predicate: Callable[[], bool], within: float = 10.0) -> None:
        """Wait (in the test's loop) until `predicate()` holds."""
        await wait_until(predicate, within)

    # --- the API ---------------------------------------------------------------------------------

    async def _params(self, request: Request) -> dict[str, Any]:
        params: dict[str, Any] = dict(request.query_params)
        if request.method == "POST":
            ctype = request.headers.get("content-type", "")
            if ctype.startswith("application/json"):
                params.update(await request.json())
            elif ctype:
                form = await request.form()
                for key, value in form.multi_items():
                    if isinstance(value, UploadFile):
                        params[key] = (value.filename, await value.read())
                    else:
                        params[key] = value
                await form.close()  # uploads are spooled to temporary files
        for key in JSON_FIELDS & params.keys():
            if isinstance(params[key], str):
                params[key] = json.loads(params[key])
        return params

    async def _api(self, request: Request) -> Response:
        method = request.path_params["method"]
        params = await self._params(request)
        if request.path_params["token"] != self.token:
            return self._record(method, params, error(401, "Unauthorized"))
        if self.delay and method != "getUpdates":
            await asyncio.sleep(self.delay)
        chat_id = str(params["chat_id"]) if "chat_id" in params else None
        fault = self.fault_for(method, chat_id)
        if isinstance(fault, Fault) and fault.kind == "stall":
            await asyncio.sleep(fault.seconds)
            return self._record(method, params, error(504, fault.description))
        if isinstance(fault, Fault):  # drop: promise a body, send half of it, close the connection
            self._record(method, params, JSONResponse({}, status_code=599))
            return Dropped()
        if fault is not None:
            return self._record(method, params, fault)
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            return self._record(method, params, error(404, f"Not Found: method {method}"))
        result = await handler(params)
        return self._record(method, params, JSONResponse({"ok": True, "result": result}))

    def _record(self, method: str, params: dict[str, Any], response: JSONResponse) -> JSONResponse:
        with self._lock:
            self.calls.append(Call(method, params, response.status_code, time.monotonic()))
        return response

    async def _calls(self, request: Request) -> Response:
        with self._lock:
            rows = [[c.method, str(c.params.get("chat_id", "")), c.status, c.at] for c in self.calls]
        return JSONResponse(rows)

    async def _download(self, request: Request) -> Response:
        file_id = request.path_params["path"].rsplit("/", 1)[-1]
        with self._lock:
            found = self.files.get(file_id)
        if found is None:
            return Response(status_code=404)
        return Response(found[1], media_type="application/octet-stream")

    async def _m_getMe(self, params: dict[str, Any]) -> Any:
        return updates.bot_user()

    async def _m_getUpdates(self, params: dict[str, Any]) -> Any:
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        deadline = time.monotonic() + float(params.get("timeout") or 0)
        while True:
            with self._lock:
                while self._updates and self._updates[0]["update_id"] < offset:
                    self._updates.popleft()  # confirmed by the offset
                batch = list(itertools.islice(self._updates, limit))
            if batch or time.monotonic() >= deadline:
                return batch
            await asyncio.sleep(0.01)

    async def _m_sendMessage(self, params: dict[str, Any]) -> Any:
        chat_id = str(params["chat_id"])
        msg = SentMessage(
            chat_id, next(self._message_ids), str(params.get("text", "")), params.get("reply_markup")
        )
        with self._lock:
            self.messages[chat_id].append(msg)
        return updates.sent_message(chat_id, msg.message_id, msg.text)

    async def _m_sendDocument(self, params: dict[str, Any]) -> Any:
        chat_id = str(params["chat_id"])
        doc = params.get("document")
        document = doc if isinstance(doc, tuple) else (str(doc), b"")
        msg = SentMessage(
            chat_id,
            next(self._message_ids),
            str(params.get("caption", "")),
            params.get("reply_markup"),
            document=document,
        )
        with self._lock:
            self.messages[chat_id].append(msg)
        result = updates.sent_message(chat_id, msg.message_id, "")
        del result["text"]
        result["document"] = {
            "file_id": f"sent{msg.message_id}",
            "file_unique_id": f"sent{msg.message_id}",
            "file_name": document[0],
        }
        return result

    async def _m_sendPhoto(self, params: dict[str, Any]) -> Any:
        """A picture: recorded like a document (its bytes in `document`), with `photo` set."""
        chat_id = str(params["chat_id"])
        raw = params.get("photo")
        photo = raw if isinstance(raw, tuple) else (str(raw), b"")
        msg = SentMessage(
            chat_id,
            next(self._message_ids),
            str(params.get("caption", "")),
            params.get("reply_markup"),
            document=photo,
        )
        msg.photo = True
        with self._lock:
            self.messages[chat_id].append(msg)
        result = updates.sent_message(chat_id, msg.message_id, "")
        del result["text"]
        result["photo"] = [
            {"file_id": f"p{msg.message_id}", "file_unique_id": f"p{msg.message_id}", "width": 1, "height": 1}
        ]
        return result

    async def _m_editMessageText(self, params: dict[str, Any]) -> Any:
        chat_id, message_id = str(params["chat_id"]), int(params["message_id"])
        with self._lock:
            for msg in self.messages.get(chat_id, []):
                if msg.message_id == message_id:
                    msg.edits.append(msg.text)
                    msg.text, msg.reply_markup = str(params.get("text", "")), params.get("reply_markup")
                    break
        return updates.sent_message(chat_id, message_id, str(params.get("text", "")))

    async def _m_answerCallbackQuery(self, params: dict[str, Any]) -> Any:
        return True

    async def _m_getFile(self, params: dict[str, Any]) -> Any:
        file_id = str(params["file_id"])
        with self._lock:
            _name, content = self.files[file_id]
        return {
            "file_id": file_id,
            "file_unique_id": file_id,
            "file_size": len(content),
            "file_path": f"documents/{file_id}",
        }

    async def _m_setMyCommands(self, params: dict[str, Any]) -> Any:
        key = (
            json.dumps(params.get("scope") or {"type": "default"}, sort_keys=True),
            str(params.get("language_code") or ""),
        )
        with self._lock:
            self.commands[key] = list(params.get("commands") or [])
        return True

    async def _m_deleteMyCommands(self, params: dict[str, Any]) -> Any:
        key = (
            json.dumps(params.get("scope") or {"type": "default"}, sort_keys=True),
            str(params.get("language_code") or ""),
        )
        with self._lock:
            self.commands.pop(key, None)
        return True

    async def _m_setWebhook(self, params: dict[str, Any]) -> Any:
        with self._lock:
            self.webhook = {"url": params.get("url", ""), "secret_token": params.get("secret_token")}
        return True

    async def _m_deleteWebhook(self, params: dict[str, Any]) -> Any:
        with self._lock:
            self.webhook = {"url": ""}
        return True

    async def _m_getWebhookInfo(self, params: dict[str, Any]) -> Any:
        with self._lock:
            url = self.webhook.get("url", "")
            pending = len(self._updates)
        return {"url": url, "has_custom_certificate": False, "pending_update_count": pending}

    async def _m_close(self, params: dict[str, Any]) -> Any:
        return True
