"""Column types that behave the same on SQLite and PostgreSQL, and the column helpers of the tables.

SQLite has no time zones, so `UTCDateTime` stores naive UTC and hands back aware UTC datetimes:
the rest of the code only ever sees aware values. Enumerations are stored as their short string
values (no database enum type to migrate) and read back as the enumeration (`EnumText`), so a
column typed `OccurrenceStatus` holds an `OccurrenceStatus`.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import JSON, Column, DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field
from sqlmodel.sql.sqltypes import AutoString


class UTCDateTime(TypeDecorator[dt.datetime]):
    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


E = TypeVar("E", bound=StrEnum)


class EnumText(TypeDecorator[E]):
    """A StrEnum stored as its value in a string column; read back as the enumeration."""

    impl = AutoString
    cache_ok = True

    def __init__(self, enum: type[E]) -> None:
        super().__init__()
        self.enum = enum

    def process_bind_param(self, value: E | str | None, dialect: Dialect) -> str | None:
        return None if value is None else self.enum(value).value

    def process_result_value(self, value: str | None, dialect: Dialect) -> E | None:
        return None if value is None else self.enum(value)


def enum_column(
    enum: type[StrEnum],
    *,
    default: StrEnum | None = None,
    index: bool = False,
    nullable: bool = False,
    primary_key: bool = False,
) -> Any:
    """A column holding one of `enum`'s members; `default` also for rows inserted set-based (Core)."""
    column: Column[Any] = Column(
        EnumText(enum), nullable=nullable, index=index, primary_key=primary_key, default=default
    )
    return Field(default=default, sa_column=column)


def ts_column(*, nullable: bool = True, index: bool = False) -> Any:
    return Field(default=None, sa_column=Column(UTCDateTime(), nullable=nullable, index=index))


def created_column() -> Any:
    return Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


def json_column() -> Any:
    return Field(default=None, sa_column=Column(JSON, nullable=True))
