"""A named lease in the database: at most one process holds it at a time.

Used so that exactly one of several bot processes runs the scheduler tick. A holder renews the lease
on each tick; if it dies, the lease expires after `ttl` and another process takes it over. Plain
UPDATE/INSERT, so it works the same on SQLite and PostgreSQL (the row update is atomic on both).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import or_, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from storage.coordination import Lease


def acquire(session: Session, *, name: str, holder: str, now: dt.datetime, ttl: dt.timedelta) -> bool:
    """Take or renew the lease; True when `holder` owns it until now + ttl."""
    expires = now + ttl
    taken = session.execute(
        update(Lease)
        .where(Lease.name == name)  # type: ignore[arg-type]
        .where(or_(Lease.holder == holder, Lease.expires_at <= now))  # type: ignore[arg-type]
        .values(holder=holder, expires_at=expires)
    )
    if taken.rowcount:  # type: ignore[attr-defined]
        return True
    if session.get(Lease, name) is not None:
        return False
    try:
        with session.begin_nested():
            session.add(Lease(name=name, holder=holder, expires_at=expires))
    except IntegrityError:  # another process inserted it first
        return False
    return True


def release(session: Session, *, name: str, holder: str) -> None:
    lease = session.get(Lease, name)
    if lease is not None and lease.holder == holder:
        session.delete(lease)
