"""When reminders fall due: the per-jurisdiction policy and the pure schedule of one occurrence.

Defaults come from Settings (7, 3 and 1 days before and the morning of the due day, then every 2
working days while overdue, at 08:00 Asia/Ho_Chi_Minh, never in quiet hours 21:00-07:00, escalation
to the unit's leader after 3 working days overdue). A jurisdiction overrides any of them with
`Jurisdiction.settings["reminders"] = {"offsets_days": [5, 1, 0], "time": "07:30", ...}`.

A reminder day that is not a working day moves earlier (a Saturday due date is announced on
Friday); when two offsets land on the same day only the nearer one is kept, so a unit never gets
two reminders of one deadline on one morning. Each slot has an `offset_key` that is the ledger's
third key column: "d-7", "d-3", "d-1", "d0", "late+2", "late+4" ..., "escalate", "snooze:<date>".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlmodel import Session, col, select

from config.settings import Settings
from services.workdays import WorkCalendar, calendars_for_all
from storage.models import Jurisdiction

ESCALATE_KEY = "escalate"
SNOOZE_PREFIX = "snooze:"
NUDGE_PREFIX = "nudge:"  # a collecting unit's "nhắc" (services.collector), sent when the collector asks


def _time(value: str) -> dt.time:
    hours, minutes = value.strip().split(":")
    return dt.time(int(hours), int(minutes))


@dataclass(frozen=True, slots=True)
class ReminderPolicy:
    offsets_days: tuple[int, ...] = (7, 3, 1, 0)
    overdue_every_working_days: int = 2
    reminder_time: dt.time = dt.time(8, 0)
    quiet_start: dt.time = dt.time(21, 0)
    quiet_end: dt.time = dt.time(7, 0)
    escalate_after_working_days: int = 3
    # A missed reminder older than this (in working days) is not sent late to someone already told.
    catch_up_working_days: int = 3

    @classmethod
    def from_settings(cls, settings: Settings, overrides: Mapping[str, Any] | None = None) -> ReminderPolicy:
        o = dict(overrides or {})
        quiet = str(o.get("quiet_hours", settings.quiet_hours))
        start, end = quiet.split("-")
        return cls(
            offsets_days=tuple(
                sorted({int(x) for x in o.get("offsets_days", settings.reminder_offsets_days)}, reverse=True)
            ),
            overdue_every_working_days=int(
                o.get("overdue_every_working_days", settings.reminder_overdue_every_working_days)
            ),
            reminder_time=_time(str(o.get("time", settings.reminder_time))),
            quiet_start=_time(start),
            quiet_end=_time(end),
            escalate_after_working_days=int(
                o.get("escalate_after_working_days", settings.escalate_after_working_days)
            ),
            catch_up_working_days=int(o.get("catch_up_working_days", 3)),
        )

    def in_quiet_hours(self, local_time: dt.time) -> bool:
        if self.quiet_start <= self.quiet_end:
            return self.quiet_start <= local_time < self.quiet_end
        return local_time >= self.quiet_start or local_time < self.quiet_end

    def window_open(self, local_now: dt.datetime, calendar: WorkCalendar) -> bool:
        """Reminders go out on working days, from the reminder time until quiet hours begin."""
        t = local_now.time()
        return (
            calendar.is_working_day(local_now.date())
            and t >= self.reminder_time
            and not self.in_quiet_hours(t)
        )

    @property
    def max_lead_days(self) -> int:
        return max(self.offsets_days, default=0)


class Slot(NamedTuple):
    day: dt.date
    key: str


class Schedule:
    """The reminder slots of occurrences under one policy and one calendar (memoised by due date)."""

    def __init__(self, policy: ReminderPolicy, calendar: WorkCalendar) -> None:
        self.policy = policy
        self.calendar = calendar
        self._before: dict[dt.date, list[Slot]] = {}
        self._latest: dict[tuple[dt.date, dt.date], Slot | None] = {}

    def before_due(self, due: dt.date) -> list[Slot]:
        """Slots up to the due day, earliest first, one per day (the nearer offset wins)."""
        slots = self._before.get(due)
        if slots is None:
            by_day: dict[dt.date, int] = {}
            for k in self.policy.offsets_days:
                day = self.calendar.previous_working_day(due - dt.timedelta(days=k))
                by_day[day] = min(k, by_day.get(day, k))
            slots = [Slot(day, f"d-{k}" if k else "d0") for day, k in sorted(by_day.items())]
            self._before[due] = slots
        return slots

    def latest(self, due: dt.date, today: dt.date) -> Slot | None:
        """The most recent regular slot on or before `today` (None before the first one).

        Only this one is ever sent: a reminder missed while the bot was down is superseded by a
        newer one rather than sent alongside it.
        """
        memo_key = (due, today)
        if memo_key in self._latest:
            return self._latest[memo_key]
        slot: Slot | None = None
        every = self.policy.overdue_every_working_days
        if today > due and every > 0:
            late = self.calendar.working_days_between(due, today)
            if late >= every:
                k = (late // every) * every
                slot = Slot(self.calendar.add_working_days(due, k), f"late+{k}")
        if slot is None:
            for candidate in self.before_due(due):
                if candidate.day <= today:
                    slot = candidate
        self._latest[memo_key] = slot
        return slot

    def escalation(self, due: dt.date, today: dt.date) -> Slot | None:
        n = self.policy.escalate_after_working_days
        if n <= 0 or today <= due:
            return None
        day = self.calendar.add_working_days(due, n)
        return Slot(day, ESCALATE_KEY) if day <= today else None

    def planned_at(self, day: dt.date, tz: dt.tzinfo) -> dt.datetime:
        return dt.datetime.combine(day, self.policy.reminder_time, tzinfo=tz).astimezone(dt.UTC)


@dataclass(slots=True)
class ReminderContext:
    """Policies, calendars and schedules per jurisdiction (None = units with no jurisdiction)."""

    policies: dict[int | None, ReminderPolicy]
    calendars: dict[int | None, WorkCalendar]
    schedules: dict[int | None, Schedule]

    def schedule(self, jurisdiction_id: int | None) -> Schedule:
        key = jurisdiction_id if jurisdiction_id in self.schedules else None
        return self.schedules[key]


def load_policies(session: Session, *, settings: Settings) -> dict[int | None, ReminderPolicy]:
    policies: dict[int | None, ReminderPolicy] = {None: ReminderPolicy.from_settings(settings)}
    for jid, jsettings in session.exec(select(col(Jurisdiction.id), col(Jurisdiction.settings))).all():
        overrides = (jsettings or {}).get("reminders")
        policies[jid] = ReminderPolicy.from_settings(settings, overrides) if overrides else policies[None]
    return policies


def any_window_may_open(policies: dict[int | None, ReminderPolicy], local: dt.datetime) -> bool:
    """The cheap part of the window test (time of day only), before any calendar is built."""
    t = local.time()
    return any(t >= p.reminder_time and not p.in_quiet_hours(t) for p in policies.values())


def load_context(
    session: Session, *, settings: Settings, policies: dict[int | None, ReminderPolicy] | None = None
) -> ReminderContext:
    calendars = calendars_for_all(session)
    policies = policies or load_policies(session, settings=settings)
    schedules = {jid: Schedule(policies[jid], calendars.get(jid, calendars[None])) for jid in policies}
    return ReminderContext(policies, calendars, schedules)
