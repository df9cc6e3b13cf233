"""The admins' digests: a daily one (escalations, reports awaiting confirmation, deadlines with no
day) and a weekly one (each unit's status counts).

Like the reminder tick they are derived from the database and idempotent: each is due on a working
day from the reminder time on, and its outbox dedup key (person + day, person + ISO week) makes a
second run, a restart or a second process queue nothing new. A digest missed while the bot was down
goes out at the next tick of the same day (daily) or week (weekly).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import select as columns
from sqlmodel import Session, col, select

from config.settings import Settings
from messages.i18n import t
from messages.reminders import fmt_date, plan_label, what
from messages.render import esc
from messages.types import OutgoingFile, Reply
from services.account_links import delivery_targets
from services.clock import VN_TZ, Clock
from services.deadline_days import undated
from services.gcpause import gc_paused
from services.occurrence_views import done_on
from services.occurrences import DONE_STATES, OPEN_STATES, facts
from services.outbox import Queued, enqueue_many
from services.reminder_policy import any_window_may_open, load_context, load_policies
from services.status import DueStatus, classify
from storage.enums import OccurrenceStatus
from storage.models import Occurrence, Outbox, Person, Unit
from storage.rows import plain_rows

log = logging.getLogger(__name__)

MAX_LINES = 40
IN_TIME_DAYS = 30  # the weekly "in time" column counts deadlines due within a month
DONE_DAYS = 7  # ... and "done" counts reports submitted in the past week


@dataclass(slots=True)
class DigestResult:
    daily: int = 0
    weekly: int = 0


@dataclass(frozen=True, slots=True)
class Escalation:
    occurrence_id: int
    unit_name: str
    action: str
    recipient: str | None
    plan_number: str | None
    due_on: dt.date
    late_working_days: int
    new: bool  # reached the threshold since the previous working day


def escalations(session: Session, *, settings: Settings, today: dt.date) -> list[Escalation]:
    """Open occurrences overdue by at least the escalation threshold, in their unit's calendar."""
    ctx = load_context(session, settings=settings)
    # plain rows, not four ORM objects per overdue occurrence
    rows = plain_rows(
        session,
        facts()
        .where(col(Occurrence.status).in_(OPEN_STATES), col(Occurrence.due_on) < today, col(Unit.active))
        .order_by(col(Occurrence.due_on), col(Unit.name)),
    )
    out = []
    for r in rows:
        schedule = ctx.schedule(r.jurisdiction_id)
        slot = schedule.escalation(r.due_on, today)
        if slot is None or r.id is None:
            continue
        previous = schedule.calendar.add_working_days(today, -1)
        out.append(
            Escalation(
                occurrence_id=r.id,
                unit_name=r.name,
                action=r.action,
                recipient=r.recipient,
                plan_number=r.number,
                due_on=r.due_on,
                late_working_days=schedule.calendar.working_days_between(r.due_on, today),
                new=slot.day > previous,
            )
        )
    return out


def daily_reply(
    lang: str, *, today: dt.date, items: list[Escalation], awaiting: int, no_day: int, threshold: int
) -> Reply:
    lines = [t(lang, "digest.daily_title", date=fmt_date(today))]
    if items:
        lines += ["", t(lang, "digest.escalations", days=threshold, count=len(items))]
        for e in items[:MAX_LINES]:
            lines.append(
                t(
                    lang,
                    "digest.escalation_item",
                    unit=esc(e.unit_name),
                    what=what(lang, action=e.action, recipient=e.recipient),
                    plan=plan_label(lang, e.plan_number),
                    due=fmt_date(e.due_on),
                    late=e.late_working_days,
                    new=t(lang, "digest.new") if e.new else "",
                )
            )
        if len(items) > MAX_LINES:
            lines.append(t(lang, "digest.more", count=len(items) - MAX_LINES))
    if awaiting:
        lines += ["", t(lang, "digest.awaiting", count=awaiting)]
    if no_day:
        lines += ["", t(lang, "digest.no_day", count=no_day)]
    return Reply("\n".join(lines))


def weekly_counts(session: Session, *, today: dt.date) -> dict[str, Counter[str]]:
    """unit name -> counts of overdue, due_soon, in_time, awaiting, done_on_time, done_late."""
    since = dt.datetime.combine(today - dt.timedelta(days=DONE_DAYS), dt.time(0), tzinfo=VN_TZ)
    rows = plain_rows(
        session,
        columns(col(Occurrence.status), col(Occurrence.due_on), col(Occurrence.submitted_at), col(Unit.name))
        .join(Unit, col(Unit.id) == col(Occurrence.unit_id))
        .where(
            col(Unit.active),
            (
                col(Occurrence.status).in_(OPEN_STATES)
                & (Occurrence.due_on <= today + dt.timedelta(days=IN_TIME_DAYS))
            )
            | (col(Occurrence.status).in_(DONE_STATES) & (col(Occurrence.submitted_at) >= since))
            | (Occurrence.status == OccurrenceStatus.submitted),
        ),
    )
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for occ in rows:
        c = counts[occ.name]
        if occ.status == OccurrenceStatus.submitted:
            c["awaiting"] += 1
        finished = done_on(occ)
        if finished is not None:
            if occ.submitted_at is not None and occ.submitted_at >= since:
                c[classify(occ.due_on, today, done_on=finished).value] += 1
        else:
            c[classify(occ.due_on, today).value] += 1
    return counts


def weekly_reply(lang: str, *, week: str, counts: dict[str, Counter[str]]) -> Reply:
    lines = [t(lang, "digest.weekly_title", week=week), t(lang, "digest.weekly_header"), ""]
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1][DueStatus.overdue.value], kv[0]))
    for name, c in ordered[:MAX_LINES]:
        lines.append(
            t(
                lang,
                "digest.weekly_item",
                unit=esc(name),
                overdue=c[DueStatus.overdue.value],
                due_soon=c[DueStatus.due_soon.value],
                in_time=c[DueStatus.in_time.value],
                awaiting=c["awaiting"],
                done_on_time=c[DueStatus.done_on_time.value],
                done_late=c[DueStatus.done_late.value],
            )
        )
    if len(ordered) > MAX_LINES:
        lines.append(t(lang, "digest.more", count=len(ordered) - MAX_LINES))
    return Reply("\n".join(lines))


PICTURE_CHANNELS = ("telegram",)  # Zalo bots send pictures only by public URL: text there


def weekly_chart(
    settings: Settings, *, lang: str, year: int, week: int, counts: dict[str, Counter[str]]
) -> Reply | None:
    """The weekly counts as a chart, written once per language next to the submitted reports (the
    outbox carries its path); None when it cannot be drawn (the text still goes)."""
    from services.charts import Labels, status_chart
    from services.stats import weekly_unit_counts

    title = t(lang, "digest.weekly_chart", week=f"{week}/{year}")
    try:
        image = status_chart(weekly_unit_counts(counts), title=title, labels=Labels.of(lang))
        folder = settings.submissions_dir.parent / "charts"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"weekly-{year}-W{week:02d}-{lang}.png"
        path.write_bytes(image.png)
    except Exception:  # a picture must never hold up the digest
        log.exception("weekly chart not drawn")
        return None
    name = f"tuan-{week:02d}-{year}.png"
    return Reply(
        esc(title), file=OutgoingFile(name, b"", "image/png", path=str(path), photo=image.fits_a_photo)
    )


@gc_paused()
def run_digests(session: Session, *, clock: Clock, settings: Settings) -> DigestResult:
    """Queue the daily and weekly digests that are due now and not yet queued."""
    now = clock.now().astimezone(dt.UTC)
    local = now.astimezone(VN_TZ)
    today = local.date()
    result = DigestResult()
    policies = load_policies(session, settings=settings)
    if not any_window_may_open({None: policies[None]}, local):
        return result
    ctx = load_context(session, settings=settings, policies=policies)
    policy, calendar = ctx.policies[None], ctx.calendars[None]
    if not policy.window_open(local, calendar):
        return result
    accounts = delivery_targets(session)
    admins = [p for p in session.exec(select(Person).where(col(Person.is_admin))).all() if p.id in accounts]
    if not admins:
        return result
    queued: list[Queued] = []
    year, week, _ = today.isocalendar()
    daily_key = {a.id: f"digest:daily:{a.id}:{today}" for a in admins}
    weekly_key = {a.id: f"digest:weekly:{a.id}:{year}-W{week:02d}" for a in admins}
    already = set(
        session.exec(
            select(Outbox.dedup_key).where(
                col(Outbox.dedup_key).in_([*daily_key.values(), *weekly_key.values()])
            )
        ).all()
    )
    daily_for = [a for a in admins if daily_key[a.id] not in already]
    weekly_for = [a for a in admins if weekly_key[a.id] not in already]

    items = escalations(session, settings=settings, today=today) if daily_for else []
    awaiting = no_day = 0
    if daily_for:
        awaiting = len(
            session.exec(select(Occurrence.id).where(Occurrence.status == OccurrenceStatus.submitted)).all()
        )
        no_day = len(undated(session))
    if items or awaiting or no_day:
        for admin in daily_for:
            assert admin.id is not None
            account = accounts[admin.id]
            reply = daily_reply(
                admin.lang,
                today=today,
                items=items,
                awaiting=awaiting,
                no_day=no_day,
                threshold=policy.escalate_after_working_days,
            )
            queued.append(_queued(account.account_id, account.channel, reply, daily_key[admin.id], now))

    # The weekly digest goes out on the week's first working day (Monday, or later after a holiday).
    monday = today - dt.timedelta(days=today.weekday())
    first_working = calendar.next_working_day(monday)
    if weekly_for and first_working.isocalendar()[:2] == (year, week) and today >= first_working:
        counts = weekly_counts(session, today=today)
        if counts:
            charted: dict[str, Reply | None] = {}
            for admin in weekly_for:
                assert admin.id is not None
                account = accounts[admin.id]
                reply = weekly_reply(admin.lang, week=f"{week}/{year}", counts=counts)
                queued.append(_queued(account.account_id, account.channel, reply, weekly_key[admin.id], now))
                if account.channel in PICTURE_CHANNELS:  # elsewhere the text above is the picture
                    if admin.lang not in charted:
                        charted[admin.lang] = weekly_chart(
                            settings, lang=admin.lang, year=year, week=week, counts=counts
                        )
                    picture = charted[admin.lang]
                    if picture is not None:
                        key = weekly_key[admin.id] + ":chart"
                        queued.append(
                            _queued(
                                account.account_id, account.channel, picture, key, now, kind="digest-chart"
                            )
                        )
    written = enqueue_many(session, items=queued)
    result.daily = sum(1 for k in written if k.startswith("digest:daily:"))
    result.weekly = sum(1 for k in written if k.startswith("digest:weekly:") and not k.endswith(":chart"))
    if written:
        log.info("digests queued: %d daily, %d weekly", result.daily, result.weekly)
    return result


def _queued(
    account_id: int | None, channel: str, reply: Reply, key: str, now: dt.datetime, kind: str = "digest"
) -> Queued:
    assert account_id is not None
    return Queued(
        account_id=account_id,
        channel=channel,
        reply=reply,
        kind=kind,
        dedup_key=key,
        not_before=now,
        created_at=now,
    )
