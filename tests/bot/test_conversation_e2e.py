"""Officer and admin conversations on the gold plans, through the real Application and fake Bot API."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from sqlmodel import select

from services.importer import import_plan
from storage.models import Membership, Plan
from tests.bot.conftest import ADMIN
from tests.bot.harness import Harness
from tests.services.test_importer import gold

REPO = Path(__file__).resolve().parents[2]
ALLOWED_TAGS = {"b", "i", "code", "a"}


def load_gold(h: Harness, stems: tuple[str, ...] = ("001", "002", "003", "004")) -> None:
    with h.app.services.db.session() as s:
        for stem in stems:
            import_plan(
                s,
                parsed=gold(stem),
                source_name=stem,
                content_hash=stem,
                default_province="Đồng Nai",
                now=h.app.services.clock.now(),
            )


def safe_html(text: str) -> bool:
    """Only our own tags: any '<' from a document would have been escaped."""
    return all(tag in ALLOWED_TAGS for tag in re.findall(r"</?([a-zA-Z]+)", text))


async def test_join_by_request_then_ask_duties_page_and_open_source(bot: Harness) -> None:
    load_gold(bot)
    officer = 2001
    await bot.say(ADMIN, "/help")  # the admin writes first, so the bot knows where to reach them
    [pick] = await bot.say(officer, "/join so tai chinh dong nai")
    choice = next(d for d in bot.buttons(pick) if d.startswith("join:req:"))
    [sent] = await bot.tap(officer, choice)
    assert "Đã gửi yêu cầu" in sent.text
    await bot.tg.wait_for(lambda: any("Yêu cầu gia nhập" in m for m in bot.tg.texts_to(ADMIN)))
    request = next(m for m in bot.tg.messages[str(ADMIN)] if "Yêu cầu gia nhập" in m.text)
    approve = next(d for d in bot.buttons(request) if d.startswith("join:ok:"))
    await bot.tap(ADMIN, approve, message_id=request.message_id)
    await bot.tg.wait_for(lambda: any("đã duyệt" in m for m in bot.tg.texts_to(officer)))

    # with and without diacritics, command and free text
    for question in (
        "/nhiemvu",
        "đơn vị tôi phụ trách gì",
        "nhiem vu cua so tai chinh",
        "what are my duties",
    ):
        [answer] = await bot.say(officer, question)
        assert "Nhiệm vụ của Sở Tài chính" in answer.text, question
        assert "3935/KH-UBND" in answer.text and safe_html(answer.text)
        assert len(answer.text) <= 4096
    [other] = await bot.say(officer, "Sở Ngoại vụ Đồng Nai phụ trách gì?")
    assert "Nhiệm vụ của Sở Ngoại vụ" in other.text

    [mine] = await bot.say(officer, "/nhiemvu")
    source_button = next(d for d in bot.buttons(mine) if d.startswith("duty:src:"))
    [source] = await bot.tap(officer, source_button)
    assert "«" in source.text and safe_html(source.text)
    back = [d for d in bot.buttons(source) if d.startswith("duty:unit:")]
    assert back

    [who] = await bot.say(officer, "ai phụ trách viện trợ phi chính phủ")
    assert "Ai phụ trách" in who.text and "Liên hiệp" in who.text


async def test_paging_stays_within_the_limit(bot: Harness) -> None:
    load_gold(bot)
    with bot.app.services.db.session() as s:
        plan = s.exec(select(Plan)).first()
        assert plan is not None
    [pick] = await bot.say(ADMIN, "/hoi Sở Ngoại vụ Đồng Nai")
    assert "trang 1/" in pick.text


async def test_admin_imports_a_plan_file_only_on_confirmation(bot: Harness) -> None:
    sample = REPO / "data" / "plans" / "003_e84c5a2c7a77fed5.txt"
    await bot.say(ADMIN, "/help")
    [preview] = await bot.send_file(ADMIN, sample.name, sample.read_bytes())
    assert "Đọc được từ" in preview.text and "Nhập kế hoạch này?" in preview.text
    confirm = [d for d in bot.buttons(preview) if d.endswith(":c:nhap")]
    assert len(confirm) == 1 and any(d.endswith(":c:huy") for d in bot.buttons(preview))
    with bot.app.services.db.session() as s:
        assert s.exec(select(Plan)).first() is None  # nothing stored before the confirmation
    await bot.tap(ADMIN, confirm[0], message_id=preview.message_id)
    await bot.tg.wait_for(
        lambda: (
            any("Đã nhập" in m for m in bot.tg.texts_to(ADMIN))
            or any("Đã nhập" in c.params.get("text", "") for c in bot.tg.calls_to("editMessageText"))
        )
    )
    with bot.app.services.db.session() as s:
        assert len(s.exec(select(Plan)).all()) == 1


async def test_non_admin_file_and_oversized_message_change_nothing(bot: Harness) -> None:
    [refused] = await bot.send_file(3001, "plan.txt", b"KE HOACH")
    assert "quản trị viên" in refused.text
    [huge] = await bot.say(3001, "nhiem vu cua " + "x" * 5000)
    assert "mã mời" in huge.text  # the member gate answers before any work is done
    with bot.app.services.db.session() as s:
        assert s.exec(select(Plan)).first() is None
        assert s.exec(select(Membership)).first() is None


async def test_officer_marks_a_report_done_and_the_admin_confirms(bot: Harness) -> None:
    """The two-step close over Telegram: /hanbaocao -> Đã nộp (+ note) -> admin confirms."""
    from services.clock import local_today
    from services.members import create_invite
    from services.occurrences import materialize
    from services.units import search_units
    from storage.enums import OccurrenceStatus
    from storage.models import Occurrence

    load_gold(bot, ("002",))
    services = bot.app.services
    with services.db.session() as s:
        materialize(s, today=local_today(services.clock))
        unit = search_units(s, query="Sở Tài chính Đồng Nai", limit=1)[0].unit
        _, code = create_invite(s, unit_id=unit.id or 0, now=services.clock.now(), ttl=dt.timedelta(hours=1))
    officer = 2101
    await bot.say(ADMIN, "/help")
    await bot.say(officer, code)

    [listing] = await bot.say(officer, "/hanbaocao")
    assert "Sở Ngoại vụ" in listing.text and safe_html(listing.text)  # the yearly report goes to SNgV
    done = next(d for d in bot.buttons(listing) if d.startswith("dl:done:"))
    occurrence_id = int(done.rsplit(":", 1)[1])
    [ask_note] = await bot.tap(officer, done, message_id=listing.message_id)
    assert "dl:skipnote" in bot.buttons(ask_note)
    await bot.say(officer, "Công văn số 123/STC gửi ngày 10/11 <kèm phụ lục>")
    with services.db.session() as s:
        occurrence = s.get_one(Occurrence, occurrence_id)
        assert occurrence.status == OccurrenceStatus.submitted
        assert occurrence.note == "Công văn số 123/STC gửi ngày 10/11 <kèm phụ lục>"

    [review] = await bot.say(ADMIN, "/hanbaocao")
    assert "Ghi chú: Công văn số 123/STC gửi ngày 10/11 &lt;kèm phụ lục&gt;" in review.text  # escaped
    await bot.tap(ADMIN, f"dl:confirm:{occurrence_id}", message_id=review.message_id)
    with services.db.session() as s:
        assert s.get_one(Occurrence, occurrence_id).status == OccurrenceStatus.confirmed
