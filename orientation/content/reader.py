"""Reading course packages from disk into typed objects, with every problem's file and line."""

import re
from pathlib import Path

import yaml

from orientation.content.packages import (
    DESTINATIONS,
    LANGUAGES,
    STATUSES,
    TOPICS,
    CoursePackage,
    LessonPackage,
    LessonText,
    Library,
    ProgrammePackage,
)
from orientation.content.problems import Problem

ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
LESSON_FILE = re.compile(r"(?P<id>[a-z0-9-]+)\.(?P<lang>[a-z]{2})\.md")
FRONT_MATTER = re.compile(r"\A---\n(?P<yaml>.*?)\n---\n", re.DOTALL)


class Reader:
    """Reads one courses/ folder; `problems` collects what is wrong as it goes."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.problems = []

    def problem(self, path, line, message, error=True):
        self.problems.append(Problem(path, line, message, error))

    def read(self):
        library = Library(self.folder)
        contacts = self.folder / "contacts.yaml"
        if contacts.exists():
            library.contacts = self.yaml(contacts)[0] or {}
        for course_yaml in sorted(self.folder.glob("*/course.yaml")):
            course = self.course(course_yaml)
            if course is not None:
                library.courses[course.id] = course
        for path in sorted((self.folder / "programmes").glob("*.yaml")):
            programme = self.programme(path)
            if programme is not None:
                library.programmes[programme.id] = programme
        return library

    def yaml(self, path):
        """The YAML document and the line of each top-level key."""
        text = path.read_text(encoding="utf-8")
        try:
            data = yaml.safe_load(text)
            node = yaml.compose(text)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            self.problem(path, mark.line + 1 if mark else None,
                         f"not valid YAML: {getattr(error, 'problem', error)}")
            return None, {}
        lines = {}
        if isinstance(node, yaml.MappingNode):
            lines = {key.value: key.start_mark.line + 1 for key, _ in node.value}
        return data, lines

    def fields(self, path, data, lines, schema):
        """Check a mapping against {key: check}; returns the keys that passed."""
        if not isinstance(data, dict):
            self.problem(path, 1, "expected a mapping of fields")
            return None
        unknown = sorted(set(data) - set(schema))
        for key in unknown:
            self.problem(path, lines.get(key), f"unknown field {key!r}")
        ok = not unknown
        for key, check in schema.items():
            if key not in data:
                self.problem(path, None, f"missing field {key!r}")
                ok = False
                continue
            message = check(data[key])
            if message:
                self.problem(path, lines.get(key), f"{key}: {message}")
                ok = False
        return ok

    def course(self, path):
        data, lines = self.yaml(path)
        if data is None:
            return None
        if not self.fields(path, data, lines, COURSE_SCHEMA):
            return None
        folder = path.parent
        if data["id"] != folder.name:
            self.problem(path, lines.get("id"), f"id {data['id']!r} differs from its folder "
                         f"{folder.name!r}")
            return None
        lessons = []
        for lesson_id in data["lessons"]:
            if any(lesson.id == lesson_id for lesson in lessons):
                self.problem(path, lines.get("lessons"), f"lesson {lesson_id!r} listed twice")
                continue
            lessons.append(self.lesson(folder, lesson_id))
        for stray in sorted((folder / "lessons").glob("*.md")):
            match = LESSON_FILE.fullmatch(stray.name)
            if not match or match["id"] not in data["lessons"] or match["lang"] not in LANGUAGES:
                self.problem(stray, None, "not a lesson of course.yaml in a known language",
                             error=False)
        fields = {k: v for k, v in data.items() if k not in ("id", "lessons")}
        return CoursePackage(id=data["id"], lessons=lessons, folder=folder, **fields)

    def lesson(self, folder, lesson_id):
        lesson = LessonPackage(lesson_id)
        for lang in LANGUAGES:
            path = folder / "lessons" / f"{lesson_id}.{lang}.md"
            if path.exists():
                text = self.lesson_text(path, lesson_id, lang)
                if text is not None:
                    lesson.texts[lang] = text
        return lesson

    def lesson_text(self, path, lesson_id, lang):
        raw = path.read_text(encoding="utf-8").replace("\r\n", "\n")
        match = FRONT_MATTER.match(raw)
        if not match:
            self.problem(path, 1, "missing front matter (--- title: ... ---)")
            return None
        try:
            meta = yaml.safe_load(match["yaml"]) or {}
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            self.problem(path, mark.line + 2 if mark else 1, "front matter is not valid YAML")
            return None
        schema = dict(LESSON_SCHEMA)
        if lang != "en":
            schema["source_sha"] = _sha
        if not self.fields(path, meta, {}, schema):
            return None
        body = raw[match.end():]
        if not body.strip():
            self.problem(path, None, "the lesson has no text")
            return None
        return LessonText(lesson_id, lang, meta["title"].strip(), meta["minutes"], body, path,
                          body_line=match["yaml"].count("\n") + 4,
                          source_sha=meta.get("source_sha"))

    def programme(self, path):
        data, lines = self.yaml(path)
        if data is None or not self.fields(path, data, lines, PROGRAMME_SCHEMA):
            return None
        if data["id"] != path.stem:
            self.problem(path, lines.get("id"), f"id {data['id']!r} differs from the file name")
            return None
        return ProgrammePackage(path=path, **data)


def _id(value):
    if isinstance(value, str) and ID.fullmatch(value):
        return None
    return "lower-case-words-with-dashes"


def _choice(options, optional=False):
    def check(value):
        if (value is None and optional) or value in options:
            return None
        return f"one of {', '.join(options)}" + (" or null" if optional else "")
    return check


def _int(low, high=None, optional=False):
    def check(value):
        if value is None and optional:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < low or (
                high is not None and value > high):
            return f"a whole number from {low}" + (f" to {high}" if high else "")
        return None
    return check


def _hours(value):
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 500
    return None if ok else "a number of hours"


def _bool(value):
    return None if isinstance(value, bool) else "true or false"


def _texts(value):
    if not isinstance(value, dict) or not value:
        return "a text per language: {en: ..., km: ...}"
    unknown = set(value) - set(LANGUAGES)
    if unknown:
        return f"unknown languages {sorted(unknown)}"
    if "en" not in value:
        return "the English text (en) is the source and is required"
    if not all(isinstance(v, str) and v.strip() for v in value.values()):
        return "every text must be non-empty"
    return None


def _ids(value):
    if not isinstance(value, list) or not all(_id(v) is None for v in value):
        return "a list of ids (lower-case-words-with-dashes)"
    return None


def _sha(value):
    return None if isinstance(value, str) and re.fullmatch(r"[0-9a-f]{12}", value) else \
        "12 hex digits (flask --app orientation courses source-sha FILE)"


def _title(value):
    return None if isinstance(value, str) and value.strip() else "a non-empty title"


COURSE_SCHEMA = {
    "id": _id, "version": _int(1), "status": _choice(STATUSES), "self_enrol": _bool,
    "topic": _choice(TOPICS), "destination": _choice(DESTINATIONS, optional=True),
    "hours": _hours, "pass_mark": _int(1, 100), "max_attempts": _int(1, optional=True),
    "attempt_wait_minutes": _int(0), "title": _texts, "summary": _texts, "lessons": _ids,
}
PROGRAMME_SCHEMA = {
    "id": _id, "status": _choice(STATUSES), "destination": _choice(DESTINATIONS),
    "classroom_hours": _hours, "title": _texts, "summary": _texts, "courses": _ids,
}
LESSON_SCHEMA = {"title": _title, "minutes": _int(1, 240)}


def read_library(folder):
    """Read every package: (Library, problems found while reading)."""
    reader = Reader(folder)
    library = reader.read()
    return library, reader.problems
