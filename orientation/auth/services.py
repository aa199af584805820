"""Starting a session for a person, and self-registration with double-submit safety."""

import secrets
import time
from datetime import timedelta
from urllib.parse import urlsplit

from flask import session
from flask_babel import get_locale
from flask_login import login_user, logout_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from orientation import security
from orientation.accounts import services as accounts
from orientation.auth import throttle
from orientation.extensions import db
from orientation.models import Role, User
from orientation.models.base import utcnow

# How long a resent registration form still finds the account it created.
REPLAY_WINDOW = timedelta(minutes=10)
TOKEN_BYTES = 16  # the token is 32 hex characters, the size of User.signup_token
TOKENS_KEPT = 5  # forms open in other tabs of the same browser still work
# A staff member with a second factor who gave the right password: what the code page needs,
# in the signed session cookie, for this long.
AWAITING_CODE = "awaiting_code"
CODE_WAIT_SECONDS = 5 * 60


def start_session(user, remember=False):
    """Log a user in on a fresh session; the page's language becomes theirs if they had none.

    `remember` ("Keep me logged in") makes the session cookie last SESSION_DAYS; otherwise it
    has no expiry and ends when the browser closes. One cookie either way (no Flask-Login
    remember cookie): the session version in it ends every copy at logout or a new secret.
    """
    session.clear()  # nothing from before the login survives it
    login_user(user)
    session.permanent = bool(remember)
    user.last_login_at = utcnow()  # after it, an import's login card no longer resets the PIN
    if user.preferred_locale is None:
        user.preferred_locale = str(get_locale())
    db.session.commit()


class Locked(Exception):
    """Too many attempts on this account: `seconds` until it may try again."""

    def __init__(self, seconds):
        super().__init__(seconds)
        self.seconds = seconds


def log_in(login, secret, phone_region, remember=False):
    """Check a login and start a session; the user, or None when it does not match.

    Raises Locked when the account has used its attempts: counted before the secret is checked.
    """
    user = accounts.get_user_by_login(login, phone_region)
    key = throttle.account_key(user, login, phone_region)
    if not throttle.reserve(key):
        raise Locked(throttle.seconds_left(key))
    if not accounts.check_login(user, secret):
        return None
    throttle.forgive(key)
    if user.has_second_factor:
        await_code(user, remember)  # not logged in yet: the code page finishes the login
    else:
        start_session(user, remember)
    return user


def await_code(user, remember):
    """Remember, for a few minutes, whose password was right: the account, its session
    version (a logout everywhere, a reset or disabling in between ends the wait) and
    "Keep me logged in"."""
    session.clear()
    session[AWAITING_CODE] = {"user": user.id, "version": user.session_version,
                              "until": int(time.time()) + CODE_WAIT_SECONDS,
                              "remember": bool(remember)}


def awaiting_code():
    """True when this browser gave a right password and the code page comes next."""
    return AWAITING_CODE in session


def log_out(user):
    """End this session and every copy of it (and the user's other sessions)."""
    accounts.end_sessions(user)
    db.session.commit()
    logout_user()


def safe_next(target):
    """A `next` address to go to after login, only when it stays on this site."""
    target = security.safe_local_path(target)
    if target is None or urlsplit(target).scheme or urlsplit(target).netloc:
        return None
    return target


def issue_register_token():
    """A token for one registration form shown, remembered in this session only."""
    token = secrets.token_hex(TOKEN_BYTES)
    session["register_tokens"] = [*session.get("register_tokens", [])[-(TOKENS_KEPT - 1):],
                                  token]
    return token


def issued_here(token):
    """True when this session showed a form with this token."""
    return bool(token) and len(token) == 2 * TOKEN_BYTES and \
        token in session.get("register_tokens", [])


def register_trainee(display_name, latin_name, phone, secret, token, origin=None):
    """Create a trainee from cleaned values and log them in.

    The token must have been issued to this session. A double submit (the same token again,
    within the replay window, with the same PIN) logs into the account the first one
    created; anything else gives None (the form must be filled in again).
    """
    if not issued_here(token):
        return None
    try:
        user = accounts.create_user(
            Role.trainee, display_name, secret, latin_name=latin_name, phone=phone,
            preferred_locale=str(get_locale()), signup_token=token, origin=origin,
        )
    except IntegrityError:
        db.session.rollback()
        user = db.session.scalar(select(User).where(User.signup_token == token))
        if user is None or utcnow() - user.created_at > REPLAY_WINDOW or \
                not accounts.check_login(user, secret):
            return None
    start_session(user)
    return user
