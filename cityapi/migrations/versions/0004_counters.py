"""Counters: staff with server-side PINs, sign-in sessions, ticket calls and their history.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("ticket") as batch:
        batch.add_column(sa.Column("queue", sa.String(40), nullable=True))
        batch.add_column(sa.Column("counter", sa.String(12), nullable=True))
        batch.add_column(sa.Column("called_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("recalls", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("serving_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE ticket SET queue = service_code")
    with op.batch_alter_table("ticket") as batch:
        batch.alter_column("queue", nullable=False)
        batch.create_index("ix_ticket_queue", ["plaza_code", "service_day", "state"])
    with op.batch_alter_table("applied_op") as batch:
        batch.add_column(sa.Column("problem", sa.String(32), nullable=True))
    op.create_table(
        "staff",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("plaza_code", sa.String(40), sa.ForeignKey("plaza.code"), nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("pin_hash", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "staff_session",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("staff_id", sa.String(36), sa.ForeignKey("staff.id"), nullable=False),
        sa.Column("device_id", sa.String(36), sa.ForeignKey("device.id"), nullable=False),
        sa.Column("plaza_code", sa.String(40), sa.ForeignKey("plaza.code"), nullable=False),
        sa.Column("counter", sa.String(12), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "sign_in_failure",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("device_id", sa.String(36), nullable=False, index=True),
        sa.Column("staff_id", sa.String(36), nullable=False, index=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "counter_state",
        sa.Column("plaza_code", sa.String(40), sa.ForeignKey("plaza.code"), primary_key=True),
        sa.Column("counter", sa.String(12), primary_key=True),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("staff_id", sa.String(36), nullable=True),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "ticket_event",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("ticket_id", sa.String(36), sa.ForeignKey("ticket.id"), nullable=False,
                  index=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("staff_id", sa.String(36), nullable=True),
        sa.Column("counter", sa.String(12), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=True),
    )


def downgrade() -> None:
    for table in ("ticket_event", "counter_state", "sign_in_failure", "staff_session", "staff"):
        op.drop_table(table)
    with op.batch_alter_table("applied_op") as batch:
        batch.drop_column("problem")
    with op.batch_alter_table("ticket") as batch:
        batch.drop_index("ix_ticket_queue")
        for column in ("finished_at", "serving_at", "recalls", "called_at", "counter", "queue"):
            batch.drop_column(column)
