"""Checks for the fields of package files: each returns None, or what the value should be."""

import re
from datetime import date

from orientation.content.packages import LANGUAGES

ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def an_id(value):
    if isinstance(value, str) and ID.fullmatch(value):
        return None
    return "lower-case-words-with-dashes"


def optional(check):
    return lambda value: None if value is None else check(value)


def one_of(options, optional_=False):
    def check(value):
        if (value is None and optional_) or value in options:
            return None
        return f"one of {', '.join(options)}" + (" or null" if optional_ else "")
    return check


def whole_number(low, high=None, optional_=False):
    def check(value):
        if value is None and optional_:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < low or (
                high is not None and value > high):
            return f"a whole number from {low}" + (f" to {high}" if high else "")
        return None
    return check


def hours(value):
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 500
    return None if ok else "a number of hours"


def boolean(value):
    return None if isinstance(value, bool) else "true or false"


def text(value):
    return None if isinstance(value, str) and value.strip() else "a non-empty text"


def texts(value):
    """A text per language, English required."""
    if not isinstance(value, dict) or not value:
        return "a text per language: {en: ..., km: ...}"
    unknown = set(value) - set(LANGUAGES)
    if unknown:
        return f"unknown languages {sorted(unknown)}"
    if "en" not in value:
        return "the English text (en) is the source and is required"
    if not all(isinstance(v, str) and v.strip() for v in value.values()):
        return "every text must be non-empty"
    return None


def ids(value):
    if not isinstance(value, list) or not all(an_id(v) is None for v in value):
        return "a list of ids (lower-case-words-with-dashes)"
    return None


def non_empty_list(value):
    return None if isinstance(value, list) and value else "a non-empty list"


def mapping(value):
    return None if isinstance(value, dict) else "a mapping"


def source_sha(value):
    if isinstance(value, str) and re.fullmatch(r"[0-9a-f]{12}", value):
        return None
    return "12 hex digits (flask --app orientation courses source-sha FILE)"


def anything(value):
    return None


def every_language(value):
    """A text in each of the five languages (what a reader sees must exist in theirs)."""
    message = texts(value)
    if message:
        return message
    missing = [lang for lang in LANGUAGES if lang not in value]
    return f"missing in {', '.join(missing)}" if missing else None


def a_date(value):
    return None if isinstance(value, date) else "a date written 2026-12-07"
