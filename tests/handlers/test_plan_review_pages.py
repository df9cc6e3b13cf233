"""Every page of a plan review and every button on it, through the real router: each page fits
Telegram (4096 characters, 64-byte button data, under 100 buttons), every navigation button opens
a page, and every button that asks for a name or a date asks for it (none is refused as malformed).
The plan has doubts of several kinds (items with no unit, a deadline phrase with no unit, units only
in "Nơi nhận", near-twin unit names)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from config.settings import Settings
from handlers.context import AppServices, ChannelCaps
from handlers.registry import build_router
from handlers.router import Router
from messages.i18n import t
from messages.types import Incoming, IncomingFile, Reply, Sender
from services.clock import ManualClock
from services.members import ensure_account, set_admin
from storage.db import Database

RICH = ChannelCaps(name="telegram", text_limit=4096, supports_buttons=True, supports_html=True)
ZALO = ChannelCaps(name="zalo", text_limit=2000, supports_buttons=False, supports_html=False)
PLAN = Path(__file__).resolve().parents[1] / "fixtures" / "corrections" / "f069c23c942c1ec6.md"
ADMIN = "301"


@pytest.fixture
def router(db: Database, clock: ManualClock) -> Router:
    app = AppServices(db=db, clock=clock, settings=Settings(_env_file=None, admins=[]))  # type: ignore[call-arg]
    with db.session() as s:
        account = ensure_account(s, channel="telegram", external_id=ADMIN)
        account.chat_id = ADMIN
        set_admin(s, person_id=account.person_id, admin=True, by=None)
    return build_router(app)


async def send(router: Router, caps: ChannelCaps = RICH, **fields: object) -> list[Reply]:
    return await router.handle(Incoming(sender=Sender("telegram", ADMIN, ADMIN), **fields), caps)  # type: ignore[arg-type]


async def upload(router: Router, caps: ChannelCaps = RICH) -> list[Reply]:
    data = PLAN.read_bytes()

    async def fetch() -> bytes:
        return data

    return await send(router, caps, file=IncomingFile(PLAN.name, len(data), fetch))


REFUSALS = {t("vi", k) for k in ("join.bad_request", "rv.stale_button", "rv.expired", "error.internal")}


async def test_every_page_and_button_of_a_review(router: Router) -> None:
    [home] = await upload(router)
    seen: set[str] = set()
    asks: set[str] = set()
    queue = [b.data for row in home.buttons for b in row]
    pages = rows = 0
    while queue:
        data = queue.pop()
        if data in seen:
            continue
        seen.add(data)
        kind = data.split(":")[2] if data.startswith("rv:") else ""
        if kind == "i":  # one of each shape ("them 12 chu tri {}" stands for every row's)
            if re.sub(r"\d+", "#", data) not in {re.sub(r"\d+", "#", a) for a in asks}:
                asks.add(data)
            continue
        command = data.split(":", 3)[-1]
        if not command.startswith("xem"):
            continue  # a correction, a confirmation: not a page
        if re.fullmatch(r"xem \d+", command) and (rows := rows + 1) > 12:
            continue  # a dozen row pages stand for all (they differ only in the row)
        [page] = await send(router, callback=data)
        pages += 1
        assert page.html not in REFUSALS and not page.html.startswith("⚠ "), (data, page.html[:200])
        assert len(page.html) <= 4096 and sum(len(r) for r in page.buttons) < 100, data
        assert all(len(b.data.encode()) <= 64 for r in page.buttons for b in r), data
        queue += [b.data for r in page.buttons for b in r]
    assert pages >= 40  # the overview, lists, every unit, doubt and deadline, a dozen rows
    assert {a.split(":", 3)[-1].split()[0] for a in asks} >= {"them", "han", "nop", "gui", "chon"}
    for data in sorted(asks):
        [prompt] = await send(router, callback=data)
        assert prompt.html not in REFUSALS and "Gõ" in prompt.html, (data, prompt.html)
        [cancelled] = await send(router, text="xem")  # leaves the prompt: back to the overview
        assert "Cần xem" in cancelled.html


async def test_on_zalo_every_page_fits_and_shows_its_commands(router: Router) -> None:
    preview = await upload(router, ZALO)
    assert "thêm 12 chủ trì" in preview[0].html and len(preview[0].buttons) == 0
    for line in ("xem d1", "xem 1", "xem h1", "xem n1", "xem n", "xem d", "xem h", "xem tất cả"):
        [page] = await send(router, ZALO, text=line)
        assert page.html not in REFUSALS and not page.html.startswith("⚠ "), line
        assert "Gõ" in page.html or line == "xem n", line  # the commands that act on what is shown
    # a doubt's closest units are offered as commands, not as bare numbers: on Zalo a bare number answers
    # the numbered choices (import, cancel), so "1" must never look like "pick the first unit"
    [doubt] = await send(router, ZALO, text="xem n1")
    assert "chọn n1 1" in doubt.html
    assert not re.search(r"^1\. (?!✅|↩)", doubt.html, re.MULTILINE), doubt.html


async def test_a_preview_shown_before_the_upgrade_still_imports(router: Router, db: Database) -> None:
    """A preview made by the previous version (state "imp.confirm", its "imp:ok" button) imports."""
    from parsing.document import parse_file
    from storage.models import ConversationState, Plan

    with db.session() as s:
        account = ensure_account(s, channel="telegram", external_id=ADMIN)
        data = {"plan": parse_file(PLAN).to_schema(), "name": PLAN.name, "hash": "legacy"}
        s.add(ConversationState(account_id=account.id or 0, state="imp.confirm", data=data))
    [done] = await send(router, callback="imp:ok")
    assert "Đã nhập" in done.html
    with db.session() as s:
        from sqlmodel import select

        assert s.exec(select(Plan)).one().source_hash == "legacy"


async def test_a_preview_shown_before_the_upgrade_is_cancelled_as_a_review_is(
    router: Router, db: Database
) -> None:
    """Its "imp:no" button cancels the way the review's own cancel does: nothing stored, no flow left."""
    from sqlmodel import select

    from parsing.document import parse_file
    from storage.models import ConversationState, Plan

    with db.session() as s:
        account = ensure_account(s, channel="telegram", external_id=ADMIN)
        data = {"plan": parse_file(PLAN).to_schema(), "name": PLAN.name, "hash": "legacy"}
        s.add(ConversationState(account_id=account.id or 0, state="imp.confirm", data=data))
    [done] = await send(router, callback="imp:no")
    assert done.html == t("vi", "rv.cancelled")
    with db.session() as s:
        assert s.exec(select(Plan)).all() == []
        assert [row.state for row in s.exec(select(ConversationState))] == [""]  # no flow left
