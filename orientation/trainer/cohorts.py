"""Cohorts for trainers: scope, classroom sessions and attendance, and the progress matrix."""

from dataclasses import dataclass, field
from datetime import timedelta

from flask import abort
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import case, func, select
from sqlalchemy.exc import IntegrityError

from orientation import audit
from orientation.access import get_cohort_for_staff_or_404
from orientation.completion import course_state, reconcile
from orientation.extensions import db
from orientation.learn.hours import attended_hours
from orientation.learn.services import create_cohort
from orientation.models import (
    Attempt,
    Attendance,
    Certificate,
    CertificateState,
    ClassSession,
    Cohort,
    CohortMember,
    Course,
    CourseCompletion,
    Lesson,
    LessonProgress,
    Programme,
    ProgrammeCourse,
    Status,
    User,
)
from orientation.timezones import local_today


def get_cohorts(centre_id):
    """A centre's cohorts, newest first, with how many members and how many finished (hold a
    valid certificate of the cohort's programme), in one query."""
    finished = case((Certificate.id.is_not(None), CohortMember.user_id))
    rows = db.session.execute(
        select(Cohort, func.count(CohortMember.id), func.count(func.distinct(finished)))
        .outerjoin(CohortMember, (CohortMember.cohort_id == Cohort.id)
                   & CohortMember.left_at.is_(None))
        .outerjoin(Certificate, (Certificate.user_id == CohortMember.user_id)
                   & (Certificate.programme_id == Cohort.programme_id)
                   & (Certificate.state == CertificateState.valid))
        .where(Cohort.centre_id == centre_id).group_by(Cohort.id)
        .order_by(Cohort.starts_on.desc(), Cohort.id))
    return rows.all()


def get_cohort_for_trainer_or_404(user, cohort_id):
    """A cohort of the trainer's own centre (admins: any); any other is 404."""
    return get_cohort_for_staff_or_404(user, cohort_id)


def add_session(cohort, held_on, hours, topic, actor):
    session = ClassSession(cohort=cohort, held_on=held_on, hours=hours, topic=topic)
    db.session.add(session)
    audit.record("session.created", session, actor=actor, centre_id=cohort.centre_id,
                 cohort=cohort.id, hours=hours, held_on=held_on.isoformat())
    db.session.commit()
    return session


def get_members(cohort_id):
    return db.session.scalars(
        select(User).join(CohortMember, CohortMember.user_id == User.id)
        .where(CohortMember.cohort_id == cohort_id, CohortMember.left_at.is_(None))
        .order_by(User.display_name, User.id)).all()


def record_attendance(session, present_ids, actor):
    """Set who was present (members only), audited; programme certificates are checked
    again for everyone whose hours changed.

    Two saves at once (two trainers, a double click) may both add the same row: the one
    that loses the race reads the register again and applies its ticks to it.
    """
    try:
        return _record_attendance(session, present_ids, actor)
    except IntegrityError:
        db.session.rollback()
        return _record_attendance(session, present_ids, actor)


def _record_attendance(session, present_ids, actor):
    members = {user.id for user in get_members(session.cohort_id)}
    present_ids = set(present_ids) & members
    existing = {a.user_id: a for a in db.session.scalars(
        select(Attendance).where(Attendance.session_id == session.id))}
    changed = set()
    for user_id in members:
        row = existing.get(user_id)
        now_present = user_id in present_ids
        if row is None and now_present:
            db.session.add(Attendance(session_id=session.id, user_id=user_id, present=True))
            changed.add(user_id)
        elif row is not None and row.present != now_present:
            row.present = now_present
            changed.add(user_id)
    if changed:
        audit.record("attendance.recorded", session, actor=actor,
                     centre_id=session.cohort.centre_id, present=sorted(present_ids),
                     changed=sorted(changed))
        db.session.flush()
        for user_id in changed:
            reconcile(user_id)  # attended hours may complete a programme
    db.session.commit()
    return changed


@dataclass
class Cell:
    """One trainee in one course, in a state of orientation.completion.course_state."""

    state: str
    done: int = 0
    total: int = 0
    score: float | None = None


@dataclass
class Row:
    trainee: User
    cells: list[Cell] = field(default_factory=list)
    hours: float = 0.0
    completed: int = 0
    at_risk: bool = False
    days_left: int = 0

    @property
    def risk_reason(self):
        """Why this trainee is at risk, in the page's language ("" when not at risk)."""
        if not self.at_risk:
            return ""
        return risk_reason(self.days_left, self.completed, len(self.cells))


def is_at_risk(departs_on, today, completed, courses, days, share):
    """Departure within `days` and less than `share` of the programme complete."""
    return departs_on - today <= timedelta(days=days) and completed < share * courses


def risk_reason(days_left, completed, courses):
    """Why a trainee is at risk: "departs in 5 days, 2 of 7 courses complete"."""
    if days_left > 0:
        when = ngettext("departs in %(num)d day", "departs in %(num)d days", days_left)
    elif days_left == 0:
        when = _("departs today")
    else:
        when = ngettext("departed %(num)d day ago", "departed %(num)d days ago", -days_left)
    progress = ngettext("%(done)d of %(num)d course complete",
                        "%(done)d of %(num)d courses complete", courses, done=completed)
    return _("%(when)s, %(progress)s", when=when, progress=progress)


def get_matrix(cohort, today, risk_days, risk_share, members=None):
    """The cohort's progress matrix in a fixed number of queries, whatever its size (only
    the rows of `members` when given)."""
    members = get_members(cohort.id) if members is None else members
    ids = [user.id for user in members]
    courses = db.session.scalars(
        select(Course).join(ProgrammeCourse).where(ProgrammeCourse.programme_id ==
                                                   cohort.programme_id)
        .order_by(ProgrammeCourse.position)).all()
    course_ids = [course.id for course in courses]
    totals = dict(db.session.execute(
        select(Lesson.course_id, func.count()).where(Lesson.course_id.in_(course_ids),
                                                     Lesson.position.is_not(None))
        .group_by(Lesson.course_id)).all())
    done = {(u, c): n for u, c, n in db.session.execute(
        select(LessonProgress.user_id, Lesson.course_id, func.count())
        .join(Lesson, Lesson.id == LessonProgress.lesson_id)
        .where(LessonProgress.user_id.in_(ids), Lesson.course_id.in_(course_ids),
               Lesson.position.is_not(None))
        .group_by(LessonProgress.user_id, Lesson.course_id))}
    finals = {(u, c): (best, passed) for u, c, best, passed in db.session.execute(
        select(Attempt.user_id, Attempt.course_id, func.max(Attempt.score),
               func.max(case((Attempt.passed, 1), else_=0)))
        .where(Attempt.user_id.in_(ids), Attempt.course_id.in_(course_ids), Attempt.final,
               Attempt.submitted_at.is_not(None))
        .group_by(Attempt.user_id, Attempt.course_id))}
    completed = {(u, c) for u, c in db.session.execute(
        select(CourseCompletion.user_id, CourseCompletion.course_id)
        .where(CourseCompletion.user_id.in_(ids)))}
    hours = attended_hours(ids, cohort.programme_id)
    rows = []
    for user in members:
        row = Row(user, hours=hours.get(user.id, 0.0))
        for course in courses:
            key = (user.id, course.id)
            best, passed = finals.get(key, (None, 0))
            state = course_state(done.get(key, 0), bool(passed), best is not None,
                                 key in completed)
            row.cells.append(Cell(state, done.get(key, 0), totals.get(course.id, 0), best))
            row.completed += state == "complete"
        row.at_risk = is_at_risk(cohort.departs_on, today, row.completed, len(courses),
                                 risk_days, risk_share)
        row.days_left = (cohort.departs_on - today).days
        rows.append(row)
    rows.sort(key=lambda r: (not r.at_risk, r.trainee.display_name))
    return courses, rows


def today(centre):
    """Today where the centre is: departures and risk are counted in its days."""
    return local_today(centre)


def get_sessions(cohort_id):
    """A cohort's sessions, with how many attended each (one query)."""
    attended = (select(Attendance.session_id, func.count().label("present"))
                .where(Attendance.present).group_by(Attendance.session_id).subquery())
    return db.session.execute(
        select(ClassSession, func.coalesce(attended.c.present, 0))
        .outerjoin(attended, attended.c.session_id == ClassSession.id)
        .where(ClassSession.cohort_id == cohort_id)
        .order_by(ClassSession.held_on, ClassSession.id)).all()


def get_session(cohort_id, session_id):
    return db.session.scalar(select(ClassSession).where(ClassSession.id == session_id,
                                                        ClassSession.cohort_id == cohort_id))


def get_present_ids(session_id):
    return set(db.session.scalars(select(Attendance.user_id).where(
        Attendance.session_id == session_id, Attendance.present)))


def get_published_programmes():
    return db.session.scalars(select(Programme).where(Programme.status == Status.published)
                              .order_by(Programme.id)).all()


def cohort_named(centre_id, name):
    return db.session.scalar(select(Cohort).where(Cohort.centre_id == centre_id,
                                                  Cohort.name == " ".join(name.split())))


class NameTaken(Exception):
    """The centre has a cohort of this name (checked by the database when two race)."""


def create(trainer, name, programme_id, starts_on, departs_on):
    """A new cohort of the trainer's centre (audited by create_cohort)."""
    programme = db.session.get(Programme, programme_id)
    if programme is None or programme.status != Status.published:
        abort(404)
    name = " ".join(name.split())
    if cohort_named(trainer.centre_id, name):
        raise NameTaken(name)
    try:
        return create_cohort(trainer.centre, programme, name, starts_on, departs_on,
                             actor=trainer)
    except IntegrityError:  # the same name, saved a moment ago by another request
        db.session.rollback()
        raise NameTaken(name) from None
