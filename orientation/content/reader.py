"""Reading course packages from disk into typed objects, with every problem's file and line."""

import re
from pathlib import Path

import yaml

from orientation.content import fields as f
from orientation.content.channels import read_channels
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
from orientation.content.quiz_reader import read_quizzes

# libyaml's parser when PyYAML was built with it (the wheels are): the same documents and
# line marks as the pure-Python one (errors worded its own way), about twenty times faster.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
LESSON_FILE = re.compile(r"(?P<id>[a-z0-9-]+)\.(?P<lang>[a-z]{2})\.md")
FRONT_MATTER = re.compile(r"\A---\n(?P<yaml>.*?)\n---\n", re.DOTALL)


def load_yaml(text):
    """(data, node) of one YAML document, parsed once: the node gives each key's line."""
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        return (loader.construct_document(node) if node is not None else None), node
    finally:
        loader.dispose()


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
        library.channels = read_channels(self, self.folder / "channels.yaml")
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
            data, node = load_yaml(text)
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
        quizzes = read_quizzes(self, folder, data["lessons"])
        return CoursePackage(id=data["id"], lessons=lessons, folder=folder, quizzes=quizzes,
                             **fields)

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
            meta = load_yaml(match["yaml"])[0] or {}
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            self.problem(path, mark.line + 2 if mark else 1, "front matter is not valid YAML")
            return None
        schema = dict(LESSON_SCHEMA)
        if lang != "en":
            schema["source_sha"] = f.source_sha
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


COURSE_SCHEMA = {
    "id": f.an_id, "version": f.whole_number(1), "status": f.one_of(STATUSES),
    "self_enrol": f.boolean, "topic": f.one_of(TOPICS),
    "destination": f.one_of(DESTINATIONS, optional_=True), "hours": f.hours,
    "pass_mark": f.whole_number(1, 100), "max_attempts": f.whole_number(1, optional_=True),
    "attempt_wait_minutes": f.whole_number(0), "title": f.texts, "summary": f.texts,
    "lessons": f.ids,
}
PROGRAMME_SCHEMA = {
    "id": f.an_id, "status": f.one_of(STATUSES), "destination": f.one_of(DESTINATIONS),
    "classroom_hours": f.hours, "title": f.texts, "summary": f.texts, "courses": f.ids,
}
LESSON_SCHEMA = {"title": f.text, "minutes": f.whole_number(1, 240)}


def read_library(folder):
    """Read every package: (Library, problems found while reading)."""
    reader = Reader(folder)
    library = reader.read()
    return library, reader.problems
