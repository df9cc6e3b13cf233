"""`dutybot export ics --unit ...`: a unit's deadlines as an .ics file for phone calendars."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(no_args_is_help=True, help="Exports.")


@app.command()
def ics(
    unit: Annotated[str, typer.Option("--unit", help="Unit id, or its name as officers write it")],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="File to write (default: stdout)")] = None,
) -> None:
    """Write the unit's deadlines (recurring ones as RRULE) as iCalendar."""
    from bot.cli.common import open_database
    from services.calendar_export import unit_calendar
    from services.clock import SystemClock, local_today
    from services.units import lookup_unit
    from storage.models import Unit

    with open_database() as db, db.session() as session:
        found = session.get(Unit, int(unit)) if unit.isdigit() else lookup_unit(session, words=unit)[0]
        if found is None or found.id is None:
            typer.echo(f"unit not found: {unit}", err=True)
            raise typer.Exit(2)
        content = unit_calendar(session, unit_id=found.id, today=local_today(SystemClock()))
    if out is None:
        typer.echo(content.decode(), nl=False)
    else:
        out.write_bytes(content)
        typer.echo(f"{found.name}: {out}", err=True)
