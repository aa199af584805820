"""One of everything a route can name, a client per role, and the hostile values sent."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from orientation.accounts import services as accounts
from orientation.agencies import services as agencies
from orientation.content.library import get_library
from orientation.departure import services as departure
from orientation.extensions import db
from orientation.learn import services as learning
from orientation.models import Certificate, Programme, Role
from orientation.quizzes import services as quizzes
from orientation.trainer import cohorts, import_batches
from tests.conftest import PASSWORD, PIN, log_in

# Raw bytes, so that invalid UTF-8 and lone surrogates reach the app as a browser could send.
VALUES = [
    b"x" * 10_000,
    "ក".encode() * 1_000,  # every field of a form at once stays under the 2 MB limit
    b"\x00",
    b"a\x00b",
    "\ud800".encode("utf-8", "surrogatepass"),  # a lone surrogate
    b"\xff\xfe\xc3(",  # not UTF-8
    b"a\r\nSet-Cookie: x=1",
    b"9" * 40,
    b"9223372036854775808",
    b"-1",
    "²".encode(),  # str.isdigit() is true, int() refuses it
    b"NaN",
    b"sNaN",
    b"<script>alert(1)</script>",
    b"' OR 1=1; DROP TABLE user_account; --",
    "\u202e\u200b\u3164".encode(),
    b"",
]


@pytest.fixture
def world(app, courses, make_user, make_centre, complete):
    """Values for every URL argument, a (user, secret) per role, a second cohort, and a
    trainer of another centre."""
    centre = make_centre(country="KH")
    trainer = make_user(Role.trainer, name="Trainer", centre=centre)
    admin = make_user(Role.admin, name="Admin")
    holder = make_user(Role.trainee, name="Holder", centre=centre)
    learner = make_user(Role.trainee, name="Learner", centre=centre)
    elsewhere = make_user(Role.trainer, name="Stranger", centre=make_centre(country="KH"))
    programme = db.session.scalar(select(Programme))
    cohort = learning.create_cohort(centre, programme, "Batch", date.today(),
                                    date.today() + timedelta(days=30))
    other = learning.create_cohort(centre, programme, "Other", date.today(),
                                   date.today() + timedelta(days=30))
    for user in (holder, learner):
        learning.join_cohort(user, cohort)
    complete(holder)
    course = courses["first-steps"]
    attempt = quizzes.start_attempt(learner, course, get_library().courses[
        course.slug].final_quiz, "en")
    session = cohorts.add_session(cohort, date.today(), 2.0, "", trainer)
    agency = agencies.create_agency({
        "country": "KH", "name": "Agency", "licence_number": "L-1", "destinations": ["TH"],
        "licence_expires_on": date(2030, 1, 1), "address": "", "phone": ""}, admin)
    payment = departure.add_payment(learner, {
        "paid_to": "A", "category": "medical", "amount": 5, "currency": "USD",
        "receipt": True, "paid_on": None}, departure.new_request_token(), learner)
    values = {
        "lang_code": "en", "code": "km", "slug": "first-steps", "lesson_slug": "hello",
        "quiz_id": "final", "attempt_id": attempt.id, "number": db.session.scalar(
            select(Certificate.number)), "cohort_id": cohort.id, "user_id": learner.id,
        "session_id": session.id, "agency_id": agency.id, "payment_id": payment.id,
        "centre_id": centre.id, "destination": "TH", "locale": "km",
        "token": import_batches.check_file(
            cohort, trainer, "name\r\nស្រី ពៅ\r\n".encode(), "KH")[0].token,
    }
    secrets = {Role.trainee: (learner, PIN), Role.trainer: (trainer, PASSWORD),
               Role.admin: (admin, PASSWORD), "elsewhere": (elsewhere, PASSWORD)}
    return values, secrets, other


def client_for(app, role, secrets):
    """A client logged in as `role` (a key of the world's secrets), or anonymous for None."""
    client = app.test_client()
    if role is not None:
        user, secret = secrets[role]
        db.session.refresh(user)
        if not accounts.verify_secret(user, secret):  # a new login card gave a new PIN
            accounts.set_secret(user, secret)
            db.session.commit()
        assert log_in(client, user.login_code, secret).status_code == 302
    return client


def roles_of(app, endpoint):
    """The roles that may open an endpoint; (None,) for a public one."""
    access = getattr(app.view_functions[endpoint], "access", "public")
    return (None,) if access == "public" else access
