"""contacts: the date each was last checked

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 19:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('destination_contact', schema=None) as batch_op:
        batch_op.add_column(sa.Column('checked_on', sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table('destination_contact', schema=None) as batch_op:
        batch_op.drop_column('checked_on')
