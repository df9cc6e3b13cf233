"""The plan database: SQLModel tables shared by every part of dutybot.

Portable on purpose (SQLite by default, PostgreSQL in production): no SQLite-only types, timestamps
are timezone-aware UTC (`UTCDateTime`), enumerations are stored as short strings. The database, not
the scheduler, holds what is due and what was sent: `Occurrence`, `Reminder` and `Outbox` are the
source of truth that the scheduler tick and the delivery workers read.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.enums import (
    Action,
    BroadcastStatus,
    Channel,
    DeliveryStatus,
    DueSource,
    Level,
    MemberRole,
    OccurrenceStatus,
    PlanStatus,
    Recurrence,
    RequestStatus,
    Role,
    SubmissionKind,
)
from storage.types import UTCDateTime, created_column, enum_column, json_column, ts_column

# --- the unit directory --------------------------------------------------------------------------


class Jurisdiction(SQLModel, table=True):
    """A province, district or commune; units belong to one, classes of units reach within one."""

    __table_args__ = (UniqueConstraint("parent_id", "level", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str
    level: Level = enum_column(Level, default=Level.province)
    parent_id: int | None = Field(default=None, foreign_key="jurisdiction.id", index=True)
    key: str = Field(index=True)  # fold(name), for matching
    settings: dict[str, Any] | None = (
        json_column()
    )  # per-jurisdiction reminder offsets, quiet hours, default days


class Unit(SQLModel, table=True):
    """A body that can be assigned duties: "Sở Ngoại vụ" of Đồng Nai, "UBND huyện Kỳ Sơn" ..."""

    __table_args__ = (UniqueConstraint("jurisdiction_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str
    kind: str = Field(index=True)  # "so", "ubnd", "ban", "mttq", "bao_chi" ...: see services.units
    jurisdiction_id: int | None = Field(default=None, foreign_key="jurisdiction.id", index=True)
    key: str = Field(index=True)  # fold(canonical name) without the province
    successor_id: int | None = Field(default=None, foreign_key="unit.id")
    active: bool = True
    needs_review: bool = False  # merged or dissolved with no one-to-one successor: an admin must decide
    note: str | None = None
    created_at: dt.datetime = created_column()


class UnitAlias(SQLModel, table=True):
    """Another way documents or officers write a unit ("Sở VHTTDL", "SNgV", "So Ngoai vu")."""

    __table_args__ = (UniqueConstraint("unit_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    alias: str
    key: str = Field(index=True)


# --- plans and what they assign ------------------------------------------------------------------


class Plan(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    identity: str = Field(unique=True)  # what makes a re-import the same plan (number + issuer, or title)
    number: str | None = None
    issuer: str | None = None
    issued_on: dt.date | None = None
    title: str | None = None
    kind: str | None = None
    jurisdiction_id: int | None = Field(default=None, foreign_key="jurisdiction.id", index=True)
    source_name: str
    source_hash: str = Field(index=True)
    status: PlanStatus = enum_column(PlanStatus, default=PlanStatus.active, index=True)
    warnings: list[str] | None = json_column()
    # the same notes by kind ({"kind", "text", "section"}), translated for people (handlers/doubts.py)
    doubts: list[dict[str, Any]] | None = json_column()
    imported_at: dt.datetime = created_column()
    updated_at: dt.datetime = created_column()
    # How the text was obtained: "text" (a document's own text) or "ocr" (a scan or a photo, read by
    # OCR: the admin is told to check it against the paper).
    read_by: str = Field(default="text", sa_column_kwargs={"server_default": "text"})


class Assignment(SQLModel, table=True):
    """One unit (unit_id) or one class of units (group_key) given one duty by one plan."""

    # "What is unit X responsible for" (services.duties) sorts a unit's rows and a class's rows
    # (through group_key, plan_id; else SQLite walks every active plan's assignments) from these two
    # indexes alone, never touching the wide rows. "Who is responsible for <topic>" uses a full-text
    # index of duty_key that the migration creates by hand (FTS5 / GIN).
    __table_args__ = (
        Index("ix_assignment_unit_order", "unit_id", "plan_id", "role", "position"),
        Index("ix_assignment_group_plan", "group_key", "plan_id", "role", "position"),
    )

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True)
    position: int = 0
    unit_id: int | None = Field(default=None, foreign_key="unit.id")
    group_key: str | None = Field(default=None, index=True)  # a class of units, see services.unit_classes
    unit_text: str  # as the document names it
    role: Role = enum_column(Role, default=Role.lead)
    duty: str
    duty_key: str | None = None  # fold(duty): what topic questions ("ai phụ trách ...?") search
    section: str | None = None
    source: str  # the sentence it came from, quoted to officers
    flagged: bool = False  # unit could not be placed (unknown, or merged with no successor)


class Deadline(SQLModel, table=True):
    """A report or delivery rule; its dated instances are `Occurrence` rows."""

    # the collector's board (services.collector): the deadlines a unit receives
    __table_args__ = (Index("ix_deadline_recipient_unit", "recipient_unit_id"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True)
    position: int = 0
    unit_text: str
    action: Action = enum_column(Action, default=Action.report)
    recipient: str | None = None  # as the document names it: "Sở Ngoại vụ", "UBND tỉnh"
    # The unit of the directory that receives (and compiles) the reports, when the recipient is one:
    # a class party does not make this unit report to itself (services.importer, services.units).
    recipient_unit_id: int | None = Field(default=None, foreign_key="unit.id")
    recurrence: Recurrence = enum_column(Recurrence, default=Recurrence.once)
    due_date: dt.date | None = None  # once
    due_month: int | None = None  # yearly: month; semiannual/quarterly: month within the period, if given
    due_day: int | None = None  # day of month, when given or set
    due_source: DueSource | None = enum_column(DueSource, nullable=True)  # None while no day is known
    section: str | None = None
    source: str


class DeadlineParty(SQLModel, table=True):
    """Who owes a deadline: a unit or a class of units (a deadline may name several)."""

    id: int | None = Field(default=None, primary_key=True)
    deadline_id: int = Field(foreign_key="deadline.id", index=True)
    unit_id: int | None = Field(default=None, foreign_key="unit.id", index=True)
    group_key: str | None = Field(default=None, index=True)
    unit_text: str


# --- people and how they reach the bot -----------------------------------------------------------


class Person(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    display_name: str
    lang: str = "vi"
    is_admin: bool = False
    preferred_channel: Channel | None = enum_column(
        Channel, nullable=True
    )  # where reminders go when several accounts are linked
    created_at: dt.datetime = created_column()


class ChatAccount(SQLModel, table=True):
    """One platform identity of a person (a Telegram user, a Zalo user, a console user)."""

    __table_args__ = (UniqueConstraint("channel", "external_id"),)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    channel: Channel = enum_column(Channel)
    external_id: str  # the platform's user id
    chat_id: str  # where to send (private chat id)
    username: str | None = None
    active: bool = True  # false once the user blocked the bot
    blocked_at: dt.datetime | None = ts_column()
    failed_codes: int = 0  # wrong invite codes in a row, for rate limiting
    locked_until: dt.datetime | None = ts_column()
    created_at: dt.datetime = created_column()


class Membership(SQLModel, table=True):
    """A person verified for a unit; only active members see plan content."""

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    role: MemberRole = enum_column(MemberRole, default=MemberRole.officer)
    active: bool = Field(default=True, index=True)
    joined_at: dt.datetime = created_column()
    left_at: dt.datetime | None = ts_column()


class Invite(SQLModel, table=True):
    """A single-use, expiring code that links whoever types it to a unit. Only its hash is stored."""

    id: int | None = Field(default=None, primary_key=True)
    code_hash: str = Field(unique=True)
    unit_id: int = Field(foreign_key="unit.id")
    role: MemberRole = enum_column(MemberRole, default=MemberRole.officer)
    created_by: int | None = Field(default=None, foreign_key="person.id")
    created_at: dt.datetime = created_column()
    expires_at: dt.datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    used_at: dt.datetime | None = ts_column()
    used_by: int | None = Field(default=None, foreign_key="person.id")


class JoinRequest(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    unit_id: int = Field(foreign_key="unit.id")
    status: RequestStatus = enum_column(RequestStatus, default=RequestStatus.pending, index=True)
    created_at: dt.datetime = created_column()
    decided_at: dt.datetime | None = ts_column()
    decided_by: int | None = Field(default=None, foreign_key="person.id")


class LinkCode(SQLModel, table=True):
    """A one-time code that joins a second chat account (Telegram <-> Zalo) to the person who asked for it.

    Only its hash is stored; it expires within minutes and is spent on first use.
    """

    id: int | None = Field(default=None, primary_key=True)
    code_hash: str = Field(unique=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    account_id: int = Field(foreign_key="chataccount.id")  # the account that asked for it
    created_at: dt.datetime = created_column()
    expires_at: dt.datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    used_at: dt.datetime | None = ts_column()


class ConversationState(SQLModel, table=True):
    """A multi-step flow in progress (broadcast draft, import awaiting confirmation ...).

    Kept in the database so a restart, or another process, continues the conversation.
    """

    account_id: int = Field(foreign_key="chataccount.id", primary_key=True)
    state: str
    data: dict[str, Any] | None = json_column()
    updated_at: dt.datetime = created_column()


# --- deadlines in time, reminders and deliveries -------------------------------------------------


class Occurrence(SQLModel, table=True):
    """One dated instance of a deadline for one unit; marking done is per unit and per date."""

    __table_args__ = (
        UniqueConstraint("deadline_id", "unit_id", "due_on"),
        Index("ix_occurrence_unit_due", "unit_id", "due_on"),
        # the reminder tick's and digests' window: open occurrences due up to a day
        Index("ix_occurrence_status_due", "status", "due_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    deadline_id: int = Field(foreign_key="deadline.id", index=True)
    unit_id: int = Field(foreign_key="unit.id")
    due_on: dt.date = Field(index=True)
    status: OccurrenceStatus = enum_column(OccurrenceStatus, default=OccurrenceStatus.open, index=True)
    submitted_at: dt.datetime | None = ts_column()
    submitted_by: int | None = Field(default=None, foreign_key="person.id")
    note: str | None = None  # the officer's note, link or file reference
    confirmed_at: dt.datetime | None = ts_column()
    confirmed_by: int | None = Field(default=None, foreign_key="person.id")
    returned_reason: str | None = None


class ReportSubmission(SQLModel, table=True):
    """The report itself, sent with "Đã nộp": a file (kept on disk under SUBMISSIONS_DIR), a link or
    a short text. Every submission is kept (a report sent back and submitted again has two); the
    collector's board shows the latest of each occurrence."""

    __tablename__ = "report_submission"

    id: int | None = Field(default=None, primary_key=True)
    occurrence_id: int = Field(foreign_key="occurrence.id", index=True)
    kind: SubmissionKind = enum_column(SubmissionKind)
    text: str | None = None  # the link, the short text, or a file's caption
    filename: str | None = None  # as the officer named the file
    stored_path: str | None = None  # relative to SUBMISSIONS_DIR
    size: int | None = None
    mime_type: str | None = None
    sha256: str | None = None
    submitted_by: int | None = Field(default=None, foreign_key="person.id")
    submitted_at: dt.datetime = created_column()


class Reminder(SQLModel, table=True):
    """The ledger: one row per (occurrence, person, offset), written before anything is sent."""

    __table_args__ = (UniqueConstraint("occurrence_id", "person_id", "offset_key"),)

    id: int | None = Field(default=None, primary_key=True)
    occurrence_id: int = Field(foreign_key="occurrence.id", index=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    # "d-7", "d-3", "d-1", "d0", "late+2", "escalate", "snooze:2026-03-02", "nudge:2026-03-02" (the
    # receiving unit asked for it, services.collector) ...
    offset_key: str
    planned_for: dt.datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    late: bool = False  # sent after its planned time (the bot was down)
    outbox_id: int | None = Field(default=None, foreign_key="outbox.id")
    created_at: dt.datetime = created_column()


class Snooze(SQLModel, table=True):
    """ "Nhắc lại sau": no reminder for this occurrence to this person before `until`."""

    __table_args__ = (UniqueConstraint("occurrence_id", "person_id"),)

    id: int | None = Field(default=None, primary_key=True)
    occurrence_id: int = Field(foreign_key="occurrence.id")
    person_id: int = Field(foreign_key="person.id")
    until: dt.date


class Broadcast(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    created_by: int = Field(foreign_key="person.id")
    text: str
    # {"all": true} / {"jurisdiction": id} / {"group": key} / {"units": [ids]}
    audience: dict[str, Any] | None = json_column()
    status: BroadcastStatus = enum_column(BroadcastStatus, default=BroadcastStatus.draft, index=True)
    total: int = 0
    progress_account_id: int | None = Field(default=None, foreign_key="chataccount.id")
    progress_message_id: str | None = None  # the admin's progress message, edited while sending
    created_at: dt.datetime = created_column()
    finished_at: dt.datetime | None = ts_column()


class Outbox(SQLModel, table=True):
    """The persistent delivery queue for broadcasts, reminders, digests and notices.

    `dedup_key` makes enqueueing idempotent; workers claim rows (status pending -> sending) before the
    request goes out, so a restart never sends a row twice.
    """

    __table_args__ = (Index("ix_outbox_due", "status", "not_before"),)

    id: int | None = Field(default=None, primary_key=True)
    dedup_key: str = Field(unique=True)
    account_id: int = Field(foreign_key="chataccount.id", index=True)
    channel: Channel = enum_column(Channel, index=True)
    kind: str  # "broadcast", "reminder", "digest", "notice"
    broadcast_id: int | None = Field(default=None, foreign_key="broadcast.id", index=True)
    payload: dict[str, Any] | None = json_column()  # a serialised messages.types.Reply
    status: DeliveryStatus = enum_column(DeliveryStatus, default=DeliveryStatus.pending)
    attempts: int = 0
    not_before: dt.datetime = created_column()
    claimed_by: str | None = None
    claimed_at: dt.datetime | None = ts_column()
    sent_at: dt.datetime | None = ts_column()
    error: str | None = None
    created_at: dt.datetime = created_column()


# --- calendar and bookkeeping (what processes coordinate through: storage.coordination) ----------


class WorkdayOverride(SQLModel, table=True):
    """An announced swap: a weekend made a working day, or a weekday given off (per jurisdiction or all)."""

    __table_args__ = (UniqueConstraint("day", "jurisdiction_id"),)

    id: int | None = Field(default=None, primary_key=True)
    day: dt.date
    working: bool
    jurisdiction_id: int | None = Field(default=None, foreign_key="jurisdiction.id")
    note: str | None = None


class AuditLog(SQLModel, table=True):
    """Every admin action, who did it and when."""

    id: int | None = Field(default=None, primary_key=True)
    person_id: int | None = Field(default=None, foreign_key="person.id")
    action: str
    detail: dict[str, Any] | None = json_column()
    at: dt.datetime = created_column()


# --- what an admin corrected in a plan's extraction ----------------------------------------------


class PlanExtraction(SQLModel, table=True):
    """What the extractor read from a plan's file, before any correction (services.plan_review).

    The plan's assignment and deadline rows are this extraction with the plan's corrections applied;
    keeping the extraction lets a correction made later (`/sua`) be applied on top of what was read,
    `dutybot plans diff` show extraction against corrected, and a quote be checked against the text.
    """

    __tablename__ = "plan_extraction"

    plan_id: int = Field(foreign_key="plan.id", primary_key=True)
    data: dict[str, Any] | None = json_column()  # services.corrections.snapshot of the ParsedPlan
    text: str | None = Field(default=None, sa_column=Column(Text, nullable=True))  # the document's text
    source_hash: str
    extracted_at: dt.datetime = created_column()


class PlanCorrection(SQLModel, table=True):
    """One admin correction of a plan's extraction: who, when, what (an operation of
    services.corrections and its arguments). Re-applied, in `seq` order, whenever the plan is written
    again (a re-import of its file, a later correction); `status` says how the last application went."""

    __tablename__ = "plan_correction"
    __table_args__ = (UniqueConstraint("plan_id", "seq"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True)
    seq: int
    op: str
    args: dict[str, Any] | None = json_column()
    person_id: int | None = Field(default=None, foreign_key="person.id")
    author: str  # the person's name, or "cli:<user>" for the command line
    created_at: dt.datetime = created_column()
    status: str = "applied"  # "applied" | "stale" (its row is gone) | "redundant" (already so)
