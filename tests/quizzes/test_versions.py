"""A new course version removes a question from an open attempt: the trainee is not stuck."""

from pathlib import Path

from orientation.content.check import source_sha
from orientation.content.library import get_library
from orientation.content.loader import load_library
from orientation.extensions import db
from orientation.models import Attempt
from orientation.quizzes import rules, services
from tests.content.test_check import edit
from tests.quizzes.conftest import answer_form


def replace_question(folder, question_id):
    """Version 2 of first-steps: one final-quiz question removed and a new one in its place
    (a final needs eight), in every language."""
    quizzes = folder / "first-steps/quizzes"
    edit(quizzes / "final.en.yaml", f"  id: {question_id}\n", f"  id: {question_id}-v2\n")
    sha = source_sha(quizzes / "final.en.yaml")
    for lang in ("km", "lo", "vi", "zh"):
        path = quizzes / f"final.{lang}.yaml"
        edit(path, f"\n  {question_id}:\n", f"\n  {question_id}-v2:\n")
        text = path.read_text()
        old = text.split("\n", 1)[0]
        path.write_text(text.replace(old, f"source_sha: {sha}", 1))
    edit(folder / "first-steps/course.yaml", "version: 1", "version: 2")


def test_is_gradable_rule(courses):
    quiz = get_library().courses["first-steps"].final_quiz
    order = [[q.id, [o.id for o in q.options]] for q in quiz.questions]
    assert rules.is_gradable(order, quiz)
    assert not rules.is_gradable([*order, ["gone", []]], quiz)
    assert not rules.is_gradable([[order[0][0], order[0][1][:-1]]], quiz)


def test_open_attempt_with_a_removed_question_is_closed_and_a_new_one_offered(
        app, enrolled, start, trainee_client):
    stuck = start()
    replace_question(Path(app.config["COURSES_FOLDER"]), "receipt")
    load_library(app.config["COURSES_FOLDER"])

    page = trainee_client.get(f"/en/attempts/{stuck}")
    assert page.headers["Location"] == "/en/courses/first-steps/quizzes/final"
    assert "Your answers were not counted" in trainee_client.get(
        page.headers["Location"]).get_data(as_text=True)
    old = db.session.get(Attempt, stuck)
    assert old.voided_at is not None and old.submitted_at is None

    fresh = start()
    assert fresh != stuck
    attempt = db.session.get(Attempt, fresh)
    assert "receipt" not in [q for q, _ in attempt.order]
    response = trainee_client.post(f"/en/attempts/{fresh}", data=answer_form(attempt))
    assert response.headers["Location"] == f"/en/attempts/{fresh}/result"
    db.session.refresh(attempt)
    assert attempt.passed


def test_start_replaces_an_outdated_open_attempt_and_it_does_not_count(app, enrolled, start):
    enrolled.max_attempts = 1
    db.session.commit()
    stuck = start()
    replace_question(Path(app.config["COURSES_FOLDER"]), "receipt")
    load_library(app.config["COURSES_FOLDER"])
    fresh = start()  # Start no longer returns the stuck attempt
    assert fresh != stuck
    quiz = get_library().courses["first-steps"].final_quiz
    decision = services.decide(db.session.get(Attempt, fresh).user_id, enrolled, quiz,
                               services.get_attempts(db.session.get(Attempt, fresh).user_id,
                                                     enrolled.id, "final"))
    assert decision.allowed  # the voided one was not a try
