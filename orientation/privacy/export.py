"""Everything stored about a trainee, as one zip: data.json and their certificates' PDFs."""

import enum
import io
import json
import zipfile
from datetime import date, datetime

from sqlalchemy import LargeBinary, inspect, select

from orientation import audit
from orientation.account.reads import _events as events_about  # the "My data" page's choice
from orientation.certificates.documents import stored_pdf
from orientation.extensions import db
from orientation.models import (
    Answer,
    Attempt,
    AttemptGrant,
    Attendance,
    Certificate,
    ClassSession,
    CohortMember,
    CourseCompletion,
    Departure,
    Enrolment,
    LessonProgress,
    Payment,
    ProgrammeEnrolment,
    RecoveryCode,
)
from orientation.models.base import utcnow
from orientation.privacy import holdings

# Columns never exported: secrets (a PIN's hash, one-time tokens that open a page), binary
# data that goes beside data.json (certificate PDFs) or holds other trainees (an import's
# file, a cohort's printed certificates, the ids an import created).
LEFT_OUT = {
    "user_account": ("password_hash", "signup_token", "totp_secret"),
    "recovery_code": ("code_hash",),
    "import_batch": ("token", "content", "created_user_ids"),
    "job": ("token", "active_key", "result"),
}
NOTE = ("Everything stored about this trainee, one list per table. Secrets are left out: "
        "the hash of the PIN or password, the registration token, second-factor secrets and "
        "the tokens of import files and jobs. Each certificate's PDF is in the certificates "
        "folder. Dates and times are ISO 8601, times in UTC.")


def _plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


def _row(obj, **extra):
    """A row as a dict of its columns (no secrets, no binary data) and readable extras."""
    skip = LEFT_OUT.get(obj.__table__.name, ())
    values = {attr.key: _plain(getattr(obj, attr.key))
              for attr in inspect(type(obj)).column_attrs
              if attr.key not in skip and not isinstance(attr.columns[0].type, LargeBinary)}
    return {**values, **extra}


def _all(model, *where):
    return list(db.session.scalars(select(model).where(*where).order_by(model.id)))


def _session(session_id):
    session = db.session.get(ClassSession, session_id)
    return {"cohort": session.cohort.name, "held_on": session.held_on.isoformat(),
            "hours": session.hours, "topic": session.topic}


def _batch(batch, user):
    return _row(batch, cohort=batch.cohort.name, created_this_trainee=user.id in (
        batch.created_user_ids or []), file_lines_about_them=holdings.lines_about(batch, user))


def collect(user):
    """Everything the database holds about `user` (a trainee), as plain JSON values."""
    uid = user.id
    attempts = _all(Attempt, Attempt.user_id == uid)
    cohort_ids = holdings.cohort_ids_of(user)
    batches = holdings.import_batches_of(user, cohort_ids)
    return {
        "about": NOTE,
        "exported_at": utcnow().isoformat(),
        "left_out": {table: list(columns) for table, columns in LEFT_OUT.items()},
        "user_account": _row(user, centre=user.centre.name if user.centre else None),
        "cohort_member": [_row(m, cohort=m.cohort.name)
                          for m in _all(CohortMember, CohortMember.user_id == uid)],
        "programme_enrolment": [_row(e, programme=e.programme.slug) for e in _all(
            ProgrammeEnrolment, ProgrammeEnrolment.user_id == uid)],
        "enrolment": [_row(e, course=e.course.slug)
                      for e in _all(Enrolment, Enrolment.user_id == uid)],
        "lesson_progress": [_row(p, course=p.lesson.course.slug, lesson=p.lesson.slug)
                            for p in _all(LessonProgress, LessonProgress.user_id == uid)],
        "attempt": [_row(a, course=a.course.slug) for a in attempts],
        "answer": [_row(a) for a in _all(Answer, Answer.attempt_id.in_(
            [a.id for a in attempts]))],
        "attempt_grant": [_row(g) for g in _all(AttemptGrant, AttemptGrant.user_id == uid)],
        "course_completion": [_row(c, course=c.course.slug) for c in _all(
            CourseCompletion, CourseCompletion.user_id == uid)],
        "attendance": [_row(a, session=_session(a.session_id))
                       for a in _all(Attendance, Attendance.user_id == uid)],
        "certificate": [_row(c, pdf=f"certificates/{c.number}.pdf")
                        for c in _all(Certificate, Certificate.user_id == uid)],
        "departure": [_row(d, agency=d.agency.name if d.agency else None)
                      for d in _all(Departure, Departure.user_id == uid)],
        "departure_payment": [_row(p) for p in _all(Payment, Payment.departure_id.in_(
            select(Departure.id).where(Departure.user_id == uid)))],
        # A second factor is for staff: a trainee's list is empty unless their role changed.
        "recovery_code": [_row(c) for c in _all(RecoveryCode, RecoveryCode.user_id == uid)],
        "import_batch": [_batch(b, user) for b in batches],
        "job": [_row(j) for j in holdings.jobs_of([b.id for b in batches], cohort_ids)],
        "audit_event": [_row(e) for e in events_about(uid)],
    }


def export_zip(user):
    """The zip a trainee asked for: data.json (UTF-8) and every certificate's stored PDF."""
    data = collect(user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2))
        for certificate in _all(Certificate, Certificate.user_id == user.id):
            archive.writestr(f"certificates/{certificate.number}.pdf", stored_pdf(certificate))
    return buffer.getvalue()


def export(user, actor):
    """The trainee's zip, audited as having left the system (actor None: the CLI)."""
    archive = export_zip(user)
    audit.record("user.exported", user, actor=actor, centre_id=user.centre_id,
                 size=len(archive))
    db.session.commit()
    return archive
