"""The import's rules without a request: reading a birth date, and who is the same person."""

from datetime import date

import pytest

from orientation.trainer.import_rules import Person, age_on, read_birth_date, same_person

TODAY = date(2026, 12, 7)


@pytest.mark.parametrize(("cell", "born"), [
    ("2001-03-31", date(2001, 3, 31)),  # ISO
    ("31/03/2001", date(2001, 3, 31)),  # day first, as Khmer and Lao spreadsheets write
    ("31-03-2001", date(2001, 3, 31)),
    ("31.03.2001", date(2001, 3, 31)),
    ("1/3/2001", date(2001, 3, 1)),  # day and month without a leading zero
    ("2001/3/1", date(2001, 3, 1)),  # year first, as Chinese spreadsheets write
    (" 05/06/1990 ", date(1990, 6, 5)),
    ("៣១/០៣/២០០១", date(2001, 3, 31)),  # Khmer digits
    ("໓໑/໐໓/໒໐໐໑", date(2001, 3, 31)),  # Lao digits
    ("29/02/2004", date(2004, 2, 29)),  # a leap day that exists
    ("", None),
    ("   ", None),
])
def test_birth_dates_are_read(app, cell, born):
    assert read_birth_date(cell, TODAY) == born


@pytest.mark.parametrize(("cell", "message"), [
    ("31/02/2001", "does not exist"),
    ("29/02/2001", "does not exist"),  # 2001 is not a leap year
    ("03/31/2001", "does not exist"),  # month first: no 31st month
    ("00/01/2001", "does not exist"),
    ("31/03/01", "cannot be read"),  # a two-digit year: which century?
    ("31/03-2001", "cannot be read"),  # two separators
    ("March 31, 2001", "cannot be read"),
    ("2001-03-31T00:00", "cannot be read"),
    ("08/12/2026", "in the future"),
    ("31/12/2030", "in the future"),
    ("08/12/2011", "at least 15 years old"),  # 15 tomorrow
    ("07/12/1925", "more than 100 years ago"),  # 101 today
])
def test_wrong_birth_dates_say_why(app, cell, message):
    with pytest.raises(ValueError) as refused:
        read_birth_date(cell, TODAY)
    with app.test_request_context("/en/"):
        text = str(refused.value.args[0])
    assert message in text and cell.strip() in text


@pytest.mark.parametrize("cell", ["07/12/2011", "08/12/1925"])  # 15 today; 100 until tomorrow
def test_the_age_limits_are_inclusive(app, cell):
    assert read_birth_date(cell, TODAY) is not None


def test_age_counts_whole_years():
    assert age_on(date(2004, 2, 29), date(2026, 2, 28)) == 21
    assert age_on(date(2004, 2, 29), date(2026, 3, 1)) == 22
    assert age_on(date(2001, 12, 7), TODAY) == 25


SOK = Person("Sok", "+85512345678", date(2001, 3, 31))


@pytest.mark.parametrize(("other", "same"), [
    (Person("Sok", "+85512345678", date(2001, 3, 31)), True),
    (Person("Sok", "+85512345678", None), True),  # same phone, no birth date
    (Person("Sok", "+85599999999", date(2001, 3, 31)), True),  # new phone, same birth date
    (Person("Sok", None, date(2001, 3, 31)), True),
    (Person("Sok", "+85512345678", date(1999, 1, 1)), True),  # name and phone decide
    (Person("Sok", "+85599999999", None), False),
    (Person("Sok", "+85599999999", date(1999, 1, 1)), False),
    (Person("Sok", None, None), False),  # one has a phone, the other none, no birth date
    (Person("Dara", "+85512345678", date(2001, 3, 31)), False),  # a sibling's phone
])
def test_same_person_is_same_name_and_phone_or_birth_date(other, same):
    assert same_person(SOK, other) is same
    assert same_person(other, SOK) is same


@pytest.mark.parametrize(("a_born", "b_born", "same"), [
    (None, None, True),  # no phone on either side: the name decides, as before
    (date(2001, 3, 31), None, True),
    (date(2001, 3, 31), date(2001, 3, 31), True),
    (date(2001, 3, 31), date(1999, 1, 1), False),  # two people of one common name
])
def test_without_phones_only_different_birth_dates_tell_apart(a_born, b_born, same):
    assert same_person(Person("Lan", None, a_born), Person("Lan", None, b_born)) is same
