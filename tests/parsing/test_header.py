"""Header fields from the layouts real files arrive in."""

from __future__ import annotations

import datetime as dt

import pytest

from parsing.header import parse_header, parse_number


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Số: 3935/KH-UBND", "3935/KH-UBND"),
        ("Số: 40 /KH - UBND", "40/KH-UBND"),
        ("Số 35-KH/TU", "35-KH/TU"),
        ("Số: **2820/QĐ-UBND**", "2820/QĐ-UBND"),  # a Word file's bold number, in its own run
        ("Số:\n**7360/KH-UBND**", "7360/KH-UBND"),  # ... or in the header cell's next paragraph
        ("CÔNG VĂN ĐẾN Số: 3541\nNgày: 18/8/2022", None),
    ],
)
def test_number(text: str, number: str | None) -> None:
    assert parse_number(text) == number


def test_cells_run_together() -> None:
    text = (
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH HẬU GIANG Độc lập - Tự do - Hạnh phúc\n"
        "Số: 33/KH-UBND Hậu Giang, ngày 13 tháng 3 năm 2018\n\nKẾ HOẠCH\n\nCông tác đối ngoại năm 2018\n\n"
        "Thực hiện ...\n"
    )
    header, _ = parse_header(text)
    assert header.number == "33/KH-UBND"
    assert header.issued_on == dt.date(2018, 3, 13)
    assert header.place == "Hậu Giang"
    assert header.issuer == "UBND tỉnh Hậu Giang"
    assert header.kind == "KẾ HOẠCH"
    assert header.title == "Công tác đối ngoại năm 2018"


def test_stamp_date_is_not_the_issue_date() -> None:
    header, _ = parse_header("CÔNG VĂN Số: 3541\nĐẾN Ngày: 18/8/2022\n\n## KẾ HOẠCH\n\ntriển khai ...\n")
    assert header.number is None
    assert header.issued_on is None
    assert header.title == "triển khai ..."


@pytest.mark.parametrize(
    ("text", "number", "issued_on"),
    [
        # a decree's number carries its year; the header cell wraps after "Số:"
        (
            "Số:\n102/2025/QĐ-UBND\n*Phú Thọ, ngày\n18 tháng 11 năm 2025*\n",
            "102/2025/QĐ-UBND",
            dt.date(2025, 11, 18),
        ),
        # headers with holes: a blank number and a date whose day is left for the signer
        ("Số: /KH-MTTQ-BTT\nXuân Lập, ngày tháng 11 năm 2025\n", None, None),
        # a digit split by OCR
        ("Số: 12-KH/ĐU\nNam Đàn, ngày 26 tháng 0 6 năm 2018\n", "12-KH/ĐU", dt.date(2018, 6, 26)),
        # the place set in italics right after a table bar
        (
            "Số: 125/2025/QĐ-UBND\n|\n*Huế, ngày 24\ntháng 11 năm 2025 *\n",
            "125/2025/QĐ-UBND",
            dt.date(2025, 11, 24),
        ),
    ],
)
def test_header_fields_as_real_plans_print_them(
    text: str, number: str | None, issued_on: dt.date | None
) -> None:
    header, _ = parse_header("ỦY BAN NHÂN DÂN\nTỈNH X\n" + text + "\nKẾ HOẠCH\nVề việc Y\n\nThực hiện ...\n")
    assert (header.number, header.issued_on) == (number, issued_on)


def test_web_page_lines_before_the_header_are_skipped() -> None:
    """A page saved from a law library: site lines and a metadata table, then the document itself."""
    site = "\n".join(f"Dòng {i} của trang web, ngày 0{i % 9 + 1}/12/2025" for i in range(40))
    text = (
        site + "\n**Số hiệu:**\n|\n631/TB-VPCP\n|\n"
        "**VĂN PHÒNG CHÍNH\nPHỦ**\n-------\n|\n**CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM**\n|\n|\n"
        "Số: 631/TB-VPCP\n|\n*Hà Nội, ngày 19\ntháng 11 năm 2025 *\n|\n"
        "**THÔNG BÁO**\nKẾT\nLUẬN CỦA PHÓ THỦ TƯỚNG\n"
        "Ngày 18 tháng 11 năm 2025, tại trụ sở Chính phủ, Phó Thủ tướng đã chủ trì cuộc họp.\n"
        "1. Giao Bộ Tài chính chủ trì tổng hợp.\n"
    )
    header, body_start = parse_header(text)
    assert (header.number, header.issued_on, header.kind) == (
        "631/TB-VPCP",
        dt.date(2025, 11, 19),
        "THÔNG BÁO",
    )
    assert header.title == "KẾT LUẬN CỦA PHÓ THỦ TƯỚNG"
    assert text.splitlines()[body_start].startswith("Ngày 18 tháng 11")


@pytest.mark.parametrize(
    ("head", "issuer"),
    [
        # converter Markdown: the cell wrapped anywhere, in bold, before the motto's cell
        (
            "|\n**ỦY BAN NHÂN\nDÂN**\n**TỈNH ĐỒNG THÁP**\n--------\n|\n"
            "**CỘNG HÒA XÃ\nHỘI CHỦ NGHĨA VIỆT NAM**\n"
            "Độc lập - Tự do - Hạnh phúc\n|\n|\nSố: 552/KH-UBND | Đồng Tháp, ngày 14 tháng 11 năm 2025",
            "UBND tỉnh Đồng Tháp",
        ),
        (
            "|\n**ỦY BAN NHÂN DÂN\n**\nTHÀNH PHỐ HỒ CHÍ MINH\n-------\n|\n"
            "**CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM**\n"
            "|\n|\nSố: 172/KH-UBND | Thành phố Hồ Chí Minh, ngày 10 tháng 11 năm 2025",
            "UBND thành phố Hồ Chí Minh",
        ),
        # the Front's standing board under its committee, the place between them
        (
            "ỦY BAN MTTQ VIỆT NAM\nXÃ LƯƠNG MINH\nBAN THƯỜNG TRỰC\nSố: 16/KH-MTTQ-BTT\n"
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nLương Minh, ngày 18 tháng 11 năm 2025",
            "Ban Thường trực Ủy ban MTTQ Việt Nam xã Lương Minh",
        ),
        (
            "ỦY BAN BẦU CỬ XÃ PHỐ BẢNG\nTIỂU BAN THÔNG TIN, TUYÊN TRUYỀN, KHÁNH TIẾT\nSố: 01/KH-TBTTKT\n"
            "Phố Bảng, ngày 10 tháng 12 năm 2025",
            "Tiểu ban Thông tin, tuyên truyền, khánh tiết Ủy ban Bầu cử xã Phố Bảng",
        ),
        # a party committee under its party organisation (HD 36-HD/VPTW)
        (
            "ĐẢNG BỘ TỈNH BẮC GIANG\nHUYỆN ỦY LỤC NAM\n*\nSố 144-QĐ/HU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
            "Lục Nam, ngày 05 tháng 9 năm 2024",
            "Huyện ủy Lục Nam",
        ),
        (
            "ĐẢNG BỘ TỈNH NGHỆ AN\nTỈNH ỦY\n*\nSố 45-KH/TU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
            "Nghệ An, ngày 05 tháng 3 năm 2026",
            "Tỉnh ủy Nghệ An",
        ),
        (
            "ĐẢNG BỘ TỈNH NGHỆ AN\nĐẢNG ỦY CÁC CƠ QUAN ĐẢNG TỈNH\n*\nSố 08-KH/ĐU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
            "Nghệ An, ngày 05 tháng 3 năm 2026",
            "Đảng ủy các cơ quan Đảng tỉnh Nghệ An",
        ),
        (
            "TỈNH ỦY NGHỆ AN\nBAN THƯỜNG VỤ\n*\nSố 12-HD/TU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
            "Nghệ An, ngày 05 tháng 3 năm 2026",
            "Ban Thường vụ Tỉnh ủy Nghệ An",
        ),
        (
            "## ĐẢNG CỘNG SẢN VIỆT NAM\n**BAN CHẤP HÀNH TRUNG ƯƠNG**\n**ĐẢNG ĐOÀN QUỐC HỘI**\n"
            "Số 3260-KH/ĐĐQH15\n"
            "Hà Nội, ngày 10 tháng 01 năm 2025",
            "Đảng đoàn Quốc hội",
        ),
        # a department under its province, and a ministry whose name wraps
        (
            "UBND TỈNH HÀ TĨNH\nSỞ Y TẾ\nSố: 12/KH-SYT\nHà Tĩnh, ngày 02 tháng 4 năm 2024",
            "Sở Y tế tỉnh Hà Tĩnh",
        ),
        (
            "|\n**BỘ VĂN HÓA, THỂ\nTHAO **\nVÀ DU LỊCH\n-------\n|\n"
            "**CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM**\n|\n"
            "Số: 4569/KH-BVHTTDL | Hà Nội, ngày 12 tháng 11 năm 2025",
            "Bộ Văn hóa, Thể thao và Du lịch",
        ),
        # a joint plan: its first issuer
        (
            "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK\nỦY BAN MTTQ VIỆT NAM TỈNH ĐẮK LẮK\n-------\n"
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 01/KHLT-UBND-MTTQ\nĐắk Lắk, ngày 05 tháng 01 năm 2026",
            "UBND tỉnh Đắk Lắk",
        ),
    ],
)
def test_the_issuers_cell(head: str, issuer: str) -> None:
    """The issuing body from its header cell as NĐ 30/2020 and HD 36-HD/VPTW lay it out, its place last
    (the plan's jurisdiction is read from it)."""
    header, _ = parse_header(head + "\n\nKẾ HOẠCH\n\nVề việc X\n\nThực hiện ...\n")
    assert header.issuer == issuer


def test_a_scans_header_with_ocr_tone_and_stray_marks() -> None:
    """OCR of a degraded scan: the motto's tone misread ("CỘNG HÓA") beside the issuer's cell, and a
    stray ":" after the document's kind; the issuer and the title are still read."""
    text = (
        "ỦY BAN NHÂN DÂN CỘNG HÓA XÃ HỘI\n\nCHỦ NGHĨA VIỆT NAM\n\n"
        "TỈNH HẬU GIANG Độc lập - Tự do - Hạnh phúc\n\n"
        "Số: 33/KH-UBND Hậu Giang, ngày 13 tháng 3 năm\n\n2018\n\n"
        "KẾ HOẠCH :\n\nCông tác đối ngoại trên địa bàn tỉnh Hậu Giang năm 2018\n\n"
        "Thực hiện Công văn số 107/VPCP-QHQT ngày 10 tháng 01 năm 2018 của Văn phòng Chính phủ.\n"
    )
    header, _ = parse_header(text)
    assert header.issuer == "UBND tỉnh Hậu Giang"
    assert header.title == "Công tác đối ngoại trên địa bàn tỉnh Hậu Giang năm 2018"
    assert (header.number, header.issued_on) == ("33/KH-UBND", dt.date(2018, 3, 13))


def test_a_date_split_by_a_converters_italics() -> None:
    """ "*Hà Nội, ngày 02 tháng* *5 năm 2024*": the italics broke the date in two runs."""
    header, _ = parse_header(
        "| CHÍNH PHỦ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n| --- | --- |\n"
        "| Số: 13/CT-TTg | *Hà Nội, ngày 02 tháng* *5 năm 2024* |\n\nCHỈ THỊ\n\nVề tín chỉ các-bon\n\nText.\n"
    )
    assert (header.number, header.issued_on, header.place) == ("13/CT-TTg", dt.date(2024, 5, 2), "Hà Nội")


def test_a_speck_before_the_year_on_a_worn_scan() -> None:
    """ "ngày 13 tháng 3 năm" / ".2018": OCR read a speck of the degraded copy as a dot."""
    header, _ = parse_header(
        "ỦY BAN NHÂN DÂN CỘNG HÓA XÃ HỘI\n\nTỈNH HẬU GIANG Độc lập - Tự do - Hạnh phúc\n\n"
        "Số: 33/KH-UBND Hậu Giang, ngày 13 tháng 3 năm\n\n.2018\n\n"
        "KẾ HOẠCH\nCông tác đối ngoại\n\nThực hiện.\n"
    )
    assert header.issued_on == dt.date(2018, 3, 13)


def test_a_title_with_no_blank_line_before_the_body() -> None:
    """A Word file's text: one line per paragraph, no blank lines. The title ends where the body's first
    paragraph begins ("Ngày 15 tháng 10 ..., Phó Thủ tướng kết luận như sau:", "1. ...")."""
    head = (
        "VĂN PHÒNG CHÍNH PHỦ\nSố: 512/TB-VPCP\nHà Nội, ngày 20 tháng 10 năm 2026\nTHÔNG BÁO\n"
        "Kết luận của Phó Thủ tướng tại cuộc họp về phát triển nhà ở xã hội\n"
    )
    for body in (
        "Ngày 15 tháng 10 năm 2026, Phó Thủ tướng chủ trì cuộc họp, kết luận như sau:\n1. Bộ Xây dựng ...\n",
        "1. Bộ Xây dựng khẩn trương hoàn thiện dự thảo Nghị định.\n",
        "Sau khi nghe báo cáo, Phó Thủ tướng kết luận:\n",
    ):
        header, _ = parse_header(head + body)
        assert header.title == "Kết luận của Phó Thủ tướng tại cuộc họp về phát triển nhà ở xã hội"


def test_a_decisions_title_ends_before_its_authority_and_its_articles() -> None:
    """ "QUYẾT ĐỊNH / Ban hành Quy chế ... / ỦY BAN NHÂN DÂN TỈNH GIA LAI": the issuer's line in capitals
    after a title in ordinary case is no part of it; nor is "Điều 1." where a converter put it."""
    head = "UBND TỈNH GIA LAI\nSố: 15/2026/QĐ-UBND\nGia Lai, ngày 10 tháng 5 năm 2026\nQUYẾT ĐỊNH\n"
    header, _ = parse_header(
        head + "Ban hành Quy chế phối hợp về an toàn thực phẩm\nỦY BAN NHÂN DÂN TỈNH GIA LAI\nCăn cứ ...\n"
    )
    assert header.title == "Ban hành Quy chế phối hợp về an toàn thực phẩm"
    header, _ = parse_header(head + "Điều 1.\nBan hành kèm theo Quyết định này Quy chế phối hợp.\n")
    assert header.title is None


def test_a_party_committee_of_a_peoples_committee_keeps_its_capitals() -> None:
    header, _ = parse_header(
        "ĐẢNG BỘ TỈNH LÀO CAI\nĐẢNG ỦY ỦY BAN NHÂN DÂN TỈNH\n*\nSố 2449-CV/ĐU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Lào Cai, ngày 07 tháng 9 năm 2026\n\nV/v triển khai Chương trình hành động\n"
    )
    assert header.issuer == "Đảng ủy Ủy ban nhân dân tỉnh Lào Cai"


def test_a_plan_printed_without_its_decision() -> None:
    """The plan circulated alone: no "Số:" line, its decision named under its title. It goes by that
    decision's number and date (the gold rule for a plan a Quyết định issues); "KẾ HOẠCH QUỐC GIA" names
    the kind, and the title ends before "(Kèm theo ...)"."""
    header, _ = parse_header(
        "THỦ TƯỚNG CHÍNH PHỦ           CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "                              Độc lập - Tự do - Hạnh phúc\n"
        "                KẾ HOẠCH QUỐC GIA\n"
        "     Thích ứng với biến đổi khí hậu giai đoạn 2021 - 2030\n"
        "          (Kèm theo Quyết định số 1422/QĐ-TTg\n"
        "     Ngày 19 tháng 11 năm 2024 của Thủ tướng Chính phủ)\n"
        "     Thực hiện Luật Bảo vệ môi trường ...\n"
    )
    assert (header.number, header.issued_on) == ("1422/QĐ-TTg", dt.date(2024, 11, 19))
    assert header.title == "Thích ứng với biến đổi khí hậu giai đoạn 2021 - 2030"


def test_a_decisions_authority_in_capitals_after_a_title_in_capitals() -> None:
    header, _ = parse_header(
        "THỦ TƯỚNG CHÍNH PHỦ\nSố: 1775/QĐ-TTg\nHà Nội, ngày 21 tháng 11 năm 2012\nQUYẾT ĐỊNH\n"
        "PHÊ DUYỆT ĐỀ ÁN QUẢN LÝ PHÁT THẢI KHÍ GÂY HIỆU ỨNG NHÀ KÍNH\nTHỦ TƯỚNG CHÍNH PHỦ\nCăn cứ ...\n"
    )
    assert header.title == "PHÊ DUYỆT ĐỀ ÁN QUẢN LÝ PHÁT THẢI KHÍ GÂY HIỆU ỨNG NHÀ KÍNH"
