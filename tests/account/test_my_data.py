"""A trainee's "My data": everything stored about them on one page, in their language, and
nothing about anyone else; their language is their stored preference."""

from datetime import date

import pytest
from sqlalchemy import select

from orientation.certificates import numbers
from orientation.certificates.services import get_user_certificates
from orientation.extensions import db
from orientation.learn.services import create_cohort, get_programme, join_cohort
from orientation.models import Attempt, Role
from orientation.trainer.cohorts import add_session, get_sessions, record_attendance
from tests.conftest import FIXTURE_COURSES, PIN, log_in

LESSONS = len(list((FIXTURE_COURSES / "first-steps" / "lessons").glob("*.en.md")))


@pytest.fixture
def full_trainee(courses, complete, make_user, centre, trainer):
    """A trainee with a value in every table the page reads."""
    trainee = make_user(Role.trainee, name="សុខ ចាន់ថា", centre=centre, phone="+85512345678",
                        latin_name="SOK CHANTHA", origin="KH", preferred_locale="km")
    trainee.birth_date = date(2001, 3, 31)  # as an import gives it
    cohort = create_cohort(centre, get_programme("thailand"), "Batch 7", date(2027, 1, 4),
                           date(2027, 2, 1))
    join_cohort(trainee, cohort)
    add_session(cohort, date(2027, 1, 5), 3.0, "Rights at work", trainer)
    record_attendance(get_sessions(cohort.id)[0][0], {trainee.id}, trainer)
    complete(trainee)
    return trainee


@pytest.fixture
def other(make_user, centre, complete):
    other = make_user(Role.trainee, name="ບຸນມີ ພົມມະວົງສາ", centre=centre, phone="+85598765432")
    complete(other)
    return other


def page_of(app, user, lang="en"):
    client = app.test_client()
    assert log_in(client, user.login_code, PIN, lang).status_code == 302
    response = client.get(f"/{lang}/account/my-data")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def full_trainee_certificates(user):
    return get_user_certificates(user.id)


def quizzes_of(user):
    return db.session.scalars(select(Attempt).where(Attempt.user_id == user.id)).all()


def test_everything_stored_about_the_trainee_is_shown(app, full_trainee, other):
    page = page_of(app, full_trainee)
    [certificate] = full_trainee_certificates(full_trainee)
    [attempt] = quizzes_of(full_trainee)
    for shown in ("សុខ ចាន់ថា", "SOK CHANTHA", full_trainee.login_code[:4], "+85512345678",
                  "Birth date", "Mar 31, 2001",
                  "nobody can read it",
                  "Cambodia", full_trainee.centre.name, "Batch 7", "Rights at work", "Present",
                  "Final quiz", "passed", "Score: 100%", numbers.display(certificate.number),
                  "valid", "ខ្មែរ", "Account created", "Certificate issued",
                  "Trainee joined a cohort"):
        assert shown in page, shown
    assert attempt.passed and "Never" not in page  # logged in: the last login is shown
    assert f"Lessons read: {LESSONS} of {LESSONS}" in page


def test_nothing_about_anyone_else(app, full_trainee, other):
    page = page_of(app, full_trainee)
    [theirs] = full_trainee_certificates(other)
    for hidden in (other.display_name, other.phone, other.login_code,
                   numbers.display(theirs.number)):
        assert hidden not in page


def test_a_new_trainee_sees_empty_sections_said_plainly(app, make_trainee):
    trainee = make_trainee(name="Lone Reader")
    page = page_of(app, trainee)
    assert page.count("None yet.") == 4 and "Not given" in page
    assert "None: you study on your own" in page


@pytest.mark.parametrize("lang", ["km", "lo"])
def test_the_page_is_in_the_trainees_language(app, full_trainee, lang):
    page = page_of(app, full_trainee, lang)
    assert f'<html lang="{lang}">' in page


def test_choosing_a_language_there_saves_it_for_the_account(app, full_trainee):
    client = app.test_client()
    log_in(client, full_trainee.login_code, PIN, "km")
    response = client.post("/language/lo?next=/km/account/my-data")
    assert response.headers["Location"] == "/lo/account/my-data"
    db.session.refresh(full_trainee)
    assert full_trainee.preferred_locale == "lo"
    page = client.get("/lo/account/my-data").get_data(as_text=True)
    assert "<strong>ລາວ</strong>" in page  # "Your language: ລາວ"


def test_links_lead_there(trainee_client, trainer_client):
    for page in (trainee_client.get("/en/my-learning"), trainee_client.get("/en/")):
        assert 'href="/en/account/my-data"' in page.get_data(as_text=True)
    assert 'href="/en/account/pin"' in trainee_client.get("/en/my-learning").get_data(
        as_text=True)
    assert 'href="/en/account/password"' in trainer_client.get("/en/trainer/").get_data(
        as_text=True)


def test_staff_have_no_data_page(trainer_client, admin_client):
    assert trainer_client.get("/en/account/my-data").status_code == 403
    assert admin_client.get("/en/account/my-data").status_code == 403
