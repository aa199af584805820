"""Audit events as an admin reads them: a label, an actor, a subject (with a link where a
page for it exists) and details with before and after values."""

import json
from dataclasses import dataclass

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from orientation import audit
from orientation.admin.audit_log import PERSONAL
from orientation.certificates import numbers
from orientation.extensions import db
from orientation.models import Centre, Certificate, Cohort, CohortMember, Role, User

SUBJECT_NAMES = {
    "user": _l("Account"),
    "centre": _l("Centre"),
    "cohort": _l("Cohort"),
    "certificate": _l("Certificate"),
    "destinationcontact": _l("Contact"),
    "classsession": _l("Classroom session"),
    "enrolment": _l("Enrolment"),
    "programmeenrolment": _l("Programme enrolment"),
    "cohortmember": _l("Cohort member"),
    "attemptgrant": _l("Extra quiz attempt"),
}
EMPTY = "–"


@dataclass(frozen=True)
class Subject:
    kind: str  # translated
    text: str  # a person's name and code, a certificate's number, a cohort's name, or #id
    url: str | None = None


@dataclass(frozen=True)
class Row:
    event: object
    label: str
    actor: str
    actor_login: str
    subject: Subject
    details: list  # [(name, text)]


def _value(value):
    if value is None or value == "":
        return EMPTY
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def readable_details(details):
    """[(name, text)]: a changed value reads "before → after"; nested values as compact JSON."""
    details = dict(details or {})
    before = details.pop("before", None)
    before = before if isinstance(before, dict) else {}
    lines = []
    for name, value in details.items():
        if name in before and before[name] != value:
            lines.append((name, f"{_value(before[name])} → {_value(value)}"))
        else:
            lines.append((name, _value(value)))
    lines += [(name, f"{_value(old)} → {EMPTY}") for name, old in before.items()
              if name not in details and old not in (None, "")]
    return lines


def _ids(events, kind):
    return {event.subject_id for event in events if event.subject_type == kind
            and event.subject_id is not None}


def _owners(events):
    """{(kind, id): user_id} for subjects that belong to a person, one query per kind."""
    owners = {}
    for kind, model in PERSONAL.items():
        ids = _ids(events, kind)
        if ids:
            owners.update({(kind, row_id): user_id for row_id, user_id in db.session.execute(
                select(model.id, model.user_id).where(model.id.in_(ids)))})
    return owners


def _people(user_ids):
    """{user_id: (User, active cohort id or None)} in one query."""
    if not user_ids:
        return {}
    rows = db.session.execute(
        select(User, CohortMember.cohort_id)
        .outerjoin(CohortMember, (CohortMember.user_id == User.id)
                   & CohortMember.left_at.is_(None))
        .where(User.id.in_(user_ids)))
    return {user.id: (user, cohort_id) for user, cohort_id in rows}


def _names(model, ids, column):
    if not ids:
        return {}
    return dict(db.session.execute(select(model.id, column).where(model.id.in_(ids))).all())


class Subjects:
    """Every subject of a page of events, loaded with a fixed number of queries."""

    def __init__(self, events):
        self.owners = _owners(events)
        self.people = _people(_ids(events, "user") | set(self.owners.values()))
        self.numbers = _names(Certificate, _ids(events, "certificate"), Certificate.number)
        self.cohorts = _names(Cohort, _ids(events, "cohort"), Cohort.name)
        self.centres = _names(Centre, _ids(events, "centre"), Centre.name)

    def _person(self, kind, user_id):
        user, cohort_id = self.people.get(user_id, (None, None))
        if user is None:
            return None
        url = None
        if user.role == Role.trainee and cohort_id is not None:
            url = url_for("trainer.trainee", cohort_id=cohort_id, user_id=user.id)
        return Subject(kind, f"{user.display_name} ({user.login_code})", url)

    def of(self, event):
        kind, subject_id = event.subject_type, event.subject_id
        label = str(SUBJECT_NAMES.get(kind, kind))
        if kind == "certificate" and subject_id in self.numbers:
            number = self.numbers[subject_id]
            return Subject(label, numbers.display(number),
                           url_for("certificates.manage", number=number))
        if kind == "cohort" and subject_id in self.cohorts:
            return Subject(label, self.cohorts[subject_id],
                           url_for("trainer.cohort", cohort_id=subject_id))
        if kind == "centre" and subject_id in self.centres:
            return Subject(label, self.centres[subject_id])
        owner = subject_id if kind == "user" else self.owners.get((kind, subject_id))
        return self._person(label, owner) or Subject(label, f"#{subject_id}")


def describe(events):
    """The rows of a page of events, newest first as given."""
    subjects = Subjects(events)
    return [Row(event, str(audit.action_label(event.action)),
                event.actor.display_name if event.actor else "",
                event.actor.login_code if event.actor else "",
                subjects.of(event), readable_details(event.details))
            for event in events]
