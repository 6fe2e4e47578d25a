"""City API: plazas, services, devices, tickets, applied ops

Revision ID: 0001
Revises: 
Create Date: 2026-11-22 16:10:12.820711
"""

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('plaza',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.JSON(), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('code')
    )
    op.create_table('device',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('plaza_code', sa.String(length=40), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('enrolled_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['plaza_code'], ['plaza.code'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    op.create_table('enrolment_code',
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('plaza_code', sa.String(length=40), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['plaza_code'], ['plaza.code'], ),
    sa.PrimaryKeyConstraint('code_hash')
    )
    op.create_table('service',
    sa.Column('plaza_code', sa.String(length=40), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('prefix', sa.String(length=2), nullable=False),
    sa.Column('name', sa.JSON(), nullable=False),
    sa.Column('counters', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['plaza_code'], ['plaza.code'], ),
    sa.PrimaryKeyConstraint('plaza_code', 'code')
    )
    op.create_table('service_day_override',
    sa.Column('plaza_code', sa.String(length=40), nullable=False),
    sa.Column('service_code', sa.String(length=40), nullable=False),
    sa.Column('service_day', sa.Date(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['plaza_code'], ['plaza.code'], ),
    sa.PrimaryKeyConstraint('plaza_code', 'service_code', 'service_day')
    )
    op.create_table('ticket',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('plaza_code', sa.String(length=40), nullable=False),
    sa.Column('public_code', sa.String(length=16), nullable=False),
    sa.Column('service_code', sa.String(length=40), nullable=False),
    sa.Column('service_day', sa.Date(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=8), nullable=False),
    sa.Column('priority', sa.String(length=16), nullable=True),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('device_id', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['plaza_code'], ['plaza.code'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('plaza_code', 'service_code', 'service_day', 'number'),
    sa.UniqueConstraint('public_code')
    )
    op.create_table('applied_op',
    sa.Column('op_id', sa.String(length=36), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('result', sa.JSON(), nullable=True),
    sa.Column('reason', sa.String(length=300), nullable=True),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['device_id'], ['device.id'], ),
    sa.PrimaryKeyConstraint('op_id')
    )


def downgrade() -> None:
    op.drop_table('applied_op')
    op.drop_table('ticket')
    op.drop_table('service_day_override')
    op.drop_table('service')
    op.drop_table('enrolment_code')
    op.drop_table('device')
    op.drop_table('plaza')
