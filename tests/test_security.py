"""Security headers, cookies, CSRF refusal that keeps what was typed, translated errors."""

import pytest
from sqlalchemy import func, select

from orientation import config, create_app
from orientation.accounts.services import hash_secret
from orientation.certificates.signing import load_or_create_key
from orientation.config import ConfigError
from orientation.extensions import db
from orientation.models import (
    Attempt,
    Attendance,
    Certificate,
    CertificateState,
    Cohort,
    Programme,
    Role,
    User,
)
from tests.conftest import PASSWORD, PIN, log_in, settings_for


def test_security_headers_on_every_page(client):
    for path in ("/en/", "/km/login", "/no/such/page", "/static/css/site.css"):
        response = client.get(path)
        response.close()
        headers = response.headers
        policy = headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
        assert "unsafe-inline" not in policy
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"


def test_pages_have_no_inline_script_or_style(client):
    page = client.get("/en/register").get_data(as_text=True)
    assert "<script>" not in page and "style=" not in page and "<style" not in page


def test_session_cookie_is_httponly_and_lax(client, trainee):
    response = client.post("/en/login", data={"login": trainee.login_code, "secret": PIN})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # development over plain http


def production(tmp_path, **extra):
    key = tmp_path / "signing.pem"
    load_or_create_key(key, create=True)
    return {**settings_for(tmp_path), "ENV": "production", "SIGNING_KEY_PATH": str(key), **extra}


def test_production_cookies_are_secure(tmp_path):
    app = create_app(production(tmp_path))
    assert app.config["SESSION_COOKIE_SECURE"] is True


@pytest.mark.parametrize("key", [None, "/nonexistent/signing.pem"])
def test_production_refuses_to_start_without_a_signing_key(tmp_path, monkeypatch, key):
    monkeypatch.delenv("ORIENTATION_SIGNING_KEY_PATH", raising=False)
    with pytest.raises(ConfigError, match=r"signing key|SIGNING_KEY"):
        create_app(production(tmp_path, SIGNING_KEY_PATH=key))


def test_production_refuses_to_start_without_a_secret(tmp_path, monkeypatch):
    monkeypatch.delenv("ORIENTATION_SECRET_KEY", raising=False)
    with pytest.raises(ConfigError):
        create_app(production(tmp_path, SECRET_KEY=None))


def test_development_secret_is_made_once_and_kept(tmp_path):
    instance = tmp_path / "instance"
    overrides = {**settings_for(tmp_path), "SECRET_KEY": None}
    first = config.build(instance, overrides, environ={})["SECRET_KEY"]
    key = instance / "secret_key"
    assert key.read_text().strip() == first and len(first) == 64 and int(first, 16)
    assert key.stat().st_mode & 0o777 == 0o600  # only the app's user may read it
    assert config.build(instance, overrides, environ={})["SECRET_KEY"] == first
    key.unlink()
    assert config.build(instance, overrides, environ={})["SECRET_KEY"] not in ("", first)


def test_environment_overrides_defaults(tmp_path, monkeypatch):
    monkeypatch.setenv("ORIENTATION_SELF_REGISTRATION", "off")
    monkeypatch.setenv("ORIENTATION_PAGE_SIZE", "7")
    settings = settings_for(tmp_path)
    app = create_app(settings)
    assert app.config["SELF_REGISTRATION"] is False
    assert app.config["PAGE_SIZE"] == 7


@pytest.fixture
def csrf_client(settings):
    settings["WTF_CSRF_ENABLED"] = True
    app = create_app(settings)
    with app.app_context():
        db.create_all()
        yield app.test_client()
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


def test_post_without_token_is_refused_and_form_shown_again(csrf_client):
    response = csrf_client.post("/km/register", data={"display_name": "សុខ ចាន់ថា"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "សុខ ចាន់ថា" in page  # what was typed is kept
    assert 'role="alert"' in page
    assert "This form was open" not in page  # translated into Khmer


def test_post_with_token_from_the_page_works(csrf_client):
    page = csrf_client.get("/en/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = csrf_client.post("/en/login", data={"csrf_token": token, "login": "x",
                                                   "secret": "y"})
    assert response.status_code == 200  # refused for the login, not for the token


def test_logout_without_token_is_refused(csrf_client):
    response = csrf_client.post("/lo/logout")
    assert response.status_code == 400


@pytest.mark.parametrize(("path", "status"), [("/km/nothing-here", 404), ("/lo/logout", 405)])
def test_error_pages_are_translated(client, path, status):
    response = client.get(path)
    assert response.status_code == status
    page = response.get_data(as_text=True)
    assert "<h1>" in page and "Page not found" not in page and "Something in" not in page


def test_403_is_translated(trainee_client):
    response = trainee_client.get("/vi/admin/")
    assert response.status_code == 403
    assert "This page is not for your account" not in response.get_data(as_text=True)


def test_500_is_translated(settings):
    app = create_app({**settings, "PROPAGATE_EXCEPTIONS": False})

    def boom():
        raise RuntimeError("broken on purpose")

    app.add_url_rule("/<lang:lang_code>/boom", view_func=boom)
    response = app.test_client().get("/zh/boom")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert '<html lang="zh-Hans">' in page and "Something went wrong" not in page


# --- issue 12: size limit, caching, bad numbers, header injection, races, limits ---------


class CountingStream:
    """A request body of `size` bytes that records how much of it the app read."""

    def __init__(self, size):
        self.size, self.read_bytes = size, 0

    def read(self, n=-1):
        n = self.size - self.read_bytes if n is None or n < 0 else n
        n = max(0, min(n, self.size - self.read_bytes))
        self.read_bytes += n
        return b"a" * n

    def readline(self, n=-1):
        return self.read(min(n, 65536) if n and n > 0 else 65536)


def post_50_mb(client, path):
    body = CountingStream(50 * 1024 * 1024)
    response = client.post(path, content_type="application/x-www-form-urlencoded",
                           environ_overrides={"wsgi.input": body,
                                              "CONTENT_LENGTH": str(body.size)})
    return response, body.read_bytes


@pytest.mark.parametrize("path", ["/en/login", "/km/register"])
def test_a_50_mb_body_is_refused_without_reading_it(client, path):
    response, read = post_50_mb(client, path)
    assert response.status_code == 413
    assert read < 1024 * 1024


@pytest.mark.parametrize("path", ["/language/km", "/en/logout", "/en/login"])
def test_the_csrf_check_refuses_a_50_mb_body_without_reading_it(csrf_client, path):
    response, read = post_50_mb(csrf_client, path)
    assert response.status_code == 413
    assert read < 1024 * 1024


def test_the_413_page_is_translated(client):
    response = client.post("/km/login", data={"login": "x" * (3 * 1024 * 1024)})
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert '<html lang="km">' in page and "<h1>" in page and "Go to the home page" not in page


def test_the_size_limit_is_configuration(tmp_path):
    app = create_app({**settings_for(tmp_path), "MAX_CONTENT_LENGTH": 1000})
    response = app.test_client().post("/en/login", data={"login": "x" * 2000})
    assert response.status_code == 413


def no_store(response):
    response.close()
    return response.headers.get("Cache-Control") == "no-store"


def test_pages_of_a_logged_in_person_are_not_stored(trainee_client, trainer_client):
    assert no_store(trainee_client.get("/en/"))
    assert no_store(trainee_client.get("/en/my-certificates"))
    assert no_store(trainee_client.get("/en/no/such/page"))  # errors too
    assert no_store(trainer_client.get("/en/trainer/"))
    assert no_store(trainer_client.get("/en/trainer/import-template.csv"))


def test_public_files_and_verification_keep_their_caching(client, trainee_client):
    assert not no_store(client.get("/en/login"))
    for who in (client, trainee_client):
        assert not no_store(who.get("/static/css/site.css"))
        assert not no_store(who.get("/v/"))
        assert not no_store(who.get("/certificates/public-key"))


@pytest.fixture
def cohort_with_certificate(courses, trainer, make_trainee, complete):
    from datetime import date, timedelta

    from orientation.learn import services as learning
    from orientation.models import Programme

    cohort = learning.create_cohort(trainer.centre, db.session.scalar(select(Programme)),
                                    "Batch 5", date.today(), date.today() + timedelta(days=30))
    holder = make_trainee(name="សុខ ចាន់ថា", centre=trainer.centre)
    learning.join_cohort(holder, cohort)
    complete(holder)
    return cohort, holder, db.session.scalar(select(Certificate))


def test_downloads_are_not_stored(app, cohort_with_certificate, trainer_client):
    cohort, holder, certificate = cohort_with_certificate
    owner = app.test_client()
    log_in(owner, holder.login_code, PIN)
    attempt = db.session.scalar(select(Attempt))
    for response in (
        owner.get(f"/en/certificates/{certificate.number}.pdf"),
        owner.get(f"/en/attempts/{attempt.id}/result"),
        trainer_client.get(f"/en/trainer/cohorts/{cohort.id}/matrix.csv"),
        trainer_client.get(trainer_client.post(
            f"/en/trainer/cohorts/{cohort.id}/certificates/print").location + "/result.pdf"),
    ):
        assert response.status_code == 200
        assert no_store(response)
    card = trainer_client.post(f"/en/trainer/trainees/{holder.id}/card")
    assert card.mimetype == "application/pdf" and no_store(card)


@pytest.mark.parametrize("path", [
    "/en/trainer/cohorts/9223372036854775808",
    "/en/trainer/cohorts/99999999999999999999999999",
    "/en/trainer/cohorts/2147483648",
    "/en/attempts/9223372036854775807/result",
    "/en/trainer/cohorts/1/sessions/9223372036854775808",
])
def test_ids_too_large_for_a_column_are_404(trainer_client, path):
    assert trainer_client.get(path).status_code == 404


@pytest.mark.parametrize("number", ["9223372036854775807", "99999999999999999999", "-1", "x",
                                    "1e9", "٣"])
def test_any_page_number_gives_a_page(trainer_client, number):
    assert trainer_client.get(f"/en/trainer/trainees?page={number}").status_code == 200


@pytest.mark.parametrize("hours", ["sNaN", "NaN", "-NaN", "Infinity", "-inf", "1e999999"])
def test_hours_that_are_not_numbers_get_a_message(app, cohort_with_certificate,
                                                  trainer_client, hours):
    cohort = cohort_with_certificate[0]
    response = trainer_client.post(f"/en/trainer/cohorts/{cohort.id}/sessions/new",
                                   data={"held_on": "2027-01-05", "hours": hours})
    assert response.status_code == 200
    assert 'id="hours-error"' in response.get_data(as_text=True)


def test_huge_ids_in_form_fields_are_refused_not_500(app, cohort_with_certificate,
                                                     trainer_client):
    cohort, holder, _ = cohort_with_certificate
    base = f"/en/trainer/cohorts/{cohort.id}/trainees/{holder.id}"
    for value in ("9223372036854775808", "2147483648", "1" * 5000, "-1", "²", ""):
        # Not an id at all: a bad request, never a 500 (an id that could exist but is not
        # the trainer's is 404, tests/trainer/test_scope.py).
        assert trainer_client.post(base + "/grant", data={"course_id": value}).status_code == 400
        assert trainer_client.post(base + "/move", data={"cohort_id": value}).status_code == 400


@pytest.mark.parametrize("path", ["/courses/%0aX", "/courses/%0d%0aSet-Cookie:%20a=b",
                                  "/login%0a", "/%0d"])
def test_a_line_break_in_a_path_is_404_not_500(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Set-Cookie: a" not in str(response.headers)


@pytest.mark.parametrize("target", [
    "/en/%0d%0aSet-Cookie:%20a=b", "/en/%0aX", "/\\evil.example", "/%5Cevil.example",
    "%0d%0a/en/", "/\t/evil.example",
])
def test_next_after_login_cannot_split_headers_or_leave(client, trainee, target):
    response = client.post(f"/en/login?next={target}",
                           data={"login": trainee.login_code, "secret": PIN})
    assert response.status_code == 302
    assert response.headers["Location"] == "/en/"


def test_switcher_next_cannot_split_headers_or_leave(client):
    for target in ("/km/%0d%0aX", "/\\evil.example"):
        assert client.get(f"/language/lo?next={target}").headers["Location"] == "/lo/"


def test_a_certificate_holder_made_trainer_cannot_revoke_their_own(app, make_centre,
                                                                   cohort_with_certificate):
    from orientation.accounts import services as accounts

    _, holder, certificate = cohort_with_certificate
    holder.centre = make_centre()  # now works for another centre than the one that issued it
    accounts.change_role(holder, Role.trainer)
    holder_client = app.test_client()
    log_in(holder_client, holder.login_code, PIN)
    base = f"/en/certificates/{certificate.number}"
    assert holder_client.get(base + "/manage").status_code == 403
    assert holder_client.post(base + "/revoke", data={"reason": "mine"}).status_code == 403
    assert holder_client.post(base + "/reissue").status_code == 403
    db.session.refresh(certificate)
    assert certificate.state == CertificateState.valid


def test_two_attendance_saves_at_once(app, cohort_with_certificate, trainer, make_trainee,
                                      race):
    from datetime import date

    from orientation.learn import services as learning
    from orientation.trainer import cohorts

    cohort, holder, _ = cohort_with_certificate
    others = [make_trainee(name=f"Member {n}", centre=cohort.centre) for n in range(5)]
    for user in others:
        learning.join_cohort(user, cohort)
    session = cohorts.add_session(cohort, date.today(), 2.0, "", trainer)
    ids = [str(user.id) for user in [holder, *others]]
    clients = [app.test_client() for _ in range(2)]
    for client in clients:
        log_in(client, trainer.login_code, PASSWORD)
    url = f"/en/trainer/cohorts/{cohort.id}/sessions/{session.id}"
    statuses = []

    def save(client):
        return lambda: statuses.append(client.post(url, data={"present": ids}).status_code)

    assert race(*(save(c) for c in clients)) == []
    assert statuses == [302, 302]
    rows = db.session.scalars(select(Attendance).where(Attendance.session_id == session.id))
    assert sorted(row.user_id for row in rows) == sorted(int(i) for i in ids)


def test_two_starts_at_once_open_one_attempt(app, courses, trainee, race):
    from orientation.learn import services as learning

    learning.enrol(trainee, courses["first-steps"])
    clients = [app.test_client() for _ in range(3)]
    for client in clients:
        log_in(client, trainee.login_code, PIN)
    places = []

    def start(client):
        return lambda: places.append(client.post(
            "/en/courses/first-steps/quizzes/final/start").headers["Location"])

    assert race(*(start(c) for c in clients)) == []
    assert len(set(places)) == 1
    assert db.session.scalar(select(func.count()).select_from(Attempt)) == 1


def test_the_database_refuses_a_second_open_attempt(app, courses, trainee):
    from sqlalchemy.exc import IntegrityError

    values = {"user_id": trainee.id, "course_id": courses["first-steps"].id, "quiz_id": "final",
              "final": True, "course_version": 1, "locale": "en", "order": []}
    db.session.add(Attempt(**values))
    db.session.commit()
    db.session.add(Attempt(**values))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_registrations_from_one_address_are_limited(app, client):
    from tests.auth.test_register import form

    app.config["REGISTER_LIMIT_PER_ADDRESS"] = "2 per hour"
    for _ in range(2):
        fresh = app.test_client()
        assert fresh.post("/en/register", data=form(fresh, phone="")).status_code == 302
    response = client.post("/km/register", data=form(client, "km", phone=""))
    assert response.status_code == 429
    page = response.get_data(as_text=True)
    assert "Too many attempts" not in page and "60" in page  # in Khmer, with the real wait
    assert db.session.scalar(select(func.count()).select_from(User)) == 2
    elsewhere = app.test_client()
    response = elsewhere.post("/en/register", data=form(elsewhere, phone=""),
                              environ_base={"REMOTE_ADDR": "10.1.2.3"})
    assert response.status_code == 302


def test_the_language_cookie_is_secure_in_production(tmp_path):
    app = create_app(production(tmp_path))
    response = app.test_client().get("/language/km?next=/km/")
    assert "Secure" in response.headers["Set-Cookie"]


def test_demo_trainees_still_log_in_with_their_easy_pin(app, courses, runner, client):
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    assert log_in(client, "1000 0001", "123456").status_code == 302


@pytest.mark.parametrize("name", ["\u202eBatch", "Batch\x1b", "\u3164", "   ", "\u200b"])
def test_cohort_names_refuse_invisible_characters(app, courses, trainer_client, name):
    programme = db.session.scalar(select(Programme))
    response = trainer_client.post("/en/trainer/cohorts/new", data={
        "name": name, "programme": programme.id, "starts_on": "2027-01-04",
        "departs_on": "2027-02-15"})
    assert response.status_code == 200 and 'id="name-error"' in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Cohort)) == 0


def test_cohort_names_are_trimmed(app, courses, trainer_client):
    programme = db.session.scalar(select(Programme))
    response = trainer_client.post("/en/trainer/cohorts/new", data={
        "name": "  Batch\t 12 ", "programme": programme.id, "starts_on": "2027-01-04",
        "departs_on": "2027-02-15"})
    assert response.status_code == 302
    assert db.session.scalar(select(Cohort.name)) == "Batch 12"


@pytest.mark.parametrize(("path", "data"), [
    ("/en/login", {"login": "1000\x000001", "secret": "123456"}),
    ("/en/register", {"display_name": "Sok\x00", "secret": "246813", "confirm": "246813"}),
])
def test_a_nul_character_is_a_bad_request_on_every_database(client, path, data):
    """PostgreSQL refuses NUL in text columns: it must never reach a query (a 500 there)."""
    assert client.post(path, data=data).status_code == 400
    assert client.get("/en/courses/?q=a\x00b").status_code == 400


def test_a_refused_csrf_check_never_acts_on_the_form(csrf_client, settings):
    """Over HTTPS Flask-WTF also wants a same-site Referer; when that check refuses a login whose
    token is valid, the form is shown again and nobody is logged in."""
    user = User(role=Role.trainee, login_code="12345678", display_name="Sok",
                password_hash=hash_secret("123456"))
    db.session.add(user)
    db.session.commit()
    https = {"base_url": "https://localhost"}
    page = csrf_client.get("/en/login", **https).get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = csrf_client.post("/en/login", data={"csrf_token": token, "login": "12345678",
                                                   "secret": "123456"}, **https)
    assert response.status_code == 400
    assert "Location" not in response.headers
    assert 'role="alert"' in response.get_data(as_text=True)  # says why
    assert csrf_client.get("/en/my-learning", **https).status_code == 302  # still logged out
    assert db.session.get(User, user.id).last_login_at is None
