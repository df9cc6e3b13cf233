"""Who is responsible for a topic ("ai phụ trách viện trợ phi chính phủ?"): the units whose duties
mention it, lead before support, by full-text search (SQLite FTS5, PostgreSQL tsvector), the words
of the question as a phrase first, then each word."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    String,
    and_,
    bindparam,
    case,
    column,
    func,
    literal_column,
    table,
)
from sqlalchemy import select as columns
from sqlmodel import Session, col

from parsing.vntext import fold
from services.unit_classes import label
from storage.enums import PlanStatus, Role
from storage.models import Assignment, Plan, Unit
from storage.rows import plain_rows

_STOPWORDS = frozenset(
    " ".join(
        (
            "ai don vi nao co quan nao phu trach chu tri chiu trach nhiem lam nhiem vu gi ve viec cong tac",
            "cua la the nao who is responsible for in charge of",
        )
    ).split()
)


@dataclass(frozen=True, slots=True)
class Responsible:
    unit_id: int | None  # None for a class of units
    group_key: str | None
    name: str  # the unit's name, or the class as the plans write it
    jurisdiction_id: int | None
    lead: int
    support: int


def topic_words(topic: str) -> list[str]:
    return [w for w in fold(topic).split() if w not in _STOPWORDS]


_REGCONFIG: ColumnElement[Any] = literal_column(
    "'simple'::regconfig"
)  # as in the migration's index expression


_FTS = table("assignment_fts", column("rowid", Integer))  # SQLite's FTS5 index (see the migration)


# PostgreSQL's stored tsvector of duty_key under the GIN index (revision 0003; not a model field)
_DUTY_TSV: ColumnElement[Any] = literal_column("assignment.duty_tsv")


@functools.cache
def _matched(dialect: str, *, phrase: bool) -> Select[*tuple[Any, ...]]:
    """Per unit / class / unplaced name: lead and all duties of active plans whose folded text has
    the words (bound as "words", see `_match_words`) next to each other (`phrase`) or anywhere, as
    whole words, found through the full-text index the migration builds (FTS5 on SQLite, a GIN
    tsvector index on PostgreSQL). Built once per dialect and mode: every "ai phụ trách" runs it."""
    statement = columns(
        col(Assignment.unit_id),
        col(Assignment.group_key),
        # the plan's own wording, only for rows placed neither on a unit nor on a class
        case(
            (
                and_(col(Assignment.unit_id).is_(None), col(Assignment.group_key).is_(None)),
                col(Assignment.unit_text),
            )
        ).label("unit_text"),
        case((col(Assignment.unit_id).is_(None), col(Plan.jurisdiction_id))).label("jurisdiction_id"),
        func.sum(case((col(Assignment.role) == Role.lead, 1), else_=0)).label("lead"),
        func.count().label("total"),
        func.min(col(Assignment.id)).label("first"),
    )
    if dialect == "postgresql":
        vector = _DUTY_TSV
        tsquery = func.phraseto_tsquery if phrase else func.plainto_tsquery
        statement = statement.select_from(Assignment).where(
            vector.op("@@")(tsquery(_REGCONFIG, bindparam("words", type_=String)))
        )
    else:
        # From the index's matches to their rows (never the other way round: SQLite may otherwise
        # walk every plan's rows and run the match once per plan).
        statement = statement.select_from(_FTS.join(Assignment, col(Assignment.id) == _FTS.c.rowid)).where(
            literal_column("assignment_fts").op("MATCH")(bindparam("words", type_=String))
        )
    return (
        statement.join(Plan, col(Plan.id) == col(Assignment.plan_id))
        .where(col(Plan.status) == PlanStatus.active)
        .group_by(literal_column("1"), literal_column("2"), literal_column("3"), literal_column("4"))
    )


def _match_words(dialect: str, words: list[str], *, phrase: bool) -> dict[str, str]:
    """The bound value of `_matched`: plain words for PostgreSQL's *to_tsquery, an FTS5 query of
    quoted words for SQLite (folded words are [a-z0-9]; quoted, they are never FTS5 syntax)."""
    if dialect == "postgresql":
        return {"words": " ".join(words)}
    quoted = [w.replace('"', "") for w in words]
    return {"words": f'"{" ".join(quoted)}"' if phrase else " ".join(f'"{w}"' for w in quoted)}


def _current_units(session: Session, unit_ids: set[int]) -> dict[int, Any]:
    """unit id -> (id, name, jurisdiction_id) of the unit carrying its duties today (itself, or its
    successor's successor ..., as services.units.follow_successor), read as plain rows in a few
    rounds rather than one ORM object per unit."""
    known: dict[int, Any] = {}
    wanted = set(unit_ids)
    while wanted:
        statement = columns(
            col(Unit.id), col(Unit.name), col(Unit.jurisdiction_id), col(Unit.successor_id)
        ).where(col(Unit.id).in_(sorted(wanted)))
        found = plain_rows(session, statement)
        known.update({u.id: u for u in found})
        wanted = {u.successor_id for u in found if u.successor_id is not None} - known.keys()
    current: dict[int, Any] = {}
    for unit_id in unit_ids:
        unit, seen = known[unit_id], {unit_id}
        while unit.successor_id is not None and unit.successor_id not in seen and unit.successor_id in known:
            seen.add(unit.successor_id)
            unit = known[unit.successor_id]
        current[unit_id] = unit
    return current


def who_is_responsible(session: Session, *, topic: str, limit: int = 10) -> list[Responsible]:
    """Units (and classes) whose duties in active plans mention the topic, most lead duties first.
    Matches the topic's folded words as a phrase; when nothing has it, duties containing every word.
    The database counts (many thousand duties may match); Python only merges and names the groups."""
    words = topic_words(topic)
    if not words:
        return []
    dialect = session.get_bind().dialect.name
    rows = plain_rows(session, _matched(dialect, phrase=True), _match_words(dialect, words, phrase=True))
    if not rows and len(words) > 1:
        rows = plain_rows(
            session, _matched(dialect, phrase=False), _match_words(dialect, words, phrase=False)
        )
    rows = sorted(rows, key=lambda r: r.first)  # first mention first, as ties are ranked
    current = _current_units(session, {r.unit_id for r in rows if r.unit_id is not None})
    groups: dict[tuple[Any, ...], dict[str, Any]] = {}
    for r in rows:
        if r.unit_id is not None:
            unit = current[r.unit_id]
            key: tuple[Any, ...] = ("unit", unit.id)
            name, jid = unit.name, unit.jurisdiction_id
        else:
            key = ("group", r.group_key or fold(r.unit_text), r.jurisdiction_id)
            name = r.unit_text if r.group_key is None else label(r.group_key)
            jid = r.jurisdiction_id
        entry = groups.setdefault(
            key, {"name": name, "jid": jid, "lead": 0, "total": 0, "group": r.group_key}
        )
        entry["lead"] += r.lead
        entry["total"] += r.total
    ranked = sorted(groups.items(), key=lambda kv: (-kv[1]["lead"], -kv[1]["total"], kv[1]["name"]))
    return [
        Responsible(
            unit_id=key[1] if key[0] == "unit" else None,
            group_key=entry["group"] if key[0] == "group" else None,
            name=entry["name"],
            jurisdiction_id=entry["jid"],
            lead=entry["lead"],
            support=entry["total"] - entry["lead"],
        )
        for key, entry in ranked[:limit]
    ]
