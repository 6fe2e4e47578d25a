"""The satisfaction survey (IKM): one row per survey, one per answer by element.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feedback",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("plaza_code", sa.String(40), sa.ForeignKey("plaza.code"), nullable=False),
        sa.Column("ticket_id", sa.String(36), sa.ForeignKey("ticket.id"), nullable=True,
                  unique=True),
        sa.Column("service_code", sa.String(40), nullable=True),
        sa.Column("agency_code", sa.String(40), nullable=True),
        sa.Column("channel", sa.String(8), nullable=False),
        sa.Column("device_id", sa.String(36), nullable=True),
        sa.Column("given_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("service_day", sa.Date(), nullable=False),
        sa.Column("comment", sa.String(300), nullable=False, server_default=""),
        sa.Column("age_band", sa.String(8), nullable=True),
        sa.Column("sex", sa.String(1), nullable=True),
        sa.Column("education", sa.String(8), nullable=True),
        sa.Column("occupation", sa.String(12), nullable=True),
    )
    op.create_index("ix_feedback_plaza_day", "feedback", ["plaza_code", "service_day"])
    op.create_table(
        "feedback_answer",
        sa.Column("feedback_id", sa.String(36), sa.ForeignKey("feedback.id"), primary_key=True),
        sa.Column("question", sa.String(16), primary_key=True),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.CheckConstraint("value BETWEEN 1 AND 4", name="ck_feedback_answer_scale"),
    )


def downgrade() -> None:
    op.drop_table("feedback_answer")
    op.drop_index("ix_feedback_plaza_day", "feedback")
    op.drop_table("feedback")
