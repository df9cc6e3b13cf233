"""`dutybot plans ...`: parse, import, list, show and archive plan documents."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from bot.cli import plan_edits
from bot.cli.common import Lang, open_database, say, today
from bot.cli.texts import t
from handlers.doubts import doubt_text, doubt_texts
from messages.render import shorten, to_plain
from parsing.errors import DocumentError
from parsing.model import ParsedPlan

log = logging.getLogger(__name__)

app = typer.Typer(no_args_is_help=True, help="Plan documents.")


def _read(group: list[Path], lang: str) -> ParsedPlan:
    """A plan's files (one document, or the photos of its pages) read within the time limits
    (services/plan_reading.py; a scan's OCR shows a bar on stderr), or `_Refused` with a one-line
    message: a missing file, an unreadable document, a reading stopped past the limit."""
    from config.settings import get_settings
    from services.plan_reading import ReadFailed, ReadTimedOut, read_plan_file

    settings = get_settings()
    path = group[0]
    for missing in (p for p in group if not p.is_file()):
        raise _Refused(t(lang, "cli.import.missing", name=missing))
    try:
        with _ocr_progress(path.name) as on_page:
            return read_plan_file(
                group,
                max_bytes=settings.max_document_mb * 1024 * 1024,
                timeout=settings.parse_timeout_seconds,
                ocr_time_limit=settings.ocr_time_limit_seconds,
                max_pages=settings.ocr_max_pages,
                on_page=on_page,
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
    file: Annotated[Path, typer.Argument(help="A .txt, .md, .docx or .pdf plan, or a scan/photo")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the SCHEMA.md JSON")] = False,
    lang: Lang = "vi",
) -> None:
    """Extract a plan without touching the database (scans and photos are read by OCR)."""
    try:
        plan = _read([file], lang)
    except _Refused as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    if as_json:
        typer.echo(json.dumps(plan.to_schema() | {"read_by": plan.read_by}, ensure_ascii=False, indent=2))
        return
    h = plan.header
    typer.echo(f"{h.number or '-'} | {h.issuer or '-'} | {h.issued_on or '-'}\n{h.title or ''}")
    if plan.read_by == "ocr":
        say(lang, "cli.show.read_by_ocr")
    for a in plan.assignments:
        role = t(lang, f"cli.role.{a.role}")
        typer.echo(f"  [{a.section or '-'}] {role:8} {a.unit}: {shorten(a.duty, 100)}")
    for d in plan.deadlines:
        due = d.due or t(lang, "cli.show.no_day")
        recurrence = t(lang, f"recurrence.{d.recurrence}")
        typer.echo(f"  {t(lang, 'cli.show.deadline')} {recurrence} {due}: {d.unit} → {d.to or '-'}")
    for doubt in plan.doubts:
        typer.echo(f"  ! {doubt_text(lang, doubt.kind, doubt.text, doubt.section)}")


@contextmanager
def _ocr_progress(label: str) -> Iterator[Callable[[int, int], None]]:
    """A page callback drawing a bar on stderr (once a scan's first page is read)."""
    bars: list[Any] = []

    def on_page(done: int, total: int) -> None:
        if not bars:
            bar = typer.progressbar(length=total, label=f"OCR {label}", file=sys.stderr, show_pos=True)
            bar.__enter__()
            bars.append(bar)
        bars[0].update(done - bars[0].pos)

    try:
        yield on_page
    finally:
        for bar in bars:
            bar.__exit__(None, None, None)


def plan_groups(files: list[Path]) -> list[list[Path]]:
    """Files as plans: image files given one after another are the pages of one plan (in the order
    given), every other file a plan of its own."""
    from parsing.readers.images import IMAGE_SUFFIXES

    groups: list[list[Path]] = []
    in_images = False
    for path in files:
        image = path.suffix.lower() in IMAGE_SUFFIXES
        if image and in_images:
            groups[-1].append(path)
        else:
            groups.append([path])
        in_images = image
    return groups


@app.command("import")
def import_(
    files: Annotated[
        list[Path],
        typer.Argument(help="Plan files (.txt .md .docx .pdf); images given together are one plan's pages"),
    ],
    province: Annotated[
        str | None, typer.Option(help="Province of plans whose header names none (default: settings)")
    ] = None,
    lang: Lang = "vi",
) -> None:
    """Import plans into the database (re-importing a plan updates it). One transaction per plan; the
    exit code is 1 when any failed. `plans import trang1.jpg trang2.jpg` imports one plan of two pages
    (read by OCR); a scanned PDF is read by OCR too."""
    import hashlib

    from config.settings import get_settings
    from handlers.review_words import describe
    from services.corrected_plans import commit
    from services.import_result import PlanImportError
    from services.occurrences import materialize
    from services.review_drafts import open_import
    from storage.types import utcnow

    default_province = province or get_settings().default_province
    with open_database() as database:
        ok = failed = 0
        for group in plan_groups(files):
            path = group[0]
            name = path.name if len(group) == 1 else f"{path.name} (+{len(group) - 1})"
            try:
                parsed = _read(group, lang)
                content_hash = hashlib.sha256(b"".join(p.read_bytes() for p in group)).hexdigest()
                with database.session() as session:  # the plan's stored corrections are re-applied
                    draft = open_import(
                        session,
                        parsed=parsed,
                        source_name=path.name,
                        content_hash=content_hash,
                        text=parsed.text or None,
                    )
                    done = commit(
                        session,
                        draft,
                        author=plan_edits.operator(),
                        default_province=default_province,
                        now=utcnow(),
                    )
                    result = done.result
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
                name=name,
                status=t(lang, f"cli.import.status.{result.status}"),
                plan_id=result.plan_id,
                number=result.number or "-",
                assignments=result.assignments,
                groups=result.group_assignments,
                deadlines=result.deadlines,
                undated=result.undated_deadlines,
            )
            if parsed.read_by == "ocr":
                say(lang, "cli.show.read_by_ocr")
            if draft.stored:
                say(lang, "cli.import.reapplied", count=len(draft.stored))
            for outcome in done.stale:
                say(lang, "cli.import.stale", what=to_plain(describe(lang, outcome.correction)))
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
        if detail.read_by == "ocr":
            say(lang, "cli.show.read_by_ocr")
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
    from services.plans import archive_plan

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
    from services.placement import reresolve_recipients

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
    from services.deadline_days import set_deadline_day
    from services.occurrences import OccurrenceError

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
        except OccurrenceError as exc:
            typer.echo(to_plain(t(lang, exc.key)), err=True)
            raise typer.Exit(1) from exc
        due = "/".join(str(x) for x in (day, month, year) if x is not None)
        say(lang, "cli.plans.day_set", id=deadline_id, due=due)


# correcting a stored plan, and every correction as a labelled example (bot/cli/plan_edits.py)
app.command("edit")(plan_edits.edit)
app.command("export-json")(plan_edits.export_json)
app.command("diff")(plan_edits.diff)
