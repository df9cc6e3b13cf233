"""`dutybot plans ...`: parse, import, list, show and archive plan documents."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Annotated

import typer

from bot.cli.common import Lang, open_database, say, today
from handlers.doubts import doubt_text, doubt_texts
from handlers.i18n import t
from handlers.render import shorten
from parsing.errors import DocumentError
from parsing.model import ParsedPlan

log = logging.getLogger(__name__)

app = typer.Typer(no_args_is_help=True, help="Plan documents.")


def _read(path: Path, lang: str) -> ParsedPlan:
    """A plan file read within the time limit (services/plan_reading.py), or a one-line message
    and `typer.Exit`: a missing file, an unreadable document, a parse stopped past the limit."""
    from bot.config import get_settings
    from services.plan_reading import ReadFailed, ReadTimedOut, read_plan_file

    settings = get_settings()
    if not path.is_file():
        raise _Refused(t(lang, "cli.import.missing", name=path))
    try:
        return read_plan_file(
            path, max_bytes=settings.max_document_mb * 1024 * 1024, timeout=settings.parse_timeout_seconds
        )
    except DocumentError as exc:
        raise _Refused(exc.message(lang)) from exc
    except ReadTimedOut as exc:
        raise _Refused(t(lang, "cli.import.too_slow", name=path.name, seconds=f"{exc.seconds:g}")) from exc
    except ReadFailed as exc:
        raise _Refused(t(lang, "cli.import.unexpected", name=path.name, error=exc.detail)) from exc


class _Refused(Exception):
    """A file that cannot be read, with the message for the admin."""


@app.command()
def parse(
    file: Annotated[Path, typer.Argument(help="A .txt, .md, .docx or .pdf plan")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the SCHEMA.md JSON")] = False,
    lang: Lang = "vi",
) -> None:
    """Extract a plan without touching the database."""
    try:
        plan = _read(file, lang)
    except _Refused as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    if as_json:
        typer.echo(json.dumps(plan.to_schema(), ensure_ascii=False, indent=2))
        return
    h = plan.header
    typer.echo(f"{h.number or '-'} | {h.issuer or '-'} | {h.issued_on or '-'}\n{h.title or ''}")
    for a in plan.assignments:
        role = t(lang, f"cli.role.{a.role}")
        typer.echo(f"  [{a.section or '-'}] {role:8} {a.unit}: {shorten(a.duty, 100)}")
    for d in plan.deadlines:
        due = d.due or t(lang, "cli.show.no_day")
        recurrence = t(lang, f"recurrence.{d.recurrence}")
        typer.echo(f"  {t(lang, 'cli.show.deadline')} {recurrence} {due}: {d.unit} → {d.to or '-'}")
    for doubt in plan.doubts:
        typer.echo(f"  ! {doubt_text(lang, doubt.kind, doubt.text, doubt.section)}")


@app.command("import")
def import_(
    files: Annotated[list[Path], typer.Argument(help="Plan files (.txt .md .docx .pdf)")],
    province: Annotated[
        str | None, typer.Option(help="Province of plans whose header names none (default: settings)")
    ] = None,
    lang: Lang = "vi",
) -> None:
    """Import plans into the database (re-importing a plan updates it). One transaction per file; the
    exit code is 1 when any file failed."""
    import hashlib

    from bot.config import get_settings
    from services.importer import PlanImportError, import_plan
    from services.occurrences import materialize

    default_province = province or get_settings().default_province
    with open_database() as database:
        ok = failed = 0
        for path in files:
            try:
                parsed = _read(path, lang)
                content_hash = hashlib.sha256(path.read_bytes()).hexdigest()
                with database.session() as session:
                    result = import_plan(
                        session,
                        parsed=parsed,
                        source_name=path.name,
                        content_hash=content_hash,
                        default_province=default_province,
                    )
                    if result.plan_id:  # dated at once: `deadlines`, `export ics` work without the bot
                        materialize(session, today=today(), plan_id=result.plan_id)
            except _Refused as exc:
                say(lang, "cli.import.failed", err=True, message=str(exc))
                failed += 1
                continue
            except PlanImportError as exc:
                say(lang, "cli.import.failed", err=True, message=exc.message(lang))
                failed += 1
                continue
            except Exception as exc:  # one bad file must not stop the others; its transaction rolled back
                log.exception("import of %s failed", path)
                say(lang, "cli.import.unexpected", err=True, name=path.name, error=type(exc).__name__)
                failed += 1
                continue
            ok += 1
            say(
                lang,
                "cli.import.ok",
                name=path.name,
                status=t(lang, f"cli.import.status.{result.status}"),
                plan_id=result.plan_id,
                number=result.number or "-",
                assignments=result.assignments,
                groups=result.group_assignments,
                deadlines=result.deadlines,
                undated=result.undated_deadlines,
            )
            if result.new_units:
                say(lang, "cli.import.new_units", units=", ".join(result.new_units))
            if result.flagged:
                say(lang, "cli.import.flagged", units=", ".join(result.flagged))
            if result.unplaced:
                say(lang, "cli.import.unplaced", units=", ".join(result.unplaced))
            _say_removed(lang, result.removed_assignments, result.removed_deadlines)
            notes = [d for d in result.doubts if d.get("kind") != "unplaced"]
            if notes:  # a document read without confidence (no implementation part ...) says so
                say(lang, "cli.import.doubts", count=len(notes))
                for line in doubt_texts(lang, notes):
                    typer.echo(f"    - {line}")
        say(lang, "cli.import.summary", ok=ok, failed=failed)
        if failed:
            raise typer.Exit(1)


def _say_removed(lang: str, duties: list[str], deadlines: list[str]) -> None:
    """A re-import that takes duties or deadlines away from the stored plan says what it took."""
    if not duties and not deadlines:
        return
    say(lang, "cli.import.removed", assignments=len(duties), deadlines=len(deadlines))
    for text in duties:
        say(lang, "cli.import.removed_duty", text=shorten(text, 140))
    for text in deadlines:
        say(lang, "cli.import.removed_deadline", text=shorten(text, 140))


@app.command("list")
def list_(
    active: Annotated[bool, typer.Option("--active", help="Only plans in force (not archived)")] = False,
    all_: Annotated[
        bool, typer.Option("--all", hidden=True, help="Archived plans too (the default)")
    ] = False,
    lang: Lang = "vi",
) -> None:
    """List plans, newest first, archived ones too (their status says so)."""
    from services.plans import list_plans

    with open_database() as database:
        with database.session() as session:
            rows = list_plans(session, include_archived=not active)
        if not rows:
            say(lang, "cli.plans.empty")
            return
        say(lang, "cli.plans.header")
        for row in rows:
            status = t(lang, f"cli.plans.status.{row.status}")
            typer.echo(
                f"{row.plan_id:>3}  {status:<10}  {(row.number or '-'):<18} {row.issued_on or '-'!s:<14} "
                f"{row.assignments:>8}  {shorten(row.title or row.source_name, 70)}"
            )


@app.command()
def show(
    plan_id: Annotated[int, typer.Argument(help="Plan number in `plans list`")], lang: Lang = "vi"
) -> None:
    """A plan's duties and deadlines as stored."""
    from services.plans import plan_detail

    with open_database() as database:
        with database.session() as session:
            detail = plan_detail(session, plan_id=plan_id)
        if detail is None:
            say(lang, "cli.plans.not_found", err=True, id=plan_id)
            raise typer.Exit(1)
        typer.echo(
            f"#{detail.plan_id} {detail.number or '-'} | {detail.issuer or '-'} | {detail.issued_on or '-'}"
        )
        typer.echo(f"{detail.title or ''}\n{detail.source_name} ({detail.jurisdiction})")
        say(lang, "cli.show.assignments")
        for a in detail.assignments:
            role = t(lang, f"cli.role.{a.role}")
            flag = f" [{t(lang, 'cli.flag')}]" if a.flagged else ""
            typer.echo(
                f"  #{a.assignment_id} [{a.section or '-'}] {role}: {a.target}{flag} – {shorten(a.duty, 120)}"
            )
        say(lang, "cli.show.deadlines")
        for d in detail.deadlines:
            due = d.due or t(lang, "cli.show.no_day")
            recurrence = t(lang, f"recurrence.{d.recurrence}")
            typer.echo(f"  #{d.deadline_id} {recurrence} {due}: {d.unit_text} → {d.recipient or '-'}")
        # the notes by kind, in the admin's language (plans imported before they were kept: as stored)
        notes = doubt_texts(lang, detail.doubts) if detail.doubts else detail.warnings
        for note in notes:
            typer.echo(f"  ! {note}")


@app.command()
def archive(
    plan_id: Annotated[int, typer.Argument()],
    restore: Annotated[bool, typer.Option("--restore", help="Make an archived plan active again")] = False,
    lang: Lang = "vi",
) -> None:
    """Archive a plan: its duties leave duty lists and its deadlines stop reminding."""
    from services.importer import archive_plan

    with open_database() as database:
        with database.session() as session:
            plan = archive_plan(session, plan_id=plan_id, archived=not restore)
        if plan is None:
            say(lang, "cli.plans.not_found", err=True, id=plan_id)
            raise typer.Exit(1)
        say(lang, "cli.plans.restored" if restore else "cli.plans.archived", id=plan_id)


@app.command()
def reresolve(
    plan_id: Annotated[int | None, typer.Option("--plan", help="Only this plan (default: all)")] = None,
    lang: Lang = "vi",
) -> None:
    """Match the deadlines' recipients to the unit directory again: once after upgrading to schema
    revision 0004, and whenever the directory gained a unit that plans only name as a recipient. A
    class of units no longer owes its reports to the recipient itself (its open dated deadlines go)."""
    from services.importer import reresolve_recipients

    with open_database() as database:
        with database.session() as session:
            result = reresolve_recipients(session, plan_id=plan_id)
        say(
            lang,
            "cli.plans.reresolved",
            deadlines=result.deadlines,
            resolved=result.resolved,
            changed=result.changed,
            dropped=result.dropped,
        )


@app.command("set-day")
def set_day(
    deadline_id: Annotated[int, typer.Argument(help="Deadline number in `plans show`")],
    day: Annotated[int, typer.Option(help="Day of the month")],
    month: Annotated[
        int | None, typer.Option(help="Month (yearly), month within the period (quarterly...)")
    ] = None,
    year: Annotated[int | None, typer.Option(help="Year, for a one-off deadline")] = None,
    lang: Lang = "vi",
) -> None:
    """Set the day a plan left open ("định kỳ hằng năm" with no date)."""
    from services.clock import SystemClock, local_today
    from services.importer import PlanImportError
    from services.occurrences import OccurrenceError, set_deadline_day

    with open_database() as database:
        try:
            with database.session() as session:
                set_deadline_day(
                    session,
                    deadline_id=deadline_id,
                    month=month,
                    day=day,
                    year=year,
                    today=local_today(SystemClock()),
                )
        except PlanImportError as exc:
            typer.echo(exc.message(lang), err=True)
            raise typer.Exit(1) from exc
        except OccurrenceError as exc:
            typer.echo(t(lang, exc.key), err=True)
            raise typer.Exit(1) from exc
        due = "/".join(str(x) for x in (day, month, year) if x is not None)
        say(lang, "cli.plans.day_set", id=deadline_id, due=due)
