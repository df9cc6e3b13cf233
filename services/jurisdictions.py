"""Provinces, districts and communes: found or created from how plans and units name them.

A plan belongs to the jurisdiction of its issuer ("UBND tỉnh Đồng Nai" -> province Đồng Nai; "Tỉnh ủy
Nghệ An" -> Nghệ An; "UBND xã Bình Lãng" -> commune Bình Lãng under the default province, since communes
rarely print their province). Units belong to one jurisdiction, so Sở Tài chính of Đồng Nai is not Sở Tài
chính of Hậu Giang.
"""

from __future__ import annotations

import re

from sqlmodel import Session, col, select

from parsing.vntext import collapse_ws, fold, nfc
from storage.enums import Level
from storage.models import Jurisdiction

# Centrally-run cities are provinces although they are written "thành phố" (NQ 202/2025/QH15).
CENTRAL_CITIES = ("ha noi", "ho chi minh", "hai phong", "da nang", "can tho", "hue")

_ISSUER_PLACE = re.compile(
    r"(?P<level>tinh uy|tinh|thanh pho|thi xa|huyen uy|huyen|quan|dang uy xa|xa|phuong|thi tran|dac khu)"
    r"\s(?P<place>[a-z0-9 ]+)$"
)
_PROVINCE_LEVEL_WORDS = {"tinh uy", "tinh"}
# Central bodies: their plans reach every province, so they are read in the bot's own province (the seat
# printed on the date line, "Hà Nội, ngày ...", is no jurisdiction).
_CENTRAL = re.compile(
    r"^(?:bo|thu tuong|chinh phu|quoc hoi|uy ban thuong vu quoc hoi|dang doan quoc hoi|"
    r"ban chap hanh trung uong|ban bi thu|bo chinh tri|van phong chinh phu|van phong trung uong|"
    r"ban chi dao quoc gia|trung uong)\b"
)
_DISTRICT_LEVEL_WORDS = {"huyen uy", "huyen", "quan", "thi xa"}


def find(session: Session, *, name: str, level: str, parent_id: int | None) -> Jurisdiction | None:
    statement = select(Jurisdiction).where(
        Jurisdiction.key == fold(name),
        Jurisdiction.level == level,
        Jurisdiction.parent_id == parent_id
        if parent_id is not None
        else col(Jurisdiction.parent_id).is_(None),
    )
    return session.exec(statement).first()


def ensure(session: Session, *, name: str, level: str, parent_id: int | None = None) -> Jurisdiction:
    """The jurisdiction of that name and level under that parent, created if new."""
    found = find(session, name=name, level=level, parent_id=parent_id)
    if found is not None:
        return found
    jurisdiction = Jurisdiction(name=_title(name), level=Level(level), parent_id=parent_id, key=fold(name))
    session.add(jurisdiction)
    session.flush()
    return jurisdiction


def ensure_province(session: Session, name: str) -> Jurisdiction:
    return ensure(session, name=name, level=Level.province)


def _title(name: str) -> str:
    """Display form: keep the document's spelling, but title-case an all-capitals header line."""
    name = collapse_ws(nfc(name))
    return name.title() if name.isupper() else name


def of_issuer(
    session: Session, *, issuer: str | None, place: str | None, default_province: str
) -> Jurisdiction:
    """The jurisdiction a plan's issuer governs (see module docstring). Falls back to the place line
    ("Đồng Nai, ngày ...") and then to the default province."""
    province = ensure_province(session, default_province)
    folded = fold(issuer or "")
    m = _ISSUER_PLACE.search(folded)
    if m is None:
        if _CENTRAL.match(folded):
            return province
        if place and fold(place) and not _ISSUER_PLACE.search(fold(place)):
            return ensure_province(session, _original_words(place, fold(place)))
        return province
    level_word, place_key = m.group("level"), m.group("place").strip()
    original = _original_words(issuer or "", place_key)
    if level_word in _PROVINCE_LEVEL_WORDS or (level_word == "thanh pho" and place_key in CENTRAL_CITIES):
        return ensure_province(session, original)
    if level_word in _DISTRICT_LEVEL_WORDS or level_word == "thanh pho":
        return ensure(session, name=original, level=Level.district, parent_id=province.id)
    return ensure(session, name=original, level=Level.commune, parent_id=province.id)


def _original_words(text: str, folded_tail: str) -> str:
    """The words of `text` whose folded form is `folded_tail`, in their original spelling (the last such
    run), so "UBND huyện Kỳ Sơn" names the district "Kỳ Sơn", not "Ky Son"."""
    words = collapse_ws(nfc(text)).split()
    count = len(folded_tail.split())
    for start in range(len(words) - count, -1, -1):
        run = " ".join(words[start : start + count])
        if count and fold(run) == folded_tail:
            return run
    return folded_tail.title()


original_spelling = _original_words


def children(session: Session, jurisdiction_id: int) -> list[Jurisdiction]:
    return list(session.exec(select(Jurisdiction).where(Jurisdiction.parent_id == jurisdiction_id)))


def ancestors(session: Session, jurisdiction: Jurisdiction) -> list[Jurisdiction]:
    """Parent, grandparent ... (nearest first)."""
    chain: list[Jurisdiction] = []
    current = jurisdiction
    while current.parent_id is not None:
        parent = session.get(Jurisdiction, current.parent_id)
        if parent is None:
            break
        chain.append(parent)
        current = parent
    return chain


def province_of(session: Session, jurisdiction: Jurisdiction) -> Jurisdiction:
    chain = [jurisdiction, *ancestors(session, jurisdiction)]
    return next((j for j in chain if j.level == Level.province), chain[-1])


def all_keys(session: Session) -> list[tuple[int, str, str]]:
    """(id, key, level) of every jurisdiction, for spotting a place named inside free text."""
    rows = session.exec(select(Jurisdiction.id, Jurisdiction.key, Jurisdiction.level))
    return [(int(i), k, lv) for i, k, lv in rows if i is not None]


def label(jurisdiction: Jurisdiction | None) -> str:
    if jurisdiction is None:
        return "-"
    prefix = {"province": "tỉnh", "district": "huyện", "commune": "xã"}.get(jurisdiction.level, "")
    if jurisdiction.level == Level.province and fold(jurisdiction.name) in CENTRAL_CITIES:
        prefix = "thành phố"
    return f"{prefix} {jurisdiction.name}".strip()


def province_id(session: Session, name: str | None) -> int | None:
    """The id of the province called `name` (the default province of the settings, usually): where
    an exact unit name found in several provinces is looked for first."""
    found = find(session, name=name, level=Level.province, parent_id=None) if name else None
    return found.id if found is not None else None


def jurisdiction_labels(session: Session, ids: set[int]) -> dict[int, str]:
    """id -> "tỉnh Đồng Nai" for the given jurisdictions: units are named with their province."""
    if not ids:
        return {}
    rows = session.exec(select(Jurisdiction).where(col(Jurisdiction.id).in_(sorted(ids)))).all()
    return {j.id: label(j) for j in rows if j.id is not None}
