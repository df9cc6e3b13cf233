"""What the bot's processes coordinate through: the lease that says who runs the scheduler tick
(and which delivery workers are alive), each channel's shared send slot, and the platform events
already handled. Tables of the one plan database (storage.models holds the others)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.enums import Channel
from storage.types import UTCDateTime, created_column, enum_column


class Lease(SQLModel, table=True):
    """Who runs the scheduler tick now; taken over when its holder stops renewing it."""

    name: str = Field(primary_key=True)
    holder: str
    expires_at: dt.datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class SendSlot(SQLModel, table=True):
    """The next free send time of a channel, shared by every delivery process (services/send_slots.py).

    `next_at` is wall-clock epoch seconds (the database server's clock on PostgreSQL), a float rather
    than a timestamp so that reserving a slot is one arithmetic UPDATE on both databases.
    """

    __tablename__ = "send_slot"

    channel: Channel = enum_column(Channel, primary_key=True)
    next_at: float = 0.0


class ProcessedEvent(SQLModel, table=True):
    """Platform events already handled, so webhook redeliveries are dropped."""

    __table_args__ = (UniqueConstraint("channel", "event_key"),)

    id: int | None = Field(default=None, primary_key=True)
    channel: Channel = enum_column(Channel)
    event_key: str
    created_at: dt.datetime = created_column()
