"""Reading the audit log: filters, pages of a fixed size, and events made readable.

A page runs the same queries whatever the size of the log: the events with their actors
(one join), then at most one query per kind of subject on the page.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import joinedload

from orientation.accounts.rules import normalise_login
from orientation.certificates import numbers
from orientation.extensions import db
from orientation.models import (
    AttemptGrant,
    AuditEvent,
    Certificate,
    CohortMember,
    Enrolment,
    ProgrammeEnrolment,
    Role,
    User,
)

PER_PAGE = 50
# Subjects that belong to one person: the audit log shows (and finds) them by that person.
PERSONAL = {"enrolment": Enrolment, "programmeenrolment": ProgrammeEnrolment,
            "cohortmember": CohortMember, "attemptgrant": AttemptGrant,
            "certificate": Certificate}


@dataclass(frozen=True)
class Filters:
    """What the admin asked for; trainee and certificate are already found (ids)."""

    who: str = ""
    action: str = ""
    trainee_id: int | None = None
    certificate_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None


def find_trainee(code):
    """The trainee with this login code, or None."""
    return db.session.scalar(select(User).where(User.login_code == normalise_login(code),
                                                User.role == Role.trainee))


def find_certificate(number):
    """The certificate with this number (typed in any way people type it), or None."""
    return db.session.scalar(select(Certificate).where(
        Certificate.number == numbers.normalise(number)))


def utc_bounds(date_from, date_to, zone):
    """The UTC (naive, as stored) start and end of local days: [from 00:00, the day after
    `to` 00:00) where the admin is."""
    def start(day, days_after=0):
        try:
            local = datetime.combine(day + timedelta(days=days_after), time(), zone)
            return local.astimezone(UTC).replace(tzinfo=None)
        except OverflowError:  # before year 1 or after 9999: no bound on that side
            return None
    return (start(date_from) if date_from else None,
            start(date_to, days_after=1) if date_to else None)


def _about_person(user_id):
    """Events whose subject is this person, or something of theirs."""
    return or_(and_(AuditEvent.subject_type == "user", AuditEvent.subject_id == user_id),
               *(and_(AuditEvent.subject_type == kind,
                      AuditEvent.subject_id.in_(select(model.id).where(
                          model.user_id == user_id)))
                 for kind, model in PERSONAL.items()))


def conditions(filters, zone):
    """The SQL conditions of the filters."""
    found = []
    if filters.who:
        text = filters.who.strip()
        found.append(AuditEvent.actor_id.in_(select(User.id).where(or_(
            User.login_code == normalise_login(text),
            func.lower(User.display_name).contains(text.lower(), autoescape=True)))))
    if filters.action:
        found.append(AuditEvent.action == filters.action)
    if filters.trainee_id is not None:
        found.append(_about_person(filters.trainee_id))
    if filters.certificate_id is not None:
        found.append(and_(AuditEvent.subject_type == "certificate",
                          AuditEvent.subject_id == filters.certificate_id))
    start, end = utc_bounds(filters.date_from, filters.date_to, zone)
    if start is not None:
        found.append(AuditEvent.at >= start)
    if end is not None:
        found.append(AuditEvent.at < end)
    return found


def _events(filters, zone):
    return (select(AuditEvent).options(joinedload(AuditEvent.actor))
            .where(*conditions(filters, zone))
            .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()))


@dataclass(frozen=True)
class Page:
    events: list
    number: int
    has_next: bool

    @property
    def has_previous(self):
        return self.number > 1


def get_page(filters, zone, number, per_page=PER_PAGE):
    """Page `number` (from 1) of the events, newest first; one more row tells whether a
    next page exists, so no count is needed. None for a page past the last."""
    if number < 1:
        return None
    rows = db.session.scalars(_events(filters, zone).offset((number - 1) * per_page)
                              .limit(per_page + 1)).all()
    if number > 1 and not rows:
        return None
    return Page(rows[:per_page], number, len(rows) > per_page)


def get_all(filters, zone):
    """Every event the filters find, newest first (the CSV export)."""
    return db.session.scalars(_events(filters, zone)).all()
