"""An admin's plan files -> ParsedPlan, with a status line while a scan is read by OCR.

Used by the import flow (handlers.imports): the files of one message (a document, or the photos of
an album) are downloaded, checked against the size limit, and read in a child process off the
event loop with a time limit (services.plan_reading). The status line shows the page being read;
it goes through `Incoming.status`, which each channel implements (Telegram edits one message, Zalo
sends sparingly, the console prints).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import PurePosixPath

from handlers.context import Request
from messages.i18n import t
from messages.render import esc, quote
from messages.types import Reply
from parsing.errors import DocumentError
from parsing.model import ParsedPlan
from parsing.readers.images import IMAGE_SUFFIXES
from services.plan_reading import ReadFailed, ReadTimedOut, directory_names, read_plan_async

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Upload:
    """What was read from a message's files."""

    parsed: ParsedPlan
    name: str  # the first file's name (the plan's source name)
    digest: str  # sha256 of the files' bytes, in order
    files: int


async def read_upload(req: Request) -> Upload | Reply:
    """The plan in the message's files, or the reply that says why it could not be read."""
    files = req.incoming.files
    limit = req.app.settings.max_document_mb
    for file in files:
        if file.size is not None and file.size > limit * 1024 * 1024:
            return Reply(t(req.lang, "imp.too_big", size=round(file.size / 2**20, 1), limit=limit))
    status = req.incoming.status
    looks_scanned = len(files) > 1 or any(
        PurePosixPath(f.filename).suffix.lower() in IMAGE_SUFFIXES for f in files
    )
    if status is not None and looks_scanned:
        await _show(req, t(req.lang, "imp.ocr_start", pages=len(files)))
    datas = [await file.fetch() for file in files]

    async def progress(done: int, total: int) -> None:
        if status is not None:
            await _show(req, t(req.lang, "imp.ocr_progress", done=done, total=total))

    s = req.app.settings
    with req.app.db.reading() as session:
        names = directory_names(session)
    try:  # in a child process, off the event loop, stopped past the limit
        parsed = await read_plan_async(
            [(data, file.filename) for data, file in zip(datas, files, strict=True)],
            max_bytes=limit * 1024 * 1024,
            parse_seconds=s.parse_timeout_seconds,
            ocr_time_limit=s.ocr_time_limit_seconds,
            max_pages=s.ocr_max_pages,
            concurrent=s.ocr_concurrent,
            names=names,
            progress=progress,
        )
    except DocumentError as exc:
        log.info("plan file not read: %s", exc)
        return Reply(esc(exc.message(req.lang)))
    except ReadTimedOut as exc:
        return Reply(t(req.lang, "imp.too_slow", file=quote(files[0].filename), seconds=f"{exc.seconds:g}"))
    except ReadFailed:
        return Reply(t(req.lang, "imp.read_failed", file=quote(files[0].filename)))
    digest = hashlib.sha256()
    for data in datas:
        digest.update(data)
    return Upload(parsed, files[0].filename, digest.hexdigest(), len(files))


async def _show(req: Request, text: str) -> None:
    status = req.incoming.status
    if status is None:
        return
    try:
        await status(text)
    except Exception:  # a status line is a courtesy: never fail the import for it
        log.info("status line not shown", exc_info=True)


def reading_note(req: Request, upload: Upload) -> str:
    """The lines the preview adds for a plan read by OCR: how it was read and what to check."""
    parsed = upload.parsed
    if parsed.read_by != "ocr":
        return ""
    doubtful = sum(1 for d in parsed.doubts if d.kind == "low_confidence")
    lines = [t(req.lang, "imp.read_by_ocr", doubtful=doubtful)]
    if upload.files == 1 and PurePosixPath(upload.name).suffix.lower() in IMAGE_SUFFIXES:
        lines.append(t(req.lang, "imp.one_photo"))
    return "\n".join(lines) + "\n\n"
