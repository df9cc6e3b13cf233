"""`dutybot reminders tick` and `dutybot workdays ...`: run one scheduler tick by hand, manage swaps.

The tick is idempotent (the ledger says what was sent), so running it by hand next to a live bot is
safe: it queues only what is due and not yet queued; the bot's delivery workers send it.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

app = typer.Typer(no_args_is_help=True, help="Reminders.")
workdays_app = typer.Typer(no_args_is_help=True, help="Working days: announced swaps per year.")


def _parse_now(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    from services.clock import VN_TZ

    when = dt.datetime.fromisoformat(value)
    return when if when.tzinfo else when.replace(tzinfo=VN_TZ)


@app.command()
def tick(
    now: Annotated[
        str | None, typer.Option("--now", help="Pretend it is this time (ISO, Asia/Ho_Chi_Minh if no zone)")
    ] = None,
    materialize: Annotated[bool, typer.Option(help="Date the deadline rules first")] = True,
) -> None:
    """Queue the reminders and digests due now (or at --now)."""
    from bot.cli.common import open_database
    from bot.scheduler import materialize_once, tick_once
    from config.settings import get_settings
    from handlers.context import AppServices
    from services.clock import VN_TZ, ManualClock, SystemClock

    settings = get_settings()
    when = _parse_now(now)
    clock = ManualClock(when) if when is not None else SystemClock()
    with open_database() as db:
        app_services = AppServices(db=db, clock=clock, settings=settings)
        if materialize:
            typer.echo(f"occurrences added: {materialize_once(app_services)}")
        outcome = tick_once(app_services, holder="cli")
    if not outcome.ran or outcome.reminders is None or outcome.digests is None:
        typer.echo("another process holds the scheduler lease; nothing done", err=True)
        raise typer.Exit(1)
    r, d = outcome.reminders, outcome.digests
    typer.echo(
        f"{r.now.astimezone(VN_TZ):%Y-%m-%d %H:%M}: {r.reminders} reminders ({r.late} late, {r.escalations} "
        f"escalations, {r.skipped_stale} stale skipped) in {r.messages} messages; "
        f"digests: {d.daily} daily, {d.weekly} weekly"
    )


@workdays_app.command("add-swap")
def add_swap(
    day: Annotated[str, typer.Argument(help="YYYY-MM-DD")],
    working: Annotated[bool, typer.Option("--working/--off", help="Made a working day, or given off")],
    jurisdiction: Annotated[
        int | None, typer.Option("--jurisdiction", help="Jurisdiction id (default: nationwide)")
    ] = None,
    note: Annotated[str | None, typer.Option("--note")] = None,
) -> None:
    """Record an announced swap ("làm bù" Saturday: --working; extra day off: --off)."""
    from bot.cli.common import open_database
    from services import workdays

    try:
        when = dt.date.fromisoformat(day)
    except ValueError:
        raise typer.BadParameter(
            f"{day!r} is not a date YYYY-MM-DD (e.g. 2026-01-03)", param_hint="DAY"
        ) from None
    with open_database() as db, db.session() as session:
        row = workdays.add_override(
            session, day=when, working=working, jurisdiction_id=jurisdiction, note=note
        )
        typer.echo(f"{row.day} {'working' if row.working else 'off'} ({row.jurisdiction_id or 'nationwide'})")


@workdays_app.command("list")
def list_days(year: Annotated[int, typer.Argument()]) -> None:
    """Public holidays (computed, lunar ones included) and recorded swaps of a year."""
    from bot.cli.common import open_database
    from services import workdays

    day = dt.date(year, 1, 1)
    while day.year == year:
        name = workdays.public_holiday_name(day)
        if name:
            typer.echo(f"{day} {day:%a} holiday: {name}")
        day += dt.timedelta(days=1)
    with open_database() as db, db.session() as session:
        for row in workdays.list_overrides(session, year=year):
            scope = row.jurisdiction_id or "nationwide"
            typer.echo(
                f"{row.day} {row.day:%a} {'working' if row.working else 'off'} ({scope}) {row.note or ''}"
            )
