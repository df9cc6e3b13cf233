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
    ],
)
def test_lists(text: str, want: list[tuple[str, bool]]) -> None:
    mentions, _ = parse_unit_list(text)
    assert [(m.text, m.group) for m in mentions] == want


def test_catch_alls_are_marked() -> None:
    mentions, _ = parse_unit_list("Sở Y tế và các cơ quan liên quan triển khai")
    assert [(m.text, m.catch_all) for m in mentions] == [("Sở Y tế", False), ("các cơ quan liên quan", True)]


def test_not_a_unit() -> None:
    assert parse_unit_list("Hội nghị xúc tiến đầu tư")[0] == []
    assert parse_unit_list("Tổ chức các hoạt động")[0] == []
