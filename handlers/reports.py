"""/stats and /export for admins."""

from __future__ import annotations

import asyncio
import datetime as dt

from handlers.context import Request
from handlers.router import Access, Router
from messages.i18n import t
from messages.render import esc
from messages.types import OutgoingFile, Reply
from services import charts, export, stats
from services.clock import local_today

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


STATS_LINES = 40  # units listed in the text; the chart has them all
CHART_SECONDS = 20.0


def stats_window(today: dt.date) -> tuple[dt.date, dt.date]:
    """/stats counts the year's deadlines so far and those due within the next month."""
    return dt.date(today.year, 1, 1), today + dt.timedelta(days=30)


def by_unit_lines(lang: str, rows: list[charts.UnitCounts], since: dt.date, until: dt.date) -> list[str]:
    """The chart's numbers as text (all Zalo gets; the same figures as the bars)."""
    lines = [t(lang, "stats.by_unit_title", since=f"{since:%d/%m/%Y}", until=f"{until:%d/%m/%Y}")]
    for r in rows[:STATS_LINES]:
        lines.append(
            t(lang, "stats.by_unit_item", unit=esc(r.name), **{c: r.get(c) for c in charts.CATEGORIES})
        )
    if len(rows) > STATS_LINES:
        lines.append(t(lang, "stats.more", count=len(rows) - STATS_LINES))
    return lines


async def show_stats(req: Request) -> list[Reply]:
    """/stats: the totals, each unit's deadlines by status (text), and the same as a chart where the
    platform shows pictures."""
    today = local_today(req.app.clock)
    since, until = stats_window(today)
    with req.app.db.session() as session:
        s = stats.collect(session, today=today)
        rows = stats.counts_by_unit(session, today=today, since=since, until=until)
    text = t(req.lang, "stats.summary", units=s.units, members=s.members, plans=s.plans, **s.occurrences)
    if rows:
        text += "\n\n" + "\n".join(by_unit_lines(req.lang, rows, since, until))
    replies = [Reply(text)]
    if rows and req.caps.supports_buttons:  # Telegram; Zalo and the console keep the text
        title = t(req.lang, "stats.chart_title", since=f"{since:%d/%m/%Y}", until=f"{until:%d/%m/%Y}")
        try:
            image = await asyncio.wait_for(
                asyncio.to_thread(charts.status_chart, rows, title=title, labels=charts.Labels.of(req.lang)),
                CHART_SECONDS,
            )
        except TimeoutError:
            return replies
        name = f"thong-ke-{today:%Y%m%d}.png"
        replies.append(
            Reply(esc(title), file=OutgoingFile(name, image.png, "image/png", photo=image.fits_a_photo))
        )
    return replies


async def export_matrix(req: Request) -> Reply:
    with req.app.db.session() as session:
        content = export.assignment_matrix(session)
    name = f"phan-cong-{local_today(req.app.clock):%Y%m%d}.xlsx"
    return Reply(t(req.lang, "export.caption"), file=OutgoingFile(name, content, XLSX))


def register(router: Router) -> None:
    router.command("stats", "thongke", access=Access.admin)(show_stats)
    router.command("export", "xuat", access=Access.admin, expensive=True)(export_matrix)
