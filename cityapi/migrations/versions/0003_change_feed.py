"""The change feed, and each plaza's whole catalog document with its ETag.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "change",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("plaza_code", sa.String(40), sa.ForeignKey("plaza.code"), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_change_plaza_code", "change", ["plaza_code"])
    with op.batch_alter_table("plaza") as batch:
        batch.add_column(sa.Column("catalog", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("catalog_etag", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("plaza") as batch:
        batch.drop_column("catalog_etag")
        batch.drop_column("catalog")
    op.drop_index("ix_change_plaza_code", "change")
    op.drop_table("change")
