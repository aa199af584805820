"""`courses check`: each kind of error is caught (one broken package per kind), drafts are not."""

from pathlib import Path

import pytest

from orientation.content.check import check_library, source_sha
from orientation.content.reader import read_library
from orientation.content.repeats import (
    Compared,
    alike,
    check_repeats,
    find_repeats,
    normalise,
    repeats,
)


def problems_of(folder):
    library, problems = read_library(folder)
    return [p for p in problems + check_library(library) if p.error], library


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_good_package_has_no_errors(app):
    errors, library = problems_of(Path(app.config["COURSES_FOLDER"]))
    assert errors == []
    assert set(library.courses) == {"first-steps", "closed-course", "draft-course"}


# (what is broken, how to break it, words the problem says, line of the problem or None)
BREAKAGES = [
    ("yaml syntax", lambda f: edit(f / "first-steps/course.yaml", "version: 1", "version: [1"),
     "not valid YAML", 3),
    ("unknown field", lambda f: edit(f / "first-steps/course.yaml", "version: 1",
                                     "version: 1\ncolour: blue"), "unknown field 'colour'", 3),
    ("missing field", lambda f: edit(f / "first-steps/course.yaml", "hours: 1.5\n", ""),
     "missing field 'hours'", None),
    ("bad value", lambda f: edit(f / "first-steps/course.yaml", "topic: safe-migration",
                                 "topic: cooking"), "topic: one of", 5),
    ("id differs from folder", lambda f: edit(f / "first-steps/course.yaml", "id: first-steps",
                                              "id: other-steps"), "differs from its folder", 1),
    ("duplicate lesson id", lambda f: edit(f / "first-steps/course.yaml", "  - goodbye",
                                           "  - goodbye\n  - hello"), "listed twice", 13),
    ("missing lesson file", lambda f: (f / "first-steps/lessons/goodbye.lo.md").unlink(),
     "missing translation", None),
    ("missing title translation", lambda f: edit(f / "first-steps/course.yaml", " zh: 第一步", ""),
     "title missing in zh", None),
    ("stale translation", lambda f: edit(f / "first-steps/lessons/goodbye.en.md",
                                         "Keep your passport.", "Keep your passport safe."),
     "stale", 2),
    ("missing source_sha", lambda f: edit(f / "first-steps/lessons/goodbye.vi.md",
                                          "source_sha", "old_sha"), "source_sha", None),
    ("broken lesson link", lambda f: edit(f / "first-steps/lessons/goodbye.km.md", "(hello.md)",
                                          "(helo.md)"), "missing lesson 'helo.md'", 6),
    ("missing picture", lambda f: (f / "first-steps/media/passport.svg").unlink(),
     "no such file in media/", 7),
    ("picture outside media", lambda f: edit(f / "first-steps/lessons/hello.en.md",
                                             "../media/passport.svg", "../../contacts.yaml"),
     "files are written ../media/NAME", 7),
    ("unknown placeholder", lambda f: edit(f / "first-steps/lessons/hello.zh.md",
                                           "contact:embassy_phone", "contact:bank_account"),
     "unknown placeholder {{contact:bank_account}}", 10),
    ("programme names a missing course", lambda f: edit(f / "programmes/thailand.yaml",
                                                        "closed-course", "no-such-course"),
     "no course 'no-such-course'", None),
    ("front matter missing", lambda f: edit(f / "first-steps/lessons/hello.lo.md", "---\n", ""),
     "missing front matter", 1),
    ("quiz key names no option", lambda f: edit(f / "first-steps/quizzes/final.en.yaml",
                                                "correct: me", "correct: you"),
     "correct: one of the option ids", None),
    ("ordering key misses a step", lambda f: edit(f / "first-steps/quizzes/final.en.yaml",
                                                  "  - compare-names\n- explanation",
                                                  "- explanation"),
     "every option id, in order", None),
    ("true/false with options", lambda f: edit(f / "first-steps/quizzes/final.en.yaml",
                                               "  correct: false", "  correct: false\n  options:"
                                               "\n  - {id: x, text: X}\n  - {id: y, text: Y}"),
     "has no options", None),
    ("quiz translation missing", lambda f: (f / "first-steps/quizzes/final.lo.yaml").unlink(),
     "missing translation", None),
    ("quiz translation stale", lambda f: edit(f / "first-steps/quizzes/final.en.yaml",
                                              "Who keeps your passport?", "Who has it?"),
     "stale", 1),
    ("quiz question untranslated", lambda f: edit(f / "first-steps/quizzes/final.vi.yaml",
                                                  "explanation: Giải thích 1", "other: x"),
     "not translated: passport: explanation", None),
    ("final quiz too small", lambda f: edit(f / "closed-course/course.yaml", "version: 1",
                                            "version: 1") or (f / "closed-course/quizzes/"
                                                              "final.en.yaml").write_text(
        "id: final\nkind: final\nafter_lesson: null\nquestions:\n- {id: a, type: true_false,"
        " text: T, explanation: E, correct: true}\n"), "at least 8 questions", None),
    ("practice after a missing lesson", lambda f: edit(
        f / "first-steps/quizzes/practice-hello.en.yaml", "after_lesson: hello",
        "after_lesson: nowhere"), "no such lesson", 3),
    ("empty lesson", lambda f: (f / "first-steps/lessons/goodbye.en.md").write_text(
        "---\ntitle: Goodbye\nminutes: 3\n---\n"), "has no text", None),
]


@pytest.mark.parametrize(("kind", "breaker", "words", "line"), BREAKAGES,
                         ids=[b[0] for b in BREAKAGES])
def test_each_kind_of_error_is_caught_with_file_and_line(app, kind, breaker, words, line):
    folder = Path(app.config["COURSES_FOLDER"])
    breaker(folder)
    errors, _ = problems_of(folder)
    matching = [p for p in errors if words in p.message]
    assert matching, f"{kind}: {[str(p) for p in errors]}"
    if line is not None:
        assert matching[0].line == line, str(matching[0])


def test_drafts_may_be_incomplete(app):
    _, library = problems_of(Path(app.config["COURSES_FOLDER"]))
    notes = [p for p in check_library(library) if not p.error]
    assert any("draft-course" in str(p.path) for p in notes)


def test_source_sha_ignores_line_ends_and_trailing_spaces(tmp_path):
    unix, windows = tmp_path / "a.md", tmp_path / "b.md"
    unix.write_text("---\ntitle: A\n---\nText\n")
    windows.write_bytes(b"---\r\ntitle: A  \r\n---\r\nText\r\n\r\n")
    assert source_sha(unix) == source_sha(windows)
    assert len(source_sha(unix)) == 12


def test_check_command_prints_coverage_and_fails_on_errors(app, runner):
    result = runner.invoke(args=["courses", "check"])
    assert result.exit_code == 0, result.output
    assert "first-steps" in result.output and "2/2" in result.output
    assert "quiz questions" in result.output and "10/10" in result.output
    edit(Path(app.config["COURSES_FOLDER"]) / "first-steps/lessons/goodbye.en.md",
         "Keep your passport.", "Changed.")
    result = runner.invoke(args=["courses", "check"])
    assert result.exit_code == 1
    assert "!1" in result.output and "stale" in result.output


def test_source_sha_command(app, runner):
    path = Path(app.config["COURSES_FOLDER"]) / "first-steps/lessons/hello.en.md"
    result = runner.invoke(args=["courses", "source-sha", str(path)])
    assert result.output.strip() == source_sha(path)


def compared(text, *options):
    return Compared(None, None, "q", normalise(text), tuple(normalise(o) for o in options))


def test_normalise_ignores_case_quotes_and_punctuation():
    assert normalise("'Yes, please keep it. You know best.'") == normalise(
        "yes please keep it -- you know best")
    assert normalise("Ｎｏ！") == ("no",)


@pytest.mark.parametrize(("first", "second", "expected"), [
    ("I will give it to my friend to keep.", "'I will give it to my friend to hold.'", True),
    ("Give it to him, because he is the boss.", "Give it to him, because he says it is for "
     "safety.", True),
    ("Call the police.", "Call the embassy.", True),
    ("Call the police.", "Ask your centre before you pay.", False),
    ("Keep your passport yourself.", "Leave the job at once, without asking anyone.", False),
])
def test_options_are_alike_when_most_of_their_words_match_in_order(first, second, expected):
    assert alike(normalise(first), normalise(second)) is expected


def test_a_question_repeats_with_two_options_alike_or_the_same_text():
    passport = compared("Her employer says: 'Give me your passport.' What can she say?",
                        "'Thank you, I would like to keep it myself.'",
                        "'Yes, please keep it. You know best.'", "'I will give it to a friend.'")
    other_story = compared("Sophea starts work. The boss wants her passport. What can she do?",
                           "'Thank you, but I would like to keep it myself.'",
                           "'Yes, please keep it, you know best!'", "She shouts at him.")
    one_alike = compared("What can she say?", "'Yes, please keep it. You know best.'",
                         "She asks her embassy.", "She signs the paper.")
    same_text = compared("her employer says give me your passport what can she say")
    assert repeats(passport, other_story) and repeats(other_story, passport)
    assert not repeats(passport, one_alike)
    assert repeats(passport, same_text)
    assert not repeats(compared(""), compared(""))  # no text, no options: nothing to compare


def test_courses_check_reports_a_question_that_repeats_another_course(app, runner):
    folder = Path(app.config["COURSES_FOLDER"])
    assert check_repeats(read_library(folder)[0]) == []
    for option in ("me", "employer"):
        edit(folder / "closed-course/quizzes/final.en.yaml", f"text: Closed-course choice "
             f"{option}", f"text: 'Option {option}.'")
    library, _ = read_library(folder)
    repeated = sorted((p.path.relative_to(folder).as_posix(), p.message, p.error)
                      for p in check_repeats(library))
    assert repeated == [
        ("closed-course/quizzes/final.en.yaml", "question 'passport' repeats first-steps/final "
         "'passport' (the same question text, or 2 or more options alike): write a situation "
         "of its own", True),
        ("first-steps/quizzes/final.en.yaml", "question 'passport' repeats closed-course/final "
         "'passport' (the same question text, or 2 or more options alike): write a situation "
         "of its own", True),
    ]
    quizzes = folder / "closed-course/quizzes"
    for lang in ("km", "lo", "vi", "zh"):  # the translations follow the new English file
        path = quizzes / f"final.{lang}.yaml"
        old = path.read_text(encoding="utf-8").split("\n", 1)[0]
        edit(path, old, f"source_sha: {source_sha(quizzes / 'final.en.yaml')}")
    result = runner.invoke(args=["courses", "check"])
    assert result.exit_code == 1 and "question 'passport' repeats" in result.output
    assert "1 errors" not in result.output and "2 errors" in result.output
    assert runner.invoke(args=["courses", "load"]).exit_code == 0  # never refused for it


def test_questions_of_one_course_may_repeat_each_other(app):
    folder = Path(app.config["COURSES_FOLDER"])
    edit(folder / "first-steps/quizzes/practice-hello.en.yaml", "text: Who keeps it?",
         "text: Who keeps your passport?")
    library, _ = read_library(folder)
    assert find_repeats(library) == {}
    assert check_repeats(library) == []
