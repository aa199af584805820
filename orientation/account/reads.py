"""Everything stored about a trainee, for their "My data" page, as plain values.

Each list names its table: a new table about a person adds its rows here, so that the page
keeps showing everything (tests/account/test_my_data.py fills every one).
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import or_, select

from orientation.accounts import rules
from orientation.content.library import get_library
from orientation.content.packages import text_in
from orientation.extensions import db
from orientation.i18n import BY_CODE
from orientation.learn.names import DESTINATION_NAMES, ORIGIN_NAMES
from orientation.learn.progress import get_progress
from orientation.models import (
    Attempt,
    AttemptGrant,
    Attendance,
    AuditEvent,
    Certificate,
    ClassSession,
    Cohort,
    CohortMember,
    Course,
    CourseCompletion,
    Enrolment,
    Programme,
    ProgrammeEnrolment,
)


@dataclass(frozen=True)
class CourseRow:
    title: str
    enrolled_at: datetime
    lessons_done: int
    lessons: int
    completed_at: datetime | None


@dataclass(frozen=True)
class AttemptRow:
    course: str
    final: bool
    started_at: datetime
    submitted_at: datetime | None
    score: float | None  # 0 to 1
    passed: bool | None


@dataclass(frozen=True)
class CohortRow:
    name: str
    centre: str
    programme: str
    joined_at: datetime
    left_at: datetime | None


@dataclass(frozen=True)
class AttendanceRow:
    held_on: date
    hours: float
    topic: str
    present: bool


@dataclass
class MyData:
    name: str
    latin_name: str | None
    login_code: str
    phone: str | None
    birth_date: date | None
    origin: str | None
    language: str | None
    centre: str | None
    created_at: datetime
    last_login_at: datetime | None
    programmes: list[tuple[str, str | None, datetime]] = field(default_factory=list)
    cohorts: list[CohortRow] = field(default_factory=list)
    courses: list[CourseRow] = field(default_factory=list)
    attempts: list[AttemptRow] = field(default_factory=list)
    attendance: list[AttendanceRow] = field(default_factory=list)
    certificates: list[Certificate] = field(default_factory=list)
    events: list[AuditEvent] = field(default_factory=list)


def _course_title(course, lang):
    package = get_library().courses.get(course.slug)
    return text_in(package.title, lang) if package else course.slug


def _programme_title(programme, lang):
    package = get_library().programmes.get(programme.slug)
    return text_in(package.title, lang) if package else programme.slug


def get_my_data(user, lang):
    """What the database holds about `user`, with names in `lang`."""
    language = BY_CODE.get(user.preferred_locale)
    return MyData(
        name=user.display_name, latin_name=user.latin_name,
        login_code=rules.format_code(user.login_code), phone=user.phone,
        birth_date=user.birth_date,
        origin=ORIGIN_NAMES.get(user.origin), language=language.native_name if language else None,
        centre=user.centre.name if user.centre else None,
        created_at=user.created_at, last_login_at=user.last_login_at,
        programmes=_programmes(user.id, lang), cohorts=_cohorts(user.id, lang),
        courses=_courses(user.id, lang), attempts=_attempts(user.id, lang),
        attendance=_attendance(user.id),
        certificates=list(db.session.scalars(select(Certificate).where(
            Certificate.user_id == user.id).order_by(Certificate.issued_at, Certificate.id))),
        events=_events(user.id),
    )


def _programmes(user_id, lang):
    rows = db.session.execute(select(Programme, ProgrammeEnrolment.created_at)
                              .join(ProgrammeEnrolment)
                              .where(ProgrammeEnrolment.user_id == user_id)
                              .order_by(ProgrammeEnrolment.created_at)).all()
    return [(_programme_title(p, lang), DESTINATION_NAMES.get(p.destination), at)
            for p, at in rows]


def _cohorts(user_id, lang):
    rows = db.session.scalars(select(CohortMember).join(Cohort)
                              .where(CohortMember.user_id == user_id)
                              .order_by(CohortMember.joined_at, CohortMember.id))
    return [CohortRow(m.cohort.name, m.cohort.centre.name,
                      _programme_title(m.cohort.programme, lang), m.joined_at, m.left_at)
            for m in rows]


def _courses(user_id, lang):
    rows = db.session.execute(select(Course, Enrolment.created_at).join(Enrolment)
                              .where(Enrolment.user_id == user_id)
                              .order_by(Enrolment.created_at, Course.id)).all()
    progress = get_progress(user_id, [course.id for course, _ in rows])
    completed = dict(db.session.execute(select(
        CourseCompletion.course_id, CourseCompletion.completed_at).where(
        CourseCompletion.user_id == user_id)).all())
    return [CourseRow(_course_title(course, lang), at, progress[course.id].done,
                      progress[course.id].total, completed.get(course.id))
            for course, at in rows]


def _attempts(user_id, lang):
    rows = db.session.scalars(select(Attempt).where(Attempt.user_id == user_id)
                              .order_by(Attempt.started_at, Attempt.id))
    return [AttemptRow(_course_title(a.course, lang), a.final, a.started_at, a.submitted_at,
                       a.score, a.passed) for a in rows]


def _attendance(user_id):
    rows = db.session.execute(select(ClassSession, Attendance.present).join(
        Attendance, Attendance.session_id == ClassSession.id).where(
        Attendance.user_id == user_id).order_by(ClassSession.held_on, ClassSession.id)).all()
    return [AttendanceRow(s.held_on, s.hours, s.topic, present) for s, present in rows]


# Audit subjects that belong to one trainee: (the subject's type as audit.record names it,
# the model with a user_id).
OWN_SUBJECTS = (("certificate", Certificate), ("cohortmember", CohortMember),
                ("enrolment", Enrolment), ("programmeenrolment", ProgrammeEnrolment),
                ("attemptgrant", AttemptGrant))


def _events(user_id):
    """The audit log's entries about the trainee, their records, or done by them."""
    about = [(AuditEvent.subject_type == "user") & (AuditEvent.subject_id == user_id),
             AuditEvent.actor_id == user_id]
    about += [(AuditEvent.subject_type == name) & AuditEvent.subject_id.in_(
        select(model.id).where(model.user_id == user_id)) for name, model in OWN_SUBJECTS]
    return list(db.session.scalars(select(AuditEvent).where(or_(*about))
                                   .order_by(AuditEvent.at, AuditEvent.id)))
