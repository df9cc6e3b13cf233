"""A chat account's conversation in progress: the multi-step flow it is in (a broadcast draft, a
plan under review, a reason being typed), the flow's data, and the numbered choices shown on
channels without buttons (a typed "3" picks the third).

Kept in the database (`ConversationState`), so a restart or another process continues it.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from storage.models import ConversationState
from storage.types import utcnow

CHOICES_KEY = "_choices"


def _row(session: Session, account_id: int) -> ConversationState:
    row = session.get(ConversationState, account_id)
    return row if row is not None else ConversationState(account_id=account_id, state="")


def set_flow(
    session: Session, *, account_id: int, state: str | None, data: dict[str, Any] | None = None
) -> None:
    """Start (state) or end (None) a flow; `data` is kept with it, the numbered choices stay."""
    row = _row(session, account_id)
    keep = {CHOICES_KEY: (row.data or {}).get(CHOICES_KEY, [])}
    row.state = state or ""
    row.data = keep | (data or {})
    row.updated_at = utcnow()
    session.add(row)


def flow_data(session: Session, *, account_id: int) -> dict[str, Any]:
    row = session.get(ConversationState, account_id)
    return dict(row.data or {}) if row is not None else {}


def remember_choices(session: Session, *, account_id: int, choices: list[str | None]) -> None:
    """The callback data of each numbered choice just shown (None: a number that picks nothing)."""
    row = _row(session, account_id)
    row.data = dict(row.data or {}) | {CHOICES_KEY: choices}
    row.updated_at = utcnow()
    session.add(row)


def chosen(state: ConversationState | None, number: int) -> str | None:
    """The callback data of choice `number` in the state read with the identity (None: no such)."""
    choices = (state.data or {}).get(CHOICES_KEY, []) if state is not None else []
    return choices[number - 1] if 1 <= number <= len(choices) else None
