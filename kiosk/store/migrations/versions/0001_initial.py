"""Initial local store: catalog, tickets with events, numbering, outbox, feedback.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

from kiosk.store.models import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "setting",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )
    op.create_table(
        "plaza",
        sa.Column("code", sa.String(40), primary_key=True),
        sa.Column("name_id", sa.String(120), nullable=False),
        sa.Column("name_en", sa.String(120), nullable=False),
        sa.Column("city", sa.String(120), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("address", sa.String(300), nullable=False),
        sa.Column("friday_break", sa.JSON(), nullable=True),
        sa.Column("sample", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "category",
        sa.Column("code", sa.String(40), primary_key=True),
        sa.Column("name_id", sa.String(120), nullable=False),
        sa.Column("name_en", sa.String(120), nullable=False),
        sa.Column("icon", sa.String(40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
    )
    op.create_table(
        "agency",
        sa.Column("code", sa.String(40), primary_key=True),
        sa.Column("short_name", sa.String(40), nullable=False),
        sa.Column("name_id", sa.String(120), nullable=False),
        sa.Column("name_en", sa.String(120), nullable=False),
        sa.Column("color", sa.String(7), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
    )
    op.create_table(
        "service",
        sa.Column("code", sa.String(40), primary_key=True),
        sa.Column("agency_code", sa.String(40), sa.ForeignKey("agency.code"), nullable=False),
        sa.Column("category_code", sa.String(40), sa.ForeignKey("category.code"), nullable=False),
        sa.Column("prefix", sa.String(2), nullable=False),
        sa.Column("name", sa.JSON(), nullable=False),
        sa.Column("description", sa.JSON(), nullable=False),
        sa.Column("requirements", sa.JSON(), nullable=False),
        sa.Column("steps", sa.JSON(), nullable=False),
        sa.Column("fee", sa.Integer(), nullable=False),
        sa.Column("fee_note", sa.JSON(), nullable=True),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("counters", sa.JSON(), nullable=False),
        sa.Column("hours", sa.JSON(), nullable=False),
        sa.Column("info_url", sa.String(300), nullable=False),
        sa.Column("priority_allowed", sa.Boolean(), nullable=False),
        sa.Column("daily_quota", sa.Integer(), nullable=True),
        sa.Column("last_number", sa.String(5), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
    )
    op.create_table(
        "holiday",
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("name_id", sa.String(120), nullable=False),
        sa.Column("name_en", sa.String(120), nullable=False),
    )
    op.create_table(
        "announcement",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("text_id", sa.Text(), nullable=False),
        sa.Column("text_en", sa.Text(), nullable=False),
    )
    op.create_table(
        "number_counter",
        sa.Column("service_code", sa.String(40), primary_key=True),
        sa.Column("service_day", sa.Date(), primary_key=True),
        sa.Column("last_sequence", sa.Integer(), nullable=False),
    )
    op.create_table(
        "ticket",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("public_code", sa.String(16), nullable=False, unique=True),
        sa.Column("service_code", sa.String(40), sa.ForeignKey("service.code"), nullable=False),
        sa.Column("service_day", sa.Date(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(8), nullable=False),
        sa.Column("priority", sa.String(16), nullable=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("issued_at", UTCDateTime(), nullable=False),
        sa.Column("device_id", sa.String(64), nullable=False),
        sa.Column("counter", sa.String(12), nullable=True),
        sa.UniqueConstraint("service_code", "service_day", "sequence"),
    )
    op.create_index("ix_ticket_service_day", "ticket", ["service_day"])
    op.create_index("ix_ticket_state", "ticket", ["state"])
    op.create_table(
        "ticket_event",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("ticket_id", sa.String(36), sa.ForeignKey("ticket.id"), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("device_id", sa.String(64), nullable=False),
        sa.Column("staff", sa.String(64), nullable=True),
        sa.Column("counter", sa.String(12), nullable=True),
    )
    op.create_index("ix_ticket_event_ticket_id", "ticket_event", ["ticket_id"])
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("op_id", sa.String(36), nullable=False, unique=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
    )
    op.create_table(
        "feedback",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("service_code", sa.String(40), nullable=True),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    for table in (
        "feedback", "outbox", "ticket_event", "ticket", "number_counter", "announcement",
        "holiday", "service", "agency", "category", "plaza", "setting",
    ):
        op.drop_table(table)
