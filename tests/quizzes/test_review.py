"""Reviews: a failed final shows what was wrong and where to read again, never the key."""

import pytest

from orientation.extensions import db
from orientation.models import Attempt
from orientation.quizzes import rules
from tests.quizzes.conftest import answer_form

RIGHT_ANSWER = "Right answer:"
KEY_TEXT = "<strong>Option me</strong>"  # the passport question's right option, as the key


@pytest.mark.parametrize(("final", "passed", "left", "shows"), [
    (False, False, None, True),   # practice: always
    (True, False, None, False),   # failed, unlimited tries: no key
    (True, False, 2, False),
    (True, False, 0, True),       # no try left
    (True, True, None, True),     # passed
])
def test_review_shows_key_rule(final, passed, left, shows):
    assert rules.review_shows_key(final, passed, left) is shows


def submit(client, start, right, lang="en", quiz="final"):
    attempt_id = start(lang, quiz)
    client.post(f"/{lang}/attempts/{attempt_id}",
                data=answer_form(db.session.get(Attempt, attempt_id), right))
    return attempt_id, client.get(f"/{lang}/attempts/{attempt_id}/result").get_data(as_text=True)


def test_failed_final_hides_the_key_and_points_to_the_lesson(enrolled, start, trainee_client):
    _, page = submit(trainee_client, start, right=False)
    assert "Not right" in page
    assert "Because of passport." in page  # the explanation stays
    assert RIGHT_ANSWER not in page and KEY_TEXT not in page
    assert "About employer" not in page  # option feedback could name the key
    assert 'href="/en/courses/first-steps/hello">Read again: Hello' in page
    assert 'href="/en/courses/first-steps">Read the lessons again' in page  # no lesson named


def test_key_appears_once_the_final_is_passed(enrolled, start, trainee_client):
    failed, _ = submit(trainee_client, start, right=False)
    submit(trainee_client, start, right=True)
    page = trainee_client.get(f"/en/attempts/{failed}/result").get_data(as_text=True)
    assert RIGHT_ANSWER in page and KEY_TEXT in page


def test_key_appears_when_no_attempt_is_left(enrolled, start, trainee_client):
    enrolled.max_attempts = 1
    db.session.commit()
    _, page = submit(trainee_client, start, right=False)
    assert RIGHT_ANSWER in page and KEY_TEXT in page


def test_practice_review_shows_everything(enrolled, start, trainee_client):
    _, page = submit(trainee_client, start, right=False, quiz="practice-hello")
    assert RIGHT_ANSWER in page
