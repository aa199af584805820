"""Erasing a trainee on their request: the account becomes an anonymous tombstone.

Why a tombstone rather than a table of anonymous counts: every count the platform shows
(cohort members, enrolled, completed, passed, classroom hours, a centre's totals) is read
from rows that point at an account. Keeping those rows on an account that holds nothing
personal (a random pseudonym, no name, phone or usable login) keeps every total right with
no second way of counting. What only describes the person's learning in detail (each lesson
read, each answer, the order questions were shown, extra attempts given) is deleted.
Certificates stay as printed, so that a paper certificate keeps verifying, unless revoked.
"""

import hashlib
import secrets

from sqlalchemy import delete, func, select

from orientation import audit
from orientation.accounts.services import end_sessions
from orientation.certificates import services as certificates
from orientation.extensions import db
from orientation.jobs import certificates as print_jobs
from orientation.models import (
    Answer,
    Attempt,
    AttemptGrant,
    AuditEvent,
    Certificate,
    CertificateState,
    CourseCompletion,
    Departure,
    ImportState,
    Job,
    LessonProgress,
    RecoveryCode,
    User,
)
from orientation.models.base import utcnow
from orientation.privacy import holdings

PSEUDONYM = "Erased trainee %s"
# Letters and digits that cannot be misread for each other (no O/0, I/1, L, U).
ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"


class AlreadyErased(Exception):
    """Erasing twice is refused: the first erasure already did everything."""


class ImportBeingSaved(Exception):
    """An import naming the trainee is being saved right now: erase when it has finished."""


def new_pseudonym():
    """A random pseudonym, "Erased trainee 7F3K", derived from nothing about the person."""
    while True:
        name = PSEUDONYM % "".join(secrets.choice(ALPHABET) for _ in range(4))
        if not db.session.scalar(select(func.count()).where(User.display_name == name)):
            return name


def erase(user, actor, revoke=False, reason=None):
    """Erase a trainee's personal data (audited, one transaction); returns the pseudonym.

    With `revoke`, their valid certificates are first revoked with `reason` (through the
    revoke service, each audited). Raises AlreadyErased, ImportBeingSaved, and
    certificates.NotAllowed when the actor may not revoke one of them."""
    if user.erased:
        raise AlreadyErased()
    values = holdings.personal_values(user)
    cohort_ids = holdings.cohort_ids_of(user)
    batches = holdings.import_batches_of(user, cohort_ids)
    if any(batch.state == ImportState.saving for batch in batches):
        raise ImportBeingSaved()
    revoked = _revoke_all(user, actor, reason) if revoke else 0
    pseudonym = new_pseudonym()
    _forget_learning_details(user.id)
    _scrub_departure(user.id, values, pseudonym)
    _scrub_imports(batches, user)
    print_jobs_deleted = _forget_printed(cohort_ids)
    _rewrite_audit(values, pseudonym)
    _tombstone(user, pseudonym)
    audit.record("user.erased", user, actor=actor, centre_id=user.centre_id,
                 pseudonym=pseudonym, certificates_revoked=revoked,
                 print_jobs_deleted=print_jobs_deleted)
    db.session.commit()
    return pseudonym


def _revoke_all(user, actor, reason):
    valid = list(db.session.scalars(select(Certificate).where(
        Certificate.user_id == user.id, Certificate.state == CertificateState.valid)))
    if valid and (actor is None or not all(certificates.may_manage(actor, c) for c in valid)):
        raise certificates.NotAllowed()  # checked before anything changes
    for certificate in valid:
        certificates.revoke(certificate, reason, actor)
    return len(valid)


def _forget_learning_details(user_id):
    """Lesson by lesson progress, answers, extra attempts and unused attempts go; an attempt
    that completed a course stays (its completion points at it) without the order shown."""
    attempts = select(Attempt.id).where(Attempt.user_id == user_id)
    kept = select(CourseCompletion.attempt_id).where(CourseCompletion.user_id == user_id)
    db.session.execute(delete(Answer).where(Answer.attempt_id.in_(attempts)))
    db.session.execute(delete(Attempt).where(Attempt.user_id == user_id,
                                             Attempt.id.not_in(kept)))
    for attempt in db.session.scalars(select(Attempt).where(Attempt.user_id == user_id)):
        attempt.order = []
    db.session.execute(delete(LessonProgress).where(LessonProgress.user_id == user_id))
    db.session.execute(delete(AttemptGrant).where(AttemptGrant.user_id == user_id))
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user_id))


def _scrub_departure(user_id, values, pseudonym):
    """The departure checklist and payments stay with the tombstone (what was paid to which
    agency counts in a centre's fee figures); a typed text that names the person does not."""
    for departure in db.session.scalars(select(Departure).where(Departure.user_id == user_id)):
        departure.agency_name = _replace(departure.agency_name, values, pseudonym)
        for payment in departure.payments:
            payment.paid_to = _replace(payment.paid_to, values, pseudonym)


def _scrub_imports(batches, user):
    """A file not saved yet loses the trainee's rows (and goes when none is left); a saved
    one has no file any more, and its list of created ids names only the tombstone."""
    for batch in batches:
        if batch.state != ImportState.previewed or not holdings.lines_about(batch, user):
            continue
        content = holdings.without_lines_about(batch, user)
        if content is None:
            db.session.execute(delete(Job).where(Job.import_batch_id == batch.id))
            db.session.delete(batch)
        else:
            batch.content = content
            batch.sha256 = hashlib.sha256(content).hexdigest()


def _forget_printed(cohort_ids):
    """Finished print jobs of their cohorts keep a PDF with their certificate: deleted (a
    trainer prints again from the certificates themselves)."""
    before = db.session.scalar(select(func.count()).select_from(Job))
    for cohort_id in cohort_ids:
        print_jobs.forget_old(cohort_id)
    return before - db.session.scalar(select(func.count()).select_from(Job))


def _replace(value, values, pseudonym):
    """`value` (any JSON) with every text naming the person replaced by the pseudonym."""
    if isinstance(value, dict):
        return {key: _replace(item, values, pseudonym) for key, item in value.items()}
    if isinstance(value, list):
        return [_replace(item, values, pseudonym) for item in value]
    if not isinstance(value, str):
        return value
    if value in values:
        return pseudonym
    for found in sorted(values, key=len, reverse=True):  # a full name before a part of it
        if len(found) >= holdings.MIN_INSIDE and found in value:
            value = value.replace(found, pseudonym)
    return value


def _rewrite_audit(values, pseudonym):
    """Every audit event keeps its place; a detail that names the person names the
    pseudonym instead. Every event is read: details are free-form, written by many
    features, and an old event may name the person under any action."""
    events = db.session.execute(select(AuditEvent.id, AuditEvent.details)
                                .execution_options(yield_per=500))
    changed = {}
    for event_id, details in events:
        rewritten = _replace(details, values, pseudonym)
        if rewritten != details:
            changed[event_id] = rewritten
    for event_id, details in changed.items():
        db.session.get(AuditEvent, event_id).details = details


def _tombstone(user, pseudonym):
    """The account keeps only what counts need: role, centre, dates; nothing that names the
    person, and no way in (a login code no typed login can match, no usable secret)."""
    user.display_name, user.latin_name, user.phone = pseudonym, None, None
    user.birth_date = None
    # normalise_login strips dashes and lower-cases: no typed login becomes this value.
    user.login_code = "ERASED-" + secrets.token_hex(8).upper()
    user.password_hash = "!erased"  # not a hash: verifying any secret against it fails
    user.signup_token, user.preferred_locale, user.origin = None, None, None
    user.last_login_at, user.active, user.erased_at = None, False, utcnow()
    user.totp_secret, user.totp_confirmed_at, user.totp_last_step = None, None, None
    end_sessions(user)


