"""Creating people, changing their role and checking their login."""

import contextlib
import os
from concurrent.futures import ThreadPoolExecutor

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from sqlalchemy import func, select

from orientation import audit
from orientation.accounts import rules
from orientation.extensions import db
from orientation.models import Role, User


class TrainerWithoutCentre(ValueError):
    """A trainer works for a centre: an account cannot be a trainer without one."""


def check_role_centre(role, centre):
    """Refuse a trainer without a centre (a Centre or its id); admins and trainees may have
    none."""
    if role == Role.trainer and centre is None:
        raise TrainerWithoutCentre("a trainer needs a centre")


def _hasher():
    config = current_app.config
    return PasswordHasher(
        time_cost=config["ARGON2_TIME_COST"],
        memory_cost=config["ARGON2_MEMORY_COST"],
        parallelism=config["ARGON2_PARALLELISM"],
    )


def hash_secret(secret):
    """An argon2id hash of a PIN or password, at the configured cost."""
    return _hasher().hash(secret)


def hash_secrets(secrets_):
    """Many hashes at once, on every core (argon2 releases the GIL while it works)."""
    hasher = _hasher()
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        return list(pool.map(hasher.hash, secrets_))


def verify_secret(user, secret):
    """True when the secret matches; rehashes in place when the cost setting changed."""
    hasher = _hasher()
    try:
        hasher.verify(user.password_hash, secret)
    except (VerificationError, InvalidHashError):
        return False
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hasher.hash(secret)
    return True


def get_user_by_login(login, region):
    """The active account a login code or phone number names, or None.

    A phone number names an account only while exactly one active account has it.
    """
    code = rules.normalise_login(login)
    if not code:
        return None
    user = db.session.scalar(select(User).where(User.login_code == code, User.active))
    if user is not None:
        return user
    try:
        phone = rules.clean_phone(login, region)
    except ValueError:
        return None
    if phone is None:
        return None
    found = db.session.scalars(select(User).where(User.phone == phone, User.active).limit(2))
    matches = found.all()
    return matches[0] if len(matches) == 1 else None


def authenticate(login, secret, region):
    """The user whose login and secret match, or None; takes as long for an unknown login."""
    user = get_user_by_login(login, region)
    return user if check_login(user, secret) else None


def check_login(user, secret):
    """True when `user` has this secret; as slow when `user` is None (an unknown login)."""
    pin = rules.to_ascii_digits(secret or "")
    typed = pin if rules.PIN.fullmatch(pin) else (secret or "")
    if user is None:
        _spend_equal_time(typed)
        return False
    if not verify_secret(user, typed):
        return False
    db.session.commit()  # keeps a rehash, if verify_secret made one
    return True


def _spend_equal_time(secret):
    """Verify once so that an unknown login answers as slowly as a wrong secret."""
    dummy = current_app.extensions.get("orientation.dummy_hash")
    if dummy is None:
        dummy = current_app.extensions["orientation.dummy_hash"] = hash_secret("no account")
    with contextlib.suppress(VerificationError, InvalidHashError):
        _hasher().verify(dummy, secret)


def unique_trainee_code():
    """A new trainee code that no account uses yet."""
    while True:
        code = rules.new_trainee_code()
        if db.session.scalar(select(func.count()).where(User.login_code == code)) == 0:
            return code


def create_user(role, display_name, secret, *, login_code=None, latin_name=None, phone=None,
                centre=None, preferred_locale=None, signup_token=None, actor=None,
                commit=True, secret_hash=None, origin=None, birth_date=None):
    """Create an account from values the rules have cleaned, audited, in one transaction."""
    check_role_centre(role, centre)
    user = User(
        role=role,
        login_code=login_code or unique_trainee_code(),
        display_name=display_name,
        latin_name=latin_name,
        phone=phone,
        password_hash=secret_hash or hash_secret(secret),
        preferred_locale=preferred_locale,
        centre=centre,
        signup_token=signup_token,
        birth_date=birth_date,
        # A trainee comes from where they said, else from their centre's country.
        origin=origin or (centre.country if centre is not None and role == Role.trainee
                          else None),
    )
    db.session.add(user)
    audit.record("user.created", user, actor=actor, centre_id=centre.id if centre else None,
                 role=role.value, login_code=user.login_code)
    if commit:
        db.session.commit()
    return user


def end_sessions(user):
    """End every session of this user, wherever its cookie was copied (commit follows)."""
    user.session_version = (user.session_version or 0) + 1


def set_secret(user, secret):
    """A new PIN or password (already checked by the rules); older sessions end."""
    user.password_hash = hash_secret(secret)
    end_sessions(user)


def set_active(user, active, *, actor=None):
    """Disable or enable an account, audited; disabling ends its sessions."""
    if user.active == active:
        return user
    user.active = active
    end_sessions(user)
    if active:
        audit.record("user.enabled", user, actor=actor, centre_id=user.centre_id)
    else:
        audit.record("user.disabled", user, actor=actor, centre_id=user.centre_id)
    db.session.commit()
    return user


def change_role(user, role, *, centre=None, actor=None):
    """Give a user another role (and, when given, a centre), audited; does nothing when
    nothing changes. A trainer needs a centre: TrainerWithoutCentre otherwise."""
    centre_id = centre.id if centre is not None else user.centre_id
    if user.role == role and centre_id == user.centre_id:
        return user
    check_role_centre(role, centre_id)
    old = user.role
    user.role, user.centre_id = role, centre_id
    end_sessions(user)
    details = {"old": old.value, "new": role.value}
    if centre is not None:
        details["centre"] = centre.id
    audit.record("user.role_changed", user, actor=actor, centre_id=centre_id, **details)
    db.session.commit()
    return user


def login_taken(login_code):
    """True when an account already uses this login code."""
    return db.session.scalar(select(func.count()).where(User.login_code == login_code)) > 0

