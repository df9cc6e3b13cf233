"""The draft report (.docx, NĐ 30/2020 format): opens with python-docx and LibreOffice, carries every
duty the plan gives the unit, also with 40 of them."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document

from services import report_draft
from storage.db import Database
from storage.enums import Role
from storage.models import Assignment, Deadline, Occurrence
from tests.services.collection_world import START, class_report

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _draft(db: Database, duties: int) -> tuple[report_draft.Draft, list[str]]:
    with db.session() as s:
        w = class_report(s, owing=2)
        occ = s.get_one(Occurrence, w.occurrences[0])
        texts = [
            f"Nhiệm vụ số {i + 1}: tổ chức tuyên truyền nội dung {i + 1} của kế hoạch" for i in range(duties)
        ]
        plan = s.get_one(Deadline, occ.deadline_id).plan_id
        for i, text in enumerate(texts):
            s.add(
                Assignment(
                    plan_id=plan,
                    position=i,
                    unit_id=occ.unit_id,
                    unit_text="UBND xã 01",
                    role=Role.lead if i % 3 else Role.support,
                    duty=text,
                    section=f"II.{i + 1}",
                    source=text,
                )
            )
        s.flush()
        doc = report_draft.build(s, occurrence_id=w.occurrences[0], today=START)
    return doc, texts


def test_draft_carries_the_format_and_every_duty(db: Database) -> None:
    doc, texts = _draft(db, 40)
    assert doc.duties == 40 and doc.filename.endswith(".docx")
    d = Document(io.BytesIO(doc.content))
    body = "\n".join(p.text for p in d.paragraphs)
    header = "\n".join(c.text for row in d.tables[0].rows for c in row.cells)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header and "Độc lập - Tự do - Hạnh phúc" in header
    assert "UBND XÃ 01" in header and "Số:" in header and "/BC-" in header
    assert "Đồng Nai, ngày" in header and "năm 2026" in header
    assert "BÁO CÁO" in body and "Kết quả thực hiện Kế hoạch số 35/KH-UBND" in body
    assert "Kính gửi: Sở Ngoại vụ." in body
    for text in texts:
        assert text[:1].upper() + text[1:] in body  # one section per duty, quoted with its source section
        assert f"“{text}”" in body
    assert "Nhiệm vụ giao tại mục II.40" in body
    assert "II. KHÓ KHĂN, VƯỚNG MẮC" in body and "III. ĐỀ XUẤT, KIẾN NGHỊ" in body
    footer = "\n".join(c.text for row in d.tables[1].rows for c in row.cells)
    assert "Nơi nhận:" in footer and "- Sở Ngoại vụ;" in footer and "THỦ TRƯỞNG ĐƠN VỊ" in footer
    section = d.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == 30


@pytest.mark.skipif(
    SOFFICE is None and not os.environ.get("CI"), reason="LibreOffice is not installed (CI installs it)"
)
def test_draft_opens_in_libreoffice(db: Database, tmp_path: Path) -> None:
    """LibreOffice converts it to PDF; pdftoppm renders page 1 (docs/draft-report.png was made so)."""
    assert SOFFICE is not None, "CI must install libreoffice-writer (.ci/run)"
    doc, _ = _draft(db, 40)
    source = tmp_path / doc.filename
    source.write_bytes(doc.content)
    env = dict(os.environ, HOME=str(tmp_path))  # its own profile: no clash with a running LibreOffice
    subprocess.run(
        [SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
        env=env,
    )
    pdf = source.with_suffix(".pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    pdftotext = shutil.which("pdftotext")
    if pdftotext is not None:
        text = subprocess.run([pdftotext, str(pdf), "-"], check=True, capture_output=True, text=True).stdout
        assert "BÁO CÁO" in text and "Nhiệm vụ số 40" in text
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is not None:
        subprocess.run(
            [pdftoppm, "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")], check=True
        )
        assert next(tmp_path.glob("p*.png")).read_bytes().startswith(b"\x89PNG")
