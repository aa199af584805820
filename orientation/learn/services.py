"""Enrolment, programmes, cohorts and marking lessons done: the writes of learning."""

from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError

from orientation import audit
from orientation.completion import lock_trainee, reconcile
from orientation.content.channels import ORIGINS
from orientation.extensions import db
from orientation.learn.channels import check_channel, trainee_origin
from orientation.models import (
    Cohort,
    CohortMember,
    Course,
    Enrolment,
    EnrolmentSource,
    Lesson,
    LessonProgress,
    Programme,
    ProgrammeEnrolment,
    Status,
)
from orientation.models.base import utcnow


class NotAllowed(Exception):
    """The rules refuse this step (not enrolled, not open, draft)."""


# The queries every learning page runs, built once: a statement made per call costs about as
# much Python as running it on SQLite (SQLAlchemy also memoises a built one's cache key).
_ENROLMENT = select(Enrolment).where(Enrolment.user_id == bindparam("user_id"),
                                     Enrolment.course_id == bindparam("course_id"))
_COURSE = select(Course).where(Course.slug == bindparam("slug"))
_COHORT_PROGRAMME = (
    select(Programme).join(Cohort, Cohort.programme_id == Programme.id)
    .join(CohortMember, CohortMember.cohort_id == Cohort.id)
    .where(CohortMember.user_id == bindparam("user_id"), CohortMember.left_at.is_(None)))
_CHOSEN_PROGRAMME = (
    select(Programme).join(ProgrammeEnrolment)
    .where(ProgrammeEnrolment.user_id == bindparam("user_id"))
    .order_by(ProgrammeEnrolment.created_at.desc(), ProgrammeEnrolment.id.desc()).limit(1))


def get_enrolment(user_id, course_id):
    return db.session.scalar(_ENROLMENT, {"user_id": user_id, "course_id": course_id})


def _add_once(row):
    """Insert a row whose unique key may already exist (a double submit, a race): no error."""
    try:
        with db.session.begin_nested():
            db.session.add(row)
        return True
    except IntegrityError:
        return False


def enrol(user, course, source=EnrolmentSource.self):
    """Enrol a trainee in a published course; a self-enrolment needs a course open for it."""
    if course.status != Status.published:
        raise NotAllowed("draft course")
    if source == EnrolmentSource.self and not course.self_enrol:
        raise NotAllowed("course not open for self-enrolment")
    if source == EnrolmentSource.self:
        check_channel(trainee_origin(user), course.destination)  # NoChannel: like programmes
    if get_enrolment(user.id, course.id) is None:
        enrolment = Enrolment(user_id=user.id, course_id=course.id, source=source)
        if _add_once(enrolment):
            audit.record("enrolment.created", enrolment, actor=user, centre_id=user.centre_id,
                         course=course.slug, source=source.value)
    db.session.commit()


def choose_programme(user, programme, source=EnrolmentSource.programme):
    """Enrol a trainee in a programme and in each of its published courses."""
    if programme.status != Status.published:
        raise NotAllowed("draft programme")
    _enrol_in_programme(user, programme, source)
    db.session.commit()


def _enrol_in_programme(user, programme, source):
    if db.session.scalar(select(ProgrammeEnrolment).where(
            ProgrammeEnrolment.user_id == user.id,
            ProgrammeEnrolment.programme_id == programme.id)) is None:
        enrolment = ProgrammeEnrolment(user_id=user.id, programme_id=programme.id)
        if _add_once(enrolment):
            audit.record("enrolment.programme", enrolment, centre_id=user.centre_id,
                         programme=programme.slug, source=source.value, trainee=user.id)
    enrolled = set(db.session.scalars(
        select(Enrolment.course_id).where(Enrolment.user_id == user.id)))
    for entry in programme.entries:
        if entry.course.status == Status.published and entry.course_id not in enrolled:
            _add_once(Enrolment(user_id=user.id, course_id=entry.course_id, source=source))


def create_cohort(centre, programme, name, starts_on, departs_on, actor=None):
    """A new cohort of a centre for a programme, audited."""
    cohort = Cohort(centre=centre, programme=programme, name=name, starts_on=starts_on,
                    departs_on=departs_on)
    db.session.add(cohort)
    audit.record("cohort.created", cohort, actor=actor, centre_id=centre.id, name=name,
                 programme=programme.slug)
    db.session.commit()
    return cohort


def join_cohort(user, cohort, actor=None, commit=True):
    """Put a trainee in a cohort (leaving any other) and enrol them in its programme.

    Progress, attempts and certificates belong to the trainee, so a move keeps them all.
    Raises NoChannel when the cohort's destination has no legal channel from their origin.
    """
    current = db.session.scalar(select(CohortMember).where(
        CohortMember.user_id == user.id, CohortMember.left_at.is_(None)))
    if current is not None and current.cohort_id == cohort.id:
        return current
    check_channel(trainee_origin(user), cohort.programme.destination)
    if current is not None:
        current.left_at = utcnow()
        db.session.flush()  # the one-active-cohort index sees the old row closed first
    member = CohortMember(cohort=cohort, user=user)
    db.session.add(member)
    _enrol_in_programme(user, cohort.programme, EnrolmentSource.cohort)
    audit.record("cohort.joined", member, actor=actor, centre_id=cohort.centre_id,
                 cohort=cohort.id, left=current.cohort_id if current else None)
    if commit:
        db.session.commit()
    return member


def set_origin(user, origin, actor):
    """Where a trainee comes from, set by themselves or by staff, audited; True when it
    changed. ValueError for an unknown origin; NoChannel when their cohort's destination has
    no legal channel from the new origin (move them to another cohort first)."""
    if origin not in ORIGINS:
        raise ValueError(f"unknown origin {origin!r}")
    if origin == user.origin:
        return False
    check_channel(origin, get_active_destination(user.id))
    audit.record("user.origin_changed", user, actor=actor, centre_id=user.centre_id,
                 old=user.origin, new=origin)
    user.origin = origin
    db.session.commit()
    return True


def get_active_destination(user_id):
    """The destination of a trainee's current cohort's programme, or None."""
    return db.session.scalar(
        select(Programme.destination).join(Cohort, Cohort.programme_id == Programme.id)
        .join(CohortMember, CohortMember.cohort_id == Cohort.id)
        .where(CohortMember.user_id == user_id, CohortMember.left_at.is_(None)))


def mark_done(user, course, lesson_slug):
    """Record a lesson as done by an enrolled trainee; doing it twice changes nothing."""
    if course.status != Status.published:
        raise NotAllowed("draft course")
    if get_enrolment(user.id, course.id) is None:
        raise NotAllowed("not enrolled")
    lesson = db.session.scalar(select(Lesson).where(
        Lesson.course_id == course.id, Lesson.slug == lesson_slug, Lesson.position.is_not(None)))
    if lesson is None:
        raise LookupError(lesson_slug)
    lock_trainee(user.id)
    if db.session.scalar(select(LessonProgress).where(
            LessonProgress.user_id == user.id, LessonProgress.lesson_id == lesson.id)) is None:
        _add_once(LessonProgress(user_id=user.id, lesson_id=lesson.id))
        reconcile(user.id)  # the quiz may have been passed before the last lesson
    db.session.commit()


def catch_up(user_id):
    """Whatever a content update or a change elsewhere made due (a new course of the
    programme, a completion, a certificate), on the trainee's own page."""
    if reconcile(user_id):
        db.session.commit()


def get_active_cohort_id(user_id):
    """The id of a trainee's current cohort, or None."""
    return db.session.scalar(select(CohortMember.cohort_id).where(
        CohortMember.user_id == user_id, CohortMember.left_at.is_(None)))


def get_active_programme(user_id):
    """The programme a trainee prepares for: their active cohort's, else the latest chosen."""
    cohort_programme = db.session.scalar(_COHORT_PROGRAMME, {"user_id": user_id})
    if cohort_programme is not None:
        return cohort_programme
    return db.session.scalar(_CHOSEN_PROGRAMME, {"user_id": user_id})


def get_course(slug):
    return db.session.scalar(_COURSE, {"slug": slug})


def get_programme(slug):
    return db.session.scalar(select(Programme).where(Programme.slug == slug))
