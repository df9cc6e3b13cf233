"""What an admin works on when reviewing a plan: a `Draft` is a file's extraction awaiting
confirmation, or a live plan being corrected (`/sua`, `dutybot plans edit`), with the corrections
already stored for the plan and the new ones of this session. It is plain JSON, so the chat keeps it
in the conversation state. Every function that changes a plan takes an `Author` and checks, in the
same transaction, that the person is still an admin: a button press or a typed command is never
trusted for that."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, col, select

from parsing.model import ParsedAssignment, ParsedDeadline, ParsedPlan, PlanHeader
from services import jurisdictions
from services.corrections import (
    Correction,
    CorrectionError,
    restore,
    snapshot,
)
from services.importer import find_plan
from storage.models import (
    Assignment,
    Deadline,
    Jurisdiction,
    Person,
    Plan,
    PlanCorrection,
    PlanExtraction,
)

# A draft lives in the admin's conversation state, read with each of their messages: the document's
# text (for quotes) is kept only up to this size (a long plan is about 70,000 characters).
MAX_TEXT = 400_000


@dataclass(frozen=True, slots=True)
class Author:
    """Who corrects: a person (an admin, checked on every call) or the command line's operator
    (`person_id` None: whoever holds the database holds the plans)."""

    name: str
    person_id: int | None = None


def check_author(session: Session, author: Author) -> None:
    """Raise CorrectionError("rv.err.not_admin") unless the author may correct plans now."""
    if author.person_id is None:
        return
    person = session.get(Person, author.person_id)
    if person is None or not person.is_admin:
        raise CorrectionError("rv.err.not_admin")


@dataclass(slots=True)
class Draft:
    extraction: ParsedPlan
    source_name: str
    content_hash: str
    text: str | None = None  # the document's text, to find a quoted deadline in
    live: bool = False  # correcting a plan already imported (not a file awaiting confirmation)
    plan_id: int | None = None  # the stored plan this draft updates, if any
    stored: list[Correction] = field(default_factory=list)
    new: list[Correction] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # doubts the admin looked at and left as they are
    numbers: dict[str, int] = field(default_factory=dict)  # "n:<doubt key>" / "d:<unit key>" -> number
    token: str = field(default_factory=lambda: secrets.token_hex(3))  # tells this draft's buttons apart
    page: str = "home"
    page_no: int = 1

    def to_json(self) -> dict[str, Any]:
        return {
            "plan": snapshot(self.extraction),
            "name": self.source_name,
            "hash": self.content_hash,
            "text": self.text,
            "live": self.live,
            "plan_id": self.plan_id,
            "stored": [c.to_json() for c in self.stored],
            "new": [c.to_json() for c in self.new],
            "skipped": list(self.skipped),
            "numbers": dict(self.numbers),
            "token": self.token,
            "page": self.page,
            "page_no": self.page_no,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Draft:
        return cls(
            extraction=restore(data["plan"]),
            source_name=str(data["name"]),
            content_hash=str(data["hash"]),
            text=data.get("text"),
            live=bool(data.get("live")),
            plan_id=data.get("plan_id"),
            stored=[Correction.from_json(c) for c in data.get("stored") or []],
            new=[Correction.from_json(c) for c in data.get("new") or []],
            skipped=[str(s) for s in data.get("skipped") or []],
            numbers={str(k): int(v) for k, v in (data.get("numbers") or {}).items()},
            token=str(data.get("token") or secrets.token_hex(3)),
            page=str(data.get("page") or "home"),
            page_no=int(data.get("page_no") or 1),
        )

    @property
    def corrections(self) -> list[Correction]:
        return self.stored + self.new


def open_import(
    session: Session, *, parsed: ParsedPlan, source_name: str, content_hash: str, text: str | None = None
) -> Draft:
    """A file's extraction, with the corrections stored for the same plan (a re-import) to re-apply."""
    plan = find_plan(session, parsed, content_hash)
    stored = stored_corrections(session, plan_id=plan.id) if plan is not None and plan.id else []
    return Draft(
        extraction=parsed,
        source_name=source_name,
        content_hash=content_hash,
        text=text if text is None or len(text) <= MAX_TEXT else None,
        plan_id=plan.id if plan is not None else None,
        stored=stored,
    )


def open_live(session: Session, *, plan_id: int) -> Draft | None:
    """A stored plan to correct: its extraction and its corrections (None: no such plan)."""
    plan = session.get(Plan, plan_id)
    if plan is None or plan.id is None:
        return None
    stored = session.get(PlanExtraction, plan.id)
    extraction = restore(stored.data) if stored is not None and stored.data else _from_rows(session, plan)
    return Draft(
        extraction=extraction,
        source_name=plan.source_name,
        content_hash=plan.source_hash,
        text=stored.text if stored is not None and len(stored.text or "") <= MAX_TEXT else None,
        live=True,
        plan_id=plan.id,
        stored=stored_corrections(session, plan_id=plan.id),
    )


def stored_corrections(session: Session, *, plan_id: int) -> list[Correction]:
    rows = session.exec(
        select(PlanCorrection).where(PlanCorrection.plan_id == plan_id).order_by(col(PlanCorrection.seq))
    ).all()
    return [
        Correction(
            op=r.op,
            args=dict(r.args or {}),
            author=r.author,
            person_id=r.person_id,
            at=r.created_at.isoformat(),
            id=r.id,
        )
        for r in rows
    ]


def _from_rows(session: Session, plan: Plan) -> ParsedPlan:
    """A plan stored before extractions were kept: its rows stand for what was read."""
    jurisdiction = session.get(Jurisdiction, plan.jurisdiction_id) if plan.jurisdiction_id else None
    place = jurisdictions.province_of(session, jurisdiction).name if jurisdiction is not None else None
    header = PlanHeader(
        number=plan.number,
        issuer=plan.issuer,
        issued_on=plan.issued_on,
        title=plan.title,
        kind=plan.kind,
        place=place,
    )
    assignments = [
        ParsedAssignment(
            unit=a.unit_text,
            group=a.group_key is not None,
            role=a.role,  # type: ignore[arg-type]
            duty=a.duty,
            section=a.section,
            source=a.source,
        )
        for a in session.exec(
            select(Assignment).where(Assignment.plan_id == plan.id).order_by(col(Assignment.position))
        )
    ]
    deadlines = []
    for d in session.exec(
        select(Deadline).where(Deadline.plan_id == plan.id).order_by(col(Deadline.position))
    ):
        from_text = d.due_source == "text"
        due = None
        if from_text and d.recurrence == "once" and d.due_date is not None:
            due = d.due_date.isoformat()
        elif from_text and d.recurrence == "yearly" and d.due_month and d.due_day:
            due = f"{d.due_month:02d}-{d.due_day:02d}"
        deadlines.append(
            ParsedDeadline(
                unit=d.unit_text,
                action=d.action,  # type: ignore[arg-type]
                recurrence=d.recurrence,  # type: ignore[arg-type]
                due=due,
                text=d.source,
                to=d.recipient,
                section=d.section,
                day=d.due_day if from_text and due is None else None,
                month=d.due_month if from_text and due is None else None,
            )
        )
    return ParsedPlan(header=header, assignments=assignments, deadlines=deadlines)


def plans_to_correct(session: Session, *, limit: int = 20) -> list[Plan]:
    """Active plans, newest first: what /sua offers."""
    return list(
        session.exec(
            select(Plan).where(Plan.status == "active").order_by(col(Plan.updated_at).desc()).limit(limit)
        ).all()
    )
