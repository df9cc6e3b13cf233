"""The Vietnamese working-day calendar: weekends, lunar holidays, swaps and overrides."""

from __future__ import annotations

import datetime as dt

from services import workdays
from services.workdays import WorkCalendar
from storage.db import Database
from storage.models import Jurisdiction

D = dt.date


def test_tet_and_hung_kings_are_computed_from_the_lunar_calendar() -> None:
    cal = WorkCalendar()
    # Tết Bính Ngọ: lunar new year is 17 Feb 2026; the days off run Mon 16 - Fri 20 Feb.
    assert [cal.is_working_day(D(2026, 2, d)) for d in range(13, 24)] == [
        True,  # Fri 13
        False,  # Sat
        False,  # Sun
        False,
        False,
        False,
        False,
        False,  # Mon 16 - Fri 20
        False,  # Sat
        False,  # Sun
        True,  # Mon 23
    ]
    # Tết 2027 (lunar new year 6 Feb 2027) and 2030 (3 Feb 2030) without anyone typing them in.
    assert not cal.is_working_day(D(2027, 2, 8))
    assert not cal.is_working_day(D(2030, 2, 4))
    # Giỗ Tổ 10/3 lunar: 26 Apr 2026 is a Sunday, observed Monday 27 Apr.
    assert not cal.is_working_day(D(2026, 4, 27))
    assert not cal.is_working_day(D(2027, 4, 16))


def test_fixed_holidays_weekends_and_the_published_swap() -> None:
    cal = WorkCalendar()
    for day in (D(2026, 1, 1), D(2026, 4, 30), D(2026, 5, 1), D(2026, 9, 1), D(2026, 9, 2)):
        assert not cal.is_working_day(day), day
    assert not cal.is_working_day(D(2026, 3, 7))  # a Saturday
    assert cal.is_working_day(D(2026, 3, 6))
    # 2026: Monday 31 Aug is off, swapped with Saturday 22 Aug (worked).
    assert not cal.is_working_day(D(2026, 8, 31))
    assert cal.is_working_day(D(2026, 8, 22))


def test_moving_and_counting_working_days() -> None:
    cal = WorkCalendar()
    assert cal.previous_working_day(D(2026, 3, 7)) == D(2026, 3, 6)  # Saturday -> Friday
    assert cal.previous_working_day(D(2026, 2, 20)) == D(2026, 2, 13)  # over Tết
    assert cal.next_working_day(D(2026, 2, 14)) == D(2026, 2, 23)
    assert cal.add_working_days(D(2026, 3, 6), 1) == D(2026, 3, 9)
    assert cal.add_working_days(D(2026, 2, 12), 2) == D(2026, 2, 23)
    assert cal.add_working_days(D(2026, 3, 9), -1) == D(2026, 3, 6)
    assert cal.working_days_between(D(2026, 3, 6), D(2026, 3, 11)) == 3
    assert cal.working_days_between(D(2026, 3, 11), D(2026, 3, 6)) == -3
    assert cal.working_days_between(D(2026, 4, 29), D(2026, 5, 4)) == 1  # 30/4, 1/5 and the weekend


def test_overrides_most_specific_wins(db: Database) -> None:
    with db.session() as s:
        province = Jurisdiction(name="Đồng Nai", key="dong nai")
        s.add(province)
        s.flush()
        commune = Jurisdiction(name="Xã A", key="xa a", level="commune", parent_id=province.id)
        other = Jurisdiction(name="Nghệ An", key="nghe an")
        s.add_all([commune, other])
        s.flush()
        assert province.id and commune.id and other.id
        # nationwide: Saturday 9 May 2026 worked ("làm bù"), Friday 8 May off
        workdays.add_override(s, day=D(2026, 5, 9), working=True, note="làm bù")
        workdays.add_override(s, day=D(2026, 5, 8), working=False)
        # the province keeps Friday 8 May as a working day
        workdays.add_override(s, day=D(2026, 5, 8), working=True, jurisdiction_id=province.id)
        pid, cid, oid = province.id, commune.id, other.id
    with db.session() as s:
        assert workdays.is_working_day(s, day=D(2026, 5, 9))
        assert not workdays.is_working_day(s, day=D(2026, 5, 8))
        assert workdays.is_working_day(s, day=D(2026, 5, 8), jurisdiction_id=pid)
        assert workdays.is_working_day(s, day=D(2026, 5, 8), jurisdiction_id=cid)  # inherits the province
        assert not workdays.is_working_day(s, day=D(2026, 5, 8), jurisdiction_id=oid)
        every = workdays.calendars_for_all(s)
        assert every[cid].is_working_day(D(2026, 5, 8)) and not every[oid].is_working_day(D(2026, 5, 8))
        assert workdays.previous_working_day(s, day=D(2026, 5, 10)) == D(2026, 5, 9)
        # replacing an override keeps one row per day and scope
        workdays.add_override(s, day=D(2026, 5, 9), working=False)
        assert len(workdays.list_overrides(s, year=2026)) == 3
        assert not workdays.is_working_day(s, day=D(2026, 5, 9))


def test_a_provinces_swap_does_not_leak_to_others_or_to_the_nationwide_calendar(db: Database) -> None:
    with db.session() as s:
        a = Jurisdiction(name="A", key="a")
        b = Jurisdiction(name="B", key="b")
        s.add_all([a, b])
        s.flush()
        workdays.add_override(s, day=D(2026, 10, 9), working=False, jurisdiction_id=a.id)
        every = workdays.calendars_for_all(s)
        assert not every[a.id].is_working_day(D(2026, 10, 9))
        assert every[b.id].is_working_day(D(2026, 10, 9))
        assert every[None].is_working_day(D(2026, 10, 9))
        assert workdays.is_working_day(s, day=D(2026, 10, 9))
