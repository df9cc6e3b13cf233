"""Plans without the usual parts still parse, and parsing stays fast."""

from __future__ import annotations

from pathlib import Path

import pytest

from parsing.extract import parse_text

ROOT = Path(__file__).resolve().parents[2]


def test_no_implementation_part_warns_and_still_reads_tasks() -> None:
    text = (
        "UBND TỈNH X\nSố: 12/KH-UBND\nX, ngày 02 tháng 01 năm 2024\n\nKẾ HOẠCH\nVề việc Y\n\n"
        "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\nII. NHIỆM VỤ\n"
        "1. Sở Nội vụ chủ trì tổng kết công tác, báo cáo UBND tỉnh trước ngày 20/12/2024.\n"
    )
    parsed = parse_text(text)
    assert parsed.header.number == "12/KH-UBND"
    assert [(a.unit, a.role, a.section) for a in parsed.assignments] == [("Sở Nội vụ", "lead", "II.1")]
    assert [(d.recurrence, d.due, d.to) for d in parsed.deadlines] == [("once", "2024-12-20", "UBND tỉnh")]
    assert any("TỔ CHỨC THỰC HIỆN" in w for w in parsed.warnings)


def test_empty_and_junk_text() -> None:
    assert parse_text("").assignments == []
    assert parse_text("</xml\n\n12\n-----\n").assignments == []


def test_source_holds_the_whole_bullet() -> None:
    text = "III. TỔ CHỨC THỰC HIỆN\n1. Sở Tư pháp chủ trì rà soát văn bản;\ncông bố kết quả.\n"
    (a,) = parse_text(text).assignments
    assert a.source == "Sở Tư pháp chủ trì rà soát văn bản; công bố kết quả."
    assert a.duty == "chủ trì rà soát văn bản; công bố kết quả"


def test_twenty_kilobytes_parse_in_one_pass() -> None:
    """Parse speed is measured by bench/bench_extraction.py (a timed test fails on a loaded machine);
    here the 20 KB plan the bench times parses to its labelled rows."""
    text = (ROOT / "data" / "plans" / "001_1ea1c1a67ae86786.txt").read_text(encoding="utf-8")
    assert len(text.encode()) > 20_000
    plan = parse_text(text)
    assert plan.header.number is None and len(plan.assignments) > 10


def test_directive_under_a_unit_heading_is_that_units_duty() -> None:
    text = (
        "I. TỔ CHỨC THỰC HIỆN\n1. UBND các huyện, thị xã\n"
        "- Chỉ đạo UBND các xã, phường, thị trấn bố trí công chức làm công tác xã hội.\n"
        "2. Sở Y tế là cơ quan thường trực, chủ trì, phối hợp với Sở Tư pháp hướng dẫn thực hiện.\n"
    )
    rows = {(a.unit, a.role) for a in parse_text(text).assignments}
    assert ("UBND các huyện, thị xã", "lead") in rows
    assert not any(u.startswith("UBND các xã") for u, _ in rows)
    assert ("Sở Tư pháp", "support") in rows


def test_untitled_short_heading_does_not_swallow_the_next_line() -> None:
    text = "II. NHIỆM VỤ\n3. Chuyển đổi số\nPhòng Văn hóa - Xã hội chủ trì triển khai nền tảng số.\n"
    rows = {(a.unit, a.role, a.section) for a in parse_text(text).assignments}
    assert ("Phòng Văn hóa - Xã hội", "lead", "II.3") in rows


def test_an_unclosed_bold_mark_does_not_swallow_the_rest() -> None:
    """A converter's leftover "***(...)*" on a heading (an odd number of "**") in a text without blank
    lines: the units' headings after it are still read (it had glued the rest into one paragraph)."""
    text = (
        "UBND TỈNH X\nSố: 12/KH-UBND\nX, ngày 02 tháng 01 năm 2026\nKẾ HOẠCH\nVề việc Y\n"
        "III. NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU ***(chi tiết Phụ lục đính kèm)*\n"
        "IV. TỔ CHỨC THỰC HIỆN\n1. Sở Khoa học và Công nghệ\n"
        "- Chủ trì theo dõi, đôn đốc thực hiện Kế hoạch.\n"
        "2. Sở Tài chính\n- Phối hợp bố trí kinh phí thực hiện.\n"
        "3. Ủy ban nhân dân xã, phường\n- Định kỳ báo cáo kết quả thực hiện trước ngày 20/11 hằng năm\n"
        "về Sở Khoa học và Công nghệ.\n"
    )
    parsed = parse_text(text)
    assert [(a.unit, a.role) for a in parsed.assignments] == [
        ("Sở Khoa học và Công nghệ", "lead"),
        ("Sở Tài chính", "support"),
        ("Ủy ban nhân dân xã, phường", "lead"),
    ]
    assert [(d.recurrence, d.due) for d in parsed.deadlines] == [("yearly", "11-20")]


def test_a_list_announced_on_its_own_line_belongs_to_the_item_above() -> None:
    """ "3. Các bộ, ngành ... tổ chức thực hiện ... phụ trách." / "Cụ thể:" / "- Phối hợp với ...": the
    list's items are the units' own duties, each in its role ("Cụ thể:" alone had cut them off)."""
    text = (
        "VI. TỔ CHỨC THỰC HIỆN\n"
        "3. Các bộ, ngành, Ủy ban nhân dân tỉnh tổ chức thực hiện các nhiệm vụ nêu trong\n"
        "Đề án gắn với yêu cầu thực tế của ngành, lĩnh vực, địa phương mình phụ trách.\n"
        "Cụ thể:\n"
        "- Phối hợp với Bộ Ngoại giao trong quá trình triển khai Đề án;\n"
        "- Chủ trì xây dựng chương trình, tài liệu bồi dưỡng.\n"
        "4. Bộ Tài chính bố trí kinh phí.\n"
    )
    rows = {(a.unit, a.role, a.duty[:20]) for a in parse_text(text).assignments}
    assert ("Các bộ, ngành", "support", "Phối hợp với Bộ Ngoạ") in rows
    assert ("Ủy ban nhân dân tỉnh", "lead", "Chủ trì xây dựng chư") in rows
    assert ("Bộ Tài chính", "lead", "bố trí kinh phí") in rows


def test_the_governments_formula_addresses_the_ministries_through_their_ministers() -> None:
    """ "Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, cơ quan thuộc Chính phủ, Chủ tịch UBND các tỉnh ...":
    the ministries are addressed too, not only the bodies after the second title."""
    text = (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "3. Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân dân "
        "các tỉnh, thành phố trực thuộc Trung ương tập trung chỉ đạo thực hiện Chương trình hành động.\n"
    )
    units = [a.unit for a in parse_text(text).assignments]
    assert units[0] == "các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ"
    assert units[1].endswith("Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương")


def test_a_later_clause_with_its_own_units_gives_them_their_rows() -> None:
    """ "Sở X chủ trì hướng dẫn; Sở Y phối hợp thực hiện": Sở Y supports (it had no row at all)."""
    text = (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Sở Khoa học và Công nghệ chủ trì hướng dẫn, tổng hợp; "
        "Sở Giáo dục và Đào tạo phối hợp thực hiện.\n"
    )
    rows = [(a.unit, a.role) for a in parse_text(text).assignments]
    assert rows == [("Sở Khoa học và Công nghệ", "lead"), ("Sở Giáo dục và Đào tạo", "support")]


def test_a_flattened_annex_whose_lead_column_name_wraps_inside_chu_tri() -> None:
    """The gazette's annex: column names one per line with "Cơ quan chủ" / "trì thực hiện", rows whose
    number stands alone; it had not been seen as a table at all."""
    text = (
        "III. TỔ CHỨC THỰC HIỆN\n1. Bộ Nông nghiệp và Môi trường chủ trì theo dõi thực hiện.\n"
        "Phụ lục\nNHIỆM VỤ TRỌNG TÂM\n___________\n"
        "TT\nNội dung, nhiệm vụ\nCơ quan chủ\ntrì thực hiện\nCơ quan \nphối hợp\nThời gian\n"
        "I\nHoàn thiện thể chế, chính sách về công tác phòng, chống\nthiên tai\n"
        "1\nRà soát, thể chế hóa các chủ trương,\nđịnh hướng của Đảng thành văn bản\npháp luật.\n"
        "Bộ Quốc phòng\nBộ Tư pháp,\ncác bộ, cơ quan\nNăm \n2026 - 2027\n"
        "2\nHoàn thiện các quy định về xử lý\ntình huống khẩn cấp.\nBộ Công an\nBộ Tư pháp\nNăm 2026\n"
    )
    parsed = parse_text(text)
    rows = {(a.unit, a.role) for a in parsed.assignments if a.section and a.section.startswith("Phụ lục")}
    assert {("Bộ Quốc phòng", "lead"), ("Bộ Tư pháp", "support"), ("Bộ Công an", "lead")} <= rows
    assert ("Bộ Công an", "once", "2026-12-31") in {(d.unit, d.recurrence, d.due) for d in parsed.deadlines}


def test_a_table_of_column_names_then_its_rows_one_cell_per_line() -> None:
    """A converter kept the header's bars but not the rows': the names as a table (one more name on its
    own line), then each row's number or letter ("1", "a)") and cells one per line. A ministry's
    departments ("Vụ Pháp chế") are units."""
    text = (
        "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\nSố: 2200/QĐ-BNNMT\nHà Nội, ngày 10 tháng 6 năm 2026\n\nKẾ HOẠCH\n"
        "Triển khai Nghị định\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n1. Cục Lâm nghiệp và Kiểm lâm có trách nhiệm theo dõi thực hiện.\n\n"
        "PHỤ LỤC\nDANH MỤC NHIỆM VỤ\n"
        "| TT | Nội dung hoạt động | Cơ quan chủ trì | Cơ quan phối hợp |\n| --- | --- | --- | --- |\n"
        "Thời gian thực hiện\n1\nTổ chức tuyên truyền, phổ biến Nghị định\na)\n"
        "Tổ chức Hội nghị phổ biến Nghị định đến các cơ quan.\nCục Lâm nghiệp và Kiểm lâm\n"
        "Vụ Pháp chế; các cơ quan, đơn vị có liên quan\nQuý III/2026\nb)\n"
        "Tổ chức các chương trình truyền thông.\nViện Khoa học lâm nghiệp Việt Nam\n"
        "Vụ Hợp tác quốc tế, Vụ Khoa học và Công nghệ\nThường xuyên\n"
    )
    parsed = parse_text(text)
    rows = {(a.unit, a.role) for a in parsed.assignments if a.section and a.section.startswith("Phụ lục")}
    assert {
        ("Cục Lâm nghiệp và Kiểm lâm", "lead"),
        ("Vụ Pháp chế", "support"),
        ("Viện Khoa học lâm nghiệp Việt Nam", "lead"),
        ("Vụ Hợp tác quốc tế", "support"),
        ("Vụ Khoa học và Công nghệ", "support"),
    } <= rows
    assert ("Cục Lâm nghiệp và Kiểm lâm", "once", "2026-09-30") in {
        (d.unit, d.recurrence, d.due) for d in parsed.deadlines
    }


@pytest.mark.parametrize(
    ("text", "units"),
    [
        (
            "1. Các Bộ: Công Thương, Xây dựng, Quốc phòng, Công an chủ trì thực hiện.",
            ["Bộ Công Thương", "Bộ Xây dựng", "Bộ Quốc phòng", "Bộ Công an"],
        ),
        (
            "1. Sở Y tế, Công an tỉnh, Sở Tài chính chủ trì thực hiện.",
            ["Sở Y tế", "Công an tỉnh", "Sở Tài chính"],
        ),
    ],
)
def test_ministries_share_one_head_as_departments_do(text: str, units: list[str]) -> None:
    """ "Các Bộ: Công Thương, Xây dựng, ..." names each ministry; the provincial police after a Sở stays
    itself (no "Sở Công an")."""
    parsed = parse_text(f"III. TỔ CHỨC THỰC HIỆN\n{text}\n")
    assert [a.unit for a in parsed.assignments] == units


def test_a_pipe_table_without_its_outer_bars() -> None:
    """ "TT | Tên nhiệm vụ | Sở, ngành chủ trì tham mưu | ... | Ghi chú", each row a line with no bar at
    either end: read as the annex task table, its time column giving deadlines."""
    text = (
        "UBND TỈNH LÀO CAI\nSố: 12/KH-UBND\nLào Cai, ngày 02 tháng 3 năm 2026\n\nKẾ HOẠCH\nVề khoáng sản\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n1. Sở Nông nghiệp và Môi trường theo dõi, tổng hợp.\n\nPhụ lục\n\n"
        "TT | Tên nhiệm vụ | Sở, ngành chủ trì tham mưu | Đơn vị phối hợp thực hiện | "
        "Thời gian thực hiện | Ghi chú\n"
        " | (1) | (2) | (3) | (4) | (5)\n"
        "1 | Rà soát phương án quản lý khoáng sản. | Sở Nông nghiệp và Môi trường | Sở Xây dựng | "
        "Xong trong tháng 5/2026 | \n"
        "2 | Kiểm tra khối lượng khoáng sản kê khai. | Thuế tỉnh | Sở Tài chính | Hàng năm | \n"
    )
    parsed = parse_text(text)
    rows = {(a.unit, a.role) for a in parsed.assignments if a.section and a.section.startswith("Phụ lục")}
    assert {
        ("Sở Nông nghiệp và Môi trường", "lead"),
        ("Sở Xây dựng", "support"),
        ("Thuế tỉnh", "lead"),
    } <= rows
    deadlines = {(d.unit, d.recurrence, d.due) for d in parsed.deadlines}
    assert {
        ("Sở Nông nghiệp và Môi trường", "once", "2026-05-31"),
        ("Thuế tỉnh", "yearly", None),
    } <= deadlines


def test_the_government_asking_the_partys_bodies() -> None:
    """ "Chính phủ trân trọng đề nghị Ban ..., Văn phòng Trung ương Đảng ... phối hợp ...": the bodies asked
    perform, in the role their words give (the sentence had found no unit)."""
    text = (
        "III. TỔ CHỨC THỰC HIỆN\n3. Chính phủ trân trọng đề nghị Ban Tuyên giáo và Dân vận Trung ương, "
        "Văn phòng Trung ương Đảng phối hợp chỉ đạo công tác tuyên truyền.\n"
    )
    rows = [(a.unit, a.role) for a in parse_text(text).assignments]
    assert rows == [
        ("Ban Tuyên giáo và Dân vận Trung ương", "support"),
        ("Văn phòng Trung ương Đảng", "support"),
    ]


def test_a_bodys_short_name_and_the_article_listing_its_duties() -> None:
    """A decision that re-forms a steering committee: "... (gọi tắt là Ban Chỉ đạo)", then "Điều 2.
    Nhiệm vụ của Ban Chỉ đạo:" over its duties (a unit's heading, not a task's "Nhiệm vụ:" label); the
    rows carry the committee's full name."""
    text = (
        "THỦ TƯỚNG CHÍNH PHỦ\nSố: 798/QĐ-TTg\nHà Nội, ngày 05 tháng 5 năm 2026\n\nQUYẾT ĐỊNH\n"
        "Kiện toàn Ban Chỉ đạo\n\n"
        "Điều 1. Kiện toàn Ban Chỉ đạo Trung ương về cải cách chính sách tiền lương, bảo hiểm xã hội "
        "(gọi tắt là Ban Chỉ đạo), gồm các thành viên sau đây:\n1. Trưởng ban: Phó Thủ tướng Chính phủ.\n"
        "Điều 2. Nhiệm vụ của Ban Chỉ đạo:\n"
        "1. Nghiên cứu, xây dựng Đề án về cải cách chính sách tiền lương.\n"
        "2. Phối hợp với các Bộ, cơ quan nghiên cứu các chính sách kinh tế - xã hội.\n"
    )
    full = "Ban Chỉ đạo Trung ương về cải cách chính sách tiền lương, bảo hiểm xã hội"
    parsed = parse_text(text)
    rows = [(a.unit, a.role, a.section) for a in parsed.assignments if (a.section or "").startswith("Điều 2")]
    assert rows == [(full, "lead", "Điều 2.1"), (full, "support", "Điều 2.2")]


def test_a_parts_title_names_whose_duties_its_items_are() -> None:
    """ "II. NHIỆM VỤ CHỦ YẾU CỦA BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG" over items that name no unit of their own
    ("1. Chủ trì, phối hợp với Bộ Thông tin và Truyền thông ..."): the ministry's duties."""
    text = (
        "BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG\nSố: 09/KH-BTNMT\nHà Nội, ngày 06 tháng 8 năm 2024\n\nKẾ HOẠCH\n"
        "Thực hiện Chỉ thị\n\nI. MỤC ĐÍCH, YÊU CẦU\nNâng cao nhận thức.\n\n"
        "II. NHIỆM VỤ CHỦ YẾU CỦA BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG\n"
        "1. Chủ trì, phối hợp với Bộ Thông tin và Truyền thông thực hiện tuyên truyền.\n"
        "2. Phối hợp với Bộ Tài chính hoàn thiện Đề án.\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n1. Cục Biến đổi khí hậu có trách nhiệm theo dõi, đôn đốc.\n"
    )
    rows = {(a.unit, a.role, a.section) for a in parse_text(text).assignments}
    assert {
        ("Bộ Tài nguyên và Môi trường", "lead", "II.1"),
        ("Bộ Thông tin và Truyền thông", "support", "II.1"),
        ("Bộ Tài nguyên và Môi trường", "support", "II.2"),
        ("Cục Biến đổi khí hậu", "lead", "III.1"),
    } <= rows


def test_standard_abbreviations_of_department_names_are_written_out() -> None:
    """ "Sở KH&CN chủ trì; Bộ NN&MT phối hợp": the rows carry the names the directory knows."""
    text = "III. TỔ CHỨC THỰC HIỆN\n1. Sở KH&CN chủ trì, phối hợp với Sở GD&ĐT tổ chức tập huấn.\n"
    rows = [(a.unit, a.role) for a in parse_text(text).assignments]
    assert rows == [("Sở Khoa học và Công nghệ", "lead"), ("Sở Giáo dục và Đào tạo", "support")]


def test_a_flattened_annex_with_an_undotted_group_row_and_a_name_wrapped_inside() -> None:
    """ "VI Đẩy mạnh đối ngoại ..." opens a group of rows without its dot, and "Bộ Công" / "Thương" is one
    ministry wrapped in its cell."""
    text = (
        "III. TỔ CHỨC THỰC HIỆN\n1. Bộ Ngoại giao chủ trì theo dõi thực hiện.\n"
        "Phụ lục\nNHIỆM VỤ TRỌNG TÂM\n"
        "TT\nNội dung, nhiệm vụ\nCơ quan chủ trì\nCơ quan phối hợp\nThời gian\n"
        "I\nHoàn thiện thể chế\n1\nRà soát các quy định.\nBộ Công\nThương\nBộ Tư pháp\nNăm 2026\n"
        "VI Đẩy mạnh đối ngoại\n1\nTham gia các sáng kiến quốc tế.\n"
        "Bộ Ngoại giao\nCác bộ, cơ quan\nHằng năm\n"
    )
    parsed = parse_text(text)
    rows = {(a.unit, a.role, a.section) for a in parsed.assignments}
    assert {
        ("Bộ Công Thương", "lead", "Phụ lục I.1"),
        ("Bộ Tư pháp", "support", "Phụ lục I.1"),
        ("Bộ Ngoại giao", "lead", "Phụ lục VI.1"),
    } <= rows


def test_a_bodys_membership_list_is_no_list_of_duties() -> None:
    """ "Kiện toàn Ban Chỉ đạo ..., gồm các thành viên sau đây:" over "1. Trưởng ban: Phó Thủ tướng ...":
    who sits on the body, in which office; none of it is a duty."""
    text = (
        "THỦ TƯỚNG CHÍNH PHỦ\nSố: 798/QĐ-TTg\nHà Nội, ngày 05 tháng 5 năm 2026\n\nQUYẾT ĐỊNH\nKiện toàn\n\n"
        "Điều 1. Kiện toàn Ban Chỉ đạo Trung ương về cải cách chính sách tiền lương, gồm các thành viên "
        "sau đây:\n1. Trưởng ban Chỉ đạo Trung ương: Phó Thủ tướng Chính phủ.\n"
        "2. Phó Trưởng ban Chỉ đạo Trung ương:\n- Bộ trưởng Bộ Nội vụ, Phó Trưởng ban thường trực;\n"
        "Điều 2. Nhiệm vụ của Ban Chỉ đạo Trung ương về cải cách chính sách tiền lương:\n"
        "1. Nghiên cứu, xây dựng Đề án về cải cách chính sách tiền lương.\n"
    )
    rows = [(a.unit, a.section) for a in parse_text(text).assignments]
    assert rows == [("Ban Chỉ đạo Trung ương về cải cách chính sách tiền lương", "Điều 2.1")]


def test_a_party_committees_advisory_bodies_are_one_class() -> None:
    """ "Các cơ quan chuyên trách tham mưu, giúp việc Đảng ủy": "tham mưu" names the bodies here, it is not
    their predicate; the party committee after a class qualifies it."""
    text = (
        "III. TỔ CHỨC THỰC HIỆN\n2. Các cơ quan chuyên trách tham mưu, giúp việc Đảng ủy; "
        "các chi bộ, đảng bộ cơ sở tổ chức quán triệt Chỉ thị đến cán bộ, đảng viên.\n"
    )
    units = [a.unit for a in parse_text(text).assignments]
    assert units == ["Các cơ quan chuyên trách tham mưu, giúp việc Đảng ủy", "các chi bộ, đảng bộ cơ sở"]
