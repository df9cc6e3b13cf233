"""A class report for the collector tests: Sở Ngoại vụ receives one report from 20 owing units.

Each owing unit has one member (two for the first unit, so a nudge reaches a unit's every member);
the receiving unit has a member, and an outsider of a third unit stands by for authorisation tests.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from docx import Document
from sqlmodel import Session, select

from services import occurrences as occ_svc
from storage.models import Occurrence
from tests.services import world

D = dt.date
DUE = D(2026, 3, 10)
START = D(2026, 3, 2)


@dataclass
class ClassReport:
    deadline_id: int
    receiving_unit: int
    collector: int  # a member of the receiving unit
    collector_account: str  # its external id (how the router knows the sender)
    outsider: int  # a member of an unrelated unit
    outsider_account: str
    units: list[int] = field(default_factory=list)  # the owing units, in name order
    officers: list[int] = field(default_factory=list)  # the first member of each owing unit
    accounts: list[str] = field(default_factory=list)  # their external ids
    occurrences: list[int] = field(default_factory=list)  # the owing units' occurrence for DUE


def class_report(
    s: Session, *, owing: int = 20, channel: str = "telegram", today: dt.date = START, due: dt.date = DUE
) -> ClassReport:
    prov = world.province(s)
    receiving = world.unit(s, "Sở Ngoại vụ", prov)
    other = world.unit(s, "Sở Y tế", prov)
    collector, collector_account = world.member(s, receiving, "Chuyên viên SNgV", channel=channel)
    outsider, outsider_account = world.member(s, other, "Người ngoài", channel=channel)
    units = [world.unit(s, f"UBND xã {n:02d}", prov, kind="ubnd") for n in range(1, owing + 1)]
    plan = world.plan(s, "35/KH-UBND", prov, D(2026, 1, 5))
    deadline = world.deadline(
        s,
        plan,
        units,
        recurrence="once",
        due_date=due,
        text="UBND các xã báo cáo kết quả thực hiện về Sở Ngoại vụ trước ngày 10/3/2026",
    )
    deadline.recipient_unit_id = receiving.id
    s.add(deadline)
    s.flush()
    out = ClassReport(
        deadline_id=deadline.id or 0,
        receiving_unit=receiving.id or 0,
        collector=collector.id or 0,
        collector_account=collector_account.external_id,
        outsider=outsider.id or 0,
        outsider_account=outsider_account.external_id,
    )
    for i, unit in enumerate(units):
        person, account = world.member(s, unit, f"Cán bộ xã {i + 1:02d}", channel=channel)
        if i == 0:
            world.member(s, unit, "Phó chủ tịch xã 01", channel=channel)
        out.units.append(unit.id or 0)
        out.officers.append(person.id or 0)
        out.accounts.append(account.external_id)
    occ_svc.materialize(s, today=today)
    rows = s.exec(
        select(Occurrence).where(Occurrence.deadline_id == out.deadline_id, Occurrence.due_on == due)
    )
    by_unit = {o.unit_id: o.id for o in rows}
    out.occurrences = [by_unit[u] or 0 for u in out.units]
    return out


def docx_bytes(text: str = "Báo cáo kết quả") -> bytes:
    doc = Document()
    doc.add_paragraph(text)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
