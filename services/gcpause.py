"""Pause Python's cyclic garbage collector around a batch job.

The reminder tick and the digests build tens of thousands of short-lived rows, tuples and dicts
in about a second. Each allocation burst makes the collector traverse the young objects, and every
few bursts the whole heap (SQLAlchemy, the holiday tables, the bot's modules): measured at a
quarter of the tick's time. Almost everything a batch allocates is freed by reference counting as
it goes; the few cycles (SQLAlchemy's result and statement objects) simply wait for the collector,
which runs again after the batch (the tick's traced peak went down, not up, with the pause).
Use as `with gc_paused():` or as a decorator `@gc_paused()`. The switch is process-wide: a
collector already disabled on entry is left disabled.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
