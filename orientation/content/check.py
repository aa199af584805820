"""The checks of `courses check`: completeness, staleness, links, pictures, placeholders."""

import hashlib
import re
import unicodedata

from orientation.content.check_media import media_problem
from orientation.content.markdown import parser, render
from orientation.content.packages import LANGUAGES, SOURCE_LANGUAGE
from orientation.content.problems import Problem
from orientation.content.quiz_check import check_quizzes
from orientation.content.reader import read_library
from orientation.content.repeats import check_repeats

PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
CONTACT = re.compile(r"contact:([a-z0-9_]+)")


def source_sha(path):
    """First 12 hex digits of the SHA-256 of a source file, normalised (NFC, LF, no trailing
    spaces), which its translations record as `source_sha`."""
    text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    normalised = "\n".join(lines).strip("\n") + "\n"
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:12]


def check_folder(folder):
    """What `courses check` reports for a course folder: (library, problems), the packages'
    own problems first. Repeated questions fail the check (CI) but never stop `courses
    load`: content that is worth improving is still content a centre can use."""
    library, problems = read_library(folder)
    return library, problems + check_library(library) + check_repeats(library)


def check_library(library):
    """Every problem of every package; errors fail `courses check`, notes do not."""
    problems = []
    for course in library.courses.values():
        problems += check_course(course, library.contacts)
    for programme in library.programmes.values():
        problems += check_programme(programme, library)
    return problems


def check_course(course, contacts):
    problems = []
    required = course.published  # a draft's gaps are reported, not failed
    path = course.folder / "course.yaml"
    for field in ("title", "summary"):
        missing = [lang for lang in LANGUAGES if lang not in getattr(course, field)]
        if missing:
            problems.append(Problem(path, None, f"{field} missing in {', '.join(missing)}",
                                    required))
    if not course.lessons:
        problems.append(Problem(path, None, "the course has no lessons", required))
    for lesson in course.lessons:
        problems += check_lesson(course, lesson, contacts, required)
    return problems + check_quizzes(course, required, source_sha)


def check_lesson(course, lesson, contacts, required):
    problems = []
    folder = course.folder / "lessons"
    source = lesson.texts.get(SOURCE_LANGUAGE)
    sha = source_sha(source.path) if source else None
    for lang in LANGUAGES:
        text = lesson.texts.get(lang)
        if text is None:
            problems.append(Problem(folder / f"{lesson.id}.{lang}.md", None,
                                    "missing translation" if source else "missing", required))
            continue
        if lang != SOURCE_LANGUAGE and sha and text.source_sha != sha:
            problems.append(Problem(text.path, 2, f"stale: translates {text.source_sha}, the "
                                    f"English text is now {sha}", required))
        problems += check_body(course, text, contacts)
    return problems


def check_body(course, text, contacts):
    """Links, pictures, placeholders and emphasis of one lesson text."""
    problems = []
    if "**" in render(course, text):
        # CommonMark does not close ** between CJK punctuation and a letter: add a space.
        problems.append(Problem(text.path, None, "bold text that does not render: a ** is "
                                "shown as it is (put a space after the closing **)"))
    for line, kind, target in _targets(text):
        message = media_problem(course, kind, target)
        if message:
            problems.append(Problem(text.path, line, message))
    for number, line in enumerate(text.body.split("\n"), start=text.body_line):
        for inner in PLACEHOLDER.findall(line):
            match = CONTACT.fullmatch(inner)
            if not match or match[1] not in contacts:
                problems.append(Problem(text.path, number, f"unknown placeholder {{{{{inner}}}}}"
                                        " (see courses/contacts.yaml)"))
    return problems


def _targets(text):
    """(line, 'link' or 'image', target) for each link and picture of a lesson text."""
    for token in parser().parse(text.body):
        line = text.body_line + token.map[0] if token.map else None
        for child in token.children or ():
            if child.type == "link_open":
                yield line, "link", child.attrs.get("href", "")
            elif child.type == "image":
                yield line, "image", child.attrs.get("src", "")


def check_programme(programme, library):
    problems = []
    for course_id in programme.courses:
        course = library.courses.get(course_id)
        if course is None:
            problems.append(Problem(programme.path, None, f"no course {course_id!r}"))
        elif programme.published and not course.published:
            problems.append(Problem(programme.path, None,
                                    f"course {course_id!r} is still a draft", error=False))
    if programme.published:
        for field in ("title", "summary"):
            missing = [lang for lang in LANGUAGES if lang not in getattr(programme, field)]
            if missing:
                problems.append(Problem(programme.path, None,
                                        f"{field} missing in {', '.join(missing)}"))
    return problems


def coverage(library):
    """Rows of (course id, status, {lang: (lessons present, lessons, stale)})."""
    rows = []
    for course in library.courses.values():
        source = {lesson.id: lesson.texts.get(SOURCE_LANGUAGE) for lesson in course.lessons}
        shas = {key: source_sha(text.path) for key, text in source.items() if text}
        cells = {}
        for lang in LANGUAGES:
            present = [lesson.texts[lang] for lesson in course.lessons if lang in lesson.texts]
            stale = sum(1 for text in present
                        if lang != SOURCE_LANGUAGE and text.source_sha != shas.get(text.lesson_id))
            cells[lang] = (len(present), len(course.lessons), stale)
        rows.append((course.id, course.status, cells))
    return rows
