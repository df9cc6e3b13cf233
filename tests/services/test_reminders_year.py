"""A whole simulated year for two provinces: every expected reminder on the right day and hour, none
twice, none in quiet hours or on a day off, done deadlines stop, escalations and digests appear, and a
restart every simulated week changes nothing.

The expected reminders are computed here, independently of services/: the 2026 holidays are typed
in from the government's announcement, and the schedule rules are re-implemented plainly.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from sqlmodel import select

from bot.scheduler import materialize_once, tick_once
from config.settings import Settings
from handlers.context import AppServices
from services import closing, deadline_days, workdays
from services.clock import VN_TZ, ManualClock
from storage.db import Database
from storage.enums import DeliveryStatus
from storage.models import ChatAccount, Deadline, Occurrence, Outbox, Person, Reminder, Unit
from tests.services import world

D = dt.date
START = D(2026, 1, 1)
END = D(2026, 12, 31)
SETTINGS = Settings(scheduler_tick_seconds=60)
TICK_TIMES = [dt.time(0, 0), dt.time(7, 0), dt.time(7, 30), dt.time(8, 0), dt.time(14, 0), dt.time(22, 0)]

# Nghỉ lễ 2026 (announced): Tết Dương lịch 1/1; Tết Nguyên đán 16-20/2; Giỗ Tổ 26/4 (Sunday) -> 27/4;
# 30/4, 1/5; Quốc khánh 1-2/9 with 31/8 off, swapped with Saturday 22/8; Ngày Văn hóa 24/11.
HOLIDAYS = {
    D(2026, 1, 1),
    *(D(2026, 2, d) for d in range(16, 21)),
    D(2026, 4, 27),
    D(2026, 4, 30),
    D(2026, 5, 1),
    D(2026, 8, 31),
    D(2026, 9, 1),
    D(2026, 9, 2),
    D(2026, 11, 24),
    D(2027, 1, 1),
}
WORKED_SATURDAYS = {D(2026, 8, 22)}
# Đồng Nai's own swap (added by an admin): Friday 9/10 off, Saturday 17/10 worked.
DN_OFF, DN_WORKED = {D(2026, 10, 9)}, {D(2026, 10, 17)}


@dataclass(frozen=True)
class Rules:
    offsets: tuple[int, ...]
    every: int
    escalate: int
    at: dt.time
    province: str


DN = Rules((7, 3, 1, 0), 2, 3, dt.time(8, 0), "dn")
NA = Rules((5, 1), 3, 5, dt.time(7, 30), "na")


def working(day: dt.date, province: str) -> bool:
    if province == "dn" and day in DN_OFF:
        return False
    if province == "dn" and day in DN_WORKED:
        return True
    if day in WORKED_SATURDAYS:
        return True
    return day.weekday() < 5 and day not in HOLIDAYS


def prev_wd(day: dt.date, province: str) -> dt.date:
    while not working(day, province):
        day -= dt.timedelta(days=1)
    return day


def add_wd(day: dt.date, n: int, province: str) -> dt.date:
    while n:
        day += dt.timedelta(days=1)
        n -= working(day, province)
    return day


def expected_slots(due: dt.date, rules: Rules) -> list[tuple[dt.date, str]]:
    by_day: dict[dt.date, int] = {}
    for k in rules.offsets:
        day = prev_wd(due - dt.timedelta(days=k), rules.province)
        by_day[day] = min(k, by_day.get(day, k))
    slots = [(day, f"d-{k}" if k else "d0") for day, k in by_day.items()]
    n = rules.every
    while (day := add_wd(due, n, rules.province)) <= END:
        slots.append((day, f"late+{n}"))
        n += rules.every
    return slots


# --- the world --------------------------------------------------------------------------------------


def months(day: int, first: tuple[int, int], last: tuple[int, int], every: int = 1) -> list[dt.date]:
    out, (y, m) = [], first
    while (y, m) <= last:
        out.append(D(y, m, day))
        m += every
        y, m = (y + 1, m - 12) if m > 12 else (y, m)
    return out


@dataclass
class Case:
    """One deadline rule, its owing units and its due dates as this test computes them."""

    label: str
    units: list[str]
    dues: list[dt.date]


# unit -> (province rules, when it submits relative to the due date, or None: never)
SUBMIT: dict[str, Callable[[dt.date], dt.datetime] | None] = {
    "A": lambda due: dt.datetime.combine(due, dt.time(10, 0), tzinfo=VN_TZ),  # on the day
    "B": lambda due: dt.datetime.combine(due - dt.timedelta(days=2), dt.time(10, 0), tzinfo=VN_TZ),
    "C": None,  # never: overdue all year, escalated
    "D": lambda due: dt.datetime.combine(due + dt.timedelta(days=5), dt.time(14, 0), tzinfo=VN_TZ),
    "E": None,
    "X": lambda due: dt.datetime.combine(due - dt.timedelta(days=1), dt.time(9, 0), tzinfo=VN_TZ),
    "Y": None,
}
RULES = {"A": DN, "B": DN, "C": DN, "D": DN, "E": DN, "X": NA, "Y": NA}
SET_DAY_AT = dt.datetime(2026, 7, 1, 10, 0, tzinfo=VN_TZ)  # an admin sets the semiannual day to 20

CASES = [
    Case("monthly-5", ["A", "B"], months(5, (2026, 1), (2027, 1))),
    Case("quarterly-10", ["A", "C"], months(10, (2026, 3), (2026, 12), every=3)),
    Case("yearly-15/11", ["A", "B", "C", "D", "E"], [D(2026, 11, 15)]),
    Case("once-13/2", ["B"], [D(2026, 2, 13)]),
    Case("once-2/5", ["C"], [D(2026, 5, 2)]),
    # no day in the text: the default (16th of the period's last month) until an admin sets the 20th
    Case("semiannual", ["D"], [D(2026, 6, 16), D(2026, 12, 20)]),
    Case("yearly-default", ["E"], [D(2026, 12, 16)]),
    Case("monthly-20", ["X", "Y"], months(20, (2026, 1), (2026, 12))),
    Case("once-3/9", ["X"], [D(2026, 9, 3)]),
]

# members: name -> (unit, leader, extra)
MEMBERS = {
    "a1": ("A", False),
    "a2": ("A", True),
    "a3": ("A", False),  # left the unit: hears nothing
    "b1": ("B", False),
    "b2": ("B", True),
    "b3": ("B", False),  # blocked the bot: hears nothing
    "c1": ("C", False),  # two accounts, prefers Telegram
    "c2": ("C", True),
    "d1": ("D", False),
    "e1": ("E", True),
    "x1": ("X", False),
    "x2": ("X", True),
    "y1": ("Y", True),
}
SILENT = {"a3", "b3"}


def build(db: Database) -> dict[str, object]:
    with db.session() as s:
        dn = world.province(s, "Đồng Nai")
        na = world.province(
            s,
            "Nghệ An",
            settings={
                "reminders": {
                    "offsets_days": [5, 1],
                    "time": "07:30",
                    "overdue_every_working_days": 3,
                    "escalate_after_working_days": 5,
                }
            },
        )
        for day in DN_OFF:
            workdays.add_override(s, day=day, working=False, jurisdiction_id=dn.id, note="nghỉ bù")
        for day in DN_WORKED:
            workdays.add_override(s, day=day, working=True, jurisdiction_id=dn.id, note="làm bù")
        units = {name: world.unit(s, f"Đơn vị {name}", na if name in "XY" else dn) for name in "ABCDEXY"}
        people: dict[str, int] = {}
        accounts: dict[str, int] = {}
        for name, (u, leader) in MEMBERS.items():
            person, account = world.member(s, units[u], name, leader=leader)
            people[name], accounts[name] = person.id or 0, account.id or 0
        from storage.models import Membership

        left = s.exec(select(Membership).where(Membership.person_id == people["a3"])).one()
        left.active = False
        blocked = s.get_one(ChatAccount, accounts["b3"])
        blocked.active = False
        c1 = s.get_one(Person, people["c1"])
        c1.preferred_channel = "telegram"
        s.add(ChatAccount(person_id=people["c1"], channel="zalo", external_id="zc1", chat_id="zc1"))
        admins = [world.admin(s, "adm1")[0].id, world.admin(s, "adm2", channel="zalo")[0].id]
        p_dn = world.plan(s, "10/KH-UBND", dn, START)
        p_dn2 = world.plan(s, "11/KH-UBND", dn, START)
        p_na = world.plan(s, "20/KH-UBND", na, START)
        rule = {
            "monthly-5": dict(plan=p_dn, recurrence="monthly", day=5),
            "quarterly-10": dict(plan=p_dn, recurrence="quarterly", month=3, day=10),
            "yearly-15/11": dict(plan=p_dn, recurrence="yearly", month=11, day=15),
            "once-13/2": dict(plan=p_dn2, recurrence="once", due_date=D(2026, 2, 13)),
            "once-2/5": dict(plan=p_dn2, recurrence="once", due_date=D(2026, 5, 2)),
            "semiannual": dict(plan=p_dn2, recurrence="semiannual"),
            "yearly-default": dict(plan=p_dn2, recurrence="yearly"),
            "monthly-20": dict(plan=p_na, recurrence="monthly", day=20),
            "once-3/9": dict(plan=p_na, recurrence="once", due_date=D(2026, 9, 3)),
        }
        deadline_ids: dict[str, int] = {}
        for case in CASES:
            r = dict(rule[case.label])
            plan = r.pop("plan")
            d = world.deadline(s, plan, [units[u] for u in case.units], **r)  # type: ignore[arg-type]
            deadline_ids[case.label] = d.id or 0
        return {
            "people": people,
            "accounts": accounts,
            "admins": admins,
            "deadlines": deadline_ids,
            "units": {name: u.id for name, u in units.items()},
        }


def expected(ids: dict[str, object]) -> dict[tuple[str, dt.date], set[tuple[str, str, dt.date, str]]]:
    """(person, day) -> {(deadline, unit, due, offset_key)} this test expects at the reminder time."""
    out: dict[tuple[str, dt.date], set[tuple[str, str, dt.date, str]]] = defaultdict(set)
    for case in CASES:
        for u in case.units:
            rules = RULES[u]
            submit = SUBMIT[u]
            for due in case.dues:
                submitted = submit(due) if submit else None
                slots = expected_slots(due, rules)
                leaders_too = [(add_wd(due, rules.escalate, rules.province), "escalate")]
                for person, (unit, leader) in MEMBERS.items():
                    if unit != u or person in SILENT:
                        continue
                    for day, key in slots + (leaders_too if leader else []):
                        at = dt.datetime.combine(day, rules.at, tzinfo=VN_TZ)
                        if START <= day <= END and (submitted is None or submitted > at):
                            out[(person, day)].add((case.label, u, due, key))
    return out


def simulate(url: str, *, restart_weekly: bool) -> dict[str, object]:
    db = Database(url)
    db.migrate()
    ids = build(db)
    clock = ManualClock(dt.datetime.combine(START, dt.time(0), tzinfo=VN_TZ))
    app = AppServices(db=db, clock=clock, settings=SETTINGS)
    people: dict[str, int] = ids["people"]  # type: ignore[assignment]
    deadline_ids: dict[str, int] = ids["deadlines"]  # type: ignore[assignment]
    admins: list[int] = ids["admins"]  # type: ignore[assignment]
    submissions = sorted(
        (fn(due), case.label, u, due)
        for case in CASES
        for u in case.units
        if (fn := SUBMIT[u]) is not None
        for due in case.dues
    )
    day = START
    while day <= END:
        if restart_weekly and day.weekday() == 0:  # a new process: new engine, new scheduler state
            db.dispose()
            db = Database(url)
            app = AppServices(db=db, clock=clock, settings=SETTINGS)
        for tt in TICK_TIMES:
            now = dt.datetime.combine(day, tt, tzinfo=VN_TZ)
            while submissions and submissions[0][0] <= now:
                when, label, u, due = submissions.pop(0)
                _submit(db, deadline_ids[label], u, due, people, ids, when)
            if day == SET_DAY_AT.date() and tt == dt.time(14, 0):
                clock.set(SET_DAY_AT)
                with db.session() as s:
                    deadline_days.set_deadline_day(
                        s, deadline_id=deadline_ids["semiannual"], day=20, month=None, today=day
                    )
            clock.set(now)
            if tt == dt.time(0, 0):
                materialize_once(app)
            outcome = tick_once(app, holder="sim")
            assert outcome.ran
        day += dt.timedelta(days=1)
    result = collect(db, people, deadline_ids, admins)
    db.dispose()
    return result


def _submit(
    db: Database,
    deadline_id: int,
    unit: str,
    due: dt.date,
    people: dict[str, int],
    ids: dict[str, object],
    when: dt.datetime,
) -> None:
    unit_id = ids["units"][unit]  # type: ignore[index]
    with db.session() as s:
        occ = s.exec(
            select(Occurrence).where(
                Occurrence.deadline_id == deadline_id, Occurrence.unit_id == unit_id, Occurrence.due_on == due
            )
        ).first()
        if occ is None:  # due beyond the simulated year's horizon
            return
        member = next(p for p, (u, _) in MEMBERS.items() if u == unit and p not in SILENT)
        closing.mark_submitted(s, occurrence_id=occ.id or 0, person_id=people[member], note=None, now=when)


def collect(
    db: Database, people: dict[str, int], deadline_ids: dict[str, int], admins: list[int]
) -> dict[str, object]:
    name_of = {pid: name for name, pid in people.items()}
    label_of = {did: label for label, did in deadline_ids.items()}
    with db.session() as s:
        unit_name = {u.id: u.name.removeprefix("Đơn vị ") for u in s.exec(select(Unit)).all()}
        occs = {o.id: o for o in s.exec(select(Occurrence)).all()}
        outbox = {o.id: o for o in s.exec(select(Outbox)).all()}
        accounts = {a.id: a for a in s.exec(select(ChatAccount)).all()}
        sent: dict[tuple[str, dt.date], set[tuple[str, str, dt.date, str]]] = defaultdict(set)
        messages: dict[tuple[str, dt.date], set[int]] = defaultdict(set)
        ledger = s.exec(select(Reminder)).all()
        for r in ledger:
            o = occs[r.occurrence_id]
            box = outbox[r.outbox_id or 0]
            local = box.created_at.astimezone(VN_TZ)
            who = name_of[r.person_id]
            sent[(who, local.date())].add(
                (label_of[o.deadline_id], unit_name[o.unit_id], o.due_on, r.offset_key)
            )
            messages[(who, local.date())].add(box.id or 0)
            assert not r.late
            assert accounts[box.account_id].person_id == r.person_id
        digests = [
            (
                accounts[o.account_id].person_id,
                o.dedup_key.split(":")[1],
                o.created_at.astimezone(VN_TZ),
                o.payload,
            )
            for o in outbox.values()
            if o.kind == "digest"
        ]
        reminder_boxes = [o for o in outbox.values() if o.kind == "reminder"]
        assert all(o.status == DeliveryStatus.pending for o in reminder_boxes)
        deadlines = {d.id: d for d in s.exec(select(Deadline)).all()}
        assert deadlines[deadline_ids["semiannual"]].due_source == "admin"
    return {
        "sent": dict(sent),
        "messages": dict(messages),
        "digests": digests,
        "boxes": [(o.account_id, o.created_at, o.dedup_key) for o in reminder_boxes],
        "ledger_size": len(ledger),
    }


@pytest.fixture(scope="module")
def year_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object]]:
    base = tmp_path_factory.mktemp("year")
    return {
        "restarts": simulate(f"sqlite:///{base / 'restarts.db'}", restart_weekly=True),
        "steady": simulate(f"sqlite:///{base / 'steady.db'}", restart_weekly=False),
    }


@pytest.mark.slow
def test_every_expected_reminder_once_on_the_right_day_and_hour(
    year_runs: dict[str, dict[str, object]],
) -> None:
    run = year_runs["restarts"]
    sent = run["sent"]
    want = expected({})
    assert sent == want  # exact: nothing missing, nothing extra, done deadlines silent
    # one message per person per morning, at the reminder time, on a working day, never in quiet hours
    messages: dict[tuple[str, dt.date], set[int]] = run["messages"]  # type: ignore[assignment]
    assert all(len(ids) == 1 for ids in messages.values())
    for _account, created, key in run["boxes"]:  # type: ignore[attr-defined]
        local = created.astimezone(VN_TZ)
        province = "na" if local.time() == dt.time(7, 30) else "dn"
        assert local.time() in (dt.time(8, 0), dt.time(7, 30)), key
        assert working(local.date(), province), key
    # sanity on the scenario itself: overdue units were nagged and escalated, silent people heard nothing
    keys = {k for items in want.values() for *_, k in items}
    assert {"d-7", "d-3", "d-1", "d0", "d-5", "late+2", "late+3", "escalate"} <= keys
    assert not any(person in SILENT for person, _ in sent)  # type: ignore[union-attr]
    assert ("c2", D(2026, 5, 6)) in sent  # type: ignore[operator]
    assert ("once-2/5", "C", D(2026, 5, 2), "escalate") in sent[("c2", D(2026, 5, 6))]  # type: ignore[index]


@pytest.mark.slow
def test_digests_daily_and_weekly(year_runs: dict[str, dict[str, object]]) -> None:
    digests = year_runs["restarts"]["digests"]
    admins = {pid for pid, *_ in digests}  # type: ignore[union-attr]
    assert len(admins) == 2
    national = [START + dt.timedelta(days=i) for i in range((END - START).days + 1)]
    national = [d for d in national if (d.weekday() < 5 and d not in HOLIDAYS) or d in WORKED_SATURDAYS]
    firsts = {}
    for d in national:
        firsts.setdefault(d.isocalendar()[:2], d)
    for admin in admins:
        daily = sorted(when for pid, kind, when, _ in digests if pid == admin and kind == "daily")  # type: ignore[union-attr]
        weekly = sorted(when for pid, kind, when, _ in digests if pid == admin and kind == "weekly")  # type: ignore[union-attr]
        assert [w.date() for w in daily] == national
        assert all(w.time() == dt.time(8, 0) for w in daily + weekly)
        assert [w.date() for w in weekly] == sorted(firsts.values())
    # C's 2/5 (Saturday) report escalates 3 working days later: in the admins' digest of 6/5, marked new
    [html] = [
        p["html"]  # type: ignore[index]
        for pid, kind, when, p in digests  # type: ignore[union-attr]
        if kind == "daily" and when.date() == D(2026, 5, 6) and pid == min(admins)
    ]
    assert "Đơn vị C" in html and "(mới)" in html


@pytest.mark.slow
def test_weekly_restarts_change_nothing(year_runs: dict[str, dict[str, object]]) -> None:
    a, b = year_runs["restarts"], year_runs["steady"]
    assert a["sent"] == b["sent"]
    assert a["ledger_size"] == b["ledger_size"]
    assert sorted((k, w) for _, k, w, _ in a["digests"]) == sorted((k, w) for _, k, w, _ in b["digests"])  # type: ignore[union-attr]
