"""Setting the contacts that lessons name by placeholder (per destination and language)."""

from sqlalchemy import select

from orientation import audit
from orientation.content.library import get_library
from orientation.extensions import db
from orientation.models import DestinationContact


def get_contact(destination, locale, key):
    """One contact's value, or None."""
    return db.session.scalar(select(DestinationContact.value).where(
        DestinationContact.destination == destination, DestinationContact.locale == locale,
        DestinationContact.key == key))


def set_contact(destination, locale, key, value, actor=None):
    """Set (or, with an empty value, remove) one contact, audited."""
    if key not in get_library().contacts:
        raise ValueError(f"unknown contact {key!r}; see courses/contacts.yaml")
    row = db.session.scalar(select(DestinationContact).where(
        DestinationContact.destination == destination, DestinationContact.locale == locale,
        DestinationContact.key == key))
    value = (value or "").strip()
    if row is None and not value:
        return None
    if row is None:
        row = DestinationContact(destination=destination, locale=locale, key=key, value=value)
        db.session.add(row)
    elif row.value == value:
        return row
    if value:
        row.value = value
        audit.record("contact.set", row, actor=actor, destination=destination, locale=locale,
                     key=key, value=value)
    else:
        audit.record("contact.removed", row, actor=actor, destination=destination,
                     locale=locale, key=key)
        db.session.delete(row)
    db.session.commit()
    return row
