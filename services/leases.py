"""Leases: which process runs a singleton job (the reminder tick) right now.

APScheduler's job stores cannot be shared between processes, so when several bot processes run,
each schedules the tick and only the holder of the lease does the work. A holder that stops renewing
(crashed, stopped) loses the lease once it expires and another process takes over. Correctness does
not depend on it (the ledger's unique key forbids duplicates); it only saves wasted work.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from storage.models import Lease


def acquire(session: Session, *, name: str, holder: str, now: dt.datetime, ttl: dt.timedelta) -> bool:
    """Take or renew the lease `name` for `holder` until now + ttl; False if another holds it."""
    row = session.get(Lease, name, with_for_update=True)
    if row is None:
        try:
            with session.begin_nested():
                session.add(Lease(name=name, holder=holder, expires_at=now + ttl))
        except IntegrityError:
            return False
        return True
    if row.holder != holder and row.expires_at > now:
        return False
    row.holder, row.expires_at = holder, now + ttl
    session.add(row)
    session.flush()
    return True


def release(session: Session, *, name: str, holder: str) -> None:
    row = session.get(Lease, name)
    if row is not None and row.holder == holder:
        session.delete(row)
        session.flush()
