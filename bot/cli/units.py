"""`dutybot units ...`: the unit directory (list, show, add, rename, alias, merge, CSV import, mergers)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bot.cli.common import Lang, open_database, say, unit_or_exit
from bot.cli.texts import t
from services.unit_names import UnitKind

if TYPE_CHECKING:  # the database layers are imported when a command runs (start-up time)
    from sqlmodel import Session

    from storage.models import Unit

app = typer.Typer(no_args_is_help=True, help="The unit directory.")

Province = Annotated[str | None, typer.Option("--province", help="Province (default: settings)")]


def _province_id(session: Session, province: str | None) -> int:
    from config.settings import get_settings
    from services import jurisdictions

    found = jurisdictions.ensure_province(session, province or get_settings().default_province)
    assert found.id is not None
    return found.id


def _find(session: Session, words: str, province: str | None, lang: str) -> Unit:
    """The unit the admin means (not followed to a successor), or exit 1 with the closest names."""
    return unit_or_exit(session, words, lang, province=province, follow=False)


def _place(session: Session, unit: Unit) -> str:
    from services import jurisdictions
    from storage.models import Jurisdiction

    return jurisdictions.label(
        session.get(Jurisdiction, unit.jurisdiction_id) if unit.jurisdiction_id else None
    )


@app.command("list")
def list_(
    province: Province = None,
    review: Annotated[bool, typer.Option("--review", help="Only units an admin must look at")] = False,
    lang: Lang = "vi",
) -> None:
    """Units of the directory, by province."""
    from sqlmodel import col, select

    from storage.models import Unit

    with open_database() as database, database.session() as session:
        statement = select(Unit).order_by(col(Unit.jurisdiction_id), col(Unit.name))
        if province:
            statement = statement.where(Unit.jurisdiction_id == _province_id(session, province))
        if review:
            statement = statement.where(col(Unit.needs_review))
        units = session.exec(statement).all()
        if not units:
            say(lang, "cli.units.empty")
        for unit in units:
            extra = ""
            if unit.successor_id:
                successor = session.get(Unit, unit.successor_id)
                extra = " " + t(lang, "cli.units.successor", name=successor.name if successor else "?")
            elif unit.needs_review:
                extra = f" [{t(lang, 'cli.units.review')}]"
            typer.echo(f"{unit.id:>5}  {unit.kind:<10} {_place(session, unit):<22} {unit.name}{extra}")


@app.command()
def show(
    words: Annotated[str, typer.Argument(help="The unit, as you would write it")],
    province: Province = None,
    lang: Lang = "vi",
) -> None:
    """One unit: kind, jurisdiction, aliases (stored, and as the plans write it), successor."""
    from sqlmodel import select

    from parsing.vntext import fold
    from storage.models import Assignment, Unit, UnitAlias

    with open_database() as database, database.session() as session:
        unit = _find(session, words, province, lang)
        typer.echo(f"#{unit.id} {unit.name} ({unit.kind}, {_place(session, unit)})")
        for alias in session.exec(select(UnitAlias).where(UnitAlias.unit_id == unit.id)):
            typer.echo(f"  = {alias.alias}")
        written = sorted(  # how the plans write it: what officers and documents call it
            {
                text
                for text in session.exec(select(Assignment.unit_text).where(Assignment.unit_id == unit.id))
                if fold(text) != fold(unit.name)
            }
        )
        if written:
            typer.echo("  " + t(lang, "cli.units.written", names="; ".join(written[:10])))
        if unit.successor_id:
            successor = session.get(Unit, unit.successor_id)
            typer.echo("  " + t(lang, "cli.units.successor", name=successor.name if successor else "?"))
        if unit.needs_review:
            typer.echo(f"  ! {t(lang, 'cli.units.review')} {unit.note or ''}".rstrip())


@app.command()
def add(
    name: Annotated[str, typer.Argument()],
    province: Province = None,
    kind: Annotated[str | None, typer.Option(help="/".join(k.value for k in UnitKind))] = None,
    lang: Lang = "vi",
) -> None:
    """Add a unit (its kind is guessed from the name unless given)."""

    from services.unit_changes import ensure_unit
    from services.units import resolve_unit

    if kind is not None and kind not in {k.value for k in UnitKind}:
        raise typer.BadParameter(kind, param_hint="--kind")
    with open_database() as database, database.session() as session:
        jid = _province_id(session, province)
        existing = resolve_unit(session, name=name, jurisdiction_id=jid)
        unit = existing or ensure_unit(session, name=name, jurisdiction_id=jid, kind=kind)
        key = "cli.units.exists" if existing else "cli.units.added"
        say(lang, key, name=unit.name, kind=unit.kind, place=_place(session, unit), id=unit.id)


@app.command()
def rename(
    words: Annotated[str, typer.Argument()],
    new_name: Annotated[str, typer.Argument()],
    province: Province = None,
    lang: Lang = "vi",
) -> None:
    """Give a unit a new name (the old one keeps matching)."""

    from services.unit_changes import rename_unit

    with open_database() as database:
        try:
            with database.session() as session:
                unit = _find(session, words, province, lang)
                old = unit.name
                rename_unit(session, unit=unit, name=new_name)
                say(lang, "cli.units.renamed", id=unit.id, old=old, new=unit.name)
        except ValueError as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(1) from exc


@app.command()
def alias(
    words: Annotated[str, typer.Argument()],
    other_name: Annotated[str, typer.Argument()],
    province: Province = None,
    lang: Lang = "vi",
) -> None:
    """Teach the directory another way of writing a unit."""

    from services.unit_changes import add_alias

    with open_database() as database, database.session() as session:
        unit = _find(session, words, province, lang)
        added = add_alias(session, unit=unit, alias=other_name)
        say(lang, "cli.units.aliased" if added else "cli.units.alias_known", name=unit.name, alias=other_name)


@app.command()
def merge(
    old: Annotated[str, typer.Argument(help="The unit that no longer exists")],
    into: Annotated[str, typer.Option("--into", help="The unit that carries its duties now")],
    province: Province = None,
    lang: Lang = "vi",
) -> None:
    """Merge a unit into its successor (duties and reminders follow)."""

    from services.unit_changes import merge_into
    from services.units import resolve_unit

    with open_database() as database:
        try:
            with database.session() as session:
                old_unit = _find(session, old, province, lang)
                assert old_unit.jurisdiction_id is not None
                new_unit = resolve_unit(
                    session, name=into, jurisdiction_id=old_unit.jurisdiction_id
                ) or _find(session, into, province, lang)
                merge_into(session, old=old_unit, new=new_unit)
                say(lang, "cli.units.merged", old=old_unit.name, new=new_unit.name)
        except ValueError as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(1) from exc


@app.command("import-csv")
def import_csv(
    file: Annotated[Path, typer.Argument(help="CSV: name, province, kind, aliases (; separated), successor")],
    province: Province = None,
    lang: Lang = "vi",
) -> None:
    """Load units from a CSV file (all or nothing)."""

    from config.settings import get_settings
    from services.unit_csv import import_units_csv

    if not file.is_file():
        say(lang, "cli.import.missing", err=True, name=file)
        raise typer.Exit(1)
    with open_database() as database:
        with database.session() as session:
            result = import_units_csv(
                session, path=file, default_province=province or get_settings().default_province
            )
            errors = result.errors or []
            if errors:
                session.rollback()
        for error in errors:
            say(
                lang,
                f"cli.units.csv_{error.key}",
                err=True,
                file=file.name,
                line=error.line,
                value=error.value,
            )
        say(
            lang,
            "cli.units.csv",
            created=0 if errors else result.created,
            updated=0 if errors else result.updated,
            errors=len(errors),
        )
        if errors:
            raise typer.Exit(1)


@app.command()
def mergers(lang: Lang = "vi") -> None:
    """Apply the shipped 2025 department mergers (data/units/mergers_2025.csv) to the whole directory."""

    from services.unit_changes import apply_all_mergers

    with open_database() as database:
        with database.session() as session:
            count = apply_all_mergers(session)
        say(lang, "cli.units.mergers", count=count)
