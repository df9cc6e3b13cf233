"""Shared fixtures: a real, migrated SQLite file per test and a clock the test moves.

Set DUTYBOT_TEST_DATABASE_URL to a PostgreSQL URL to run the same tests there (CI does both); each
test then gets a fresh schema.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from services.clock import VN_TZ, ManualClock
from storage.db import Database

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only loopback: a test that reaches the internet fails."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else address
        if self.family in (socket.AF_INET, socket.AF_INET6) and host not in ("127.0.0.1", "::1", "localhost"):
            raise RuntimeError(f"network access in a test: {address!r}")
        return real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded)


def _fresh_postgres(url: str, name: str) -> str:
    """Drop and recreate a schema-isolated database for one test on a PostgreSQL server."""
    import sqlalchemy as sa

    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture(scope="session", autouse=True)
def _drop_postgres_test_database() -> Iterator[None]:
    """The per-process test database is recreated by each test and dropped once the run ends, so a
    developer's server does not collect one database per past run."""
    yield
    base = os.environ.get("DUTYBOT_TEST_DATABASE_URL")
    if base and base.startswith("postgresql"):
        import sqlalchemy as sa

        admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "dutybot_test_{os.getpid()}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    base = os.environ.get("DUTYBOT_TEST_DATABASE_URL")
    if base and base.startswith("postgresql"):
        # one database per test process: runs side by side on one server do not drop each other's
        yield _fresh_postgres(base, f"dutybot_test_{os.getpid()}")
        # A connection the test left open is found here, in the test that left it (pytest reports what a
        # collection finds as an error of the running test), not in whichever test runs next.
        gc.collect()
        return
    yield f"sqlite:///{tmp_path / 'dutybot.db'}"


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = Database(database_url)
    database.migrate()
    yield database
    database.dispose()


@pytest.fixture
def clock() -> ManualClock:
    """08:00 on Monday 2 March 2026, Asia/Ho_Chi_Minh."""
    return ManualClock(dt.datetime(2026, 3, 2, 8, 0, tzinfo=VN_TZ))
