"""`dutybot export ics --unit ...`: a unit's deadlines as an .ics file for phone calendars."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bot.cli.common import Lang

app = typer.Typer(no_args_is_help=True, help="Exports.")


@app.command()
def ics(
    unit: Annotated[str, typer.Option("--unit", help="Unit id, or its name as officers write it")],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="File to write (default: stdout)")] = None,
    lang: Lang = "vi",
) -> None:
    """Write the unit's deadlines (recurring ones as RRULE) as iCalendar."""
    from bot.cli.common import open_database, say, today, unit_or_exit
    from services.calendar_export import unit_calendar
    from services.occurrences import materialize
    from storage.models import Unit

    with open_database() as db, db.session() as session:
        found = session.get(Unit, int(unit)) if unit.isdigit() else unit_or_exit(session, unit, lang)
        if found is None or found.id is None:
            say(lang, "cli.units.not_found", err=True, words=unit)
            raise typer.Exit(2)
        # a database filled by the command line alone has its deadlines dated here, as the bot does
        materialize(session, today=today())
        content = unit_calendar(session, unit_id=found.id, today=today(), lang=lang)
        name = found.name
    if out is None:
        typer.echo(content.decode(), nl=False)
    else:
        out.write_bytes(content)
        say(lang, "cli.export.written", err=True, unit=name, path=out)
