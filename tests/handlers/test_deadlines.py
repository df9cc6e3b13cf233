"""/hanbaocao, dl:* buttons (and their numbered form), notes, snoozes, the admin close, /datngay, /lich."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar
from sqlmodel import select

from config.settings import Settings
from handlers import closing, deadlines
from handlers.context import AppServices, ChannelCaps
from handlers.router import Router
from messages.types import Incoming, Reply, Sender
from services import occurrences as occ_svc
from services.clock import ManualClock
from storage.db import Database
from storage.models import ChatAccount, Deadline, Membership, Occurrence, Outbox, Person, Snooze
from tests.services import world

PLAIN = ChannelCaps(name="console", text_limit=4000, supports_buttons=False, supports_html=False)
RICH = ChannelCaps(name="telegram", text_limit=4096, supports_buttons=True, supports_html=True)
D = dt.date


@pytest.fixture
def setup(db: Database, clock: ManualClock) -> tuple[Router, dict[str, int]]:
    app = AppServices(db=db, clock=clock, settings=Settings(admins=["console:boss"]))
    router = Router(app)
    deadlines.register(router)
    closing.register(router)  # dl:return asks the reason in its flow
    with db.session() as s:
        prov = world.province(s)
        unit = world.unit(s, "Sở Ngoại vụ", prov)
        other = world.unit(s, "Sở Tài chính", prov)
        for ext, u in (("u1", unit), ("u2", other)):
            person = Person(display_name=ext)
            s.add(person)
            s.flush()
            s.add(ChatAccount(person_id=person.id or 0, channel="console", external_id=ext, chat_id=ext))
            s.add(Membership(person_id=person.id or 0, unit_id=u.id or 0))
        plan = world.plan(s, "35/KH-UBND", prov, D(2026, 1, 1))
        world.deadline(s, plan, [unit], recurrence="once", due_date=D(2026, 3, 4))
        yearly = world.deadline(s, plan, [unit], recurrence="yearly")  # no day in the text
        world.deadline(s, plan, [unit], recurrence="monthly", day=31)
        occ_svc.materialize(s, today=D(2026, 3, 2))
        first = s.exec(select(Occurrence).order_by(Occurrence.due_on)).first()
        assert first is not None
        return router, {"occ": first.id or 0, "yearly": yearly.id or 0, "unit": unit.id or 0}


def msg(text: str | None = None, *, user: str = "u1", callback: str | None = None) -> Incoming:
    return Incoming(
        sender=Sender(channel="console", external_id=user, chat_id=user), text=text, callback=callback
    )


async def test_list_mark_done_with_a_note_by_number(
    setup: tuple[Router, dict[str, int]], db: Database
) -> None:
    router, ids = setup
    [page] = await router.handle(msg("/hanbaocao"), PLAIN)
    assert "Sở Ngoại vụ" in page.html and "04/03/2026" in page.html and "sắp đến hạn" in page.html
    assert "1. ✅ Đã nộp 1" in page.html  # buttons became numbered choices
    [done] = await router.handle(msg("1"), PLAIN)
    assert "Đã ghi nhận" in done.html and "1. Bỏ qua" in done.html
    [saved] = await router.handle(msg("https://drive.example/bc-q1.pdf"), PLAIN)
    assert "Đã lưu báo cáo" in saved.html and "bc-q1.pdf" in saved.html
    with db.session() as s:
        occ = s.get_one(Occurrence, ids["occ"])
        assert (occ.status, occ.note) == ("submitted", "https://drive.example/bc-q1.pdf")
    [page] = await router.handle(msg("/hanbaocao"), PLAIN)
    assert "chờ xác nhận" in page.html and "bc-q1.pdf" in page.html


async def test_skip_note_and_snooze_buttons(setup: tuple[Router, dict[str, int]], db: Database) -> None:
    router, ids = setup
    [done] = await router.handle(msg(callback=f"dl:done:{ids['occ']}"), RICH)
    assert done.buttons[0][0].data == "dl:skipnote"
    [skipped] = await router.handle(msg(callback="dl:skipnote"), RICH)
    assert "không kèm" in skipped.html
    with db.session() as s:
        later = s.exec(
            select(Occurrence).where(Occurrence.id != ids["occ"]).order_by(Occurrence.due_on)
        ).first()
        assert later is not None
    [snoozed] = await router.handle(msg(callback=f"dl:snooze:{later.id}:3"), RICH)
    assert "05/03/2026" in snoozed.html
    with db.session() as s:
        assert s.exec(select(Snooze)).one().until == D(2026, 3, 5)
    [refused] = await router.handle(msg(user="u2", callback=f"dl:done:{later.id}"), RICH)
    assert "không thuộc đơn vị" in refused.html


async def test_admin_confirms_returns_and_sets_the_day(
    setup: tuple[Router, dict[str, int]], db: Database
) -> None:
    router, ids = setup
    await router.handle(msg(callback=f"dl:done:{ids['occ']}"), RICH)
    [denied] = await router.handle(msg(callback=f"dl:confirm:{ids['occ']}"), RICH)
    assert "quản trị" in denied.html
    [view] = await router.handle(msg("/hanbaocao", user="boss"), RICH)
    assert "Báo cáo chờ xác nhận</b> (1)" in view.html
    datas = [b.data for row in view.buttons for b in row]
    assert f"dl:confirm:{ids['occ']}" in datas and f"dl:day:{ids['yearly']}" in datas
    [why] = await router.handle(msg(callback=f"dl:return:{ids['occ']}", user="boss"), RICH)
    assert "gõ lý do" in why.html  # the one way back: with a reason the unit reads
    [back] = await router.handle(msg("thiếu số liệu quý", user="boss"), RICH)
    assert "Đã trả lại" in back.html and "thiếu số liệu quý" in back.html
    with db.session() as s:
        notice = s.exec(select(Outbox).where(Outbox.kind == "notice")).one()
        assert "trả lại" in Reply.from_payload(notice.payload or {}).html
        assert s.get_one(Occurrence, ids["occ"]).status == "returned"
    await router.handle(msg(callback=f"dl:done:{ids['occ']}"), RICH)
    [ok] = await router.handle(msg(callback=f"dl:confirm:{ids['occ']}", user="boss"), RICH)
    assert "Đã xác nhận" in ok.html
    # set the yearly deadline's day: by button then text, and by command
    [ask] = await router.handle(msg(callback=f"dl:day:{ids['yearly']}", user="boss"), RICH)
    assert f"#{ids['yearly']}" in ask.html
    [bad] = await router.handle(msg("ngày mười", user="boss"), RICH)
    assert "/datngay" in bad.html
    [done] = await router.handle(msg("15/11", user="boss"), RICH)
    assert "Đã đặt hạn" in done.html
    [again] = await router.handle(msg(f"/datngay {ids['yearly']} 20/11", user="boss"), RICH)
    assert "20/11" in again.html
    with db.session() as s:
        d = s.get_one(Deadline, ids["yearly"])
        assert (d.due_month, d.due_day, d.due_source) == (11, 20, "admin")
        dues = s.exec(select(Occurrence.due_on).where(Occurrence.deadline_id == ids["yearly"])).all()
        assert list(dues) == [D(2026, 11, 20)]


async def test_lich_sends_an_ics_with_rrules(setup: tuple[Router, dict[str, int]]) -> None:
    router, _ = setup
    [reply] = await router.handle(msg("/lich"), RICH)
    assert reply.file is not None and reply.file.filename.endswith(".ics")
    assert reply.file.mime_type == "text/calendar"
    cal = Calendar.from_ical(reply.file.content)
    events = cal.walk("VEVENT")
    assert len(events) == 3
    assert b"FREQ=MONTHLY" in reply.file.content and b"BYSETPOS=-1" in reply.file.content
    assert b"FREQ=YEARLY" in reply.file.content
    [no_unit] = await router.handle(msg("/lich", user="boss"), RICH)
    assert "chưa thuộc" in no_unit.html or "thành viên" in no_unit.html or "mã mời" in no_unit.html
