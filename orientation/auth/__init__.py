"""Logging in and out, and trainees registering themselves."""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from orientation.extensions import db, login_manager
from orientation.models import User
from orientation.security import bounded_int

bp = Blueprint("auth", __name__)

login_manager.login_view = "auth.login"
login_manager.login_message = _l("Please log in to open this page.")
login_manager.login_message_category = "info"


@login_manager.user_loader
def load_user(session_id):
    """The user a session names, while the session's version is still the account's."""
    user_id, _, version = session_id.partition(":")
    try:
        user_id, version = bounded_int(user_id), bounded_int(version)
    except ValueError:
        return None  # also a cookie from before session versions: log in again
    user = db.session.get(User, user_id)
    if user is None or not user.active or user.session_version != version:
        return None
    return user


from orientation.auth import views  # noqa: E402,F401  (views attach routes to bp)
