"""Saved codes remember when their note or list last changed.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A nullable column without a default: SQLite adds it in place (no table rebuild), and rows
    # saved before this revision read as never updated.
    op.add_column("saved_codes", sa.Column("updated_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    # batch mode: SQLite before 3.35 cannot drop a column in place.
    with op.batch_alter_table("saved_codes") as batch:
        batch.drop_column("updated_at")
