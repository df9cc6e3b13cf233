"""`dutybot plans edit | export-json | diff`: correcting a stored plan from the command line, and
every correction as a labelled example.

`plans edit ID` shows the plan as the chat's review does (doubts first, rows by unit, deadlines) with
the numbers the commands use; `plans edit ID <command>` runs one correction command of the chat's
language (services.correction_commands: `remove 12`, `vai 12`, `them 12 chu tri "Sở Tư pháp"`,
`han h3 "hang nam 15/12"` ...) and stores it at once; `--file` runs one command per line in one
transaction; `plans edit ID undo [--correction N]` takes a stored correction back. Members of the
units whose duties change are told, as from the chat (the bot's delivery worker sends the notices).
"""

from __future__ import annotations

import getpass
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bot.cli.common import Lang, open_database, say
from bot.cli.texts import t
from messages.render import to_plain

if TYPE_CHECKING:
    from services.review_drafts import Author

EditWords = Annotated[
    list[str] | None,
    typer.Argument(help="A correction command: show d4 | remove 12 | role 12 | add 12 lead UNIT | ..."),
]


def operator() -> Author:
    """The command line's operator: whoever holds the database holds the plans."""
    from services.review_drafts import Author

    try:
        user = getpass.getuser()
    except Exception:  # no login name (a container): still an operator
        user = "operator"
    return Author(name=f"cli:{user}")


def edit(
    plan_id: Annotated[int, typer.Argument(help="Plan number in `plans list`")],
    words: EditWords = None,
    file: Annotated[
        Path | None, typer.Option("--file", help="Run the commands in FILE, one per line, in one go")
    ] = None,
    correction: Annotated[
        int | None, typer.Option("--correction", help="With `undo`: the stored correction to take back")
    ] = None,
    lang: Lang = "vi",
) -> None:
    """Show a stored plan for correcting, or correct it: one command, or a file of them."""
    from config.settings import get_settings
    from handlers.plan_review_view import render
    from handlers.review_parts import help_text
    from handlers.review_words import describe, notice
    from services import corrected_plans, review_commands, review_drafts
    from services import plan_review as svc
    from services.clock import SystemClock, local_today
    from services.correction_commands import parse_command
    from services.corrections import CorrectionError
    from services.import_result import PlanImportError
    from services.occurrences import materialize

    line = " ".join(words or []).strip()
    lines = [x.strip() for x in file.read_text(encoding="utf-8").splitlines()] if file else [line]
    lines = [x for x in lines if x and not x.startswith("#")]
    settings = get_settings()
    author = operator()
    clock = SystemClock()
    with open_database() as database:
        try:
            with database.session() as session:
                draft = review_drafts.open_live(session, plan_id=plan_id)
                if draft is None:
                    say(lang, "cli.plans.not_found", err=True, id=plan_id)
                    raise typer.Exit(1)
                if lines and lines[0].split()[0].lower() in ("undo", "hoantac") and len(lines) == 1:
                    done = corrected_plans.drop_correction(
                        session,
                        plan_id=plan_id,
                        correction_id=correction,
                        author=author,
                        default_province=settings.default_province,
                        now=clock.now(),
                        notice=notice,
                    )
                    if done is None:
                        say(lang, "cli.edit.no_correction", err=True)
                        raise typer.Exit(1)
                    materialize(session, today=local_today(clock), plan_id=plan_id)
                    say(lang, "cli.edit.undone", id=plan_id, people=done.notified)
                    return
                for text in lines or ["show"]:
                    cmd = parse_command(text)
                    if cmd is None:
                        say(lang, "cli.edit.unknown", err=True, text=text)
                        raise typer.Exit(2)
                    rv = svc.review(session, draft, default_province=settings.default_province)
                    if cmd.verb in ("show", "help"):
                        if cmd.verb == "help":
                            typer.echo(to_plain(help_text(lang, live=True)))
                            continue
                        draft.page, draft.page_no = cmd.targets[0], cmd.page
                        typer.echo(to_plain(render(lang, rv, buttons=False, footer=False).html))
                        continue
                    if cmd.verb in ("skip", "undo", "confirm", "cancel"):
                        say(lang, "cli.edit.chat_only", err=True, text=text)
                        raise typer.Exit(2)
                    made = review_commands.resolve(rv, cmd, author=author, now=clock.now())
                    draft.new += made
                    for c in made:
                        typer.echo("+ " + to_plain(describe(lang, c)))
                if not draft.new:
                    return
                done = corrected_plans.commit(
                    session,
                    draft,
                    author=author,
                    default_province=settings.default_province,
                    now=clock.now(),
                    notice=notice,
                )
                materialize(session, today=local_today(clock), plan_id=plan_id)
        except CorrectionError as exc:
            typer.echo(to_plain(t(lang, exc.key, **exc.values)), err=True)
            raise typer.Exit(1) from exc
        except PlanImportError as exc:
            typer.echo(exc.message(lang), err=True)
            raise typer.Exit(1) from exc
        for outcome in done.outcomes[-len(draft.new) :]:
            if outcome.status != "applied":
                status = t(lang, f"rv.status.{outcome.status}")
                typer.echo(f"! {to_plain(describe(lang, outcome.correction))}: {status}", err=True)
        say(lang, "cli.edit.saved", count=done.new, id=plan_id, people=done.notified, units=len(done.changes))


def export_json(
    plan_id: Annotated[int, typer.Argument(help="Plan number in `plans list`")],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write to this file instead of stdout")
    ] = None,
    lang: Lang = "vi",
) -> None:
    """The corrected plan in the form of ../shared/plans/SCHEMA.md: a labelled example for the test set."""
    from services.corrected_plans import export_schema

    with open_database() as database, database.session() as session:
        data = export_schema(session, plan_id=plan_id)
    if data is None:
        say(lang, "cli.plans.not_found", err=True, id=plan_id)
        raise typer.Exit(1)
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if out is None:
        typer.echo(text)
    else:
        out.write_text(text + "\n", encoding="utf-8")


def diff(
    plan_id: Annotated[int, typer.Argument(help="Plan number in `plans list`")],
    lang: Lang = "vi",
) -> None:
    """What the extractor read against what is stored after the admins' corrections."""
    from handlers.review_parts import when_label
    from handlers.review_words import describe
    from services.corrected_plans import plan_diff

    with open_database() as database, database.session() as session:
        found = plan_diff(session, plan_id=plan_id)
    if found is None:
        say(lang, "cli.plans.not_found", err=True, id=plan_id)
        raise typer.Exit(1)
    say(lang, "cli.diff.title", id=plan_id, plan=found.label, count=len(found.corrections))
    for outcome in found.corrections:
        c = outcome.correction
        status = t(lang, f"rv.status.{outcome.status}")
        typer.echo(
            f"  [{c.id}] {c.at[:16].replace('T', ' ')} {c.author}: {to_plain(describe(lang, c))} ({status})"
        )
    role = {r: t(lang, f"rv.role.{r}") for r in ("lead", "support")}
    corrected = found.corrected
    say(lang, "cli.diff.assignments")
    for row in found.removed:
        typer.echo(f"  - #{row.id} {role[row.item.role]:9} {row.item.unit}: {row.item.duty[:100]}")
    for row in found.added:
        typer.echo(f"  + #{row.id} {role[row.item.role]:9} {row.item.unit}: {row.item.duty[:100]}")
    for row, was in found.changed:
        before = f"{role[was.role]} {was.unit}: {was.duty[:60]}"
        typer.echo(
            f"  ~ #{row.id} {before}\n      → {role[row.item.role]} {row.item.unit}: {row.item.duty[:100]}"
        )
    say(lang, "cli.diff.deadlines")
    base = corrected.base.deadlines
    for dl in sorted(corrected.removed_deadlines.values(), key=lambda r: r.id):
        typer.echo(f"  - h{dl.id} {when_label(lang, dl.item)}: {dl.item.unit} – {dl.item.text[:80]}")
    for dl in corrected.deadlines:
        if dl.added:
            typer.echo(f"  + h{dl.id} {when_label(lang, dl.item)}: {dl.item.unit} – {dl.item.text[:80]}")
        elif dl.changed:
            was_d = base[dl.id - 1]
            now_d = dl.item
            typer.echo(
                f"  ~ h{dl.id} {when_label(lang, was_d)}: {was_d.unit} → {was_d.to or '-'}\n"
                f"      → {when_label(lang, now_d)}: {now_d.unit} → {now_d.to or '-'} – {now_d.text[:60]}"
            )
