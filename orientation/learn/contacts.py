"""Setting the contacts that lessons name by placeholder (per destination and language).

courses/contacts.yaml lists the keys; what each one means is an interface string here, so
that an admin reads it in their own language.
"""

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from orientation import audit
from orientation.content.library import get_library
from orientation.extensions import db
from orientation.models import DestinationContact

MAX_LENGTH = 500  # the column's size
STALE_DAYS = 365  # a contact checked longer ago than this is flagged
DESCRIPTIONS = {
    "embassy_phone": _l("Phone of the trainee's own embassy or consulate in the destination "
                        "country"),
    "embassy_address": _l("Address of the trainee's own embassy or consulate in the "
                          "destination country"),
    "labour_attache_phone": _l("Phone of the labour attaché (labour counsellor) at that "
                               "embassy"),
    "destination_labour_hotline": _l("Hotline of the destination country's labour authority"),
    "police_number": _l("Emergency number of the police in the destination country (Thailand "
                        "and South Korea have separate police and ambulance numbers)"),
    "ambulance_number": _l("Emergency number for an ambulance in the destination country"),
    "migrant_helpline": _l("A helpline or workers' organisation that helps migrant workers "
                           "there"),
    "home_labour_office": _l("The home country's office for workers abroad (ministry or "
                             "department)"),
    "centre_phone": _l("Phone of the training centre"),
    "anti_trafficking_hotline": _l("A hotline for victims of trafficking or forced labour, in "
                                   "the destination or at home"),
}


class ContactError(ValueError):
    """A value or date that cannot be saved; args[0] is the translated message."""


def description(key):
    """What a contact key means, translated; the file's English for a key added since."""
    return DESCRIPTIONS.get(key) or get_library().contacts.get(key, key)


def clean_value(value):
    """A contact's value, trimmed (empty removes it), or ContactError when too long."""
    value = (value or "").strip()
    if len(value) > MAX_LENGTH:
        raise ContactError(_l("At most %(max)d characters.", max=MAX_LENGTH))
    return value


def clean_checked_on(checked_on, today):
    """The date a contact was checked, or ContactError when it is after today."""
    if checked_on is not None and checked_on > today:
        raise ContactError(_l("The date it was checked cannot be in the future."))
    return checked_on


def is_stale(checked_on, today):
    """Never checked, or checked more than a year ago."""
    return checked_on is None or (today - checked_on).days > STALE_DAYS


def get_contact(destination, locale, key):
    """One contact's value, or None."""
    return db.session.scalar(select(DestinationContact.value).where(
        DestinationContact.destination == destination, DestinationContact.locale == locale,
        DestinationContact.key == key))


def get_contact_rows(destination, locale):
    """{key: DestinationContact} set for a destination and language."""
    return {row.key: row for row in db.session.scalars(select(DestinationContact).where(
        DestinationContact.destination == destination, DestinationContact.locale == locale))}


@dataclass(frozen=True)
class Coverage:
    """How many contacts are set for a destination and language, and the oldest check."""

    count: int
    oldest: date | None
    unchecked: int  # set but never given a checked date

    def stale(self, today):
        return self.count > 0 and (self.unchecked > 0 or is_stale(self.oldest, today))


def get_coverage(keys):
    """{(destination, locale): Coverage} of these keys (a key dropped from contacts.yaml no
    longer counts) for every pair that has contacts, in one query."""
    rows = db.session.execute(
        select(DestinationContact.destination, DestinationContact.locale,
               func.count(DestinationContact.id), func.min(DestinationContact.checked_on),
               func.count(DestinationContact.id) - func.count(DestinationContact.checked_on))
        .where(DestinationContact.key.in_(list(keys)))
        .group_by(DestinationContact.destination, DestinationContact.locale))
    return {(dest, locale): Coverage(count, oldest, unchecked)
            for dest, locale, count, oldest, unchecked in rows}


def _apply(destination, locale, key, row, value, checked_on, actor):
    """Change one row to (value, checked_on) and audit it; False when nothing differs."""
    before = {"value": row.value, "checked_on": _iso(row.checked_on)} if row else None
    if row is None and not value:
        return False
    if row is not None and row.value == value and row.checked_on == checked_on:
        return False
    if row is None:
        row = DestinationContact(destination=destination, locale=locale, key=key)
        db.session.add(row)
    where = {"destination": destination, "locale": locale, "key": key}
    if not value:
        audit.record("contact.removed", row, actor=actor, **where, before=before)
        db.session.delete(row)
        return True
    row.value, row.checked_on = value, checked_on
    audit.record("contact.set", row, actor=actor, **where, value=value,
                 checked_on=_iso(checked_on), before=before)
    return True


def _iso(day):
    return day.isoformat() if day else None


def save_contacts(destination, locale, entries, actor=None):
    """Save a destination and language's contacts ({key: (value, checked_on)}, already
    cleaned) in one transaction: only what changed, each change audited with its values
    before and after. Returns the keys that changed."""
    known = get_library().contacts
    unknown = set(entries) - set(known)
    if unknown:
        raise ValueError(f"unknown contacts {sorted(unknown)}; see courses/contacts.yaml")
    rows = get_contact_rows(destination, locale)
    try:
        changed = [key for key, (value, checked_on) in entries.items()
                   if _apply(destination, locale, key, rows.get(key), value, checked_on, actor)]
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return changed


def set_contact(destination, locale, key, value, actor=None, checked_on=None):
    """Set (or, with an empty value, remove) one contact, audited. A value set again
    without a date keeps the date it had."""
    if key not in get_library().contacts:
        raise ValueError(f"unknown contact {key!r}; see courses/contacts.yaml")
    row = get_contact_rows(destination, locale).get(key)
    value = (value or "").strip()
    if checked_on is None and row is not None and row.value == value:
        checked_on = row.checked_on
    save_contacts(destination, locale, {key: (value, checked_on)}, actor)
    return get_contact_rows(destination, locale).get(key)
