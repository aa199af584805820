"""Starting a session for a person, and self-registration with double-submit safety."""

from datetime import timedelta
from urllib.parse import urlsplit

from flask import session
from flask_babel import get_locale
from flask_login import login_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from orientation.accounts import services as accounts
from orientation.extensions import db
from orientation.models import Role, User
from orientation.models.base import utcnow

# How long a resent registration form still finds the account it created.
REPLAY_WINDOW = timedelta(minutes=10)


def start_session(user):
    """Log a user in on a fresh session; the page's language becomes theirs if they had none."""
    session.clear()  # nothing from before the login survives it
    login_user(user)
    session.permanent = True
    user.last_login_at = utcnow()  # after it, an import's login card no longer resets the PIN
    if user.preferred_locale is None:
        user.preferred_locale = str(get_locale())
    db.session.commit()


def log_in(login, secret, phone_region):
    """Check a login and start a session; the user, or None when it does not match."""
    user = accounts.authenticate(login, secret, phone_region)
    if user is not None:
        start_session(user)
    return user


def safe_next(target):
    """A `next` address to go to after login, only when it stays on this site."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def register_trainee(display_name, latin_name, phone, secret, token):
    """Create a trainee from cleaned values and log them in.

    The form's token makes a double submit log into the account the first one created;
    a token older than the replay window gives None (the form must be filled in again).
    """
    try:
        user = accounts.create_user(
            Role.trainee, display_name, secret, latin_name=latin_name, phone=phone,
            preferred_locale=str(get_locale()), signup_token=token or None,
        )
    except IntegrityError:
        db.session.rollback()
        user = db.session.scalar(select(User).where(User.signup_token == token))
        if user is None or utcnow() - user.created_at > REPLAY_WINDOW:
            return None
    start_session(user)
    return user
