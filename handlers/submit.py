"""The report itself with "Đã nộp": what the officer sends after pressing it, and who is told.

After Đã nộp (handlers.deadlines) the occurrence is submitted at once (reminders stop) and the flow
"dl.note" waits for the report: a file (Telegram, the console's "file: <path>"), a link (Zalo and
the console, where no file reaches the bot) or a short text. It is checked and stored
(services.submissions) and the receiving unit's members get it, the file attached where their
platform carries files (Telegram), its name and a pointer to the board elsewhere. "Bỏ qua" tells
them too, without a report.
"""

from __future__ import annotations

import asyncio

from handlers.context import Request
from handlers.router import set_flow
from messages.i18n import t
from messages.reminders import fmt_date, plan_label, what
from messages.render import esc
from messages.types import Button, OutgoingFile, Reply
from services import occurrence_views, submissions
from services.clock import local_today
from services.notices import notify_unit
from services.occurrence_views import OccurrenceView
from services.occurrences import OccurrenceError
from services.submissions import SubmissionError, SubmissionStore
from storage.enums import SubmissionKind
from storage.models import ReportSubmission

DOWNLOAD_SECONDS = 60.0  # a file the platform does not hand over in this time is refused


def store_of(req: Request) -> SubmissionStore:
    s = req.app.settings
    return SubmissionStore(root=s.submissions_dir, max_bytes=s.submission_max_mb * 1024 * 1024)


def error_reply(req: Request, exc: OccurrenceError) -> Reply:
    values = exc.values if isinstance(exc, SubmissionError) else {}
    return Reply(t(req.lang, exc.key, **{k: esc(v) for k, v in values.items()}))


def _collector_buttons(lang: str, v: OccurrenceView) -> tuple[tuple[Button, ...], ...]:
    return (
        (
            Button(t(lang, "btn.confirm", n="").strip(), f"col:c:{v.id}"),
            Button(t(lang, "btn.return", n="").strip(), f"col:r:{v.id}"),
        ),
        (Button(t(lang, "collector.btn.board"), f"col:b:{v.deadline_id}:{v.due_on:%Y%m%d}:1"),),
    )


def submission_line(lang: str, row: ReportSubmission | None) -> str:
    """How a submission reads in a message: the link, the text, or the file's name."""
    if row is None:
        return t(lang, "submit.no_report")
    if row.kind == SubmissionKind.file:
        return t(lang, "submit.file_line", name=esc(row.filename or "?"))
    if row.kind == SubmissionKind.link:
        link = esc(row.text or "")
        return t(lang, "submit.link_line", link=f'<a href="{link}">{link}</a>')
    return t(lang, "submit.text_line", text=esc(row.text or ""))


def tell_receivers(req: Request, *, occurrence_id: int, row: ReportSubmission | None) -> int:
    """Queue the submission to every member of the receiving unit; returns how many were queued."""
    now = req.app.clock.now()
    store = store_of(req)
    with req.app.db.session() as session:
        v = occurrence_views.get_view(session, occurrence_id=occurrence_id, today=local_today(req.app.clock))
        receiving = submissions.receiving_unit_of(session, occurrence_id=occurrence_id)
        if receiving is None or receiving.id is None:
            return 0
        file = None
        if row is not None and row.stored_path is not None:
            path = store.path_of(row.stored_path)
            file = OutgoingFile(row.filename or path.name, b"", row.mime_type or "", path=str(path))

        def build(lang: str) -> Reply:
            html = t(
                lang,
                "submit.received",
                unit=esc(v.unit_name),
                what=what(lang, action=v.action, recipient=v.recipient),
                plan=plan_label(lang, v.plan_number),
                due=fmt_date(v.due_on),
                status=t(lang, f"deadlines.status.{v.status.value}"),
                report=submission_line(lang, row),
            )
            return Reply(html, buttons=_collector_buttons(lang, v), file=file)

        key = f"submitted:{occurrence_id}:{row.id if row is not None else 'none'}:{int(now.timestamp())}"
        return notify_unit(session, unit_id=receiving.id, build=build, dedup_prefix=key, now=now)


async def receive(req: Request, occurrence_id: int) -> Reply:
    """The report sent in the "dl.note" flow: a file, or a text (a link or a short report)."""
    assert req.person.id is not None
    store = store_of(req)
    text = (req.args[0] if req.args else "").strip() if req.incoming.file is None else ""
    file = None
    try:
        if req.incoming.file is not None:
            incoming = req.incoming.file
            store.check_size(incoming.size)
            try:
                data = await asyncio.wait_for(incoming.fetch(), DOWNLOAD_SECONDS)
            except (TimeoutError, OSError):
                return Reply(t(req.lang, "submit.download_failed"))
            file = (incoming.filename, data)
            text = (req.incoming.text or "").strip()  # a caption goes with the file
        with req.app.db.session() as session:
            row = submissions.submit(
                session,
                occurrence_id=occurrence_id,
                person_id=req.person.id,
                now=req.app.clock.now(),
                store=store,
                text=text or None,
                file=file,
            )
            v = occurrence_views.get_view(
                session, occurrence_id=occurrence_id, today=local_today(req.app.clock)
            )
            session.expunge(row)
    except OccurrenceError as exc:
        return error_reply(req, exc)  # the flow stays open: the officer may send another file
    set_flow(req, None)
    told = tell_receivers(req, occurrence_id=occurrence_id, row=row)
    key = "submit.saved_sent" if told else "submit.saved"
    return Reply(
        t(
            req.lang,
            key,
            what=what(req.lang, action=v.action, recipient=v.recipient),
            report=submission_line(req.lang, row),
        )
    )
