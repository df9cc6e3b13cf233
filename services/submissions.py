"""The report itself, with "Đã nộp": a file, a link or a short text, stored with the occurrence.

Submitting is the first step of the two-step close (services.closing.mark_submitted does the
state change and its checks); this module adds what was sent. Files are checked before anything is
kept: the size against SUBMISSION_MAX_MB (before downloading, when the platform says the size), the
extension against the report types officers send, and the first bytes against that extension (a
renamed executable is refused). A file is written under SUBMISSIONS_DIR/<occurrence>/ with a name of
our own (its hash), never the name the user gave; the row keeps that name for display.

The receiving unit's members are then told, in their own language, with the file (on Telegram) or
the link (`receiver_ids`, `stored_file`); the message is built by the caller (handlers).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sqlmodel import Session, col, select

from parsing.readers.sniff import Kind, sniff
from services import closing
from services.occurrences import OccurrenceError
from services.units import follow_successor
from storage.enums import SubmissionKind
from storage.models import Deadline, Occurrence, Person, ReportSubmission, Unit

TEXT_MAX = 1000  # a short text report; anything longer belongs in a file
_URL = re.compile(r"^https?://[^\s<>\"]+$", re.IGNORECASE)

# extension -> (what its first bytes must be, MIME type)
REPORT_TYPES: dict[str, tuple[frozenset[Kind], str]] = {
    ".docx": (
        frozenset({Kind.DOCX}),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    ".doc": (frozenset({Kind.OLE}), "application/msword"),
    ".pdf": (frozenset({Kind.PDF}), "application/pdf"),
    ".xlsx": (frozenset({Kind.ZIP}), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".xls": (frozenset({Kind.OLE}), "application/vnd.ms-excel"),
    ".odt": (frozenset({Kind.ZIP}), "application/vnd.oasis.opendocument.text"),
    ".ods": (frozenset({Kind.ZIP}), "application/vnd.oasis.opendocument.spreadsheet"),
    ".zip": (frozenset({Kind.ZIP, Kind.DOCX}), "application/zip"),
    ".rtf": (frozenset({Kind.RTF}), "application/rtf"),
}


class SubmissionError(OccurrenceError):
    """A refused submission; `key` names a message in messages/texts/collector.py, `values` fill it."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.values = values


@dataclass(frozen=True, slots=True)
class SubmissionStore:
    """Where submitted files live, and how large one may be."""

    root: Path
    max_bytes: int

    @property
    def max_mb(self) -> int:
        return max(1, self.max_bytes // (1024 * 1024))

    def check_size(self, size: int | None) -> None:
        if size is not None and size > self.max_bytes:
            raise SubmissionError("submit.too_large", mb=self.max_mb)

    def check_type(self, filename: str, data: bytes) -> str:
        """The MIME type of an accepted report file; SubmissionError otherwise."""
        suffix = PurePosixPath(filename.lower()).suffix
        accepted = REPORT_TYPES.get(suffix)
        if accepted is None:
            raise SubmissionError("submit.bad_type", types=", ".join(sorted(REPORT_TYPES)))
        kinds, mime = accepted
        if sniff(data) not in kinds:
            raise SubmissionError("submit.not_what_it_says", ext=suffix)
        return mime

    def save(self, occurrence_id: int, filename: str, data: bytes) -> tuple[str, str]:
        """(path relative to the root, sha256) of the stored bytes; written whole or not at all."""
        digest = hashlib.sha256(data).hexdigest()
        suffix = PurePosixPath(filename.lower()).suffix
        relative = f"{occurrence_id}/{digest[:24]}{suffix}"
        target = self.root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".part-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return relative, digest

    def path_of(self, relative: str) -> Path:
        path = (self.root / relative).resolve()
        if not path.is_relative_to(self.root.resolve()):
            raise SubmissionError("submit.file_missing")
        return path


def link_in(text: str) -> str | None:
    """The link when the text is one http(s) URL (what Zalo and console users send)."""
    candidate = text.strip()
    return candidate if _URL.match(candidate) else None


def submit(
    session: Session,
    *,
    occurrence_id: int,
    person_id: int,
    now: dt.datetime,
    store: SubmissionStore,
    text: str | None = None,
    file: tuple[str, bytes] | None = None,
) -> ReportSubmission:
    """Record the report for an occurrence (Đã nộp with the report): a file, else a link, else a text.

    Checks who may submit and the workflow (mark_submitted) before storing anything; a file that
    fails a check is never written. Submitting again after a return is a new submission.
    """
    occ = session.get(Occurrence, occurrence_id)
    if occ is None:
        raise OccurrenceError("deadlines.not_found")
    body = (text or "").strip()
    if file is None and not body:
        raise SubmissionError("submit.empty")
    if file is None and len(body) > TEXT_MAX:
        raise SubmissionError("submit.text_too_long", chars=TEXT_MAX)
    mime = None
    if file is not None:
        store.check_size(len(file[1]))
        mime = store.check_type(file[0], file[1])
    link = link_in(body) if file is None else None
    note = file[0] if file is not None else body
    closing.mark_submitted(session, occurrence_id=occurrence_id, person_id=person_id, note=note, now=now)
    row = ReportSubmission(
        occurrence_id=occurrence_id,
        kind=SubmissionKind.file if file else SubmissionKind.link if link else SubmissionKind.text,
        text=body[:TEXT_MAX] or None,
        submitted_by=person_id,
        submitted_at=now,
    )
    if file is not None:
        filename = PurePosixPath(file[0].replace("\\", "/")).name[:200] or "bao-cao"
        row.stored_path, row.sha256 = store.save(occurrence_id, filename, file[1])
        row.filename, row.size, row.mime_type = filename, len(file[1]), mime
    session.add(row)
    session.flush()
    return row


def latest(session: Session, *, occurrence_ids: list[int]) -> dict[int, ReportSubmission]:
    """occurrence id -> its latest submission (for the board's page and the export)."""
    if not occurrence_ids:
        return {}
    rows = session.exec(
        select(ReportSubmission)
        .where(col(ReportSubmission.occurrence_id).in_(occurrence_ids))
        .order_by(col(ReportSubmission.id))
    ).all()
    return {r.occurrence_id: r for r in rows}


def receiving_unit(session: Session, *, deadline: Deadline) -> Unit | None:
    """The directory unit that receives a deadline's reports now (after mergers), if it is known."""
    if deadline.recipient_unit_id is None:
        return None
    unit = session.get(Unit, deadline.recipient_unit_id)
    return follow_successor(session, unit=unit) if unit is not None else None


def receiving_unit_of(session: Session, *, occurrence_id: int) -> Unit | None:
    """The unit whose members are told of an occurrence's submission (None: not in the directory)."""
    occ = session.get_one(Occurrence, occurrence_id)
    return receiving_unit(session, deadline=session.get_one(Deadline, occ.deadline_id))


def stored_file(
    session: Session, *, submission_id: int, person_id: int, store: SubmissionStore
) -> tuple[ReportSubmission, Path]:
    """A submitted file for someone allowed to see it: the owing unit's members, the receiving
    unit's members, admins."""
    row = session.get(ReportSubmission, submission_id)
    if row is None or row.stored_path is None:
        raise SubmissionError("submit.file_missing")
    occ = session.get_one(Occurrence, row.occurrence_id)
    if not (
        closing.may_act(session, person_id=person_id, unit_id=occ.unit_id)
        or closing.may_close(session, person_id=person_id, occurrence=occ)
    ):
        raise OccurrenceError("deadlines.not_yours")
    path = store.path_of(row.stored_path)
    if not path.is_file():
        raise SubmissionError("submit.file_missing")
    return row, path


def person_name(session: Session, person_id: int | None) -> str | None:
    person = session.get(Person, person_id) if person_id is not None else None
    return person.display_name if person is not None else None
