"""Scans and photos end to end: an admin sends a scanned PDF and an album of three photos on Telegram
and images on Zalo; each reaches the preview, marked as read by OCR, with a status line while pages
are read; nothing is imported before the confirmation. An officer sending a photo is told who
imports plans, and the photo is never read."""

from __future__ import annotations

from sqlmodel import select

from storage.models import Plan
from testkit.fakes.telegram_server import SentMessage
from tests.bot.conftest import ADMIN
from tests.bot.harness import Harness
from tests.bot.zalo_harness import ZALO_ADMIN, zalo_bot
from tests.ocr_support import jpeg, needs_fonts, needs_tesseract, scans

pytestmark = [needs_tesseract, needs_fonts]
PLAN = "002"  # 3935/KH-UBND of UBND tỉnh Đồng Nai, five pages


def previews(h: Harness) -> list[SentMessage]:
    return [m for m in h.tg.messages.get(str(ADMIN), []) if "Nhập kế hoạch này" in m.text]


def plans(h: Harness) -> list[Plan]:
    with h.app.services.db.session() as session:
        return list(session.exec(select(Plan)))


async def test_scanned_pdf_reaches_the_preview_then_imports_on_confirmation(bot: Harness) -> None:
    pdf = scans(PLAN)["degraded"].pdf()  # 150 dpi, skewed, noisy, sealed
    bot.tg.push_document(ADMIN, "ke-hoach-scan.pdf", pdf)
    await bot.tg.wait_for(lambda: previews(bot) != [], 120)
    sent = bot.tg.messages[str(ADMIN)]
    status, preview = sent[0], sent[-1]
    assert "OCR" in status.text and status.edits, "one status message, edited page by page"
    assert "trang 5/5" in status.text
    assert "Đọc bằng nhận dạng chữ (OCR)" in preview.text and "3935/KH-UBND" in preview.text
    assert plans(bot) == []  # nothing stored before the confirmation
    await bot.tap(ADMIN, "imp:ok", message_id=preview.message_id)
    [plan] = plans(bot)
    assert plan.number == "3935/KH-UBND" and plan.read_by == "ocr"


async def test_three_photos_sent_together_are_one_plan(bot: Harness) -> None:
    clean = scans(PLAN)["clean"]
    bot.tg.push_photos(ADMIN, [jpeg(clean, k) for k in range(3)])
    await bot.tg.wait_for(lambda: previews(bot) != [], 120)
    found = previews(bot)
    assert len(found) == 1, "one album, one plan"
    assert "Đã nhận 3 trang" in bot.tg.messages[str(ADMIN)][0].edits[0]
    assert "3935/KH-UBND" in found[0].text and "OCR" in found[0].text
    assert plans(bot) == []


async def test_officer_photo_gets_a_clear_answer_and_is_not_read(bot: Harness) -> None:
    before = len(bot.tg.calls_to("getFile"))
    bot.tg.push_photos(3001, [b"\xff\xd8\xff not really read"], album=False)
    [answer] = await bot.wait_messages(3001, 1)
    assert "Chỉ quản trị viên mới nhập được kế hoạch" in answer.text
    assert len(bot.tg.calls_to("getFile")) == before
    assert plans(bot) == []


async def test_zalo_admin_images_reach_the_preview(database_url: str) -> None:
    clean = scans(PLAN)["clean"]
    async with zalo_bot(database_url, "polling", album_wait_seconds=0.5) as h:
        for k in range(3):
            url = h.fake.host_file(f"trang{k + 1}.jpg", jpeg(clean, k))
            h.fake.push(h.fake.image_update(ZALO_ADMIN, url))
        preview = await h.expect(ZALO_ADMIN, "Nhập kế hoạch này", within=120)
        assert "3935/KH-UBND" in preview and "OCR" in preview
        assert "1. ✅ Nhập" in preview  # no buttons on Zalo: numbered choices
        assert any("Đã nhận 3 trang" in t for t in h.fake.texts(ZALO_ADMIN))
        with h.app.services.db.session() as session:
            assert list(session.exec(select(Plan))) == []
