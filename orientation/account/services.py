"""Changing one's own PIN or password: throttled like a login, audited, other sessions end."""

from flask_login import login_user

from orientation import audit
from orientation.accounts import services as accounts
from orientation.auth import throttle
from orientation.auth.services import Locked
from orientation.extensions import db
from orientation.models import Role


def change_secret(user, old, new):
    """Give `user` the secret `new` (already cleaned by the rules) when `old` is theirs now.

    True when changed; False when `old` is wrong. Each try counts against the same limit as
    logging in to this account, before the old secret is checked, so that a phone left logged
    in cannot be used to guess the PIN: Locked when the account has used its attempts.
    Every session of the user ends (the caller renews the one making the change).
    """
    key = throttle.account_key(user, user.login_code, None)
    if not throttle.reserve(key):
        raise Locked(throttle.seconds_left(key))
    if not accounts.check_login(user, old):
        return False
    throttle.forgive(key)
    accounts.set_secret(user, new)
    if user.role == Role.trainee:
        audit.record("user.pin_changed", user, actor=user, centre_id=user.centre_id)
    else:
        audit.record("user.password_changed", user, actor=user, centre_id=user.centre_id)
    db.session.commit()
    return True


def keep_this_session(user):
    """The session that made the change carries the new session version; only the others
    end. Whether it lasts past the browser ("Keep me logged in") stays as it was."""
    login_user(user)
