"""Time as a dependency: production reads the system clock, tests move a `ManualClock`.

Everything time-dependent (deadline status, reminders, invites, rate limits) takes a Clock, so a
simulated year of reminders runs in seconds.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol
from zoneinfo import ZoneInfo

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
# Vietnam has kept UTC+7 all year since 1975: for dates of today's records a fixed offset gives what the
# zone database gives, about ten times faster (a collector's board converts a thousand times per page).
_VN_OFFSET = dt.timezone(dt.timedelta(hours=7), "ICT")


class Clock(Protocol):
    def now(self) -> dt.datetime:
        """An aware datetime (UTC or any zone)."""
        ...


class SystemClock:
    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)


class ManualClock:
    """A clock that only moves when told to."""

    def __init__(self, start: dt.datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("ManualClock needs an aware datetime")
        self._now = start

    def now(self) -> dt.datetime:
        return self._now

    def set(self, when: dt.datetime) -> None:
        self._now = when

    def advance(self, delta: dt.timedelta) -> None:
        self._now += delta


def local_now(clock: Clock, tz: ZoneInfo = VN_TZ) -> dt.datetime:
    return clock.now().astimezone(tz)


def local_today(clock: Clock, tz: ZoneInfo = VN_TZ) -> dt.date:
    return local_now(clock, tz).date()


def local_time(when: dt.datetime, tz: ZoneInfo = VN_TZ) -> str:
    """A moment as officers read it, in local time: "14:30 05/03/2026" (chat and command line alike)."""
    return when.astimezone(tz).strftime("%H:%M %d/%m/%Y")


def local_date(moment: dt.datetime) -> dt.date:
    """The day in Vietnam of a recorded moment (an aware datetime of these years)."""
    return moment.astimezone(_VN_OFFSET).date()
