"""Correcting a plan's extraction in chat, before it goes live (the import preview) or after (/sua).

The draft (services.review_drafts.Draft) lives in the admin's conversation state, so a restart or
another process continues it. Flow states: "rv.review" (a typed line is a correction command) and
"rv.input" (a button asked for a name or a date: the typed line completes its command). Callbacks:
"rv:<token>:c:<command>" and "rv:<token>:i:<template>" (handlers.plan_review_view), "sua:<plan id>".
Every route is admin-only, checked by the router on every call; the commit checks again in its own
transaction. A button's command is checked exactly like a typed one: the data is never trusted.

A step works the whole plan out again (25-70 ms for 60 duties, about 300 ms for 300 duties with 50
corrections: bench/bench_review.py) on the event loop, like every handler. Not in a worker thread:
on SQLite a deferred transaction fails at once (SQLITE_BUSY_SNAPSHOT, no busy wait) when the
delivery worker commits between the review's first read and its savepoint's first write; that
would need BEGIN IMMEDIATE in storage.db first.

    file / link ──> open ──> rv.review ──(command | button)──> correction, page ──> ... ──> confirm
                                 │  ▲                                                      │
                  (button: name?)▼  │(typed name/date)                      import_plan + corrections
                              rv.input                                (live plan: members are told)
"""

from __future__ import annotations

import logging

from handlers.args import int_arg, rest
from handlers.context import Request
from handlers.plan_files import Upload, reading_note
from handlers.plan_review_view import render
from handlers.review_parts import help_text
from handlers.review_words import describe, notice
from handlers.router import Access, Router, flow_data, set_flow
from messages.i18n import t
from messages.render import esc
from messages.types import Button, Reply
from services import corrected_plans, review_commands, review_drafts
from services import plan_review as svc
from services.clock import local_today
from services.correction_commands import Command, parse_command, target_kind, target_number
from services.corrections import CorrectionError, restore
from services.deadline_days import undated
from services.import_result import PlanImportError
from services.occurrences import materialize

log = logging.getLogger(__name__)

REVIEW = "rv.review"
INPUT = "rv.input"
KEY = "rv"
# what may be typed instead of the name or date a button asked for
_ESCAPES = {"cancel", "confirm", "undo", "help", "show"}
_PROMPTS = {
    "add": "rv.ask.add",
    "due": "rv.ask.due",
    "owes": "rv.ask.owes",
    "to": "rv.ask.to",
    "pick": "rv.ask.pick",
}


def _author(req: Request) -> review_drafts.Author:
    return review_drafts.Author(name=req.person.display_name, person_id=req.person.id)


def _load(req: Request) -> review_drafts.Draft | None:
    data = flow_data(req)
    raw = data.get(KEY)
    if isinstance(raw, dict):
        return review_drafts.Draft.from_json(raw)
    if isinstance(data.get("plan"), dict):  # a preview made before corrections existed ("imp.confirm")
        return review_drafts.Draft(
            extraction=restore(data["plan"]),  # type: ignore[arg-type]
            source_name=str(data.get("name") or ""),
            content_hash=str(data.get("hash") or ""),
        )
    return None


def _save(
    req: Request, draft: review_drafts.Draft, *, state: str = REVIEW, pending: str | None = None
) -> None:
    set_flow(req, state, {KEY: draft.to_json(), "pending": pending})


def _review(req: Request, draft: review_drafts.Draft) -> svc.Review:
    with req.app.db.session() as session:
        return svc.review(session, draft, default_province=req.app.settings.default_province)


def _page(req: Request, rv: svc.Review, *, toast: str = "", edit: bool = False) -> Reply:
    reply = render(req.lang, rv, buttons=req.caps.supports_buttons, toast=toast)
    if edit and req.incoming.callback_message_id:
        return Reply(reply.html, buttons=reply.buttons, edit_message_id=req.incoming.callback_message_id)
    return reply


# --- opening a draft ------------------------------------------------------------------------------


async def open_import(req: Request, upload: Upload) -> Reply:
    """The preview of an uploaded plan: how it was read (a scan), what was read, doubts first, ready to
    correct. The text it was read from is kept to find the words an admin quotes."""
    parsed = upload.parsed
    with req.app.db.session() as session:
        draft = review_drafts.open_import(
            session,
            parsed=parsed,
            source_name=upload.name,
            content_hash=upload.digest,
            text=parsed.text or None,
        )
        rv = svc.review(session, draft, default_province=req.app.settings.default_province)
    _save(req, draft)
    page = _page(req, rv)
    note = reading_note(req, upload)
    return Reply(note + page.html, buttons=page.buttons) if note else page


async def correct_plan(req: Request) -> Reply:
    """/sua [plan id]: correct a plan already imported; without an id, choose one."""
    plan_id = int_arg(req, 0)
    if plan_id is None:
        with req.app.db.session() as session:
            plans = review_drafts.plans_to_correct(session)
            if not plans:
                return Reply(t(req.lang, "rv.no_plans"))
            buttons = tuple(
                (Button(f"#{p.id} {(p.number or p.title or p.source_name)}"[:60], f"sua:{p.id}"),)
                for p in plans
            )
        return Reply(t(req.lang, "rv.pick_plan"), buttons=buttons)
    return _open_live(req, plan_id)


async def on_pick_plan(req: Request) -> Reply:
    plan_id = int_arg(req, 0)
    if plan_id is None:
        return Reply(t(req.lang, "join.bad_request"))
    return _open_live(req, plan_id)


def _open_live(req: Request, plan_id: int) -> Reply:
    with req.app.db.session() as session:
        draft = review_drafts.open_live(session, plan_id=plan_id)
        if draft is None:
            return Reply(t(req.lang, "rv.no_plan", id=plan_id))
        rv = svc.review(session, draft, default_province=req.app.settings.default_province)
    _save(req, draft)
    return _page(req, rv, edit=True)


# --- commands, typed or from buttons --------------------------------------------------------------


async def on_callback(req: Request) -> Reply:
    """rv:<token>:c:<command> | rv:<token>:i:<template>"""
    if len(req.args) < 3:
        return Reply(t(req.lang, "join.bad_request"))
    token, kind, text = req.args[0], req.args[1], ":".join(req.args[2:])
    draft = _load(req)
    if draft is None:
        return Reply(t(req.lang, "rv.expired"))
    if token != draft.token:
        return Reply(t(req.lang, "rv.stale_button"))
    if kind == "i":
        return _ask(req, draft, text)
    if kind == "c":
        return _run(req, draft, text, edit=True)
    return Reply(t(req.lang, "join.bad_request"))


async def on_text(req: Request) -> Reply:
    draft = _load(req)
    if draft is None:
        set_flow(req, None)
        return Reply(t(req.lang, "rv.expired"))
    return _run(req, draft, rest(req), edit=False)


async def on_input(req: Request) -> Reply:
    """The name or date a button asked for."""
    draft = _load(req)
    pending = flow_data(req).get("pending")
    if draft is None or not isinstance(pending, str):
        set_flow(req, None)
        return Reply(t(req.lang, "rv.expired"))
    text = rest(req)
    try:
        escape = parse_command(text)
    except CorrectionError:
        escape = None
    if escape is not None and escape.verb in _ESCAPES and len(text.split()) <= 3:
        return _run(req, draft, text, edit=False)
    return _run(req, draft, pending.replace("{}", text.replace("{}", "")), edit=False)


def _ask(req: Request, draft: review_drafts.Draft, template: str) -> Reply:
    """A button whose command needs typed text: say what to type, wait for it."""
    cmd = None
    if "{}" in template and len(template) <= 40:
        for filler in ("Sở X", "1", "Sở X | hằng năm 1/1 | - | a b c"):  # a name, a number, a deadline
            try:
                cmd = parse_command(template.replace("{}", filler))
            except CorrectionError:
                continue
            if cmd is not None:
                break
    if cmd is None:
        return Reply(t(req.lang, "join.bad_request"))
    _save(req, draft, state=INPUT, pending=template)
    return Reply(_prompt(req.lang, cmd, template))


def _prompt(lang: str, cmd: Command, template: str) -> str:
    target = next((w for w in template.split() if w != "{}" and target_kind(w) != "list"), "")
    label = target if target_kind(target) != "row" else f"#{target}"
    if cmd.verb == "add" and template.split()[1] == "{}":
        return t(lang, "rv.ask.give_duty", target=esc(target))
    if cmd.verb == "add":
        return t(lang, "rv.ask.add", role=t(lang, f"rv.role.{cmd.role}"), target=esc(label))
    if cmd.verb == "add_deadline":
        return t(
            lang, "rv.ask.add_deadline_from" if cmd.targets else "rv.ask.add_deadline", target=esc(target)
        )
    return t(lang, _PROMPTS.get(cmd.verb, "rv.ask.pick"), target=esc(label))


def _run(req: Request, draft: review_drafts.Draft, line: str, *, edit: bool) -> Reply:
    try:
        cmd = parse_command(line)
        if cmd is None:
            _save(req, draft)
            return Reply(t(req.lang, "rv.unknown", text=esc(line[:80])))
        if cmd.verb == "show":
            return _show(req, draft, cmd, edit=edit)
        if cmd.verb == "help":
            _save(req, draft)
            return Reply(help_text(req.lang, live=draft.live))
        if cmd.verb == "cancel":
            return _cancel(req, edit=edit)
        if cmd.verb == "confirm":
            return _confirm(req, draft, edit=edit)
        if cmd.verb == "undo":
            return _undo(req, draft, edit=edit)
        if cmd.verb == "skip":
            rv = _review(req, draft)
            item = review_commands.skip(rv, cmd)
            rv = _review(req, draft)
            _save(req, draft)
            return _page(req, rv, toast=t(req.lang, "rv.skipped", n=f"n{item.number}"), edit=edit)
        return _correct(req, draft, cmd, edit=edit)
    except CorrectionError as exc:
        _save(req, draft)
        return Reply("⚠ " + t(req.lang, exc.key, **{k: esc(v) for k, v in exc.values.items()}))


def _show(req: Request, draft: review_drafts.Draft, cmd: Command, *, edit: bool) -> Reply:
    target = cmd.targets[0]
    rv = _review(req, draft)
    kind = target_kind(target) if target not in ("home", "all", "h", "n", "d") else target
    number = target_number(target)
    missing = {
        "row": lambda: rv.corrected.row(number) is None,
        "deadline": lambda: rv.corrected.deadline(number) is None,
        "doubt": lambda: rv.doubt(number) is None,
        "unit": lambda: rv.unit_group(number) is None,
    }
    if kind in missing and missing[kind]():
        _save(req, draft)
        key = {"row": "rv.err.no_row", "deadline": "rv.err.no_deadline", "doubt": "rv.err.no_doubt"}.get(
            kind, "rv.err.no_unit_group"
        )
        return Reply("⚠ " + t(req.lang, key, target=esc(target)))
    draft.page, draft.page_no = target, cmd.page
    _save(req, draft)
    return _page(req, rv, edit=edit)


def _correct(req: Request, draft: review_drafts.Draft, cmd: Command, *, edit: bool) -> Reply:
    """Resolve the command against what the admin sees, apply it, show the page again."""
    now = req.app.clock.now()
    with req.app.db.session() as session:
        review_drafts.check_author(session, _author(req))
        rv = svc.review(session, draft, default_province=req.app.settings.default_province)
        corrections = review_commands.resolve(rv, cmd, author=_author(req), now=now)
        draft.new += corrections
        rv = svc.review(session, draft, default_province=req.app.settings.default_province)
    outcomes = rv.corrected.outcomes[-len(corrections) :] if corrections else []
    lines = []
    for outcome in outcomes:
        what = describe(req.lang, outcome.correction)
        lines.append(t(req.lang, "rv.did" if outcome.status == "applied" else "rv.no_effect", what=what))
    _settle_page(draft, rv)
    _save(req, draft)
    return _page(req, rv, toast="\n".join(lines), edit=edit)


def _settle_page(draft: review_drafts.Draft, rv: svc.Review) -> None:
    """After a change the page stays, unless what it showed is gone (a removed row: its unit's page)."""
    page = draft.page
    kind = target_kind(page) if page not in ("home", "all", "h", "n", "d") else page
    number = target_number(page)
    if kind == "row" and rv.corrected.row(number) is None:
        removed = rv.corrected.removed.get(number)
        group = next((u for u in rv.units if removed is not None and u.unit == removed.item.unit), None)
        draft.page = f"d{group.number}" if group is not None else "home"
    elif (
        (kind == "deadline" and rv.corrected.deadline(number) is None)
        or (kind == "doubt" and rv.doubt(number) is None)
        or (kind == "unit" and rv.unit_group(number) is None)
    ):
        draft.page = {"deadline": "h", "doubt": "home", "unit": "home"}[kind]
        draft.page_no = 1


def _undo(req: Request, draft: review_drafts.Draft, *, edit: bool) -> Reply:
    if not draft.new:
        _save(req, draft)
        return Reply(t(req.lang, "rv.nothing_to_undo"))
    last = draft.new.pop()
    rv = _review(req, draft)
    _settle_page(draft, rv)
    _save(req, draft)
    return _page(req, rv, toast=t(req.lang, "rv.undone", what=describe(req.lang, last)), edit=edit)


def _confirm(req: Request, draft: review_drafts.Draft, *, edit: bool) -> Reply:
    """Store the plan with its corrections; a live plan's affected members are told."""
    if draft.live and not draft.new:
        _save(req, draft)
        return Reply(t(req.lang, "rv.nothing_to_save"))
    try:
        with req.app.db.session() as session:
            done = corrected_plans.commit(
                session,
                draft,
                author=_author(req),
                default_province=req.app.settings.default_province,
                now=req.app.clock.now(),
                notice=notice,
            )
            plan_id = done.result.plan_id
            assert plan_id is not None
            materialize(session, today=local_today(req.app.clock), plan_id=plan_id)  # reminders start now
            open_days = undated(session, plan_id=plan_id)
    except PlanImportError as exc:
        _save(req, draft)
        return Reply(esc(exc.message(req.lang)))
    set_flow(req, None)
    number = esc(done.result.number or done.result.title or "-")
    if draft.live:
        text = t(
            req.lang,
            "rv.saved",
            count=done.new,
            number=number,
            people=done.notified,
            units=len(done.changes),
        )
    else:
        text = t(
            req.lang,
            "rv.imported",
            number=number,
            assignments=done.result.assignments,
            deadlines=done.result.deadlines,
            corrections=done.new + len(draft.stored),
        )
    if done.stale:
        text += "\n" + t(req.lang, "rv.stale_head", count=len(done.stale))
        text += "".join(f"\n• {describe(req.lang, o.correction)}" for o in done.stale[:5])
    edit_id = req.incoming.callback_message_id if edit else None
    if not open_days:
        return Reply(text, edit_message_id=edit_id)
    rows = tuple((Button(f"{d.recurrence}: {d.unit_text}"[:60], f"dl:day:{d.id}"),) for d in open_days)
    return Reply(text + "\n\n" + t(req.lang, "imp.undated"), buttons=rows, edit_message_id=edit_id)


def _cancel(req: Request, *, edit: bool) -> Reply:
    """Drop the draft: nothing is stored."""
    set_flow(req, None)
    return Reply(
        t(req.lang, "rv.cancelled"), edit_message_id=req.incoming.callback_message_id if edit else None
    )


async def cancel_pending(req: Request) -> Reply:
    """The cancel button of a preview shown before this module (imp:no)."""
    return _cancel(req, edit=True)


async def confirm_pending(req: Request) -> Reply:
    """The confirm button of a preview shown before this module (imp:ok)."""
    draft = _load(req)
    if draft is None:
        return Reply(t(req.lang, "imp.expired"))
    return _confirm(req, draft, edit=True)


def register(router: Router) -> None:
    router.command("sua", "suakehoach", "correct", access=Access.admin)(correct_plan)
    router.callback("sua", access=Access.admin)(on_pick_plan)
    router.callback("rv", access=Access.admin)(on_callback)
    router.flow(REVIEW, access=Access.admin)(on_text)
    router.flow(INPUT, access=Access.admin)(on_input)
