"""Quiz checks of `courses check`: a final quiz that uses every type, translated everywhere."""

from orientation.content.check_media import media_problem
from orientation.content.packages import LANGUAGES, QUESTION_TYPES, SOURCE_LANGUAGE
from orientation.content.problems import Problem

MIN_FINAL_QUESTIONS = 8


def check_quizzes(course, required, sha_of):
    """Problems of a course's quizzes; `required` makes gaps errors (published courses)."""
    problems = []
    path = course.folder / "quizzes" / "final.en.yaml"
    final = course.final_quiz
    if final is None:
        problems.append(Problem(path, None, "the course has no final quiz", required))
    else:
        types = {question.type for question in final.questions}
        if len(final.questions) < MIN_FINAL_QUESTIONS or types != set(QUESTION_TYPES):
            problems.append(Problem(final.path, None, f"a final quiz has at least "
                                    f"{MIN_FINAL_QUESTIONS} questions of all four types",
                                    required))
    for quiz in course.quizzes.values():
        sha = sha_of(quiz.path)
        for lang in LANGUAGES:
            problems += _language_problems(quiz, lang, sha, required)
        for question in quiz.questions:
            if question.image:
                message = media_problem(course, "image", question.image)
                if message:
                    problems.append(Problem(quiz.path, None, f"{question.id}: {message}"))
    return problems


def _language_problems(quiz, lang, sha, required):
    if lang == SOURCE_LANGUAGE:
        return []
    path = quiz.path.with_name(f"{quiz.id}.{lang}.yaml")
    if lang not in quiz.translations:
        return [Problem(path, None, "missing translation", required)]
    problems = []
    if quiz.source_shas[lang] != sha:
        problems.append(Problem(path, 1, f"stale: translates {quiz.source_shas[lang]}, the "
                                f"English quiz is now {sha}", required))
    missing = [f"{question.id}: {piece}" for question in quiz.questions
               for piece in missing_pieces(question, lang)]
    if missing:
        problems.append(Problem(path, None, "not translated: " + "; ".join(missing), required))
    return problems


def missing_pieces(question, lang):
    """What a question still lacks in a language."""
    pieces = [field for field in ("text", "explanation") if lang not in getattr(question, field)]
    for option in question.options:
        if lang not in option.text:
            pieces.append(f"option {option.id}")
        if option.feedback and lang not in option.feedback:
            pieces.append(f"feedback of {option.id}")
    return pieces


def quiz_coverage(course):
    """{lang: (questions complete, questions)} over all of a course's quizzes."""
    questions = [q for quiz in course.quizzes.values() for q in quiz.questions]
    return {lang: (sum(1 for q in questions if not missing_pieces(q, lang)), len(questions))
            for lang in LANGUAGES}
