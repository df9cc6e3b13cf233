"""The Alembic migrations create exactly the tables the models declare."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

import storage.coordination
import storage.models  # noqa: F401
from storage.db import Database, is_modelled


def test_migrations_match_models(db: Database) -> None:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": is_modelled})
        diff = compare_metadata(context, SQLModel.metadata)
    assert diff == []


def test_migrate_twice_is_harmless(db: Database) -> None:
    db.migrate()
    with db.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() is not None


def test_0004_adds_the_recipient_unit_to_a_database_holding_plans(database_url: str) -> None:
    """Revision 0004 on a database with deadlines, parties and occurrences (which reference the
    deadline table): the column arrives empty (`dutybot plans reresolve` fills it), and goes again."""
    from alembic import command
    from sqlalchemy import text

    from storage.db import alembic_config

    database = Database(database_url)
    try:
        cfg = alembic_config(database_url)
        with database.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0003")
        with database.engine.begin() as conn:
            for statement in (
                "INSERT INTO jurisdiction (id, name, level, key)"
                " VALUES (1, 'Đồng Nai', 'province', 'dong nai')",
                "INSERT INTO unit (id, name, kind, jurisdiction_id, key, active, needs_review, created_at)"
                " VALUES (1, 'Sở Ngoại vụ', 'so', 1, 'so ngoai vu', TRUE, FALSE, '2026-01-01')",
                "INSERT INTO plan (id, identity, source_name, source_hash, status, imported_at, updated_at,"
                " jurisdiction_id) VALUES (1, 'x', 'x.txt', 'h', 'active', '2026-01-01', '2026-01-01', 1)",
                "INSERT INTO deadline (id, plan_id, position, unit_text, action, recipient, recurrence,"
                " source) VALUES (1, 1, 0, 'các sở', 'report', 'Sở Ngoại vụ', 'yearly', 'báo cáo')",
                "INSERT INTO deadlineparty (deadline_id, group_key, unit_text)"
                " VALUES (1, 'departments', 'các sở')",
                "INSERT INTO occurrence (deadline_id, unit_id, due_on, status)"
                " VALUES (1, 1, '2026-11-15', 'open')",
            ):
                conn.execute(text(statement))
        database.migrate()
        with database.engine.connect() as conn:
            assert conn.execute(text("SELECT id, recipient_unit_id FROM deadline")).all() == [(1, None)]
            context = MigrationContext.configure(conn, opts={"include_name": is_modelled})
            assert compare_metadata(context, SQLModel.metadata) == []
        with database.engine.begin() as conn:
            conn.execute(text("UPDATE deadline SET recipient_unit_id = 1"))
        with database.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0003")
        with database.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM occurrence")).scalar_one() == 1
            assert conn.execute(text("SELECT recipient FROM deadline")).scalar_one() == "Sở Ngoại vụ"
        database.migrate()
    finally:
        database.dispose()


def test_0005_adds_the_correction_tables_beside_stored_plans(database_url: str) -> None:
    """Revision 0005_plan_corrections on a database holding a plan: two new tables, the plan untouched;
    and back down to 0004 without losing it."""
    from alembic import command
    from sqlalchemy import text

    from storage.db import alembic_config

    database = Database(database_url)
    try:
        cfg = alembic_config(database_url)
        with database.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0004")
        with database.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO plan (id, identity, source_name, source_hash, status, imported_at,"
                    " updated_at) VALUES (1, 'x', 'x.txt', 'h', 'active', '2026-01-01', '2026-01-01')"
                )
            )
        database.migrate()
        with database.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO plan_correction (plan_id, seq, op, args, author, created_at, status)"
                    " VALUES (1, 1, 'set_role', '{}', 'cli:admin', '2026-01-02', 'applied')"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO plan_extraction (plan_id, data, text, source_hash, extracted_at)"
                    " VALUES (1, '{}', 'KẾ HOẠCH', 'h', '2026-01-02')"
                )
            )
        with database.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0004")
        with database.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM plan")).scalar_one() == 1
        database.migrate()
    finally:
        database.dispose()
