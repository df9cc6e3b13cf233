"""Importing a plan by chat: an admin sends the file (handlers.plan_files reads it), sees what was
extracted and corrects it (handlers.plan_review), confirms; then sets the days the plan left open
(handlers.deadlines, the one day-setting flow). Nothing is stored before the confirmation.

Kept here for messages sent before those modules existed: imp:ok / imp:no (a preview's buttons),
imp:day:<deadline_id> and the "imp.day" flow (a day being typed), each answered by today's path.
"""

from __future__ import annotations

from handlers import deadlines, plan_review
from handlers.args import int_arg
from handlers.context import Request
from handlers.plan_files import Upload, read_upload
from handlers.router import Access, Router
from messages.i18n import t
from messages.types import Reply


async def receive_file(req: Request) -> Reply:
    upload = await read_upload(req)  # in a child process, with a time limit and a status line
    if not isinstance(upload, Upload):
        return upload
    return await plan_review.open_import(req, upload)


async def on_callback(req: Request) -> Reply:
    action = req.args[0] if req.args else ""
    if action == "ok":  # the preview's buttons before corrections (rv:...) existed
        return await plan_review.confirm_pending(req)
    if action == "no":
        return await plan_review.cancel_pending(req)
    if action == "day" and (deadline_id := int_arg(req, 1)) is not None:  # buttons sent before dl:day
        return deadlines.ask_day(req, deadline_id)
    return Reply(t(req.lang, "join.bad_request"))


def register(router: Router) -> None:
    router.file(access=Access.admin)(receive_file)
    router.callback("imp", access=Access.admin)(on_callback)
    router.flow("imp.day", access=Access.admin)(deadlines.got_day)  # a day asked before the upgrade
