"""Fixtures: an app on a fresh database per test, clients logged in as each role, factories.

ORIENTATION_TEST_DATABASE_URL chooses the database (PostgreSQL in CI's second run); by
default each test gets its own SQLite file.
"""

import os
import shutil
import signal
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import g, request_started
from flask_babel import force_locale, gettext
from sqlalchemy import event, select

from orientation import create_app
from orientation.accounts import services as accounts
from orientation.admin import services as centres
from orientation.content.library import forget_library, get_library
from orientation.content.loader import load_library
from orientation.extensions import db, limiter
from orientation.jobs import queue as jobs_queue
from orientation.learn import services as learning
from orientation.models import Course, Role
from orientation.quizzes import services as quizzes
from orientation.timezones import local_today

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
FIXTURE_COURSES = Path(__file__).resolve().parent / "fixtures" / "courses"
# One silent MPEG-1 Layer III frame (128 kbit/s, 44.1 kHz, mono): a generated recording.
SILENT_MP3_FRAME = bytes.fromhex("fffb90c4") + bytes(413)
PIN = "246810"
PASSWORD = "correct horse battery"


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogs():
    """Compile the catalogs, so that a bare `pytest` sees the same translations as make test."""
    for po in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"):
        with po.open("rb") as source, po.with_suffix(".mo").open("wb") as target:
            write_mo(target, read_po(source))


def copy_fixture_courses(tmp_path):
    """A copy of the test packages that a test may change, with a generated recording."""
    folder = tmp_path / "courses"
    shutil.copytree(FIXTURE_COURSES, folder)
    (folder / "first-steps" / "media" / "hello.mp3").write_bytes(SILENT_MP3_FRAME * 20)
    return folder


def settings_for(tmp_path, **extra):
    url = os.environ.get("ORIENTATION_TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'test.sqlite'}"
    return {
        "TESTING": True,
        "SECRET_KEY": "only-for-tests",
        "DATABASE_URL": url,
        "ARGON2_TIME_COST": 1,
        "ARGON2_MEMORY_COST": 8,
        "ARGON2_PARALLELISM": 1,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_STORAGE_URI": "memory://",
        "COURSES_FOLDER": str(copy_fixture_courses(tmp_path)),
        "SIGNING_KEY_PATH": str(tmp_path / "signing_key.pem"),
        "PUBLIC_BASE_URL": "https://verify.example.org",
        **extra,
    }


@pytest.fixture
def settings(tmp_path):
    """Overrides for create_app; a test may change them before asking for `app`."""
    return settings_for(tmp_path)


def _fresh_g(sender, **extra):
    """Requests made inside the test's app context share its `g`; in production each request
    has its own. Clearing it keeps Flask-Login's and Flask-Babel's per-request caches honest."""
    g.__dict__.clear()


@pytest.fixture
def app(settings):
    app = create_app(settings)
    request_started.connect(_fresh_g, app)
    with app.app_context():
        db.drop_all()
        db.create_all()
        limiter.reset()
        yield app
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


@pytest.fixture
def courses(app):
    """The test packages loaded into the database: {slug: Course}."""
    load_library(app.config["COURSES_FOLDER"])
    forget_library(app)
    return {course.slug: course for course in db.session.scalars(select(Course))}


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


@pytest.fixture
def race(app):
    """race(*jobs): run each job in its own thread and app context, all released at once;
    the exceptions they raised, on the test's thread."""

    def run(*jobs):
        barrier, errors = threading.Barrier(len(jobs)), []

        def worker(job):
            try:
                with app.app_context():
                    barrier.wait()
                    job()
            except Exception as error:  # reported to the test below
                errors.append(error)

        threads = [threading.Thread(target=worker, args=(job,)) for job in jobs]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        db.session.expire_all()
        return errors

    return run


@pytest.fixture
def jobs_url(tmp_path):
    """Where the consumer fixture's queue is: SQLite in tmp_path (a test may override it)."""
    return f"sqlite:///{tmp_path / 'jobs.sqlite'}"


@pytest.fixture
def consumer(app, jobs_url, tmp_path):
    """A real huey consumer (one worker thread) on `jobs_url`: from now on jobs run off the
    request, in their own app context, as under `flask jobs consume`."""
    app.config.update(JOBS_IMMEDIATE=False, JOBS_URL=jobs_url,
                      JOBS_QUEUE=f"test-{tmp_path.name}-{os.getpid()}")  # shared Redis
    jobs_queue.init_app(app)
    jobs_queue.get_huey(app).flush()
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM,
                                                       signal.SIGHUP)}
    running = jobs_queue.get_huey(app).create_consumer(workers=1, worker_type="thread",
                                                       periodic=False, check_worker_health=False,
                                                       max_delay=0.2)
    running.start()
    yield running
    running.stop(graceful=True)
    for sig, handler in handlers.items():
        signal.signal(sig, handler)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make_centre(app):
    counter = iter(range(1, 10_000))

    def make(**values):
        n = next(counter)
        values = {"name": f"Centre {n}", "licence_number": f"LIC-{n:04d}", "address": "",
                  "signatory_name": "Director", "signatory_title": "Director", **values}
        return centres.create_centre(**values)

    return make


@pytest.fixture
def make_user(app):
    """make_user(role=Role.trainee, name=..., secret=..., **fields) -> User"""

    def make(role=Role.trainee, name="Test Person", secret=None, **fields):
        secret = secret or (PIN if role == Role.trainee else PASSWORD)
        if role != Role.trainee:
            fields.setdefault("login_code", f"{role.value}{make.count}")
        make.count += 1
        return accounts.create_user(role, name, secret, **fields)

    make.count = 1
    return make


@pytest.fixture
def make_trainee(make_user):
    return lambda **fields: make_user(Role.trainee, **fields)


@pytest.fixture
def centre(make_centre):
    return make_centre()


def log_in(client, login, secret, lang="en"):
    return client.post(f"/{lang}/login", data={"login": login, "secret": secret})


@pytest.fixture
def trainee(make_user, centre):
    return make_user(Role.trainee, name="សុខ ចាន់ថា", centre=centre)


@pytest.fixture
def trainer(make_user, centre):
    return make_user(Role.trainer, name="Trainer One", centre=centre)


@pytest.fixture
def admin(make_user):
    return make_user(Role.admin, name="Admin One")


def _client_for(app, user, secret):
    client = app.test_client()
    response = log_in(client, user.login_code, secret)
    assert response.status_code == 302, "the fixture's login failed"
    return client


@pytest.fixture
def trainee_client(app, trainee):
    return _client_for(app, trainee, PIN)


@pytest.fixture
def trainer_client(app, trainer):
    return _client_for(app, trainer, PASSWORD)


@pytest.fixture
def admin_client(app, admin):
    return _client_for(app, admin, PASSWORD)


@pytest.fixture
def count_queries(app):
    """count_queries(fn) -> number of SQL statements fn() ran."""

    def count(fn):
        statements = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            fn()
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return len(statements)

    return count


def departs_in(centre, days):
    """The date that is `days` days after today where the centre is: in Phnom Penh the date
    changes at 17:00 UTC, when date.today() on a UTC machine is still yesterday."""
    return local_today(centre) + timedelta(days=days)


@pytest.fixture
def t(app):
    """t(locale, msgid, **values): the interface string as that locale's catalog has it."""

    def translate(locale, msgid, **values):
        with app.test_request_context(f"/{locale}/"), force_locale(locale):
            return gettext(msgid, **values)

    return translate
