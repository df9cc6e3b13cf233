"""A draft report (.docx) for an occurrence a unit owes, in the administrative format of Nghị định
30/2020/NĐ-CP (Phụ lục I: thể thức văn bản hành chính), so the officer starts from the form rather
than a blank page:

    ┌ UBND TỈNH ĐỒNG NAI            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM ┐
    │ SỞ NGOẠI VỤ                         Độc lập - Tự do - Hạnh phúc  │
    │ Số: .../BC-SNV                Đồng Nai, ngày ... tháng ... năm 2026 │
    └───────────────────────────────────────────────────────────────────┘
                                BÁO CÁO
          Kết quả thực hiện Kế hoạch số 35/KH-UBND ngày 08/4/2020 của UBND tỉnh
    Kính gửi: <the receiving unit>
    Thực hiện Kế hoạch ..., <unit> báo cáo kết quả thực hiện như sau:
    I. KẾT QUẢ THỰC HIỆN      1. <duty> (chủ trì/phối hợp; mục ...) + quoted source + room for results
    II. KHÓ KHĂN, VƯỚNG MẮC   III. ĐỀ XUẤT, KIẾN NGHỊ
    Trên đây là báo cáo ...
    Nơi nhận: - <receiving unit>; - Lưu: VT.          THỦ TRƯỞNG ĐƠN VỊ / (Ký, ghi rõ họ tên, đóng dấu)

A4, margins 20/20/30/15 mm, Times New Roman 13-14 pt, as the decree sets. The duties are the unit's
own in that plan (services.duties: named, through its class, or inherited from a merged unit).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_PARAGRAPH_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from sqlmodel import Session

from services import jurisdictions
from services.duties import Duty, unit_duties
from services.occurrences import OccurrenceError
from services.submissions import receiving_unit
from storage.enums import Role
from storage.models import Deadline, Jurisdiction, Occurrence, Plan, Unit

FONT = "Times New Roman"
ROLE_VI: dict[str, str] = {Role.lead: "chủ trì", Role.support: "phối hợp"}
_NOT_INITIAL = {"và", "của", "các", "về"}


@dataclass(frozen=True, slots=True)
class Draft:
    filename: str
    content: bytes
    duties: int


def _abbreviation(name: str) -> str:
    """Sở Ngoại vụ -> SNV, UBND xã Long Hưng -> UBND (the unit's own short mark after BC-)."""
    if name.upper().startswith("UBND") or name.lower().startswith("ủy ban nhân dân"):
        return "UBND"
    words = [w for w in re.split(r"[\s,-]+", name) if w and w.lower() not in _NOT_INITIAL]
    letters = "".join(unicodedata.normalize("NFD", w)[0].upper() for w in words)
    return letters.replace("Đ", "D")[:8] or "..."


def _parent(session: Session, unit: Unit) -> str | None:
    """The governing body above the unit (cơ quan chủ quản), when the unit is not itself one."""
    if unit.kind in ("ubnd", "hdnd", "tinh_uy", "mttq") or unit.name.upper().startswith(("UBND", "ỦY BAN")):
        return None
    jurisdiction = session.get(Jurisdiction, unit.jurisdiction_id) if unit.jurisdiction_id else None
    return f"UBND {jurisdictions.label(jurisdiction)}".upper() if jurisdiction is not None else None


def _plan_ref(plan: Plan) -> str:
    ref = f"Kế hoạch số {plan.number}" if plan.number else f"Kế hoạch {plan.title or plan.source_name}"
    if plan.issued_on:
        ref += f" ngày {plan.issued_on.day:02d}/{plan.issued_on.month:02d}/{plan.issued_on.year}"
    if plan.issuer:
        ref += f" của {plan.issuer}"
    return ref


def build(session: Session, *, occurrence_id: int, today: dt.date) -> Draft:
    """The draft for one occurrence (the caller checked that the person may see it)."""
    occ = session.get(Occurrence, occurrence_id)
    if occ is None:
        raise OccurrenceError("deadlines.not_found")
    deadline = session.get_one(Deadline, occ.deadline_id)
    plan = session.get_one(Plan, deadline.plan_id)
    unit = session.get_one(Unit, occ.unit_id)
    receiver = receiving_unit(session, deadline=deadline)
    to = receiver.name if receiver is not None else (deadline.recipient or plan.issuer or "")
    duties = [
        d
        for p in unit_duties(session, unit_id=occ.unit_id, today=today).plans
        if p.plan_id == plan.id
        for d in p.duties
    ]
    jurisdiction = session.get(Jurisdiction, unit.jurisdiction_id) if unit.jurisdiction_id else None
    place = jurisdiction.name if jurisdiction is not None else "..."
    content = render(
        unit_name=unit.name,
        parent=_parent(session, unit),
        abbreviation=_abbreviation(unit.name),
        place=place,
        year=occ.due_on.year,
        plan_ref=_plan_ref(plan),
        plan_title=plan.title,
        to=to,
        deadline_text=deadline.source,
        due_on=occ.due_on,
        duties=duties,
    )
    name = f"du-thao-bao-cao-{(plan.number or str(plan.id)).replace('/', '-')}-{occ.due_on:%Y%m%d}.docx"
    return Draft(filename=name, content=content, duties=len(duties))


# --- the document ----------------------------------------------------------------------------------


def _run(p: Paragraph, text: str, *, size: float = 14, bold: bool = False, italic: bool = False) -> None:
    r = p.add_run(text)
    r.font.name = FONT
    r.font.size = Pt(size)
    r.bold = bold
    r.italic = italic
    r._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)


def _para(
    container: object,
    text: str = "",
    *,
    align: WD_PARAGRAPH_ALIGNMENT | None = None,
    size: float = 14,
    bold: bool = False,
    italic: bool = False,
    indent: bool = False,
    after: float = 6,
) -> Paragraph:
    p: Paragraph = container.add_paragraph()  # type: ignore[attr-defined]
    if text:
        _run(p, text, size=size, bold=bold, italic=italic)
    if align is not None:
        p.alignment = align
    fmt = p.paragraph_format
    fmt.space_after = Pt(after)
    fmt.space_before = Pt(0)
    if indent:
        fmt.first_line_indent = Mm(10)
    return p


def _cell_para(
    cell: _Cell, text: str, *, size: float = 13, bold: bool = False, italic: bool = False
) -> Paragraph:
    p = (
        cell.paragraphs[0]
        if not cell.paragraphs[0].text and len(cell.paragraphs) == 1 and not cell.paragraphs[0].runs
        else cell.add_paragraph()
    )
    _run(p, text, size=size, bold=bold, italic=italic)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(0)
    return p


def _underline_rule(p: Paragraph) -> None:
    """The short line under the unit's name and under the motto (a bottom border, as Word draws it)."""
    ppr = p._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    ppr.append(border)


def _widths(table: Table, widths: tuple[Length, ...]) -> None:
    """Fixed column widths (the grid LibreOffice reads, and each cell's, which Word reads)."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _no_borders(table: object) -> None:
    tbl = table._tbl  # type: ignore[attr-defined]
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        e = OxmlElement(f"w:{edge}")
        e.set(qn("w:val"), "nil")
        borders.append(e)
    tbl.tblPr.append(borders)


def render(
    *,
    unit_name: str,
    parent: str | None,
    abbreviation: str,
    place: str,
    year: int,
    plan_ref: str,
    plan_title: str | None,
    to: str,
    deadline_text: str,
    due_on: dt.date,
    duties: list[Duty],
) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)

    # header: issuing body (left), national motto (right); number (left), place and date (right)
    header = doc.add_table(rows=2, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(header)
    _widths(header, (Mm(68), Mm(100)))
    left, right = header.cell(0, 0), header.cell(0, 1)
    if parent:
        _cell_para(left, parent, size=13)
    _underline_rule(_cell_para(left, unit_name.upper(), size=13, bold=True))
    _cell_para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True)
    _underline_rule(_cell_para(right, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True))
    _cell_para(header.cell(1, 0), f"Số:       /BC-{abbreviation}", size=13)
    _cell_para(header.cell(1, 1), f"{place}, ngày      tháng      năm {year}", size=14, italic=True)

    _para(doc, after=12)
    _para(doc, "BÁO CÁO", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, after=0)
    _para(doc, f"Kết quả thực hiện {plan_ref}", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, after=0)
    if plan_title:
        _para(doc, plan_title, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, after=0)
    _para(doc, "", after=6)
    if to:
        _para(doc, f"Kính gửi: {to}.", align=WD_ALIGN_PARAGRAPH.CENTER, after=12)

    _para(
        doc,
        f"Thực hiện {plan_ref}, {unit_name} báo cáo kết quả thực hiện (hạn báo cáo "
        f"{due_on:%d/%m/%Y}) như sau:",
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        indent=True,
    )
    _para(
        doc,
        f"(Yêu cầu báo cáo: {deadline_text.strip()})",
        italic=True,
        size=13,
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        indent=True,
    )

    _para(doc, "I. KẾT QUẢ THỰC HIỆN", bold=True, indent=True)
    if not duties:
        _para(doc, "(Nêu kết quả thực hiện các nhiệm vụ được giao tại kế hoạch.)", italic=True, indent=True)
    for n, d in enumerate(duties, start=1):
        role = ROLE_VI.get(d.role, d.role)
        duty = d.duty.strip().rstrip(".;")
        p = _para(
            doc,
            f"{n}. {duty[:1].upper()}{duty[1:]}",
            bold=True,
            indent=True,
            align=WD_ALIGN_PARAGRAPH.JUSTIFY,
            after=2,
        )
        _run(p, f" ({role})", size=14, italic=True)
        where = f"mục {d.section}" if d.section else "kế hoạch"
        _para(
            doc,
            f"Nhiệm vụ giao tại {where}: “{' '.join(d.duty.split())}”",
            italic=True,
            size=12,
            indent=True,
            align=WD_ALIGN_PARAGRAPH.JUSTIFY,
            after=2,
        )
        _para(doc, "- Kết quả thực hiện: ……………………………………………………………", indent=True, after=2)
        _para(doc, "- Số liệu, sản phẩm cụ thể: …………………………………………………", indent=True, after=8)
    _para(doc, "II. KHÓ KHĂN, VƯỚNG MẮC VÀ NGUYÊN NHÂN", bold=True, indent=True)
    _para(doc, "……………………………………………………………………………………", indent=True)
    _para(doc, "III. ĐỀ XUẤT, KIẾN NGHỊ", bold=True, indent=True)
    _para(doc, "……………………………………………………………………………………", indent=True)
    _para(
        doc,
        f"Trên đây là báo cáo kết quả thực hiện {plan_ref} của {unit_name}./.",
        indent=True,
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        after=12,
    )

    # recipients (left) and signature (right)
    footer = doc.add_table(rows=1, cols=2)
    _no_borders(footer)
    _widths(footer, (Mm(80), Mm(88)))
    recipients = footer.cell(0, 0)
    p = recipients.paragraphs[0]
    _run(p, "Nơi nhận:", size=12, bold=True, italic=True)
    for line in ([f"- {to};"] if to else []) + ["- Lãnh đạo đơn vị;", f"- Lưu: VT, {abbreviation}."]:
        q = recipients.add_paragraph()
        _run(q, line, size=11)
        q.paragraph_format.space_after = Pt(0)
    sign = footer.cell(0, 1)
    _cell_para(sign, "THỦ TRƯỞNG ĐƠN VỊ", size=14, bold=True)
    _cell_para(sign, "(Ký, ghi rõ họ tên, đóng dấu)", size=13, italic=True)
    for _ in range(3):
        _cell_para(sign, "", size=13)
    _cell_para(sign, "………………………", size=14, bold=True)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
