"""plan read_by: whether a plan's text came from the document or from OCR of a scan or a photo

Revision ID: 0008_plan_read_by
Revises: 0006_report_submissions
Create Date: 2026-12-04 13:10:00

One column with a server default, so existing rows read "text" (every plan imported before OCR was
a document with a text layer). Plain ADD / DROP COLUMN on both databases (SQLite 3.35+ drops).
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0008_plan_read_by'
down_revision: str | None = '0006_report_submissions'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('plan', sa.Column('read_by', sa.String(), nullable=False, server_default='text'))


def downgrade() -> None:
    op.drop_column('plan', 'read_by')
