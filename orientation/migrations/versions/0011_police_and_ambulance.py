"""police and ambulance numbers replace the one emergency number

Thailand and South Korea have separate police and ambulance numbers, so one contact slot made
a centre pick one. What a centre had set is kept in both new slots (it may already name both
numbers), so no reader loses a number; the centre can then correct each.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 13:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

NEW_KEYS = ('police_number', 'ambulance_number')


def upgrade():
    for key in NEW_KEYS:
        op.execute(sa.text(
            "INSERT INTO destination_contact (destination, locale, key, value, updated_at) "
            "SELECT old_row.destination, old_row.locale, :key, old_row.value, old_row.updated_at "
            "FROM destination_contact old_row WHERE old_row.key = 'emergency_number' "
            "AND NOT EXISTS (SELECT 1 FROM destination_contact other "
            "WHERE other.destination = old_row.destination AND other.locale = old_row.locale "
            "AND other.key = :key)").bindparams(key=key))
    op.execute("DELETE FROM destination_contact WHERE key = 'emergency_number'")


def downgrade():
    op.execute(
        "INSERT INTO destination_contact (destination, locale, key, value, updated_at) "
        "SELECT destination, locale, 'emergency_number', value, updated_at "
        "FROM destination_contact WHERE key = 'police_number'")
    op.execute("DELETE FROM destination_contact WHERE key IN "
               "('police_number', 'ambulance_number')")
