"""A python-telegram-bot request layer that records calls and answers canned OKs: fast unit tests of
the real Bot / Application without any HTTP (as python-telegram-bot's own tests/auxil/networking.py)."""

from __future__ import annotations

import itertools
import json
import time
from typing import Any

from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram._utils.types import ODVInput
from telegram.request import BaseRequest, RequestData

BOT = {"id": 7000000001, "is_bot": True, "first_name": "dutybot", "username": "dutybot_test_bot"}


class RecordingRequest(BaseRequest):
    """`calls` holds (method, params); `answers[method]` may override a result or give an error body."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.answers: dict[str, tuple[int, dict[str, Any]]] = {}  # every call of that method
        self.once: dict[str, list[tuple[int, dict[str, Any]]]] = {}  # the next calls, in order
        self._ids = itertools.count(1)

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        name = url.rsplit("/", 1)[-1]
        params = request_data.parameters if request_data else {}
        self.calls.append((name, dict(params)))
        if self.once.get(name):
            status, body = self.once[name].pop(0)
            return status, json.dumps(body).encode()
        if name in self.answers:
            status, body = self.answers[name]
            return status, json.dumps(body).encode()
        return 200, json.dumps({"ok": True, "result": self._result(name, params)}).encode()

    def _result(self, name: str, params: dict[str, Any]) -> Any:
        if name == "getMe":
            return BOT
        if name in ("sendMessage", "editMessageText", "sendDocument"):
            chat = {"id": int(params.get("chat_id", 1)), "type": "private"}
            return {"message_id": next(self._ids), "date": int(time.time()), "chat": chat, "text": "x"}
        if name == "getUpdates":
            return []
        return True

    def sent(self, method: str = "sendMessage") -> list[dict[str, Any]]:
        return [p for m, p in self.calls if m == method]
