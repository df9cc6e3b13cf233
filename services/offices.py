"""Offices held by people, as units of the directory: "Phó chủ tịch Thường trực — Ban Thường trực Ủy ban
MTTQ Việt Nam" in the commune of the plan that names it.

Front committees, party cells and election boards assign work to the person holding an office
("Đồng chí Phó chủ tịch Thường trực, phụ trách lĩnh vực ..."), not to a body. The office belongs to the
body that issued the plan: the same title in another body of the same commune is another office, so the
holder's body is part of its name. The plan's jurisdiction already says where, so the holder's place is
left out of the name, and the name is never read for a place (an office named "... phản biện xã hội" is
in no commune called "hội").
"""

from __future__ import annotations

import re

from sqlmodel import Session, select

from parsing.vntext import collapse_ws, fold, nfc
from services.unit_names import UnitKind
from storage.models import Unit

# the holder's place, said by the plan's jurisdiction: "... xã Lương Minh", "... tỉnh Đồng Nai"
_PLACE_TAIL = re.compile(
    r"\s+(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)"
    r"\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)*$"
)


def office_display(title: str, holder: str | None) -> str:
    """ "Phó chủ tịch Thường trực" of "Ban Thường trực Ủy ban MTTQ Việt Nam xã Lương Minh" ->
    "Phó chủ tịch Thường trực — Ban Thường trực Ủy ban MTTQ Việt Nam"."""
    title = collapse_ws(nfc(title))
    body = _PLACE_TAIL.sub("", collapse_ws(nfc(holder or ""))).strip()
    return f"{title} — {body}" if body else title


def ensure_office(
    session: Session, *, title: str, holder: str | None, jurisdiction_id: int
) -> tuple[Unit, bool]:
    """The directory's unit for an office in a jurisdiction, and whether it was created now."""
    name = office_display(title, holder)
    key = fold(name)
    unit = session.exec(select(Unit).where(Unit.jurisdiction_id == jurisdiction_id, Unit.key == key)).first()
    if unit is not None:
        return unit, False
    unit = Unit(name=name, kind=UnitKind.office, jurisdiction_id=jurisdiction_id, key=key)
    session.add(unit)
    session.flush()
    return unit, True
