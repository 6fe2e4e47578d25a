"""Numbers leased from the city server; a ticket's number (not its sequence) is unique.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

from kiosk.store.models import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _ticket(unique: tuple[str, ...], number_length: int, name: str | None) -> sa.Table:
    """The ticket table as it is after (or before) this step: SQLite can only change a
    constraint by copying the table, and batch mode copies into this shape."""
    return sa.Table(
        "ticket", sa.MetaData(),
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("public_code", sa.String(16), nullable=False, unique=True),
        sa.Column("service_code", sa.String(40), sa.ForeignKey("service.code"), nullable=False),
        sa.Column("service_day", sa.Date(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(number_length), nullable=False),
        sa.Column("priority", sa.String(16), nullable=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("issued_at", UTCDateTime(), nullable=False),
        sa.Column("device_id", sa.String(64), nullable=False),
        sa.Column("counter", sa.String(12), nullable=True),
        sa.UniqueConstraint(*unique, name=name),
    )


def _copy_ticket(shape: sa.Table) -> None:
    # The copy drops the old table while ticket_event rows point at it: kiosk.store.db's
    # `migrating` turns SQLite's foreign keys off for this and checks them all at the end.
    with op.batch_alter_table("ticket", copy_from=shape, recreate="always"):
        pass
    # The copy leaves the indexes behind.
    op.create_index("ix_ticket_service_day", "ticket", ["service_day"])
    op.create_index("ix_ticket_state", "ticket", ["state"])


def upgrade() -> None:
    op.create_table(
        "number_lease",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("service_code", sa.String(40), nullable=False),
        sa.Column("service_day", sa.Date(), nullable=False),
        sa.Column("first", sa.Integer(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.Column("used", sa.Integer(), nullable=False),
    )
    op.create_index("ix_number_lease_service_day", "number_lease", ["service_day"])
    new = _ticket(("service_code", "service_day", "number"), 12, "uq_ticket_service_day_number")
    _copy_ticket(new)


def downgrade() -> None:
    _copy_ticket(_ticket(("service_code", "service_day", "sequence"), 8, None))
    op.drop_index("ix_number_lease_service_day", "number_lease")
    op.drop_table("number_lease")
