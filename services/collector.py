"""The receiving side of a deadline: the collector's board, the close by the receiving unit, nudges.

A deadline whose reports go to a unit of the directory (`Deadline.recipient_unit_id`, "các sở, ban,
ngành báo cáo về Sở Ngoại vụ") has, for each due date, one occurrence per owing unit. Together they
are a *collection*, keyed by (deadline, due date): what Sở Ngoại vụ collects on 15/11. Its members
(and admins) see, per collection, each owing unit's state, confirm or return what was submitted
(services.closing.confirm / send_back, which allow them), and nudge the units still missing.

The board's four states come from the status officers know (`row_status`: services.status.classify
with the submission day, which the database compares with the due day in `_late`), so the board,
/theodoi, /hanbaocao and the digests agree:
    hoàn thành đúng hạn -> on_time     hoàn thành quá hạn -> late
    quá hạn -> overdue                 trong hạn / sắp đến hạn / không có hạn -> not_yet
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Date, Table, cast, func
from sqlalchemy import select as columns
from sqlmodel import Session, col

from services.closing import may_receive
from services.occurrences import DONE_STATES, OccurrenceError
from services.status import DueStatus, classify
from services.units import predecessor_ids
from storage.enums import OccurrenceStatus, PlanStatus
from storage.models import Deadline, Occurrence, Person, Plan, Reminder, ReportSubmission, Unit
from storage.rows import plain_rows

LOOKBACK_DAYS = 60  # collections shown: due from two months ago ...
AHEAD_DAYS = 92  # ... to a quarter ahead
LEDGER: Table = Reminder.__table__  # type: ignore[attr-defined]


class BoardState(StrEnum):
    overdue = "overdue"  # not submitted, past its due date
    not_yet = "not_yet"  # not submitted, not yet due
    late = "late"  # submitted after the due date
    on_time = "on_time"  # submitted by the due date


STATE_ORDER = (BoardState.overdue, BoardState.not_yet, BoardState.late, BoardState.on_time)
_RANK = {state: i for i, state in enumerate(STATE_ORDER)}


def row_status(workflow: str, due_on: dt.date, late: bool | None, today: dt.date) -> DueStatus:
    """The officers' status of an occurrence whose submission day the database compared with its due
    day (`_late`; None when nothing was submitted): services.status.classify's rule, without
    reading a thousand timestamps back into Python for one board."""
    if workflow in DONE_STATES and late is not None:
        return DueStatus.done_late if late else DueStatus.done_on_time
    return classify(due_on, today)


def board_state(status: DueStatus) -> BoardState:
    return _BOARD_STATE.get(status, BoardState.not_yet)


_BOARD_STATE = {
    DueStatus.done_on_time: BoardState.on_time,
    DueStatus.done_late: BoardState.late,
    DueStatus.overdue: BoardState.overdue,
}


@dataclass(slots=True)
class Collection:
    """One deadline's reports for one due date, as its receiving unit sees them."""

    deadline_id: int
    due_on: dt.date
    receiving_unit: str
    action: str
    recipient: str | None
    plan_number: str | None
    plan_title: str | None
    source: str
    counts: Counter[str] = field(default_factory=Counter)  # BoardState values
    awaiting: int = 0  # submitted, not yet confirmed or returned
    confirmed: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def submitted(self) -> int:
        return self.counts[BoardState.on_time] + self.counts[BoardState.late]

    @property
    def missing(self) -> int:
        return self.counts[BoardState.overdue] + self.counts[BoardState.not_yet]


@dataclass(slots=True)  # not frozen: a board builds a thousand of them per page
class BoardRow:
    occurrence_id: int
    unit_id: int
    unit_name: str
    state: BoardState
    status: DueStatus
    workflow: str  # OccurrenceStatus value


@dataclass(slots=True)
class Board:
    collection: Collection
    rows: list[BoardRow]  # every owing unit, worst first (overdue, not yet, late, on time), then by name


@dataclass(frozen=True, slots=True)
class RowDetail:
    """What the board's page shows beyond the state: when it was submitted, the submission, who
    confirmed it and when, why it was returned."""

    submitted_at: dt.datetime | None
    submission_id: int | None
    kind: str | None
    text: str | None
    filename: str | None
    submitted_by: str | None
    confirmed_by: str | None
    confirmed_at: dt.datetime | None
    returned_reason: str | None


# --- which collections a person sees ---------------------------------------------------------------


def receiving_ids(session: Session, *, unit_id: int) -> list[int]:
    """A unit receives what is addressed to it and to the units merged into it."""
    return [unit_id, *predecessor_ids(session, unit_id=unit_id)]


def _late(dialect: str) -> ColumnElement[bool]:
    """Submitted after the due day, in Asia/Ho_Chi_Minh (UTC+7, no daylight saving): what
    services.status.classify decides from `done_on`, computed by the database so that a collection
    of 1,000 units is counted in one grouped query."""
    local_day: ColumnElement[Any]
    if dialect == "sqlite":  # naive UTC text
        local_day = func.date(col(Occurrence.submitted_at), "+7 hours")
    else:
        local_day = cast(func.timezone("Asia/Ho_Chi_Minh", col(Occurrence.submitted_at)), Date)
    return local_day > col(Occurrence.due_on)


def _collection_counts(session: Session, *, unit_id: int | None, today: dt.date) -> Sequence[Any]:
    """(deadline, due date, workflow state, late, count) over the window, one row per group."""
    late = _late(session.get_bind().dialect.name).label("late")
    stmt = (
        columns(
            col(Occurrence.deadline_id), col(Occurrence.due_on), col(Occurrence.status), late, func.count()
        )
        .join(Deadline, col(Deadline.id) == col(Occurrence.deadline_id))
        .join(Plan, col(Plan.id) == col(Deadline.plan_id))
        .where(
            col(Plan.status) == PlanStatus.active,
            col(Deadline.recipient_unit_id).is_not(None),
            col(Occurrence.due_on) >= today - dt.timedelta(days=LOOKBACK_DAYS),
            col(Occurrence.due_on) <= today + dt.timedelta(days=AHEAD_DAYS),
        )
        .group_by(col(Occurrence.deadline_id), col(Occurrence.due_on), col(Occurrence.status), late)
    )
    if unit_id is not None:
        stmt = stmt.where(col(Deadline.recipient_unit_id).in_(receiving_ids(session, unit_id=unit_id)))
    return plain_rows(session, stmt)


def collections(session: Session, *, unit_id: int | None, today: dt.date) -> list[Collection]:
    """The collections a receiving unit (None: every unit, for admins) sees, from two months ago to
    a quarter ahead: the nearest due date first, past ones after the coming ones."""
    found: dict[tuple[int, dt.date], Collection] = {}
    rows = _collection_counts(session, unit_id=unit_id, today=today)
    meta = _deadline_meta(session, {r[0] for r in rows})
    for deadline_id, due_on, status, late, n in rows:
        key = (deadline_id, due_on)
        c = found.get(key)
        if c is None:
            c = found[key] = Collection(deadline_id, due_on, **meta[deadline_id])
        _count(c, status, board_state(row_status(status, due_on, late, today)), n)
    return sorted(
        found.values(), key=lambda c: (c.due_on < today, abs((c.due_on - today).days), c.deadline_id)
    )


def _count(c: Collection, workflow: str, state: BoardState, n: int) -> None:
    c.counts[state.value] += n
    if workflow == OccurrenceStatus.submitted:
        c.awaiting += n
    elif workflow == OccurrenceStatus.confirmed:
        c.confirmed += n


def _deadline_meta(session: Session, deadline_ids: set[int]) -> dict[int, dict[str, Any]]:
    if not deadline_ids:
        return {}
    rows = plain_rows(
        session,
        columns(
            col(Deadline.id),
            col(Deadline.action),
            col(Deadline.recipient),
            col(Deadline.source),
            col(Plan.number),
            col(Plan.title),
            col(Unit.name),
        )
        .join(Plan, col(Plan.id) == col(Deadline.plan_id))
        .join(Unit, col(Unit.id) == col(Deadline.recipient_unit_id))
        .where(col(Deadline.id).in_(sorted(deadline_ids))),
    )
    return {
        r.id: {
            "receiving_unit": r.name,
            "action": r.action,
            "recipient": r.recipient,
            "plan_number": r.number,
            "plan_title": r.title,
            "source": r.source,
        }
        for r in rows
    }


# --- one collection --------------------------------------------------------------------------------


def check_receiver(session: Session, *, person_id: int, deadline_id: int) -> None:
    """Every board action starts here: only the receiving unit's members and admins pass."""
    if not may_receive(session, person_id=person_id, deadline_id=deadline_id):
        raise OccurrenceError("collector.not_receiver")


def collection_of(session: Session, *, deadline_id: int, due_on: dt.date) -> Collection:
    """One collection's deadline, plan and receiving unit, without its rows (a nudge names them)."""
    meta = _deadline_meta(session, {deadline_id})
    if deadline_id not in meta:
        raise OccurrenceError("deadlines.not_found")
    return Collection(deadline_id, due_on, **meta[deadline_id])


def board(session: Session, *, deadline_id: int, due_on: dt.date, today: dt.date) -> Board:
    """Every owing unit's state for one collection (the caller checked `check_receiver`)."""
    collection = collection_of(session, deadline_id=deadline_id, due_on=due_on)
    # Only what every row needs to be classified and sorted: a board holds every owing unit (a
    # thousand communes), a page shows fifteen of them, and `details` reads the rest for those.
    rows = plain_rows(
        session,
        columns(
            col(Occurrence.id),
            col(Occurrence.unit_id),
            col(Occurrence.status),
            _late(session.get_bind().dialect.name),
            col(Unit.name),
        )
        .join(Unit, col(Unit.id) == col(Occurrence.unit_id))
        .where(col(Occurrence.deadline_id) == deadline_id, col(Occurrence.due_on) == due_on),
    )
    out = []
    tally: Counter[tuple[str, BoardState]] = Counter()
    for occurrence_id, unit_id, workflow, late, unit_name in rows:
        status = row_status(workflow, due_on, late, today)
        state = board_state(status)
        tally[workflow, state] += 1
        out.append(BoardRow(occurrence_id, unit_id, unit_name, state, status, workflow))
    for (workflow, state), n in tally.items():
        _count(collection, workflow, state, n)
    out.sort(key=lambda b: (_RANK[b.state], b.unit_name))
    return Board(collection, out)


def details(session: Session, rows: Sequence[BoardRow]) -> dict[int, RowDetail]:
    """occurrence id -> its submission time, latest submission, confirmer and return reason, for the
    rows of one page (or of the export)."""
    ids = [r.occurrence_id for r in rows]
    if not ids:
        return {}
    own: dict[int, Any] = {}
    latest: dict[int, Any] = {}
    for chunk in range(0, len(ids), 900):
        part = ids[chunk : chunk + 900]
        for o in plain_rows(
            session,
            columns(
                col(Occurrence.id),
                col(Occurrence.submitted_at),
                col(Occurrence.confirmed_by),
                col(Occurrence.confirmed_at),
                col(Occurrence.returned_reason),
            ).where(col(Occurrence.id).in_(part)),
        ):
            own[o.id] = o
        for s in plain_rows(
            session,
            columns(
                col(ReportSubmission.id),
                col(ReportSubmission.occurrence_id),
                col(ReportSubmission.kind),
                col(ReportSubmission.text),
                col(ReportSubmission.filename),
                col(ReportSubmission.submitted_by),
            )
            .where(col(ReportSubmission.occurrence_id).in_(part))
            .order_by(col(ReportSubmission.id)),
        ):
            latest[s.occurrence_id] = s
    people = {o.confirmed_by for o in own.values() if o.confirmed_by} | {
        s.submitted_by for s in latest.values() if s.submitted_by
    }
    names = (
        dict(
            plain_rows(
                session, columns(col(Person.id), col(Person.display_name)).where(col(Person.id).in_(people))
            )
        )
        if people
        else {}
    )
    out = {}
    for r in rows:
        o = own[r.occurrence_id]
        s = latest.get(r.occurrence_id)
        shown = s if s is not None and r.workflow in DONE_STATES else None
        out[r.occurrence_id] = RowDetail(
            submitted_at=o.submitted_at,
            submission_id=shown.id if shown else None,
            kind=shown.kind if shown else None,
            text=shown.text if shown else None,
            filename=shown.filename if shown else None,
            submitted_by=names.get(shown.submitted_by) if shown else None,
            confirmed_by=names.get(o.confirmed_by) if o.confirmed_by else None,
            confirmed_at=o.confirmed_at,
            returned_reason=o.returned_reason,
        )
    return out


def submission_times(session: Session, *, deadline_id: int, due_on: dt.date) -> tuple[list[dt.datetime], int]:
    """When each submitted report of a collection came in, and how many units owe it (its chart)."""
    rows = plain_rows(
        session,
        columns(col(Occurrence.status), col(Occurrence.submitted_at)).where(
            col(Occurrence.deadline_id) == deadline_id, col(Occurrence.due_on) == due_on
        ),
    )
    times = sorted(r.submitted_at for r in rows if r.status in DONE_STATES and r.submitted_at is not None)
    return times, len(rows)


# --- nudging the units still missing ---------------------------------------------------------------
