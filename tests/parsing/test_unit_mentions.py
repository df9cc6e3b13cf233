"""Reading unit lists: named bodies, classes, catch-alls, enumerations."""

from __future__ import annotations

import pytest

from parsing.unit_mentions import parse_unit_list


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Sở Tài chính phối hợp", [("Sở Tài chính", False)]),
        ("Sở Văn hóa, Thể thao và Du lịch chủ trì", [("Sở Văn hóa, Thể thao và Du lịch", False)]),
        ("Sở Kế hoạch và Đầu tư chủ trì", [("Sở Kế hoạch và Đầu tư", False)]),
        ("Bộ Ngoại giao, UBND tỉnh theo", [("Bộ Ngoại giao", False), ("UBND tỉnh", False)]),
        (
            "Báo Đồng Nai, Đài Phát thanh và Truyền hình Đồng Nai chủ động",
            [("Báo Đồng Nai", False), ("Đài Phát thanh và Truyền hình Đồng Nai", False)],
        ),
        ("UBND các huyện, thị xã, thành phố: triển khai", [("UBND các huyện, thị xã, thành phố", True)]),
        (
            "UBND các huyện A Lưới, Nam Đông và Phong Điền tổ chức",
            [("UBND huyện A Lưới", False), ("UBND huyện Nam Đông", False), ("UBND huyện Phong Điền", False)],
        ),
        ("Cấp ủy, chính quyền các cấp tổ chức", [("Cấp ủy, chính quyền các cấp", True)]),
        ("Giám đốc, Thủ trưởng các sở, ban, ngành căn cứ", [("các sở, ban, ngành", True)]),
        (
            "Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh phối hợp",
            [("Công an tỉnh", False), ("Bộ Chỉ huy Quân sự tỉnh", False)],
        ),
        ("Phòng Tư pháp huyện kiểm soát", [("Phòng Tư pháp huyện", False)]),
        (
            "Đảng ủy các cơ quan Đảng tỉnh, Đảng ủy Công an tỉnh chỉ đạo",
            [("Đảng ủy các cơ quan Đảng tỉnh", True), ("Đảng ủy Công an tỉnh", False)],
        ),
        (
            "các cơ quan Đảng, Nhà nước, Mặt trận Tổ quốc thực hiện",
            [("các cơ quan Đảng, Nhà nước", True), ("Mặt trận Tổ quốc", False)],
        ),
        ("các sở quản lý nhà nước chuyên ngành về hạ tầng", [("các sở quản lý nhà nước chuyên ngành", True)]),
        (
            "Các Bộ: Công an, Thông tin và truyền thông, Ngân hàng Nhà nước Việt Nam",
            [
                ("Bộ Công an", False),
                ("Bộ Thông tin và truyền thông", False),
                ("Ngân hàng Nhà nước Việt Nam", False),
            ],
        ),
        (
            "Liên đoàn Thương mại và Công nghiệp Việt Nam, các Hiệp hội và doanh nghiệp",
            [("Liên đoàn Thương mại và Công nghiệp Việt Nam", False), ("các Hiệp hội và doanh nghiệp", True)],
        ),
        (
            "Sở Nội vụ, Tài chính, Tư pháp phối hợp",
            [("Sở Nội vụ", False), ("Sở Tài chính", False), ("Sở Tư pháp", False)],
        ),
        (
            "Các Sở: Văn hóa, Thể thao và Du lịch; Thông tin và Truyền thông theo",
            [("Sở Văn hóa, Thể thao và Du lịch", False), ("Sở Thông tin và Truyền thông", False)],
        ),
        ("Sở Giáo dục và Đào tạo, Y tế chỉ đạo", [("Sở Giáo dục và Đào tạo", False), ("Sở Y tế", False)]),
        ("Báo và Phát thanh, Truyền hình Huế: tăng", [("Báo và Phát thanh, Truyền hình Huế", False)]),
        ("Các thôn, tổ dân phố tuyên truyền", [("Các thôn, tổ dân phố", True)]),
        ("các sở, ban, ngành: căn cứ", [("các sở, ban, ngành", True)]),
        ("Ủy ban nhân dân các cấp tổ chức", [("Ủy ban nhân dân các cấp", True)]),
        ("Ban Thường vụ Tỉnh ủy, Thành ủy lãnh đạo", [("Ban Thường vụ Tỉnh ủy, Thành ủy", True)]),
        ("Tỉnh ủy, Thành ủy lãnh đạo", [("Tỉnh ủy", False), ("Thành ủy", False)]),
        ("Sở Tài chính Chủ trì, phối hợp với Sở Y tế", [("Sở Tài chính", False)]),
        ("Sở Lao động - Thương binh và xã hội chủ trì", [("Sở Lao động - Thương binh và xã hội", False)]),
        ("Kho bạc Nhà nước quận - huyện kiểm soát", [("Kho bạc Nhà nước quận - huyện", True)]),
        (
            "các cơ sở đào tạo trọng điểm gồm: Đại học Bách Khoa Hà Nội, Trường Đại học Khoa học Tự nhiên - "
            "Đại học Quốc gia Hà Nội, Viện Năng lượng nguyên tử Việt Nam đào tạo",
            [
                ("Đại học Bách Khoa Hà Nội", False),
                ("Trường Đại học Khoa học Tự nhiên - Đại học Quốc gia Hà Nội", False),
                ("Viện Năng lượng nguyên tử Việt Nam", False),
            ],
        ),
    ],
)
def test_lists(text: str, want: list[tuple[str, bool]]) -> None:
    mentions, _ = parse_unit_list(text)
    assert [(m.text, m.group) for m in mentions] == want


def test_catch_alls_are_marked() -> None:
    mentions, _ = parse_unit_list("Sở Y tế và các cơ quan liên quan triển khai")
    assert [(m.text, m.catch_all) for m in mentions] == [("Sở Y tế", False), ("các cơ quan liên quan", True)]


@pytest.mark.parametrize(
    "text", ["Những trường hợp đặc biệt không đạt sự tín nhiệm", "các trường hợp vi phạm phải xử lý"]
)
def test_cases_are_no_schools(text: str) -> None:
    assert parse_unit_list(text, 0)[0] == []


def test_not_a_unit() -> None:
    assert parse_unit_list("Hội nghị xúc tiến đầu tư")[0] == []
    assert parse_unit_list("Tổ chức các hoạt động")[0] == []


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a heading line joined to its duty: the capitalised predicate is no part of the name
        (
            "Ngân hàng Nhà nước chi nhánh tỉnh Đẩy mạnh thanh toán",
            [("Ngân hàng Nhà nước chi nhánh tỉnh", False)],
        ),
        ("Tỉnh đoàn Tuyên truyền, vận động", [("Tỉnh đoàn", False)]),
        ("UBND thành phố Cần Thơ chủ trì", [("UBND thành phố Cần Thơ", False)]),
        # a locality closes a name before a comma: two bodies, not one
        (
            "Đoàn Thanh niên xã, Bưu điện văn hóa xã",
            [("Đoàn Thanh niên xã", False), ("Bưu điện văn hóa xã", False)],
        ),
        # "các" inside a body's name
        (
            "Ban Quản lý các khu công nghiệp tỉnh, Liên đoàn Lao động tỉnh: Phối hợp",
            [("Ban Quản lý các khu công nghiệp tỉnh", False), ("Liên đoàn Lao động tỉnh", False)],
        ),
        # a committee's topic, and one committee of each district
        (
            "Ban Chỉ đạo liên ngành về an toàn thực phẩm các huyện, thành phố, thị xã: Xây dựng",
            [("Ban Chỉ đạo liên ngành về an toàn thực phẩm các huyện, thành phố, thị xã", True)],
        ),
        (
            "Thủ trưởng các sở, ngành thành viên Ban Chỉ đạo; Chủ tịch UBND các huyện, thị xã triển khai",
            # one title before a class stays: the heads of the class are addressed (dev gold)
            [
                ("Thủ trưởng các sở, ngành thành viên Ban Chỉ đạo", True),
                ("Chủ tịch UBND các huyện, thị xã", True),
            ],
        ),
        (
            "Báo Hải Phòng và các cơ quan báo chí của thành phố phối hợp",
            [("Báo Hải Phòng", False), ("các cơ quan báo chí của thành phố", True)],
        ),
        ("UBND các xã, phường, đặc khu rà soát", [("UBND các xã, phường, đặc khu", True)]),
        (
            "Sở Nông nghiệp và Phát triển nông thôn, Sở Công Thương thành lập",
            [("Sở Nông nghiệp và Phát triển nông thôn", False), ("Sở Công Thương", False)],
        ),
        (
            "Trung tâm Khuyến nông tỉnh và Chi cục Trồng trọt và Bảo vệ thực vật",
            [("Trung tâm Khuyến nông tỉnh", False), ("Chi cục Trồng trọt và Bảo vệ thực vật", False)],
        ),
    ],
)
def test_name_boundaries_round4(text: str, want: list[tuple[str, bool]]) -> None:
    mentions, _ = parse_unit_list(text)
    assert [(m.text, m.group) for m in mentions] == want


def test_a_kind_list_that_stops_at_its_separator_ends() -> None:
    """A real 2025 plan (Đồng Nai, 182/KH-UBND) froze the parser here: the kind list after "phòng,"
    consumed nothing and the merge loop retried the same separator forever."""
    text = (
        "Công an tỉnh, Cơ quan Thường trực Ban Chỉ đạo phòng, chống tội phạm, tệ nạn xã hội và xây dựng "
        "phong trào toàn dân bảo vệ an ninh tổ quốc tỉnh (qua Phòng Tham mưu - Công an tỉnh) để theo dõi"
    )
    mentions, end = parse_unit_list(text, 0)
    assert mentions[0].text == "Công an tỉnh"
    assert end < len(text)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Các đồng chí Huyện ủy viên được phân công phụ trách cơ sở theo dõi", "Các đồng chí Huyện ủy viên"),
        (
            "Các đồng chí Ủy viên Ban Thường vụ Huyện ủy phụ trách địa bàn theo dõi, chỉ đạo.",
            "Các đồng chí Ủy viên Ban Thường vụ Huyện ủy phụ trách địa bàn",
        ),
    ],
)
def test_party_committee_members_as_offices(text: str, want: str) -> None:
    """A committee's members ("Huyện ủy viên") hold offices; "phụ trách địa bàn" names no field when the
    predicate follows at once."""
    mentions, _ = parse_unit_list(text, 0)
    assert [m.text for m in mentions] == [want]
