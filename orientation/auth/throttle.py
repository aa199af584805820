"""Throttling: logins per account, new accounts per address. Each login attempt is counted
before its secret is checked.

The key is the account a login names (however the code or phone was typed), so each spelling
of a phone number does not get its own ten tries; a login that names no account is keyed on
its canonical form, so that a lock looks the same whether the account exists or not. A hit is
reserved atomically before the slow hash check, so concurrent guesses cannot all get through.
"""

import math
import time

from flask import current_app
from limits import parse

from orientation.accounts import rules
from orientation.extensions import limiter

SCOPE = "login-account"
# Second-factor codes have their own count per account, under the same limit: a right
# password starts the password's count again, never the codes' count.
CODE_SCOPE = "second-factor"
REGISTER_SCOPE = "register-address"


def account_key(user, login, region):
    """What the count is kept for: the account, or the canonical text of an unknown login."""
    if user is not None:
        return f"user:{user.id}"
    try:
        phone = rules.clean_phone(login, region)
    except ValueError:
        phone = None
    return f"phone:{phone}" if phone else f"code:{rules.normalise_login(login)[:64]}"


def _limit():
    return parse(current_app.config["LOGIN_LIMIT_PER_ACCOUNT"])


def reserve(key, scope=SCOPE):
    """Count one attempt; False when the account is already at its limit (locked)."""
    if not limiter.enabled:
        return True
    return limiter.limiter.hit(_limit(), scope, key)


def forgive(key, scope=SCOPE):
    """A right secret: the account's count starts again."""
    if limiter.enabled:
        limiter.limiter.clear(_limit(), scope, key)


def seconds_left(key, scope=SCOPE):
    """How long the lock on this key still lasts, in seconds (at least one)."""
    return _seconds_to_reset(_limit(), scope, key)


def _seconds_to_reset(limit, *identifiers):
    reset_at = limiter.limiter.get_window_stats(limit, *identifiers).reset_time
    return max(1, math.ceil(reset_at - time.time()))


def registration_wait(address):
    """Count one new account from this address: None when allowed, else seconds to wait."""
    if not limiter.enabled:
        return None
    limit = parse(current_app.config["REGISTER_LIMIT_PER_ADDRESS"])
    if limiter.limiter.hit(limit, REGISTER_SCOPE, address):
        return None
    return _seconds_to_reset(limit, REGISTER_SCOPE, address)
