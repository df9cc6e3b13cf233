"""The status categories officers know (QĐ 42/2014/QĐ-TTg and the trackers built on it).

Derived, never stored: from the due date, today, and when (if ever) the unit reported it done.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

DUE_SOON_DAYS = 3


class DueStatus(StrEnum):
    in_time = "in_time"  # đang thực hiện trong hạn
    due_soon = "due_soon"  # sắp đến hạn (within 3 days)
    overdue = "overdue"  # đang thực hiện quá hạn
    done_on_time = "done_on_time"  # hoàn thành đúng hạn
    done_late = "done_late"  # hoàn thành quá hạn
    no_deadline = "no_deadline"  # không có hạn / day not yet set


def classify(
    due: dt.date | None,
    today: dt.date,
    *,
    done_on: dt.date | None = None,
    soon_days: int = DUE_SOON_DAYS,
) -> DueStatus:
    if done_on is not None:
        if due is None or done_on <= due:
            return DueStatus.done_on_time
        return DueStatus.done_late
    if due is None:
        return DueStatus.no_deadline
    if today > due:
        return DueStatus.overdue
    if (due - today).days <= soon_days:
        return DueStatus.due_soon
    return DueStatus.in_time
