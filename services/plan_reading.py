"""Reading a plan's files into a ParsedPlan off the event loop, with progress and a time limit.

OCR of a ten-page scan takes seconds of CPU: it runs in a worker thread (Tesseract itself in child
processes), so the bot keeps answering everyone else meanwhile. The reading reports each page done
through `progress` (awaited on the event loop), stops at `time_limit` (each Tesseract call is killed
at the deadline; the thread is asked to stop), and at most `concurrent` OCR readings run at once in
the process: a second scan waits for the first instead of halving its speed.

The unit directory's names are the dictionary of the OCR repair (parsing.readers.ocr_repair).
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Awaitable, Callable, Sequence

from sqlmodel import Session, select

from parsing.document import OcrOptions, parse_pages
from parsing.errors import DocumentError
from parsing.model import ParsedPlan
from storage.models import Unit

Progress = Callable[[int, int], Awaitable[None]]
MAX_NAMES = 5000

_gates: dict[int, threading.BoundedSemaphore] = {}
_gates_lock = threading.Lock()


def ocr_gate(concurrent: int) -> threading.BoundedSemaphore:
    """The process's limit on OCR readings running at once (one semaphore per size)."""
    with _gates_lock:
        return _gates.setdefault(concurrent, threading.BoundedSemaphore(max(1, concurrent)))


def directory_names(session: Session) -> list[str]:
    """Unit names of the directory, for the OCR repair's dictionary."""
    return list(session.exec(select(Unit.name).limit(MAX_NAMES)))


async def read_plan(
    files: Sequence[tuple[bytes, str]],
    *,
    max_bytes: int,
    time_limit: float,
    max_pages: int,
    concurrent: int = 1,
    names: Sequence[str] = (),
    progress: Progress | None = None,
) -> ParsedPlan:
    """The plan in `files` (one document, or the photos of its pages in order). Raises DocumentError,
    `ocr_timeout` when the reading outlasts `time_limit` seconds."""
    loop = asyncio.get_running_loop()
    pages: asyncio.Queue[tuple[int, int]] = asyncio.Queue()
    stop = threading.Event()
    gate = ocr_gate(concurrent)
    source = files[0][1] if files else "-"

    def on_page(done: int, total: int) -> None:
        loop.call_soon_threadsafe(pages.put_nowait, (done, total))

    def work() -> ParsedPlan:
        options = OcrOptions(
            progress=on_page,
            deadline=time.monotonic() + time_limit,
            max_pages=max_pages,
            names=names,
            cancelled=stop.is_set,
        )
        with gate:  # waits here, off the event loop, while another scan is being read
            if stop.is_set():
                raise DocumentError("ocr_timeout", source=source, detail=f"{source}: gave up waiting")
            return parse_pages(files, max_bytes=max_bytes, ocr=options)

    task = asyncio.ensure_future(asyncio.to_thread(work))
    try:
        async with asyncio.timeout(time_limit + 2):
            while not task.done():
                waiter = asyncio.ensure_future(pages.get())
                done, _ = await asyncio.wait({task, waiter}, return_when=asyncio.FIRST_COMPLETED)
                if waiter in done and progress is not None:
                    await _report(progress, *waiter.result())
                waiter.cancel()
            return task.result()
    except TimeoutError:
        stop.set()
        raise DocumentError(
            "ocr_timeout",
            source=source,
            detail=f"{source}: over {time_limit:.0f} s",
            limit=f"{time_limit:.0f} s",
        ) from None
    finally:
        stop.set()
        if not task.done():
            task.add_done_callback(_swallow)


async def _report(progress: Progress, done: int, total: int) -> None:
    with contextlib.suppress(Exception):  # a progress message that fails must not fail the reading
        await progress(done, total)


def _swallow(task: asyncio.Future[ParsedPlan]) -> None:
    """The abandoned reading's outcome (it stops at its deadline): retrieved, so nothing logs it."""
    if not task.cancelled():
        task.exception()
