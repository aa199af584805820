"""Every POST route of the app, as the role that may use it, gets oversized, malformed and
hostile values in every field: never a 5xx, and a refused request saves nothing."""

import io
import re
from datetime import date, timedelta
from urllib.parse import quote_from_bytes

import pytest
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import stream_encode_multipart

from orientation.accounts import services as accounts
from orientation.extensions import db
from orientation.learn import services as learning
from orientation.models import Base, Certificate, Programme, Role
from orientation.quizzes import services as quizzes
from orientation.trainer import cohorts, import_batches
from tests.conftest import PASSWORD, PIN, log_in

# Raw bytes, so that invalid UTF-8 and lone surrogates reach the app as a browser could send.
VALUES = [
    b"x" * 10_000,
    "ក".encode() * 350_000,  # about 1 MB
    b"\x00",
    b"a\x00b",
    "\ud800".encode("utf-8", "surrogatepass"),  # a lone surrogate
    b"\xff\xfe\xc3(",  # not UTF-8
    b"a\r\nSet-Cookie: x=1",
    b"9" * 40,
    b"9223372036854775808",
    b"-1",
    b"NaN",
    b"sNaN",
    b"<script>alert(1)</script>",
    b"' OR 1=1; DROP TABLE user_account; --",
    "\u202e\u200b\u3164".encode(),
    b"",
]
# Fields the views read from request.form directly, besides the forms' fields.
FIELDS_READ_BY_HAND = {"present", "reason", "course_id", "cohort_id", "payload", "file"}


def form_field_names():
    """Every field of every form class of the app (FlaskForm's subclasses, recursively)."""
    names, todo = set(), list(FlaskForm.__subclasses__())
    while todo:
        form = todo.pop()
        todo.extend(form.__subclasses__())
        if form.__module__.startswith("orientation."):
            names.update(name for name in dir(form) if not name.startswith("_") and
                         getattr(getattr(form, name), "field_class", None) is not None)
    return names


@pytest.fixture
def world(app, courses, make_user, make_centre, complete):
    """One of everything a POST route can name, and a client for each role."""
    centre = make_centre()
    trainer = make_user(Role.trainer, name="Trainer", centre=centre)
    admin = make_user(Role.admin, name="Admin")
    holder = make_user(Role.trainee, name="Holder", centre=centre)
    learner = make_user(Role.trainee, name="Learner", centre=centre)
    programme = db.session.scalar(select(Programme))
    cohort = learning.create_cohort(centre, programme, "Batch", date.today(),
                                    date.today() + timedelta(days=30))
    other = learning.create_cohort(centre, programme, "Other", date.today(),
                                   date.today() + timedelta(days=30))
    for user in (holder, learner):
        learning.join_cohort(user, cohort)
    complete(holder)
    course = courses["first-steps"]
    attempt = quizzes.start_attempt(
        learner, course, courses_quiz(course), "en")
    session = cohorts.add_session(cohort, date.today(), 2.0, "", trainer)
    values = {
        "lang_code": "en", "code": "km", "slug": "first-steps", "lesson_slug": "hello",
        "quiz_id": "final", "attempt_id": attempt.id, "number": db.session.scalar(
            select(Certificate.number)), "cohort_id": cohort.id, "user_id": learner.id,
        "session_id": session.id, "token": import_batches.check_file(
            cohort, trainer, "name\r\nស្រី ពៅ\r\n".encode(), "KH")[0].token,
    }
    secrets = {Role.trainee: (learner, PIN), Role.trainer: (trainer, PASSWORD),
               Role.admin: (admin, PASSWORD)}
    return values, secrets, other


def courses_quiz(course):
    from orientation.content.library import get_library

    return get_library().courses[course.slug].final_quiz


def post_routes(app, values):
    """(url, role or None, field names) for every rule of the URL map that takes a POST."""
    names = form_field_names() | FIELDS_READ_BY_HAND
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods:
            continue
        access = getattr(app.view_functions[rule.endpoint], "access", "public")
        role = None if access == "public" else access[0]
        # A route added later still gets a value (1 names the first row of most tables).
        url_values = {name: values.get(name, 1) for name in rule.arguments}
        if rule.endpoint == "learn.choose_programme":
            url_values["slug"] = "thailand"
        if rule.endpoint == "trainer.import_cards":
            url_values["number"] = 1  # a part of the cards, not a certificate number
        yield rule.build(url_values, append_unknown=False)[1], role, names


def body(names, value):
    """A form body with every field set to `value`, and each field sent twice (an array
    where the view expects one value)."""
    encoded = quote_from_bytes(value)
    return "&".join(f"{name}={encoded}&{name}={encoded}" for name in sorted(names))


def row_counts():
    return {table.name: db.session.scalar(select(func.count()).select_from(table))
            for table in Base.metadata.sorted_tables}


def client_for(app, role, secrets):
    client = app.test_client()
    if role is not None:
        user, secret = secrets[role]
        if not accounts.verify_secret(user, secret):  # a new login card gave a new PIN
            accounts.set_secret(user, secret)
            db.session.commit()
        assert log_in(client, user.login_code, secret).status_code == 302
    return client


def names_on_page(client, url):
    """Field names of the form the route shows on GET (e.g. a quiz's answers), if any."""
    response = client.get(url)
    if response.status_code != 200 or response.mimetype != "text/html":
        return set()
    return set(re.findall(r'name="([^"]+)"', response.get_data(as_text=True)))


def refused(response):
    """An error, or a form shown again (the app redirects after every POST that acts)."""
    return response.status_code >= 400 or (response.status_code == 200
                                           and response.mimetype == "text/html")


def test_every_post_route_survives_hostile_values(app, world):
    values, secrets, _ = world
    app.config["REGISTER_LIMIT_PER_ADDRESS"] = "1000 per hour"
    app.config["LOGIN_LIMIT_PER_ADDRESS"] = "10000 per hour"
    app.config["PROPAGATE_EXCEPTIONS"] = False  # a 500 is collected, not raised
    failures = []
    for url, role, names in post_routes(app, values):
        client = client_for(app, role, secrets)
        names = names | names_on_page(client, url)
        for value in VALUES:
            before = row_counts()
            response = client.post(url, data=body(names, value),
                                   content_type="application/x-www-form-urlencoded")
            db.session.rollback()  # read what the request committed, nothing cached
            if response.status_code >= 500:
                failures.append((url, value[:40], response.status_code))
            elif refused(response) and row_counts() != before:
                failures.append((url, value[:40], "saved something while refusing"))
            if response.status_code == 302 and "/login" in response.headers["Location"]:
                client = client_for(app, role, secrets)  # it logged out: in again
    assert failures == []


def test_file_uploads_survive_hostile_files(app, world):
    values, secrets, _ = world
    client = client_for(app, Role.trainer, secrets)
    url = f"/en/trainer/cohorts/{values['cohort_id']}/import"
    for value in [*VALUES, b"\x00,\x00\n", b"name\n\"unclosed", b"name\rLan\rSok\r",
                  b"name\n" + b"x" * 140_000 + b"\n"]:  # bare CR; a field over csv's limit
        # Encoded here so that the big body's temporary file is closed after the request.
        stream, length, boundary = stream_encode_multipart(
            {"file": FileStorage(io.BytesIO(value), "trainees.csv")})
        with stream:
            response = client.post(url, input_stream=stream, content_length=length,
                                   content_type=f'multipart/form-data; boundary="{boundary}"')
        assert response.status_code < 500, value[:40]
