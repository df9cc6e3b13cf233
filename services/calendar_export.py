"""A unit's deadlines as an iCalendar (.ics) file that phone calendars import (/lich, `dutybot export ics`).

Periodic deadlines are one event with an RRULE rather than a list of dates, so the phone keeps
showing them after the export's horizon. Days past the end of a short month follow the same clamping
as services.recurrence ("the 31st" is the month's last day) via BYMONTHDAY=28..31 + BYSETPOS=-1.
Events are all-day, with a stable UID per (deadline, unit) so a re-import updates rather than
duplicates, and an alarm at 08:00 the day before.
"""

from __future__ import annotations

import datetime as dt

from icalendar import Alarm, Calendar, Event, vRecur
from sqlmodel import Session, col, func, select

from messages.i18n import t
from messages.reminders import plan_label, what
from messages.render import to_plain
from services.occurrences import OccurrenceError
from storage.enums import DueSource, Recurrence
from storage.models import Deadline, Occurrence, Plan, Unit

PRODID = "-//dutybot//hạn báo cáo//VI"
INTERVAL = {Recurrence.monthly: 1, Recurrence.quarterly: 3, Recurrence.semiannual: 6}


def rrule_for(recurrence: str, first: dt.date, day: int | None = None) -> dict[str, object] | None:
    """The RRULE of a periodic deadline whose first occurrence is `first` (None for a one-off).

    `day` is the rule's day of month when it may exceed a short month (29-31); it defaults to
    `first.day`.
    """
    if recurrence == Recurrence.once:
        return None
    rule: dict[str, object]
    if recurrence == Recurrence.yearly:
        rule = {"FREQ": "YEARLY", "BYMONTH": first.month}
    else:
        rule = {"FREQ": "MONTHLY", "INTERVAL": INTERVAL[Recurrence(recurrence)]}
    day = day or first.day
    if day > 28:  # the month's last day when it is shorter, like services.recurrence
        rule["BYMONTHDAY"] = list(range(28, day + 1))
        rule["BYSETPOS"] = -1
    else:
        rule["BYMONTHDAY"] = day
    return rule


def unit_calendar(session: Session, *, unit_id: int, today: dt.date, lang: str = "vi") -> bytes:
    """The .ics bytes of every deadline the unit owes (those dated from `today` - 1 year on)."""
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise OccurrenceError("deadlines.not_found")
    since = today - dt.timedelta(days=366)
    firsts = session.exec(
        select(col(Occurrence.deadline_id), func.min(Occurrence.due_on))
        .where(Occurrence.unit_id == unit_id, Occurrence.due_on >= since)
        .group_by(col(Occurrence.deadline_id))
    ).all()
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", t(lang, "ics.calname", unit=unit.name))
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    stamp = dt.datetime.combine(today, dt.time(0), tzinfo=dt.UTC)
    for deadline_id, first in sorted(firsts, key=lambda r: (r[1], r[0])):
        deadline = session.get_one(Deadline, deadline_id)
        plan = session.get_one(Plan, deadline.plan_id)
        title = to_plain(what(lang, action=deadline.action, recipient=deadline.recipient))
        event = Event()
        event.add("uid", f"dutybot-deadline-{deadline_id}-unit-{unit_id}")
        event.add("dtstamp", stamp)
        event.add(
            "summary", t(lang, "ics.summary", what=f"{title} ({to_plain(plan_label(lang, plan.number))})")
        )
        description = deadline.source
        if deadline.due_source == DueSource.default:  # as /hanbaocao says it
            description += f"\n({t(lang, 'deadlines.default_day')})"
        event.add("description", description)
        event.add("dtstart", first)
        event.add("dtend", first + dt.timedelta(days=1))
        rule = rrule_for(deadline.recurrence, first, deadline.due_day)
        if rule is not None:
            event.add("rrule", vRecur(rule))
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", title)
        alarm.add("trigger", dt.timedelta(hours=-16))  # 08:00 the day before
        event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()
