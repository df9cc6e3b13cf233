"""How a unit's name becomes a matching key, and what kind of body a name denotes. Pure text, no database.

Documents and officers write the same unit many ways: "Sở Văn hóa, Thể thao và Du lịch tỉnh Đồng Nai",
"Sở VH,TT&DL", "Sở VHTTDL", "so van hoa the thao du lich", NFD or NFC. `name_key` turns all of them into
one key: folded (no diacritics, lower case), standard administrative abbreviations expanded, "và" and
"Việt Nam" dropped, the province ("tỉnh", "tỉnh Đồng Nai", "cấp tỉnh") stripped. The province is not part
of the key: it is the unit's jurisdiction (`services.jurisdictions`).

The abbreviation table holds the standard abbreviations of Vietnamese administrative writing (NĐ 30/2020
practice), not the names of particular plans' units; unknown abbreviations fall back to matching by the
initials of a name's syllables (`initials`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from parsing.vntext import fold, nfc


class UnitKind(StrEnum):
    """What kind of body a unit is; classes of units ("các sở, ban, ngành") select members by kind."""

    so = "so"  # Sở (provincial department)
    ubnd = "ubnd"  # Ủy ban nhân dân (people's committee) of a province, district or commune
    hdnd = "hdnd"  # Hội đồng nhân dân
    ban = "ban"  # Ban (of the government: Ban Dân tộc, Ban Quản lý ...)
    nganh = "nganh"  # sectoral bodies: Cục Thuế, Kho bạc, Chi cục, Trung tâm ...
    van_phong = "van_phong"  # Văn phòng UBND / Văn phòng HĐND
    cong_an = "cong_an"
    quan_su = "quan_su"  # Bộ Chỉ huy Quân sự, Bộ đội Biên phòng
    mttq = "mttq"  # Ủy ban Mặt trận Tổ quốc
    doan_the = "doan_the"  # socio-political organisations: Đoàn TN, Hội LHPN, Hội Nông dân, Hội CCB, LĐLĐ
    hoi = "hoi"  # other associations (Liên hiệp các tổ chức hữu nghị, Hội Luật gia ...)
    dang = "dang"  # party bodies: Tỉnh ủy, Huyện ủy, Đảng ủy, Ban cán sự đảng, Ban Tuyên giáo ...
    bao_chi = "bao_chi"  # newspapers and magazines
    dai = "dai"  # broadcasters (Đài Phát thanh và Truyền hình)
    office = "office"  # an office held by a person ("Phó chủ tịch Thường trực — Ban Thường trực ...")
    other = "other"


# Standard abbreviations (folded) -> folded expansion. Department prefixes like "S" in "SNgV" are handled
# by `_expand_token` from `_DEPARTMENT_ABBREVIATIONS`.
_DEPARTMENT_ABBREVIATIONS: dict[str, str] = {
    "ngv": "ngoai vu",
    "tc": "tai chinh",
    "nv": "noi vu",
    "tp": "tu phap",
    "yt": "y te",
    "xd": "xay dung",
    "ct": "cong thuong",
    "gddt": "giao duc va dao tao",
    "khdt": "ke hoach va dau tu",
    "tttt": "thong tin va truyen thong",
    "vhttdl": "van hoa the thao va du lich",
    "vhtt": "van hoa va thong tin",
    "khcn": "khoa hoc va cong nghe",
    "tnmt": "tai nguyen va moi truong",
    "nnptnt": "nong nghiep va phat trien nong thon",
    "nnmt": "nong nghiep va moi truong",
    "gtvt": "giao thong van tai",
    "ldtbxh": "lao dong thuong binh va xa hoi",
    "dtts": "dan toc thieu so",
}
ABBREVIATIONS: dict[str, str] = {
    **_DEPARTMENT_ABBREVIATIONS,
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "ubmttq": "uy ban mat tran to quoc",
    "mttq": "mat tran to quoc",
    "ubmttqvn": "uy ban mat tran to quoc",
    "mttqvn": "mat tran to quoc",
    "ptth": "phat thanh va truyen hinh",
    "ptnt": "phat trien nong thon",
    "pt": "phat thanh",
    "lhctchn": "lien hiep cac to chuc huu nghi",
    "bcsd": "ban can su dang",
    "btv": "ban thuong vu",
    "bchqs": "bo chi huy quan su",
    "bdbp": "bo doi bien phong",
    "ca": "cong an",
    "lhpn": "lien hiep phu nu",
    "hlhpn": "hoi lien hiep phu nu",
    "ccb": "cuu chien binh",
    "tncs": "thanh nien cong san",
    "tn": "thanh nien",
    "ldld": "lien doan lao dong",
    "vp": "van phong",
    "kt xh": "kinh te xa hoi",
    "ktxh": "kinh te xa hoi",
    "tw": "trung uong",
    "ubkt": "uy ban kiem tra",
    "qlda": "quan ly du an",
    "bql": "ban quan ly",
    "khu cn": "khu cong nghiep",
}

# "TT&TT", "VH,TT&DL", "PT-TH", "KH & ĐT", "LĐ-TB&XH": uppercase pieces (a capital optionally followed by
# one lower-case letter, as in "SNgV") joined by & , - / ; joined into one token before folding.
_PIECE = r"(?:[A-ZĐ][a-zđ]?){2,}|[A-ZĐ]"
_COMPOUND = re.compile(rf"(?<![\wÀ-ỹ])(?:{_PIECE})(?:\s?[&,\-/]\s?(?:{_PIECE}))+(?![\wÀ-ỹ])")
_SEPARATORS = re.compile(r"[\s&,\-/]+")

# Level words that put a place under the unit's jurisdiction ("UBND huyện Kỳ Sơn").
SUB_LEVELS: dict[str, str] = {
    "huyen": "district",
    "thi xa": "district",
    "thanh pho": "district",
    "quan": "district",
    "xa": "commune",
    "phuong": "commune",
    "thi tran": "commune",
    "dac khu": "commune",
}
_LEVEL_WORD = re.compile(r"\s(?P<level>thi xa|thanh pho|thi tran|dac khu|huyen|quan|xa|phuong)\s(?=\S)")
# "tỉnh" at the end (not "tỉnh ủy", "tỉnh đoàn", "tỉnh hội": those are names), with or without a province.
_TRAILING_PROVINCE = re.compile(r"\s(?:cap\s)?tinh(?:\s(?!uy\b|doan\b|hoi\b)(?P<place>[a-z0-9 ]+))?$")
_DROP_WORDS = re.compile(r"\b(?:viet nam|va)\b")
_SPACES = re.compile(r"\s+")


def _join_compounds(text: str) -> str:
    return _COMPOUND.sub(lambda m: _SEPARATORS.sub("", m.group(0)), text)


def _expand_token(token: str) -> str:
    if token in ABBREVIATIONS:
        return ABBREVIATIONS[token]
    # "SNgV", "STC", "SKHDT": a department abbreviation with the "S" of "Sở".
    if len(token) > 2 and token[0] == "s" and token[1:] in _DEPARTMENT_ABBREVIATIONS:
        return "so " + _DEPARTMENT_ABBREVIATIONS[token[1:]]
    return token


def expand(text: str) -> str:
    """NFC -> compounds joined -> folded -> abbreviations expanded (still with "và" and places)."""
    folded = fold(_join_compounds(nfc(text or "")))
    return " ".join(_expand_token(tok) for tok in folded.split())


def _tidy(key: str) -> str:
    key = _SPACES.sub(" ", _DROP_WORDS.sub(" ", key)).strip()
    # "Mặt trận Tổ quốc tỉnh" and "Ủy ban Mặt trận Tổ quốc tỉnh" are the same body.
    if key.startswith("mat tran to quoc"):
        key = "uy ban " + key
    return key


@dataclass(frozen=True, slots=True)
class NameParts:
    """A unit name taken apart: its key, a sub-jurisdiction it names, a province it names."""

    key: str
    sub_level: str | None = None  # "district" / "commune" when the name ends "huyện X", "xã X" ...
    sub_place: str | None = None  # folded place name of that sub-jurisdiction
    province: str | None = None  # folded province named after "tỉnh" (None if absent or bare "tỉnh")
    says_province: bool = False  # the name says "tỉnh" (e.g. "Văn phòng UBND tỉnh")


def split_name(name: str, *, places: tuple[str, ...] = ()) -> NameParts:
    """Take a unit name apart. `places` are folded jurisdiction names to strip from the end
    ("Báo Đồng Nai" in Đồng Nai -> key "bao"; "Đài PT-TH Đồng Nai" -> "dai phat thanh truyen hinh")."""
    key = _DROP_WORDS.sub(" ", expand(name))
    key = _SPACES.sub(" ", key).strip()
    province: str | None = None
    says_province = False
    m = _TRAILING_PROVINCE.search(key)
    if m:
        says_province = True
        province = (m.group("place") or "").strip() or None
        key = key[: m.start()].strip()
    for place in sorted(places, key=len, reverse=True):
        if place and key.endswith(" " + place) and key != place:
            province = province or place
            key = key[: -len(place) - 1].strip()
            break
    for level in _LEVEL_WORD.finditer(key):
        head, place = key[: level.start()], key[level.end() :].strip()
        # Only bodies that exist below the province take a place ("Sở ... xã hội" is not a commune).
        if kind_of(_tidy(head)) not in SUB_LEVEL_KINDS:
            continue
        if place in places:  # "UBND xã Bình Lãng" in Bình Lãng's own plan: the base jurisdiction itself
            return NameParts(key=_tidy(head), province=province, says_province=says_province)
        return NameParts(
            key=_tidy(head),
            sub_level=SUB_LEVELS[level.group("level")],
            sub_place=place,
            province=province,
            says_province=says_province,
        )
    return NameParts(key=_tidy(key), province=province, says_province=says_province)


def name_key(name: str, *, places: tuple[str, ...] = ()) -> str:
    """The matching key of a unit name (see module docstring)."""
    return split_name(name, places=places).key


# Kind rules on the key, first match wins. Party bodies first: "Ban cán sự đảng UBND tỉnh" is a party body.
_KIND_RULES: tuple[tuple[re.Pattern[str], UnitKind], ...] = tuple(
    (re.compile(pattern), kind)
    for pattern, kind in (
        (
            r"\bdang\b|\b(?:tinh|huyen|thi|thanh|quan|xa|phuong) uy\b|^ban (?:tuyen giao|dan van"
            r"|to chuc|noi chinh)"
            r"|^ban thuong vu|^uy ban kiem tra",
            UnitKind.dang,
        ),
        (r"^uy ban mat tran|^mat tran", UnitKind.mttq),
        (r"^hoi dong nhan dan", UnitKind.hdnd),
        (r"^uy ban nhan dan", UnitKind.ubnd),
        (r"^van phong", UnitKind.van_phong),
        (r"^so\b", UnitKind.so),
        (r"^cong an", UnitKind.cong_an),
        (r"quan su|bien phong|quan khu", UnitKind.quan_su),
        (
            r"^(?:tinh |huyen )?doan (?:thanh nien|tncs)|^(?:tinh |huyen )?doan$"
            r"|^hoi (?:lien hiep phu nu|nong dan"
            r"|cuu chien binh)|^lien doan lao dong|^cong doan",
            UnitKind.doan_the,
        ),
        (r"^dai (?:phat thanh|truyen hinh)|^dai$", UnitKind.dai),
        (r"^bao\b|^tap chi|^thong tan xa", UnitKind.bao_chi),
        (r"^ban\b", UnitKind.ban),
        (r"^hoi\b|^lien hiep", UnitKind.hoi),
        (
            r"^(?:cuc|chi cuc|kho bac|trung tam|truong|benh vien|tram|thanh tra|vien|ngan hang|bao hiem"
            r"|toa an|vien kiem sat|khu|cang|cong ty)\b",
            UnitKind.nganh,
        ),
    )
)


def kind_of(key: str) -> UnitKind:
    """What kind of body a key names (see `UnitKind`)."""
    for pattern, kind in _KIND_RULES:
        if pattern.search(key):
            return kind
    return UnitKind.other


SUB_LEVEL_KINDS = frozenset(
    {
        UnitKind.ubnd,
        UnitKind.hdnd,
        UnitKind.dang,
        UnitKind.van_phong,
        UnitKind.cong_an,
        UnitKind.quan_su,
        UnitKind.mttq,
        UnitKind.doan_the,
        UnitKind.dai,
    }
)


def initials(key: str) -> str:
    """First letters of syllables ("van hoa the thao du lich" -> "vhttdl"), for unknown abbreviations."""
    return "".join(word[0] for word in key.split() if word)
