"""The class report end to end over HTTP: the real Telegram Application against the fake Bot API, and
the Zalo channel against the fake Zalo API, with the delivery worker sending what is queued.

On Telegram an officer sends the report as a file and the collector receives that file; on Zalo an
officer sends a link. Each side's collector sees the board, confirms, and nudges the missing units,
whose members get exactly one message each, a second nudge that day none.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from sqlmodel import select

from bot.app import BotApp
from services.clock import VN_TZ
from storage.models import ChatAccount, Occurrence
from testkit.fakes.telegram_server import FakeTelegram, SentMessage
from tests.bot.conftest import make_settings
from tests.bot.harness import Harness
from tests.bot.zalo_harness import zalo_bot
from tests.services.collection_world import ClassReport, class_report, docx_bytes

# The nudge is sent at once whatever the hour the suite runs (a nudge in quiet hours waits for the
# morning: tests/handlers/test_collector.py drives that with a movable clock).
ANY_HOUR = "00:00-00:00"


def _renumber(app: BotApp, w: ClassReport, base: int, channel: str) -> dict[str, str]:
    """The world's accounts get ids the fake platform can address (old external id -> new)."""
    mapping: dict[str, str] = {}
    with app.services.db.session() as s:
        for account in s.exec(select(ChatAccount)).all():
            new = str(base + (account.id or 0))
            mapping[account.external_id] = new
            account.external_id, account.chat_id, account.channel = new, new, channel
            s.add(account)
    return mapping


async def test_class_report_on_telegram(tg: FakeTelegram, database_url: str, tmp_path: Path) -> None:
    app = BotApp.build(
        make_settings(database_url, tg, submissions_dir=tmp_path / "sub", quiet_hours=ANY_HOUR)
    )
    with app.services.db.session() as s:
        w = class_report(s, owing=10, today=dt.date.today(), due=dt.date.today() + dt.timedelta(days=5))
    ids = _renumber(app, w, 500_000, "telegram")
    telegram = app.add_telegram()
    await telegram.start_polling(poll_timeout=1)
    await app.start(idle_sleep=0.05)
    h = Harness(tg, app, telegram)
    collector = int(ids[w.collector_account])
    try:
        officer = int(ids[w.accounts[0]])
        [ask] = await h.tap(officer, f"dl:done:{w.occurrences[0]}")
        assert "Đã ghi nhận" in ask.text
        [saved] = await h.send_file(officer, "bao-cao-xa-01.docx", docx_bytes("Kết quả của xã 01"))
        assert "chuyển báo cáo" in saved.text
        # the collector gets the file itself, with confirm / return buttons
        await tg.wait_for(lambda: any(m.document for m in tg.messages.get(str(collector), [])))
        delivered = next(m for m in tg.messages[str(collector)] if m.document)
        assert delivered.document is not None and delivered.document[0] == "bao-cao-xa-01.docx"
        assert delivered.document[1][:2] == b"PK" and "UBND xã 01" in delivered.text
        assert f"col:c:{w.occurrences[0]}" in h.buttons(delivered)
        # a second officer submits a link
        second = int(ids[w.accounts[1]])
        await h.tap(second, f"dl:done:{w.occurrences[1]}")
        await h.say(second, "https://drive.example/xa02.pdf")
        await tg.wait_for(lambda: any("xa02.pdf" in m.text for m in tg.messages.get(str(collector), [])))
        board = await _answer(h, collector, "/theodoi", "Đã nộp")
        assert "Đã nộp <b>2/10</b>" in board.text and "chưa nộp <b>8</b>" in board.text
        assert "bao-cao-xa-01.docx" in board.text and "drive.example/xa02.pdf" in board.text
        [ok] = await h.tap(collector, f"col:c:{w.occurrences[0]}")
        assert "Đã xác nhận" in ok.text
        [nudged] = await h.tap(collector, f"colx:n:{w.deadline_id}:{_due(app, w):%Y%m%d}")
        assert "Đã nhắc 8 người của 8/8 đơn vị" in nudged.text
        missing = [int(ids[a]) for a in w.accounts[2:]]
        await tg.wait_for(
            lambda: all(any("nhắc" in m.text for m in tg.messages.get(str(u), [])) for u in missing)
        )
        [again] = await h.tap(collector, f"colx:n:{w.deadline_id}:{_due(app, w):%Y%m%d}")
        assert "Đã nhắc 0 người" in again.text
        for u in missing:
            assert sum(1 for m in tg.messages[str(u)] if "📣" in m.text) == 1
        # an owing unit cannot see the board
        [refused] = await h.tap(officer, f"col:b:{w.deadline_id}:{_due(app, w):%Y%m%d}:1")
        assert "Chỉ thành viên đơn vị nhận" in refused.text
    finally:
        await app.stop()
        app.services.db.dispose()


async def _answer(h: Harness, user: int, text: str, needle: str) -> SentMessage:
    """Say `text`, then wait for the answer holding `needle` (queued notices may arrive between)."""
    before = len(h.tg.messages.get(str(user), []))
    h.tg.push_text(user, text)
    await h.tg.wait_for(lambda: any(needle in m.text for m in h.tg.messages.get(str(user), [])[before:]))
    return next(m for m in h.tg.messages[str(user)][before:] if needle in m.text)


def _due(app: BotApp, w: ClassReport) -> dt.date:
    with app.services.db.session() as s:
        return s.get_one(Occurrence, w.occurrences[0]).due_on


async def test_class_report_on_zalo(database_url: str, tmp_path: Path) -> None:
    async with zalo_bot(database_url, "polling", submissions_dir=tmp_path / "sub", quiet_hours=ANY_HOUR) as h:
        with h.app.services.db.session() as s:
            w = today = dt.datetime.now(VN_TZ).date()
            w = class_report(s, owing=6, today=today, due=today + dt.timedelta(days=5))
        ids = _renumber(h.app, w, 700_000, "zalo")
        collector, officer = ids[w.collector_account], ids[w.accounts[0]]
        [listed] = await h.say(officer, "/hanbaocao")
        number = re.search(r"^(\d+)\. ✅ Đã nộp 1", listed, re.MULTILINE)
        assert number, listed
        [ask] = await h.say(officer, number.group(1))
        assert "Đã ghi nhận" in ask and "<b>" not in ask
        [saved] = await h.say(officer, "https://drive.example/xa01.pdf")
        assert "chuyển báo cáo" in saved
        told = await h.expect(collector, "UBND xã 01")
        assert "drive.example/xa01.pdf" in told and "Xác nhận" in told
        [board] = await h.say(collector, "ai chưa nộp báo cáo")
        assert "Đã nộp 1/6" in board and "chưa nộp 5" in board
        nudge = re.search(r"^(\d+)\. 📣 Nhắc 5 đơn vị chưa nộp", board, re.MULTILINE)
        assert nudge, board
        [nudged] = await h.say(collector, nudge.group(1))
        assert "Đã nhắc 5 người của 5/5 đơn vị" in nudged
        for a in w.accounts[1:]:
            await h.expect(ids[a], "📣")
        [again] = await h.say(collector, "ai chưa nộp báo cáo")
        nudge = re.search(r"^(\d+)\. 📣 Nhắc", again, re.MULTILINE)
        assert nudge
        [second] = await h.say(collector, nudge.group(1))
        assert "Đã nhắc 0 người" in second
        for a in w.accounts[1:]:
            assert sum(1 for t in h.fake.texts(ids[a]) if "📣" in t) == 1
        [refused] = await h.say(ids[w.outsider_account], "/theodoi")
        assert "không phải nơi nhận" in refused
