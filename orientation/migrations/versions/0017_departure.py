"""departure readiness: agencies, checklists, payments, centre fee cap

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07 19:15:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('agency',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('licence_number', sa.String(length=64), nullable=False),
    sa.Column('destinations', sa.JSON(), nullable=False),
    sa.Column('licence_expires_on', sa.Date(), nullable=True),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('phone', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agency')),
    sa.UniqueConstraint('country', 'licence_number', name=op.f('uq_agency_country_licence_number'))
    )
    op.create_table('departure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('destination', sa.String(length=2), nullable=True),
    sa.Column('sector', sa.String(length=32), nullable=True),
    sa.Column('agency_id', sa.Integer(), nullable=True),
    sa.Column('agency_name', sa.String(length=200), nullable=True),
    sa.Column('contract_reviewed_on', sa.Date(), nullable=True),
    sa.Column('contract_reviewed_by_id', sa.Integer(), nullable=True),
    sa.Column('contract_language', sa.String(length=8), nullable=True),
    sa.Column('contract_copy_kept', sa.Boolean(), nullable=True),
    sa.Column('passport_kept', sa.Boolean(), nullable=True),
    sa.Column('insurance', sa.Boolean(), nullable=True),
    sa.Column('contacts_saved', sa.Boolean(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], name=op.f('fk_departure_agency_id_agency')),
    sa.ForeignKeyConstraint(['contract_reviewed_by_id'], ['user_account.id'], name=op.f('fk_departure_contract_reviewed_by_id_user_account')),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_departure_user_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_departure')),
    sa.UniqueConstraint('user_id', name=op.f('uq_departure_user_id'))
    )
    with op.batch_alter_table('departure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_departure_agency_id'), ['agency_id'], unique=False)

    op.create_table('departure_payment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('departure_id', sa.Integer(), nullable=False),
    sa.Column('paid_to', sa.String(length=200), nullable=False),
    sa.Column('category', sa.String(length=32), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('receipt', sa.Boolean(), nullable=False),
    sa.Column('paid_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('request_token', sa.String(length=32), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_departure_payment_created_by_id_user_account')),
    sa.ForeignKeyConstraint(['departure_id'], ['departure.id'], name=op.f('fk_departure_payment_departure_id_departure')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_departure_payment')),
    sa.UniqueConstraint('request_token', name=op.f('uq_departure_payment_request_token'))
    )
    with op.batch_alter_table('departure_payment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_departure_payment_departure_id'), ['departure_id'], unique=False)

    with op.batch_alter_table('centre', schema=None) as batch_op:
        batch_op.add_column(sa.Column('service_fee_cap', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('service_fee_cap_currency', sa.String(length=3), nullable=True))



def downgrade():
    with op.batch_alter_table('centre', schema=None) as batch_op:
        batch_op.drop_column('service_fee_cap_currency')
        batch_op.drop_column('service_fee_cap')

    with op.batch_alter_table('departure_payment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_departure_payment_departure_id'))

    op.drop_table('departure_payment')
    with op.batch_alter_table('departure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_departure_agency_id'))

    op.drop_table('departure')
    op.drop_table('agency')
