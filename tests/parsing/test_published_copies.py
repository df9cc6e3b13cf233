"""Plans as publishers print them: the Official Gazette's running head and a digital signature's stamp on
a Prime Minister's directive, a law library's breadcrumbs before every section of a decision and the plan
it issues, a standard department name in the writer's own case, and lettered items a plain paragraph
interrupts."""

from __future__ import annotations

import datetime as dt

from parsing.extract import parse_text
from parsing.publisher_marks import strip_publisher_marks

GAZETTE = """CÔNG BÁO/Số 302/Ngày 02-06-2026
70

THỦ TƯỚNG CHÍNH PHỦ
__________

Số: 21/CT-TTg

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 20 tháng 5 năm 2026

CHỈ THỊ
Về việc sắp xếp thôn, tổ dân phố
______________
Ký bởi: CÔNG BÁO NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Cơ quan: VĂN PHÒNG CHÍNH PHỦ
Ngày ký: 2026-06-02 08:06:58 +07:00

I. NGUYÊN TẮC
1. Việc sắp xếp phải bảo đảm phù hợp với tiêu chí.
II. TỔ CHỨC THỰC HIỆN
1. Ủy ban nhân dân các tỉnh, thành phố
a) Khẩn trương rà soát toàn bộ thôn, tổ dân phố; hoàn thành trước ngày 10 tháng 6 năm 2026.
b) Kết thúc hoạt động đối với người hoạt động không chuyên trách tại cấp xã.
Phương án bố trí, sử dụng phải gắn với yêu cầu cơ cấu lại đội ngũ, theo hướng:

CÔNG BÁO/Số 302/Ngày 02-06-2026
73

- Lựa chọn người có phẩm chất, năng lực.
c) Báo cáo tổng thể kết quả thực hiện trước ngày 05 tháng 7 năm 2026.
2. Bộ Nội vụ
a) Chủ trì, phối hợp với các bộ, ngành liên quan hướng dẫn, đôn đốc việc thực hiện Chỉ thị này.
"""


def test_gazette_head_and_signature_stamp_are_not_the_document() -> None:
    plain = strip_publisher_marks(GAZETTE)
    assert "CÔNG BÁO/Số" not in plain and "Ký bởi" not in plain and "Ngày ký" not in plain
    parsed = parse_text(GAZETTE)
    assert parsed.header.number == "21/CT-TTg"  # not the gazette's issue "302"
    assert parsed.header.issued_on == dt.date(2026, 5, 20)


def test_a_letter_after_an_interrupting_paragraph_stays_under_its_unit() -> None:
    parsed = parse_text(GAZETTE)
    rows = {(a.unit, a.role, a.section) for a in parsed.assignments}
    assert ("Ủy ban nhân dân các tỉnh, thành phố", "lead", "II.1.c") in rows
    due = {(d.due, d.unit) for d in parsed.deadlines}
    assert ("2026-07-05", "Ủy ban nhân dân các tỉnh, thành phố") in due
    assert ("2026-06-10", "Ủy ban nhân dân các tỉnh, thành phố") in due


LIBRARY = """Quyết định 435/QĐ-UBND năm 2020. ỦY BAN NHÂN DÂN TỈNH KON TUM -------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------
Số: 435/QĐ-UBND Kon Tum, ngày 04 tháng 5 năm 2020 QUYẾT ĐỊNH V/V BAN HÀNH CHƯƠNG TRÌNH HÀNH ĐỘNG \
VỀ QUAN HỆ LAO ĐỘNG ỦY BAN NHÂN DÂN TỈNH KON TUM
Căn cứ Luật tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;

QUYẾT ĐỊNH:
Quyết định 435/QĐ-UBND năm 2020. Điều 1.
Ban hành kèm theo Quyết định này Chương trình hành động của Ủy ban nhân dân tỉnh.

Quyết định 435/QĐ-UBND năm 2020. Điều 2.
Giám đốc Sở Lao động - Thương binh và Xã hội chịu trách nhiệm thi hành Quyết định này./.
Nơi nhận:
- Như điều 2;
- Lưu VT, KGVX2.
TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Văn A

Quyết định 435/QĐ-UBND năm 2020. CHƯƠNG TRÌNH HÀNH ĐỘNG. TRIỂN KHAI KẾ HOẠCH SỐ 119-KH/TU NGÀY 18 \
THÁNG 12 NĂM 2019 CỦA BAN THƯỜNG VỤ TỈNH ỦY VỀ THỰC HIỆN CHỈ THỊ SỐ 37-CT/TW NGÀY 03 THÁNG 9 NĂM 2019 \
CỦA BAN BÍ THƯ TRUNG ƯƠNG ĐẢNG VỀ XÂY DỰNG QUAN HỆ LAO ĐỘNG HÀI HOÀ, ỔN ĐỊNH VÀ TIẾN BỘ \
(Ban hành kèm theo Quyết định số 435/QĐ-UBND, ngày 04 tháng 5 năm 2020 của Ủy ban nhân dân tỉnh Kon Tum)
I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao nhận thức về quan hệ lao động.

Quyết định 435/QĐ-UBND năm 2020. CHƯƠNG TRÌNH HÀNH ĐỘNG. II. NỘI DUNG HOẠT ĐỘNG
1.1. Tăng cường kiểm tra, thanh tra chấp hành pháp luật về lao động.
- Cơ quan thực hiện: Sở Lao động - Thương binh và xã hội chủ trì, phối hợp với Liên đoàn Lao động tỉnh.
- Thời gian thực hiện: hoàn thành trong quý II/2020.
"""


def test_breadcrumbs_and_the_plan_after_the_decisions_signature() -> None:
    parsed = parse_text(LIBRARY)
    assert parsed.header.number == "435/QĐ-UBND"
    rows = {(a.unit, a.role) for a in parsed.assignments}
    assert rows == {
        ("Sở Lao động - Thương binh và xã hội", "lead"),
        ("Liên đoàn Lao động tỉnh", "support"),
    }
    assert [(d.due, d.recurrence) for d in parsed.deadlines] == [("2020-06-30", "once")]


def test_one_breadcrumb_is_no_pattern() -> None:
    text = "Quyết định 12/QĐ-UBND năm 2024. Điều 1.\nNội dung.\n"
    assert strip_publisher_marks(text) == text
