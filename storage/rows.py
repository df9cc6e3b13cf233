"""Plain rows of a multi-column select, read through the session's Core connection.

The hot readers (the reminder tick, duty answers, digests) read thousands of rows of a few columns;
the ORM's per-row machinery would cost more than the queries. The session is flushed first so the
rows see what the same unit of work has added.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.sql import Executable
from sqlmodel import Session


def plain_rows(
    session: Session, statement: Executable, params: Mapping[str, Any] | None = None
) -> Sequence[Any]:  # Row objects: unpacked by position, read by name
    session.flush()
    return session.connection().execute(statement, dict(params or {})).all()
