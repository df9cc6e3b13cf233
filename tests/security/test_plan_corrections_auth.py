"""Who may correct a plan, checked on every call: officers never (commands, buttons, typed lines in a
review flow, even with a copy of an admin's draft), an admin demoted halfway loses the draft's
every step at once, and button data is never trusted (stale drafts, forged numbers and templates,
another admin's draft). Each refused call leaves every table as it was.

The route-by-role matrix of tests/security/test_authorisation.py covers /sua and the sua/rv
callbacks by introspection; this file covers what a matrix cannot: flows, drafts and forged data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from config.settings import Settings
from handlers.context import AppServices, ChannelCaps
from handlers.registry import build_router
from handlers.router import Router
from messages.i18n import t
from messages.types import Incoming, IncomingFile, Reply, Sender
from services.clock import ManualClock
from services.members import ensure_account, join_unit, set_admin
from storage.db import Database
from storage.models import ConversationState, Plan, PlanCorrection, Unit
from tests.security.test_authorisation import snapshot

RICH = ChannelCaps(name="telegram", text_limit=4096, supports_buttons=True, supports_html=True)
PLAN = Path(__file__).resolve().parents[1] / "fixtures" / "corrections" / "2f6f80b9918e52de.md"
ADMIN, OTHER_ADMIN, OFFICER = "201", "202", "203"


@pytest.fixture
def router(db: Database, clock: ManualClock) -> Router:
    app = AppServices(db=db, clock=clock, settings=Settings(_env_file=None, admins=[]))  # type: ignore[call-arg]
    with db.session() as s:
        unit = Unit(name="Sở Nội vụ", kind="so", key="so noi vu")
        s.add(unit)
        s.flush()
        assert unit.id is not None
        for uid in (ADMIN, OTHER_ADMIN, OFFICER):
            account = ensure_account(s, channel="telegram", external_id=uid)
            account.chat_id = uid
            s.add(account)
            if uid == OFFICER:
                join_unit(s, person_id=account.person_id, unit_id=unit.id, now=clock.now())
            else:
                set_admin(s, person_id=account.person_id, admin=True, by=None)
    return build_router(app)


async def send(router: Router, uid: str, **fields: Any) -> list[Reply]:
    return await router.handle(Incoming(sender=Sender("telegram", uid, uid), **fields), RICH)


async def upload(router: Router, uid: str) -> list[Reply]:
    data = PLAN.read_bytes()

    async def fetch() -> bytes:
        return data

    return await send(router, uid, file=IncomingFile(PLAN.name, len(data), fetch))


def buttons(replies: list[Reply]) -> list[str]:
    return [b.data for r in replies for row in r.buttons for b in row]


def token(replies: list[Reply]) -> str:
    return next(d.split(":")[1] for d in buttons(replies) if d.startswith("rv:"))


def state_of(db: Database, uid: str) -> ConversationState:
    with db.session() as s:
        account = ensure_account(s, channel="telegram", external_id=uid)
        row = s.get(ConversationState, account.id)
        assert row is not None
        s.expunge(row)
        return row


def copy_state(db: Database, source: ConversationState, uid: str) -> None:
    with db.session() as s:
        account = ensure_account(s, channel="telegram", external_id=uid)
        row = s.get(ConversationState, account.id) or ConversationState(account_id=account.id or 0, state="")
        row.state, row.data = source.state, dict(source.data or {})
        s.add(row)


ADMIN_ONLY = {t(lang, "router.admin_only") for lang in ("vi", "en")}


async def test_an_officer_cannot_correct_even_with_a_copy_of_an_admins_draft(
    router: Router, db: Database
) -> None:
    preview = await upload(router, ADMIN)
    tok = token(preview)
    copy_state(db, state_of(db, ADMIN), OFFICER)  # the officer's account now "has" the draft
    before = snapshot(db)
    for fields in (
        {"text": "xoa 1"},
        {"text": "vai 3"},
        {"text": "nhap"},
        {"text": "1"},  # a numbered choice
        {"callback": f"rv:{tok}:c:xoa 1"},
        {"callback": f"rv:{tok}:c:nhap"},
        {"callback": f"rv:{tok}:i:them 1 chu tri {{}}"},
        {"callback": "imp:ok"},
        {"text": "/sua"},
        {"text": "/sua 1"},
        {"callback": "sua:1"},
    ):
        replies = await send(router, OFFICER, **fields)
        assert [r.html for r in replies] in ([h] for h in ADMIN_ONLY), (
            fields,
            [r.html[:80] for r in replies],
        )
    with db.session() as s:
        s.get_one(ConversationState, state_of(db, OFFICER).account_id)  # untouched
    after = snapshot(db)
    assert after == before
    with db.session() as s:
        assert s.exec(select(Plan)).first() is None


async def test_an_admin_demoted_halfway_loses_every_step_at_once(router: Router, db: Database) -> None:
    preview = await upload(router, ADMIN)
    tok = token(preview)
    [done] = await send(router, ADMIN, callback=f"rv:{tok}:c:vai 3")
    assert done.html.startswith("✔")
    with db.session() as s:
        account = ensure_account(s, channel="telegram", external_id=ADMIN)
        set_admin(s, person_id=account.person_id, admin=False, by=None)
    before = snapshot(db)
    for fields in (
        {"callback": f"rv:{tok}:c:nhap"},
        {"callback": f"rv:{tok}:c:xoa 1"},
        {"text": "nhap"},
        {"text": "xoa 1"},
        {"callback": "imp:ok"},
    ):
        replies = await send(router, ADMIN, **fields)
        assert [r.html for r in replies] in ([h] for h in ADMIN_ONLY), fields
    assert snapshot(db) == before
    with db.session() as s:  # promoted again: the draft is where it was, one correction in it
        account = ensure_account(s, channel="telegram", external_id=ADMIN)
        set_admin(s, person_id=account.person_id, admin=True, by=None)
    [saved] = await send(router, ADMIN, callback=f"rv:{tok}:c:nhap")
    assert "Đã nhập" in saved.html and "1 sửa đổi" in saved.html
    with db.session() as s:
        assert [c.op for c in s.exec(select(PlanCorrection))] == ["set_role"]


async def test_button_data_is_never_trusted(router: Router, db: Database) -> None:
    first = await upload(router, ADMIN)
    old = token(first)
    second = await upload(router, ADMIN)  # a new preview: the first one's buttons are stale
    tok = token(second)
    assert tok != old
    before = snapshot(db)
    expectations: list[tuple[str, str]] = [
        (f"rv:{old}:c:nhap", t("vi", "rv.stale_button")),
        (f"rv:{old}:c:xoa 1", t("vi", "rv.stale_button")),
        (f"rv:{tok}:c:xoa 99999", "⚠ " + t("vi", "rv.err.no_row", target="99999")),
        (f"rv:{tok}:c:vai h1", "⚠ " + t("vi", "rv.usage.role")),
        (f"rv:{tok}:c:DROP TABLE plan", t("vi", "rv.unknown", text="DROP TABLE plan")),
        (f"rv:{tok}:i:xoa 1", t("vi", "join.bad_request")),  # an "ask" must have a blank to fill
        (f"rv:{tok}:i:{{}}{'x' * 45}", t("vi", "join.bad_request")),
        (f"rv:{tok}:z:xoa 1", t("vi", "join.bad_request")),
        ("rv:only", t("vi", "join.bad_request")),
        ("sua:abc", t("vi", "join.bad_request")),
        ("sua:99999", t("vi", "rv.no_plan", id=99999)),
    ]
    for data, expected in expectations:
        replies = await send(router, ADMIN, callback=data)
        assert [r.html for r in replies] == [expected], data
    # nothing was written, and the draft still holds no correction
    assert {k: v for k, v in snapshot(db).items() if k != "conversationstate"} == {
        k: v for k, v in before.items() if k != "conversationstate"
    }
    assert not (state_of(db, ADMIN).data or {})["rv"]["new"]


async def test_one_admins_buttons_do_not_act_on_another_admins_draft(router: Router, db: Database) -> None:
    mine = token(await upload(router, ADMIN))
    await upload(router, OTHER_ADMIN)
    replies = await send(router, OTHER_ADMIN, callback=f"rv:{mine}:c:nhap")
    assert [r.html for r in replies] == [t("vi", "rv.stale_button")]
    with db.session() as s:
        assert s.exec(select(Plan)).first() is None
