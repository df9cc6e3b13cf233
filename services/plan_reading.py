"""Reading a plan's files into a ParsedPlan: in a child process, with a time limit, with progress.

A document a user sends must never stop or freeze the bot: one real plan once sent the extractor
into an endless loop, and OCR of a ten-page scan takes a minute of CPU. Reading therefore runs off
the event loop (the caller's thread only waits on a pipe) and in a *process* of its own, not a
thread. A Python thread cannot be stopped: a runaway parse in one would keep a core busy and hold the
GIL in turns with the event loop until the bot is restarted, and each new upload would add another. A
process is killed when its time is up, taking its memory with it, and the user is told that nothing
was imported.

Two limits apply. A document with text must be read within `timeout` (PARSE_TIMEOUT_SECONDS); once
the child reports that it is reading pages by OCR, the scan gets `ocr_time_limit` instead
(OCR_TIME_LIMIT_SECONDS: Tesseract calls stop at that deadline inside the child, the parent kills the
child a little after it). The child reports each page read, which the chat turns into a status line.
At most `concurrent` scans are read at once in the process: a second scan waits for the first
instead of halving its speed.

The child is forked where that is safe and cheap (a single-threaded caller: the command line, which
has the parser imported already), and otherwise comes from a fork server that has imported the
parser once (the bot, whose threads make a plain fork unsafe). Errors travel back as data: a
`DocumentError` keeps its message key, so the user reads the same explanation as before.

The unit directory's names are the dictionary of the OCR repair (parsing.readers.ocr_repair).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import threading
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from parsing.errors import DocumentError
from parsing.model import ParsedPlan

if TYPE_CHECKING:  # the command line reads a file without the database layer's second of imports
    from sqlmodel import Session

log = logging.getLogger(__name__)

Progress = Callable[[int, int], Awaitable[None]]
PageDone = Callable[[int, int], None]
MAX_NAMES = 5000
_PRELOAD = ["parsing.document"]
# Files that may need OCR: only these wait for a free OCR slot.
_SCAN_SUFFIXES = frozenset(
    {".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp", ".bmp", ".gif", ".heic", ".heif"}
)
_GRACE = 5.0  # seconds the parent gives the child past the OCR deadline it enforces itself


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


_gates: dict[int, threading.BoundedSemaphore] = {}
_gates_lock = threading.Lock()


def ocr_gate(concurrent: int) -> threading.BoundedSemaphore:
    """The process's limit on OCR readings running at once (one semaphore per size)."""
    with _gates_lock:
        return _gates.setdefault(concurrent, threading.BoundedSemaphore(max(1, concurrent)))


def directory_names(session: Session) -> list[str]:
    """Unit names of the directory, for the OCR repair's dictionary."""
    from sqlmodel import select

    from storage.models import Unit

    return list(session.exec(select(Unit.name).limit(MAX_NAMES)))


def _context() -> BaseContext:
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)  # no effect once the server runs: it has them
        return context
    return multiprocessing.get_context("spawn")


@dataclass(frozen=True, slots=True)
class OcrLimits:
    """How the child may read pages by OCR (parsing.document.OcrOptions, minus what cannot cross a
    process boundary: the progress callback becomes messages on the pipe)."""

    time_limit: float = 300.0
    max_pages: int = 60
    names: tuple[str, ...] = ()


def _child(
    conn: Connection,
    reader: Callable[..., ParsedPlan],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    ocr: OcrLimits | None,
) -> None:
    lock = threading.Lock()  # OCR reports pages from its worker threads

    def page_done(done: int, total: int) -> None:
        with lock:
            conn.send(("page", done, total))

    if ocr is not None:
        from parsing.document import OcrOptions

        kwargs["ocr"] = OcrOptions(
            progress=page_done,
            deadline=time.monotonic() + ocr.time_limit,
            max_pages=ocr.max_pages,
            names=ocr.names,
        )
    try:
        outcome: tuple[Any, ...] = ("ok", reader(*args, **kwargs))
    except DocumentError as exc:
        outcome = ("document", exc.key, exc.source, exc.detail, exc.limit)
    except BaseException as exc:  # the parent logs it; the child's own traceback would be lost
        outcome = ("failed", f"{type(exc).__name__}: {exc}")
    with lock:
        conn.send(outcome)
    conn.close()


def run_limited(
    reader: Callable[..., ParsedPlan],
    *args: Any,
    timeout: float,
    source: str,
    kwargs: dict[str, Any] | None = None,
    ocr: OcrLimits | None = None,
    on_page: PageDone | None = None,
) -> ParsedPlan:
    """`reader(*args, **kwargs)` in a child process, stopped after `timeout` seconds (ReadTimedOut), or
    `ocr.time_limit` once it reports reading pages by OCR (DocumentError `ocr_timeout`); with `ocr`,
    the reader gets `ocr=` options whose page reports reach `on_page`. A DocumentError
    it raises is raised here; anything else becomes ReadFailed. Blocking: call it from a thread when an
    event loop must keep running."""
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(  # type: ignore[attr-defined]
        target=_child, args=(sender, reader, args, kwargs or {}, ocr), name="plan-reader", daemon=True
    )
    started = time.monotonic()
    process.start()
    sender.close()
    deadline = started + max(timeout, 0.0)
    scanning = False
    try:
        while True:
            if not receiver.poll(max(deadline - time.monotonic(), 0.0)):
                if scanning and ocr is not None:
                    log.warning("OCR of %s took over %g s; the reader was stopped", source, ocr.time_limit)
                    raise DocumentError(
                        "ocr_timeout",
                        source=source,
                        detail=f"{source}: over {ocr.time_limit:.0f} s",
                        limit=f"{ocr.time_limit:.0f} s",
                    )
                log.warning("reading %s took over %g s; the reader was stopped", source, timeout)
                raise ReadTimedOut(source, timeout)
            outcome = receiver.recv()
            if outcome[0] != "page":
                break
            if not scanning and ocr is not None:  # a scan: OCR's own, longer limit
                scanning = True
                deadline = max(deadline, started + ocr.time_limit + _GRACE)
            if on_page is not None:
                with contextlib.suppress(Exception):  # a progress line must not fail the reading
                    on_page(outcome[1], outcome[2])
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


def read_files(
    files: Sequence[tuple[bytes, str]],
    *,
    max_bytes: int,
    timeout: float,
    ocr_time_limit: float = 300.0,
    max_pages: int = 60,
    concurrent: int = 1,
    names: Sequence[str] = (),
    on_page: PageDone | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ParsedPlan:
    """The plan in `files` (one document, or the photos of its pages in order), read in a child
    process within the limits. Blocking."""
    from parsing import document

    source = files[0][1] if files else "-"
    may_scan = any(PurePosixPath(name).suffix.lower() in _SCAN_SUFFIXES for _data, name in files)
    ocr = OcrLimits(time_limit=ocr_time_limit, max_pages=max_pages, names=tuple(names))
    gate = ocr_gate(concurrent) if may_scan else contextlib.nullcontext()
    with gate:  # waits here, off the event loop, while another scan is being read
        if cancelled is not None and cancelled():
            raise DocumentError("ocr_timeout", source=source, detail=f"{source}: gave up waiting")
        return run_limited(
            document.parse_pages,
            list(files),
            kwargs={"max_bytes": max_bytes},
            timeout=timeout,
            ocr=ocr,
            on_page=on_page,
            source=source,
        )


def read_plan(data: bytes, filename: str, *, max_bytes: int, timeout: float) -> ParsedPlan:
    """One document (no OCR progress to show) -> ParsedPlan, within `timeout`. Blocking."""
    return read_files([(data, filename)], max_bytes=max_bytes, timeout=timeout)


def read_plan_file(
    paths: Path | Sequence[Path],
    *,
    max_bytes: int,
    timeout: float,
    ocr_time_limit: float = 300.0,
    max_pages: int = 60,
    on_page: PageDone | None = None,
) -> ParsedPlan:
    """Plan files on disk (`dutybot plans import` / `parse`; several are the pages of one plan) ->
    ParsedPlan, within the limits. Blocking."""
    group = [paths] if isinstance(paths, Path) else list(paths)
    return read_files(
        [(p.read_bytes(), p.name) for p in group],
        max_bytes=max_bytes,
        timeout=timeout,
        ocr_time_limit=ocr_time_limit,
        max_pages=max_pages,
        on_page=on_page,
    )


async def read_plan_async(
    files: Sequence[tuple[bytes, str]],
    *,
    max_bytes: int,
    parse_seconds: float,
    ocr_time_limit: float,
    max_pages: int,
    concurrent: int = 1,
    names: Sequence[str] = (),
    progress: Progress | None = None,
) -> ParsedPlan:
    """`read_files` off the event loop: the bot keeps answering everyone while a plan is read, and
    `progress(done, total)` is awaited on the loop after each page OCR reads. The limits are the
    child's, enforced by killing it, not a cancelled await that would leave it running."""
    loop = asyncio.get_running_loop()
    pages: asyncio.Queue[tuple[int, int]] = asyncio.Queue()
    stop = threading.Event()

    def on_page(done: int, total: int) -> None:
        loop.call_soon_threadsafe(pages.put_nowait, (done, total))

    task = asyncio.ensure_future(
        asyncio.to_thread(
            read_files,
            files,
            max_bytes=max_bytes,
            timeout=parse_seconds,
            ocr_time_limit=ocr_time_limit,
            max_pages=max_pages,
            concurrent=concurrent,
            names=names,
            on_page=on_page,
            cancelled=stop.is_set,
        )
    )
    try:
        while not task.done():
            waiter = asyncio.ensure_future(pages.get())
            done, _ = await asyncio.wait({task, waiter}, return_when=asyncio.FIRST_COMPLETED)
            if waiter in done and progress is not None:
                with contextlib.suppress(Exception):  # a progress message must not fail the reading
                    await progress(*waiter.result())
            waiter.cancel()
        return task.result()
    finally:
        stop.set()  # a reading still waiting for the OCR slot gives up
