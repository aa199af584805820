"""session version on accounts; one open attempt per trainee and quiz

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

OPEN = "submitted_at IS NULL"


def upgrade():
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_version', sa.Integer(), server_default='0',
                                      nullable=False))

    # Two Start clicks at once could open two attempts before this index existed. An open
    # attempt has no answers yet (they are written when it is submitted), so the older
    # duplicates carry nothing but the order they showed: keep the newest of each.
    op.execute(
        "DELETE FROM attempt WHERE submitted_at IS NULL AND id NOT IN ("
        "SELECT max_id FROM (SELECT MAX(id) AS max_id FROM attempt WHERE submitted_at IS NULL "
        "GROUP BY user_id, course_id, quiz_id) AS newest)"
    )
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.create_index('uq_attempt_open', ['user_id', 'course_id', 'quiz_id'],
                              unique=True, sqlite_where=sa.text(OPEN),
                              postgresql_where=sa.text(OPEN))


def downgrade():
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.drop_index('uq_attempt_open', sqlite_where=sa.text(OPEN),
                            postgresql_where=sa.text(OPEN))

    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_column('session_version')
