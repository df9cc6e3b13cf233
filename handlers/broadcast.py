"""/broadcast: text -> audience -> preview -> confirm; the delivery worker does the sending.

Flow states: "bc.text" (waiting for the announcement), "bc.units" (waiting for unit names).
Callbacks: bc:aud:<all|jur|units>, bc:jur:<id>, bc:go:<id>, bc:no:<id>.
"""

from __future__ import annotations

import re
from typing import Any

from handlers.args import int_arg
from handlers.context import Request
from handlers.router import Access, Router, flow_data, set_flow
from messages.i18n import t
from messages.render import esc, quote
from messages.types import Button, Reply
from services import broadcasts
from services.jurisdictions import province_id
from services.unit_classes import CLASSES, label
from services.units import lookup_unit
from storage.models import Broadcast

MAX_LENGTH = 3500  # with the header it fits one Telegram message; Zalo splits it


def render(bc: Broadcast, lang: str) -> Reply:
    """What each recipient sees (the admin's text is escaped like any user text)."""
    return Reply(t(lang, "broadcast.header") + "\n\n" + esc(bc.text))


async def begin(req: Request) -> Reply:
    set_flow(req, "bc.text")
    return Reply(t(req.lang, "broadcast.ask_text"))


async def got_text(req: Request) -> Reply:
    text = req.args[0] if req.args else ""
    if len(text) > MAX_LENGTH:
        return Reply(t(req.lang, "broadcast.too_long", length=len(text), limit=MAX_LENGTH))
    set_flow(req, "bc.audience", {"text": text})
    rows = (
        (
            Button(t(req.lang, "broadcast.aud_all"), "bc:aud:all"),
            Button(t(req.lang, "broadcast.aud_jur"), "bc:aud:jur"),
        ),
        (
            Button(t(req.lang, "broadcast.aud_group"), "bc:aud:group"),
            Button(t(req.lang, "broadcast.aud_units"), "bc:aud:units"),
        ),
    )
    return Reply(t(req.lang, "broadcast.ask_audience"), buttons=rows)


async def on_callback(req: Request) -> Reply:
    action = req.args[0] if req.args else ""
    if action == "aud" and req.args[1:2] == ["all"]:
        return _preview(req, broadcasts.audience_all(), t(req.lang, "broadcast.aud_desc_all"))
    if action == "aud" and req.args[1:2] == ["jur"]:
        return _pick_jurisdiction(req)
    if action == "aud" and req.args[1:2] == ["units"]:
        set_flow(req, "bc.units", {"text": flow_data(req).get("text", "")})
        return Reply(t(req.lang, "broadcast.ask_units"))
    if action == "aud" and req.args[1:2] == ["group"]:
        rows = tuple((Button(label(key, req.lang), f"bc:grp:{key}"),) for key in CLASSES)
        return Reply(t(req.lang, "broadcast.pick_group"), buttons=rows)
    if action == "grp" and req.args[1:2] and req.args[1] in CLASSES:
        return _group_in_province(req, req.args[1])
    if action == "gj" and req.args[1:2] and req.args[1] in CLASSES and (jid := int_arg(req, 2)) is not None:
        return _preview(req, broadcasts.audience_group(req.args[1], jid), esc(label(req.args[1], req.lang)))
    if action == "jur" and (jid := int_arg(req, 1)) is not None:
        return _preview_jurisdiction(req, jid)
    if action in ("go", "no") and (bid := int_arg(req, 1)) is not None:
        return _go(req, bid) if action == "go" else _cancel(req, bid)
    return Reply(t(req.lang, "join.bad_request"))


def _group_in_province(req: Request, key: str) -> Reply:
    """A class of units is reached within a province; ask which one only when there are several."""
    with req.app.db.session() as session:
        options = broadcasts.provinces(session)
    if len(options) == 1 and options[0].id is not None:
        return _preview(req, broadcasts.audience_group(key, options[0].id), esc(label(key, req.lang)))
    rows = tuple((Button(j.name, f"bc:gj:{key}:{j.id}"),) for j in options)
    return Reply(t(req.lang, "broadcast.pick_jur"), buttons=rows)


async def got_units(req: Request) -> Reply:
    """The chosen units, typed one per line or separated by semicolons."""
    names = [n.strip() for n in re.split(r"[;\n]", req.args[0] if req.args else "") if n.strip()]
    found: list[int] = []
    missing: list[str] = []
    with req.app.db.session() as session:
        home = province_id(session, req.app.settings.default_province)
        for name in names:  # the one rule of every entry point: exact or confident, never a guess
            unit, _matches = lookup_unit(session, words=name, prefer_jurisdiction_id=home)
            if unit is not None and unit.id is not None:
                found.append(unit.id)
            else:
                missing.append(name)
    if missing or not found:
        return Reply(t(req.lang, "broadcast.units_not_found", names=quote("; ".join(missing) or "-", 300)))
    desc = t(req.lang, "broadcast.aud_desc_units", count=len(set(found)))
    return _preview(req, broadcasts.audience_units(found), desc)


def _pick_jurisdiction(req: Request) -> Reply:
    with req.app.db.session() as session:
        options = broadcasts.jurisdiction_choices(session)
    rows = tuple((Button(j.name, f"bc:jur:{j.id}"),) for j in options)
    return Reply(t(req.lang, "broadcast.pick_jur"), buttons=rows)


def _preview_jurisdiction(req: Request, jurisdiction_id: int) -> Reply:
    with req.app.db.session() as session:
        name = broadcasts.jurisdiction_name(session, jurisdiction_id=jurisdiction_id)
    if name is None:
        return Reply(t(req.lang, "join.bad_request"))
    desc = t(req.lang, "broadcast.aud_desc_jur", name=esc(name))
    return _preview(req, broadcasts.audience_jurisdiction(jurisdiction_id), desc)


def _preview(req: Request, audience: dict[str, Any], description: str) -> Reply:
    """Save a draft and show it as recipients will see it, with the head count."""
    text = str(flow_data(req).get("text") or "")
    if not text:
        return Reply(t(req.lang, "broadcast.not_draft"))
    with req.app.db.session() as session:
        if not broadcasts.audience_accounts(session, audience):  # nobody to send to: nothing to confirm
            return Reply(t(req.lang, "broadcast.nobody", audience=description))
        bc = broadcasts.create_broadcast(
            session,
            created_by=req.person.id or 0,
            text=text,
            audience=audience,
            progress_account_id=req.account.id,
            now=req.app.clock.now(),
        )
        count = len(broadcasts.audience_accounts(session, audience))
    set_flow(req, None)
    buttons = (
        (
            Button(t(req.lang, "broadcast.confirm"), f"bc:go:{bc.id}"),
            Button(t(req.lang, "broadcast.cancel"), f"bc:no:{bc.id}"),
        ),
    )
    html = t(
        req.lang, "broadcast.preview", count=count, audience=description, message=render(bc, req.lang).html
    )
    return Reply(html, buttons=buttons)


def _go(req: Request, broadcast_id: int) -> Reply:
    with req.app.db.session() as session:
        queued = broadcasts.confirm_draft(
            session,
            broadcast_id=broadcast_id,
            progress_account_id=req.account.id,
            now=req.app.clock.now(),
            render=render,
        )
    if queued is None:
        return Reply(t(req.lang, "broadcast.not_draft"))
    if queued == 0:  # the audience left between the preview and the confirmation
        return Reply(t(req.lang, "broadcast.nobody_now"), edit_message_id=req.incoming.callback_message_id)
    return Reply(
        t(req.lang, "broadcast.queued", count=queued), edit_message_id=req.incoming.callback_message_id
    )


def _cancel(req: Request, broadcast_id: int) -> Reply:
    with req.app.db.session() as session:
        ok = broadcasts.cancel_broadcast(session, broadcast_id=broadcast_id)
    return Reply(
        t(req.lang, "broadcast.cancelled" if ok else "broadcast.not_draft"),
        edit_message_id=req.incoming.callback_message_id,
    )


async def cancel_flow(req: Request) -> Reply:
    """/cancel: leave whatever multi-step flow is in progress."""
    set_flow(req, None)
    return Reply(t(req.lang, "flow.cancelled"))


def register(router: Router) -> None:
    router.command("broadcast", "thongbao", access=Access.admin)(begin)
    router.flow("bc.text", access=Access.admin)(got_text)
    router.callback("bc", access=Access.admin)(on_callback)
    router.flow("bc.units", access=Access.admin)(got_units)
    router.command("cancel", "huy", access=Access.anyone)(cancel_flow)
