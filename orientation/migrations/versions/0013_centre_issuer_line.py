"""a centre's issuer line, printed on its certificates

Empty (every existing centre): certificates print the CERTIFICATE_ISSUER setting.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 19:15:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('centre', schema=None) as batch_op:
        batch_op.add_column(sa.Column('issuer_line', sa.String(length=200), nullable=False,
                                      server_default=''))


def downgrade():
    with op.batch_alter_table('centre', schema=None) as batch_op:
        batch_op.drop_column('issuer_line')
