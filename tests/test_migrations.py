"""Migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from orientation.extensions import db
from orientation.models import Base


def _empty_database():
    db.drop_all()
    with db.engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))


def test_upgrade_to_head_matches_models_and_downgrade_empties(app):
    _empty_database()
    upgrade()
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []
    downgrade(revision="base")
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}


def test_cli_applies_migrations(app, runner):
    _empty_database()
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert "user_account" in inspect(db.engine).get_table_names()


def test_emergency_number_becomes_police_and_ambulance_numbers(app):
    """0011 keeps what a centre set for the one emergency number in both new slots."""
    _empty_database()
    upgrade(revision="0010")
    with db.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO destination_contact (destination, locale, key, value, updated_at) "
            "VALUES ('TH', 'km', 'emergency_number', '191 / 1669', CURRENT_TIMESTAMP), "
            "('KR', 'vi', 'emergency_number', '112', CURRENT_TIMESTAMP), "
            "('KR', 'vi', 'ambulance_number', '119', CURRENT_TIMESTAMP)"))
    upgrade(revision="0011")
    with db.engine.connect() as connection:
        rows = set(connection.execute(text(
            "SELECT destination, locale, key, value FROM destination_contact")))
    assert rows == {("TH", "km", "police_number", "191 / 1669"),
                    ("TH", "km", "ambulance_number", "191 / 1669"),
                    ("KR", "vi", "police_number", "112"),
                    ("KR", "vi", "ambulance_number", "119")}
    upgrade()
