"""Bulk INSERT of many rows whose values repeat (the reminder ledger, the outbox).

SQLAlchemy converts every value of every row through its column type (UTCDateTime, the SQLite
datetime string, JSON serialisation), which for the scheduler's morning batches costs more than the
INSERT itself, although most values are shared: one `now`, a handful of planned times, one payload
per distinct message. Here each distinct value object is converted once with the column type's own
processor for the connection's dialect (so what is stored is exactly what the ORM would store), and
the rows go through an untyped copy of the table, which converts nothing more (and, when nothing is
read back, straight to the driver's executemany).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table, column, insert, table
from sqlalchemy.sql.expression import ColumnClause

_MISSING = object()


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
    columns: list[list[Any]] = []
    for key in keys:
        values = [row[key] for row in rows]
        process = processors[key]
        if process is not None:
            memo: dict[int, Any] = {}
            for i, value in enumerate(values):
                if value is not None:
                    converted = memo.get(id(value), _MISSING)
                    if converted is _MISSING:
                        converted = memo[id(value)] = process(value)
                    values[i] = converted
        columns.append(values)
    plain = table(target.name, *(column(key) for key in keys), schema=target.schema)
    if not returning:
        # Straight to the driver's executemany: SQLAlchemy would otherwise still build each row's
        # parameters one by one, for nothing (no types left to apply, no rows to read back).
        compiled = insert(plain).compile(dialect=dialect)
        if compiled.positional:
            index = {key: i for i, key in enumerate(keys)}
            order = [index[name] for name in compiled.positiontup or ()]
            rows_out: list[Any] = [tuple(values[i] for i in order) for values in zip(*columns, strict=True)]
        else:
            rows_out = [dict(zip(keys, values, strict=True)) for values in zip(*columns, strict=True)]
        connection.exec_driver_sql(str(compiled), rows_out)
        return []
    params = [dict(zip(keys, values, strict=True)) for values in zip(*columns, strict=True)]
    returned: list[ColumnClause[Any]] = [column(name) for name in returning]
    written: Sequence[Any] = connection.execute(insert(plain).returning(*returned), params).all()
    return [tuple(row) for row in written]
