"""The rules of the second factor, without a request: TOTP codes (RFC 6238: 6 digits, a new
one every 30 seconds) with one step of clock drift either way and no code used twice, and
recovery codes that each work once.
"""

import hmac
import re
import secrets

import pyotp

from orientation.accounts.rules import to_ascii_digits
from orientation.models import Role

STEP_SECONDS = 30
DRIFT_STEPS = 1  # a phone's clock a little fast or slow still works
ISSUER = "Orientation"
RECOVERY_CODES = 10
# Letters and digits nobody confuses when reading them aloud or copying from paper
# (no 0/o, 1/l/i, 5/s, 2/z, 8/b).
RECOVERY_ALPHABET = "34679acdefghjkmnpqrtuvwxy"
RECOVERY_LENGTH = 10  # about 46 bits: with throttling, no one guesses one
CODE = re.compile(r"\d{6}")
# Settings that require a second factor, by role (orientation.settings keeps them).
REQUIRED_SETTING = {Role.admin: "second_factor.admins", Role.trainer: "second_factor.trainers"}


def new_secret():
    """A new random base32 secret of 160 bits, as RFC 4226 recommends."""
    return pyotp.random_base32()


def grouped(secret):
    """The secret in groups of four letters, to type into an app by hand."""
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def provisioning_uri(secret, login):
    """What the QR code holds: the otpauth:// address an authenticator app reads."""
    return pyotp.TOTP(secret).provisioning_uri(name=login, issuer_name=ISSUER)


def clean_code(text):
    """The six digits of a typed code (spaces dropped, any script's digits read), or None."""
    digits = to_ascii_digits(re.sub(r"[\s-]", "", text or ""))
    return digits if CODE.fullmatch(digits) else None


def matching_step(secret, text, now, last_step=None):
    """The 30-second step whose code `text` is, at unix time `now`, or None.

    The current step and one on each side are accepted. A step at or before `last_step`
    (the last one accepted) is refused: a code, or an older one, never works twice.
    """
    code = clean_code(text)
    if code is None or not secret:
        return None
    totp = pyotp.TOTP(secret)
    current = int(now) // STEP_SECONDS
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if last_step is not None and step <= last_step:
            continue
        if hmac.compare_digest(totp.at(step * STEP_SECONDS), code):
            return step
    return None


def new_recovery_codes(count=RECOVERY_CODES):
    """Fresh recovery codes, written as two groups of five (`abcde-fghjk`)."""
    return [_group_recovery("".join(secrets.choice(RECOVERY_ALPHABET)
                                    for _ in range(RECOVERY_LENGTH)))
            for _ in range(count)]


def _group_recovery(code):
    half = RECOVERY_LENGTH // 2
    return f"{code[:half]}-{code[half:]}"


def clean_recovery_code(text):
    """A typed recovery code as it was made (case, spaces and dashes do not matter), or None."""
    code = re.sub(r"[\s\-]", "", text or "").lower()
    if len(code) != RECOVERY_LENGTH or any(c not in RECOVERY_ALPHABET for c in code):
        return None
    return _group_recovery(code)


def is_required(role, settings):
    """Must a person of this role have a second factor, with these settings ({key: value})?"""
    key = REQUIRED_SETTING.get(role)
    return bool(key and settings.get(key))


def may_require_for_admins(admin):
    """An admin may require a second factor for admins only once they have one themselves:
    otherwise the next page would send them to set it up (and no admin might have it)."""
    return admin.has_second_factor
