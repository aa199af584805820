"""/healthz: 200 when the database answers and the fonts and signing key are there, else 503
with the reasons; public, never cached, never throttled."""

import pytest

from orientation import create_app
from orientation.certificates import keys
from tests.conftest import log_in


@pytest.fixture
def signing_key(app):
    keys.signing_key()  # development makes it, as the first certificate would


def test_healthy(client, signing_key):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "ok\n"
    assert response.mimetype == "text/plain"
    assert response.headers["Cache-Control"] == "no-store"


def test_database_not_answering(tmp_path, settings):
    settings["DATABASE_URL"] = f"sqlite:///{tmp_path / 'no-such-folder' / 'db.sqlite'}"
    app = create_app(settings)
    with app.app_context():
        keys.signing_key()
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    body = response.get_data(as_text=True)
    assert body == "database: not answering\n"
    assert "no-such-folder" not in body  # nothing about where or how it connects
    assert response.headers["Cache-Control"] == "no-store"


def test_fonts_missing(app, client, signing_key, tmp_path):
    app.config["FONTS_FOLDER"] = str(tmp_path / "empty")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_data(as_text=True) == "fonts: certificate fonts missing\n"


def test_signing_key_missing(client, settings):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_data(as_text=True) == "signing key: missing or unreadable\n"


def test_signing_key_unreadable(client, settings):
    with open(settings["SIGNING_KEY_PATH"], "w") as key:
        key.write("-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert "signing key" in response.get_data(as_text=True)
    assert "BEGIN" not in response.get_data(as_text=True)


def test_every_reason_at_once(app, client, tmp_path):
    app.config["FONTS_FOLDER"] = str(tmp_path / "empty")
    assert client.get("/healthz").get_data(as_text=True).splitlines() == [
        "fonts: certificate fonts missing", "signing key: missing or unreadable"]


def test_not_throttled_by_the_login_limits(app, client, signing_key):
    app.config["LOGIN_LIMIT_PER_ADDRESS"] = "2 per 15 minutes"
    for n in range(3):
        log_in(client, f"3333333{n}", "000000")
    assert log_in(client, "44444444", "000000").status_code == 429
    assert all(client.get("/healthz").status_code == 200 for _ in range(20))


def test_logged_in_it_is_the_same(trainee_client, signing_key):
    response = trainee_client.get("/healthz")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
