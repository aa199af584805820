"""Issuing certificates by the rules: once, in the transaction that completes the course."""

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import and_, func, or_, select
from sqlalchemy.exc import IntegrityError

from orientation import audit, settings
from orientation.certificates import numbers, signing
from orientation.certificates.keys import signing_key
from orientation.content.library import get_library
from orientation.content.packages import text_in
from orientation.extensions import db
from orientation.i18n import BY_CODE
from orientation.learn.hours import attended_hours
from orientation.learn.names import DESTINATION_NAMES
from orientation.models import (
    AuditEvent,
    Certificate,
    CertificateState,
    Cohort,
    CohortMember,
    Role,
    User,
)
from orientation.models.base import utcnow
from orientation.timezones import local_date


def attended_classroom_hours(user_id, programme):
    """Classroom hours a trainee attended in sessions of the programme's cohorts."""
    return attended_hours([user_id], programme.id).get(user_id, 0.0)


def issue_programme(user_id, programme, completed_at):
    """A programme's certificate, in the trainee's preferred language; the rules that call for
    it live in orientation.completion."""
    user = db.session.get(User, user_id)
    return issue(user_id, programme=programme, locale=user.preferred_locale or "en",
                 completed_at=completed_at)


def issue(user_id, *, course=None, programme=None, locale, score=None, completed_at=None,
          actor=None, replacing=None):
    """Add a certificate unless a valid one exists (the partial unique index has the last
    word when two requests race); returns the valid certificate."""
    existing = _valid(user_id, course, programme)
    if existing is not None and existing is not replacing:
        return existing
    user = db.session.get(User, user_id)
    if replacing is None and certificates_withheld(user):
        return None
    if user.erased:
        return None  # a tombstone (orientation/privacy) names nobody: nothing to certify
    if replacing is None:
        snapshot = build_snapshot(user_id, course, programme, locale, score, completed_at)
    else:
        snapshot = corrected_snapshot(replacing.snapshot, user)
    certificate = Certificate(
        number=snapshot["number"], user_id=user_id, course=course, programme=programme,
        centre_id=snapshot["centre"]["id"] if snapshot["centre"] else None, locale=locale,
        snapshot=snapshot, issued_by_id=actor.id if actor else None,
        payload=signing.make_payload(signing_key(), snapshot["number"], snapshot["name"],
                                     snapshot["latin_name"], snapshot["title"]["en"],
                                     snapshot["issued_on"]),
    )
    try:
        with db.session.begin_nested():
            if replacing is not None:  # out of the way of the one-valid index first
                replacing.state = CertificateState.replaced
                db.session.flush()
            db.session.add(certificate)
            db.session.flush()
            if replacing is not None:
                replacing.replaced_by = certificate
    except IntegrityError:  # issued a moment ago by another request
        return _valid(user_id, course, programme)
    audit.record("certificate.issued", certificate, actor=actor,
                 centre_id=certificate.centre_id, number=certificate.number)
    return certificate


def _valid(user_id, course, programme):
    column, value = ((Certificate.course_id, course.id) if course is not None
                     else (Certificate.programme_id, programme.id))
    return db.session.scalar(select(Certificate).where(
        Certificate.user_id == user_id, column == value,
        Certificate.state == CertificateState.valid))


def _unused_number():
    while True:
        number = numbers.new_number()
        if db.session.scalar(select(func.count()).where(Certificate.number == number)) == 0:
            return number


CORRECTABLE = ("name", "latin_name")


def corrected_snapshot(original, user):
    """A replacement's snapshot: what was true at completion (dates, hours, score, centre),
    with only the holder's name as it is corrected now, a new number and today's issue date."""
    snapshot = dict(original, number=_unused_number(),
                    issued_on=local_date(utcnow(), user).isoformat())
    snapshot.update(name=user.display_name, latin_name=user.latin_name)
    return snapshot


def corrected_fields(old, new):
    """Which printed fields a replacement changed, for the audit log."""
    return [name for name in CORRECTABLE if old.get(name) != new.get(name)]


def build_snapshot(user_id, course, programme, locale, score, completed_at):
    """Everything the certificate prints, fixed at issuance."""
    user = db.session.get(User, user_id)
    library = get_library()
    if course is not None:
        package = library.courses[course.slug]
        online, classroom, required = course.hours, 0.0, course.hours
        pass_mark, destination = course.pass_mark, course.destination
    else:
        package = library.programmes[programme.slug]
        online = sum(entry.course.hours for entry in programme.entries)
        classroom = attended_classroom_hours(user_id, programme)
        required, pass_mark = online + programme.classroom_hours, None
        destination = programme.destination
    centre = user.centre
    today = local_date(utcnow(), user).isoformat()  # the date where the trainee is
    return {
        "number": _unused_number(),
        "kind": "course" if course is not None else "programme",
        "name": user.display_name, "latin_name": user.latin_name,
        "title": {"local": text_in(package.title, locale), "en": package.title["en"]},
        "locale": locale, "language": BY_CODE[locale].native_name,
        "destination": destination and {"local": _in(locale, DESTINATION_NAMES[destination]),
                                        "en": _in("en", DESTINATION_NAMES[destination])},
        "hours": {"online": online, "classroom": classroom, "required": required},
        "score": score, "pass_mark": pass_mark,
        "completed_on": local_date(completed_at or utcnow(), user).isoformat(),
        "issued_on": today,
        "cohort": _cohort_name(user_id),
        "issuer": issuer_of(centre),
        "identity": identity_of(user),
        "centre": centre and {"id": centre.id, "name": centre.name,
                              "licence": centre.licence_number,
                              "signatory_name": centre.signatory_name,
                              "signatory_title": centre.signatory_title},
    }


def issuer_of(centre):
    """Who issues the certificate, as printed: the centre's issuer line, else the setting."""
    return (centre and centre.issuer_line) or current_app.config["CERTIFICATE_ISSUER"]


def identity_of(user):
    """Who confirmed the holder's identity: their centre and the staff member who enrolled
    them (created the account or added it to a cohort), or None for self-study."""
    if user.centre is None:
        return None
    enrolled = select(CohortMember.id).where(CohortMember.user_id == user.id)
    by = db.session.scalar(
        select(User.display_name).join(AuditEvent, AuditEvent.actor_id == User.id)
        .where(User.role != Role.trainee, or_(
            and_(AuditEvent.action == "user.created", AuditEvent.subject_type == "user",
                 AuditEvent.subject_id == user.id),
            and_(AuditEvent.action == "cohort.joined", AuditEvent.subject_type == "cohortmember",
                 AuditEvent.subject_id.in_(enrolled))))
        .order_by(AuditEvent.id.desc()).limit(1))
    return {"centre": user.centre.name, "licence": user.centre.licence_number, "by": by}


def certificates_withheld(user):
    """True when this trainee's completed courses get no certificate: nobody checked who they
    are (no centre) and the admins turned self-study certificates off (a site setting)."""
    return user.centre_id is None and not settings.get_setting("certificates.self_study")


def _in(locale, lazy_text):
    with force_locale(locale):
        return str(lazy_text)


def _cohort_name(user_id):
    return db.session.scalar(select(Cohort.name).join(CohortMember).where(
        CohortMember.user_id == user_id, CohortMember.left_at.is_(None)))


