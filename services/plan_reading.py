"""Reading a plan document with a time limit, in a child process.

A document a user sends must never stop or freeze the bot: one real plan once sent the extractor
into an endless loop. Reading therefore runs off the event loop (the caller's thread only waits on
a pipe) and in a *process* of its own, not a thread. A Python thread cannot be stopped: a runaway
parse in one would keep a core busy and hold the GIL in turns with the event loop until the bot is
restarted, and each new upload would add another. A process is killed when its time is up, taking
its memory with it, and the user is told that nothing was imported.

The child is forked where that is safe and cheap (a single-threaded caller: the command line, which
has the parser imported already), and otherwise comes from a fork server that has imported the
parser once (the bot, whose threads make a plain fork unsafe). Errors travel back as data: a
`DocumentError` keeps its message key, so the user reads the same explanation as before.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import Any

from parsing.errors import DocumentError
from parsing.model import ParsedPlan

log = logging.getLogger(__name__)

_PRELOAD = ["parsing.document"]


class ReadTimedOut(Exception):
    """Reading `source` took longer than `seconds`: the reader was stopped, nothing was read."""

    def __init__(self, source: str, seconds: float) -> None:
        super().__init__(f"{source}: reading stopped after {seconds:g} s")
        self.source = source
        self.seconds = seconds


class ReadFailed(Exception):
    """The reader died or failed unexpectedly (a bug, memory): `detail` is for the log."""

    def __init__(self, source: str, detail: str) -> None:
        super().__init__(f"{source}: {detail}")
        self.source = source
        self.detail = detail


def _context() -> BaseContext:
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)  # no effect once the server runs: it has them
        return context
    return multiprocessing.get_context("spawn")


def _child(
    conn: Connection, reader: Callable[..., ParsedPlan], args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    try:
        outcome: tuple[Any, ...] = ("ok", reader(*args, **kwargs))
    except DocumentError as exc:
        outcome = ("document", exc.key, exc.source, exc.detail, exc.limit)
    except BaseException as exc:  # the parent logs it; the child's own traceback would be lost
        outcome = ("failed", f"{type(exc).__name__}: {exc}")
    conn.send(outcome)
    conn.close()


def run_limited(
    reader: Callable[..., ParsedPlan],
    *args: Any,
    timeout: float,
    source: str,
    kwargs: dict[str, Any] | None = None,
) -> ParsedPlan:
    """`reader(*args, **kwargs)` in a child process, stopped after `timeout` seconds (ReadTimedOut); a
    DocumentError it raises is raised here; anything else becomes ReadFailed. Blocking: call it
    from a thread (`read_plan_async`) when an event loop must keep running."""
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(  # type: ignore[attr-defined]
        target=_child, args=(sender, reader, args, kwargs or {}), name="plan-reader", daemon=True
    )
    process.start()
    sender.close()
    try:
        if not receiver.poll(max(timeout, 0.0)):
            log.warning("reading %s took over %g s; the reader was stopped", source, timeout)
            raise ReadTimedOut(source, timeout)
        outcome = receiver.recv()
    except (EOFError, OSError) as exc:
        raise ReadFailed(source, f"the reader ended without an answer ({type(exc).__name__})") from None
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receiver.close()
    if outcome[0] == "ok":
        plan: ParsedPlan = outcome[1]
        return plan
    if outcome[0] == "document":
        _kind, key, doc_source, detail, limit = outcome
        raise DocumentError(key, source=doc_source, detail=detail, limit=limit)
    log.error("reading %s failed: %s", source, outcome[1])
    raise ReadFailed(source, outcome[1])


def read_plan(data: bytes, filename: str, *, max_bytes: int, timeout: float) -> ParsedPlan:
    """An uploaded document (chat, Zalo link, the console's `file:`) -> ParsedPlan, within `timeout`."""
    from parsing import document

    return run_limited(
        document.parse_bytes,
        data,
        filename,
        kwargs={"max_bytes": max_bytes},
        timeout=timeout,
        source=filename,
    )


async def read_plan_async(data: bytes, filename: str, *, max_bytes: int, limit_seconds: float) -> ParsedPlan:
    """`read_plan` off the event loop: the bot keeps answering everyone while a plan is read (the
    limit is the child's, enforced by killing it, not a cancelled await that leaves it running)."""
    return await asyncio.to_thread(read_plan, data, filename, max_bytes=max_bytes, timeout=limit_seconds)


def read_plan_file(path: Path, *, max_bytes: int, timeout: float) -> ParsedPlan:
    """A plan file on disk (`dutybot plans import` / `parse`) -> ParsedPlan, within `timeout`."""
    from parsing import document

    return run_limited(
        document.parse_file, path, kwargs={"max_bytes": max_bytes}, timeout=timeout, source=path.name
    )
