"""duty search on PostgreSQL: a stored tsvector column under the GIN index

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 20:30:00

The 0001 index was on the expression to_tsvector('simple', duty_key). A phrase query ("chuyển đổi
số", services.duties.who_is_responsible) must recheck word positions on every candidate row, and
with an expression index that recomputes to_tsvector for each of them (tens of microseconds per
duty); on small tables the planner skips the index and recomputes it for every active duty. A
generated, stored column holds the vector once per row (PostgreSQL's documented way for text
search). Not a model field: storage.db.HAND_MADE keeps it out of schema comparisons. SQLite's FTS5
index (0001) is unchanged.
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        return
    op.execute(
        "ALTER TABLE assignment ADD COLUMN duty_tsv tsvector "
        "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, duty_key)) STORED"
    )
    op.execute("DROP INDEX IF EXISTS ix_assignment_duty_fts")
    op.execute("CREATE INDEX ix_assignment_duty_fts ON assignment USING gin (duty_tsv)")


def downgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_assignment_duty_fts")
    op.execute("ALTER TABLE assignment DROP COLUMN IF EXISTS duty_tsv")
    op.execute(
        "CREATE INDEX ix_assignment_duty_fts ON assignment USING gin (to_tsvector('simple'::regconfig, duty_key))"
    )
