"""`dutybot ask "..."` and `dutybot deadlines --unit "..."`: the officers' questions, asked by an admin."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from bot.cli.common import Lang, open_database, say, today, unit_or_exit
from bot.cli.texts import t
from messages.render import shorten

if TYPE_CHECKING:  # the database layers are imported when a command runs (start-up time)
    from sqlmodel import Session

    from storage.models import Unit


def _print_duties(session: Session, unit: Unit, lang: str) -> None:
    from services.duties import unit_duties
    from services.occurrences import materialize

    assert unit.id is not None
    materialize(session, today=today())  # a database filled by the command line alone is dated here
    result = unit_duties(session, unit_id=unit.id, today=today())
    if not result.plans:
        say(lang, "cli.duties.none", unit=result.unit_name, place=result.jurisdiction)
        return
    say(
        lang,
        "cli.duties.title",
        unit=result.unit_name,
        place=result.jurisdiction,
        count=result.total,
        plans=len(result.plans),
    )
    if result.merged_from:
        say(lang, "cli.duties.merged", names=", ".join(result.merged_from))
    for plan in result.plans:
        typer.echo(f"\n■ {plan.number or '-'} ({plan.issued_on or '-'}): {plan.title or plan.issuer or ''}")
        if plan.other_due:
            default = t(lang, "cli.duties.default_day") if plan.other_due_is_default else ""
            status = f" ({t(lang, f'cli.status.{plan.other_status.value}')})" if plan.other_status else ""
            typer.echo(
                "  " + t(lang, "cli.duties.next", due=plan.other_due.strftime("%d/%m/%Y")) + default + status
            )
        for duty in plan.duties:
            role = t(lang, f"cli.role.{duty.role}")
            via = f" – {t(lang, 'cli.duties.via', phrase=duty.unit_text)}" if duty.group_key else ""
            flag = f" [{t(lang, 'cli.flag')}]" if duty.flagged else ""
            typer.echo(f"  • [{role}] {duty.duty}{via}{flag}")
            notes = [t(lang, "cli.duties.source", id=duty.assignment_id, section=duty.section or "-")]
            if duty.next_due:
                default = t(lang, "cli.duties.default_day") if duty.next_due_is_default else ""
                status = f" ({t(lang, f'cli.status.{duty.next_status.value}')})" if duty.next_status else ""
                notes.insert(
                    0, t(lang, "cli.duties.next", due=duty.next_due.strftime("%d/%m/%Y")) + default + status
                )
            typer.echo("    " + "; ".join(notes))


def _print_deadlines(session: Session, unit: Unit, days: int, lang: str) -> None:
    from services.upcoming import upcoming_deadlines

    assert unit.id is not None
    rows = upcoming_deadlines(session, unit_id=unit.id, today=today(), horizon_days=days)
    if not rows:
        say(lang, "cli.deadlines.none", unit=unit.name, days=days)
        return
    say(lang, "cli.deadlines.title", unit=unit.name)
    for row in rows:
        due = row.due.strftime("%d/%m/%Y") if row.due else t(lang, "cli.status.no_deadline")
        if row.due_is_default:
            due += t(lang, "cli.duties.default_day")
        status = t(lang, f"cli.status.{row.status.value}")
        action = t(lang, f"cli.action.{row.action}")
        to = f" → {row.recipient}" if row.recipient else ""
        typer.echo(f"  {due:<28} {status:<20} {action}{to} ({row.plan_number or '-'}) #{row.deadline_id}")
        typer.echo(f"      {shorten(row.source, 140)}")


def ask(
    question: Annotated[
        str, typer.Argument(help="“Sở Tài chính Đồng Nai phụ trách gì?”, “ai phụ trách ...?”")
    ],
    lang: Lang = "vi",
) -> None:
    """Ask what a unit is responsible for, who handles a topic, or a unit's deadlines."""
    from services import jurisdictions
    from services.questions import Intent, parse_question
    from services.topics import who_is_responsible
    from services.unit_classes import label
    from storage.models import Jurisdiction

    parsed = parse_question(question)
    if parsed is None:
        say(lang, "cli.ask.not_understood", err=True)
        raise typer.Exit(2)
    with open_database() as database, database.session() as session:
        if parsed.intent == Intent.who:
            topic = parsed.topic or ""
            found = who_is_responsible(session, topic=topic)
            if not found:
                say(lang, "cli.who.none", topic=topic)
                raise typer.Exit(1)
            say(lang, "cli.who.title", topic=topic)
            for r in found:
                place = (
                    jurisdictions.label(session.get(Jurisdiction, r.jurisdiction_id))
                    if r.jurisdiction_id
                    else "-"
                )
                name = label(r.group_key, lang) if r.group_key else r.name
                say(lang, "cli.who.row", name=f"{name} ({place})", lead=r.lead, support=r.support)
            return
        unit = unit_or_exit(session, parsed.unit or "", lang)
        if parsed.intent == Intent.deadlines:
            _print_deadlines(session, unit, 60, lang)
        else:
            _print_duties(session, unit, lang)


def deadlines(
    unit_words: Annotated[str, typer.Option("--unit", help="The unit, as you would write it")],
    days: Annotated[int, typer.Option(help="How far ahead")] = 60,
    lang: Lang = "vi",
) -> None:
    """Upcoming deadlines of a unit with their status (trong hạn, sắp đến hạn, quá hạn, chưa có ngày)."""
    with open_database() as database, database.session() as session:
        _print_deadlines(session, unit_or_exit(session, unit_words, lang), days, lang)
