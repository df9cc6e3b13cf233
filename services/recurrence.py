"""Deadline rules -> due dates.

A rule is what a plan says ("trước ngày 15/11 hằng năm", "định kỳ hàng quý"). When the text gives no
day, the jurisdiction's default applies. The built-in defaults follow the reporting regime of
Nghị định 09/2019/NĐ-CP: data periods close on the 14th of the period's last month, and each level
reports at least one working day after the cut-off, so a unit's report defaults to the 16th of the
period's last month (quarterly: March, June, September, December; semiannual: June and December;
yearly: December; monthly: every month). Provinces set their own tiers: override per jurisdiction
with `Jurisdiction.settings["default_due"] = {"quarterly": {"month": 3, "day": 10}, ...}`.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

# Months per period and the default month within a period (1-based) and day.
PERIOD_MONTHS = {"monthly": 1, "quarterly": 3, "semiannual": 6, "yearly": 12}
DEFAULT_DUE: dict[str, dict[str, int]] = {
    "monthly": {"month": 1, "day": 16},
    "quarterly": {"month": 3, "day": 16},
    "semiannual": {"month": 6, "day": 16},
    "yearly": {"month": 12, "day": 16},
}


@dataclass(frozen=True, slots=True)
class DueRule:
    """The date part of a Deadline row. For periodic rules `month` is the month within the period
    (yearly: the calendar month); None means "not given by the text"."""

    recurrence: str
    due_date: dt.date | None = None
    month: int | None = None
    day: int | None = None

    @property
    def has_day(self) -> bool:
        return (self.recurrence == "once" and self.due_date is not None) or self.day is not None


def defaults_for(settings: Mapping[str, Any] | None) -> dict[str, dict[str, int]]:
    """Built-in defaults overlaid with a jurisdiction's `default_due` settings."""
    merged = {k: dict(v) for k, v in DEFAULT_DUE.items()}
    for recurrence, override in ((settings or {}).get("default_due") or {}).items():
        if recurrence in merged:
            merged[recurrence].update({k: int(v) for k, v in override.items() if k in ("month", "day")})
    return merged


def _clamped(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def due_dates(
    rule: DueRule,
    start: dt.date,
    end: dt.date,
    defaults: Mapping[str, Mapping[str, int]] = DEFAULT_DUE,
) -> Iterator[tuple[dt.date, bool]]:
    """Every due date in [start, end], with True where the default filled a missing day or month."""
    if rule.recurrence == "once":
        if rule.due_date is not None and start <= rule.due_date <= end:
            yield rule.due_date, False
        return
    span = PERIOD_MONTHS[rule.recurrence]
    default = defaults[rule.recurrence]
    day = rule.day or default["day"]
    used_default = rule.day is None or (rule.recurrence != "monthly" and rule.month is None)
    if rule.recurrence == "yearly":
        months = [rule.month or default["month"]]
    else:  # the same month within each period: quarterly month 3 -> March, June, September, December
        offset = ((rule.month or default["month"]) - 1) % span
        months = [first + offset for first in range(1, 13, span)]
    for year in range(start.year, end.year + 1):
        for month in months:
            due = _clamped(year, month, day)
            if start <= due <= end:
                yield due, used_default


def next_due(
    rule: DueRule,
    today: dt.date,
    defaults: Mapping[str, Mapping[str, int]] = DEFAULT_DUE,
) -> tuple[dt.date, bool] | None:
    """The first due date on or after `today` (None for a past or undated one-off deadline)."""
    horizon = (
        today.replace(year=today.year + 1)
        if not (today.month == 2 and today.day == 29)
        else (dt.date(today.year + 1, 2, 28))
    )
    return next(due_dates(rule, today, horizon, defaults), None)
