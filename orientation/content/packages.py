"""Course packages as typed objects, read once from courses/ and shared by every request."""

from dataclasses import dataclass, field
from pathlib import Path

LANGUAGES = ("en", "km", "lo", "vi", "zh")
SOURCE_LANGUAGE = "en"
TOPICS = ("safe-migration", "rights", "contract", "money", "health", "help", "destination",
          "return")
DESTINATIONS = ("TH", "MY", "HK", "KR")
STATUSES = ("draft", "published")


@dataclass(frozen=True)
class LessonText:
    """One lesson in one language."""

    lesson_id: str
    lang: str
    title: str
    minutes: int
    body: str
    path: Path
    body_line: int  # line of the file where the body starts, for messages
    source_sha: str | None = None  # translations only: the English text they translate


@dataclass
class LessonPackage:
    id: str
    texts: dict[str, LessonText] = field(default_factory=dict)


QUESTION_TYPES = ("single", "multiple", "true_false", "ordering")
QUIZ_KINDS = ("final", "practice")


@dataclass
class Option:
    id: str
    text: dict[str, str]  # by language
    feedback: dict[str, str] = field(default_factory=dict)


@dataclass
class Question:
    """A question; the key (`correct`) is written once, in the English file."""

    id: str
    type: str
    text: dict[str, str]
    explanation: dict[str, str]
    options: list[Option]
    correct: object  # an option id, a list of ids, or True/False
    image: str | None = None
    lesson: str | None = None  # the lesson that teaches it: "read again" after a wrong answer

    def option(self, option_id):
        return next((option for option in self.options if option.id == option_id), None)


@dataclass
class Quiz:
    id: str
    kind: str
    after_lesson: str | None
    questions: list[Question]
    path: Path  # the English file
    translations: dict[str, Path] = field(default_factory=dict)
    source_shas: dict[str, str] = field(default_factory=dict)

    def question(self, question_id):
        return next((q for q in self.questions if q.id == question_id), None)


@dataclass
class CoursePackage:
    id: str
    version: int
    status: str
    self_enrol: bool
    topic: str
    destination: str | None
    hours: float
    pass_mark: int
    max_attempts: int | None
    attempt_wait_minutes: int
    title: dict[str, str]
    summary: dict[str, str]
    lessons: list[LessonPackage]
    folder: Path
    quizzes: dict[str, Quiz] = field(default_factory=dict)

    @property
    def published(self):
        return self.status == "published"

    def lesson(self, lesson_id):
        return next((lesson for lesson in self.lessons if lesson.id == lesson_id), None)

    @property
    def media(self):
        return self.folder / "media"

    @property
    def final_quiz(self):
        return next((q for q in self.quizzes.values() if q.kind == "final"), None)

    def practice_after(self, lesson_id):
        return next((q for q in self.quizzes.values()
                     if q.kind == "practice" and q.after_lesson == lesson_id), None)


@dataclass
class ProgrammePackage:
    id: str
    status: str
    destination: str
    classroom_hours: float
    title: dict[str, str]
    summary: dict[str, str]
    courses: list[str]
    path: Path

    @property
    def published(self):
        return self.status == "published"


@dataclass
class Library:
    """Every package under courses/, by id."""

    folder: Path
    courses: dict[str, CoursePackage] = field(default_factory=dict)
    programmes: dict[str, ProgrammePackage] = field(default_factory=dict)
    contacts: dict[str, str] = field(default_factory=dict)
    # {origin: {destination: Channel}} from courses/channels.yaml
    channels: dict[str, dict] = field(default_factory=dict)


def text_in(texts, lang):
    """A field's text in a language, falling back to English."""
    return texts.get(lang) or texts.get(SOURCE_LANGUAGE, "")
