"""What an admin reads about the course packages: what is loaded, and what `courses check`
finds in the folder the app reads."""

import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from orientation.content.check import check_folder
from orientation.content.library import STAMP_ID
from orientation.content.packages import LANGUAGES, text_in
from orientation.extensions import db
from orientation.models import ContentStamp, Course, Lesson, Programme, ProgrammeCourse


@dataclass(frozen=True)
class LoadedCourse:
    slug: str
    title: str
    version: int
    status: str
    languages: list[str]  # every lesson has a text in these
    lessons: int
    loaded_at: object


@dataclass(frozen=True)
class LoadedProgramme:
    slug: str
    title: str
    destination: str
    status: str
    courses: int
    loaded_at: object


def get_courses(library, lang):
    """The courses in the database with their current lessons counted, in one query."""
    rows = db.session.execute(
        select(Course, func.count(Lesson.id))
        .outerjoin(Lesson, (Lesson.course_id == Course.id) & Lesson.position.is_not(None))
        .group_by(Course.id).order_by(Course.slug))
    result = []
    for course, lessons in rows:
        package = library.courses.get(course.slug)
        title = text_in(package.title, lang) if package else course.slug
        languages = [code for code in LANGUAGES if package and package.lessons and all(
            code in lesson.texts for lesson in package.lessons)]
        result.append(LoadedCourse(course.slug, title, course.version, course.status.value,
                                   languages, lessons, course.loaded_at))
    return result


def get_programmes(library, lang):
    """The programmes in the database with their number of courses, in one query."""
    rows = db.session.execute(
        select(Programme, func.count(ProgrammeCourse.course_id))
        .outerjoin(ProgrammeCourse, ProgrammeCourse.programme_id == Programme.id)
        .group_by(Programme.id).order_by(Programme.slug))
    return [LoadedProgramme(
        programme.slug,
        text_in(library.programmes[programme.slug].title, lang)
        if programme.slug in library.programmes else programme.slug,
        programme.destination, programme.status.value, courses, programme.loaded_at)
        for programme, courses in rows]


def get_last_load():
    """When `courses load` last ran, or None."""
    return db.session.scalar(select(ContentStamp.loaded_at).where(ContentStamp.id == STAMP_ID))


@dataclass(frozen=True)
class Finding:
    """A problem of `courses check`, its file named from the courses folder."""

    path: str
    line: int | None
    message: str
    error: bool


@dataclass(frozen=True)
class CheckResult:
    findings: list[Finding]
    seconds: float
    courses: int
    programmes: int

    @property
    def errors(self):
        return sum(finding.error for finding in self.findings)


def run_check(folder):
    """Run the same check as `courses check` on a folder, and time it."""
    started = time.perf_counter()
    library, problems = check_folder(folder)
    seconds = time.perf_counter() - started
    root = Path(folder).resolve()
    findings = [Finding(_relative(problem.path, root), problem.line, problem.message,
                        problem.error) for problem in problems]
    return CheckResult(findings, seconds, len(library.courses), len(library.programmes))


def _relative(path, root):
    path = Path(path).resolve()
    return str(path.relative_to(root)) if root in path.parents or path == root else str(path)
