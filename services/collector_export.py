"""The collector's board as an .xlsx workbook: who, status, submitted at, what, confirmed by.

One sheet, one row per owing unit in the board's order (worst first), with a title block naming the
deadline, the plan, the due date and the receiving unit. Times are Asia/Ho_Chi_Minh.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from sqlmodel import Session

from messages.i18n import t
from messages.render import to_plain
from services.clock import VN_TZ
from services.collector import Board, details
from storage.enums import OccurrenceStatus, SubmissionKind

COLUMNS = (
    "#",
    "unit",
    "status",
    "submitted_at",
    "kind",
    "report",
    "submitted_by",
    "confirmed_by",
    "confirmed_at",
    "returned",
)
HEADERS = {
    "vi": (
        "STT",
        "Đơn vị",
        "Trạng thái",
        "Nộp lúc",
        "Hình thức",
        "Tệp / link / nội dung",
        "Người nộp",
        "Xác nhận bởi",
        "Xác nhận lúc",
        "Lý do trả lại",
    ),
    "en": (
        "#",
        "Unit",
        "Status",
        "Submitted at",
        "Kind",
        "File / link / text",
        "Submitted by",
        "Confirmed by",
        "Confirmed at",
        "Sent back because",
    ),
}
KINDS: dict[str, dict[str, str]] = {
    "vi": {
        SubmissionKind.file: "Tệp",
        SubmissionKind.link: "Link",
        SubmissionKind.text: "Nội dung",
    },
    "en": {
        SubmissionKind.file: "File",
        SubmissionKind.link: "Link",
        SubmissionKind.text: "Text",
    },
}
WIDTHS = (5, 34, 20, 17, 10, 48, 22, 22, 17, 30)


def board_xlsx(session: Session, *, board: Board, lang: str = "vi") -> bytes:
    lang = lang if lang in HEADERS else "vi"
    c = board.collection
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Theo dõi" if lang == "vi" else "Board"
    title = f"{c.recipient or c.receiving_unit} - {c.plan_number or ''} - {c.due_on:%d/%m/%Y}"
    ws.append([title])
    ws.append([c.source])
    ws.append(
        [
            to_plain(
                t(
                    lang,
                    "collector.summary",
                    submitted=c.submitted,
                    total=c.total,
                    on_time=c.counts["on_time"],
                    late=c.counts["late"],
                    missing=c.missing,
                    overdue=c.counts["overdue"],
                    awaiting=c.awaiting,
                )
            )
        ]
    )
    ws.append([])
    ws.append(list(HEADERS[lang]))
    header_row = ws.max_row
    info = details(session, board.rows)
    for n, r in enumerate(board.rows, start=1):
        d = info[r.occurrence_id]
        submitted = (
            d.submitted_at.astimezone(VN_TZ).strftime("%d/%m/%Y %H:%M")
            if d.submitted_at is not None and r.workflow != OccurrenceStatus.returned
            else ""
        )
        report = d.filename if d.kind == SubmissionKind.file else d.text
        ws.append(
            [
                n,
                r.unit_name,
                t(lang, f"collector.state.{r.state.value}"),
                submitted,
                KINDS[lang].get(d.kind or "", ""),
                report or "",
                d.submitted_by or "",
                d.confirmed_by or "",
                d.confirmed_at.astimezone(VN_TZ).strftime("%d/%m/%Y %H:%M") if d.confirmed_at else "",
                d.returned_reason or "",
            ]
        )
    ws["A1"].font = Font(bold=True, size=13)
    for cell in ws[header_row]:
        cell.font = Font(bold=True)
    for i, width in enumerate(WIDTHS):
        ws.column_dimensions[chr(ord("A") + i)].width = width
    for row in ws.iter_rows(min_row=header_row + 1):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
