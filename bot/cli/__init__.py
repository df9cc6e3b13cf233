"""The `dutybot` command line: one Typer app, one sub-app per area (each in its own module)."""

from __future__ import annotations

import typer

from bot.cli import ask, export, plans, reminders, report, run, units

app = typer.Typer(no_args_is_help=True, add_completion=False, help="dutybot: plans, duties and reminders.")
app.add_typer(plans.app, name="plans")
app.add_typer(units.app, name="units")
app.command("ask")(ask.ask)
app.command("deadlines")(ask.deadlines)
app.command("run")(run.run)
app.command("console")(run.console)
app.add_typer(run.invite_app, name="invite")
app.add_typer(run.admins_app, name="admins")
app.add_typer(export.app, name="export")
app.add_typer(reminders.app, name="reminders")
app.add_typer(report.app, name="report")
app.add_typer(reminders.workdays_app, name="workdays")


def main() -> None:
    app()
