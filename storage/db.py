"""Engines, sessions and schema migration.

One `Database` object per process holds the engine; everything else takes a `Session` from it.
The schema is only ever created by Alembic (`migrate`), so SQLite and PostgreSQL get the same tables.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine

MIGRATIONS = Path(__file__).parent / "migrations"
# Schema objects the migrations create by hand (the full-text index of duties: SQLite's FTS5 table,
# PostgreSQL's GIN index and the stored tsvector column it indexes): not models, so autogenerate and
# the schema comparison must leave them alone.
HAND_MADE = ("assignment_fts", "ix_assignment_duty_fts", "duty_tsv")


def is_modelled(name: str | None, type_: str, _parent_names: Any) -> bool:
    """Alembic `include_name` hook: False for the hand-made objects (and SQLite's FTS shadow tables)."""
    return not (name and type_ in ("table", "index", "column") and name.startswith(HAND_MADE))


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL lets the delivery worker write while the bot reads; foreign keys are off by default."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def make_engine(url: str, *, echo: bool = False) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, echo=echo, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, echo=echo, pool_pre_ping=True, pool_size=10, max_overflow=20)


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


class Database:
    """The process's engine and a session factory; `migrate()` brings the schema to the latest revision."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        self.engine = make_engine(url, echo=echo)

    def migrate(self) -> None:
        cfg = alembic_config(self.url)
        with self.engine.begin() as connection:
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, "head")

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on any error (one unit of work)."""
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def dispose(self) -> None:
        self.engine.dispose()
