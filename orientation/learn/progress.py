"""How far a trainee is in each course: computed here only, in two queries for any number."""

from dataclasses import dataclass

from sqlalchemy import bindparam, select

from orientation.extensions import db
from orientation.models import Lesson, LessonProgress


@dataclass(frozen=True)
class Progress:
    """Lessons done out of the course's current lessons, and where to continue."""

    done: int
    total: int
    next_lesson: str | None  # the first current lesson not done yet
    done_lessons: frozenset

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def state(self):
        if self.done == 0:
            return "not_started"
        return "lessons_done" if self.done >= self.total else "in_progress"


# Built once (a statement made per call costs about as much as running it); "expanding"
# binds a list of any length.
_LESSONS = (select(Lesson.id, Lesson.course_id, Lesson.slug)
            .where(Lesson.course_id.in_(bindparam("course_ids", expanding=True)),
                   Lesson.position.is_not(None))
            .order_by(Lesson.course_id, Lesson.position))
_DONE = (select(LessonProgress.lesson_id).join(Lesson)
         .where(LessonProgress.user_id == bindparam("user_id"),
                Lesson.course_id.in_(bindparam("course_ids", expanding=True))))


def get_progress(user_id, course_ids):
    """{course id: Progress} for one trainee, whatever the number of courses."""
    course_ids = list(course_ids)
    if not course_ids:
        return {}
    lessons = db.session.execute(_LESSONS, {"course_ids": course_ids}).all()
    done = set(db.session.scalars(_DONE, {"user_id": user_id, "course_ids": course_ids}))
    by_course = {course_id: [] for course_id in course_ids}
    for lesson_id, course_id, slug in lessons:
        by_course[course_id].append((lesson_id, slug))
    result = {}
    for course_id, items in by_course.items():
        finished = frozenset(slug for lesson_id, slug in items if lesson_id in done)
        upcoming = next((slug for _, slug in items if slug not in finished), None)
        result[course_id] = Progress(len(finished), len(items), upcoming, finished)
    return result
