"""Calls at counters: where a ticket waits now (after a transfer), when it was called, how
often recalled, and when its service started and ended.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

from kiosk.store.models import UTCDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMNs: SQLite adds them in place, no table copy.
    op.add_column("ticket", sa.Column("queue", sa.String(40), nullable=True))
    op.add_column("ticket", sa.Column("called_at", UTCDateTime(), nullable=True))
    op.add_column("ticket", sa.Column("recalls", sa.Integer(), nullable=False, server_default="0"))
    op.add_column("ticket", sa.Column("serving_at", UTCDateTime(), nullable=True))
    op.add_column("ticket", sa.Column("finished_at", UTCDateTime(), nullable=True))
    op.create_index("ix_ticket_called_at", "ticket", ["called_at"])


def downgrade() -> None:
    op.drop_index("ix_ticket_called_at", "ticket")
    with op.batch_alter_table("ticket") as batch:
        for column in ("finished_at", "serving_at", "recalls", "called_at", "queue"):
            batch.drop_column(column)
