"""Words that say what a unit does and how: predicates, role words, directives, lead-ins.

A subject's unit list ends where its predicate starts, so the predicate words (`VERBS`) are as much a
part of reading units as the units' own names (`parsing.units_lexicon`). Generic words of Vietnamese
administrative writing (NĐ 30/2020 style), never one plan's.
"""

from __future__ import annotations

import re

from parsing.units_lexicon import alternation

# Words that start a predicate: the unit list before them is the subject. Lower case, matched at a word
# boundary after a unit name. Kept broad on purpose: a name stops at the first of these.
_VERB_GROUPS: tuple[tuple[str, ...], ...] = (
    ("chủ trì", "phối hợp", "tham mưu", "hướng dẫn", "theo dõi", "đôn đốc", "chịu trách nhiệm"),
    ("có trách nhiệm", "tổ chức", "triển khai", "thực hiện", "xây dựng", "chỉ đạo", "lãnh đạo"),
    ("phổ biến", "tuyên truyền", "quán triệt", "chủ động", "căn cứ", "phát huy", "rà soát"),
    ("thẩm định", "hỗ trợ", "đưa tin", "nghiên cứu", "quan tâm", "tăng cường", "đẩy mạnh", "bố trí"),
    ("cân đối", "đảm bảo", "bảo đảm", "kiểm tra", "giám sát", "tổng hợp", "báo cáo", "cung cấp"),
    ("cập nhật", "ban hành", "trình", "đề xuất", "lồng ghép", "tiếp tục", "khẩn trương"),
    ("làm đầu mối", "là cơ quan", "là đầu mối", "tập trung", "quản lý", "vận động", "tiếp nhận"),
    ("cụ thể hóa", "cụ thể hoá", "thường xuyên", "tích cực", "nâng cao", "duy trì", "phát triển"),
    ("củng cố", "kiện toàn", "hoàn thiện", "giao", "yêu cầu", "đề nghị", "sử dụng", "bổ sung"),
    ("đánh giá", "biên soạn", "xử lý", "thanh tra", "làm tốt", "tạo điều kiện", "khuyến khích", "cử"),
    ("tham gia", "ưu tiên", "xem xét", "trực tiếp", "định kỳ", "hằng năm", "hàng năm", "hằng tháng"),
    ("hàng tháng", "hằng quý", "hàng quý", "cần", "phải", "được", "có", "là", "đăng tải"),
    ("phát sóng", "mở", "dành", "cấp phát", "thông tin", "giới thiệu", "quảng bá", "tập huấn"),
    ("bồi dưỡng", "đào tạo", "ứng dụng", "kịp thời", "nghiêm túc", "trên cơ sở", "theo chức năng"),
    ("trong phạm vi", "căn cứ vào", "gửi", "tiến hành", "lập", "hoàn thành", "thống nhất", "đổi mới"),
    ("kết hợp", "lựa chọn", "phân công", "vận hành", "số hóa", "điều tra", "khảo sát", "thu thập"),
    ("thống kê", "đề ra", "rút kinh nghiệm", "nắm", "nắm bắt", "bám sát", "tăng", "giảm", "thúc đẩy"),
    ("cùng", "với", "để", "nhằm", "theo", "trong", "tại", "về", "khi", "nếu", "thì", "đồng thời"),
    ("sớm", "kiểm soát", "công khai", "giải quyết", "niêm yết", "phê duyệt", "tiếp", "hướng tới"),
    ("chuẩn bị", "xác định", "chấn chỉnh", "đầu tư", "huy động", "tiếp thu", "tổng kết", "sơ kết"),
    ("vận dụng", "phát động", "tiếp cận", "sẵn sàng", "thành lập", "phụ trách", "chỉ đạo chung", "điều hành"),
    ("giúp", "làm", "trình bày", "chuyển", "nhận", "hoàn chỉnh", "tham dự", "dự", "họp", "tiếp công dân"),
    ("chi trả", "thanh toán", "quyết toán", "phân bổ", "áp dụng", "thẩm tra", "nghiệm thu", "bàn giao"),
    ("chấp hành", "tuân thủ", "kiến nghị", "trao đổi", "triệu tập", "mời", "góp ý", "cho ý kiến"),
    ("trả lời", "xác minh", "phản hồi", "nộp", "lấy ý kiến", "đối chiếu", "đăng ký", "ký kết"),
    ("sửa đổi", "tích hợp", "điều phối", "điều chỉnh"),
)
# Words that open a predicate and never stand inside a name: aspect, negation, signing, a letter's close
# ("Bộ Tài chính đã ...", "Ngân hàng Nhà nước Việt Nam ký với WB ...", "... trân trọng cảm ơn ...").
PREDICATE_ONLY_WORDS: tuple[str, ...] = (
    "đã", "đang", "sẽ", "không", "chưa", "ký", "trân trọng", "kính", "cảm ơn", "thông báo",
)  # fmt: skip
VERBS: tuple[str, ...] = (*(v for group in _VERB_GROUPS for v in group), *PREDICATE_ONLY_WORDS)

# Lead-in phrases before the subject of a sentence ("Căn cứ ..., các cơ quan ... chủ động ...").
LEAD_INS = re.compile(
    r"(?:Căn cứ|Trên cơ sở|Để|Trong|Theo|Nhằm|Thực hiện|Sau khi|Đối với|Tùy theo|Tuỳ theo|Hằng năm|Hàng năm|"
    r"Định kỳ|Hằng quý|Hàng quý|Hằng tháng|Hàng tháng|"
    # a time before the subject: "Trước ngày 15/12/2026, các sở ... báo cáo ...", "Sau hội nghị, ..."
    r"Trước|Chậm nhất|Muộn nhất|Sau|Khi|Kể từ|"
    r"(?:Từ|Đến|Vào|Cuối|Đầu|Giữa)(?=\s+(?:ngày|tháng|quý|năm|nay|hết|dịp|\d)))\b"
)

# Directive verbs that put the units after them in charge ("Giao Sở X ...", "Đề nghị Ủy ban MTTQ ...").
DIRECTIVES = re.compile(
    r"(?:giao cho|giao|phân công cho|phân công|đề nghị|yêu cầu|chỉ đạo|ủy quyền cho|ủy quyền|uỷ quyền)\s+",
    re.IGNORECASE,
)

# Role words at the start of a unit's part.
LEAD_START = re.compile(r"(?:chủ trì|làm đầu mối|là cơ quan đầu mối|là đầu mối)\b", re.IGNORECASE)
SUPPORT_START = re.compile(r"phối hợp\b", re.IGNORECASE)
# Adverbials that may precede the role word ("chủ động phối hợp", "căn cứ chức năng, nhiệm vụ phối hợp").
ROLE_ADVERBIALS = re.compile(
    r"(?:(?:chủ động|tích cực|tiếp tục|thường xuyên|có trách nhiệm|chịu trách nhiệm|khẩn trương)\s+|"
    r"(?:c[ăầ]n cứ|theo|trong phạm vi)\s+(?:vào\s+)?chức năng,?\s+nhiệm vụ"
    r"(?:\s+(?:được giao|của (?:mình|ngành|đơn vị)|theo quy định(?: của pháp luật)?))?,?\s+|"
    # "Trong phạm vi, lĩnh vực quản lý của mình, ...", "Theo thẩm quyền được giao, ..."
    r"(?:trong phạm vi|theo|căn cứ|trên cơ sở)\b[^;:.]{0,80}?"
    r"(?:của mình|được giao|quản lý|thẩm quyền)\s*,\s*|"
    # "căn cứ kế hoạch này, khi có thông báo chủ động phối hợp ...": the plan itself, then when
    r"căn cứ (?:vào )?(?:kế hoạch|hướng dẫn|nội dung)(?: này)?\s*,?\s*|"
    r"khi có (?:thông báo|yêu cầu)\s*,?\s*)+",
    re.IGNORECASE,
)

# Sentences that are conditional complaints routes, not duties.
CONDITIONAL = re.compile(
    r"nếu có (?:khó khăn|vướng mắc|phát sinh)|khó khăn,? vướng mắc|phát sinh vướng mắc|"
    r"(?:^|(?<=[.;] ))Trên đây là|"
    # the closing of a notice: "Văn phòng Chính phủ thông báo để các cơ quan biết, thực hiện"
    r"\bthông báo (?:để|cho) (?:các )?(?:cơ quan|đơn vị|bộ|địa phương)[^.;]{0,80}\bbiết\b|"
    # a letter's thanks: "Bộ X trân trọng cảm ơn sự phối hợp của Quý Ủy ban"
    r"\b(?:trân trọng |xin )?cảm ơn\b",
    re.IGNORECASE,
)

PREDICATE_ONLY = re.compile(rf"(?:{alternation(PREDICATE_ONLY_WORDS)})(?![\wÀ-ỹ])")
# Case-sensitive: inside a name a capitalised "Thông tin" is a name word, a lower-case one a verb.
VERB_RE = re.compile(rf"(?:{alternation(VERBS)})(?![\wÀ-ỹ])")
VERB_RE_I = re.compile(rf"(?:{alternation(VERBS)})(?![\wÀ-ỹ])", re.IGNORECASE)

# Verbs that open a duty whatever follows ("tổ chức hội nghị ...", "xây dựng kế hoạch ..."): after a unit
# they start its predicate even past a stray comma, and words after a heading's units that open with one
# are a duty, not a description of the units.
DUTY_VERB = re.compile(
    r"(?:chủ trì|phối hợp|chỉ đạo|tham mưu|chịu trách nhiệm|có trách nhiệm|hướng dẫn|theo dõi|"
    r"tổ chức|triển khai|xây dựng|thực hiện|"
    # an adverbial before the duty: "Sở Tài chính, trên cơ sở đề xuất ..., chủ trì ..."
    r"căn cứ|trên cơ sở|theo chức năng|trong phạm vi)(?![\wÀ-ỹ])",
    re.IGNORECASE,
)
