"""What the admin commands share: the database, the language option, today's date, finding a unit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from sqlmodel import Session

    from storage.db import Database
    from storage.models import Unit

Lang = Annotated[str, typer.Option("--lang", help="vi (default) or en")]


@contextmanager
def open_database() -> Iterator[Database]:
    """The configured database, migrated to the latest schema (a no-op when it already is).

    Its connections are closed when the command ends, however it ends (an early `typer.Exit` for an
    unknown unit included), so no command leaks a pool.
    """
    from config.settings import get_settings
    from storage.db import Database

    database = Database(get_settings().database_url)
    try:
        database.migrate()
        yield database
    finally:
        database.dispose()


def today() -> dt.date:
    from services.clock import SystemClock, local_today

    return local_today(SystemClock())


def say(lang: str, key: str, *, err: bool = False, **values: object) -> None:
    from bot.cli.texts import t

    typer.echo(t(lang, key, **values), err=err)


def unit_or_exit(
    session: Session, words: str, lang: str, *, province: str | None = None, follow: bool = True
) -> Unit:
    """THE way every command turns typed words into a unit (`services.units.lookup_unit`: an exact
    or confidently matched unit, never a guess): otherwise it names the words and the closest units
    and exits 1. Exact matches in several provinces go to the default province; `province` narrows
    the search to one; `follow` answers with the unit that carries a merged unit's duties now."""
    from config.settings import get_settings
    from services import jurisdictions
    from services.units import lookup_unit

    scope = jurisdictions.find(session, name=province, level="province", parent_id=None) if province else None
    if province and scope is None:
        say(lang, "cli.units.no_province", err=True, province=province)
        raise typer.Exit(1)
    unit, matches = lookup_unit(
        session,
        words=words,
        jurisdiction_id=scope.id if scope else None,
        prefer_jurisdiction_id=jurisdictions.province_id(session, get_settings().default_province),
        follow=follow,
    )
    if unit is not None:
        return unit
    names = "; ".join(f"{m.unit.name} ({jurisdictions.label(m.jurisdiction)})" for m in matches)
    if matches and all(m.score >= 100 for m in matches[:2]):
        say(lang, "cli.units.ambiguous", err=True, words=words, names=names)
    else:
        say(lang, "cli.units.not_found", err=True, words=words)
        if matches:
            say(lang, "cli.units.suggest", err=True, names=names)
    raise typer.Exit(1)
