"""Where a plan's names land: each unit text of a plan becomes a directory unit of the plan's
jurisdiction (a new one when the directory lacks it), a class of units ("các sở, ban, ngành"), or
nothing (a doubt for the admin); each deadline's recipient ("gửi Sở Kế hoạch và Đầu tư") the unit
that receives its reports. The same rules match stored recipients again when the directory changes
(`reresolve_recipients`)."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select

from parsing.unit_mentions import parse_unit_list
from parsing.unit_positions import office_title
from parsing.vntext import collapse_ws, fold, nfc
from services.import_result import ImportResult
from services.occurrences import drop_unowed_occurrences
from services.offices import ensure_office
from services.unit_changes import ensure_unit
from services.unit_classes import classify_group
from services.unit_names import split_name
from services.units import follow_successor, resolve_unit, unit_places
from storage.enums import Level
from storage.models import Deadline, Jurisdiction, Plan, Unit, UnitAlias

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Placed:
    unit_id: int | None
    group_key: str | None
    flagged: bool  # unit dissolved with no successor, or a name that reaches nobody


class Placer:
    """Turns a unit text into a unit or a class of units of the plan's jurisdiction, noting what it did.

    Plans name the same units over and over: the units of the plan's jurisdiction are loaded once and
    each distinct text is placed once, so a plan costs a handful of queries, not several per duty."""

    def __init__(
        self, session: Session, *, jurisdiction: Jurisdiction, result: ImportResult, issuer: str | None = None
    ) -> None:
        assert jurisdiction.id is not None
        self.session = session
        self.issuer = issuer  # whose offices the plan's "Đồng chí Phó Chủ tịch ..." are
        self.jurisdiction_id: int = jurisdiction.id
        self.is_province = jurisdiction.level == Level.province
        self.result = result
        self.places = unit_places(session, jurisdiction)
        self.known: dict[str, Unit] = {}
        for unit in session.exec(select(Unit).where(Unit.jurisdiction_id == jurisdiction.id)):
            self.known[unit.key] = unit
        for alias, unit in session.exec(
            select(UnitAlias, Unit)
            .join(Unit, col(Unit.id) == col(UnitAlias.unit_id))
            .where(Unit.jurisdiction_id == jurisdiction.id)
        ):
            self.known.setdefault(alias.key, unit)
        # Units of the jurisdictions right below ("UBND huyện Kỳ Sơn"), by (level, place key, unit key).
        self.below: dict[tuple[str, str, str], Unit] = {}
        for unit, place_key, level in session.exec(
            select(Unit, Jurisdiction.key, Jurisdiction.level)
            .join(Jurisdiction, col(Jurisdiction.id) == col(Unit.jurisdiction_id))
            .where(Jurisdiction.parent_id == jurisdiction.id)
        ):
            self.below[(level, place_key, unit.key)] = unit
        self.placed: dict[tuple[str, bool], Placed] = {}
        self.recipients: dict[str, int | None] = {}

    def place(self, text: str, *, group_hint: bool) -> Placed:
        text = collapse_ws(nfc(text))
        if not group_hint and (title := office_title(text)):
            return self._place_office(title)
        cached = self.placed.get((text, group_hint))
        if cached is None:
            cached = self.placed[(text, group_hint)] = self._place(text, group_hint=group_hint)
        return cached

    def _place(self, text: str, *, group_hint: bool) -> Placed:
        folded = fold(text)
        group_key = classify_group(text)
        if group_key is not None and (group_hint or " cac " in f" {folded} "):
            return Placed(None, group_key, False)
        if group_hint or not folded or folded.startswith("cac "):
            self._note(self.result.unplaced, text)
            return Placed(None, None, True)
        unit, key = self._lookup(text)
        if unit is None:
            try:
                unit = ensure_unit(self.session, name=text, jurisdiction_id=self.jurisdiction_id)
            except ValueError:
                self._note(self.result.unplaced, text)
                return Placed(None, None, True)
            self._note(self.result.new_units, unit.name)
            self.recipients.clear()  # a name that matched nothing may match the new unit
            if key is not None:
                self.known[key] = unit
        current = unit if unit.successor_id is None else follow_successor(self.session, unit=unit)
        if current.needs_review:
            self._note(self.result.flagged, text)
        return Placed(unit.id, None, current.needs_review)

    def _place_office(self, title: str) -> Placed:
        """An office held by a person, the issuer's (services.offices)."""
        cached = self.placed.get((f"office:{title}", False))
        if cached is None:
            unit, created = ensure_office(
                self.session, title=title, holder=self.issuer, jurisdiction_id=self.jurisdiction_id
            )
            if created:
                self._note(self.result.new_units, unit.name)
            cached = self.placed[(f"office:{title}", False)] = Placed(unit.id, None, False)
        return cached

    def _lookup(self, text: str) -> tuple[Unit | None, str | None]:
        """The directory's unit for a name (never creating one) and, when the name places it in the
        plan's own jurisdiction, the key it is known by there (where a new unit would be cached)."""
        parts = split_name(text, places=self.places)
        in_base = (
            not parts.sub_level
            and parts.province in (None, *self.places)
            and (self.is_province or not parts.says_province)
        )
        key = parts.key if in_base else None
        unit = self.known.get(parts.key) if in_base else None
        if unit is None and parts.sub_level and parts.sub_place and parts.province in (None, *self.places):
            unit = self.below.get((parts.sub_level, parts.sub_place, parts.key))
        if unit is None:
            unit = resolve_unit(self.session, name=text, jurisdiction_id=self.jurisdiction_id)
            if unit is not None and key is not None:
                self.known[key] = unit
        return unit, key

    def recipient(self, text: str | None, source: str) -> int | None:
        """The directory unit that receives a deadline's reports, or None (no recipient, a body outside
        the directory such as a ministry, or a class). Matched as party names are, never created: a
        plan naming "Bộ Ngoại giao" as the recipient does not put a ministry in the province.

        "UBND tỉnh (qua Sở Ngoại vụ)", "báo cáo UBND tỉnh (qua Sở Kế hoạch và Đầu tư tổng hợp)": the
        unit kept is the one the reports pass through, Sở X, not the nominal addressee. Sở X is the
        desk that actually receives the units' reports and compiles them into the report UBND tỉnh
        signs, and it is the one a class party reaches ("các sở, ban, ngành" includes Sở X; it never
        includes UBND tỉnh, which usually issued the plan). Telling Sở X to send its report "qua Sở X"
        is the absurdity to avoid; it owes the compiled report through its own duty in the plan
        ("Sở X tổng hợp, báo cáo UBND tỉnh"), which names it explicitly and so still reaches it. When
        the channel is not in the directory ("Công an tỉnh (qua Phòng Tham mưu)"), the addressee
        (Công an tỉnh) is the recipient. Among several recipients ("Bộ Ngoại giao; Ban Thường vụ
        Tỉnh ủy; UBND tỉnh") the first one of the directory is kept: one column, one unit.
        """
        if not text or not text.strip():
            return None
        text = collapse_ws(nfc(text))
        source = collapse_ws(nfc(source))
        names = list(filter(None, (_channel(text), _channel(source, after=_CHANNEL.sub("", text)))))
        names += [part for part in _CHANNEL.sub("", text).split(";")]
        for name in names:
            name = _COMPILES.sub("", name).strip(" ,.;:")
            if name not in self.recipients:
                self.recipients[name] = self._existing(name)
            found = self.recipients[name]
            if found is not None:
                return found
        return None

    def _existing(self, text: str) -> int | None:
        folded = fold(text)
        if not folded or folded.startswith("cac ") or (classify_group(text) and " cac " in f" {folded} "):
            return None  # a class of units receives nothing
        unit, _key = self._lookup(text)
        return unit.id if unit is not None else None

    @staticmethod
    def _note(bucket: list[str], text: str) -> None:
        if text not in bucket:
            bucket.append(text)


# "UBND tỉnh (qua Sở Ngoại vụ)", "(thông qua Sở Tư pháp tổng hợp)", "... thông qua Sở Tư pháp": the
# unit the reports pass through on their way to the addressee.
_CHANNEL = re.compile(r"\(\s*(?:thông\s+)?qua\s+(?P<inside>[^()]+?)\s*\)|\bthông\s+qua\s+", re.IGNORECASE)


# "gửi Sở Nội vụ (để) tổng hợp": the recipient is the unit before it.
_COMPILES = re.compile(r"\s+(?:để\s+)?tổng\s+hợp\b.*$", re.IGNORECASE)


def _channel(text: str, *, after: str | None = None) -> str | None:
    """The unit named after "qua" in a recipient text or a deadline's sentence; in a sentence, only
    after the recipient's own name (`after`) when the sentence contains it, so a "thông qua" earlier
    in the sentence about something else is not taken for the report's channel."""
    start = 0
    if after is not None:
        first = after.split(";")[0].strip()
        at = text.lower().find(first.lower()) if first else -1
        start = at + len(first) if at >= 0 else 0
    for m in _CHANNEL.finditer(text, start):
        inside = m.group("inside")
        mentions, _end = parse_unit_list(inside or text, 0 if inside else m.end())
        names = [x.text for x in mentions if not x.catch_all and not x.group]
        if names:
            return names[0]
        if inside:
            return inside
    return None


@dataclass(slots=True)
class Reresolved:
    deadlines: int = 0  # deadlines looked at
    changed: int = 0  # whose recipient unit changed
    resolved: int = 0  # that have a recipient unit now
    dropped: int = 0  # open occurrences dropped (their unit no longer owes the deadline)


def reresolve_recipients(session: Session, *, plan_id: int | None = None) -> Reresolved:
    """Match every stored deadline's recipient text to the unit directory again, as an import does.

    For databases upgraded to revision 0004 (whose deadlines have no recipient unit yet: the
    migration cannot run the name rules) and after the directory gained a unit outside an import
    (`dutybot units add`, a CSV). Idempotent; occurrences that no longer apply are dropped
    (`drop_unowed_occurrences`).
    """
    statement = select(Deadline, Plan).join(Plan, col(Plan.id) == col(Deadline.plan_id))
    if plan_id is not None:
        statement = statement.where(Plan.id == plan_id)
    return _reresolve(session, statement, placers={})


def resolve_waiting_recipients(session: Session, *, placer: Placer, plan_id: int) -> None:
    """An import added units to the directory: other plans of the jurisdiction whose recipient was
    not in it (a "Sở Tư pháp" no plan had named as a party yet) may name one of them now."""
    statement = (
        select(Deadline, Plan)
        .join(Plan, col(Plan.id) == col(Deadline.plan_id))
        .where(
            Plan.jurisdiction_id == placer.jurisdiction_id,
            Plan.id != plan_id,
            col(Deadline.recipient).is_not(None),
            col(Deadline.recipient_unit_id).is_(None),
        )
    )
    found = _reresolve(session, statement, placers={placer.jurisdiction_id: placer})
    if found.changed:
        log.info("%d deadlines of other plans now have a recipient unit", found.changed)


def _reresolve(
    session: Session, statement: Select[Deadline, Plan], *, placers: dict[int, Placer]
) -> Reresolved:
    result = Reresolved()
    changed: list[int] = []
    for deadline, plan in session.exec(statement.order_by(col(Deadline.id))).all():
        result.deadlines += 1
        jurisdiction = session.get(Jurisdiction, plan.jurisdiction_id) if plan.jurisdiction_id else None
        if jurisdiction is None or jurisdiction.id is None:
            continue
        placer = placers.get(jurisdiction.id)
        if placer is None:
            placer = placers[jurisdiction.id] = Placer(
                session, jurisdiction=jurisdiction, result=ImportResult(identity=plan.identity, status="")
            )
        unit_id = placer.recipient(deadline.recipient, deadline.source)
        result.resolved += unit_id is not None
        if unit_id != deadline.recipient_unit_id:
            deadline.recipient_unit_id = unit_id
            session.add(deadline)
            assert deadline.id is not None
            changed.append(deadline.id)
    session.flush()
    result.changed = len(changed)
    result.dropped = drop_unowed_occurrences(session, deadline_ids=changed)
    return result
