"""Redelivered platform events are claimed once; old claims are pruned."""

from __future__ import annotations

import datetime as dt

from services.processed_events import claim_event, prune_events
from storage.db import Database

NOW = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)


def test_claim_once_per_channel_and_prune(db: Database) -> None:
    with db.session() as s:
        assert claim_event(s, channel="zalo", key="m1", now=NOW)
        assert not claim_event(s, channel="zalo", key="m1", now=NOW)
        assert claim_event(s, channel="telegram", key="m1", now=NOW)  # keys are per channel
    with db.session() as s:  # another session (process) sees the claim
        assert not claim_event(s, channel="zalo", key="m1", now=NOW)
        assert claim_event(s, channel="zalo", key="m2", now=NOW + dt.timedelta(days=6))
    with db.session() as s:
        assert prune_events(s, now=NOW + dt.timedelta(days=8)) == 2
    with db.session() as s:
        assert claim_event(s, channel="zalo", key="m1", now=NOW)
        assert not claim_event(s, channel="zalo", key="m2", now=NOW)
