"""Centres (create, edit, list) and the audit trail, for admins and the command line."""

import unicodedata

import phonenumbers
from flask_babel import lazy_gettext as _l
from sqlalchemy import case, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from orientation import audit
from orientation.accounts.rules import INVISIBLE
from orientation.extensions import db
from orientation.models import AuditEvent, Centre, Role, User
from orientation.timezones import is_zone

CENTRE_FIELDS = ("name", "licence_number", "country", "time_zone", "address", "signatory_name",
                 "signatory_title", "issuer_line")
LICENCE_MAX = 64


class LicenceTaken(ValueError):
    """Another centre has this licence number: licence numbers are unique."""


def clean_country(text):
    """An ISO 3166 alpha-2 code that the phone library knows (KH, LA, VN, CN), upper case."""
    code = (text or "").strip().upper()
    if code not in phonenumbers.SUPPORTED_REGIONS:
        raise ValueError(_l("This is not a country code such as KH, LA, VN or CN."))
    return code


def clean_time_zone(text):
    """An IANA time zone name (Asia/Vientiane); empty means the country's zone."""
    name = (text or "").strip()
    if name and not is_zone(name):
        raise ValueError(_l("This is not a time zone name. Example: %(example)s",
                            example="Asia/Phnom_Penh"))
    return name or None


def clean_licence(text):
    """A licence number as written on the licence: trimmed, spaces collapsed, 1 to 64
    characters that can all be seen."""
    licence = " ".join(unicodedata.normalize("NFKC", text or "").split())
    if not licence:
        raise ValueError(_l("Please give the licence number."))
    if len(licence) > LICENCE_MAX:
        raise ValueError(_l("At most %(max)s characters.", max=LICENCE_MAX))
    if any(unicodedata.category(char)[0] == "C" for char in licence):
        raise ValueError(INVISIBLE)
    return licence


def get_centres():
    """Every centre with its number of trainers and trainees, in one query."""
    trainers = func.count(case((User.role == Role.trainer, User.id)))
    trainees = func.count(case((User.role == Role.trainee, User.id)))
    rows = db.session.execute(
        select(Centre, trainers, trainees)
        .outerjoin(User, User.centre_id == Centre.id)
        .group_by(Centre.id)
        .order_by(Centre.name)
    )
    return [(centre, n_trainers, n_trainees) for centre, n_trainers, n_trainees in rows]


def get_recent_events(limit=50):
    """The latest audit events, newest first, with their actors."""
    return db.session.scalars(
        select(AuditEvent).options(joinedload(AuditEvent.actor))
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(limit)
    ).all()


def get_centre(licence_number):
    """The centre with this licence number, or None."""
    return db.session.scalar(select(Centre).where(Centre.licence_number == licence_number))


def get_centre_by_id(centre_id):
    """The centre with this id, or None."""
    return db.session.get(Centre, centre_id)


def licence_taken(licence_number, centre=None):
    """True when a centre other than `centre` has this licence number."""
    other = get_centre(licence_number)
    return other is not None and other is not centre


def create_centre(*, actor=None, **values):
    """A new centre, audited; LicenceTaken when another centre has its licence number."""
    if licence_taken(values["licence_number"]):
        raise LicenceTaken(values["licence_number"])
    centre = Centre(**values)
    db.session.add(centre)
    audit.record("centre.created", centre, actor=actor, centre_id=None, **values)
    _commit(values["licence_number"])
    return centre


def update_centre(centre, *, actor=None, **values):
    """Set the fields given, audited with each change as [before, after]; nothing when
    nothing differs. LicenceTaken when the new licence number is another centre's."""
    changed = {name: [getattr(centre, name), value] for name, value in values.items()
               if getattr(centre, name) != value}
    if not changed:
        return centre
    if "licence_number" in changed and licence_taken(values["licence_number"], centre):
        raise LicenceTaken(values["licence_number"])
    for name, (_before, after) in changed.items():
        setattr(centre, name, after)
    audit.record("centre.updated", centre, actor=actor, centre_id=centre.id, changed=changed)
    _commit(centre.licence_number)
    return centre


def _commit(licence_number):
    """Commit; two requests racing for one licence number: the unique index refuses one."""
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise LicenceTaken(licence_number) from None
