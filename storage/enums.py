"""The enumerations of the plan database, stored as their short string values
(storage.types.EnumText) and read back as members: a column typed `OccurrenceStatus` holds an
`OccurrenceStatus`, and code compares with the members (`status == OccurrenceStatus.open`)."""

from __future__ import annotations

from enum import StrEnum


class Level(StrEnum):
    province = "province"
    district = "district"
    commune = "commune"


class Role(StrEnum):
    lead = "lead"
    support = "support"


class PlanStatus(StrEnum):
    active = "active"
    archived = "archived"


class Action(StrEnum):
    report = "report"
    deliver = "deliver"


class Recurrence(StrEnum):
    once = "once"
    monthly = "monthly"
    quarterly = "quarterly"
    semiannual = "semiannual"
    yearly = "yearly"


class DueSource(StrEnum):
    """Where a deadline's day came from: the text, an admin, or the jurisdiction's default."""

    text = "text"
    admin = "admin"
    default = "default"


class MemberRole(StrEnum):
    officer = "officer"
    leader = "leader"


class Channel(StrEnum):
    telegram = "telegram"
    zalo = "zalo"
    console = "console"


class RequestStatus(StrEnum):
    pending = "pending"
    approved = "approved"
    refused = "refused"


class OccurrenceStatus(StrEnum):
    """Workflow state; the user-facing status (trong hạn, quá hạn ...) is derived from it and dates."""

    open = "open"
    submitted = "submitted"  # the unit says it reported (step 1 of the two-step close)
    confirmed = "confirmed"  # the assigner's admin accepted it (step 2)
    returned = "returned"  # sent back by the admin: open again


class DeliveryStatus(StrEnum):
    pending = "pending"
    sending = "sending"  # intent recorded, request may be in flight
    sent = "sent"
    failed = "failed"
    blocked = "blocked"  # the user blocked the bot / left; the account is marked inactive
    skipped = "skipped"  # a queued reminder no longer due when its turn came (services.reminders)


class BroadcastStatus(StrEnum):
    draft = "draft"
    sending = "sending"
    done = "done"
    cancelled = "cancelled"


class SubmissionKind(StrEnum):
    file = "file"
    link = "link"
    text = "text"
