"""Two hosts behind one proxy: two gunicorn servers started as docs/deploy.md says
(gunicorn.conf.py, the production entry orientation.wsgi:app) on two ports of 127.0.0.1, sharing
one PostgreSQL database, one Redis, the secret key and the signing key; each has its own copy
of the course packages, as each host has its own checkout.

Runs when ORIENTATION_TEST_DATABASE_URL is PostgreSQL and ORIENTATION_TEST_REDIS_URL names a
Redis (redis://127.0.0.1:6379/0); skipped with the reason otherwise, unless
ORIENTATION_REQUIRE_TWO_HOSTS=1 (set by .ci/run), which turns the skip into a failure.
"""

import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pytest
from sqlalchemy import select

from orientation import create_app
from orientation.accounts import services as accounts
from orientation.certificates import signing
from orientation.extensions import db
from orientation.learn import services as learning
from orientation.models import Course, Role
from tests.conftest import PIN, copy_fixture_courses, settings_for
from tests.content.test_stamp import add_middle_lesson

REPO = Path(__file__).resolve().parents[2]
DATABASE = os.environ.get("ORIENTATION_TEST_DATABASE_URL", "")
REDIS = os.environ.get("ORIENTATION_TEST_REDIS_URL", "")
LOGIN_LIMIT = 4  # failed logins per account, across every host
START_SECONDS = 60  # a cold start on a busy 2-core machine; about 2 s when quiet
HELLO = "/en/courses/first-steps/hello"
MIDDLE = "/en/courses/first-steps/middle"


def missing_services():
    reasons = []
    if not DATABASE.startswith("postgresql"):
        reasons.append("ORIENTATION_TEST_DATABASE_URL is not PostgreSQL")
    if not REDIS:
        reasons.append("ORIENTATION_TEST_REDIS_URL is not set")
    return reasons


@pytest.fixture(scope="module")
def redis_counters():
    """The shared Redis, its throttling counters empty before and after (user ids repeat on a
    fresh database, and a count left by an earlier run would lock the account)."""
    if reasons := missing_services():
        message = "TWO-HOST TEST NOT RUN: " + "; ".join(reasons)
        if os.environ.get("ORIENTATION_REQUIRE_TWO_HOSTS") == "1":
            pytest.fail(message + " and ORIENTATION_REQUIRE_TWO_HOSTS=1", pytrace=False)
        pytest.skip(message)
    from limits.storage import storage_from_string

    storage = storage_from_string(REDIS)
    if not storage.check():
        pytest.fail(f"No Redis answers at ORIENTATION_TEST_REDIS_URL={REDIS}", pytrace=False)
    storage.reset()
    yield storage
    storage.reset()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Host:
    name: str
    port: int
    courses: Path
    environ: dict
    log: Path
    process: subprocess.Popen = None

    def start(self):
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"],
                cwd=REPO, env=self.environ, stdout=log, stderr=subprocess.STDOUT)

    def wait_until_healthy(self, deadline):
        """Poll /healthz until 200; fail at once if the server exits, or at the deadline."""
        while True:
            if self.process.poll() is not None:
                pytest.fail(f"host {self.name} exited ({self.process.returncode}):\n"
                            + self.log_tail(), pytrace=False)
            try:
                if request(self.port, "GET", "/healthz", timeout=5)[0] == 200:
                    return
            except OSError:
                pass  # not listening yet
            if time.monotonic() > deadline:
                pytest.fail(f"host {self.name} not healthy in {START_SECONDS} s:\n"
                            + self.log_tail(), pytrace=False)
            time.sleep(0.1)

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()  # gunicorn: graceful shutdown
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=30)

    def log_tail(self):
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-30:])


def request(port, method, path, form=None, cookies=None, timeout=30):
    """One HTTP request to 127.0.0.1:port: (status, body, Set-Cookie headers)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())} if cookies else {}
    body = None
    if form is not None:
        body = urlencode(form)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return (response.status, response.read().decode(),
                response.headers.get_all("Set-Cookie") or [])
    finally:
        connection.close()


class Phone:
    """One trainee's phone: its cookies go to whichever host the proxy picks. (The session
    cookie is Secure in production; this client sends it over plain HTTP to loopback.)"""

    def __init__(self, cookies=None):
        self.cookies = dict(cookies or {})

    def get(self, host, path):
        return self._send(host, "GET", path)

    def post(self, host, path, form):
        return self._send(host, "POST", path, form)

    def log_in(self, host, login, secret):
        page = self.get(host, "/en/login")[1]
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)[1]
        return self.post(host, "/en/login",
                         {"csrf_token": token, "login": login, "secret": secret})

    def _send(self, host, method, path, form=None):
        status, body, set_cookies = request(host.port, method, path, form, self.cookies)
        for header in set_cookies:
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            if value and "max-age=0" not in header.lower():
                self.cookies[name.strip()] = value
            else:
                self.cookies.pop(name.strip(), None)
        return status, body


@dataclass
class TwoHosts:
    app: object
    a: Host
    b: Host

    def trainee(self):
        """A new trainee, enrolled in first-steps: their login code."""
        with self.app.app_context():
            user = accounts.create_user(Role.trainee, "Two Hosts", PIN)
            course = db.session.scalar(select(Course).where(Course.slug == "first-steps"))
            learning.enrol(user, course)
            login = user.login_code
            db.session.remove()
        return login

    def courses_load(self):
        """`flask --app orientation courses load`, once, from host A (docs/deploy.md)."""
        done = subprocess.run([sys.executable, "-m", "flask", "--app", "orientation", "courses",
                               "load"], cwd=REPO, env=self.a.environ, capture_output=True,
                              text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr


def host_environ(folder, name, port):
    environ = {k: v for k, v in os.environ.items() if not k.startswith("ORIENTATION_")}
    environ.update({
        "ORIENTATION_ENV": "production",
        "ORIENTATION_DATABASE_URL": DATABASE,
        "ORIENTATION_RATELIMIT_STORAGE_URI": REDIS,
        "ORIENTATION_SECRET_KEY": (folder / "secret_key").read_text(),
        "ORIENTATION_SIGNING_KEY_PATH": str(folder / "signing_key.pem"),
        "ORIENTATION_PUBLIC_BASE_URL": "https://verify.example.org",
        "ORIENTATION_FONTS_FOLDER": str(REPO / "instance" / "fonts"),
        "ORIENTATION_COURSES_FOLDER": str(copy_fixture_courses(folder / name)),
        "ORIENTATION_LOGIN_LIMIT_PER_ACCOUNT": f"{LOGIN_LIMIT} per 15 minutes",
        "PORT": str(port),
        "ORIENTATION_WORKERS": "1",
        "ORIENTATION_THREADS": "2",
    })
    return environ


@pytest.fixture(scope="module")
def hosts(redis_counters, tmp_path_factory):
    """Hosts A and B serving one database (tables made here, packages loaded by the command
    line); both stopped and the tables dropped whatever happens."""
    folder = tmp_path_factory.mktemp("two-hosts")
    (folder / "secret_key").write_text(secrets.token_hex(32))
    signing.load_or_create_key(folder / "signing_key.pem", create=True)
    app = create_app(settings_for(folder))
    with app.app_context():
        db.drop_all()
        db.create_all()
    two = []
    try:
        for name in ("a", "b"):
            port = free_port()
            environ = host_environ(folder, name, port)
            two.append(Host(name, port, Path(environ["ORIENTATION_COURSES_FOLDER"]), environ,
                            folder / f"{name}.log"))
        hosts = TwoHosts(app, *two)
        hosts.courses_load()
        for host in two:
            host.start()
        deadline = time.monotonic() + START_SECONDS
        for host in two:
            host.wait_until_healthy(deadline)
        yield hosts
    finally:
        for host in two:
            host.stop()
        with app.app_context():
            db.session.remove()
            db.drop_all()
            db.engine.dispose()


def test_a_trainee_logged_in_on_one_host_is_logged_in_on_the_other(hosts):
    login = hosts.trainee()
    phone = Phone()
    assert phone.get(hosts.b, HELLO)[0] == 302  # to the login page
    assert phone.log_in(hosts.a, login, PIN)[0] == 302
    assert phone.get(hosts.a, HELLO)[0] == 200

    same_cookie = Phone(phone.cookies)
    status, page = same_cookie.get(hosts.b, HELLO)
    assert status == 200 and "Lesson 1 of 2" in page
    assert same_cookie.get(hosts.a, HELLO)[0] == 200


def test_failed_logins_are_counted_across_both_hosts(hosts):
    login = hosts.trainee()
    phone = Phone()
    for host in [hosts.a, hosts.b] * (LOGIN_LIMIT // 2):  # each host sees half of them
        status, page = phone.log_in(host, login, "135790")
        assert status == 200 and "not right" in page
    for host in (hosts.a, hosts.b):
        assert phone.log_in(host, login, PIN)[0] == 429  # even the right PIN waits
    assert phone.get(hosts.b, HELLO)[0] == 302


def test_after_one_courses_load_both_hosts_serve_the_new_version(hosts):
    login = hosts.trainee()
    phone = Phone()
    assert phone.log_in(hosts.a, login, PIN)[0] == 302
    for host in (hosts.a, hosts.b):
        assert "Lesson 1 of 2" in phone.get(host, HELLO)[1]
        assert phone.get(host, MIDDLE)[0] == 404
        add_middle_lesson(host.courses)  # the new release on each host's checkout
    pids = (hosts.a.process.pid, hosts.b.process.pid)

    hosts.courses_load()

    for host in (hosts.a, hosts.b):
        assert phone.get(host, MIDDLE)[0] == 200
        assert "Lesson 1 of 3" in phone.get(host, HELLO)[1]
    assert (hosts.a.process.pid, hosts.b.process.pid) == pids  # no restart
    assert hosts.a.process.poll() is None and hosts.b.process.poll() is None
