"""Serving a Starlette/ASGI app under uvicorn on 127.0.0.1, the two ways the tests need it: in a
background thread (the fake platform APIs, which outlive any one event loop and are reached by other
processes too) or inside the test's own event loop (the bot's webhook endpoint). Either way the socket
is bound first, so the port is known before the server starts."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import uvicorn
from starlette.types import ASGIApp, Send


def free_socket() -> socket.socket:
    """A socket bound to a free port of 127.0.0.1 (the caller reads the port from it)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


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


@asynccontextmanager
async def serve_asgi(app: ASGIApp) -> AsyncIterator[str]:
    """Yield the base URL ("http://127.0.0.1:<port>") while uvicorn serves `app` in this loop."""
    sock = free_socket()
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        app, log_level="critical", lifespan="off", ws="none", http="h11", timeout_graceful_shutdown=1
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        while not server.started:
            if task.done():
                task.result()
            await asyncio.sleep(0.01)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task
        sock.close()


async def drop_connection(send: Send) -> None:
    """Promise a 64-byte JSON body, send half of it, close the connection: the client sees a protocol
    error, as on a flaky network."""
    headers = [(b"content-type", b"application/json"), (b"content-length", b"64")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": b'{"ok": tr', "more_body": True})
    raise ConnectionAbortedError("fake: connection dropped")


async def wait_until(predicate: Callable[[], bool], within: float = 10.0) -> None:
    """Wait (in the test's loop) until `predicate()` holds: what a fake server records arrives from
    its own thread, so the test polls it, briefly, with a bound."""
    deadline = time.monotonic() + within
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met in time")
        await asyncio.sleep(0.01)
