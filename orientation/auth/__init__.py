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
def load_user(session_id):
    """The user a session names, while the session's version is still the account's."""
    user_id, _, version = session_id.partition(":")
    if not (user_id.isascii() and user_id.isdigit() and version.isascii() and version.isdigit()):
        return None  # also a cookie from before session versions: log in again
    user = db.session.get(User, int(user_id)) if len(user_id) < 10 else None
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user


from orientation.auth import views  # noqa: E402,F401  (views attach routes to bp)
