"""What a new user ran into in the chat (issue 13, minor items): numbered choices, free text,
"did you mean", long questions, languages, empty broadcasts, repeated duties, units' provinces."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlmodel import select

from config.settings import Settings
from handlers.context import AppServices, ChannelCaps
from handlers.registry import build_router
from handlers.router import Router
from messages.types import Incoming, Reply, Sender
from parsing.model import ParsedAssignment, ParsedPlan, PlanHeader
from services import occurrences as occ_svc
from services.clock import VN_TZ, ManualClock
from services.duties import unit_duties
from services.importer import import_plan
from services.members import ensure_account, join_unit
from services.samples import import_samples_if_empty
from storage.db import Database
from storage.enums import OccurrenceStatus
from storage.models import Occurrence, Unit
from tests.services import world

REPO = Path(__file__).resolve().parents[2]
PLAIN = ChannelCaps(name="console", text_limit=4000, supports_buttons=False, supports_html=False)
NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=VN_TZ)


def router_for(db: Database) -> Router:
    settings = Settings(_env_file=None, admins=["console:boss"])  # type: ignore[call-arg]
    return build_router(AppServices(db=db, clock=ManualClock(NOW), settings=settings))


async def say(router: Router, who: str, text: str) -> list[Reply]:
    return await router.handle(Incoming(sender=Sender("console", who, who), text=text), PLAIN)


@pytest.fixture
def samples(db: Database) -> Router:
    with db.session() as s:
        import_samples_if_empty(s, directory=REPO / "data" / "plans", default_province="Đồng Nai")
        unit = s.exec(select(Unit).where(Unit.name == "Sở Nội vụ")).one()
        account = ensure_account(s, channel="console", external_id="officer")
        join_unit(s, person_id=account.person_id, unit_id=unit.id or 0, now=NOW)
        occ_svc.materialize(s, today=NOW.date())
    return router_for(db)


async def test_a_typed_number_picks_the_item_with_that_number(db: Database) -> None:
    with db.session() as s:
        prov = world.province(s)
        unit = world.unit(s, "Sở Ngoại vụ", prov)
        plan = world.plan(s, "5/KH-UBND", prov, dt.date(2026, 1, 1))
        for day in (3, 4, 5, 6, 9):
            world.deadline(s, plan, [unit], recurrence="once", due_date=dt.date(2026, 3, day))
        occ_svc.materialize(s, today=NOW.date())
        account = ensure_account(s, channel="console", external_id="officer")
        join_unit(s, person_id=account.person_id, unit_id=unit.id or 0, now=NOW)
        rows = s.exec(select(Occurrence).order_by(Occurrence.due_on)).all()
        for done in rows[:2]:  # items 1 and 2 reported: no button of theirs
            done.status, done.submitted_at = OccurrenceStatus.submitted, NOW
            s.add(done)
        third = rows[2].id
    router = router_for(db)
    [listing] = await say(router, "officer", "/hanbaocao")
    assert "3. ✅ Đã nộp 3" in listing.html and "1. ✅" not in listing.html
    [answer] = await say(router, "officer", "3")
    assert "04/03/2026" not in answer.html and "05/03/2026" in answer.html
    with db.session() as s:
        assert s.get(Occurrence, third).status == OccurrenceStatus.submitted  # item 3, not item 5


async def test_unknown_language_names_the_languages(samples: Router) -> None:
    [reply] = await say(samples, "officer", "/lang fr")
    assert "Tiếng Việt (/lang vi)" in reply.html and "English (/lang en)" in reply.html


@pytest.mark.parametrize(
    "question", ["hạn báo cáo của đơn vị tôi", "khi nao phai nop bao cao", "when is my next report due"]
)
async def test_free_text_reaches_the_deadlines(samples: Router, question: str) -> None:
    [reply] = await say(samples, "officer", question)
    assert "Hạn báo cáo của Sở Nội vụ" in reply.html


async def test_a_one_letter_typo_gets_did_you_mean(samples: Router) -> None:
    [reply] = await say(samples, "officer", "so ngoai vu phu trch gi")
    assert "Có phải bạn muốn hỏi: «so ngoai vu phu trach gi»" in reply.html
    [reply] = await say(samples, "officer", "/nhiemvuu")
    assert "Có phải bạn muốn gõ /nhiemvu?" in reply.html


async def test_a_very_long_question_is_not_echoed_back_whole(samples: Router) -> None:
    replies = await say(samples, "officer", "ai phụ trách " + "xyz " * 1425)
    assert len(replies) == 1 and len(replies[0].html) < 600 and "…" in replies[0].html


async def test_who_names_units_with_their_province(samples: Router) -> None:
    [reply] = await say(samples, "officer", "ai phụ trách viện trợ phi chính phủ?")
    assert "Sở Tài chính (tỉnh Đồng Nai)" in reply.html


async def test_a_broadcast_to_nobody_is_refused(db: Database) -> None:
    router = router_for(db)
    await say(router, "boss", "/broadcast")
    await say(router, "boss", "Họp giao ban thứ Hai")
    [reply] = await say(router, "boss", "1")  # Mọi người: nobody has joined
    assert "Không gửi" in reply.html and "Trả lời bằng số" not in reply.html


def test_a_duty_named_and_given_to_its_class_is_listed_once(db: Database) -> None:
    duty = "Tổng hợp báo cáo công tác đối ngoại"
    parsed = ParsedPlan(
        header=PlanHeader(number="9/KH-UBND", issuer="UBND tỉnh Đồng Nai", title="Đối ngoại"),
        assignments=[
            ParsedAssignment(unit="Sở Ngoại vụ", group=False, role="lead", duty=duty),
            ParsedAssignment(unit="các sở, ban, ngành", group=True, role="lead", duty=duty),
            ParsedAssignment(
                unit="các sở, ban, ngành", group=True, role="support", duty="Phối hợp tuyên truyền"
            ),
        ],
    )
    with db.session() as s:
        import_plan(s, parsed=parsed, source_name="9.txt", content_hash="9", default_province="Đồng Nai")
        unit = s.exec(select(Unit).where(Unit.name == "Sở Ngoại vụ")).one()
        listed = unit_duties(s, unit_id=unit.id or 0, today=NOW.date())
    duties = [(d.duty, d.group_key is None) for p in listed.plans for d in p.duties]
    assert listed.total == 2 and duties == [(duty, True), ("Phối hợp tuyên truyền", False)]
