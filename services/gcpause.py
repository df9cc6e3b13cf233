"""Pause Python's cyclic garbage collector around a batch job.

The reminder tick and the digests build tens of thousands of short-lived rows, tuples and dicts
in about a second. Each allocation burst makes the collector traverse the young objects, and every
few bursts the whole heap (SQLAlchemy, the holiday tables, the bot's modules): measured at a
quarter of the tick's time. Nothing a batch allocates forms reference cycles that must be freed
before it ends (reference counting frees the rest as it goes), so the collector is paused for the
batch and runs again afterwards (use as `with gc_paused():` or as a decorator `@gc_paused()`). The
switch is process-wide: a collector already disabled on entry is left disabled.
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
