"""What the learning pages show: database rows joined with the packages' texts."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, func, select

from orientation.content.library import get_library
from orientation.content.packages import text_in
from orientation.extensions import db
from orientation.learn.progress import Progress, get_progress
from orientation.models import (
    Attempt,
    Course,
    CourseCompletion,
    DestinationContact,
    Enrolment,
    Lesson,
    LessonProgress,
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
class CourseActivity:
    """What choosing where to continue needs to know of one course a trainee is enrolled in."""

    slug: str
    title: str
    lessons: tuple[str, ...]  # the current lesson ids, in order
    done: frozenset  # the lesson ids read
    final_quiz: str | None
    completed: bool
    last_active: datetime | None  # the last lesson read or quiz started; None: not begun


@dataclass(frozen=True)
class ContinuePoint:
    """Where to continue: a lesson (its id and number), or the final quiz when lesson is None."""

    slug: str
    title: str
    lesson: str | None
    number: int
    quiz: str | None
    started: bool


def choose_continue(courses):
    """The first unread lesson of the most recently active unfinished course, or its final
    quiz when every lesson is read; without any activity, the first unfinished course."""
    open_courses = [c for c in courses if not c.completed and (
        set(c.lessons) - c.done or c.final_quiz)]
    if not open_courses:
        return None
    active = [c for c in open_courses if c.last_active is not None]
    course = max(active, key=lambda c: c.last_active) if active else open_courses[0]
    unread = [(number, lesson) for number, lesson in enumerate(course.lessons, 1)
              if lesson not in course.done]
    number, lesson = unread[0] if unread else (len(course.lessons), None)
    return ContinuePoint(course.slug, course.title, lesson, number,
                         None if lesson else course.final_quiz,
                         bool(course.done) or course.last_active is not None)


def _last_activity(user_id, course_ids):
    """{course id: the latest time a lesson was read or a quiz started} for one trainee."""
    read = select(Lesson.course_id, func.max(LessonProgress.done_at)).join(
        LessonProgress, LessonProgress.lesson_id == Lesson.id).where(
        LessonProgress.user_id == user_id, Lesson.course_id.in_(course_ids)).group_by(
        Lesson.course_id)
    tried = select(Attempt.course_id, func.max(Attempt.started_at)).where(
        Attempt.user_id == user_id, Attempt.course_id.in_(course_ids)).group_by(Attempt.course_id)
    latest = {}
    for course_id, at in [*db.session.execute(read), *db.session.execute(tried)]:
        latest[course_id] = max(at, latest.get(course_id, at))
    return latest


def get_continue(user_id, cards):
    """Where the trainee continues, from their My learning cards (None: all finished)."""
    latest = _last_activity(user_id, [card.course.id for card in cards])
    courses = []
    for card in cards:
        if card.course.status != Status.published:
            continue  # a course taken back to draft has no page for trainees
        package = get_library().courses[card.course.slug]
        courses.append(CourseActivity(
            card.course.slug, card.title, tuple(lesson.id for lesson in package.lessons),
            card.progress.done_lessons if card.progress else frozenset(),
            package.final_quiz.id if package.final_quiz else None, card.completed,
            latest.get(card.course.id)))
    return choose_continue(courses)


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


_CONTACTS = select(DestinationContact.key, DestinationContact.value).where(
    DestinationContact.destination == bindparam("destination"),
    DestinationContact.locale == bindparam("locale"))  # built once, like services' queries


def get_contacts(destination, locale):
    """The contacts a centre set for a destination and language ({key: value})."""
    if not destination:
        return {}
    return dict(db.session.execute(_CONTACTS, {"destination": destination,
                                               "locale": locale}).all())
