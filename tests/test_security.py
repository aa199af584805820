"""Security headers, cookies, CSRF refusal that keeps what was typed, translated errors."""

import pytest

from orientation import config, create_app
from orientation.certificates.signing import load_or_create_key
from orientation.config import ConfigError
from orientation.extensions import db
from tests.conftest import PIN, settings_for


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
