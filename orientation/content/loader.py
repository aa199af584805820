"""Bringing packages into the database: all of them or nothing, keeping each identity."""

from sqlalchemy import select

from orientation.content.check import check_library
from orientation.content.library import STAMP_ID, fingerprint
from orientation.content.problems import PackageError
from orientation.content.reader import read_library
from orientation.extensions import db
from orientation.models import ContentStamp, Course, Lesson, Programme, ProgrammeCourse, Status
from orientation.models.base import utcnow


def load_library(folder):
    """Read, check and load every package in one transaction; PackageError changes nothing.

    Returns (library, notes), where notes are the problems that do not prevent loading.
    """
    library, problems = read_library(folder)
    problems += check_library(library)
    errors = [problem for problem in problems if problem.error]
    if errors:
        raise PackageError(errors)
    try:
        # No autoflush: what is pending tells which courses and programmes changed.
        with db.session.no_autoflush:
            courses = {package.id: _sync_course(package) for package in library.courses.values()}
            changed_courses = [course for course in courses.values() if _pending(course) or any(
                _pending(lesson) for lesson in course.lessons)]
            changed_programmes = [programme for programme, changed in (
                _sync_programme(package, courses) for package in library.programmes.values())
                if changed]
        _stamp(fingerprint(folder))
        db.session.flush()
        # Whose trainees to reconcile: (course ids, programme ids) this load added or changed.
        library.changed = ({course.id for course in changed_courses},
                           {programme.id for programme in changed_programmes})
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return library, problems


def _sync_course(package):
    course = db.session.scalar(select(Course).where(Course.slug == package.id))
    if course is None:
        course = Course(slug=package.id)
        db.session.add(course)
    values = dict(version=package.version, status=Status(package.status),
                  self_enrol=package.self_enrol, topic=package.topic,
                  destination=package.destination, hours=package.hours,
                  pass_mark=package.pass_mark, max_attempts=package.max_attempts,
                  attempt_wait_minutes=package.attempt_wait_minutes)
    _assign(course, values)
    existing = {lesson.slug: lesson for lesson in course.lessons}
    order = {lesson.id: position for position, lesson in enumerate(package.lessons, start=1)}
    for slug, lesson in existing.items():
        # A lesson a new version removed keeps its row (and trainees' progress), unlisted.
        if lesson.position != order.get(slug):
            lesson.position = order.get(slug)
    for slug, position in order.items():
        if slug not in existing:
            course.lessons.append(Lesson(slug=slug, position=position))
    return course


def _sync_programme(package, courses):
    programme = db.session.scalar(select(Programme).where(Programme.slug == package.id))
    if programme is None:
        programme = Programme(slug=package.id)
        db.session.add(programme)
    _assign(programme, dict(status=Status(package.status), destination=package.destination,
                            classroom_hours=package.classroom_hours))
    wanted = [(courses[course_id], position)
              for position, course_id in enumerate(package.courses, start=1)]
    current = [(entry.course, entry.position) for entry in programme.entries]
    changed = _pending(programme) or current != wanted
    if current != wanted:
        programme.entries.clear()
        db.session.flush()
        programme.entries.extend(ProgrammeCourse(course=course, position=position)
                                 for course, position in wanted)
    return programme, changed


def _pending(row):
    return row in db.session.new or db.session.is_modified(row)


def _stamp(value):
    """Record what was loaded, so every worker reloads its library (unchanged: no write)."""
    stamp = db.session.get(ContentStamp, STAMP_ID)
    if stamp is None:
        db.session.add(ContentStamp(id=STAMP_ID, fingerprint=value))
    elif stamp.fingerprint != value:
        stamp.fingerprint, stamp.loaded_at = value, utcnow()


def _assign(row, values):
    """Set only what differs, so that loading the same packages again writes nothing."""
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
