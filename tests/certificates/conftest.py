"""A trainee who completes the fixture course, and so gets a certificate."""

import pytest

from orientation.content.library import get_library
from orientation.learn import services as learning
from orientation.models import Attempt
from orientation.quizzes import services as quizzes


def right_answers(quiz):
    return {q.id: ([q.correct] if q.type in ("single", "true_false") else list(q.correct))
            for q in quiz.questions}


@pytest.fixture
def complete(courses):
    """complete(user, slug="first-steps", locale="km"): read every lesson, pass the quiz."""

    def run(user, slug="first-steps", locale="km"):
        course = courses[slug]
        package = get_library().courses[slug]
        learning.enrol(user, course, learning.EnrolmentSource.programme)
        for lesson in package.lessons:
            learning.mark_done(user, course, lesson.id)
        quiz = package.final_quiz
        attempt = quizzes.start_attempt(user, course, quiz, locale)
        return quizzes.submit_attempt(user, attempt, course, quiz, right_answers(quiz), locale)

    return run


__all__ = ["Attempt", "complete", "right_answers"]
