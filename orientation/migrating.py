"""Flask-Migrate, loaded only when something migrates (`flask db ...`, flask_migrate.upgrade).

Importing it imports Alembic and every SQLAlchemy dialect Alembic knows: about 11 MB and
0.2 s that a server process never uses. So create_app registers a stand-in `db` command group
and a stand-in app.extensions["migrate"]; the first use of either makes the real ones.
"""

import click


def init_app(app, db, **options):
    app.extensions["migrate"] = _PendingConfig(app, db, options)
    app.cli.add_command(_PendingGroup(app, db, options))


def load(app, db, options):
    """Bind Flask-Migrate for real (it replaces both stand-ins); its `db` command group."""
    from flask_migrate import Migrate
    from flask_migrate.cli import db as db_group

    if isinstance(app.extensions.get("migrate"), _PendingConfig):
        Migrate(app, db, **options)
    return db_group


class _PendingConfig:
    """Stands for Flask-Migrate's config until something reads it."""

    def __init__(self, app, db, options):
        self._pending = (app, db, options)

    def __getattr__(self, name):
        app = self._pending[0]
        load(*self._pending)
        return getattr(app.extensions["migrate"], name)


class _PendingGroup(click.Group):
    """`flask db ...`: Flask-Migrate's own group, loaded when the command line asks for it."""

    def __init__(self, app, db, options):
        super().__init__("db", help="Perform database migrations.")
        self._pending = (app, db, options)

    def make_context(self, info_name, args, parent=None, **extra):
        # The real group parses the arguments (its -d and -x options too) and runs.
        return load(*self._pending).make_context(info_name, args, parent=parent, **extra)

    def list_commands(self, ctx):
        return load(*self._pending).list_commands(ctx)

    def get_command(self, ctx, cmd_name):
        return load(*self._pending).get_command(ctx, cmd_name)
