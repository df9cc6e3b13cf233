"""The unit directory from a CSV file (`dutybot units import-csv`): name, kind, aliases and
successor per row, in one transaction; a bad row is reported with its line, never half-applied."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session

from services import jurisdictions
from services.unit_changes import add_alias, ensure_unit, merge_into
from services.unit_names import UnitKind
from services.units import resolve_unit


@dataclass(slots=True)
class CsvImportResult:
    created: int = 0
    updated: int = 0
    errors: list[CsvError] | None = None


@dataclass(frozen=True, slots=True)
class CsvError:
    """A refused CSV row: its line, why (`key`: "no_name", "unknown_kind", "bad_name"), the value."""

    line: int
    key: str
    value: str = ""


def import_units_csv(session: Session, *, path: Path, default_province: str) -> CsvImportResult:
    """Load units from a CSV with columns name, province (optional), kind (optional), aliases
    ("; "-separated, optional), successor (optional: merged into that unit of the same province)."""
    result = CsvImportResult(errors=[])
    assert result.errors is not None
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for line, row in enumerate(rows, start=2):
        name = (row.get("name") or "").strip()
        if not name:
            result.errors.append(CsvError(line, "no_name"))
            continue
        kind = (row.get("kind") or "").strip() or None
        if kind is not None and kind not in {k.value for k in UnitKind}:
            result.errors.append(CsvError(line, "unknown_kind", kind))
            continue
        province = jurisdictions.ensure_province(
            session, (row.get("province") or "").strip() or default_province
        )
        assert province.id is not None
        existed = resolve_unit(session, name=name, jurisdiction_id=province.id)
        try:
            unit = existed or ensure_unit(session, name=name, jurisdiction_id=province.id, kind=kind)
        except ValueError:  # not a unit name at all
            result.errors.append(CsvError(line, "bad_name", name))
            continue
        if existed is not None and kind and existed.kind != kind:
            existed.kind = kind
            session.add(existed)
        for alias in filter(None, (a.strip() for a in (row.get("aliases") or "").split(";"))):
            add_alias(session, unit=unit, alias=alias)
        successor_name = (row.get("successor") or "").strip()
        if successor_name:
            successor = ensure_unit(session, name=successor_name, jurisdiction_id=province.id)
            merge_into(session, old=unit, new=successor)
        if existed is None:
            result.created += 1
        else:
            result.updated += 1
    session.flush()
    return result
