"""Waits that give way as soon as a stop is asked: a worker's or a polling loop's pause between
rounds or retries must never hold up a shutdown."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any


async def unless_stopped(call: Awaitable[Any], stop: asyncio.Event) -> Any:
    """Await `call`, but give up (returning None) as soon as `stop` is set."""
    task = asyncio.ensure_future(call)
    stopper = asyncio.ensure_future(stop.wait())
    done, _ = await asyncio.wait({task, stopper}, return_when=asyncio.FIRST_COMPLETED)
    if task in done:
        stopper.cancel()
        return task.result()
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    return None


async def sleep_unless(
    seconds: float, stop: asyncio.Event, sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
) -> None:
    """Wait `seconds` with `sleep`, or less when `stop` is set first."""
    await unless_stopped(sleep(seconds), stop)
