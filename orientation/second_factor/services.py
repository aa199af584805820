"""Setting up, using, turning off and resetting a staff member's second factor; each write
owns its transaction and is audited (never with the secret or a code)."""

import time

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, or_, select, update

from orientation import audit, settings
from orientation.accounts import rules as account_rules
from orientation.accounts import services as accounts
from orientation.auth import throttle
from orientation.auth.services import Locked
from orientation.extensions import db
from orientation.models import RecoveryCode, Role, User
from orientation.models.base import utcnow
from orientation.second_factor import rules

STAFF = (Role.trainer, Role.admin)


class Required(Exception):
    """The settings require a second factor for this person's role: it cannot be turned off."""


class OwnFactorFirst(Exception):
    """An admin without a second factor asked to require one for admins."""


def is_required_for(user):
    """Must this person have a second factor (a trainee never)?"""
    return user.role in STAFF and rules.is_required(user.role, settings.get_settings())


def get_codes_left(user):
    """How many of the person's recovery codes are still unused."""
    return db.session.scalar(select(func.count()).where(
        RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None)))


def get_setup_secret(user):
    """The secret being set up (made once, so that reloading the page keeps the QR code the
    app may already have read); None when the second factor is already on."""
    if user.has_second_factor:
        return None
    if user.totp_secret is None:
        user.totp_secret = rules.new_secret()
        db.session.commit()
    return user.totp_secret


def confirm_setup(user, code, now=None):
    """Turn the second factor on when `code` is the app's current one: the new recovery codes
    (to show once), or None when the code is not right."""
    step = rules.matching_step(user.totp_secret, code, _now(now))
    if user.has_second_factor or step is None:
        return None
    user.totp_confirmed_at, user.totp_last_step = utcnow(), step
    codes = _replace_recovery_codes(user)
    audit.record("user.second_factor_on", user, actor=user, centre_id=user.centre_id)
    db.session.commit()
    return codes


def _replace_recovery_codes(user):
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = rules.new_recovery_codes()
    for code_hash in accounts.hash_secrets(codes):
        db.session.add(RecoveryCode(user_id=user.id, code_hash=code_hash))
    return codes


def use_code(user, text, now=None):
    """Accept a code of the app ("totp") or a recovery code ("recovery") once; None otherwise.

    Each is spent by a conditional UPDATE, so two requests racing with the same code cannot
    both succeed.
    """
    if not user.has_second_factor:
        return None
    step = rules.matching_step(user.totp_secret, text, _now(now), user.totp_last_step)
    if step is not None:
        spent = db.session.execute(update(User).where(
            User.id == user.id,
            or_(User.totp_last_step.is_(None), User.totp_last_step < step),
        ).values(totp_last_step=step))
        db.session.commit()
        return "totp" if spent.rowcount == 1 else None
    return "recovery" if _use_recovery_code(user, text) else None


def _use_recovery_code(user, text):
    code = rules.clean_recovery_code(text)
    if code is None:
        return False
    unused = db.session.scalars(select(RecoveryCode).where(
        RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))).all()
    hasher = PasswordHasher()  # the parameters are in each hash
    for row in unused:
        try:
            hasher.verify(row.code_hash, code)
        except (VerificationError, InvalidHashError):
            continue
        spent = db.session.execute(update(RecoveryCode).where(
            RecoveryCode.id == row.id, RecoveryCode.used_at.is_(None)).values(used_at=utcnow()))
        if spent.rowcount != 1:
            db.session.rollback()
            return False
        audit.record("user.recovery_code_used", user, actor=user, centre_id=user.centre_id,
                     codes_left=len(unused) - 1)
        db.session.commit()
        return True
    return False


def check_code(user, text, now=None):
    """use_code, counted against the account's limit of code attempts (its own count: a right
    password does not start it again). Locked when the attempts are used up."""
    key = throttle.account_key(user, user.login_code, None)
    if not throttle.reserve(key, throttle.CODE_SCOPE):
        raise Locked(throttle.seconds_left(key, throttle.CODE_SCOPE))
    kind = use_code(user, text, now)
    if kind is not None:
        throttle.forgive(key, throttle.CODE_SCOPE)
    return kind


def turn_off(user, password, code, now=None):
    """Turn the second factor off with the password and a code (of the app or a recovery
    code): True when done. Required when the settings require it for the person's role."""
    if is_required_for(user):
        raise Required()
    key = throttle.account_key(user, user.login_code, None)
    if not throttle.reserve(key):
        raise Locked(throttle.seconds_left(key))
    if not accounts.check_login(user, password):
        return False
    throttle.forgive(key)
    if check_code(user, code, now) is None:
        return False
    _clear(user)
    audit.record("user.second_factor_off", user, actor=user, centre_id=user.centre_id)
    db.session.commit()
    return True


def _clear(user):
    user.totp_secret = user.totp_confirmed_at = user.totp_last_step = None
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))


def renew_recovery_codes(user, code, now=None):
    """New recovery codes for a code of the app (the old ones stop working); the codes to
    show once, or None when the code is not right."""
    if check_code(user, code, now) is None:
        return None
    codes = _replace_recovery_codes(user)
    audit.record("user.recovery_codes_new", user, actor=user, centre_id=user.centre_id)
    db.session.commit()
    return codes


def set_requirements(admin, *, admins, trainers):
    """Require (or not) a second factor for admins and for trainers, audited; the keys that
    changed. OwnFactorFirst when an admin without one would require it for admins."""
    current = settings.get_settings()
    if admins and not current["second_factor.admins"] and \
            not rules.may_require_for_admins(admin):
        raise OwnFactorFirst()
    return settings.change_settings({"second_factor.admins": bool(admins),
                                     "second_factor.trainers": bool(trainers)}, actor=admin)


def get_staff():
    """Every trainer and admin, admins first, for the security page."""
    return db.session.scalars(select(User).where(User.role.in_(STAFF))
                              .order_by(User.role, User.display_name, User.id)).all()


def get_staff_or_none(user_id):
    """A trainer or admin by id, or None for anyone else."""
    user = db.session.get(User, user_id)
    return user if user is not None and user.role in STAFF else None


def reset(user, typed_login, *, actor):
    """An admin removes a staff member's second factor (a lost phone) when `typed_login`
    is that person's login: their sessions end, it is audited. False when it is not."""
    if account_rules.normalise_login(typed_login or "") != user.login_code:
        return False
    _clear(user)
    accounts.end_sessions(user)
    audit.record("user.second_factor_reset", user, actor=actor, centre_id=user.centre_id)
    db.session.commit()
    return True


def _now(now):
    return time.time() if now is None else now
