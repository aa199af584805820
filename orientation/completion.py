"""Completion and what follows from it, in one place (shared/DESIGN.md, Rules).

Learning (a lesson read), quizzes (a passing submit), trainers (attendance) and `courses load`
all call `reconcile`, which recomputes, for one trainee, what the facts imply: enrolments from
programmes, course completions, programme completion and the certificates due. It is
idempotent: running it again changes nothing.
"""

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from orientation.certificates import issuance
from orientation.extensions import db
from orientation.learn.progress import get_progress
from orientation.models import (
    Attempt,
    Certificate,
    Cohort,
    CohortMember,
    Course,
    CourseCompletion,
    Enrolment,
    EnrolmentSource,
    Programme,
    ProgrammeCourse,
    ProgrammeEnrolment,
    Status,
    User,
)


def get_completion(user_id, course_id):
    return db.session.scalar(select(CourseCompletion).where(
        CourseCompletion.user_id == user_id, CourseCompletion.course_id == course_id))


def lock_trainee(user_id):
    """Serialise the completion checks of one trainee: a last lesson and a passing submit
    racing on PostgreSQL would otherwise each miss the other's row. (SQLite writes one at a
    time anyway and has no FOR UPDATE.)"""
    db.session.execute(select(User.id).where(User.id == user_id).with_for_update())


def is_complete(lessons_done, lessons_total, final_passed):
    """A course is complete when every current lesson is done and its final quiz is passed."""
    return final_passed and lessons_done >= lessons_total


def course_state(lessons_done, final_passed, final_attempted, completed):
    """What a trainer's matrix says about one trainee in one course, by the completion rule:
    "complete" only when completed, never "passed" while lessons are unread."""
    if completed:
        return "complete"
    if final_passed:
        return "passed_lessons_left"
    if final_attempted:
        return "failed"
    return "in_progress" if lessons_done else "not_started"


def complete_if_due(user_id, course, progress=None):
    """Add the course's completion when its rules are met; the caller commits. Returns the
    completion, new or old, or None."""
    existing = get_completion(user_id, course.id)
    if existing is not None:
        return existing
    passing = db.session.scalar(
        select(Attempt).where(Attempt.user_id == user_id, Attempt.course_id == course.id,
                              Attempt.final, Attempt.passed)
        .order_by(Attempt.submitted_at, Attempt.id).limit(1))
    if passing is None:
        return None
    progress = progress or get_progress(user_id, [course.id])[course.id]
    if not is_complete(progress.done, progress.total, True):
        return None
    completion = CourseCompletion(user_id=user_id, course_id=course.id, attempt_id=passing.id,
                                  course_version=passing.course_version, score=passing.score,
                                  locale=passing.locale)
    try:
        with db.session.begin_nested():
            db.session.add(completion)
    except IntegrityError:  # another request completed it a moment ago
        return get_completion(user_id, course.id)
    return completion


@dataclass
class Reconciled:
    """What one reconcile added (empty when everything was already in place)."""

    enrolments: list = field(default_factory=list)
    completions: list = field(default_factory=list)
    certificates: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.enrolments or self.completions or self.certificates)


def reconcile(user_id):
    """Bring one trainee's enrolments, completions and certificates in line with the facts;
    the caller commits. A fixed number of queries, whatever the trainee has done."""
    done = Reconciled()
    programmes = _programmes_of(user_id)
    _enrol_from_programmes(user_id, programmes, done)
    courses = db.session.scalars(
        select(Course).join(Enrolment, Enrolment.course_id == Course.id)
        .where(Enrolment.user_id == user_id, Course.status == Status.published)).all()
    progress = get_progress(user_id, [course.id for course in courses])
    completions = {c.course_id: c for c in db.session.scalars(
        select(CourseCompletion).where(CourseCompletion.user_id == user_id))}
    passed = set(db.session.scalars(select(Attempt.course_id).where(
        Attempt.user_id == user_id, Attempt.final, Attempt.passed)))
    for course in courses:
        lessons = progress[course.id]
        if course.id in completions or not (
                course.id in passed and is_complete(lessons.done, lessons.total, True)):
            continue  # queries stay fixed: only a course completing now costs more
        completion = complete_if_due(user_id, course, lessons)
        if completion is not None:
            completions[course.id] = completion
            done.completions.append(completion)
    _certificates_due(user_id, completions, programmes, done)
    return done


def _programmes_of(user_id):
    """Programmes the trainee chose, and their active cohort's."""
    chosen = select(ProgrammeEnrolment.programme_id).where(ProgrammeEnrolment.user_id == user_id)
    in_cohort = select(Cohort.programme_id).join(CohortMember).where(
        CohortMember.user_id == user_id, CohortMember.left_at.is_(None))
    return db.session.scalars(
        select(Programme).where(Programme.id.in_(chosen.union(in_cohort)),
                                Programme.status == Status.published)
        .options(selectinload(Programme.entries).selectinload(ProgrammeCourse.course))).all()


def _enrol_from_programmes(user_id, programmes, done):
    """A course added to a programme later reaches the programme's existing members."""
    enrolled = set(db.session.scalars(
        select(Enrolment.course_id).where(Enrolment.user_id == user_id)))
    for programme in programmes:
        for entry in programme.entries:
            if entry.course.status == Status.published and entry.course_id not in enrolled:
                enrolment = Enrolment(user_id=user_id, course_id=entry.course_id,
                                      source=EnrolmentSource.programme)
                try:
                    with db.session.begin_nested():
                        db.session.add(enrolment)
                except IntegrityError:
                    continue
                enrolled.add(entry.course_id)
                done.enrolments.append(enrolment)


def _certificates_due(user_id, completions, programmes, done):
    """Certificates the rules call for and that were never issued (a revoked one is not
    issued again: revoking is a decision)."""
    issued = db.session.execute(select(Certificate.course_id, Certificate.programme_id)
                                .where(Certificate.user_id == user_id)).all()
    courses_with = {course_id for course_id, _ in issued if course_id}
    programmes_with = {programme_id for _, programme_id in issued if programme_id}
    for course_id, completion in completions.items():
        if course_id not in courses_with:
            certificate = issuance.issue(
                user_id, course=completion.course, locale=completion.locale,
                score=completion.score, completed_at=completion.completed_at)
            if certificate is not None:
                done.certificates.append(certificate)
    for programme in programmes:
        if programme.id not in programmes_with and _programme_due(
                user_id, programme, completions):
            certificate = issuance.issue_programme(user_id, programme, _last_completion(
                programme, completions))
            if certificate is not None:
                done.certificates.append(certificate)


def programme_courses(programme):
    """The courses a programme requires: its published ones (a draft course counts later)."""
    return [entry.course for entry in programme.entries
            if entry.course.status == Status.published]


def _programme_due(user_id, programme, completions):
    courses = programme_courses(programme)
    if not courses or any(course.id not in completions for course in courses):
        return False
    return issuance.attended_classroom_hours(user_id, programme) >= programme.classroom_hours


def _last_completion(programme, completions):
    return max(completions[course.id].completed_at for course in programme_courses(programme))


def reconcile_all(user_ids):
    """Reconcile many trainees, committing each one's changes; returns how many changed."""
    changed = 0
    for user_id in user_ids:
        if reconcile(user_id):
            changed += 1
        db.session.commit()
    return changed


def trainees_affected(course_ids, programme_ids):
    """Trainees enrolled in any of these courses or programmes (after a `courses load`)."""
    by_course = select(Enrolment.user_id).where(Enrolment.course_id.in_(course_ids))
    by_programme = select(ProgrammeEnrolment.user_id).where(
        ProgrammeEnrolment.programme_id.in_(programme_ids))
    in_cohort = select(CohortMember.user_id).join(Cohort).where(
        Cohort.programme_id.in_(programme_ids), CohortMember.left_at.is_(None))
    return sorted(set(db.session.scalars(by_course.union(by_programme, in_cohort))))
