"""`courses check`: a question that repeats a question of another course.

A trainee takes several courses of one programme; the same question in each of them (the
passport question once sat in six quizzes) teaches recall, not judgement. The rule compares
the English texts, which every translation follows:

- a text is normalised into its words (NFKC, case folded, punctuation dropped), so quotes,
  commas and capitals do not hide a copy;
- two options are alike when at least `ALIKE` of their words match in the same order
  (difflib's ratio over words: 1.0 the same; "I will give it to my friend to keep" and "...
  to hold" 0.89; "Call the police" and "Call the embassy" 0.67);
- a question repeats a question of another course when at least `SHARED_OPTIONS` of its
  options are each alike to an option of the other, or when both question texts are equal.

Questions of the same course may repeat each other (a practice quiz prepares the final).
"""

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

from orientation.content.packages import SOURCE_LANGUAGE
from orientation.content.problems import Problem

ALIKE = 0.6
SHARED_OPTIONS = 2
WORDS = re.compile(r"\w+")


def normalise(text):
    """A text as the rule compares it: its words, NFKC, case folded."""
    return tuple(WORDS.findall(unicodedata.normalize("NFKC", text).casefold()))


def alike(first, second):
    """Whether two normalised texts have at least ALIKE of their words in common, in order."""
    return _alike(first, _matcher(second))


def _matcher(text):
    """A SequenceMatcher whose second text is set (its index is built once per text)."""
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(text)
    return matcher


def _alike(text, matcher):
    # Cheap upper bounds first: lengths, then words in common (most pairs stop here).
    total = len(text) + len(matcher.b)
    if not total or 2 * min(len(text), len(matcher.b)) < ALIKE * total:
        return False
    matcher.set_seq1(text)
    return matcher.quick_ratio() >= ALIKE and matcher.ratio() >= ALIKE


def repeats(first, second):
    """The rule, on two questions as the rule sees them (Compared)."""
    if first.text and first.text == second.text:
        return True
    return (min(len(first.options), len(second.options)) >= SHARED_OPTIONS
            and _shared(first.options, second.matchers) >= SHARED_OPTIONS)


def _shared(options, matchers):
    """How many `options` are alike to one of the other question's (its `matchers`), counted
    only as far as the rule needs."""
    found = 0
    for index, option in enumerate(options):
        if found + len(options) - index < SHARED_OPTIONS:
            return found
        if any(_alike(option, matcher) for matcher in matchers):
            found += 1
            if found >= SHARED_OPTIONS:
                return found
    return found


@dataclass(eq=False)  # compared by identity: one per question
class Compared:
    """One question as the rule sees it, and where it is."""

    course: object  # CoursePackage (None in unit tests)
    quiz: object  # Quiz
    question_id: str
    text: tuple[str, ...]  # normalised
    options: tuple[tuple[str, ...], ...]

    @cached_property
    def matchers(self):
        return [_matcher(option) for option in self.options]

    @property
    def name(self):
        return f"{self.course.id}/{self.quiz.id} {self.question_id!r}"


def _compared(library):
    return [Compared(course, quiz, question.id,
                     normalise(question.text.get(SOURCE_LANGUAGE, "")),
                     tuple(normalise(o.text.get(SOURCE_LANGUAGE, "")) for o in question.options))
            for course in library.courses.values() for quiz in course.quizzes.values()
            for question in quiz.questions]


def find_repeats(library):
    """{Compared: [Compared of other courses it repeats]} for every question that repeats."""
    questions = _compared(library)
    found = {}
    for index, first in enumerate(questions):
        for second in questions[index + 1:]:
            if first.course.id != second.course.id and repeats(first, second):
                found.setdefault(first, []).append(second)
                found.setdefault(second, []).append(first)
    return found


def check_repeats(library):
    """One problem per repeating question, in its English quiz file; an error when its
    course is published, a note for a draft. `courses check` runs it; loading does not."""
    return [Problem(question.quiz.path, None,
                    f"question {question.question_id!r} repeats "
                    f"{', '.join(other.name for other in others)} (the same question text, or "
                    f"{SHARED_OPTIONS} or more options alike): write a situation of its own",
                    question.course.published)
            for question, others in find_repeats(library).items()]
