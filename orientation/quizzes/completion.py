"""Recording a course as complete: once, in the caller's transaction, never undone."""

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from orientation.extensions import db
from orientation.learn.progress import get_progress
from orientation.models import Attempt, CourseCompletion
from orientation.quizzes import rules
from orientation.quizzes.events import course_completed


def get_completion(user_id, course_id):
    return db.session.scalar(select(CourseCompletion).where(
        CourseCompletion.user_id == user_id, CourseCompletion.course_id == course_id))


def complete_if_due(user_id, course):
    """Add the course's completion when its rules are met; the caller commits.

    Called when a final quiz is passed and when a lesson is marked done, so that the order in
    which a trainee does the two does not matter. Returns the completion, new or old, or None.
    """
    existing = get_completion(user_id, course.id)
    if existing is not None:
        return existing
    passing = db.session.scalar(
        select(Attempt).where(Attempt.user_id == user_id, Attempt.course_id == course.id,
                              Attempt.final, Attempt.passed)
        .order_by(Attempt.submitted_at, Attempt.id).limit(1))
    progress = get_progress(user_id, [course.id])[course.id]
    if passing is None or not rules.is_complete(progress.done, progress.total, True):
        return None
    completion = CourseCompletion(user_id=user_id, course_id=course.id, attempt_id=passing.id,
                                  course_version=passing.course_version, score=passing.score,
                                  locale=passing.locale)
    try:
        with db.session.begin_nested():
            db.session.add(completion)
    except IntegrityError:  # another request completed it a moment ago
        return get_completion(user_id, course.id)
    course_completed.send(completion, completion=completion)
    return completion
