"""One send rate per channel, shared by every delivery process through the database.

A platform limits the bot as a whole (Telegram: about 30 messages/s), however many processes send
for it. So instead of each process pacing itself at cap / N, every send takes the channel's next
free slot from the `send_slot` row: ONE atomic statement moves the row's `next_at` on by `interval`
and says how long this sender must wait. Concurrent reservations are serialised by the row lock
(PostgreSQL) or the single writer (SQLite), so every sender gets its own slot, `interval` after the
previous one, and N processes together send at the channel's rate. When the platform answers 429
with a retry_after, `hold` pushes the row past it, so every process backs off, not only the one
that was told.

Time is wall-clock epoch seconds. On PostgreSQL it is the database server's clock
(`clock_timestamp()`, read when the row is updated), so processes on machines whose clocks differ
still agree; SQLite is one file on one machine, whose clock every process reads. A caller may say
what time it is instead (`now`: the tests' movable time, on either database). The caller commits
right after (one short transaction), so the row lock is held for one statement.
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

_PG_NOW = "extract(epoch from clock_timestamp())::double precision"


def _dialect(session: Session, now: float | None) -> tuple[str, str, dict[str, Any]]:
    """(the two-argument maximum, "now" in SQL, its parameters) for this database."""
    greatest = "GREATEST" if session.get_bind().dialect.name == "postgresql" else "max"
    if now is None and greatest == "GREATEST":
        return greatest, _PG_NOW, {}
    return greatest, "CAST(:now AS DOUBLE PRECISION)", {"now": time.time() if now is None else now}


def _ensure_row(session: Session, channel: str) -> None:
    """Create the channel's row on first use; a concurrent creator wins quietly."""
    session.execute(
        text(
            "INSERT INTO send_slot (channel, next_at) VALUES (:channel, 0) ON CONFLICT (channel) DO NOTHING"
        ),
        {"channel": channel},
    )


def reserve(session: Session, *, channel: str, interval: float, now: float | None = None) -> float:
    """Take the channel's next send slot: the seconds to wait before sending (0 when it is idle).

    The slot is max(next free time, now); the next free time becomes slot + `interval`."""
    greatest, sql_now, params = _dialect(session, now)
    statement = text(
        f"UPDATE send_slot SET next_at = {greatest}(next_at, {sql_now}) + :interval "
        f"WHERE channel = :channel RETURNING next_at - :interval - {sql_now}"
    )
    params |= {"channel": channel, "interval": interval}
    wait = session.execute(statement, params).scalar_one_or_none()
    if wait is None:
        _ensure_row(session, channel)
        wait = session.execute(statement, params).scalar_one()
    return max(0.0, float(wait))


def hold(session: Session, *, channel: str, seconds: float, now: float | None = None) -> None:
    """The platform said "retry after `seconds`": no slot of the channel starts before then."""
    greatest, sql_now, params = _dialect(session, now)
    statement = text(
        f"UPDATE send_slot SET next_at = {greatest}(next_at, {sql_now} + :seconds) WHERE channel = :channel"
    )
    params |= {"channel": channel, "seconds": max(0.0, seconds)}
    if not session.execute(statement, params).rowcount:  # type: ignore[attr-defined]
        _ensure_row(session, channel)
        session.execute(statement, params)
