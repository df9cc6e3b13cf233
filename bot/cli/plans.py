"""`dutybot plans ...`: parse, import, list, show and archive plan documents."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from parsing.errors import DocumentError

app = typer.Typer(no_args_is_help=True, help="Plan documents.")


@app.command()
def parse(
    file: Annotated[Path, typer.Argument(help="A .txt, .md, .docx or .pdf plan")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the SCHEMA.md JSON")] = False,
) -> None:
    """Extract a plan without touching the database."""
    from parsing.document import parse_file

    try:
        plan = parse_file(file)
    except DocumentError as exc:
        typer.echo(exc.message("vi"), err=True)
        raise typer.Exit(2) from exc
    if as_json:
        typer.echo(json.dumps(plan.to_schema(), ensure_ascii=False, indent=2))
        return
    h = plan.header
    typer.echo(f"{h.number or '-'} | {h.issuer or '-'} | {h.issued_on or '-'}\n{h.title or ''}")
    for a in plan.assignments:
        typer.echo(f"  [{a.section or '-'}] {a.role:7} {a.unit}: {a.duty[:100]}")
    for d in plan.deadlines:
        typer.echo(f"  deadline {d.recurrence} {d.due or '(no day)'} {d.unit} -> {d.to or '-'}")
    for w in plan.warnings:
        typer.echo(f"  ! {w}")
