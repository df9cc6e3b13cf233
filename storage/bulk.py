"""Bulk INSERT of many rows whose values repeat (the reminder ledger, the outbox).

SQLAlchemy converts every value of every row through its column type (UTCDateTime, the SQLite
datetime string, JSON serialisation), which for the scheduler's morning batches costs more than the
INSERT itself, although most values are shared: one `now`, a handful of planned times, one payload
per distinct message. Here each distinct value object is converted once with the column type's own
processor for the connection's dialect (so what is stored is exactly what the ORM would store), and
the rows go through an untyped copy of the table, which converts nothing more.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table, column, insert, table
from sqlalchemy.sql.expression import ColumnClause


def insert_rows(
    connection: Connection,
    target: Table,
    rows: Sequence[Mapping[str, Any]],
    *,
    returning: Sequence[str] = (),
) -> list[tuple[Any, ...]]:
    """INSERT `rows` (all with the same keys) into `target`; returns the `returning` columns of the
    written rows (in no particular order). Values are memoised by identity: rows that share one
    object (a datetime, a payload dict) have it converted once."""
    if not rows:
        return []
    keys = list(rows[0])
    dialect = connection.dialect
    processors: dict[str, Callable[[Any], Any] | None] = {
        key: target.c[key].type.dialect_impl(dialect).bind_processor(dialect) for key in keys
    }
    memos: dict[str, dict[int, Any]] = {key: {} for key in keys}
    converted = []
    for row in rows:
        out = {}
        for key in keys:
            value = row[key]
            process = processors[key]
            if process is None or value is None:
                out[key] = value
                continue
            memo = memos[key]
            try:
                out[key] = memo[id(value)]
            except KeyError:
                out[key] = memo[id(value)] = process(value)
        converted.append(out)
    plain = table(target.name, *(column(key) for key in keys), schema=target.schema)
    if not returning:
        connection.execute(insert(plain), converted)
        return []
    columns: list[ColumnClause[Any]] = [column(name) for name in returning]
    written: Sequence[Any] = connection.execute(insert(plain).returning(*columns), converted).all()
    return [tuple(row) for row in written]
