"""How long the pages a trainee opens most take to render, and a login's hashing cost.

Run with `make bench`; compare runs with pytest-benchmark's --benchmark-compare.
"""

import pytest

from orientation.accounts import services
from orientation.config import Defaults
from orientation.extensions import db
from orientation.learn import services as learning
from orientation.models import Role, User
from tests.conftest import PIN


@pytest.mark.parametrize("path", ["/km/", "/lo/login", "/vi/register"])
def test_render_public_page(benchmark, client, path):
    response = benchmark(client.get, path)
    assert response.status_code == 200


def test_render_home_logged_in(benchmark, trainee_client):
    assert benchmark(trainee_client.get, "/km/").status_code == 200


@pytest.mark.parametrize("trainees", [200, 2000])
def test_trainer_page_with_many_trainees(benchmark, app, trainer_client, trainer, trainees):
    db.session.add_all(
        User(role=Role.trainee, login_code=f"9{n:07d}", display_name=f"ស្រី {n}",
             password_hash="x", centre_id=trainer.centre_id)
        for n in range(trainees)
    )
    db.session.commit()
    assert benchmark(trainer_client.get, "/en/trainer/trainees").status_code == 200


def test_login_with_default_hashing_cost(benchmark, app, client, trainee):
    """The default argon2id cost (tests elsewhere use a cheap one)."""
    app.config.update({name: getattr(Defaults, name) for name in
                       ("ARGON2_TIME_COST", "ARGON2_MEMORY_COST", "ARGON2_PARALLELISM")})
    trainee.password_hash = services.hash_secret(PIN)

    def log_in_and_out():
        response = client.post("/en/login", data={"login": trainee.login_code, "secret": PIN})
        client.post("/en/logout")
        return response

    assert benchmark.pedantic(log_in_and_out, rounds=5).status_code == 302


@pytest.fixture
def enrolled_client(courses, trainee, trainee_client):
    learning.enrol(trainee, courses["first-steps"])
    return trainee_client


def test_render_lesson(benchmark, enrolled_client):
    assert benchmark(enrolled_client.get, "/km/courses/first-steps/hello").status_code == 200


def test_render_quiz_attempt(benchmark, enrolled_client):
    start = enrolled_client.post("/lo/courses/first-steps/quizzes/final/start")
    path = start.headers["Location"]
    assert benchmark(enrolled_client.get, path).status_code == 200


def test_render_my_learning(benchmark, enrolled_client):
    assert benchmark(enrolled_client.get, "/vi/my-learning").status_code == 200
