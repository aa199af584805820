"""Reading quiz files: structure and keys from the English file, texts from each translation."""

import re

from orientation.content import fields as f
from orientation.content.packages import (
    LANGUAGES,
    QUESTION_TYPES,
    QUIZ_KINDS,
    Option,
    Question,
    Quiz,
)

QUIZ_FILE = re.compile(r"(?P<id>[a-z0-9-]+)\.(?P<lang>[a-z]{2})\.yaml")


def read_quizzes(reader, folder, lesson_ids):
    """{quiz id: Quiz} of a course folder; problems go to reader.problem()."""
    quizzes = {}
    for path in sorted((folder / "quizzes").glob("*.en.yaml")):
        quiz = _read_source(reader, path, lesson_ids)
        if quiz is not None:
            quizzes[quiz.id] = quiz
    for path in sorted((folder / "quizzes").glob("*.yaml")):
        match = QUIZ_FILE.fullmatch(path.name)
        if not match or match["lang"] not in LANGUAGES:
            reader.problem(path, None, "not a quiz file (NAME.LANG.yaml)")
        elif match["lang"] != "en":
            if match["id"] in quizzes:
                _read_translation(reader, path, quizzes[match["id"]], match["lang"])
            else:
                reader.problem(path, None, "a translation of a quiz with no English file")
    return quizzes


def _read_source(reader, path, lesson_ids):
    data, lines = reader.yaml(path)
    if data is None:
        return None
    schema = {"id": f.an_id, "kind": f.one_of(QUIZ_KINDS), "after_lesson": f.optional(f.an_id),
              "questions": f.non_empty_list}
    if not reader.fields(path, data, lines, schema):
        return None
    if data["id"] != path.name.removesuffix(".en.yaml"):
        reader.problem(path, lines.get("id"), "id differs from the file name")
        return None
    if (data["kind"] == "practice") != (data["after_lesson"] is not None):
        reader.problem(path, lines.get("after_lesson"),
                       "a practice quiz names the lesson it follows; a final quiz none")
    elif data["after_lesson"] is not None and data["after_lesson"] not in lesson_ids:
        reader.problem(path, lines.get("after_lesson"), "after_lesson: no such lesson")
    questions = []
    for raw in data["questions"]:
        question = _question(reader, path, raw, {q.id for q in questions}, lesson_ids)
        if question is not None:
            questions.append(question)
    if len(questions) != len(data["questions"]):
        return None
    return Quiz(data["id"], data["kind"], data["after_lesson"], questions, path)


def _question(reader, path, raw, seen, lesson_ids):
    where = f"question {raw.get('id', '?')!r}" if isinstance(raw, dict) else "a question"
    schema = {"id": f.an_id, "type": f.one_of(QUESTION_TYPES), "text": f.text,
              "explanation": f.text, "image": f.optional(f.text), "options": _options,
              "correct": f.anything, "lesson": f.optional(f.an_id)}
    if not isinstance(raw, dict):
        reader.problem(path, None, f"{where}: expected a mapping")
        return None
    raw.setdefault("image", None)
    raw.setdefault("options", [])
    raw.setdefault("lesson", None)
    if not reader.fields(path, raw, {}, schema):
        return None
    if raw["id"] in seen:
        reader.problem(path, None, f"{where}: the id is used twice")
        return None
    options = [Option(o["id"], {"en": o["text"]}, {"en": o["feedback"]} if o.get("feedback")
                      else {}) for o in raw["options"]]
    message = _key_problem(raw["type"], raw["correct"], [o.id for o in options])
    if raw["lesson"] is not None and raw["lesson"] not in lesson_ids:
        message = "lesson: no such lesson"
    if message:
        reader.problem(path, None, f"{where}: {message}")
        return None
    return Question(raw["id"], raw["type"], {"en": raw["text"]}, {"en": raw["explanation"]},
                    options, raw["correct"], raw["image"], raw["lesson"])


def _key_problem(kind, correct, ids):
    """What is wrong with a question's key, or None."""
    if kind == "true_false":
        if ids:
            return "a true/false question has no options"
        return None if isinstance(correct, bool) else "correct: true or false"
    if len(ids) < 2:
        return "at least two options"
    if kind == "single":
        return None if correct in ids else "correct: one of the option ids"
    if not isinstance(correct, list) or len(set(correct)) != len(correct):
        return "correct: a list of option ids, each once"
    if kind == "multiple":
        return None if correct and set(correct) <= set(ids) else "correct: option ids that exist"
    return None if sorted(correct) == sorted(ids) else "correct: every option id, in order"


def _read_translation(reader, path, quiz, lang):
    data, lines = reader.yaml(path)
    if data is None or not reader.fields(path, data, lines,
                                         {"source_sha": f.source_sha, "questions": f.mapping}):
        return
    quiz.translations[lang] = path
    quiz.source_shas[lang] = data["source_sha"]
    for question_id, texts in data["questions"].items():
        question = quiz.question(question_id)
        if question is None or not isinstance(texts, dict):
            reader.problem(path, lines.get("questions"), f"no question {question_id!r} in "
                           "the English file")
            continue
        for field in ("text", "explanation"):
            if isinstance(texts.get(field), str) and texts[field].strip():
                getattr(question, field)[lang] = texts[field]
        for option_id, option_texts in (texts.get("options") or {}).items():
            option = question.option(option_id)
            if option is None or not isinstance(option_texts, dict):
                reader.problem(path, None, f"question {question_id!r} has no option "
                               f"{option_id!r}")
                continue
            for field in ("text", "feedback"):
                if isinstance(option_texts.get(field), str) and option_texts[field].strip():
                    getattr(option, field)[lang] = option_texts[field]


def _options(value):
    if not isinstance(value, list):
        return "a list of options"
    for option in value:
        if not isinstance(option, dict) or f.an_id(option.get("id")) or f.text(option.get("text")):
            return "each option has an id and a text"
        if set(option) - {"id", "text", "feedback"}:
            return "an option has only id, text and feedback"
    ids = [option["id"] for option in value]
    return None if len(set(ids)) == len(ids) else "option ids must differ"
