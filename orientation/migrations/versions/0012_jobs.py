"""jobs: long work (imports, a cohort's certificates) off the request, with progress

An import batch gains the state "saving" (a 16-character string column: no schema change).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 16:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('job',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=48), nullable=False),
    sa.Column('kind', sa.Enum('import', 'certificates', name='jobkind', native_enum=False, length=16), nullable=False),
    sa.Column('centre_id', sa.Integer(), nullable=False),
    sa.Column('cohort_id', sa.Integer(), nullable=False),
    sa.Column('requested_by', sa.Integer(), nullable=False),
    sa.Column('import_batch_id', sa.Integer(), nullable=True),
    sa.Column('state', sa.Enum('queued', 'running', 'done', 'failed', name='jobstate', native_enum=False, length=16), nullable=False),
    sa.Column('active_key', sa.String(length=64), nullable=True),
    sa.Column('done', sa.Integer(), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('result', sa.LargeBinary(), nullable=True),
    sa.Column('filename', sa.String(length=120), nullable=True),
    sa.Column('error', sa.String(length=32), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['centre_id'], ['centre.id'], name=op.f('fk_job_centre_id_centre')),
    sa.ForeignKeyConstraint(['cohort_id'], ['cohort.id'], name=op.f('fk_job_cohort_id_cohort')),
    sa.ForeignKeyConstraint(['import_batch_id'], ['import_batch.id'], name=op.f('fk_job_import_batch_id_import_batch')),
    sa.ForeignKeyConstraint(['requested_by'], ['user_account.id'], name=op.f('fk_job_requested_by_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_job')),
    sa.UniqueConstraint('active_key', name=op.f('uq_job_active_key')),
    sa.UniqueConstraint('token', name=op.f('uq_job_token'))
    )
    with op.batch_alter_table('job', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_job_centre_id'), ['centre_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_job_cohort_id'), ['cohort_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_job_import_batch_id'), ['import_batch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_job_requested_by'), ['requested_by'], unique=False)


def downgrade():
    # 0011 knows no "saving": a batch whose save had not finished can be saved again.
    op.execute("UPDATE import_batch SET state = 'previewed' WHERE state = 'saving'")
    with op.batch_alter_table('job', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_job_requested_by'))
        batch_op.drop_index(batch_op.f('ix_job_import_batch_id'))
        batch_op.drop_index(batch_op.f('ix_job_cohort_id'))
        batch_op.drop_index(batch_op.f('ix_job_centre_id'))

    op.drop_table('job')
