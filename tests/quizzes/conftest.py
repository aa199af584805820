"""Helpers to answer a fixture quiz right or wrong, the way the form sends it."""

import pytest
from werkzeug.datastructures import MultiDict

from orientation.content.library import get_library
from orientation.learn import services as learning


def answer_form(attempt, right=True):
    """The form fields that answer every question of an attempt right (or all wrong)."""
    quiz = get_library().courses[attempt.course.slug].quizzes[attempt.quiz_id]
    form = MultiDict()
    for index, (question_id, shown) in enumerate(attempt.order):
        question = quiz.question(question_id)
        name = f"q{index}"
        if question.type == "true_false":
            form.add(name, str(question.correct if right else not question.correct).lower())
        elif question.type == "single":
            wrong = next(i for i, oid in enumerate(shown) if oid != question.correct)
            form.add(name, str(shown.index(question.correct) if right else wrong))
        elif question.type == "multiple":
            picks = [i for i, oid in enumerate(shown) if (oid in question.correct) == right]
            for i in picks:
                form.add(name, str(i))
        else:
            order = question.correct if right else list(reversed(question.correct))
            for i, oid in enumerate(shown):
                form.add(f"{name}-{i}", str(order.index(oid) + 1))
    return form


@pytest.fixture
def enrolled(courses, trainee):
    learning.enrol(trainee, courses["first-steps"])
    return courses["first-steps"]


@pytest.fixture
def start(trainee_client):
    def start_attempt(lang="en", quiz="final"):
        response = trainee_client.post(f"/{lang}/courses/first-steps/quizzes/{quiz}/start")
        assert response.status_code == 302, response.get_data(as_text=True)
        return int(response.headers["Location"].rsplit("/", 1)[1])

    return start_attempt
