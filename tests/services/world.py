"""Small factories for deadline tests: a province, units, members with chat accounts, plans, rules."""

from __future__ import annotations

import datetime as dt
import itertools

from sqlmodel import Session

from services.clock import VN_TZ
from storage.enums import MemberRole
from storage.models import ChatAccount, Deadline, DeadlineParty, Jurisdiction, Membership, Person, Plan, Unit

_seq = itertools.count(1)


def province(s: Session, name: str = "Đồng Nai", settings: dict[str, object] | None = None) -> Jurisdiction:
    j = Jurisdiction(name=name, key=name.lower(), settings=settings)
    s.add(j)
    s.flush()
    return j


def unit(s: Session, name: str, jurisdiction: Jurisdiction | None = None, kind: str = "so") -> Unit:
    u = Unit(
        name=name,
        kind=kind,
        key=f"{name.lower()}-{next(_seq)}",
        jurisdiction_id=jurisdiction.id if jurisdiction else None,
    )
    s.add(u)
    s.flush()
    return u


def member(
    s: Session,
    u: Unit,
    name: str,
    *,
    leader: bool = False,
    channel: str = "telegram",
    lang: str = "vi",
    admin: bool = False,
) -> tuple[Person, ChatAccount]:
    p = Person(display_name=name, lang=lang, is_admin=admin)
    s.add(p)
    s.flush()
    assert p.id is not None and u.id is not None
    n = next(_seq)
    a = ChatAccount(person_id=p.id, channel=channel, external_id=f"ext{n}", chat_id=f"chat{n}")
    s.add(a)
    s.add(Membership(person_id=p.id, unit_id=u.id, role=MemberRole.leader if leader else MemberRole.officer))
    s.flush()
    return p, a


def admin(s: Session, name: str = "Admin", channel: str = "telegram") -> tuple[Person, ChatAccount]:
    p = Person(display_name=name, is_admin=True)
    s.add(p)
    s.flush()
    assert p.id is not None
    n = next(_seq)
    a = ChatAccount(person_id=p.id, channel=channel, external_id=f"adm{n}", chat_id=f"adm{n}")
    s.add(a)
    s.flush()
    return p, a


def plan(s: Session, number: str, jurisdiction: Jurisdiction | None, imported: dt.date) -> Plan:
    p = Plan(
        identity=f"{number}-{next(_seq)}",
        number=number,
        issuer="UBND tỉnh",
        title=f"Kế hoạch {number}",
        jurisdiction_id=jurisdiction.id if jurisdiction else None,
        source_name=f"{number}.txt",
        source_hash=number,
        imported_at=dt.datetime.combine(imported, dt.time(7, 0), tzinfo=VN_TZ),
    )
    s.add(p)
    s.flush()
    return p


def deadline(
    s: Session,
    p: Plan,
    units: list[Unit],
    *,
    recurrence: str,
    due_date: dt.date | None = None,
    month: int | None = None,
    day: int | None = None,
    to: str | None = "Sở Ngoại vụ",
    text: str = "báo cáo kết quả thực hiện kế hoạch",
) -> Deadline:
    assert p.id is not None
    d = Deadline(
        plan_id=p.id,
        unit_text=", ".join(u.name for u in units),
        recurrence=recurrence,
        due_date=due_date,
        due_month=month,
        due_day=day,
        due_source="text" if (due_date or day) else None,
        recipient=to,
        source=text,
    )
    s.add(d)
    s.flush()
    assert d.id is not None
    for u in units:
        s.add(DeadlineParty(deadline_id=d.id, unit_id=u.id, unit_text=u.name))
    s.flush()
    return d
