"""The standard names of departments and offices, which let one head be shared by a list of names.

"Sở Nội vụ, Tài chính, Tư pháp" names three departments and "Các Sở: Y tế, Tư pháp" two, while "Sở Văn
hóa, Thể thao và Du lịch" (a standard name with a comma inside) names one: only the state's own list of
names tells them apart.
"""

from __future__ import annotations

import re

from parsing.units_lexicon import alternation

# The standard abbreviations plans print ("Sở KH&CN", "Bộ NN&MT") and the names they stand for: a unit's
# row carries the full name, as the directory and the officers know it.
ABBREVIATED: dict[str, str] = {
    "KH&ĐT": "Kế hoạch và Đầu tư",
    "NN&PTNT": "Nông nghiệp và Phát triển nông thôn",
    "TN&MT": "Tài nguyên và Môi trường",
    "TT&TT": "Thông tin và Truyền thông",
    "KH&CN": "Khoa học và Công nghệ",
    "GD&ĐT": "Giáo dục và Đào tạo",
    "VHTTDL": "Văn hóa, Thể thao và Du lịch",
    "VH,TT&DL": "Văn hóa, Thể thao và Du lịch",
    "LĐ-TB&XH": "Lao động - Thương binh và Xã hội",
    "LĐTB&XH": "Lao động - Thương binh và Xã hội",
    "NN&MT": "Nông nghiệp và Môi trường",
}

# Standard names of provincial departments and commune/district offices (NĐ 24/2014, NĐ 37/2014,
# NĐ 45/2025, NĐ 150/2025): the state's own structure, not one plan's units. They let a shared head be
# distributed: "Sở Nội vụ, Tài chính, Tư pháp" and "Các Sở: Y tế, Tư pháp" name one body per name, while
# "Sở Văn hóa, Thể thao và Du lịch" (a standard name with a comma inside) stays one body.
DEPARTMENT_NAMES: tuple[str, ...] = (
    "Nội vụ",
    "Tư pháp",
    "Tài chính",
    "Kế hoạch và Đầu tư",
    "Công Thương",
    "Công thương",
    "Xây dựng",
    "Giao thông vận tải",
    "Giao thông - Vận tải",
    "Giao thông Vận tải",
    "Nông nghiệp và Phát triển nông thôn",
    "Nông nghiệp và PTNT",
    "Nông nghiệp và Môi trường",
    "Tài nguyên và Môi trường",
    "Thông tin và Truyền thông",
    "Khoa học và Công nghệ",
    "Giáo dục và Đào tạo",
    "Y tế",
    "Văn hóa, Thể thao và Du lịch",
    "Văn hoá, Thể thao và Du lịch",
    "Văn hóa - Thể thao và Du lịch",
    "Văn hóa Thể thao và Du lịch",
    "Văn hóa và Thể thao",
    "Văn hóa - Thể thao",
    "Văn hóa và Thông tin",
    "Văn hóa - Thông tin",
    "Văn hóa - Xã hội",
    "Văn hóa, Khoa học và Thông tin",
    "Du lịch",
    "Lao động - Thương binh và Xã hội",
    "Lao động, Thương binh và Xã hội",
    "Lao động Thương binh và Xã hội",
    "Ngoại vụ",
    "Dân tộc và Tôn giáo",
    "Tài chính - Kế hoạch",
    "Kinh tế",
    "Kinh tế - Hạ tầng",
    "Kinh tế - Hạ tầng và Đô thị",
    "Kinh tế, Hạ tầng và Đô thị",
    "Quản lý đô thị",
    "Tài nguyên - Môi trường",
    *ABBREVIATED,
    # the ministries' names that no department shares
    "Ngoại giao",
    "Quốc phòng",
)
# A ministry's name only after "Bộ": "Sở Y tế, Công an tỉnh" names the provincial police, no "Sở Công an"
MINISTRY_ONLY_RE = re.compile(r"Công an(?![\wÀ-ỹ&])")

DEPARTMENT_RE = re.compile(rf"(?:{alternation(DEPARTMENT_NAMES)})(?![\wÀ-ỹ&])")
# The same names whatever the writer's case ("Thông tin và truyền thông"), where a capital opens them.
DEPARTMENT_ANY_CASE_RE = re.compile(DEPARTMENT_RE.pattern, re.IGNORECASE)

# Heads whose name list may be shared ("Sở Nội vụ, Tài chính", "Các Sở: ...", "các phòng: ...",
# "Các Bộ: Công Thương, Xây dựng, ...").
SHARED_HEADS = re.compile(r"(?:Sở|sở|Phòng|phòng|Bộ|bộ)$")


_ABBREVIATED_RE = re.compile(rf"\b(Sở|Bộ|Phòng|sở|bộ|phòng) ({alternation(tuple(ABBREVIATED))})(?![\wÀ-ỹ&])")


def full_department_names(unit: str) -> str:
    """ "Sở KH&CN" -> "Sở Khoa học và Công nghệ", "Bộ NN&MT tỉnh" -> "Bộ Nông nghiệp và Môi trường tỉnh"."""
    return _ABBREVIATED_RE.sub(lambda m: f"{m.group(1)} {ABBREVIATED[m.group(2)]}", unit)
