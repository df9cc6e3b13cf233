"""Layouts met in held-out round 2: party numbering, lost Word numbering, OCR page furniture and
hyphenation, and the issuer's directive to a unit that itself directs others."""

from __future__ import annotations

from parsing.blocks import Block
from parsing.extract import parse_text
from parsing.markup import text_blocks
from parsing.model import ParsedDeadline, ParsedPlan
from parsing.outline import outline

HEAD = "UBND TỈNH X\nSố: 12/KH-UBND\nX, ngày 02 tháng 01 năm 2024\n\nKẾ HOẠCH\nVề việc Y\n\n"


def _blocks(text: str) -> list[Block]:
    return outline(text_blocks(text))


def _texts(text: str) -> list[str]:
    return [b.text for b in _blocks(text)]


def _rows(text: str) -> set[tuple[str, str, str | None]]:
    return {(a.unit, a.role, a.section) for a in parse_text(text).assignments}


def test_party_dash_numbering() -> None:
    text = (
        "I- MỤC ĐÍCH, YÊU CẦU\n1- Các chi, đảng bộ trực thuộc báo cáo kết quả định kỳ hằng năm.\n"
        "II- TỔ CHỨC THỰC HIỆN\n1- Ban Tuyên giáo Huyện ủy chủ trì, phối hợp với Ban Tổ chức Huyện ủy "
        "hướng dẫn thực hiện.\n2- Ủy ban Kiểm tra Huyện ủy tham mưu kiểm tra, giám sát.\n"
        "3- Các chi, đảng bộ trực thuộc định kỳ 6 tháng, 1 năm báo cáo kết quả về Ban Thường vụ Huyện ủy.\n"
    )
    parsed = parse_text(text)
    assert {(a.unit, a.role, a.section) for a in parsed.assignments} == {
        ("Ban Tuyên giáo Huyện ủy", "lead", "II.1"),
        ("Ban Tổ chức Huyện ủy", "support", "II.1"),
        ("Ủy ban Kiểm tra Huyện ủy", "lead", "II.2"),
        ("Các chi, đảng bộ trực thuộc", "lead", "II.3"),
    }
    assert {d.recurrence for d in parsed.deadlines} == {"semiannual", "yearly"}


def test_bare_capitals_parts_of_a_word_export() -> None:
    text = HEAD + (
        "MỤC ĐÍCH, YÊU CẦU\r\nSở Tài chính theo dõi sát tiến độ hằng tháng.\r\n"
        "TỔ CHỨC THỰC HIỆN\r\n1. Sở Xây dựng\r\n- Chủ trì thẩm định thiết kế.\r\n"
        "- Phối hợp với các chủ đầu tư kiểm tra chất lượng công trình.\r\n"
    )
    blocks = _blocks(text.replace("\r\n", "\n").split("Về việc Y\n", 1)[1])
    assert [b.part for b in blocks if b.text.startswith("Sở Tài chính")] == ["purpose"]
    want = {("Sở Xây dựng", "lead", "1"), ("Sở Xây dựng", "support", "1")}
    assert _rows(text.replace("\r\n", "\n")) == want


def test_running_page_header_and_page_number_are_dropped() -> None:
    text = (
        "III. TỔ CHỨC THỰC HIỆN\n1. Công an huyện\n- Hướng dẫn UBND các xã củng\n\n2\n\n"
        "UBND huyện Y - Kế hoạch số 156/KH-UBND\ncố lực lượng ở cơ sở.\n- Tổng hợp kết quả.\n\n3\n\n"
        "UBND huyện Y - Kế hoạch số 156/KH-UBND\n2. Phòng Nội vụ tham mưu khen thưởng.\n"
    )
    lines = _texts(text)
    assert not any("156/KH-UBND" in ln for ln in lines)
    duties = [a.duty for a in parse_text(text).assignments]
    assert "Hướng dẫn UBND các xã củng cố lực lượng ở cơ sở" in duties
    assert not any("Kế hoạch số" in d for d in duties)


def test_a_repeated_heading_without_page_furniture_stays() -> None:
    text = "1. Mục tiêu\nA.\nNhiệm vụ chung\nB.\nNhiệm vụ chung\nC.\n"
    assert _texts(text).count("Nhiệm vụ chung") == 2


def test_hyphenated_syllables_rejoin_but_real_hyphens_stay() -> None:
    text = (
        "III. TỔ CHỨC THỰC HIỆN\n1. Ban Chỉ huy Quân sự hu-\nyện phối hợp với Công an huyện tuần tra.\n"
        "2. Phòng Văn hóa và Thông tin chủ trì, phối hợp với Trung tâm Văn hóa -\n"
        "Thông tin và Thể thao huyện tuyên truyền; tham mưu UBND huy-\nện chỉ đạo.\n"
        "3. Phòng Kinh tế phát triển kinh tế-\nxã hội.\n"
    )
    lines = " ".join(_texts(text))
    assert "Ban Chỉ huy Quân sự huyện phối hợp" in lines
    assert "UBND huyện chỉ đạo" in lines
    assert "kinh tế- xã hội" in lines  # two whole syllables: not one word cut in two
    units = {u for u, _r, _s in _rows(text)}
    assert {"Ban Chỉ huy Quân sự huyện", "Trung tâm Văn hóa - Thông tin và Thể thao huyện"} <= units


def test_requested_unit_that_directs_others_is_the_performer() -> None:
    text = (
        "IV. TỔ CHỨC THỰC HIỆN\n1. Đề nghị UBND các huyện, thị xã, thành phố chỉ đạo các phòng, ban "
        "chuyên môn, UBND cấp xã huy động các đoàn thể tham gia.\n"
        "2. Sở Y tế chỉ đạo các bệnh viện bố trí giường bệnh.\n"
        "3. UBND tỉnh giao Sở Tài chính bố trí kinh phí.\n"
    )
    assert _rows(text) == {
        ("UBND các huyện, thị xã, thành phố", "lead", "IV.1"),
        ("Sở Y tế", "lead", "IV.2"),
        ("Sở Tài chính", "lead", "IV.3"),
    }


def test_duty_before_a_conditional_clause_is_kept() -> None:
    text = (
        "III. TỔ CHỨC THỰC HIỆN\nGiao Sở Kế hoạch và Đầu tư theo dõi, đôn đốc thực hiện Kế hoạch; trong quá "
        "trình thực hiện nếu có khó khăn, vướng mắc, các cơ quan báo cáo về UBND tỉnh./.\n"
    )
    (a,) = parse_text(text).assignments
    assert (a.unit, a.duty) == ("Sở Kế hoạch và Đầu tư", "theo dõi, đôn đốc thực hiện Kế hoạch")


def test_deadline_day_and_month_round_trip_through_the_schema_json() -> None:
    text = (
        "III. TỔ CHỨC THỰC HIỆN\n1. Kho bạc Nhà nước tỉnh định kỳ hằng quý, trước ngày 10 tháng cuối quý, "
        "báo cáo UBND tỉnh.\n2. UBND các huyện hằng tháng, trước ngày 20, báo cáo Sở Tài chính.\n"
    )
    parsed = parse_text(text)
    rows = parsed.to_schema()["deadlines"]
    assert [(r["recurrence"], r["due"], r["due_day"], r["due_month"]) for r in rows] == [
        ("quarterly", None, 10, 3),
        ("monthly", None, 20, None),
    ]
    assert "day" not in rows[0]
    again = ParsedPlan.from_schema(parsed.to_schema())
    assert [(d.day, d.month) for d in again.deadlines] == [(10, 3), (20, None)]


def test_gold_rows_without_day_keys_take_them_from_due() -> None:
    plan = ParsedPlan.from_schema(
        {
            "deadlines": [
                {"unit": "Sở X", "recurrence": "yearly", "due": "11-15", "text": "t"},
                {"unit": "Sở X", "recurrence": "once", "due": "2024-06-30", "text": "t"},
                {"unit": "Sở X", "recurrence": "semiannual", "due": "12-15", "text": "t"},
                {"unit": "Sở X", "recurrence": "quarterly", "due": None, "text": "t"},
            ]
        }
    )
    assert [(d.day, d.month) for d in plan.deadlines] == [(15, 11), (30, 6), (15, 6), (None, None)]
    d = ParsedDeadline(unit="Sở X", action="report", recurrence="monthly", due=None, text="t", day=20)
    assert (d.day, d.month) == (20, None)


def test_long_unit_list_heading_keeps_its_duty_line_apart() -> None:
    """Round 4: a numbered line naming only units is a heading however long; the duty follows."""
    text = HEAD + (
        "IV. TỔ CHỨC THỰC HIỆN\n"
        "1. Đề nghị Cục Thuế tỉnh, Kho bạc Nhà nước tỉnh, Ngân hàng Nhà nước chi nhánh tỉnh\n"
        "Đẩy mạnh thanh toán không dùng tiền mặt.\n"
        "2. Các Sở: Nội vụ, Xây dựng, Nông nghiệp và Môi trường, Y tế, Giáo dục và Đào tạo\n"
        "Xây dựng cơ sở dữ liệu chuyên ngành; hoàn thành trước ngày 30/6/2024.\n"
    )
    assert _rows(text) == {
        ("Cục Thuế tỉnh", "lead", "IV.1"),
        ("Kho bạc Nhà nước tỉnh", "lead", "IV.1"),
        ("Ngân hàng Nhà nước chi nhánh tỉnh", "lead", "IV.1"),
        ("Sở Nội vụ", "lead", "IV.2"),
        ("Sở Xây dựng", "lead", "IV.2"),
        ("Sở Nông nghiệp và Môi trường", "lead", "IV.2"),
        ("Sở Y tế", "lead", "IV.2"),
        ("Sở Giáo dục và Đào tạo", "lead", "IV.2"),
    }


def test_bracketed_standing_role_and_topic_colon() -> None:
    """Round 4: "Sở Y tế (Cơ quan Thường trực ...): Chủ trì, phối hợp với ..." keeps its partners; a
    section II item "Topic: Sở X tham mưu ..." names its performer after the colon."""
    text = HEAD + (
        "II. NHIỆM VỤ\n"
        "1. Cải cách tổ chức bộ máy: Sở Nội vụ tham mưu sắp xếp bộ máy, hoàn thành trước 30/9/2024.\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Sở Y tế (Cơ quan Thường trực Ban Chỉ đạo): Chủ trì, phối hợp với Sở Công Thương, "
        "Sở Nông nghiệp và Phát triển nông thôn thành lập đoàn kiểm tra liên ngành.\n"
    )
    parsed = parse_text(text)
    assert {(a.unit, a.role, a.section) for a in parsed.assignments} == {
        ("Sở Nội vụ", "lead", "II.1"),
        ("Sở Y tế", "lead", "III.1"),
        ("Sở Công Thương", "support", "III.1"),
        ("Sở Nông nghiệp và Phát triển nông thôn", "support", "III.1"),
    }
    assert next(a for a in parsed.assignments if a.unit == "Sở Y tế").duty.startswith("Chủ trì")
    assert ("Sở Nội vụ", "2024-09-30") in {(d.unit, d.due) for d in parsed.deadlines}


def test_joint_plan_signatures_end_the_body() -> None:
    """Round 5: a joint plan prints one signature block per issuer BEFORE "Nơi nhận"; their lines are
    no duties of the last unit."""
    text = HEAD + (
        "III. TỔ CHỨC THỰC HIỆN\n1. Sở Tài chính tham mưu bố trí kinh phí.\n"
        "2. Báo và Phát thanh, Truyền hình Đắk Lắk\nXây dựng chuyên mục tuyên truyền.\n\n"
        "TM. BAN THƯỜNG TRỰC\nỦY BAN MTTQ VIỆT NAM TỈNH\nCHỦ TỊCH\n\nHoàng Văn Thạch\n"
        "TM. ỦY BAN NHÂN DÂN TỈNH\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nTrần Văn Lâm\n\nNơi nhận:\n- Như mục III;\n"
    )
    duties = [a.duty for a in parse_text(text).assignments]
    assert duties == ["tham mưu bố trí kinh phí", "Xây dựng chuyên mục tuyên truyền"]


def test_issuer_introducing_the_items_is_no_performer() -> None:
    """Round 5: "Chủ tịch UBND tỉnh yêu cầu:" introduces title-addressed items; titles are dropped."""
    text = HEAD + (
        "III. TỔ CHỨC THỰC HIỆN\nChủ tịch UBND tỉnh yêu cầu:\n"
        "1. Giám đốc Sở Y tế chịu trách nhiệm tổ chức thực hiện Kế hoạch.\n"
        "2. Giám đốc Công an tỉnh, Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh chỉ đạo lực lượng tham gia.\n"
        "3. Chánh Văn phòng UBND tỉnh theo dõi, đôn đốc thực hiện.\n"
    )
    assert _rows(text) == {
        ("Sở Y tế", "lead", "III.1"),
        ("Công an tỉnh", "lead", "III.2"),
        ("Bộ Chỉ huy Quân sự tỉnh", "lead", "III.2"),
        ("Văn phòng UBND tỉnh", "lead", "III.3"),
    }


def test_ocr_misread_unit_words_are_repaired() -> None:
    """Round 5: OCR drops the stroke of Đ or reads it as 'Ð', and the hook of Ủ ("Uy ban", "Dảng ủy")."""
    text = HEAD + (
        "IV- TỔ CHỨC THỰC HIỆN\n1- Uy ban nhân dân xã cụ thể hóa Nghị quyết, trình trong quý IV/2024.\n"
        "2- Ủy ban Kiềm tra Dảng ủy xã chủ trì, phối hợp với Văn phòng Ðảng ủy kiểm tra, giám sát.\n"
    )
    assert _rows(text) == {
        ("Ủy ban nhân dân xã", "lead", "IV.1"),
        ("Ủy ban Kiểm tra Đảng ủy xã", "lead", "IV.2"),
        ("Văn phòng Đảng ủy", "support", "IV.2"),
    }


def test_bracketed_role_before_the_lead_verb_keeps_the_partner() -> None:
    """Round 5: "Giao Sở X (cơ quan thường trực ...) chủ trì, phối hợp với Y": the bracket is no duty and
    Y supports; the post-2025 statistics office "Thống kê tỉnh X" is a unit."""
    text = HEAD + (
        "III. TỔ CHỨC THỰC HIỆN\n1. Giao Sở Nông nghiệp và Môi trường (cơ quan thường trực Chương trình) chủ "
        "trì, phối hợp với Sở Tài chính hướng dẫn thực hiện.\n"
        "2. Thống kê tỉnh Cà Mau cung cấp số liệu dân số.\n"
    )
    parsed = parse_text(text)
    assert {(a.unit, a.role) for a in parsed.assignments} == {
        ("Sở Nông nghiệp và Môi trường", "lead"),
        ("Sở Tài chính", "support"),
        ("Thống kê tỉnh Cà Mau", "lead"),
    }
    assert parsed.assignments[0].duty.startswith("chủ trì")


def test_table_of_contents_footnotes_and_symbol_header_are_not_body() -> None:
    """Round 5 (OCR'd party plan): dot-leader contents lines, a running header that is only the plan's
    symbol ("9-KH/ĐU", which looks like party numbering "9- ..."), superscript footnote markers and the
    footnotes themselves (which may name a body and a date) are no items of the body."""
    text = HEAD + (
        "MỤC LỤC\nI- MỤC ĐÍCH, YÊU CẦU ............ 1\nII- TỔ CHỨC THỰC HIỆN ........... 2\n\n"
        "I- MỤC ĐÍCH, YÊU CẦU\n1- Quán triệt Nghị quyết¹ đến đảng viên.\n"
        "II- TỔ CHỨC THỰC HIỆN\n1- Văn phòng Đảng ủy theo dõi, đôn đốc thực hiện.\n"
        "                2\n9-KH/ĐU\n"
        "2- Trung tâm Chính trị xã biên soạn tài liệu.\n"
        "                3\n9-KH/ĐU\n_______\n"
        "¹ Ban Tuyên giáo và Dân vận Tỉnh ủy đề nghị các đảng bộ hoàn thành trước\nngày 30/10/2024.\n"
    )
    parsed = parse_text(text)
    assert {(a.unit, a.section) for a in parsed.assignments} == {
        ("Văn phòng Đảng ủy", "II.1"),
        ("Trung tâm Chính trị xã", "II.2"),
    }
    assert parsed.assignments[1].duty == "biên soạn tài liệu"
    assert not parsed.deadlines
    assert not [w for w in parsed.warnings if "Tuyên giáo" in w]


def test_topic_before_the_colon_stays_in_the_duty() -> None:
    text = HEAD + (
        "II. NHIỆM VỤ\n1. Tập huấn nghiệp vụ rà soát: Sở Nông nghiệp và Môi trường chủ trì, hoàn thành "
        "trước ngày 30/9/2024.\n"
    )
    (row,) = parse_text(text).assignments
    assert row.duty == "Tập huấn nghiệp vụ rà soát: chủ trì, hoàn thành trước ngày 30/9/2024"
    assert row.role == "lead"


def test_doubts_recipients_and_reading_round_trip_through_the_schema_json() -> None:
    """A preview is kept as the schema JSON until the admin confirms: what it shows must come back."""
    from parsing.model import Doubt

    plan = ParsedPlan(
        header=parse_text(HEAD).header,
        doubts=[Doubt("deadline_without_unit", "báo cáo trước ngày 15/11", "III.2"), Doubt("no_number")],
        recipients=["Sở Tài chính"],
        read_by="ocr",
    )
    back = ParsedPlan.from_schema(plan.to_schema())
    assert (back.doubts, back.recipients, back.read_by) == (plan.doubts, plan.recipients, "ocr")
