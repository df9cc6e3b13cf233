"""Words that Vietnamese administrative documents use to name units, classes of units and duties.

These are generic patterns of the state and party apparatus (NĐ 30/2020, NĐ 24/2014 and the party's
own naming), never the units of one particular plan: the extractor must work on plans it has never seen.
Everything here is matched case-sensitively where case carries meaning (a unit name starts with a
capital; "tổ chức" lowercase is a verb or a kind of body, "Tổ chức" after a head is a name).
"""

from __future__ import annotations

import re

# Heads that start the proper name of one body ("Sở Tư pháp", "Ban Tuyên giáo Tỉnh ủy", "UBND huyện X").
# Longest first so "Ủy ban Mặt trận Tổ quốc" wins over "Ủy ban".
NAMED_HEADS: tuple[str, ...] = (
    # central bodies of the Front and its member organisations ("Trung ương Hội Cựu chiến binh Việt Nam")
    "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
    "Ủy ban Trung ương MTTQ Việt Nam",
    "Trung ương Hội",
    "Trung ương Đoàn",
    # the National Assembly and its bodies (Luật Tổ chức Quốc hội), and the party's cells inside them
    "Ủy ban Thường vụ Quốc hội",
    "Uỷ ban Thường vụ Quốc hội",
    "UBTVQH",
    "Văn phòng Quốc hội",
    "Hội đồng Dân tộc",
    "Thường trực",
    "Tổ đảng",
    # the teams a plan or a decision sets up ("Tổ công tác liên ngành", "Tổ tiếp công dân, xử lý ...")
    "Tổ công tác",
    "Tổ giúp việc",
    "Tổ thư ký",
    "Tổ biên tập",
    "Tổ tiếp công dân",
    "Tổ kiểm tra",
    "Tổ thẩm định",
    "Chi bộ",
    # the commune party committee's building board (2025): "xây dựng" here is a name, not a verb
    "Ban Xây dựng Đảng",
    "Ban xây dựng Đảng",
    "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "Ủy ban Mặt trận Tổ quốc",
    "Uỷ ban Mặt trận Tổ quốc",
    "Ủy ban MTTQ Việt Nam",
    "Ủy ban MTTQ VN",
    "Ủy ban MTTQ",
    "Mặt trận Tổ quốc Việt Nam",
    "Mặt trận Tổ quốc",
    "UBMTTQVN",
    "UBMTTQ",
    "MTTQ",
    "Ủy ban nhân dân",
    "Uỷ ban nhân dân",
    "Ủy ban Kiểm tra",
    "Uỷ ban Kiểm tra",
    "UBND",
    "Hội đồng nhân dân",
    "HĐND",
    "Liên hiệp các tổ chức hữu nghị",
    "Liên hiệp các Tổ chức hữu nghị",
    "Liên hiệp các Tổ chức Hữu nghị",
    "LHCTCHN",
    "Liên đoàn Lao động",
    "Liên đoàn Thương mại và Công nghiệp Việt Nam",
    "Báo và Phát thanh, Truyền hình",
    "Báo và Phát thanh - Truyền hình",
    "Báo và Phát thanh – Truyền hình",
    "Báo và Phát thanh Truyền hình",
    "Báo và Phát thanh, truyền hình",
    "Báo và phát thanh, truyền hình",
    "Báo và phát thanh - truyền hình",
    "Ban Quản lý các khu công nghệ cao và khu công nghiệp",
    "Ban Quản lý các Khu công nghệ cao và Khu công nghiệp",
    "Ban Quản lý các khu chế xuất và công nghiệp",
    "Ban Quản lý các Khu chế xuất và công nghiệp",
    "Ban Quản lý các khu kinh tế",
    "Ban Quản lý Khu kinh tế",
    "Ban Quản lý khu kinh tế",
    "Đài Phát thanh và Truyền hình",
    "Đài Phát thanh - Truyền hình",
    "Đài PT-TH",
    "Đài PT&TH",
    "Đài PTTH",
    "Ban Quản lý các khu công nghiệp",
    "Ban Quản lý các Khu công nghiệp",
    "Ban Quản lý Khu kinh tế",
    "Bưu điện",
    "Bộ Chỉ huy Quân sự",
    "Bộ Chỉ huy Bộ đội Biên phòng",
    "Bộ Chỉ huy BĐBP",
    "Bộ CHQS",
    "Ban cán sự đảng",
    "Ban Cán sự đảng",
    "Ban Thường vụ",
    "Văn phòng HĐND và UBND",
    "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân",
    "Văn phòng Đoàn ĐBQH và HĐND",
    "Văn phòng",
    "Công an",
    "Tỉnh đoàn",
    "Thành đoàn",
    "Huyện đoàn",
    "Tỉnh ủy",
    "Tỉnh uỷ",
    "Thành ủy",
    "Huyện ủy",
    "Thị ủy",
    "Đảng ủy",
    "Đảng đoàn",
    "Đoàn Thanh niên",
    "Đoàn TNCS",
    "Đoàn đại biểu Quốc hội",
    "Kho bạc Nhà nước",
    "Ngân hàng Nhà nước",
    "Bảo hiểm xã hội",
    # the provincial statistics office after 2025 (NĐ 01/2025 dropped "Cục"); "thống kê" alone is a verb
    "Thống kê tỉnh",
    "Thống kê thành phố",
    "BHXH",
    "Thanh tra",
    "Chi cục",
    "Cục",
    "Vụ",  # a ministry's department ("Vụ Pháp chế", "Vụ Hợp tác quốc tế")
    "Sở",
    "Ban",
    "Báo",
    "Bộ",
    "Hội",
    "Phòng",
    "Trung tâm",
    "Trường",
    "Bệnh viện",
    # a commune's stations and a district's field offices ("Trạm Y tế xã", "Trạm Khuyến nông")
    "Trạm",
    "Viện",
    "Tòa án",
    "Tổng công ty",
    "Công ty",
    "Cổng Thông tin",
    "Cổng thông tin",
    # bodies of the state and the Front named since 2025 or often missed: each takes a proper name
    "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân",
    "Văn phòng Đoàn ĐBQH và HĐND",
    "Liên hiệp các Hội Khoa học và Kỹ thuật",
    "Liên hiệp các hội Khoa học và Kỹ thuật",
    "Liên minh Hợp tác xã",
    "Liên minh",
    "Liên hiệp",
    "Hiệp hội",
    "Chi nhánh",
    "Đài Tiếng nói Việt Nam",
    "Đài Truyền hình Việt Nam",
    "Đài",
    "Thông tấn xã Việt Nam",
    "Thông tấn xã",
    # the national press agencies as national plans' tables abbreviate them
    "TTXVN",
    "VTV",
    "VOV",
    "Kiểm toán Nhà nước",
    "Kiểm toán nhà nước",
    "Viện Kiểm sát nhân dân",
    "Viện kiểm sát nhân dân",
    "Tòa án nhân dân",
    "Toà án nhân dân",
    "Hải quan",
    "Thuế",
    "Học viện",
    "Đại học",
    "Nhà xuất bản",
    "Tạp chí",
    "Quỹ",
    "Bộ Tư lệnh",
    "Bộ đội Biên phòng",
    "Cảnh sát",
    "Ngân hàng",
    "Hội đồng",
    "Ủy ban",
    "Uỷ ban",
)

# Heads after which a capitalised name is required ("Sở Y tế"), else the word is a kind ("các Sở, Ban").
HEADS_NEEDING_NAME = frozenset(
    [
        "Sở",
        "Ban",
        "Báo",
        "Bộ",
        "Hội",
        "Phòng",
        "Trung tâm",
        "Trường",
        "Bệnh viện",
        "Trạm",
        "Viện",
        "Cục",
        "Chi cục",
        "Vụ",
        "Công ty",
        "Tổng công ty",
        "Văn phòng",
        "Thanh tra",
        "Công an",
        "Tòa án",
        "Liên minh",
        "Liên hiệp",
        "Hiệp hội",
        "Chi nhánh",
        "Đài",
        "Thông tấn xã",
        "Hải quan",
        "Thuế",
        "Học viện",
        "Đại học",
        "Nhà xuất bản",
        "Tạp chí",
        "Quỹ",
        "Cảnh sát",
        "Ngân hàng",
        "Hội đồng",
        "Ủy ban",
        "Uỷ ban",
        "Trung ương Hội",
        "Thường trực",
        "Tổ đảng",
        "Chi bộ",
    ]
)

# Heads that may stand alone or take a locality ("Công an tỉnh", "UBND tỉnh", "Tỉnh đoàn").
LOCALITY_WORDS = ("tỉnh", "huyện", "thị xã", "thành phố", "quận", "xã", "phường", "thị trấn", "TP.", "TP")

# Nouns that are not units although they start like one.
NOT_UNITS = re.compile(
    r"(?:Hội (?:nghị|thảo|chợ|thi|diễn|báo|đàm)|Ban hành|Bộ (?:máy|phận|luật|tiêu chí|đội)|Báo cáo|"
    r"Phòng (?:chống|ngừa)|Trung tâm (?:của|hành)|Văn phòng phẩm|Cục diện|[Tt]rường hợp)\b"
)

# Person titles printed before a unit ("Giám đốc, Thủ trưởng các sở", "Chủ tịch UBND các huyện").
TITLES = re.compile(
    r"(?:(?:Bộ trưởng|Thứ trưởng|Tổng Giám đốc|Phó Giám đốc|Giám đốc|Thủ trưởng|Chủ tịch|Phó Chủ tịch|"
    r"Chủ nhiệm|Trưởng ban|Phó Trưởng ban|Trưởng|Chánh|Người đứng đầu|người đứng đầu|Bí thư|Phó Bí thư|"
    r"Tổng Biên tập|Tư lệnh|Chính ủy|Chính uỷ|Chỉ huy trưởng|Cục trưởng|Chi cục trưởng|Viện trưởng|"
    r"Hiệu trưởng|Ủy viên|Uỷ viên|Tổ trưởng|Lãnh đạo|Trưởng Đoàn|Trưởng đoàn)"
    r"(?:\s*,\s*|\s+và\s+|\s+))+",
    re.IGNORECASE,
)

# Determiners that open a class of units.
DETERMINER = re.compile(r"(?:tất cả các|toàn thể các|mọi|các|những)\s+", re.IGNORECASE)

# Kinds of bodies listed in a class ("các sở, ban, ngành, đoàn thể"): lower-case nouns.
KINDS: tuple[str, ...] = (
    "tổ chức chính trị - xã hội",
    "tổ chức chính trị-xã hội",
    "tổ chức chính trị xã hội",
    "tổ chức đoàn thể chính trị - xã hội",
    "đoàn thể chính trị - xã hội",
    "tổ chức CT-XH",
    "tổ chức cơ sở đảng",
    "tổ chức đảng",
    "tổ chức",
    "ban xây dựng Đảng",
    "ban xây dựng đảng",
    "ban đảng",
    "cơ quan báo chí",
    "cơ quan thông tin đại chúng",
    "phương tiện thông tin đại chúng",
    # a party committee's advisory bodies ("các cơ quan chuyên trách tham mưu, giúp việc Tỉnh ủy"): the
    # words "tham mưu" are the kind's name here, not its predicate
    "cơ quan chuyên trách tham mưu, giúp việc",
    "cơ quan tham mưu, giúp việc",
    "cơ quan chuyên môn",
    "cơ quan ngang bộ",
    "cơ quan thuộc Chính phủ",
    "cơ quan",
    "đơn vị sự nghiệp",
    "đơn vị",
    "địa phương",
    "sở",
    "ban",
    "ngành",
    "bộ",
    "đoàn thể",
    "hội",
    "huyện",
    "tỉnh",
    "quân khu",
    "tiểu ban",
    "tổ công tác",
    "đội",
    "đại biểu Quốc hội",
    "đại biểu Hội đồng nhân dân",
    "đại biểu HĐND",
    "đại biểu",
    "thị xã",
    "thành phố",
    "quận",
    "xã",
    "phường",
    "thị trấn",
    "đặc khu",
    "cấp ủy đảng",
    "cấp ủy",
    "cấp uỷ",
    "chính quyền",
    "cán bộ",
    "công chức",
    "viên chức",
    "chuyên viên",
    "người lao động",
    "đảng viên",
    "đảng đoàn",
    "đảng ủy",
    "ban cán sự đảng",
    "huyện ủy",
    "thành ủy",
    "thị ủy",
    "thành",
    "doanh nghiệp",
    "trường",
    "phòng",
    "chi bộ",
    "chi, đảng bộ",
    "chi bộ, đảng bộ",
    "đảng bộ",
    "chủ đầu tư",
    "ban quản lý dự án",
    "bệnh viện",
    "cơ sở y tế",
    "trạm y tế",
    "lực lượng",
    "cá nhân",
    "thôn",
    "tổ dân phố",
    "khu phố",
    "ấp",
    "bản",
    "khóm",
    "nhà đầu tư",
    "nhà cung cấp",
    "cộng đồng",
    "thành viên",
    "hợp tác xã",
    "cơ quan thông tấn",
    "cơ quan ngành dọc",
    "hệ thống truyền thanh",
    "cơ sở đào tạo",
    "cơ sở giáo dục",
    "báo",
    "đài",
)

# Kinds that open a class even without a determiner ("Doanh nghiệp viễn thông bảo đảm ...", "cơ quan
# thông tấn báo chí và ..."): nouns that cannot start a predicate. Generic ones ("tổ chức", "cơ quan")
# need a determiner, since "Tổ chức tuyên truyền" is a duty.
BARE_CLASS = re.compile(
    r"(?:[Dd]oanh nghiệp|[Nn]hà đầu tư|[Nn]hà cung cấp|[Hh]ợp tác xã|"
    r"[Cc]ơ quan (?:thông tấn|báo chí|ngành dọc)|"
    r"[Hh]ệ thống truyền thanh|[Cc]ơ sở (?:đào tạo|giáo dục|y tế)|[Tt]ổ chức chính trị\s*-\s*xã hội|"
    r"[Đđ]oàn thể|[Bb]áo, đài)(?![\wÀ-ỹ])"
)

# A class named without a determiner ("Cấp ủy, chính quyền các cấp", "Sở, ban, ngành").
CLASS_STARTS = re.compile(
    r"(?:Cấp ủy|Cấp uỷ|cấp ủy|cấp uỷ|Chính quyền các cấp|chính quyền các cấp|Các cấp|các cấp)\b"
)

# Qualifiers that may close a class or a name.
QUALIFIERS = re.compile(
    # levels: "(báo chí) Trung ương, địa phương, quân đội", "Trung ương và địa phương"
    r"(?:[Tt]rung ương(?:\s*(?:,|và)\s*(?:địa phương|quân đội|cơ sở))*(?![\wÀ-ỹ])|"
    r"có liên quan|liên quan|hữu quan|chức năng|các cấp|cấp (?:tỉnh|huyện|xã|cơ sở|trên|dưới)|"
    r"trên địa bàn(?: (?:tỉnh|huyện|xã|thành phố|thị xã))?|"
    r"thuộc (?:(?:UBND|Ủy ban nhân dân|HĐND|Tỉnh ủy|Huyện ủy) )?(?:tỉnh|huyện|xã|thị xã|thành phố)|"
    r"trực thuộc(?: (?:tỉnh|Tỉnh ủy|UBND tỉnh))?|(?:của )?(?:Tỉnh|Thành|Huyện|Thị|Đảng) (?:ủy|uỷ)|"
    r"của (?:tỉnh|thành phố|huyện|thị xã|xã|phường|[Tt]rung ương)|"
    r"thành viên|tỉnh|huyện|xã|thị xã|thành phố|Thành phố|Thủ đô|phường|"
    r"ở (?:tỉnh|huyện|xã))\b"
)

# A class qualified only by these names nobody: "các cơ quan liên quan", "các cơ quan chức năng".
CATCH_ALL_TAIL = re.compile(r"(?:có\s+)?(?:liên|hữu)\s+quan$|chức\s+năng$|khác$")

# Kinds that say nothing of which bodies are meant: a class of only these, narrowed by "liên quan", is a
# catch-all ("các cơ quan, đơn vị, tổ chức có liên quan").
GENERIC_KINDS = frozenset(
    [
        "cơ quan",
        "đơn vị",
        "tổ chức",
        "đoàn thể",
        "cá nhân",
        "lực lượng",
        "địa phương",
        "cán bộ",
        "công chức",
        "viên chức",
    ]
)

# Lower-case words that never continue a unit's name ("Ban Thường vụ Tỉnh ủy kết quả ...").
NAME_STOPS = re.compile(
    r"(?:kết quả|tình hình|trước|sau|của|ngày|việc|những|nội dung|kế hoạch|báo cáo|số liệu|văn bản|hồ sơ|"
    r"dự thảo|thông qua|qua|đối với|năm|tháng|quý|và các|hoặc|hay|bằng|từ|đến|cho|như|gồm|bao gồm|"
    r"trực tiếp|ban hành|chỉ đạo|chậm nhất|hoàn thành|trước|trong)(?![\wÀ-ỹ])"
)
# Lower-case locality words: a name that reached one ends there unless a proper name follows.
LOCALITY_END = re.compile(r"(?:tỉnh|huyện|xã|thị xã|thành phố|phường|thị trấn|quận|đặc khu)$")
# Lower-case syllables of standard names that are also verbs ("Bộ Ngoại giao").
NAME_SYLLABLES = re.compile(r"(?<=Ngoại )giao(?![\wÀ-ỹ])")


def alternation(words: tuple[str, ...]) -> str:
    """A regex alternation of the words, longest first (so "Ủy ban Mặt trận Tổ quốc" wins over "Ủy ban")."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


NAMED_HEAD_RE = re.compile(rf"(?:{alternation(NAMED_HEADS)})(?![\wÀ-ỹ])")
KIND_RE = re.compile(rf"(?:{alternation(KINDS)})(?![\wÀ-ỹ])", re.IGNORECASE)
