"""Changes to the unit directory: a unit created when a plan names it (`ensure_unit`), aliases,
renames, and the 2025 department mergers (NĐ 45/2025, `data/units/mergers_2025.csv`), applied per
province when a plan names an old department: the old unit gets its successor; a department split
with no one-to-one successor is marked `needs_review` and its duties are flagged for an admin, never
dropped."""

from __future__ import annotations

import csv
import logging
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sqlmodel import Session, col, select

from parsing.vntext import collapse_ws, nfc
from services.unit_names import kind_of, name_key, split_name
from services.units import by_initials, by_key, display_name, follow_successor, locate, unit_places
from storage.enums import Level
from storage.models import Jurisdiction, Unit, UnitAlias

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "units"


MERGERS_FILE = DATA_DIR / "mergers_2025.csv"

log = logging.getLogger(__name__)


def ensure_unit(session: Session, *, name: str, jurisdiction_id: int, kind: str | None = None) -> Unit:
    """The unit a name denotes, created (with its kind, its jurisdiction and the 2025 merger facts) if new.
    A name written differently from the stored key is remembered as an alias."""
    base = session.get(Jurisdiction, jurisdiction_id)
    parts = split_name(name, places=unit_places(session, base))
    if not parts.key:
        raise ValueError(f"not a unit name: {name!r}")
    target = locate(session, name=name, parts=parts, base=base, create=True)
    assert target is not None and target.id is not None
    unit = by_key(session, key=parts.key, jurisdiction_id=target.id) or by_initials(
        session, key=parts.key, jurisdiction_id=target.id
    )
    if unit is not None:
        if unit.key != parts.key:
            add_alias(session, unit=unit, alias=name)
        return unit
    unit = Unit(
        name=display_name(name, parts),
        kind=kind or kind_of(parts.key),
        jurisdiction_id=target.id,
        key=parts.key,
    )
    session.add(unit)
    session.flush()
    log.info("new unit %s (%s) in jurisdiction %s", unit.name, unit.kind, target.id)
    apply_mergers(session, unit=unit)
    return unit


def add_alias(session: Session, *, unit: Unit, alias: str) -> UnitAlias | None:
    """Remember another way of writing a unit; None when it already matches the unit's key or an alias."""
    base = session.get(Jurisdiction, unit.jurisdiction_id) if unit.jurisdiction_id else None
    key = name_key(alias, places=unit_places(session, base))
    if not key or key == unit.key:
        return None
    existing = session.exec(
        select(UnitAlias).where(UnitAlias.unit_id == unit.id, UnitAlias.key == key)
    ).first()
    if existing is not None:
        return None
    assert unit.id is not None
    row = UnitAlias(unit_id=unit.id, alias=collapse_ws(nfc(alias)), key=key)
    session.add(row)
    session.flush()
    return row


def rename_unit(session: Session, *, unit: Unit, name: str) -> Unit:
    """Give a unit a new canonical name; the old name stays as an alias so old plans still match."""
    base = session.get(Jurisdiction, unit.jurisdiction_id) if unit.jurisdiction_id else None
    parts = split_name(name, places=unit_places(session, base))
    if not parts.key:
        raise ValueError(f"not a unit name: {name!r}")
    clash = session.exec(
        select(Unit).where(
            Unit.jurisdiction_id == unit.jurisdiction_id, Unit.key == parts.key, Unit.id != unit.id
        )
    ).first()
    if clash is not None:
        raise ValueError(f"{clash.name!r} already has that name; merge the units instead")
    old_name, old_key = unit.name, unit.key
    unit.name, unit.key = display_name(name, parts), parts.key
    for alias in session.exec(
        select(UnitAlias).where(UnitAlias.unit_id == unit.id, UnitAlias.key == parts.key)
    ):
        session.delete(alias)
    session.add(unit)
    session.flush()
    if old_key != unit.key:
        assert unit.id is not None
        session.add(UnitAlias(unit_id=unit.id, alias=old_name, key=old_key))
        session.flush()
    return unit


def merge_into(session: Session, *, old: Unit, new: Unit, note: str | None = None) -> Unit:
    """`old` no longer exists; `new` carries its duties (and its members, who should re-join)."""
    if old.id == new.id:
        raise ValueError("a unit cannot be merged into itself")
    if follow_successor(session, unit=new).id == old.id:
        raise ValueError(f"{new.name!r} is already merged into {old.name!r}")
    old.successor_id = new.id
    old.active = False
    old.needs_review = False
    old.note = note or old.note
    session.add(old)
    session.flush()
    return old


def mark_split(session: Session, *, unit: Unit, note: str | None = None) -> Unit:
    """Dissolved with no one-to-one successor: its duties stay, flagged for an admin to reassign."""
    unit.active = False
    unit.needs_review = True
    unit.successor_id = None
    unit.note = note or unit.note
    session.add(unit)
    session.flush()
    return unit


@dataclass(frozen=True, slots=True)
class Merger:
    old_key: str
    old_name: str
    new_name: str | None  # None: split, no one-to-one successor
    note: str


@cache
def load_mergers(path: Path = MERGERS_FILE) -> tuple[Merger, ...]:
    """The shipped merger facts (old department -> new department) as data, not code."""
    with path.open(encoding="utf-8") as handle:
        return tuple(
            Merger(
                old_key=name_key(row["old"]),
                old_name=row["old"].strip(),
                new_name=(row["new"] or "").strip() or None,
                note=f"{row['basis']}: {row['note']}".strip(": "),
            )
            for row in csv.DictReader(handle)
        )


def apply_mergers(session: Session, *, unit: Unit) -> Unit:
    """Apply the shipped mergers to one province-level department (no-op for other units)."""
    if unit.successor_id is not None or unit.needs_review or unit.jurisdiction_id is None:
        return unit
    jurisdiction = session.get(Jurisdiction, unit.jurisdiction_id)
    if jurisdiction is None or jurisdiction.level != Level.province:
        return unit
    for merger in load_mergers():
        if merger.old_key != unit.key:
            continue
        if merger.new_name is None:
            return mark_split(session, unit=unit, note=merger.note)
        successor = ensure_unit(session, name=merger.new_name, jurisdiction_id=unit.jurisdiction_id)
        return merge_into(session, old=unit, new=successor, note=merger.note)
    return unit


def apply_all_mergers(session: Session) -> int:
    """Apply the shipped mergers to every province-level department already in the directory."""
    keys = {m.old_key for m in load_mergers()}
    changed = 0
    for unit in session.exec(
        select(Unit).where(col(Unit.key).in_(keys), col(Unit.successor_id).is_(None))
    ).all():
        before = (unit.successor_id, unit.needs_review)
        apply_mergers(session, unit=unit)
        changed += (unit.successor_id, unit.needs_review) != before
    return changed
