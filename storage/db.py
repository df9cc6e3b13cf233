"""Engines, sessions and schema migration.

One `Database` object per process holds the engine; everything else takes a `Session` from it.
The schema is only ever created by Alembic (`migrate`), so SQLite and PostgreSQL get the same tables.
"""

from __future__ import annotations

import re
import select
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, exc, text
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
_REVISION = re.compile(r"^(down_revision|revision)\s*(?::[^=]*)?=\s*(None|['\"]([^'\"]+)['\"])\s*$", re.M)
# Schema objects the migrations create by hand (the full-text index of duties: SQLite's FTS5 table,
# PostgreSQL's GIN index and the stored tsvector column it indexes): not models, so autogenerate and
# the schema comparison must leave them alone.
HAND_MADE = ("assignment_fts", "ix_assignment_duty_fts", "duty_tsv")


__all__ = ["Database", "Session", "make_engine"]  # Session: the type of what Database.session() yields


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


def _drop_if_closed(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
    """Checkout check on PostgreSQL, instead of `pool_pre_ping`'s round trip: an idle pooled
    connection whose socket has something to read was terminated by the server (a restart or an
    idle timeout sends FATAL, then closes), and DisconnectionError makes the pool replace it. It
    costs a poll of the socket; the ping cost a round trip on each of an update's sessions.
    A connection lost silently (no FIN) is found by its first statement, as a ping would be."""
    if dbapi_connection.closed:
        raise exc.DisconnectionError("connection closed")
    poller = select.poll()  # not select.select: a busy process's descriptors pass FD_SETSIZE
    poller.register(dbapi_connection.fileno(), select.POLLIN)
    if poller.poll(0):
        raise exc.DisconnectionError("connection closed by the server")


def make_engine(url: str, *, echo: bool = False, autocommit: bool = False) -> Engine:
    """`autocommit`: every statement commits on its own (PostgreSQL only: no BEGIN/COMMIT round trips)."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, echo=echo, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    options: dict[str, Any] = {"isolation_level": "AUTOCOMMIT"} if autocommit else {}
    engine = create_engine(url, echo=echo, pool_size=10, max_overflow=20, **options)
    event.listen(engine, "checkout", _drop_if_closed)
    return engine


def alembic_config(url: str) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def _file_heads() -> set[str]:
    """The revisions no other revision file revises; empty when a file is not in the usual form."""
    revisions: set[str] = set()
    revised: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found = {name: quoted for name, _value, quoted in _REVISION.findall(path.read_text(encoding="utf-8"))}
        if not found.get("revision") or "down_revision" not in found:
            return set()
        revisions.add(found["revision"])
        if found["down_revision"]:
            revised.add(found["down_revision"])
    return revisions - revised


class _ReadingSession(Session):
    """A session that refuses to write: its connection may commit each statement on its own, so ORM
    changes would not be atomic."""

    def flush(self, objects: Sequence[Any] | None = None) -> None:
        if self.new or self.dirty or self.deleted:
            raise RuntimeError("Database.reading() is for reads; write in Database.session()")


class Database:
    """The process's engine and a session factory; `migrate()` brings the schema to the latest revision."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        self.engine = make_engine(url, echo=echo)
        # PostgreSQL: a second, autocommit pool for `reading()`. SQLite's driver begins a transaction
        # only before a write, so there reads already run without one.
        self._reads = (
            make_engine(url, echo=echo, autocommit=True) if url.startswith("postgresql") else self.engine
        )

    def migrate(self) -> None:
        """Upgrade to the latest revision. A database already there is seen from its version row,
        without importing Alembic: every `dutybot` command migrates, and most find nothing to do."""
        if self.at_head():
            return
        from alembic import command

        cfg = alembic_config(self.url)
        with self.engine.begin() as connection:
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, "head")

    def at_head(self) -> bool:
        """True when the stored revisions are exactly the heads of the revision files (read as text;
        any file it cannot read makes it False, and Alembic decides)."""
        heads = _file_heads()
        if not heads:
            return False
        try:
            with self.engine.connect() as connection:
                stored = {
                    row[0] for row in connection.execute(text("SELECT version_num FROM alembic_version"))
                }
        except exc.DBAPIError:  # no version table yet: a new database
            return False
        return stored == heads

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

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for answers that only read: outside a transaction on PostgreSQL, so a chat
        answer's few SELECTs cost no BEGIN and COMMIT round trips (each sees the data committed when
        it runs). ORM changes are refused; a single Core statement that writes (the router's event
        claim) is committed on its own (PostgreSQL) or at the end of the block (SQLite)."""
        with _ReadingSession(self._reads, expire_on_commit=False) as session:
            yield session
            session.commit()  # nothing to send on PostgreSQL: its connection is in no transaction

    def dispose(self) -> None:
        self.engine.dispose()
        self._reads.dispose()
