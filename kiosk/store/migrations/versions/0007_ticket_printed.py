"""Whether a ticket's paper slip was printed: None on a kiosk without a printer (its tickets
are shown on screen only), False from birth on a kiosk with one until the printer confirms it
after the cut, True then. A kiosk stopped between storing and printing leaves False, and staff
can print it again.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("ticket", sa.Column("printed", sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("ticket") as batch:
        batch.drop_column("printed")
