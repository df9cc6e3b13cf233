"""Each layout real plans use, on real text (excerpts of the 2025 plans in ../shared/plans/dev, copied
here verbatim) and on a real Word file and its PDF export.

1. converter Markdown: header cells between bars, bold headings wrapped over lines, site lines;
2. tables: cells between bars, Markdown pipes, HTML with merged cells and <br>, a real .docx table, a
   real PDF table split over pages;
3. unit as heading, and a head word shared by a list ("Đề nghị các Sở: Y tế, Tư pháp");
4. role lines under a task ("b) Cơ quan thực hiện: - Đơn vị chủ trì: ..."; "c) Thời gian thực hiện");
5. a Quyết định issuing a plan: its number, issuer and date; its execution article is no assignment;
6. positions as assignees ("Đồng chí Phó Chủ tịch Thường trực");
7. headers with holes (see test_header.py).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from parsing.document import parse_file
from parsing.extract import parse_text

REAL = Path(__file__).resolve().parent / "fixtures" / "real"
SCORER = Path(__file__).resolve().parents[3] / "shared" / "tools" / "score_extraction.py"


def _rows(text: str) -> set[tuple[str, str]]:
    return {(a.unit, a.role) for a in parse_text(text).assignments}


# 1 + 4: dev plan 8e9a425dd83e56b3 (UBND thành phố Hà Nội, 308/KH-UBND), header and II.1.1.
HANOI = """|
**ỦY BAN NHÂN DÂN
THÀNH PHỐ HÀ NỘI**
-------
|
**CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
---------------
|
|
Số: 308/KH-UBND
|
*Hà Nội, ngày 17 tháng 11
năm 2025*
|

**KẾ HOẠCH**

TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT SỐ 214/NQ-CP NGÀY 23/7/2025 CỦA CHÍNH PHỦ

**II. NHIỆM VỤ**

**1. Về dữ liệu**

**1.1. Xây
dựng các Chiến lược triển khai của thành phố Hà Nôi:**

a) Nhiệm vụ: Tham mưu UBND
Thành phố phối hợp với Bộ Công an rà soát, hoàn thiện Chiến lược dữ liệu thành
phố Hà Nội đến năm 2030.

b) Cơ quan thực hiện:

- Đơn vị chủ trì: Sở Khoa học
và Công nghệ.

- Đơn vị phối hợp: Các Sở, ban,
ngành.

c) Thời gian thực hiện: Hoàn
thành trong năm 2025.

**1.2. Triển
khai, phát triển dữ liệu:**

a) Nhiệm vụ:

- Phối hợp triển khai số hóa theo
hướng dẫn của Bộ, ngành chuyên môn đối với các cơ sở dữ liệu quốc gia.

b) Cơ quan thực hiện:

- Đơn vị chủ trì: Các Sở, ban,
ngành.

- Đơn vị phối hợp: Sở Khoa học
và Công nghệ, UBND xã, phường.

c) Thời gian thực hiện: Triển
khai đảm bảo theo lộ trình, hướng dẫn của Bộ, ngành.
"""


def test_converter_markdown_with_role_lines() -> None:
    plan = parse_text(HANOI)
    assert (plan.header.number, plan.header.issued_on) == ("308/KH-UBND", dt.date(2025, 11, 17))
    assert {(a.unit, a.role, a.section) for a in plan.assignments} == {
        ("Sở Khoa học và Công nghệ", "lead", "II.1.1"),
        ("Các Sở, ban, ngành", "support", "II.1.1"),
        ("Các Sở, ban, ngành", "lead", "II.1.2"),
        ("Sở Khoa học và Công nghệ", "support", "II.1.2"),
        ("UBND xã, phường", "support", "II.1.2"),
    }
    # the lead's deadline from "Thời gian thực hiện: Hoàn thành trong năm 2025"; "theo lộ trình" is none
    assert [(d.unit, d.recurrence, d.due) for d in plan.deadlines] == [
        ("Sở Khoa học và Công nghệ", "once", "2025-12-31")
    ]


# 2: dev plan 31786b0833a4130d (Hà Nội, 310/KH-UBND): the annex as cells between bars, a lost break
# between two departments, a span of quarters.
ANNEX_BARS = """**PHỤ LỤC**

NHIỆM VỤ CHỦ YẾU CỦA KẾ HOẠCH

|
**TT**
|
**Nội dung/nhiệm vụ**
|
**Cơ quan chủ trì**
|
**Cơ quan phối hợp**
|
**Thời gian thực hiện**
|
|
1
|
Tổ chức điều chỉnh, bổ sung
quy hoạch hạ tầng viễn thông trong các khu công nghệ cao và khu công nghiệp đến
năm 2030
|
Ban Quản lý các khu công nghệ cao và khu công nghiệp
|
Sở Khoa học và Công nghệ Sở Công Thương; UBND các phường, xã
|
Quý III Năm 2026
|
|
2
|
Khảo sát, đánh giá thực trạng
hạ tầng viễn thông, nhu cầu chuyển đổi số doanh nghiệp trong các khu công nghệ
cao, khu công nghiệp, cụm công nghiệp
|
Ban Quản lý các khu công nghệ cao và khu công nghiệp
|
Sở Khoa học và Công nghệ, Sở Công Thương, Các doanh nghiệp viễn thông
|
Quý IV/2025- Quý II/2026
|
"""
BOARD = "Ban Quản lý các khu công nghệ cao và khu công nghiệp"


def test_annex_table_in_cells_between_bars() -> None:
    plan = parse_text("Số: 310/KH-UBND\nHà Nội, ngày 24 tháng 11 năm 2025\n\n" + ANNEX_BARS)
    assert {(a.unit, a.role) for a in plan.assignments} == {
        (BOARD, "lead"),
        ("Sở Khoa học và Công nghệ", "support"),
        ("Sở Công Thương", "support"),
        ("UBND các phường, xã", "support"),
        ("Các doanh nghiệp viễn thông", "support"),
    }
    assert {(d.unit, d.due) for d in plan.deadlines} == {(BOARD, "2026-09-30"), (BOARD, "2026-06-30")}


# 2: the same rows as an HTML table (a converter that keeps HTML): the lead cell spans both task rows,
# a group title spans every column, a cell breaks its lines with <br>.
ANNEX_HTML = f"""<table>
<tr><th>TT</th><th>Nội dung/nhiệm vụ</th><th>Cơ quan chủ trì</th><th>Cơ quan phối hợp</th>
<th>Thời gian thực hiện</th></tr>
<tr><td><b>I</b></td><td colspan="4"><b>HẠ TẦNG VIỄN THÔNG</b></td></tr>
<tr><td>1</td><td>Tổ chức điều chỉnh, bổ sung quy hoạch hạ tầng viễn thông</td>
<td rowspan="2">{BOARD}</td><td>Sở Khoa học và Công nghệ<br>Sở Công Thương</td><td>Quý III Năm 2026</td></tr>
<tr><td>2</td><td>Khảo sát, đánh giá thực trạng hạ tầng viễn thông</td>
<td>Các doanh nghiệp viễn thông</td><td>Quý IV/2025- Quý II/2026</td></tr>
</table>
"""


def test_annex_table_in_html_with_merged_cells() -> None:
    plan = parse_text("Số: 310/KH-UBND\nHà Nội, ngày 24 tháng 11 năm 2025\n\n**PHỤ LỤC**\n\n" + ANNEX_HTML)
    rows = {(a.unit, a.role, a.section) for a in plan.assignments}
    assert (BOARD, "lead", "Phụ lục I.1") in rows and (BOARD, "lead", "Phụ lục I.2") in rows
    assert {(u, r) for u, r, _s in rows} == {
        (BOARD, "lead"),
        ("Sở Khoa học và Công nghệ", "support"),
        ("Sở Công Thương", "support"),
        ("Các doanh nghiệp viễn thông", "support"),
    }
    assert {d.due for d in plan.deadlines} == {"2026-09-30", "2026-06-30"}


def test_annex_table_in_markdown_pipes() -> None:
    text = (
        "Số: 310/KH-UBND\nHà Nội, ngày 24 tháng 11 năm 2025\n\nPHỤ LỤC\n\n"
        "| TT | Nội dung/nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện |\n"
        "|---|---|---|---|---|\n"
        f"| 1 | Tổ chức điều chỉnh quy hoạch hạ tầng viễn thông | {BOARD} | Sở Tài chính | Năm 2026 |\n"
        f"| 2 | Hỗ trợ doanh nghiệp | {BOARD} | Các doanh nghiệp đầu tư hạ tầng | Hàng năm |\n"
    )
    plan = parse_text(text)
    assert ("Các doanh nghiệp đầu tư hạ tầng", "support") in {(a.unit, a.role) for a in plan.assignments}
    assert {(d.recurrence, d.due) for d in plan.deadlines} == {("once", "2026-12-31"), ("yearly", None)}


# 3: dev plan 689f49d25e51cbaa (UBND tỉnh Đồng Tháp, 597/KH-UBND), V.2: a unit heading and its bullets;
# a bullet that directs a class of enterprises gives them a row too.
UNIT_HEADINGS = """**V. TỔ CHỨC THỰC HIỆN**

**2. Sở Khoa học và Công nghệ**

- Hướng dẫn về tiêu chuẩn kỹ thuật, tiêu chuẩn dữ
liệu, giải pháp công nghệ trong quá trình xây dựng hạ tầng số.

- Phối hợp hỗ trợ các đơn vị triển khai kết nối,
tích hợp dữ liệu, giám sát kỹ thuật.

**6. Ủy ban nhân dân cấp xã**

- Chủ động phối hợp với Sở Xây dựng cập nhật dữ liệu hạ tầng giao thông trên địa bàn.

**8. Đề nghị các Sở: Y tế, Tư pháp**

- Tuyên truyền, phổ biến Kế hoạch.
"""


def test_unit_headings_and_a_shared_head_word() -> None:
    assert _rows(UNIT_HEADINGS) == {
        ("Sở Khoa học và Công nghệ", "lead"),
        ("Sở Khoa học và Công nghệ", "support"),
        ("Ủy ban nhân dân cấp xã", "support"),
        ("Sở Y tế", "lead"),
        ("Sở Tư pháp", "lead"),
    }


# 5: dev plan 437c3beb60ae2874 (UBND TP.HCM, 2853/QĐ-UBND issuing a plan).
DECISION = """|
**ỦY BAN NHÂN DÂN**
THÀNH PHỐ HỒ CHÍ MINH
-------
|
**CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
---------------
|
|
Số: 2853/QĐ-UBND
|
*Thành phố Hồ Chí
Minh, ngày 21 tháng 11 năm 2025*
|

**QUYẾT ĐỊNH**

BAN HÀNH KẾ HOẠCH TRIỂN KHAI THỰC HIỆN ĐỀ ÁN “NÂNG CAO NHẬN
THỨC CỘNG ĐỒNG VÀ QUẢN LÝ RỦI RO THIÊN TAI DỰA VÀO CỘNG ĐỒNG, ĐẾN NĂM 2030”

**ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH**

*Căn cứ Luật Phòng, chống
thiên tai ngày 19 tháng 6 năm 2013;*

**QUYẾT ĐỊNH:**

**Điều 1. **Ban
hành kèm theo Quyết định này Kế hoạch triển khai thực hiện Đề án.

**Điều 2. **Quyết
định này có hiệu lực kể từ ngày ký.

**Điều 3. **Chánh
Văn phòng Ủy ban nhân dân Thành phố, Giám đốc Sở Nông nghiệp và Môi trường, Thủ
trưởng các sở, ban, ngành Thành phố, Ủy ban nhân dân các phường, xã, đặc khu,
các tổ chức, hội, đoàn thể và cá nhân có liên quan chịu trách nhiệm thi hành
Quyết định này./.

|
Nơi nhận:
- Như Điều 3;
- Bộ Nông nghiệp và Môi trường;
- Lưu: VT, (ĐT/Hn).
|
**TM. ỦY BAN NHÂN
DÂN**
**KT. CHỦ TỊCH**
PHÓ CHỦ TỊCH
**Bùi Minh Thạnh**
|

**KẾ HOẠCH**

TRIỂN KHAI THỰC HIỆN ĐỀ ÁN “NÂNG CAO NHẬN THỨC CỘNG ĐỒNG VÀ
QUẢN LÝ RỦI RO THIÊN TAI DỰA VÀO CỘNG ĐỒNG, ĐẾN NĂM 2030”

* (Ban hành kèm theo Quyết định số 2853/QĐ-UBND ngày 21 tháng 11 năm
2025 của Ủy ban nhân dân Thành phố)*

**I. MỤC TIÊU**

Nâng cao nhận thức cộng đồng.

**V. TỔ CHỨC
THỰC HIỆN**

2. Sở Giáo dục
và Đào tạo chủ trì, phối hợp với Sở Nông nghiệp và Môi trường, Ủy ban nhân dân
các phường, xã, đặc khu:

- Xây dựng chương trình đào tạo
và tổ chức tập huấn cho đội ngũ giảng viên, giáo viên.
"""


def test_decision_that_issues_a_plan() -> None:
    plan = parse_text(DECISION)
    assert (plan.header.number, plan.header.issued_on) == ("2853/QĐ-UBND", dt.date(2025, 11, 21))
    assert plan.header.title is not None and plan.header.title.startswith("TRIỂN KHAI THỰC HIỆN ĐỀ ÁN")
    assert {(a.unit, a.role) for a in plan.assignments} == {
        ("Sở Giáo dục và Đào tạo", "lead"),
        ("Sở Nông nghiệp và Môi trường", "support"),
        ("Ủy ban nhân dân các phường, xã, đặc khu", "support"),
    }  # Điều 3 "chịu trách nhiệm thi hành" and "Nơi nhận" assign nothing
    assert "Bộ Nông nghiệp và Môi trường" in plan.recipients


# 6: a commune Front plan assigning to positions of its standing committee.
POSITIONS = """ỦY BAN MTTQ VIỆT NAM
XÃ LƯƠNG MINH
BAN THƯỜNG TRỰC
Số: /KH-MTTQ-BTT
Lương Minh, ngày tháng 11 năm 2025

KẾ HOẠCH
Tổ chức Hội nghị hiệp thương

III. TỔ CHỨC THỰC HIỆN
1. Đồng chí Chủ tịch Ủy ban MTTQ xã chỉ đạo chung, chủ trì các hội nghị hiệp thương.
2. Đồng chí Phó Chủ tịch Thường trực phụ trách công tác tổng hợp, báo cáo kết quả về Ban Thường trực
Ủy ban MTTQ tỉnh trước ngày 10/12/2025.
3. Trưởng Ban công tác Mặt trận các thôn phối hợp tổ chức hội nghị cử tri tại thôn.
"""


def test_positions_are_assignees() -> None:
    plan = parse_text(POSITIONS)
    assert (plan.header.number, plan.header.issued_on) == (None, None)  # a blank number, no day
    rows = {(a.unit, a.role, a.group, a.position) for a in plan.assignments}
    assert rows == {
        ("Đồng chí Chủ tịch Ủy ban MTTQ xã", "lead", False, True),
        ("Đồng chí Phó Chủ tịch Thường trực", "lead", False, True),
        ("Trưởng Ban công tác Mặt trận các thôn", "support", True, True),
    }
    (deadline,) = plan.deadlines
    assert (deadline.unit, deadline.due) == ("Đồng chí Phó Chủ tịch Thường trực", "2025-12-10")


# 2 (Word, PDF): dev plan 192068354fd1ffe5 as its issuer's Word file (automatic numbering, a real annex
# table with merged group rows) and as LibreOffice's PDF export of it (make_real_docs.py).
def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_extraction", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not SCORER.is_file(), reason="../shared/tools is not beside the repository")
@pytest.mark.parametrize(
    ("name", "floor"),
    [("192068354fd1ffe5.md", 1.0), ("dongthap_552_kh_ubnd.docx", 1.0), ("dongthap_552_kh_ubnd.pdf", 0.95)],
)
def test_real_plan_as_text_word_and_pdf(name: str, floor: float) -> None:
    se = _scorer()
    gold = json.loads((REAL / "192068354fd1ffe5.gold.json").read_text(encoding="utf-8"))
    plan = parse_file(REAL / name)
    assert (plan.header.number, plan.header.issued_on) == ("552/KH-UBND", dt.date(2025, 11, 19))
    pred = plan.to_schema()
    g_ur, p_ur = se.unit_role_set(gold), se.unit_role_set(pred)
    g_dl, p_dl = se.deadline_rows(gold), se.deadline_rows(pred)
    ur = se.prf(se.match_pairs(g_ur, p_ur, se.same_unit_role)[0], len(g_ur), len(p_ur))[2]
    dl = se.prf(se.match_pairs(g_dl, p_dl, se.same_deadline)[0], len(g_dl), len(p_dl))[2]
    assert ur >= floor and dl >= floor, (ur, dl)


# 1 + 3: a converter's "#" headings with no Roman numbers, units as "##" headings over their bullets.
HASH_HEADINGS = """UBND TỈNH ĐỒNG NAI
Số: 12/KH-UBND
Đồng Nai, ngày 02 tháng 01 năm 2026

# KẾ HOẠCH
Tuyên truyền chuyển đổi số năm 2026

# Mục đích, yêu cầu
Các sở phối hợp chặt chẽ với Sở Khoa học và Công nghệ.

# Tổ chức thực hiện

## Sở Khoa học và Công nghệ
- Chủ trì tuyên truyền Kế hoạch.
- Phối hợp với Sở Nội vụ đánh giá kết quả, báo cáo UBND tỉnh trước ngày 15/12 hằng năm.

## Sở Tài chính:
- Bố trí kinh phí.

3. Công an tỉnh:
- Bảo đảm an ninh trật tự.
"""


def test_hash_headings_and_unit_headings_without_numbers() -> None:
    plan = parse_text(HASH_HEADINGS)
    assert {(a.unit, a.role) for a in plan.assignments} == {
        ("Sở Khoa học và Công nghệ", "lead"),
        ("Sở Khoa học và Công nghệ", "support"),
        ("Sở Tài chính", "lead"),
        ("Công an tỉnh", "lead"),
    }  # the purpose part names units but assigns nothing
    assert [(d.unit, d.recurrence, d.due) for d in plan.deadlines] == [
        ("Sở Khoa học và Công nghệ", "yearly", "12-15")
    ]
