"""Numbers from the server: counters per service and day, leased blocks, device tags.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "number_counter",
        sa.Column("plaza_code", sa.String(40), sa.ForeignKey("plaza.code"), nullable=False),
        sa.Column("service_code", sa.String(40), nullable=False),
        sa.Column("service_day", sa.Date(), nullable=False),
        sa.Column("last_online", sa.Integer(), nullable=False),
        sa.Column("last_leased", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("plaza_code", "service_code", "service_day"),
    )
    op.create_table(
        "number_lease",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("device_id", sa.String(36), sa.ForeignKey("device.id"), nullable=False),
        sa.Column("plaza_code", sa.String(40), sa.ForeignKey("plaza.code"), nullable=False),
        sa.Column("service_code", sa.String(40), nullable=False),
        sa.Column("service_day", sa.Date(), nullable=False),
        sa.Column("first", sa.Integer(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    # Devices enrolled before tags existed get one from their place in the enrolment order.
    op.add_column("device", sa.Column("tag", sa.String(2), nullable=True))
    device = sa.table("device", sa.column("id"), sa.column("plaza_code"), sa.column("tag"),
                      sa.column("enrolled_at"))
    connection = op.get_bind()
    seen: dict[str, int] = {}
    rows = connection.execute(sa.select(device.c.id, device.c.plaza_code)
                              .order_by(device.c.enrolled_at)).all()
    alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # as cityapi.devices.device_tag, frozen here
    for device_id, plaza in rows:
        index = seen.get(plaza, 0)
        seen[plaza] = index + 1
        tag = alphabet[10 + index // 32] + alphabet[index % 32]
        connection.execute(device.update().where(device.c.id == device_id).values(tag=tag))
    # On SQLite these tables are copied while other rows point at them: cityapi.database
    # migrates with foreign keys off and checks them all before the commit.
    with op.batch_alter_table("device") as batch:
        batch.alter_column("tag", existing_type=sa.String(2), nullable=False)
        batch.create_unique_constraint("uq_device_plaza_tag", ["plaza_code", "tag"])
    with op.batch_alter_table("ticket") as batch:
        batch.alter_column("number", existing_type=sa.String(8), type_=sa.String(12))


def downgrade() -> None:
    with op.batch_alter_table("ticket") as batch:
        batch.alter_column("number", existing_type=sa.String(12), type_=sa.String(8))
    with op.batch_alter_table("device") as batch:
        batch.drop_constraint("uq_device_plaza_tag", type_="unique")
        batch.drop_column("tag")
    op.drop_table("number_lease")
    op.drop_table("number_counter")
