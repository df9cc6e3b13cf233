"""Graceful degradation: a plan whose layout the extractor does not recognise still yields its unit-led
items (held-out round 3 found whole plans yielding nothing), never its purpose part or recipients."""

from __future__ import annotations

from parsing.extract import parse_text

HEADER = """ỦY BAN NHÂN DÂN
TỈNH KON TUM
Số: 77/KH-UBND
Kon Tum, ngày 05 tháng 5 năm 2025
KẾ HOẠCH
Tổ chức Tháng hành động vì an toàn thực phẩm năm 2025
"""

NO_PARTS = (
    HEADER
    + """Căn cứ Luật An toàn thực phẩm, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
1. Mục đích, yêu cầu: bảo đảm sự phối hợp giữa Sở Công Thương, Sở Y tế và các địa phương.
2. Sở Y tế chủ trì, phối hợp với Sở Công Thương tổ chức đoàn kiểm tra liên ngành; tổng hợp,
báo cáo UBND tỉnh trước ngày 30/6/2025.
3. Công an tỉnh phối hợp với Sở Y tế điều tra, xử lý các vụ vi phạm về an toàn thực phẩm.
4. UBND các huyện, thành phố tổ chức tuyên truyền, kiểm tra trên địa bàn.
Nơi nhận:
- Bộ Y tế;
- Sở Tài chính;
- Lưu: VT.
"""
)

UNHEADED = (
    HEADER
    + """Thực hiện chỉ đạo của Bộ Y tế, Ủy ban nhân dân tỉnh yêu cầu như sau:
Mục đích, yêu cầu
Các sở, ngành phối hợp chặt chẽ với Sở Y tế để bảo đảm an toàn thực phẩm.
Nội dung thực hiện
Sở Y tế chủ trì tổ chức kiểm tra các cơ sở sản xuất, kinh doanh thực phẩm.
Báo Kon Tum, Đài Phát thanh và Truyền hình tỉnh đưa tin về Tháng hành động.
"""
)


def _rows(text: str) -> set[tuple[str, str]]:
    return {(a.unit, a.role) for a in parse_text(text).assignments}


def test_plan_without_part_titles_yields_its_unit_items() -> None:
    plan = parse_text(NO_PARTS)
    rows = {(a.unit, a.role) for a in plan.assignments}
    assert rows == {
        ("Sở Y tế", "lead"),
        ("Sở Công Thương", "support"),
        ("Công an tỉnh", "support"),
        ("UBND các huyện, thành phố", "lead"),
    }
    assert [(d.unit, d.due) for d in plan.deadlines] == [("Sở Y tế", "2025-06-30")]
    # the items after "1. Mục đích, yêu cầu" are read as the plan's tasks; the admin is told no
    # implementation part was found
    assert any("no implementation part" in w or "no part assigning work" in w for w in plan.warnings)


def test_unnumbered_purpose_heading_is_skipped_but_later_paragraphs_read() -> None:
    rows = _rows(UNHEADED)
    assert ("Sở Y tế", "lead") in rows
    assert ("Báo Kon Tum", "lead") in rows
    assert ("Đài Phát thanh và Truyền hình tỉnh", "lead") in rows
    assert not any(u.startswith("Các sở") for u, _ in rows)  # only in the purpose paragraph


def test_recognised_plan_does_not_use_the_fallback() -> None:
    text = HEADER + "I. MỤC ĐÍCH\nSở Nội vụ theo dõi.\nII. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế chủ trì kiểm tra.\n"
    plan = parse_text(text)
    assert {(a.unit, a.role) for a in plan.assignments} == {("Sở Y tế", "lead")}
    assert not any("no part assigning work" in w for w in plan.warnings)


def test_implementation_title_synonyms() -> None:
    for title in ("PHÂN CÔNG NHIỆM VỤ", "TRÁCH NHIỆM CỦA CÁC CƠ QUAN, ĐƠN VỊ", "TỔ CHỨC TRIỂN KHAI"):
        body = f"I. MỤC ĐÍCH, YÊU CẦU\nBảo đảm hiệu quả.\nII. {title}\n1. Sở Y tế chủ trì kiểm tra.\n"
        text = HEADER + body
        plan = parse_text(text)
        assert ("Sở Y tế", "lead") in {(a.unit, a.role) for a in plan.assignments}, title
        assert not any("no implementation part" in w for w in plan.warnings), title
