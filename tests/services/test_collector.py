"""Submissions with the report, the collector's board, the close by the receiving unit, nudges."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlmodel import select

from messages.types import Reply
from services import closing, collector, nudges, submissions
from services.clock import VN_TZ
from services.collector import BoardState
from services.nudges import NudgeTarget
from services.occurrence_views import views
from services.occurrences import OccurrenceError
from services.submissions import SubmissionError, SubmissionStore
from storage.db import Database
from storage.models import Occurrence, Outbox, Reminder, ReportSubmission
from tests.services.collection_world import DUE, ClassReport, class_report, docx_bytes

D = dt.date
ON_TIME = dt.datetime(2026, 3, 5, 9, 0, tzinfo=VN_TZ)
LATE = dt.datetime(2026, 3, 12, 9, 0, tzinfo=VN_TZ)
TODAY = D(2026, 3, 12)


@pytest.fixture
def store(tmp_path: Path) -> SubmissionStore:
    return SubmissionStore(root=tmp_path / "submissions", max_bytes=1024 * 1024)


def _twelve_submit(db: Database, w: ClassReport, store: SubmissionStore) -> None:
    """9 on time (3 files, 3 links, 3 texts), 3 late."""
    with db.session() as s:
        for i in range(12):
            kind = i % 3
            submissions.submit(
                s,
                occurrence_id=w.occurrences[i],
                person_id=w.officers[i],
                now=ON_TIME if i < 9 else LATE,
                store=store,
                file=(f"bao-cao-xa-{i + 1:02d}.docx", docx_bytes(f"xã {i + 1}")) if kind == 0 else None,
                text=None
                if kind == 0
                else f"https://drive.example/xa{i + 1}.pdf"
                if kind == 1
                else "Đã thực hiện đủ",
            )


def test_board_shows_each_units_state_worst_first(db: Database, store: SubmissionStore) -> None:
    with db.session() as s:
        w = class_report(s)
    _twelve_submit(db, w, store)
    with db.session() as s:
        [c] = collector.collections(s, unit_id=w.receiving_unit, today=TODAY)
        assert (c.total, c.submitted, c.missing, c.awaiting) == (20, 12, 8, 12)
        assert dict(c.counts) == {"on_time": 9, "late": 3, "overdue": 8}
        b = collector.board(s, deadline_id=w.deadline_id, due_on=DUE, today=TODAY)
        states = [r.state for r in b.rows]
        assert states == [BoardState.overdue] * 8 + [BoardState.late] * 3 + [BoardState.on_time] * 9
        assert [r.unit_name for r in b.rows[:8]] == [f"UBND xã {n:02d}" for n in range(13, 21)]
        info = collector.details(s, b.rows)
        first = next(r for r in b.rows if r.unit_name == "UBND xã 01")
        assert info[first.occurrence_id].filename == "bao-cao-xa-01.docx"
        second = next(r for r in b.rows if r.unit_name == "UBND xã 02")
        assert (info[second.occurrence_id].kind, info[second.occurrence_id].text) == (
            "link",
            "https://drive.example/xa2.pdf",
        )
        third = next(r for r in b.rows if r.unit_name == "UBND xã 03")
        assert info[third.occurrence_id].kind == "text"
        # before the due date the missing ones are "not yet", not overdue
        [early] = collector.collections(s, unit_id=w.receiving_unit, today=D(2026, 3, 9))
        assert early.counts["not_yet"] == 8 and early.counts["overdue"] == 0
        # the file is on disk under the configured folder, named by its hash, not by the user
        row = s.exec(select(ReportSubmission).where(ReportSubmission.kind == "file")).first()
        assert row is not None and row.stored_path is not None
        assert (store.root / row.stored_path).read_bytes()[:2] == b"PK"
        assert "bao-cao" not in row.stored_path


def test_files_are_checked_before_anything_is_kept(db: Database, store: SubmissionStore) -> None:
    with db.session() as s:
        w = class_report(s, owing=2)
    with db.session() as s:
        occ = w.occurrences[0]
        with pytest.raises(SubmissionError) as err:
            submissions.submit(
                s,
                occurrence_id=occ,
                person_id=w.officers[0],
                now=ON_TIME,
                store=store,
                file=("x.exe", b"MZ..."),
            )
        assert err.value.key == "submit.bad_type"
        with pytest.raises(SubmissionError) as err:  # an executable renamed .pdf
            submissions.submit(
                s,
                occurrence_id=occ,
                person_id=w.officers[0],
                now=ON_TIME,
                store=store,
                file=("x.pdf", b"MZ\x90\x00"),
            )
        assert err.value.key == "submit.not_what_it_says"
        big = b"%PDF-1.4\n" + b"0" * (store.max_bytes + 1)
        with pytest.raises(SubmissionError) as err:
            submissions.submit(
                s, occurrence_id=occ, person_id=w.officers[0], now=ON_TIME, store=store, file=("x.pdf", big)
            )
        assert err.value.key == "submit.too_large"
        with pytest.raises(SubmissionError) as err:
            submissions.submit(
                s, occurrence_id=occ, person_id=w.officers[0], now=ON_TIME, store=store, text="x" * 1001
            )
        assert err.value.key == "submit.text_too_long"
        with pytest.raises(OccurrenceError) as err:  # another unit's occurrence
            submissions.submit(
                s, occurrence_id=occ, person_id=w.officers[1], now=ON_TIME, store=store, text="ok"
            )
        assert err.value.key == "deadlines.not_yours"
        assert s.get_one(Occurrence, occ).status == "open"
        assert s.exec(select(ReportSubmission)).all() == []
    assert not store.root.exists() or not any(store.root.rglob("*.*"))


def test_receiving_unit_confirms_and_returns_others_cannot(db: Database, store: SubmissionStore) -> None:
    with db.session() as s:
        w = class_report(s, owing=3)
    with db.session() as s:
        for i in range(2):
            submissions.submit(
                s,
                occurrence_id=w.occurrences[i],
                person_id=w.officers[i],
                now=ON_TIME,
                store=store,
                text="xong",
            )
    with db.session() as s:
        for who in (w.outsider, w.officers[0]):  # an unrelated unit, the owing unit itself
            with pytest.raises(OccurrenceError) as err:
                closing.confirm(s, occurrence_id=w.occurrences[0], admin_id=who, now=LATE)
            assert err.value.key == "deadlines.receivers_only"
            with pytest.raises(OccurrenceError):
                collector.check_receiver(s, person_id=who, deadline_id=w.deadline_id)
        closing.confirm(s, occurrence_id=w.occurrences[0], admin_id=w.collector, now=LATE)
        closing.send_back(s, occurrence_id=w.occurrences[1], admin_id=w.collector, reason="Thiếu phụ lục")
        b = collector.board(s, deadline_id=w.deadline_id, due_on=DUE, today=TODAY)
        by_occ = {r.occurrence_id: r for r in b.rows}
        assert by_occ[w.occurrences[0]].workflow == "confirmed"
        assert by_occ[w.occurrences[1]].state is BoardState.overdue
        info = collector.details(s, b.rows)
        assert info[w.occurrences[1]].returned_reason == "Thiếu phụ lục"
        assert info[w.occurrences[0]].confirmed_by == "Chuyên viên SNgV"
        assert info[w.occurrences[0]].confirmed_at is not None


def _nudge(db: Database, w: ClassReport, person: int, now: dt.datetime) -> nudges.NudgeResult:
    def build(lang: str, item: NudgeTarget) -> Reply:
        return Reply(f"{lang}: nhắc {item.unit_name} ({item.status.value})")

    with db.session() as s:
        return nudges.nudge(
            s, deadline_id=w.deadline_id, due_on=DUE, person_id=person, now=now, today=now.date(), build=build
        )


def test_nudge_reaches_every_missing_units_members_once_a_day(db: Database, store: SubmissionStore) -> None:
    with db.session() as s:
        w = class_report(s)
    _twelve_submit(db, w, store)
    with pytest.raises(OccurrenceError):
        _nudge(db, w, w.outsider, LATE)
    first = _nudge(db, w, w.collector, LATE)
    assert (first.missing_units, first.units, first.people, first.already) == (8, 8, 8, 0)
    again = _nudge(db, w, w.collector, LATE + dt.timedelta(hours=2))
    assert (again.people, again.already) == (0, 8)
    with db.session() as s:
        rows = s.exec(select(Outbox).where(Outbox.kind == "reminder")).all()
        assert len(rows) == 8
        assert all("overdue" in Reply.from_payload(r.payload or {}).html for r in rows)
        ledger = s.exec(select(Reminder).where(Reminder.offset_key == "nudge:2026-03-12")).all()
        assert sorted(r.occurrence_id for r in ledger) == sorted(w.occurrences[12:])
        assert all(r.outbox_id is not None for r in ledger)
    # the next day they may be nudged again, once; a unit that submitted meanwhile is left alone
    with db.session() as s:
        submissions.submit(
            s, occurrence_id=w.occurrences[12], person_id=w.officers[12], now=LATE, store=store, text="xong"
        )
    nextday = _nudge(db, w, w.collector, LATE + dt.timedelta(days=1))
    assert (nextday.missing_units, nextday.people) == (7, 7)


def test_a_unit_with_two_members_gets_both_nudged(db: Database) -> None:
    with db.session() as s:
        w = class_report(s, owing=2)
    result = _nudge(db, w, w.collector, LATE)
    assert (result.units, result.people) == (2, 3)  # the first unit has two members


def test_board_status_is_the_officers_status_at_the_days_edge(db: Database, store: SubmissionStore) -> None:
    """The board reads the submission day from the database (UTC stored, the day in Vietnam):
    23:30 on the due day is on time and 00:30 the next day is late, as /hanbaocao says."""
    with db.session() as s:
        w = class_report(s)
    edge = dt.datetime.combine(DUE, dt.time(23, 30), tzinfo=VN_TZ)
    for i, when in enumerate((edge, edge + dt.timedelta(hours=1))):
        with db.session() as s:
            submissions.submit(
                s, occurrence_id=w.occurrences[i], person_id=w.officers[i], now=when, store=store, text="ok"
            )
    with db.session() as s:
        b = collector.board(s, deadline_id=w.deadline_id, due_on=DUE, today=TODAY)
        officers = {v.id: v.status for v in views(s, s.exec(select(Occurrence)).all(), today=TODAY)}
        assert {r.occurrence_id: r.status for r in b.rows} == officers
        by_occ = {r.occurrence_id: r.state for r in b.rows}
        assert by_occ[w.occurrences[0]] is BoardState.on_time
        assert by_occ[w.occurrences[1]] is BoardState.late
        assert collector.details(s, b.rows)[w.occurrences[1]].submitted_at == edge + dt.timedelta(hours=1)
