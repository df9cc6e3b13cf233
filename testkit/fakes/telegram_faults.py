"""How the fake Telegram Bot API misbehaves on purpose: the faults a test injects (an error status,
a dropped connection, a stall), users who blocked the bot, and Telegram's own rate limits enforced
with 429s. The server (testkit.fakes.telegram_server) asks `fault_for` before it answers a call."""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Any

from starlette.responses import JSONResponse, Response

from testkit.fakes.serving import drop_connection

SEND_METHODS = {"sendMessage", "sendDocument", "sendPhoto"}


@dataclass(slots=True)
class Fault:
    method: str
    status: int
    times: int
    retry_after: int | None = None
    description: str = ""
    chat_id: str | None = None
    kind: str = "status"  # "status" (answer with `status`), "drop", "stall"
    seconds: float = 0.0


class Dropped(Response):
    """Half a response, then the connection is closed: the client sees a protocol error."""

    def __init__(self) -> None:
        super().__init__(status_code=200)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        await drop_connection(send)


def error(status: int, description: str, retry_after: int | None = None) -> JSONResponse:
    """A Bot API error as Telegram words it (a 429 carries its retry_after)."""
    body: dict[str, Any] = {"ok": False, "error_code": status}
    if status == 429:
        body["description"] = description or f"Too Many Requests: retry after {retry_after}"
        body["parameters"] = {"retry_after": retry_after or 1}
    else:
        body["description"] = description or {500: "Internal Server Error", 502: "Bad Gateway"}.get(
            status, "Bad Request: error"
        )
    return JSONResponse(body, status_code=status)


class Misbehaviour:
    """The fault book of a fake server; its lock guards the server's other state too."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self._blocked: set[str] = set()
        self._rate: float | None = None
        self._per_chat: float | None = None
        self._sent_times: deque[float] = deque()
        self._chat_last: dict[str, float] = {}

    def fail(
        self,
        method: str,
        *,
        status: int = 429,
        times: int = 1,
        retry_after: int | None = 1,
        chat_id: int | str | None = None,
        description: str = "",
    ) -> None:
        """The next `times` calls of `method` (to `chat_id`, when given) answer `status`."""
        with self._lock:
            self._faults.append(
                Fault(
                    method,
                    status,
                    times,
                    retry_after if status == 429 else None,
                    description,
                    None if chat_id is None else str(chat_id),
                )
            )

    def drop(self, method: str, *, times: int = 1, chat_id: int | str | None = None) -> None:
        """The next `times` calls get half a response and a closed connection."""
        with self._lock:
            cid = None if chat_id is None else str(chat_id)
            self._faults.append(Fault(method, 0, times, None, "", cid, kind="drop"))

    def stall(self, method: str, seconds: float, *, times: int = 1) -> None:
        """The next `times` calls hang `seconds`, then answer 504 (unprocessed)."""
        with self._lock:
            self._faults.append(Fault(method, 504, times, None, "Gateway Timeout", None, "stall", seconds))

    def block(self, chat_id: int | str) -> None:
        """403 "bot was blocked by the user" for sends to this chat from now on."""
        with self._lock:
            self._blocked.add(str(chat_id))

    def enforce_rate(self, *, per_second: float | None = 30, per_chat_interval: float | None = 1.0) -> None:
        """Answer 429 above Telegram's limits: `per_second` sends overall, one per chat per interval."""
        with self._lock:
            self._rate, self._per_chat = per_second, per_chat_interval

    def fault_for(self, method: str, chat_id: str | None) -> JSONResponse | Fault | None:
        """The error response (or the drop/stall fault) this call meets, or None to answer it."""
        with self._lock:
            if method in SEND_METHODS | {"editMessageText"} and chat_id in self._blocked:
                return error(403, "Forbidden: bot was blocked by the user")
            for fault in self._faults:
                if fault.method == method and fault.times > 0 and fault.chat_id in (None, chat_id):
                    fault.times -= 1
                    if fault.kind != "status":
                        return fault
                    return error(fault.status, fault.description, fault.retry_after)
            if method in SEND_METHODS and chat_id is not None:
                now = time.monotonic()
                if self._per_chat is not None and now - self._chat_last.get(chat_id, -1e9) < self._per_chat:
                    return error(429, "", 1)
                if self._rate is not None:
                    while self._sent_times and now - self._sent_times[0] > 1.0:
                        self._sent_times.popleft()
                    if len(self._sent_times) >= self._rate:
                        return error(429, "", 1)
                    self._sent_times.append(now)
                self._chat_last[chat_id] = now
        return None
