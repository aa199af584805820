"""Rules for an import's rows: reading a birth date as spreadsheets write it, and telling
whether two rows (or a row and a trainee) are the same person."""

import re
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l

from orientation.accounts.rules import to_ascii_digits

# Trainees are adults going to work; a birth date outside these ages is a typing mistake.
MIN_AGE = 15
MAX_AGE = 100

# Year first (ISO 2001-03-31; Chinese spreadsheets write 2001/3/31), or day first as
# Cambodian, Lao and Vietnamese spreadsheets do (31/03/2001, 31-03-2001, 31.03.2001).
# One separator per date; the year has four digits, so that no century is guessed.
_YEAR_FIRST = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})")
_DAY_FIRST = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})")


def age_on(born, today):
    """Whole years from `born` to `today`."""
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def read_birth_date(text, today):
    """The date in a birth_date cell, or None when it is empty; raises ValueError with a
    message for a date that cannot be read, does not exist, is in the future, or gives an
    age under MIN_AGE or over MAX_AGE on `today`."""
    typed = (text or "").strip()
    if not typed:
        return None
    cell = to_ascii_digits(typed)
    if found := _YEAR_FIRST.fullmatch(cell):
        year, _sep, month, day = found.groups()
    elif found := _DAY_FIRST.fullmatch(cell):
        day, _sep, month, year = found.groups()
    else:
        raise ValueError(_l("Birth date %(value)s cannot be read: write day/month/year, "
                            "for example 31/03/2001.", value=typed))
    try:
        born = date(int(year), int(month), int(day))
    except ValueError:
        raise ValueError(_l("Birth date %(value)s does not exist: write day/month/year, "
                            "for example 31/03/2001.", value=typed)) from None
    if born > today:
        raise ValueError(_l("Birth date %(value)s is in the future.", value=typed))
    age = age_on(born, today)
    if age < MIN_AGE:
        raise ValueError(_l("Birth date %(value)s: a trainee must be at least %(age)s "
                            "years old.", value=typed, age=MIN_AGE))
    if age > MAX_AGE:
        raise ValueError(_l("Birth date %(value)s is more than %(age)s years ago: check "
                            "the year.", value=typed, age=MAX_AGE))
    return born


@dataclass(frozen=True)
class Person:
    """What tells trainees of a centre apart: cleaned name, phone (E.164) and birth date."""

    name: str
    phone: str | None
    born: date | None


def same_person(a, b):
    """Same name, and the same phone or the same birth date.

    Without a phone on either side the name decides, as it did before birth dates, unless
    both birth dates are known and differ: two people of one common name without phones."""
    if a.name != b.name:
        return False
    if a.born is not None and a.born == b.born:
        return True
    if a.phone or b.phone:
        return a.phone == b.phone
    return a.born is None or b.born is None
