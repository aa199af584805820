"""A second factor (TOTP, with recovery codes) for trainers and admins: their own pages
under /account/second-factor, the login's code page, and the admin's security page."""

from flask import Blueprint

bp = Blueprint("second_factor", __name__)
admin_bp = Blueprint("security", __name__)


def init_app(app):
    from orientation.second_factor.guard import require_set_up

    app.before_request(require_set_up)


from orientation.second_factor import admin_views, views  # noqa: E402,F401  (routes)
