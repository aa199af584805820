"""Centres (create, edit, list) and the audit trail, for admins and the command line."""

import phonenumbers
from sqlalchemy import case, func, select
from sqlalchemy.orm import joinedload

from orientation import audit
from orientation.extensions import db
from orientation.models import AuditEvent, Centre, Role, User
from orientation.timezones import is_zone

CENTRE_FIELDS = ("name", "licence_number", "country", "time_zone", "address", "signatory_name",
                 "signatory_title")


def clean_country(text):
    """An ISO 3166 alpha-2 code that the phone library knows (KH, LA, VN, CN), upper case."""
    code = (text or "").strip().upper()
    if code not in phonenumbers.SUPPORTED_REGIONS:
        raise ValueError(f"{text!r} is not a country code such as KH, LA, VN or CN")
    return code


def clean_time_zone(text):
    """An IANA time zone name (Asia/Vientiane); empty means the country's zone."""
    name = (text or "").strip()
    if name and not is_zone(name):
        raise ValueError(f"{text!r} is not a time zone such as Asia/Phnom_Penh")
    return name or None


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
    return db.session.scalar(select(Centre).where(Centre.licence_number == licence_number))


def create_centre(*, actor=None, **values):
    """A new centre, audited."""
    centre = Centre(**values)
    db.session.add(centre)
    audit.record("centre.created", centre, actor=actor, centre_id=None, **values)
    db.session.commit()
    return centre


def update_centre(centre, *, actor=None, **values):
    """Change a centre's fields, audited with what changed; nothing when nothing differs."""
    changed = {k: v for k, v in values.items() if v is not None and getattr(centre, k) != v}
    if not changed:
        return centre
    for name, value in changed.items():
        setattr(centre, name, value)
    audit.record("centre.updated", centre, actor=actor, centre_id=centre.id, **changed)
    db.session.commit()
    return centre
