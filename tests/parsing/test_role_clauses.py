"""Role words where real plans put them: a later clause's "chủ trì, phối hợp với Y", a support part behind
"căn cứ chức năng, nhiệm vụ theo quy định", and a unit's item that opens with "Theo dõi" or "Thực hiện"
in a directive without Roman parts (read by the fallback, which skips only the opening paragraph)."""

from __future__ import annotations

from parsing.extract import parse_text


def rows(text: str) -> list[tuple[str, str, str | None]]:
    return [(a.unit, a.role, a.section) for a in parse_text(text).assignments]


def test_lead_verb_in_a_later_clause_makes_its_partners_support() -> None:
    text = (
        "KẾ HOẠCH\nKiểm tra, giám sát\n\nIII. TỔ CHỨC THỰC HIỆN\n\n"
        "1. Sở Tài chính xây dựng kế hoạch kiểm tra; tổ chức chủ trì, phối hợp với Sở Nội vụ, Sở Tư pháp "
        "kiểm tra việc thực hiện.\n"
    )
    assert rows(text) == [
        ("Sở Tài chính", "lead", "III.1"),
        ("Sở Nội vụ", "support", "III.1"),
        ("Sở Tư pháp", "support", "III.1"),
    ]


def test_support_part_after_a_long_adverbial() -> None:
    text = (
        "KẾ HOẠCH\nThực hiện Nghị quyết\n\nIII. TỔ CHỨC THỰC HIỆN\n\n"
        "2. Sở Y tế, Sở Tư pháp căn cứ chức năng, nhiệm vụ theo quy định của pháp luật có trách nhiệm "
        "phối hợp tổ chức thực hiện nhiệm vụ được phân công.\n"
    )
    assert rows(text) == [("Sở Y tế", "support", "III.2"), ("Sở Tư pháp", "support", "III.2")]


def test_items_opening_with_theo_doi_or_thuc_hien_are_the_units_duties() -> None:
    text = (
        "CHỈ THỊ\nVề cải cách thủ tục hành chính\n\n**1. Sở Nội vụ**\n\n"
        "a) Theo dõi, kiểm tra, đôn đốc kết quả triển khai Chỉ thị này.\n\n"
        "b) Thực hiện đánh giá chất lượng phục vụ người dân.\n\n"
        "**2. Văn phòng UBND tỉnh**\n\na) Theo dõi, báo cáo Chủ tịch UBND tỉnh kết quả thực hiện.\n"
    )
    assert rows(text) == [
        ("Sở Nội vụ", "lead", "1.a"),
        ("Sở Nội vụ", "lead", "1.b"),
        ("Văn phòng UBND tỉnh", "lead", "2.a"),
    ]


def test_article_naming_a_unit_and_its_duties_gives_them_to_the_items_below() -> None:
    text = (
        "QUY CHẾ\nQuản lý kinh phí\n\nChương II\nTRÁCH NHIỆM CỦA CÁC NGÀNH\n\n"
        "Điều 4. Sở Lao động - Thương binh và Xã hội có nhiệm vụ\n"
        "1. Thẩm tra dự toán kinh phí hàng năm.\n2. Phối hợp với Sở Tài chính cấp phát kinh phí.\n\n"
        "Điều 5. Kho bạc Nhà nước quận - huyện có nhiệm vụ\n1. Kiểm soát chi theo quy định.\n"
    )
    assert rows(text) == [
        ("Sở Lao động - Thương binh và Xã hội", "lead", "II.Điều 4.1"),
        ("Sở Lao động - Thương binh và Xã hội", "support", "II.Điều 4.2"),
        ("Kho bạc Nhà nước quận - huyện", "lead", "II.Điều 5.1"),
    ]
    [kho_bac] = [a for a in parse_text(text).assignments if a.unit.startswith("Kho bạc")]
    assert kho_bac.group  # the treasury of each district


def test_partners_listed_on_after_semicolons() -> None:
    text = (
        "KẾ HOẠCH\nThử\n\nIII. TỔ CHỨC THỰC HIỆN\n\n1. Rà soát các quy định.\n"
        "- Cơ quan thực hiện: Sở Tư pháp chủ trì, phối hợp với Liên đoàn Lao động tỉnh; Ban Quản lý Khu kinh "
        "tế tỉnh; Ủy ban nhân dân các huyện, thành phố.\n- Thời gian thực hiện: Quý II/2020.\n\n"
        "2. Sở Y tế chủ trì, phối hợp với Công an tỉnh; Sở Tài chính; UBND các huyện kiểm tra an toàn thực "
        "phẩm; các cơ quan, đơn vị và các doanh nghiệp có liên quan triển khai.\n"
    )
    assert sorted(rows(text)) == sorted(
        [
            ("Sở Tư pháp", "lead", "III.1"),
            ("Liên đoàn Lao động tỉnh", "support", "III.1"),
            ("Ban Quản lý Khu kinh tế tỉnh", "support", "III.1"),
            ("Ủy ban nhân dân các huyện, thành phố", "support", "III.1"),
            ("Sở Y tế", "lead", "III.2"),
            ("Công an tỉnh", "support", "III.2"),
            ("Sở Tài chính", "support", "III.2"),
            ("UBND các huyện", "support", "III.2"),
        ]
    )


def test_a_directive_after_a_topic_lead_in_names_the_performers() -> None:
    text = (
        "NGHỊ QUYẾT\nVề chi phí\n\nĐiều 2. Tổ chức thực hiện\n\n"
        "Đối với chi phí vượt dự toán năm 2023, 2024, yêu cầu Bộ Tài chính, Bảo hiểm xã hội Việt Nam khẩn "
        "trương thực hiện xong trước ngày 01 tháng 5 năm 2026 đối với chi phí năm 2023, xong trước ngày 01 "
        "tháng 8 năm 2026 đối với chi phí năm 2024.\n"
    )
    parsed = parse_text(text)
    assert {(a.unit, a.role) for a in parsed.assignments} == {
        ("Bộ Tài chính", "lead"),
        ("Bảo hiểm xã hội Việt Nam", "lead"),
    }
    assert sorted(d.due for d in parsed.deadlines) == ["2026-05-01", "2026-08-01"]


def test_a_time_before_the_subject_is_its_duty_and_its_deadline() -> None:
    """ "Trước ngày 15/12/2026, các sở ... báo cáo ..." (round 11: found no one and no deadline)."""
    plan = parse_text(
        "KẾ HOẠCH\nTổng kết\n\nIII. TỔ CHỨC THỰC HIỆN\n\n"
        "1. Trước ngày 15/12/2026, các sở, ban, ngành báo cáo kết quả thực hiện về Sở Nội vụ.\n"
        "2. Chậm nhất ngày 30/11/2026, Sở Tư pháp tổng hợp, báo cáo UBND tỉnh.\n"
        "3. Sau hội nghị, Sở Y tế tổng hợp kết quả.\n"
        "4. Từ ngày 05/02/2026 - 08/02/2026: Ban Thường trực Ủy ban MTTQ Việt Nam xã trao đổi với các "
        "cơ quan có người ứng cử.\n"
        "5. Định kỳ 6 tháng, năm, UBND các xã báo cáo kết quả về Sở Nội vụ.\n"
        "6. Đầu tư xây dựng mô hình mẫu; phát huy vai trò của doanh nghiệp nền tảng, tạo lập hệ sinh "
        "thái số.\n"
    )
    assert [(a.unit, a.role) for a in plan.assignments] == [
        ("các sở, ban, ngành", "lead"),
        ("Sở Tư pháp", "lead"),
        ("Sở Y tế", "lead"),
        ("Ban Thường trực Ủy ban MTTQ Việt Nam xã", "lead"),
        ("UBND các xã", "lead"),
    ]
    assert {(d.unit, d.recurrence, d.due, d.action) for d in plan.deadlines} == {
        ("các sở, ban, ngành", "once", "2026-12-15", "report"),
        ("Sở Tư pháp", "once", "2026-11-30", "report"),
        ("Ban Thường trực Ủy ban MTTQ Việt Nam xã", "once", "2026-02-08", "deliver"),
        ("UBND các xã", "semiannual", None, "report"),
        ("UBND các xã", "yearly", None, "report"),
    }


def test_a_content_label_before_a_sentence_that_names_its_performer() -> None:
    """ "1. Nội dung: Ban Thường trực ... phối hợp với UBND xã tổ chức ...": a task label line with no role
    line after it is read as the sentence it holds (round 11: the label reader kept it and found no one)."""
    text = (
        "KẾ HOẠCH\nHội nghị cử tri\n\nII. NỘI DUNG, PHƯƠNG THỨC TỔ CHỨC\n\n"
        "1. Nội dung: Ban Thường trực Ủy ban MTTQ Việt Nam xã phối hợp với UBND xã tổ chức hội nghị cử tri.\n"
        "2. Thời gian: Căn cứ tình hình thực tế, tổ chức như sau:\n"
        "- Từ ngày 04/02/2026: Văn phòng HĐND và UBND xã chuẩn bị hội trường.\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n\n1. Công an xã\n- Bảo đảm an ninh trật tự.\n"
    )
    assert rows(text) == [
        ("Ban Thường trực Ủy ban MTTQ Việt Nam xã", "support", "II.1"),
        ("Văn phòng HĐND và UBND xã", "lead", "II.2"),
        ("Công an xã", "lead", "III.1"),
    ]


def test_a_heading_that_only_gives_the_units_part_leaves_each_bullet_its_own_verb() -> None:
    """ "2. Đề nghị UBND xã phối hợp" with no colon, over bullets opening with their own verbs."""
    text = (
        "KẾ HOẠCH\nHội nghị cử tri\n\nIII. TỔ CHỨC THỰC HIỆN\n\n2. Đề nghị Ủy ban nhân dân xã phối hợp\n\n"
        "- Phối hợp chặt chẽ với Ban Thường trực Ủy ban MTTQ xã trong việc triệu tập hội nghị.\n\n"
        "- Chỉ đạo Công an xã bảo đảm an ninh trật tự tại hội nghị.\n"
    )
    assert sorted(set(rows(text))) == [
        ("Ủy ban nhân dân xã", "lead", "III.2"),
        ("Ủy ban nhân dân xã", "support", "III.2"),
    ]


def test_a_communes_stations_and_a_performers_line_that_only_gives_roles() -> None:
    """ "Trạm Y tế xã" is a unit; "Cơ quan thực hiện: X chủ trì, phối hợp với Y." gives roles for the task
    above it, whose words are the duty."""
    plan = parse_text(
        "KẾ HOẠCH\nPhòng, chống dịch bệnh\n\nII. NỘI DUNG THỰC HIỆN\n\n1. Tổ chức diễn tập\n"
        "- Cơ quan thực hiện: Ban Chỉ huy Quân sự xã chủ trì, phối hợp với Trạm Y tế xã.\n"
        "- Thời gian hoàn thành: Tháng 9/2026.\n\nIII. TỔ CHỨC THỰC HIỆN\n\n"
        "1. Trạm Y tế xã: Chủ trì giám sát dịch bệnh.\n"
    )
    assert [(a.unit, a.role, a.duty) for a in plan.assignments] == [
        ("Trạm Y tế xã", "lead", "Chủ trì giám sát dịch bệnh"),
        ("Ban Chỉ huy Quân sự xã", "lead", "Tổ chức diễn tập"),
        ("Trạm Y tế xã", "support", "Tổ chức diễn tập"),
    ]


def test_a_notices_closing_names_no_performer() -> None:
    plan = parse_text(
        "THÔNG BÁO\nKết luận của Phó Thủ tướng\n\n1. Bộ Xây dựng khẩn trương hoàn thiện dự thảo Nghị định.\n"
        "Văn phòng Chính phủ thông báo để các cơ quan biết, thực hiện./.\n"
    )
    assert [(a.unit, a.role) for a in plan.assignments] == [("Bộ Xây dựng", "lead")]


def test_what_a_unit_has_done_is_no_duty_and_a_shared_head_after_cac() -> None:
    """A notice recalls what a ministry has done ("đã ...") before it assigns; "các Bộ Tài nguyên và Môi
    trường, Tư pháp" names two ministries."""
    plan = parse_text(
        "THÔNG BÁO\nKết luận\n\n1. Bộ Tài chính đã nghiêm túc thực hiện ý kiến chỉ đạo, tiếp thu ý kiến "
        "các Bộ.\n"
        "2. Bộ Tài chính chủ trì, phối hợp chặt chẽ với các Bộ Tài nguyên và Môi trường, Tư pháp hoàn thiện "
        "Đề án.\n"
    )
    assert [(a.unit, a.role, a.section) for a in plan.assignments] == [
        ("Bộ Tài chính", "lead", "2"),
        ("Bộ Tài nguyên và Môi trường", "support", "2"),
        ("Bộ Tư pháp", "support", "2"),
    ]


def test_a_guides_steps_after_its_numbered_purpose_and_requirements() -> None:
    """ "1. Mục đích", "2. Yêu cầu", then "3. Quy trình giới thiệu: Các cơ quan ... và Ban Công tác Mặt trận
    thôn tổ chức hội nghị ...:" (an annex with Roman parts further on): item 3 is no requirement; its
    words after the units are a duty, not a description of them; who attends a meeting is no duty;
    "Các thôn này không ..." names "các thôn"."""
    plan = parse_text(
        "HƯỚNG DẪN\nGiới thiệu người ứng cử\n\n1. Mục đích\n- Bảo đảm đúng quy định.\n2. Yêu cầu\n"
        "- Các cơ quan, tổ chức, đơn vị phải quán triệt đầy đủ các quy định.\n"
        "3. Quy trình giới thiệu: Các cơ quan, tổ chức, đơn vị và Ban Công tác Mặt trận thôn tổ chức hội "
        "nghị giới thiệu người ứng cử theo trình tự quy định:\n"
        "3.1. Đối với Mặt trận Tổ quốc xã: Thành phần dự hội nghị gồm Ban Thường trực, các đoàn thể.\n\n"
        "PHỤ LỤC\n\nI. ĐỐI VỚI CÁC THÔN\n- Các thôn này không tổ chức hội nghị cử tri.\n"
    )
    rows = {(a.unit, a.section) for a in plan.assignments}
    assert ("Các cơ quan, tổ chức, đơn vị", "3") in rows
    assert ("Ban Công tác Mặt trận thôn", "3") in rows
    assert not any(unit.startswith("Mặt trận") or "không" in unit for unit, _ in rows)
    assert not any(section and section.startswith("2") for _, section in rows)


def test_a_scope_under_a_units_item_keeps_the_items_unit() -> None:
    plan = parse_text(
        "CHỈ THỊ\nVề khu công nghiệp\n\n8. Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương\n"
        "a) Rà soát quy hoạch các khu công nghiệp.\n"
        "g) Đối với các địa phương chưa ban hành Quy chế phối hợp thì cần sớm ban hành Quy chế.\n"
    )
    assert {(a.unit, a.section) for a in plan.assignments} == {
        ("Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương", "8.a"),
        ("Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương", "8.g"),
    }


def test_plus_items_under_a_dash_units_heading() -> None:
    """NĐ 30/2020 nests "+" under "-": "- Bộ Tài chính:" / "+ Chủ trì ..." (round 13: every ministry's
    duties went to the part's "các bộ, ngành liên quan")."""
    plan = parse_text(
        "QUYẾT ĐỊNH\nPhê duyệt Chương trình\n\n6. Tổ chức thực hiện\n"
        "b) Trách nhiệm của các bộ, ngành liên quan\n"
        "- Bộ Nông nghiệp và Phát triển nông thôn:\n+ Chủ trì tổ chức triển khai Chương trình.\n"
        "- Bộ Tài chính:\n+ Phối hợp với Bộ Kế hoạch và Đầu tư bố trí vốn.\n"
        "+ Giám sát việc quản lý tài chính.\n"
        "- Bộ Tài nguyên và Môi trường trao đổi với các bộ để thống nhất số liệu:\n+ Tích hợp số liệu.\n"
    )
    assert [(a.unit, a.role) for a in plan.assignments] == [
        ("Bộ Nông nghiệp và Phát triển nông thôn", "lead"),
        ("Bộ Tài chính", "support"),
        ("Bộ Tài chính", "lead"),
        ("Bộ Tài nguyên và Môi trường", "lead"),
        ("Bộ Tài nguyên và Môi trường", "lead"),
    ]


def test_a_projects_decision_shares_funds_and_names_partners_after_two_verbs() -> None:
    """ "+ Bộ Công Thương: 760.000 USD;" is a share of the funds; "Chủ trì, điều phối và phối hợp với các
    Bộ: ..." makes them partners; "Ngân hàng Nhà nước Việt Nam ký với WB ..." ends the name at "ký"."""
    plan = parse_text(
        "QUYẾT ĐỊNH\nPhê duyệt Dự án\n\nĐiều 1. Phê duyệt Dự án.\n- Vốn ODA: 3.000.000 USD, phân bổ:\n"
        "+ Bộ Công Thương: 760.000 USD;\n+ Bộ Xây dựng: 700.000 USD.\n"
        "Điều 2. Giao Bộ Tài nguyên và Môi trường:\n"
        "- Chủ trì, điều phối và phối hợp với các Bộ: Công Thương, Xây dựng triển khai thực hiện Dự án.\n"
        "Điều 3. Ngân hàng Nhà nước Việt Nam ký với WB Hiệp định Dự án theo đúng quy định hiện hành.\n"
    )
    assert {(a.unit, a.role) for a in plan.assignments} == {
        ("Bộ Tài nguyên và Môi trường", "lead"),
        ("Bộ Công Thương", "support"),
        ("Bộ Xây dựng", "support"),
        ("Ngân hàng Nhà nước Việt Nam", "lead"),
    }


def test_a_decrees_articles_of_duties_and_powers() -> None:
    """ "Điều 29. Nhiệm vụ, quyền hạn của Bộ Ngoại giao" heads the article's items (round 14: a decree's
    chapter of duties gave 1 of 16)."""
    plan = parse_text(
        "NGHỊ ĐỊNH\nVề cho vay\n\nChương VI\nNHIỆM VỤ, QUYỀN HẠN CỦA CƠ QUAN, TỔ CHỨC\n"
        "Điều 29. Nhiệm vụ, quyền hạn của Bộ Ngoại giao\n"
        "1. Phối hợp với Bộ Tài chính xây dựng chiến lược cho vay.\n"
        "2. Tham gia ý kiến về chủ trương ký kết điều ước.\n"
    )
    assert [(a.unit, a.role, a.section) for a in plan.assignments] == [
        ("Bộ Ngoại giao", "support", "VI.Điều 29.1"),
        ("Bộ Ngoại giao", "lead", "VI.Điều 29.2"),
    ]


def test_a_team_a_decision_sets_up_heads_its_duties() -> None:
    """ "Điều 2. Nhiệm vụ của Tổ tiếp công dân, xử lý khiếu nại, tố cáo, ...:": a team is a body, and its
    long name runs to the colon."""
    plan = parse_text(
        "QUYẾT ĐỊNH\nThành lập Tổ tiếp công dân\n\n"
        "Điều 2. Nhiệm vụ của Tổ tiếp công dân, xử lý khiếu nại, tố cáo, kiến nghị, phản ánh của công dân:\n"
        "1. Tiếp công dân đến kiến nghị, phản ánh.\n"
        "Điều 3. Tổ công tác liên ngành kiểm tra các cơ sở kinh doanh.\n"
    )
    assert {(a.unit, a.section) for a in plan.assignments} == {
        ("Tổ tiếp công dân, xử lý khiếu nại, tố cáo, kiến nghị, phản ánh của công dân", "Điều 2.1"),
        ("Tổ công tác liên ngành", "Điều 3"),
    }
