"""content stamp for every worker; attempts voided by a new course version

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 10:20:00

"""
from alembic import op
import sqlalchemy as sa


OLD_OPEN = "submitted_at IS NULL"
OPEN = "submitted_at IS NULL AND voided_at IS NULL"

# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('content_stamp',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('loaded_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_content_stamp'))
    )
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.add_column(sa.Column('voided_at', sa.DateTime(), nullable=True))
    # One open attempt per trainee and quiz: a voided attempt no longer counts as open.
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.drop_index('uq_attempt_open', sqlite_where=sa.text(OLD_OPEN),
                            postgresql_where=sa.text(OLD_OPEN))
        batch_op.create_index('uq_attempt_open', ['user_id', 'course_id', 'quiz_id'],
                              unique=True, sqlite_where=sa.text(OPEN),
                              postgresql_where=sa.text(OPEN))


def downgrade():
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.drop_index('uq_attempt_open', sqlite_where=sa.text(OPEN),
                            postgresql_where=sa.text(OPEN))
        batch_op.create_index('uq_attempt_open', ['user_id', 'course_id', 'quiz_id'],
                              unique=True, sqlite_where=sa.text(OLD_OPEN),
                              postgresql_where=sa.text(OLD_OPEN))
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.drop_column('voided_at')
    op.drop_table('content_stamp')
