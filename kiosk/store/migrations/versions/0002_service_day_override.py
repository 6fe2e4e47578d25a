"""Staff can open or close a service for one service day.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

from kiosk.store.models import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "service_day_override",
        sa.Column("service_code", sa.String(40), sa.ForeignKey("service.code"), primary_key=True),
        sa.Column("service_day", sa.Date(), primary_key=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("set_at", UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("service_day_override")
