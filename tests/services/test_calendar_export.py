"""The .ics export: phone calendars expanding its RRULEs get exactly the occurrences' due dates."""

from __future__ import annotations

import datetime as dt

from dateutil.rrule import rrulestr
from icalendar import Calendar
from sqlmodel import select

from services import occurrences as occ_svc
from services.calendar_export import unit_calendar
from storage.db import Database
from storage.models import Occurrence
from tests.services import world

D = dt.date


def test_rrules_expand_to_the_same_dates_as_the_occurrences(db: Database) -> None:
    today = D(2026, 1, 20)
    with db.session() as s:
        prov = world.province(s)
        unit = world.unit(s, "Sở Ngoại vụ", prov)
        plan = world.plan(s, "1/KH", prov, D(2026, 1, 1))
        rules = [
            dict(recurrence="monthly", day=31),
            dict(recurrence="quarterly", month=3, day=10),
            dict(recurrence="semiannual"),
            dict(recurrence="yearly", month=11, day=15),
            dict(recurrence="once", due_date=D(2026, 4, 30)),
        ]
        for rule in rules:
            world.deadline(s, plan, [unit], **rule)  # type: ignore[arg-type]
        occ_svc.materialize(s, today=today)
        content = unit_calendar(s, unit_id=unit.id or 0, today=today)
        stored = s.exec(select(Occurrence).where(Occurrence.unit_id == unit.id)).all()
    cal = Calendar.from_ical(content)
    events = cal.walk("VEVENT")
    assert len(events) == len(rules)
    horizon = D(2027, 2, 1)
    expanded: set[tuple[str, dt.date]] = set()
    for event in events:
        start = event.decoded("dtstart")
        uid = str(event.get("uid"))
        assert uid.startswith("dutybot-deadline-")
        rrule = event.get("rrule")
        if rrule is None:
            expanded.add((uid, start))
            continue
        rule = rrulestr(rrule.to_ical().decode(), dtstart=dt.datetime.combine(start, dt.time(0)))
        expanded |= {
            (uid, d.date()) for d in rule.between(dt.datetime(2025, 1, 1), dt.datetime(2027, 2, 1), inc=True)
        }
    want = {
        (f"dutybot-deadline-{o.deadline_id}-unit-{o.unit_id}", o.due_on) for o in stored if o.due_on < horizon
    }
    assert expanded == want
    assert (next(iter(u for u, d in want if d == D(2026, 2, 28))), D(2026, 2, 28)) in expanded  # 31 -> Feb 28
    assert b"BEGIN:VALARM" in content
