"""/stats and /export for admins."""

from __future__ import annotations

from handlers.context import Request
from handlers.i18n import t
from handlers.router import Access, Router
from handlers.types import OutgoingFile, Reply
from services import export, stats
from services.clock import local_today

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def show_stats(req: Request) -> Reply:
    with req.app.db.session() as session:
        s = stats.collect(session, today=local_today(req.app.clock))
    return Reply(
        t(req.lang, "stats.summary", units=s.units, members=s.members, plans=s.plans, **s.occurrences)
    )


async def export_matrix(req: Request) -> Reply:
    with req.app.db.session() as session:
        content = export.assignment_matrix(session)
    name = f"phan-cong-{local_today(req.app.clock):%Y%m%d}.xlsx"
    return Reply(t(req.lang, "export.caption"), file=OutgoingFile(name, content, XLSX))


def register(router: Router) -> None:
    router.command("stats", "thongke", access=Access.admin)(show_stats)
    router.command("export", "xuat", access=Access.admin, expensive=True)(export_matrix)
