"""Logging in and out, and trainees registering themselves."""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from orientation.extensions import db, login_manager
from orientation.models import User

bp = Blueprint("auth", __name__)

login_manager.login_view = "auth.login"
login_manager.login_message = _l("Please log in to open this page.")
login_manager.login_message_category = "info"


@login_manager.user_loader
def load_user(user_id):
    user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
    return user if user is not None and user.active else None


from orientation.auth import views  # noqa: E402,F401  (views attach routes to bp)
