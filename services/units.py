"""The unit directory: find, create, rename, alias and merge units; search them as officers type them.

Matching is by key (`services.unit_names.name_key`) within a jurisdiction: "Sở Ngoại vụ tỉnh Đồng Nai",
"SNgV" and "so ngoai vu" are one unit of Đồng Nai, and a different unit from Sở Ngoại vụ of Hậu Giang.
The directory fills itself from imported plans (`ensure_unit`) and admins edit it from the command line.

The 2025 department mergers (NĐ 45/2025, `data/units/mergers_2025.csv`) are applied per province when a
plan names an old department: the old unit gets its successor; a department split with no one-to-one
successor is marked `needs_review` and its duties are flagged for an admin, never dropped.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from sqlmodel import Session, col, select

from parsing.vntext import collapse_ws, fold, nfc
from services import jurisdictions
from services.unit_classes import members_of_class
from services.unit_names import NameParts, UnitKind, initials, kind_of, split_name
from storage.enums import Level
from storage.models import Deadline, DeadlineParty, Jurisdiction, Plan, Unit, UnitAlias

log = logging.getLogger(__name__)


# --- where a name puts a unit ---------------------------------------------------------------------


def unit_places(session: Session, jurisdiction: Jurisdiction | None) -> tuple[str, ...]:
    """Folded names of a jurisdiction and its ancestors: what `split_name` strips from unit names."""
    if jurisdiction is None:
        return ()
    return tuple(j.key for j in [jurisdiction, *jurisdictions.ancestors(session, jurisdiction)])


def locate(
    session: Session, *, name: str, parts: NameParts, base: Jurisdiction | None, create: bool
) -> Jurisdiction | None:
    """The jurisdiction a name places its unit in, relative to the plan's (or query's) jurisdiction."""
    if base is None:
        return None
    province = jurisdictions.province_of(session, base)
    target: Jurisdiction | None = base
    if parts.province and parts.province != province.key:
        target = (
            jurisdictions.ensure_province(session, jurisdictions.original_spelling(name, parts.province))
            if create
            else jurisdictions.find(session, name=parts.province, level=Level.province, parent_id=None)
        )
        if target is None:
            return None
    elif parts.says_province and base.level != Level.province:
        target = province
    if parts.sub_level and parts.sub_place and target is not None:
        # Districts sit under the province; communes under a district when the base is one, else the province.
        parent = (
            target
            if parts.sub_level == Level.commune and target.level == Level.district
            else jurisdictions.province_of(session, target)
        )
        if create:
            return jurisdictions.ensure(
                session,
                name=jurisdictions.original_spelling(name, parts.sub_place),
                level=parts.sub_level,
                parent_id=parent.id,
            )
        found = jurisdictions.find(session, name=parts.sub_place, level=parts.sub_level, parent_id=parent.id)
        if found is None and parts.sub_level == Level.commune:  # a commune may still sit under a district
            for child in jurisdictions.children(session, province.id or 0):
                found = found or jurisdictions.find(
                    session, name=parts.sub_place, level=Level.commune, parent_id=child.id
                )
        return found
    return target


def display_name(name: str, parts: NameParts) -> str:
    """The name as written, without a trailing "tỉnh <province>" (the jurisdiction is shown separately);
    a bare "tỉnh" stays: "Văn phòng UBND tỉnh" is how documents name that office."""
    words = collapse_ws(nfc(name)).split()
    if parts.province:
        tails = {f"tinh {parts.province}", f"cap tinh {parts.province}"}
        for count in range(min(6, len(words) - 1), 1, -1):
            if fold(" ".join(words[-count:])) in tails:
                return " ".join(words[:-count])
        # "Sở Y tế Đồng Nai": a department written with its bare province is the department (a
        # newspaper or a broadcaster keeps it: "Báo Đồng Nai" is that paper's name)
        n = len(parts.province.split())
        if (
            kind_of(parts.key) in _PLACE_NOT_IN_NAME
            and len(words) > n + 1
            and fold(" ".join(words[-n:])) == parts.province
        ):
            return " ".join(words[:-n])
    return " ".join(words)


_PLACE_NOT_IN_NAME = frozenset({UnitKind.so, UnitKind.ban})


def by_key(session: Session, *, key: str, jurisdiction_id: int) -> Unit | None:
    unit = session.exec(select(Unit).where(Unit.jurisdiction_id == jurisdiction_id, Unit.key == key)).first()
    if unit is not None:
        return unit
    return session.exec(
        select(Unit)
        .join(UnitAlias, col(UnitAlias.unit_id) == col(Unit.id))
        .where(Unit.jurisdiction_id == jurisdiction_id, UnitAlias.key == key)
    ).first()


def by_initials(session: Session, *, key: str, jurisdiction_id: int) -> Unit | None:
    """An abbreviation no table knows ("Sở GD&ĐT" when only "Sở Giáo dục và Đào tạo" is known): match the
    words written in full, then the abbreviation against the initials of the rest. Unique match only."""
    words = key.split()
    abbreviated = [w for w in words if len(w) >= 2 and not any(v in w for v in "aeiouy")]
    if len(abbreviated) != 1 or words[-1] != abbreviated[0]:
        return None
    head = " ".join(words[:-1])
    candidates = session.exec(
        select(Unit).where(Unit.jurisdiction_id == jurisdiction_id, col(Unit.key).startswith(head + " "))
    ).all()
    hits = [u for u in candidates if initials(u.key[len(head) :]) == abbreviated[0]]
    return hits[0] if len(hits) == 1 else None


def get_unit(session: Session, *, unit_id: int) -> Unit | None:
    return session.get(Unit, unit_id)


def resolve_unit(session: Session, *, name: str, jurisdiction_id: int | None) -> Unit | None:
    """The unit a name denotes within (or below) a jurisdiction, or None. Never creates anything.

    The name may carry its own place: "UBND huyện Kỳ Sơn" resolves in district Kỳ Sơn of the
    jurisdiction's province, "Sở Tài chính tỉnh Hậu Giang" in Hậu Giang whatever the base."""
    base = session.get(Jurisdiction, jurisdiction_id) if jurisdiction_id is not None else None
    parts = split_name(name, places=unit_places(session, base))
    if not parts.key:
        return None
    if base is None and parts.province:
        base = jurisdictions.find(session, name=parts.province, level=Level.province, parent_id=None)
    target = locate(session, name=name, parts=parts, base=base, create=False)
    if target is None or target.id is None:
        return None
    return by_key(session, key=parts.key, jurisdiction_id=target.id) or by_initials(
        session, key=parts.key, jurisdiction_id=target.id
    )


# --- successors -----------------------------------------------------------------------------------


def follow_successor(session: Session, *, unit: Unit) -> Unit:
    """The unit that carries this unit's duties today: its successor's successor ... (itself if none)."""
    seen = {unit.id}
    current = unit
    while current.successor_id is not None and current.successor_id not in seen:
        nxt = session.get(Unit, current.successor_id)
        if nxt is None:
            break
        seen.add(nxt.id)
        current = nxt
    return current


def predecessor_ids(session: Session, *, unit_id: int) -> list[int]:
    """Units merged (directly or through others) into this one, whose old duties it now carries."""
    found: list[int] = []
    frontier = [unit_id]
    while frontier:
        rows = [
            int(i)
            for i in session.exec(select(Unit.id).where(col(Unit.successor_id).in_(frontier)))
            if i is not None and i not in found and i != unit_id
        ]
        found += rows
        frontier = rows
    return found


# --- search ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UnitMatch:
    unit: Unit
    jurisdiction: Jurisdiction | None
    score: float  # 0..100; 100 = exact key or alias


def _spot_jurisdiction(session: Session, key: str) -> tuple[int | None, str]:
    """A place named in the query ("... đồng nai", "... tỉnh Hậu Giang"): its id and the query without it."""
    best: tuple[int, str] | None = None
    for jid, jkey, _level in jurisdictions.all_keys(session):
        if key == jkey or not (key.endswith(" " + jkey) or f" {jkey} " in f" {key} "):
            continue
        if best is None or len(jkey) > len(best[1]):
            best = (jid, jkey)
    if best is None:
        return None, key
    rest = f" {key} ".replace(f" {best[1]} ", " ").strip()
    rest = rest.removesuffix(" tinh").removesuffix(" cap tinh").strip()
    return best[0], rest


def search_units(
    session: Session, *, query: str, jurisdiction_id: int | None = None, limit: int = 5
) -> list[UnitMatch]:
    """Units best matching what an officer typed ("so tai chinh dong nai", "Sở TC", "ubnd ky son"), best
    first. A place in the query narrows the search to it; exact key or alias matches score 100."""
    parts = split_name(query)
    key = " ".join(filter(None, [parts.key, parts.sub_place, parts.province]))
    spotted, key = _spot_jurisdiction(session, key)
    scope = jurisdiction_id or spotted
    in_scope: list[int] | None = None
    if scope is not None:
        in_scope = [scope] + [j.id for j in _below(session, scope) if j.id is not None]
    statement = select(Unit.id, Unit.key, Unit.jurisdiction_id)
    alias_statement = select(UnitAlias.unit_id, UnitAlias.key, Unit.jurisdiction_id).join(
        Unit, col(Unit.id) == col(UnitAlias.unit_id)
    )
    if in_scope is not None:
        statement = statement.where(col(Unit.jurisdiction_id).in_(in_scope))
        alias_statement = alias_statement.where(col(Unit.jurisdiction_id).in_(in_scope))
    choices: dict[int, str] = {}
    owners: dict[int, int] = {}
    rows = list(session.exec(statement)) + list(session.exec(alias_statement))
    for index, (unit_id, unit_key, _jid) in enumerate(rows):
        choices[index] = unit_key
        owners[index] = int(unit_id or 0)
    scored: dict[int, float] = {}
    for index, unit_key in choices.items():
        if unit_key == key:
            scored[owners[index]] = 100.0
    for _choice, score, index in process.extract(
        key, choices, scorer=fuzz.WRatio, limit=max(limit * 4, 20), score_cutoff=60
    ):
        unit_id = owners[index]
        scored[unit_id] = max(scored.get(unit_id, 0.0), float(score) * (0.99 if score >= 100 else 1.0))
    ranked = sorted(scored.items(), key=lambda item: -item[1])[:limit]
    out: list[UnitMatch] = []
    for unit_id, score in ranked:
        unit = session.get(Unit, unit_id)
        if unit is None:
            continue
        jurisdiction = session.get(Jurisdiction, unit.jurisdiction_id) if unit.jurisdiction_id else None
        out.append(UnitMatch(unit=unit, jurisdiction=jurisdiction, score=score))
    return out


def lookup_unit(
    session: Session,
    *,
    words: str,
    jurisdiction_id: int | None = None,
    prefer_jurisdiction_id: int | None = None,
    follow: bool = True,
) -> tuple[Unit | None, list[UnitMatch]]:
    """The one unit an officer means by `words` (followed to its successor unless `follow` is False),
    or None with the closest
    suggestions. Exact matches in several provinces are decided by `prefer_jurisdiction_id` (the default
    province) or left to the officer."""
    matches = search_units(session, query=words, jurisdiction_id=jurisdiction_id, limit=5)
    if not matches:
        return None, []
    exact = [m for m in matches if m.score >= 100]
    if len(exact) > 1 and prefer_jurisdiction_id is not None:
        preferred = [m for m in exact if m.unit.jurisdiction_id == prefer_jurisdiction_id]
        exact = preferred or exact
    chosen: UnitMatch | None = None
    if len(exact) == 1:
        chosen = exact[0]
    elif (
        not exact
        and matches[0].score >= 90
        and (len(matches) == 1 or matches[0].score - matches[1].score >= 5)
    ):
        chosen = matches[0]
    if chosen is None:
        return None, matches
    return (follow_successor(session, unit=chosen.unit) if follow else chosen.unit), matches


def _below(session: Session, jurisdiction_id: int) -> list[Jurisdiction]:
    found: list[Jurisdiction] = []
    frontier = [jurisdiction_id]
    while frontier:
        rows = list(session.exec(select(Jurisdiction).where(col(Jurisdiction.parent_id).in_(frontier))))
        found += rows
        frontier = [j.id for j in rows if j.id is not None]
    return found


# --- who owes a deadline --------------------------------------------------------------------------


def units_owing(session: Session, *, deadline: Deadline) -> list[Unit]:
    """The concrete units that owe a deadline: named units (followed to their successors; a unit split
    with no successor is returned itself, `needs_review` set, so reminders can flag it) and every member
    of each named class in the plan's jurisdiction, except the deadline's recipient: "các sở, ban,
    ngành báo cáo về Sở Ngoại vụ" does not make Sở Ngoại vụ report to itself. The recipient is
    compared after mergers (the unit now carrying the named recipient's work is the one left out);
    a unit named explicitly still owes it, recipient or not.

    The same rule, seen from a unit instead of a deadline, is `services.duties._owes` (duty and
    deadline lists); the two must agree.
    """
    plan = session.get(Plan, deadline.plan_id)
    jurisdiction_id = plan.jurisdiction_id if plan is not None else None
    recipient = session.get(Unit, deadline.recipient_unit_id) if deadline.recipient_unit_id else None
    receiving = {recipient.id, follow_successor(session, unit=recipient).id} if recipient else set()
    found: dict[int, Unit] = {}
    for party in session.exec(select(DeadlineParty).where(DeadlineParty.deadline_id == deadline.id)):
        units: Iterable[Unit] = ()
        if party.unit_id is not None:
            named = session.get(Unit, party.unit_id)
            units = [follow_successor(session, unit=named)] if named is not None else []
        elif party.group_key is not None and jurisdiction_id is not None:
            members = members_of_class(session, group_key=party.group_key, jurisdiction_id=jurisdiction_id)
            units = [unit for unit in members if unit.id not in receiving]
        for unit in units:
            if unit.id is not None:
                found[unit.id] = unit
    return sorted(found.values(), key=lambda u: u.name)


# --- bulk edits -----------------------------------------------------------------------------------
