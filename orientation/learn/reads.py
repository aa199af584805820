"""What the learning pages show: database rows joined with the packages' texts."""

from dataclasses import dataclass

from sqlalchemy import select

from orientation.content.library import get_library
from orientation.content.packages import text_in
from orientation.extensions import db
from orientation.learn.progress import Progress, get_progress
from orientation.models import (
    Course,
    CourseCompletion,
    DestinationContact,
    Enrolment,
    Programme,
    Status,
)


@dataclass(frozen=True)
class CourseCard:
    course: Course
    title: str
    summary: str
    lessons: int
    progress: Progress | None = None  # None: the viewer is not enrolled
    completed: bool = False


def course_card(course, lang, progress=None, completed=False):
    package = get_library().courses[course.slug]
    return CourseCard(course, text_in(package.title, lang), text_in(package.summary, lang),
                      len(package.lessons), progress, completed)


def programme_texts(programme, lang):
    package = get_library().programmes[programme.slug]
    return text_in(package.title, lang), text_in(package.summary, lang)


def get_catalogue(lang, destination=None, topic=None):
    """Published programmes and courses, filtered by destination and topic."""
    courses = select(Course).where(Course.status == Status.published).order_by(Course.id)
    programmes = select(Programme).where(Programme.status == Status.published)
    if destination:
        courses = courses.where((Course.destination == destination) |
                                Course.destination.is_(None))
        programmes = programmes.where(Programme.destination == destination)
    if topic:
        courses = courses.where(Course.topic == topic)
    return (
        [(p, *programme_texts(p, lang)) for p in db.session.scalars(programmes.order_by(
            Programme.id))],
        [course_card(c, lang) for c in db.session.scalars(courses)],
    )


def get_my_courses(user_id, lang):
    """The courses a trainee is enrolled in, with how far they are in each."""
    courses = db.session.scalars(
        select(Course).join(Enrolment).where(Enrolment.user_id == user_id)
        .order_by(Enrolment.created_at, Course.id)).all()
    progress = get_progress(user_id, [course.id for course in courses])
    completed = set(db.session.scalars(select(CourseCompletion.course_id).where(
        CourseCompletion.user_id == user_id)))
    return [course_card(course, lang, progress[course.id], course.id in completed)
            for course in courses]


@dataclass(frozen=True)
class LessonPlace:
    """Where a lesson sits in its course: its number, and the lessons before and after."""

    number: int
    count: int
    previous: tuple[str, str] | None  # (lesson id, title in the reader's language)
    next: tuple[str, str] | None


def lesson_title(lesson, lang):
    return text_in({code: text.title for code, text in lesson.texts.items()}, lang)


def get_lesson_place(package, lesson_id, lang):
    lessons = package.lessons
    index = [lesson.id for lesson in lessons].index(lesson_id)

    def entry(i):
        return (lessons[i].id, lesson_title(lessons[i], lang)) if 0 <= i < len(lessons) else None

    return LessonPlace(index + 1, len(lessons), entry(index - 1), entry(index + 1))


def get_contacts(destination, locale):
    """The contacts a centre set for a destination and language ({key: value})."""
    if not destination:
        return {}
    rows = db.session.execute(
        select(DestinationContact.key, DestinationContact.value)
        .where(DestinationContact.destination == destination,
               DestinationContact.locale == locale))
    return dict(rows.all())
