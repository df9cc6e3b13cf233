"""What a unit is responsible for: /nhiemvu, /hoi, free-text questions, and each duty's source.

Answers come from services.duties (grouped by plan, lead before support, class duties included, next
deadline each), one page per message, sized for the channel's message limit. Callbacks: duty:page:<n>
(own unit), duty:unit:<unit_id>:<n> (another unit), duty:src:<assignment_id>[:<unit_id>:<n>] (open the
source).
"""

from __future__ import annotations

import re

from handlers.args import int_arg, rest
from handlers.context import ChannelCaps, Request
from handlers.paging import nav_buttons
from handlers.router import Access, HandlerResult, Router
from messages.i18n import t
from messages.render import bold, esc, quote, shorten
from messages.types import Button, Reply
from parsing.vntext import fold
from services.clock import local_today
from services.duties import UnitDuties, duty_source, unit_duties
from services.jurisdictions import jurisdiction_labels, province_id
from services.questions import Intent, parse_question
from services.topics import Responsible, who_is_responsible
from services.unit_classes import label
from services.units import get_unit, lookup_unit
from storage.enums import Role

DUTY_CHARS = 280  # a duty longer than this is cut; its source button shows it whole
LINE_CHARS = 300  # a typical duty line with its markup and next deadline, for the page size
BUTTONS_PER_ROW = 5
_SELF = re.compile(
    r"^(?:(?:don vi|co quan|so|phong)\s+(?:cua\s+)?(?:toi|minh|chung toi)"
    r"|toi|minh|chung toi|my unit|we|i|us)$"
)
_MY_DUTIES = re.compile(
    r"^(?:what are |show )?(?:my|our) (?:unit s )?(?:duties|tasks)$"
    r"|^(?:nhiem vu|cong viec)(?: cua (?:toi|minh))?$"
)


def is_duty_question(text: str) -> bool:
    return bool(_MY_DUTIES.match(fold(text).strip())) or parse_question(text) is not None


# --- rendering -----------------------------------------------------------------------------------


def per_page(caps: ChannelCaps) -> int:
    """Duties per page: a page is fetched by count (services.duties reads only that page), sized so
    that real duties (about 200 characters, 300 with their markup and next deadline) fit the channel's
    message; a page of unusually long ones is split by the channel adapter."""
    budget = min(caps.text_limit, 4096) - 400  # room for the header, hint and numbered choices
    return max(3, budget // LINE_CHARS)


def _duty_lines(req: Request, data: UnitDuties) -> list[tuple[str, int | None]]:
    """(line, assignment id) blocks in order: a plan header (no id), then its numbered duties."""
    lines: list[tuple[str, int | None]] = []
    n = data.offset
    for plan in data.plans:
        head = " ".join(
            filter(None, [bold(plan.number) if plan.number else "", esc(shorten(plan.title or "", 160))])
        )
        lines.append(("\n📄 " + head, None))
        if plan.other_due:
            default = t(req.lang, "duties.default_day") if plan.other_due_is_default else ""
            due = t(req.lang, "duties.plan_due", date=f"{plan.other_due:%d/%m/%Y}") + default
            if plan.other_status is not None:
                due += f" — {t(req.lang, f'deadlines.status.{plan.other_status.value}')}"
            lines.append(("   " + due, None))
        for d in plan.duties:
            n += 1
            role = t(req.lang, "duties.lead" if d.role == Role.lead else "duties.support")
            line = f"{n}. <b>[{role}]</b> {esc(shorten(d.duty, DUTY_CHARS))}"
            if d.group_key:
                line += (
                    f" <i>({t(req.lang, 'duties.via_class', group=esc(label(d.group_key, req.lang)))})</i>"
                )
            if d.flagged:
                line += "\n   " + t(req.lang, "duties.flagged")
            if d.next_due:
                default = t(req.lang, "duties.default_day") if d.next_due_is_default else ""
                line += "\n   " + t(req.lang, "duties.next_due", date=f"{d.next_due:%d/%m/%Y}") + default
                if d.next_status is not None:
                    line += f" — {t(req.lang, f'deadlines.status.{d.next_status.value}')}"
            lines.append((line, d.assignment_id))
    return lines


def render_duties(req: Request, data: UnitDuties, page: int, pages: int, nav: str) -> Reply:
    """One page; `nav` is the callback prefix for paging ("duty:page" or "duty:unit:<id>")."""
    if not data.plans:
        return Reply(t(req.lang, "duties.none", unit=esc(data.unit_name)))
    lines = _duty_lines(req, data)
    header = t(
        req.lang,
        "duties.header",
        unit=esc(data.unit_name),
        jurisdiction=esc(data.jurisdiction),
        page=page,
        pages=pages,
    )
    if data.merged_from:
        header += "\n" + t(req.lang, "duties.merged", names=esc(", ".join(data.merged_from)))
    body = "\n".join(line for line, _ in lines)
    back = f"{data.unit_id}:{page}"
    numbered = [(line.split(".", 1)[0], aid) for line, aid in lines if aid is not None]
    src = [Button(f"📄 {num}", f"duty:src:{aid}:{back}") for num, aid in numbered]
    rows = [tuple(src[i : i + BUTTONS_PER_ROW]) for i in range(0, len(src), BUTTONS_PER_ROW)]
    nav_row = nav_buttons(req.lang, page, pages, lambda n: f"{nav}:{n}")
    if nav_row:
        rows.append(tuple(nav_row))
    html = f"{header}\n{body}\n\n{t(req.lang, 'duties.open_hint')}"
    return Reply(html, buttons=tuple(rows), edit_message_id=req.incoming.callback_message_id)


def show_unit(req: Request, unit_id: int, page: int = 1) -> Reply:
    size = per_page(req.caps)
    page = max(page, 1)
    today = local_today(req.app.clock)
    with req.app.db.reading() as session:
        try:
            data = unit_duties(session, unit_id=unit_id, today=today, offset=(page - 1) * size, limit=size)
        except LookupError:  # a button for a unit deleted since
            return Reply(t(req.lang, "join.bad_request"))
        pages = max(1, -(-data.total // size))
        if not data.plans and data.total:  # a button from before the list got shorter: its last page
            page = pages
            data = unit_duties(session, unit_id=unit_id, today=today, offset=(page - 1) * size, limit=size)
    own = req.membership is not None and req.membership.unit_id == unit_id
    return render_duties(req, data, page, pages, "duty:page" if own else f"duty:unit:{unit_id}")


# --- handlers ------------------------------------------------------------------------------------


async def my_duties(req: Request) -> Reply:
    """/nhiemvu, the menu button, "đơn vị tôi phụ trách gì"."""
    if req.membership is None:
        return Reply(t(req.lang, "duties.no_unit"))
    return show_unit(req, req.membership.unit_id, 1)


async def ask_unit(req: Request) -> Reply:
    """/hoi <unit name>: another unit's duties."""
    query = rest(req)
    return await answer_unit(req, query) if query else Reply(t(req.lang, "duties.ask_unit"))


async def answer_unit(req: Request, words: str) -> Reply:
    if _SELF.match(fold(words).strip()):
        return await my_duties(req)
    with req.app.db.reading() as session:
        home = get_unit(session, unit_id=req.membership.unit_id) if req.membership else None
        # the one rule of every entry point (exact or confident); a unit named without its province
        # is looked for in the asker's own province first
        prefer = (
            home.jurisdiction_id
            if home is not None
            else province_id(session, req.app.settings.default_province)
        )
        unit, matches = lookup_unit(session, words=words, prefer_jurisdiction_id=prefer)
    if unit is not None:
        return show_unit(req, unit.id or 0, 1)
    if not matches:
        return Reply(t(req.lang, "join.no_unit", query=quote(words)))
    rows = tuple(
        (
            Button(
                m.unit.name + (f" ({m.jurisdiction.name})" if m.jurisdiction else ""),
                f"duty:unit:{m.unit.id}:1",
            ),
        )
        for m in matches
    )
    return Reply(t(req.lang, "duties.pick_unit"), buttons=rows)


async def question(req: Request) -> HandlerResult:
    """Free text: whose duties, or who is responsible for a topic."""
    text = rest(req)
    if _MY_DUTIES.match(fold(text).strip()):
        return await my_duties(req)
    q = parse_question(text)
    if q is not None and q.intent is Intent.who and q.topic:
        return who(req, q.topic)
    if (
        q is not None
        and q.intent is Intent.deadlines
        and (q.unit is None or _SELF.match(fold(q.unit).strip()))
    ):
        from handlers.deadlines import list_deadlines  # "hạn báo cáo của đơn vị tôi": /hanbaocao

        return await list_deadlines(req)
    return await answer_unit(req, (q.unit if q is not None else None) or text)


def who(req: Request, topic: str) -> Reply:
    with req.app.db.reading() as session:
        found = who_is_responsible(session, topic=topic, limit=8)
        places = jurisdiction_labels(session, {r.jurisdiction_id for r in found if r.jurisdiction_id})
    if not found:
        return Reply(t(req.lang, "duties.who_none", topic=quote(topic)))

    def name(r: Responsible) -> str:  # with its province: Sở Tài chính of which province?
        own = label(r.group_key, req.lang) if r.group_key else r.name
        place = places.get(r.jurisdiction_id or 0)
        return f"{own} ({place})" if place else own

    lines = [t(req.lang, "duties.who_header", topic=quote(topic))]
    lines += [
        t(req.lang, "duties.who_line", n=i, name=esc(name(r)), lead=r.lead, support=r.support)
        for i, r in enumerate(found, 1)
    ]
    rows = tuple(
        (Button(shorten(name(r), 60), f"duty:unit:{r.unit_id}:1"),)  # unnumbered: plain channels number them
        for r in found
        if r.unit_id is not None
    )
    return Reply("\n".join(lines), buttons=rows)


async def on_callback(req: Request) -> Reply:
    action = req.args[0] if req.args else ""
    if action == "page" and (page := int_arg(req, 1)) is not None:
        return (
            await my_duties(req) if req.membership is None else show_unit(req, req.membership.unit_id, page)
        )
    if action == "unit" and (unit_id := int_arg(req, 1)) is not None:
        return show_unit(req, unit_id, int_arg(req, 2) or 1)
    if action == "src" and (assignment_id := int_arg(req, 1)) is not None:
        return source(req, assignment_id)
    return Reply(t(req.lang, "join.bad_request"))


def source(req: Request, assignment_id: int) -> Reply:
    """The plan's own sentence for one duty, with a way back to the page it came from."""
    with req.app.db.reading() as session:
        found = duty_source(session, assignment_id=assignment_id)
    if found is None:
        return Reply(t(req.lang, "duties.not_found"))
    html = t(
        req.lang,
        "duties.source",
        plan=esc(found.plan_number or found.source_name),
        title=esc(found.plan_title or ""),
        section=t(req.lang, "duties.section", section=esc(found.section)) if found.section else "",
        role=t(req.lang, "duties.lead" if found.role == Role.lead else "duties.support"),
        unit=esc(found.unit_text),
        source=esc(found.source),
    )
    unit_id, page = int_arg(req, 2), int_arg(req, 3) or 1
    back = (Button(t(req.lang, "duties.back"), f"duty:unit:{unit_id}:{page}"),) if unit_id else ()
    return Reply(html, buttons=(back,) if back else ())


def register(router: Router) -> None:
    router.command("nhiemvu", "duties", "nv", access=Access.member, expensive=True)(my_duties)
    router.command("hoi", "ask", access=Access.member, expensive=True)(ask_unit)
    router.callback("duty", access=Access.member)(on_callback)
    router.intent(is_duty_question, access=Access.member, expensive=True)(question)
