"""The Vietnamese working-day calendar: weekends, public holidays and the year's announced swaps.

Public holidays come from the `holidays` package's Vietnam calendar (Tết and Giỗ Tổ Hùng Vương are
computed from the lunar calendar, so no year is typed in by hand; 1/1, 30/4, 1/5, 2/9 and the day
beside it; the package also knows the government's published swaps). On top of that, admins add
`WorkdayOverride` rows for swaps announced each year ("làm bù" Saturdays, extra days off), either for
every jurisdiction (`jurisdiction_id` NULL) or for one province and its communes. The most specific
override wins: the jurisdiction's own, then its ancestors', then the nationwide one.

Reminders are never sent on a day off (they move earlier), and lateness is counted in working days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from functools import lru_cache

import holidays
from sqlmodel import Session, col, select

from storage.models import Jurisdiction, WorkdayOverride

# A bound on how far we walk looking for a working day: Tết plus weekends is at most ~10 days off.
_MAX_WALK = 60


@lru_cache(maxsize=64)
def _vn_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("VN", years=year)


def public_holiday_name(day: dt.date) -> str | None:
    """The holiday's name from the package (English), or None on an ordinary day."""
    name: str | None = _vn_holidays(day.year).get(day)
    return name


@lru_cache(maxsize=4096)
def _base_working(day: dt.date) -> bool:
    """Working day by the national calendar alone (weekends, holidays, the package's known swaps)."""
    return bool(_vn_holidays(day.year).is_working_day(day))


class WorkCalendar:
    """Working days for one jurisdiction: the national calendar plus overrides (day -> working?)."""

    def __init__(self, overrides: Mapping[dt.date, bool] | None = None) -> None:
        self._overrides = dict(overrides or {})
        self._cache: dict[dt.date, bool] = {}
        self._between: dict[tuple[dt.date, dt.date], int] = {}

    def is_working_day(self, day: dt.date) -> bool:
        cached = self._cache.get(day)
        if cached is None:
            cached = self._overrides[day] if day in self._overrides else _base_working(day)
            self._cache[day] = cached
        return cached

    def previous_working_day(self, day: dt.date) -> dt.date:
        """`day` itself when it is a working day, else the last working day before it."""
        for _ in range(_MAX_WALK):
            if self.is_working_day(day):
                return day
            day -= dt.timedelta(days=1)
        raise ValueError(f"no working day within {_MAX_WALK} days before {day}")

    def next_working_day(self, day: dt.date) -> dt.date:
        """`day` itself when it is a working day, else the first working day after it."""
        for _ in range(_MAX_WALK):
            if self.is_working_day(day):
                return day
            day += dt.timedelta(days=1)
        raise ValueError(f"no working day within {_MAX_WALK} days after {day}")

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day after `day` (n > 0) or before it (n < 0); n == 0 gives `day`."""
        step = dt.timedelta(days=1 if n >= 0 else -1)
        remaining = abs(n)
        while remaining:
            day += step
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end]: how many working days late a report due `start` is on `end`.

        Negative when `end` is before `start`.
        """
        if end < start:
            return -self.working_days_between(end, start)
        cached = self._between.get((start, end))
        if cached is None:
            cached = 0
            day = start
            while day < end:
                day += dt.timedelta(days=1)
                if self.is_working_day(day):
                    cached += 1
            self._between[(start, end)] = cached
        return cached


NATIONAL = WorkCalendar()


def _ancestry(session: Session, jurisdiction_id: int | None) -> list[int]:
    """The jurisdiction and its parents, most specific first."""
    chain: list[int] = []
    current = jurisdiction_id
    while current is not None and current not in chain:
        chain.append(current)
        row = session.get(Jurisdiction, current)
        current = row.parent_id if row is not None else None
    return chain


def _merge(rows: Iterable[WorkdayOverride], chain: list[int]) -> dict[dt.date, bool]:
    """Per day, the override of the most specific jurisdiction in `chain`, then the nationwide one.

    Rows of jurisdictions outside `chain` do not apply.
    """
    rank = {jid: i for i, jid in enumerate(chain)}
    best: dict[dt.date, tuple[int, bool]] = {}
    for row in rows:
        if row.jurisdiction_id is None:
            r = len(chain)
        elif row.jurisdiction_id in rank:
            r = rank[row.jurisdiction_id]
        else:
            continue
        if row.day not in best or r < best[row.day][0]:
            best[row.day] = (r, row.working)
    return {day: working for day, (_, working) in best.items()}


def calendar_for(session: Session, *, jurisdiction_id: int | None = None) -> WorkCalendar:
    """The working-day calendar that applies to units of `jurisdiction_id` (None: nationwide only)."""
    chain = _ancestry(session, jurisdiction_id)
    stmt = select(WorkdayOverride).where(
        col(WorkdayOverride.jurisdiction_id).is_(None) | col(WorkdayOverride.jurisdiction_id).in_(chain)
    )
    return WorkCalendar(_merge(session.exec(stmt).all(), chain))


def calendars_for_all(session: Session) -> dict[int | None, WorkCalendar]:
    """One calendar per jurisdiction (and None), built from a single read of the overrides."""
    rows = list(session.exec(select(WorkdayOverride)).all())
    parents = {j.id: j.parent_id for j in session.exec(select(Jurisdiction)).all()}
    out: dict[int | None, WorkCalendar] = {None: WorkCalendar(_merge(rows, []))}
    for jid in parents:
        chain: list[int] = []
        current: int | None = jid
        while current is not None and current not in chain:
            chain.append(current)
            current = parents.get(current)
        relevant = [r for r in rows if r.jurisdiction_id is None or r.jurisdiction_id in chain]
        out[jid] = WorkCalendar(_merge(relevant, chain)) if relevant else out[None]
    return out


# --- session-first conveniences ------------------------------------------------------------------


def is_working_day(session: Session, *, day: dt.date, jurisdiction_id: int | None = None) -> bool:
    return calendar_for(session, jurisdiction_id=jurisdiction_id).is_working_day(day)


def add_working_days(
    session: Session, *, day: dt.date, n: int, jurisdiction_id: int | None = None
) -> dt.date:
    return calendar_for(session, jurisdiction_id=jurisdiction_id).add_working_days(day, n)


def previous_working_day(session: Session, *, day: dt.date, jurisdiction_id: int | None = None) -> dt.date:
    return calendar_for(session, jurisdiction_id=jurisdiction_id).previous_working_day(day)


def working_days_between(
    session: Session, *, start: dt.date, end: dt.date, jurisdiction_id: int | None = None
) -> int:
    return calendar_for(session, jurisdiction_id=jurisdiction_id).working_days_between(start, end)


def add_override(
    session: Session,
    *,
    day: dt.date,
    working: bool,
    jurisdiction_id: int | None = None,
    note: str | None = None,
) -> WorkdayOverride:
    """Record an announced swap (or replace the one already recorded for that day and scope)."""
    row = session.exec(
        select(WorkdayOverride).where(
            WorkdayOverride.day == day,
            col(WorkdayOverride.jurisdiction_id).is_(None)
            if jurisdiction_id is None
            else WorkdayOverride.jurisdiction_id == jurisdiction_id,
        )
    ).first()
    if row is None:
        row = WorkdayOverride(day=day, working=working, jurisdiction_id=jurisdiction_id, note=note)
    else:
        row.working, row.note = working, note
    session.add(row)
    session.flush()
    return row


def list_overrides(session: Session, *, year: int | None = None) -> list[WorkdayOverride]:
    stmt = select(WorkdayOverride).order_by(col(WorkdayOverride.day))
    if year is not None:
        stmt = stmt.where(
            WorkdayOverride.day >= dt.date(year, 1, 1), WorkdayOverride.day <= dt.date(year, 12, 31)
        )
    return list(session.exec(stmt).all())
