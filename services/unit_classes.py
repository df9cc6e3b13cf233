"""Classes of units: "các sở, ban, ngành", "UBND các huyện, thành phố", "các tổ chức chính trị - xã hội" ...

A plan that assigns a duty to a class assigns it to every member unit of the plan's jurisdiction, so an
assignment or deadline party stores a `group_key` (one of `CLASSES`) and membership is computed from each
unit's kind and jurisdiction, never stored: a unit added to the directory later is reached too.

Each class selects units of some kinds in the jurisdiction itself (`own_kinds`) and units of some kinds in
jurisdictions below it (`sub_kinds` at `sub_levels`): "UBND các huyện" is the UBND of every district of
the province. `classes_of_unit` is the exact inverse of `members_of_class`, used to find a unit's class
duties quickly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlmodel import Session, col, select

from services.unit_names import UnitKind, expand
from storage.enums import Level
from storage.models import Jurisdiction, Unit

K = UnitKind
_DEPARTMENTS = frozenset({K.so, K.ban, K.nganh, K.van_phong, K.cong_an, K.quan_su})
_MASS_ORGS = frozenset({K.mttq, K.doan_the})
_LOCAL = frozenset({K.ubnd})
_ALL = frozenset(K)


@dataclass(frozen=True, slots=True)
class UnitClass:
    key: str
    label_vi: str
    label_en: str
    own_kinds: frozenset[str] = frozenset()
    sub_levels: frozenset[str] = frozenset()
    sub_kinds: frozenset[str] = frozenset()


CLASSES: dict[str, UnitClass] = {
    c.key: c
    for c in (
        UnitClass("departments", "các sở, ban, ngành", "departments and agencies", _DEPARTMENTS),
        UnitClass(
            "departments_and_mass_orgs",
            "các sở, ban, ngành, đoàn thể",
            "departments, agencies and mass organisations",
            _DEPARTMENTS | _MASS_ORGS | {K.hoi},
        ),
        UnitClass(
            "district_committees",
            "UBND các huyện, thị xã, thành phố",
            "district people's committees",
            sub_levels=frozenset({Level.district}),
            sub_kinds=_LOCAL,
        ),
        UnitClass(
            "commune_committees",
            "UBND các xã, phường, thị trấn",
            "commune people's committees",
            sub_levels=frozenset({Level.commune}),
            sub_kinds=_LOCAL,
        ),
        UnitClass(
            "socio_political_orgs",
            "các tổ chức chính trị - xã hội",
            "socio-political organisations",
            _MASS_ORGS,
        ),
        UnitClass("press", "các cơ quan báo chí", "press and broadcasters", frozenset({K.bao_chi, K.dai})),
        UnitClass(
            "party_committees",
            "các cấp ủy, tổ chức đảng",
            "party committees and bodies",
            frozenset({K.dang}),
            frozenset({Level.district, Level.commune}),
            frozenset({K.dang}),
        ),
        UnitClass(
            "all_levels",
            "cấp ủy, chính quyền các cấp",
            "party committees and authorities at every level",
            frozenset({K.dang, K.ubnd}),
            frozenset({Level.district, Level.commune}),
            frozenset({K.dang, K.ubnd}),
        ),
        UnitClass(
            "all_bodies",
            "các cơ quan, đơn vị, địa phương",
            "all agencies, units and localities",
            _ALL - {K.ubnd, K.hdnd},
            frozenset({Level.district, Level.commune}),
            _LOCAL,
        ),
        UnitClass(
            "staff",
            "cán bộ, công chức",
            "officials and civil servants",
            frozenset({K.ubnd}),
        ),
    )
}

# Rules on the folded, abbreviation-expanded phrase; first match wins. Catch-alls name nobody.
_CATCH_ALL = re.compile(r"\blien quan\b|\bco lien quan\b|\bca nhan\b|\bto chuc khac\b")
_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), key)
    for p, key in (
        (r"\bcac cap\b", "all_levels"),
        (
            r"\bdang doan\b|\bban can su dang\b.*\b(?:dang uy|huyen|thi uy|thanh uy)"
            r"|\bcac (?:cap uy|dang uy|huyen uy"
            r"|to chuc dang|chi bo)\b|\bcap uy\b",
            "party_committees",
        ),
        (
            r"\buy ban nhan dan (?:cac|tat ca) (?:huyen|thi xa|thanh pho|quan)\b"
            r"|\bcac huyen thi xa thanh pho\b"
            r"|\bcac huyen thanh pho\b",
            "district_committees",
        ),
        (
            r"\buy ban nhan dan (?:cac|tat ca) (?:xa|phuong|thi tran|dac khu)\b|\bcac xa phuong\b",
            "commune_committees",
        ),
        (
            r"\bso\b.*\b(?:dia phuong|don vi|co quan)\b|\b(?:cac co quan"
            r"|cac don vi)\b.*\b(?:tren dia ban|dia phuong"
            r"|don vi)\b",
            "all_bodies",
        ),
        (
            r"\b(?:cac |to chuc |hoi )?doan the\b.*\b(?:chinh tri|chinh tri xa hoi)\b"
            r"|\bto chuc chinh tri xa hoi\b"
            r"|^(?:cac )?(?:to chuc )?doan the(?: chinh tri)?$",
            "socio_political_orgs",
        ),
        (r"\bso\b.*\bdoan the\b|\bban nganh doan the\b", "departments_and_mass_orgs"),
        (r"\bcac so\b|\bso ban nganh\b|\bcac ban nganh\b|\bcac nganh\b|\bso nganh\b", "departments"),
        (r"\bbao chi\b|\bcac co quan thong tan\b|\bcac bao\b", "press"),
        (r"\bcac co quan\b|\bcac don vi\b|\bcac dia phuong\b", "all_bodies"),
        (r"\bcan bo\b|\bcong chuc\b|\bvien chuc\b", "staff"),
    )
)


def classify_group(text: str) -> str | None:
    """The class a group phrase names, or None for a catch-all ("các cơ quan liên quan") or a unit name."""
    phrase = " ".join(w for w in expand(text).split() if w != "va")
    if not phrase or _CATCH_ALL.search(phrase):
        return None
    for pattern, key in _RULES:
        if pattern.search(phrase):
            return key
    return None


def label(group_key: str, lang: str = "vi") -> str:
    spec = CLASSES.get(group_key)
    if spec is None:
        return group_key
    return spec.label_en if lang == "en" else spec.label_vi


def _descendants(session: Session, jurisdiction_id: int) -> list[Jurisdiction]:
    found: list[Jurisdiction] = []
    frontier = [jurisdiction_id]
    while frontier:
        rows = list(session.exec(select(Jurisdiction).where(col(Jurisdiction.parent_id).in_(frontier))))
        found.extend(rows)
        frontier = [j.id for j in rows if j.id is not None]
    return found


def members_of_class(session: Session, *, group_key: str, jurisdiction_id: int) -> list[Unit]:
    """Every active unit the class reaches in that jurisdiction (merged-away units are reached through
    their successors, which are members themselves)."""
    spec = CLASSES.get(group_key)
    if spec is None:
        return []
    members: list[Unit] = []
    if spec.own_kinds:
        members += session.exec(
            select(Unit).where(
                Unit.jurisdiction_id == jurisdiction_id, col(Unit.kind).in_(spec.own_kinds), col(Unit.active)
            )
        )
    if spec.sub_levels:
        below = [j.id for j in _descendants(session, jurisdiction_id) if j.level in spec.sub_levels]
        if below:
            members += session.exec(
                select(Unit).where(
                    col(Unit.jurisdiction_id).in_(below), col(Unit.kind).in_(spec.sub_kinds), col(Unit.active)
                )
            )
    return sorted(members, key=lambda u: (u.jurisdiction_id or 0, u.name))


def classes_of_unit(session: Session, *, unit: Unit) -> list[tuple[str, int]]:
    """(group_key, jurisdiction_id) of every class that reaches this unit: the inverse of members_of_class."""
    if unit.jurisdiction_id is None:
        return []
    own = session.get(Jurisdiction, unit.jurisdiction_id)
    if own is None:
        return []
    above: list[int] = []
    current = own
    while current.parent_id is not None:
        above.append(current.parent_id)
        parent = session.get(Jurisdiction, current.parent_id)
        if parent is None:
            break
        current = parent
    return classes_for(
        kind=unit.kind, jurisdiction_id=unit.jurisdiction_id, level=own.level, ancestor_ids=above
    )


def classes_for(
    *, kind: str, jurisdiction_id: int, level: str, ancestor_ids: list[int]
) -> list[tuple[str, int]]:
    """`classes_of_unit` from plain values (the duty queries fetch them in one round trip)."""
    found: list[tuple[str, int]] = []
    for spec in CLASSES.values():
        if kind in spec.own_kinds:
            found.append((spec.key, jurisdiction_id))
        if level in spec.sub_levels and kind in spec.sub_kinds:
            found += [(spec.key, ancestor) for ancestor in ancestor_ids]
    return found
