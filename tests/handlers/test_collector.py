"""The class report end to end through the router, as on the console and Zalo (numbered choices, no
files): 20 owing units, 12 submit (file, link, text), 3 late; the board; confirm, return, nudge;
only the receiving unit's members and admins get in."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlmodel import col, select

from config.settings import Settings
from handlers.context import AppServices, ChannelCaps
from handlers.registry import build_router
from handlers.router import Router
from messages.types import Incoming, IncomingFile, Reply, Sender
from services.clock import VN_TZ, ManualClock
from storage.db import Database
from storage.models import Occurrence, Outbox, Reminder, ReportSubmission
from tests.services.collection_world import ClassReport, class_report, docx_bytes

PLAIN = ChannelCaps(name="console", text_limit=4000, supports_buttons=False, supports_html=False)
RICH = ChannelCaps(name="telegram", text_limit=4096, supports_buttons=True, supports_html=True)


@pytest.fixture
def world(db: Database, clock: ManualClock, tmp_path: Path) -> tuple[Router, ClassReport, ManualClock]:
    settings = Settings(_env_file=None, admins=["console:boss"], submissions_dir=tmp_path / "sub")  # type: ignore[call-arg]
    app = AppServices(db=db, clock=clock, settings=settings)
    with db.session() as s:
        w = class_report(s, channel="console")
    return build_router(app), w, clock


def msg(
    user: str, text: str | None = None, *, callback: str | None = None, file: IncomingFile | None = None
) -> Incoming:
    return Incoming(
        sender=Sender(channel="console", external_id=user, chat_id=user),
        text=text,
        callback=callback,
        file=file,
    )


def choice(reply: Reply, label: str) -> str:
    match = re.search(rf"^(\d+)\. {re.escape(label)}", reply.html, re.MULTILINE)
    assert match, f"no choice {label!r} in:\n{reply.html}"
    return match.group(1)


def docx_file(name: str) -> IncomingFile:
    data = docx_bytes(name)

    async def fetch() -> bytes:
        return data

    return IncomingFile(filename=name, size=len(data), fetch=fetch)


async def submit_all(router: Router, w: ClassReport, clock: ManualClock) -> None:
    for i in range(12):
        if i == 9:  # the last three after the due date (10/3)
            clock.set(dt.datetime(2026, 3, 12, 9, 0, tzinfo=VN_TZ))
        user = w.accounts[i]
        [done] = await router.handle(msg(user, callback=f"dl:done:{w.occurrences[i]}"), PLAIN)
        assert "Đã ghi nhận" in done.html and "Bỏ qua" in done.html
        if i % 3 == 0:
            [saved] = await router.handle(msg(user, file=docx_file(f"bao-cao-{i + 1:02d}.docx")), PLAIN)
        elif i % 3 == 1:
            [saved] = await router.handle(msg(user, f"https://drive.example/xa{i + 1}.pdf"), PLAIN)
        else:
            [saved] = await router.handle(msg(user, "Đã hoàn thành, số liệu kèm theo"), PLAIN)
        assert "chuyển báo cáo" in saved.html, saved.html


async def test_class_report_on_the_console(
    world: tuple[Router, ClassReport, ManualClock], db: Database
) -> None:
    router, w, clock = world
    await submit_all(router, w, clock)
    with db.session() as s:
        assert len(s.exec(select(ReportSubmission)).all()) == 12
        # each submission went to the receiving unit's member, the file attached by its path
        told = [o for o in s.exec(select(Outbox).where(Outbox.kind == "notice")).all()]
        assert len(told) == 12 and all(o.account_id for o in told)
        files = [Reply.from_payload(o.payload or {}) for o in told if (o.payload or {}).get("file")]
        assert len(files) == 4 and all(r.file and r.file.content[:2] == b"PK" for r in files)

    # the board, by free text, in plain text with numbered choices
    [board] = await router.handle(msg(w.collector_account, "ai chưa nộp báo cáo?"), PLAIN)
    assert "Đã nộp <b>12/20</b> (đúng hạn 9, muộn 3)" in board.html
    assert "chưa nộp <b>8</b> (quá hạn 8)" in board.html
    # page through: every unit appears once across the pages, with its state
    seen: dict[str, str] = {}
    page = board
    for _ in range(5):
        for line in page.html.splitlines():
            m = re.match(r"^\d+\. \S+ <b>(UBND xã \d\d)</b>: ([^·]+)", line)
            if m:
                seen[m.group(1)] = m.group(2).strip()
        if "Trang sau" not in page.html:
            break
        [page] = await router.handle(msg(w.collector_account, choice(page, "Trang sau ▶")), PLAIN)
    assert len(seen) == 20
    assert sorted(n for n, s in seen.items() if s == "quá hạn, chưa nộp") == [
        f"UBND xã {i:02d}" for i in range(13, 21)
    ]
    assert sorted(n for n, s in seen.items() if s == "nộp muộn") == ["UBND xã 10", "UBND xã 11", "UBND xã 12"]
    assert sum(1 for s in seen.values() if s == "đã nộp đúng hạn") == 9

    # confirm one, return another with a reason
    [ok] = await router.handle(msg(w.collector_account, callback=f"col:c:{w.occurrences[0]}"), PLAIN)
    assert "Đã xác nhận" in ok.html
    [ask] = await router.handle(msg(w.collector_account, callback=f"col:r:{w.occurrences[1]}"), PLAIN)
    assert "gõ lý do" in ask.html
    [back] = await router.handle(msg(w.collector_account, "Thiếu phụ lục số liệu"), PLAIN)
    assert "Đã trả lại" in back.html and "Thiếu phụ lục" in back.html
    with db.session() as s:
        assert s.get_one(Occurrence, w.occurrences[0]).status == "confirmed"
        returned = s.get_one(Occurrence, w.occurrences[1])
        assert (returned.status, returned.returned_reason) == ("returned", "Thiếu phụ lục số liệu")
        notices = [Reply.from_payload(o.payload or {}).html for o in s.exec(select(Outbox)).all()]
        assert any("Thiếu phụ lục số liệu" in h and "trả lại" in h for h in notices)

    # nudge: the 8 missing units' members (and the returned one's), once; a second tap nudges nobody
    [nudged] = await router.handle(
        msg(w.collector_account, callback=f"colx:n:{w.deadline_id}:20260310"), PLAIN
    )
    assert "Đã nhắc 9 người của 9/9 đơn vị" in nudged.html
    [again] = await router.handle(
        msg(w.collector_account, callback=f"colx:n:{w.deadline_id}:20260310"), PLAIN
    )
    assert "Đã nhắc 0 người" in again.html and "9 người đã được nhắc hôm nay" in again.html
    with db.session() as s:
        assert len(s.exec(select(Reminder).where(Reminder.offset_key == "nudge:2026-03-12")).all()) == 9

    # export and the submitted file on a channel without files
    [xlsx] = await router.handle(msg(w.collector_account, callback=f"colx:x:{w.deadline_id}:20260310"), PLAIN)
    assert xlsx.file is not None and xlsx.file.filename.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.file.content)).active
    assert sheet is not None
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=6)]
    assert len(values) == 20
    by_unit = {v[1]: v for v in values}
    assert by_unit["UBND xã 01"][2] == "đã nộp đúng hạn" and by_unit["UBND xã 01"][5] == "bao-cao-01.docx"
    assert by_unit["UBND xã 01"][7] == "Chuyên viên SNgV"
    assert by_unit["UBND xã 10"][2] == "nộp muộn" and by_unit["UBND xã 20"][2] == "quá hạn, chưa nộp"


async def test_only_the_receiving_unit_and_admins(
    world: tuple[Router, ClassReport, ManualClock], db: Database
) -> None:
    router, w, clock = world
    await submit_all(router, w, clock)
    key = f"{w.deadline_id}:20260310"
    for outsider in (w.outsider_account, w.accounts[15]):  # an unrelated unit; an owing unit
        [none] = await router.handle(msg(outsider, "/theodoi"), PLAIN)
        assert "không phải nơi nhận" in none.html
        for data in (
            f"col:b:{key}:1",
            f"col:c:{w.occurrences[0]}",
            f"col:r:{w.occurrences[0]}",
            f"colx:n:{key}",
            f"colx:x:{key}",
        ):
            [refused] = await router.handle(msg(outsider, callback=data), PLAIN)
            assert "Chỉ thành viên đơn vị nhận" in refused.html or "Chỉ đơn vị nhận" in refused.html, data
    [stranger] = await router.handle(msg("nobody", "/theodoi"), PLAIN)
    assert "chưa được xác minh" in stranger.html
    # an admin (no unit) sees every board and may act
    [admin_list] = await router.handle(msg("boss", "/theodoi"), RICH)
    assert "12/20" in admin_list.html
    [ok] = await router.handle(msg("boss", callback=f"col:c:{w.occurrences[2]}"), RICH)
    assert "Đã xác nhận" in ok.html
    with db.session() as s:
        assert s.get_one(Occurrence, w.occurrences[0]).status == "submitted"  # the refusals changed nothing
        assert s.exec(select(Reminder).where(Reminder.offset_key.startswith("nudge"))).all() == []  # type: ignore[attr-defined]


async def test_draft_report_by_command(world: tuple[Router, ClassReport, ManualClock]) -> None:
    router, w, _ = world
    [reply] = await router.handle(msg(w.accounts[0], "/baocao"), RICH)
    assert reply.file is not None and reply.file.filename.endswith(".docx")
    assert reply.buttons[0][0].data == f"dl:done:{w.occurrences[0]}"
    [refused] = await router.handle(msg(w.accounts[1], callback=f"rp:d:{w.occurrences[0]}"), RICH)
    assert "không thuộc đơn vị" in refused.html


async def test_a_nudge_asked_in_quiet_hours_waits_for_the_morning(
    world: tuple[Router, ClassReport, ManualClock], db: Database
) -> None:
    """At 22:30 the nudge is recorded at once (a second tap nudges nobody) but its messages wait for
    the next morning's reminder time; at 06:30 they wait for 08:00 the same day."""
    router, w, clock = world
    clock.set(dt.datetime(2026, 3, 11, 22, 30, tzinfo=VN_TZ))
    [nudged] = await router.handle(
        msg(w.collector_account, callback=f"colx:n:{w.deadline_id}:20260310"), PLAIN
    )
    assert "của 20/20 đơn vị" in nudged.html
    with db.session() as s:
        waiting = s.exec(select(Outbox).where(Outbox.kind == "reminder")).all()
        assert len(waiting) == int(nudged.html.split("nhắc ")[1].split()[0])
        assert {o.not_before.astimezone(VN_TZ) for o in waiting if o.not_before} == {
            dt.datetime(2026, 3, 12, 8, 0, tzinfo=VN_TZ)
        }
    clock.set(dt.datetime(2026, 3, 13, 6, 30, tzinfo=VN_TZ))
    await router.handle(msg(w.collector_account, callback=f"colx:n:{w.deadline_id}:20260310"), PLAIN)
    with db.session() as s:
        newest = select(Outbox).where(Outbox.kind == "reminder").order_by(col(Outbox.id).desc())
        latest = s.exec(newest).first()
        assert latest is not None and latest.not_before is not None
        assert latest.not_before.astimezone(VN_TZ) == dt.datetime(2026, 3, 13, 8, 0, tzinfo=VN_TZ)
