"""Running a fake platform API (a Starlette app) under uvicorn in a background thread, on a socket
the test already bound to 127.0.0.1, so tests know the port before the server starts."""

from __future__ import annotations

import socket
import threading
import time
from typing import Any

import uvicorn


class ThreadedServer:
    def __init__(
        self, app: Any, sock: socket.socket, *, name: str, start_timeout: float, **config: Any
    ) -> None:
        self._server = uvicorn.Server(uvicorn.Config(app, lifespan="off", **config))
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]}, daemon=True)
        self._name = name
        self._timeout = start_timeout

    def start(self) -> None:
        self._thread.start()
        deadline = time.monotonic() + self._timeout
        while not self._server.started:
            if time.monotonic() > deadline:
                raise RuntimeError(f"fake {self._name} server did not start")
            time.sleep(0.01)

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=self._timeout)
