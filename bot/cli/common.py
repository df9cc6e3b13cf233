"""What the admin commands share: the database, the language option, today's date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer

from bot.config import get_settings
from handlers.i18n import t
from services.clock import SystemClock, local_today
from storage.db import Database

Lang = Annotated[str, typer.Option("--lang", help="vi (default) or en")]


@contextmanager
def open_database() -> Iterator[Database]:
    """The configured database, migrated to the latest schema (a no-op when it already is).

    Its connections are closed when the command ends, however it ends (an early `typer.Exit` for an
    unknown unit included), so no command leaks a pool.
    """
    database = Database(get_settings().database_url)
    try:
        database.migrate()
        yield database
    finally:
        database.dispose()


def today() -> dt.date:
    return local_today(SystemClock())


def say(lang: str, key: str, *, err: bool = False, **values: object) -> None:
    typer.echo(t(lang, key, **values), err=err)
