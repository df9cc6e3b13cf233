"""plan doubts: what the extractor and the importer could not read, kept by kind

Revision ID: 0007_issue13
Revises: 0005_plan_corrections
Create Date: 2026-12-04 13:20:00

`plan.warnings` keeps English sentences (the command line's and the logs' form); `plan.doubts`
keeps the same notes as {"kind", "text", "section"} rows so the chat and `dutybot plans show`
translate them through the text catalogue. Plans imported before this revision have no doubts
(NULL) and show their warnings as before. A plain nullable JSON column: one ALTER TABLE on both
databases.
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007_issue13'
down_revision: str | None = '0005_plan_corrections'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('plan', sa.Column('doubts', sa.JSON(), nullable=True))


def downgrade() -> None:
    op.drop_column('plan', 'doubts')
