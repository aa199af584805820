"""What the speed work relies on: a server process stays lean, and per-render shortcuts give
the same text as Flask-Babel's own path."""

import subprocess
import sys

from flask import render_template_string
from flask_babel import force_locale
from flask_babel import gettext as babel_gettext
from flask_babel import ngettext as babel_ngettext


def test_a_server_process_does_not_import_migrations_tools():
    """Alembic (through Flask-Migrate) costs a server 11 MB and 0.2 s: `flask db` loads it."""
    code = ("import sys; from orientation import create_app; create_app(); "
            "print(sorted(m for m in ('alembic', 'flask_migrate') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_flask_db_still_offers_the_migration_commands(app, runner):
    result = runner.invoke(args=["db", "--help"])
    assert result.exit_code == 0, result.output
    assert "upgrade" in result.output and "--directory" in result.output


def test_template_gettext_follows_the_locale_of_the_render(app):
    template = ("{{ _('Log in') }}|{{ _('%(name)s', name='<b>') }}|"
                "{{ ngettext('%(num)d trainee', '%(num)d trainees', 3) }}")
    with app.test_request_context("/en/"):
        for locale in ("km", "lo", "en"):
            with force_locale(locale):
                expected = (f"{babel_gettext('Log in')}|&lt;b&gt;|"
                            f"{babel_ngettext('%(num)d trainee', '%(num)d trainees', 3)}")
                assert render_template_string(template) == expected
        assert render_template_string("{{ _('Log in') }}") == "Log in"
