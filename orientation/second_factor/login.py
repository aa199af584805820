"""The login's second step: the code page finishes what a right password began
(orientation.auth.services.await_code)."""

import time

from flask import session

from orientation.auth.services import AWAITING_CODE, start_session
from orientation.extensions import db
from orientation.models import User
from orientation.second_factor import services


def get_waiting_user():
    """The account whose password this browser gave, while the wait lasts and the account
    still matches (active, same session version, a second factor); otherwise None, and the
    wait is forgotten."""
    waiting = session.get(AWAITING_CODE)
    user = None
    if isinstance(waiting, dict) and waiting.get("until", 0) >= time.time():
        user = db.session.get(User, waiting.get("user"))
    if user is None or not user.active or not user.has_second_factor or \
            user.session_version != waiting.get("version"):
        session.pop(AWAITING_CODE, None)
        return None
    return user


def finish(user, text, now=None):
    """Log `user` in when `text` is a right code (of the app, or a recovery code, each once);
    "Keep me logged in" from the password step is kept. Locked after too many tries."""
    remember = session[AWAITING_CODE]["remember"]
    if services.check_code(user, text, now) is None:
        return False
    start_session(user, remember)  # a fresh session: the wait ends with it
    return True
