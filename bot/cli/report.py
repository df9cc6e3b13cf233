"""`dutybot report draft --unit ... --deadline ...`: the draft report (.docx, NĐ 30/2020 format)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(no_args_is_help=True, help="Reports a unit owes.")


@app.command()
def draft(
    unit: Annotated[str, typer.Option("--unit", help="Unit id, or its name as officers write it")],
    deadline: Annotated[int, typer.Option("--deadline", help="Deadline id (see `dutybot deadlines --unit`)")],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="File to write (default: its own name)")
    ] = None,
) -> None:
    """Write the draft report of the unit's next open occurrence of a deadline."""
    from sqlmodel import col, select

    from bot.cli.common import open_database, today
    from services.occurrences import OPEN_STATES, OccurrenceError, materialize
    from services.report_draft import build
    from services.units import lookup_unit
    from storage.models import Occurrence, Unit

    with open_database() as db, db.session() as session:
        found = session.get(Unit, int(unit)) if unit.isdigit() else lookup_unit(session, words=unit)[0]
        if found is None or found.id is None:
            typer.echo(f"unit not found: {unit}", err=True)
            raise typer.Exit(2)
        materialize(session, today=today(), deadline_ids=[deadline])  # dated now if the bot has not yet
        occ = session.exec(
            select(Occurrence)
            .where(
                Occurrence.unit_id == found.id,
                Occurrence.deadline_id == deadline,
                col(Occurrence.status).in_(OPEN_STATES),
            )
            .order_by(col(Occurrence.due_on))
        ).first()
        if occ is None or occ.id is None:
            typer.echo(f"{found.name} owes nothing open for deadline {deadline}", err=True)
            raise typer.Exit(2)
        try:
            doc = build(session, occurrence_id=occ.id, today=today())
        except OccurrenceError as exc:
            typer.echo(exc.key, err=True)
            raise typer.Exit(2) from None
    target = out or Path(doc.filename)
    target.write_bytes(doc.content)
    typer.echo(f"{found.name}: {target} ({doc.duties} duties, due {occ.due_on:%d/%m/%Y})", err=True)
