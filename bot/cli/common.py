"""What the admin commands share: the database, the language option, today's date."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from bot.config import get_settings
from handlers.i18n import t
from services.clock import SystemClock, local_today
from storage.db import Database

Lang = Annotated[str, typer.Option("--lang", help="vi (default) or en")]


def open_database() -> Database:
    """The configured database, migrated to the latest schema (a no-op when it already is)."""
    database = Database(get_settings().database_url)
    database.migrate()
    return database


def today() -> dt.date:
    return local_today(SystemClock())


def say(lang: str, key: str, *, err: bool = False, **values: object) -> None:
    typer.echo(t(lang, key, **values), err=err)
