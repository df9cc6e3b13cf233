"""The two kinds of session: `session()` (a unit of work) and `reading()` (reads outside a transaction
on PostgreSQL), and the pool's check that replaces connections the server has closed."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlmodel import select

from storage.db import Database
from storage.models import Person


def test_reading_refuses_orm_writes(db: Database) -> None:
    with pytest.raises(RuntimeError, match="reading"), db.reading() as session:
        session.add(Person(display_name="A", lang="vi"))
        session.flush()
    with db.reading() as session:
        assert session.exec(select(Person)).all() == []


def test_reading_sees_what_session_committed(db: Database) -> None:
    with db.session() as session:
        session.add(Person(display_name="B", lang="vi"))
    with db.reading() as session:
        assert [p.display_name for p in session.exec(select(Person))] == ["B"]


def test_a_core_write_in_reading_is_kept(db: Database) -> None:
    """The router's event claim is one Core INSERT in a reading session: it must be committed."""
    with db.reading() as session:
        session.connection().execute(
            text(
                "INSERT INTO person (display_name, lang, is_admin, created_at) VALUES ('C', 'vi', false, :t)"
            ),
            {"t": "2026-01-01 00:00:00"},
        )
    with db.session() as session:
        assert [p.display_name for p in session.exec(select(Person))] == ["C"]


def test_connections_the_server_terminated_are_replaced(db: Database) -> None:
    """No ping per checkout: an idle pooled connection the server has closed (a restart, an idle
    timeout, pg_terminate_backend) is noticed at checkout and replaced, so no caller sees an error."""
    if not db.url.startswith("postgresql"):
        pytest.skip("PostgreSQL only")
    pids = set()
    for open_session in (db.session, db.reading):
        with open_session() as session:  # one pooled connection in each pool
            pids.add(session.connection().execute(text("SELECT pg_backend_pid()")).scalar_one())
    other = Database(db.url)
    try:
        with other.session() as session:
            for pid in pids:
                session.connection().execute(text("SELECT pg_terminate_backend(:pid, 5000)"), {"pid": pid})
    finally:
        other.dispose()
    for open_session in (db.session, db.reading):
        with open_session() as session:
            pid = session.connection().execute(text("SELECT pg_backend_pid()")).scalar_one()
            assert pid not in pids
