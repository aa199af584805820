"""Rules for what people type: names, login codes, phone numbers, PINs and passwords.

Each rule returns the clean value or raises ValueError with a translatable message, so that
forms and command-line commands refuse the same input with the same words.
"""

import itertools
import re
import secrets
import unicodedata

import phonenumbers
from flask_babel import lazy_gettext as _l

NAME_MAX = 120
SECRET_MAX = 128
LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z .'\-]*")
PIN = re.compile(r"[0-9]{6}")
TRAINEE_CODE_DIGITS = 8
# Letters that print as nothing (Hangul fillers, the blank Braille pattern): a name of them
# looks empty on a certificate.
BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
JOINERS = frozenset("\u200c\u200d")  # zero-width non-joiner and joiner
INVISIBLE = _l("This has a character that cannot be seen or printed. Please type it again.")


def to_ascii_digits(text):
    """Turn Khmer, Lao, Thai, full-width and other decimal digits into 0-9."""
    return "".join(
        str(unicodedata.digit(ch)) if ch.isdecimal() and not ch.isascii() else ch for ch in text
    )


def clean_name(text):
    """A display name in any script: NFC, trimmed, inner spaces collapsed, 1 to 120 characters,
    at least one letter, nothing invisible."""
    name = clean_short_text(text, NAME_MAX)
    if not name:
        raise ValueError(_l("Please enter a name."))
    return name


def clean_short_text(text, max_length):
    """A short text shown to people (a name, a cohort's name): NFC, trimmed, inner spaces
    collapsed, at most `max_length` characters, with a letter and no invisible characters.

    Empty stays empty (the caller decides whether that is allowed).
    """
    if any(unicodedata.category(char) in ("Zl", "Zp") for char in text or ""):
        raise ValueError(INVISIBLE)
    text = " ".join(unicodedata.normalize("NFC", text or "").split())
    if not text:
        return ""
    if len(text) > max_length:
        raise ValueError(_l("A name can have at most %(max)s characters.", max=max_length))
    if any(_is_invisible(text, i) for i in range(len(text))):
        raise ValueError(INVISIBLE)
    if not any(unicodedata.category(char).startswith("L") and char not in BLANK_LETTERS
               for char in text):
        raise ValueError(_l("Please write it with letters."))
    return text


def _is_invisible(text, index):
    """A control, format or unassigned character, or a blank "letter".

    Zero-width (non-)joiners are kept between two letters or marks: Khmer, Lao and other
    scripts need them to choose how letters join.
    """
    char = text[index]
    if char in BLANK_LETTERS:
        return True
    category = unicodedata.category(char)
    if char in JOINERS:
        inside = 0 < index < len(text) - 1 and all(
            unicodedata.category(text[i])[0] in "LM" for i in (index - 1, index + 1))
        return not inside
    return category[0] == "C"


def clean_latin_name(text):
    """The name as in the passport, in Latin letters, upper case; empty means not given."""
    name = " ".join(unicodedata.normalize("NFC", text or "").split()).upper()
    if not name:
        return None
    if len(name) > NAME_MAX:
        raise ValueError(_l("A name can have at most %(max)s characters.", max=NAME_MAX))
    if not LATIN_NAME.fullmatch(name):
        raise ValueError(_l("Write the name with Latin letters A to Z, as in the passport."))
    return name


def normalise_login(text):
    """The stored form of a login code: digits in 0-9, no spaces or dashes, lower case."""
    text = to_ascii_digits(unicodedata.normalize("NFKC", text or ""))
    return re.sub(r"[\s\-.]", "", text).casefold()


def clean_login_code(text):
    """A login chosen for staff: 3 to 32 letters, digits, dots, dashes or underscores."""
    code = normalise_login(text)
    if not re.fullmatch(r"[a-z0-9_]{3,32}", code):
        raise ValueError(_l("A login has 3 to 32 letters a to z, digits or underscores."))
    return code


def new_trainee_code():
    """A random trainee code of 8 digits, easy to read aloud in any language."""
    first = str(secrets.randbelow(9) + 1)  # no leading zero to lose in a spreadsheet
    rest = "".join(str(secrets.randbelow(10)) for _ in range(TRAINEE_CODE_DIGITS - 1))
    return first + rest


def format_code(code):
    """A trainee code in groups of four digits; other logins as they are."""
    if code.isdigit() and len(code) == TRAINEE_CODE_DIGITS:
        return f"{code[:4]} {code[4:]}"
    return code


def clean_phone(text, region):
    """A phone number in E.164 (+85512345678). A number without +country code is read for
    `region`: one country (KH), or several tried in order (a centre's, then a hint)."""
    raw = to_ascii_digits(unicodedata.normalize("NFKC", text or "")).strip()
    if not raw:
        return None
    regions = [region] if isinstance(region, str) or region is None else list(region)
    for candidate in regions or [None]:
        try:
            number = phonenumbers.parse(raw, candidate)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    raise ValueError(_l("This is not a phone number we can use. Example: %(example)s",
                        example=example_phone(next((r for r in regions if r), "KH"))))


def example_phone(region):
    """A mobile number of the country in international form, as the phone library gives it."""
    number = (phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
              or phonenumbers.example_number(region))
    if number is None:
        return "+855 12 345 678"
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def check_secret(secret, may_use_pin):
    """A 6-digit PIN (trainees only) that is not easy to guess, or a password of 8 to 128
    characters."""
    secret = secret or ""
    if may_use_pin and PIN.fullmatch(to_ascii_digits(secret)):
        pin = to_ascii_digits(secret)
        if is_easy_pin(pin):
            raise ValueError(_l("This PIN is too easy to guess. Choose 6 digits without a "
                                "pattern, not 123456 or 000000."))
        return pin
    if len(secret) > SECRET_MAX:
        raise ValueError(_l("A password can have at most %(max)s characters.", max=SECRET_MAX))
    if len(secret) >= 8:
        return secret
    if may_use_pin:
        raise ValueError(
            _l("Use a PIN of exactly 6 digits, or a password of 8 characters or more.")
        )
    raise ValueError(_l("Use a password of 8 characters or more."))


def is_easy_pin(pin):
    """True for the PINs people guess first: one or two digits only (000000, 121212, 111222),
    a run up or down (123456, 654321, 890123), three digits said twice (123123) or each
    digit doubled (112233)."""
    steps = {(int(b) - int(a)) % 10 for a, b in itertools.pairwise(pin)}
    return (len(set(pin)) <= 2 or steps in ({1}, {9}) or pin[:3] == pin[3:]
            or pin[0::2] == pin[1::2])
