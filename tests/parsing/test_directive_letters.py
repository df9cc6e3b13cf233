"""A directive letter (công văn) as a layout-preserving PDF extraction gives it: numbered items with no
Roman parts, the last one "Tổ chức thực hiện"; each paragraph's first line indented and its wrapped lines
at the margin; a reporting schedule whose bullets name two senders, each with its own date (round 11:
the items before "Tổ chức thực hiện" were read as the letter's preamble, and the second sender's dates went
to the first)."""

from __future__ import annotations

from parsing.extract import parse_text

LETTER = """\
     ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
       TỈNH LÀO CAI                           Độc lập - Tự do - Hạnh phúc
      Số: 7103 /UBND-TH                 Lào Cai, ngày 10 tháng 7 năm 2026
V/v triển khai thực hiện Nghị định
     số 178/2026/NĐ-CP

      Thực hiện Nghị định số 178/2026/NĐ-CP ngày 20 tháng 5 năm 2026 của Chính
phủ, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành triển khai thực hiện
các nội dung sau:
       1. Ủy ban nhân dân các xã, phường
      a) Chủ trì, phối hợp với các sở quản lý nhà nước chuyên ngành về hạ tầng
thực hiện rà soát, thống kê tài sản kết cấu hạ tầng thuộc phạm vi quản lý.
      b) Phối hợp với các cơ quan quản lý chuyên ngành trong quá trình quản lý,
sử dụng tài sản.
      2. Thanh tra tỉnh
       Chủ trì, phối hợp với Sở Tài chính tham mưu Ủy ban nhân dân tỉnh tăng
cường công tác thanh tra, kiểm tra.
      3. Tổ chức thực hiện
       Các sở quản lý chuyên ngành định kỳ tổng hợp báo cáo kết quả thực hiện gửi
Sở Tài chính tổng hợp chung, báo cáo Ủy ban nhân dân tỉnh như sau:
      - Báo cáo 6 tháng: Các sở quản lý chuyên ngành gửi Sở Tài chính trước ngày 05/7;
Sở Tài chính tổng hợp báo cáo Ủy ban nhân dân tỉnh trước ngày 10/7.
      - Báo cáo năm: Các sở quản lý chuyên ngành gửi Sở Tài chính trước ngày 15/12;
Sở Tài chính tổng hợp báo cáo Ủy ban nhân dân tỉnh trước ngày 20/12.

Nơi nhận:                                           KT. CHỦ TỊCH
- Như trên;                                         PHÓ CHỦ TỊCH
"""


def test_a_letters_numbered_items_are_its_body() -> None:
    rows = {(a.unit, a.role, a.section) for a in parse_text(LETTER).assignments}
    assert {
        ("Ủy ban nhân dân các xã, phường", "lead", "1.a"),
        ("các sở quản lý nhà nước chuyên ngành", "support", "1.a"),
        ("Ủy ban nhân dân các xã, phường", "support", "1.b"),
        ("Thanh tra tỉnh", "lead", "2"),
        ("Sở Tài chính", "support", "2"),
    } <= rows


def test_each_sender_in_a_reporting_schedule_owes_its_own_dates() -> None:
    plan = parse_text(LETTER)
    dates = {(d.unit, d.recurrence, d.due, d.to) for d in plan.deadlines}
    assert dates == {
        ("Các sở quản lý chuyên ngành", "semiannual", "07-05", "Sở Tài chính"),
        ("Sở Tài chính", "semiannual", "07-10", "Ủy ban nhân dân tỉnh"),
        ("Các sở quản lý chuyên ngành", "yearly", "12-15", "Sở Tài chính"),
        ("Sở Tài chính", "yearly", "12-20", "Ủy ban nhân dân tỉnh"),
    }


MINISTRY_LETTER = """\
BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
       Số: 9389 /BNNMT-BĐKH                     Hà Nội, ngày 20 tháng 11 năm 2025
    V/v triển khai các quy định về giảm nhẹ phát thải khí nhà kính
                 Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương

        Để triển khai thực hiện các quy định mới được ban hành, Bộ Nông nghiệp và Môi trường kính đề nghị
Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương chỉ đạo các cơ quan, đơn vị trực thuộc quán triệt
và thực hiện các quy định nêu trên, cụ thể như sau:
        1. Về giảm nhẹ phát thải khí nhà kính
        a) Tổng hợp kết quả kiểm kê khí nhà kính gửi Bộ Nông nghiệp và Môi trường trước ngày 30 tháng 6
hằng năm.
        b) Phối hợp với Bộ Nông nghiệp và Môi trường thu thập số liệu.
        2. Các cơ quan, tổ chức, doanh nghiệp được giao quản lý tài sản kết cấu hạ tầng
        a) Thực hiện quản lý, khai thác tài sản đúng mục đích.
        3. Sở Nông nghiệp và Môi trường, chỉ đạo các đơn vị trực thuộc kiểm tra việc thu gom chất thải.
        Bộ Nông nghiệp và Môi trường trân trọng cảm ơn sự phối hợp chặt chẽ của Quý Ủy ban./.
Nơi nhận:                                              KT. BỘ TRƯỞNG
"""


def test_a_letters_items_that_name_no_one_are_its_addressees() -> None:
    """ "... kính đề nghị UBND các tỉnh ... chỉ đạo ..., cụ thể như sau:": the request is a duty, and the
    items below that name no one are the addressees' (round 11b: none found, no deadline)."""
    plan = parse_text(MINISTRY_LETTER)
    rows = [(a.unit, a.role, a.section) for a in plan.assignments]
    provinces = "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"
    assert rows == [
        (provinces, "lead", None),
        (provinces, "lead", "1.a"),
        (provinces, "support", "1.b"),
        ("Các cơ quan, tổ chức, doanh nghiệp được giao quản lý tài sản kết cấu hạ tầng", "lead", "2.a"),
        ("Sở Nông nghiệp và Môi trường", "lead", "3"),
    ]
    assert [(d.unit, d.recurrence, d.due) for d in plan.deadlines] == [(provinces, "yearly", "06-30")]


def test_requirements_addressed_to_a_class_head_its_items() -> None:
    """ "1. Yêu cầu đối với các tổ chức, cá nhân được cấp giấy phép ...": no purpose part, whatever its first
    word, but the class whose items follow; the issuer announcing them ("Sở X đề nghị một số nội dung cụ
    thể như sau:") performs nothing."""
    plan = parse_text(
        "CÔNG VĂN\nV/v quản lý khoáng sản\n\nKính gửi: Các tổ chức, cá nhân khai thác khoáng sản.\n\n"
        "Sở Nông nghiệp và Môi trường đề nghị một số nội dung cụ thể như sau:\n"
        "1. Yêu cầu đối với các tổ chức, cá nhân được cấp giấy phép khai thác khoáng sản.\n"
        "1.1. Thực hiện đầy đủ các quy định của Luật Địa chất và khoáng sản.\n"
        "1.2. Báo cáo kết quả hoạt động khai thác khoáng sản định kỳ hằng năm.\n"
        "2. Đối với Ủy ban nhân dân các xã, phường\nTăng cường kiểm tra hoạt động khai thác khoáng sản.\n"
    )
    licensed = "các tổ chức, cá nhân được cấp giấy phép khai thác khoáng sản"
    assert [(a.unit, a.role, a.section) for a in plan.assignments] == [
        (licensed, "lead", "1.1"),
        (licensed, "lead", "1.2"),
        ("Ủy ban nhân dân các xã, phường", "lead", "2"),
    ]
    assert [(d.unit, d.recurrence, d.action) for d in plan.deadlines] == [(licensed, "yearly", "report")]


def test_where_reports_go_is_no_performer() -> None:
    """ "(3) Báo cáo ... được nộp cho các cơ quan sau đây: a) Đối với giấy phép ..., giấy xác nhận ...: Cục
    ..., Bộ Công Thương; các Sở: ... (nơi có khoáng sản được khai thác);": the units after the lead-in
    receive the reports."""
    plan = parse_text(
        "CÔNG VĂN\nV/v báo cáo khoáng sản\n\n1. Các tổ chức khai thác khoáng sản nộp báo cáo định kỳ cho "
        "các cơ quan sau đây:\na) Đối với giấy phép khai thác khoáng sản, giấy xác nhận đăng ký thu hồi "
        "khoáng sản nhóm I: Cục Địa chất và Khoáng sản Việt Nam, Bộ Công Thương (nơi có khoáng sản);\n"
    )
    assert {a.unit for a in plan.assignments} == {"Các tổ chức khai thác khoáng sản"}


def test_a_paragraph_between_two_letters_stays_in_their_item() -> None:
    """ "2. Ban Thường trực ... thực hiện chế độ báo cáo như sau: a. ... b. ... <paragraph> c. ...": the
    paragraph is the item's, and owes its date (round 14: a deadline without a unit)."""
    plan = parse_text(
        "HƯỚNG DẪN\nCông tác bầu cử\n\n2. Ban Thường trực Ủy ban MTTQ Việt Nam xã thực hiện chế độ báo cáo "
        "như sau:\na. Báo cáo kết quả hiệp thương chậm nhất ngày 03/02/2026.\n"
        "b. Gửi biên bản hội nghị chậm nhất ngày 05/02/2026.\n"
        "Báo cáo về tình hình tổ chức hội nghị cử tri chậm nhất ngày 09/02/2026.\n"
        "c. Báo cáo kết quả tiếp xúc cử tri chậm nhất ngày 14/3/2026.\n"
    )
    assert {(d.unit, d.due) for d in plan.deadlines} == {
        ("Ban Thường trực Ủy ban MTTQ Việt Nam xã", "2026-02-03"),
        ("Ban Thường trực Ủy ban MTTQ Việt Nam xã", "2026-02-05"),
        ("Ban Thường trực Ủy ban MTTQ Việt Nam xã", "2026-02-09"),
        ("Ban Thường trực Ủy ban MTTQ Việt Nam xã", "2026-03-14"),
    }
