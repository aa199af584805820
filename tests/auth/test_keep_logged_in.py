""""Keep me logged in": off by default, the session cookie ends with the browser; on, it
lasts SESSION_DAYS (14) days. One cookie either way, never a Flask-Login remember cookie."""

from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest

from tests.conftest import PIN


def session_cookie(response):
    """The Set-Cookie header that carries the session, split into its attributes."""
    headers = [h for h in response.headers.getlist("Set-Cookie") if h.startswith("session=")]
    assert len(headers) == 1, response.headers.getlist("Set-Cookie")
    attributes = {}
    for part in headers[0].split(";")[1:]:
        name, _, value = part.strip().partition("=")
        attributes[name.lower()] = value
    return attributes


def no_remember_cookie(response):
    return not any(h.startswith("remember_token=") for h in response.headers.getlist("Set-Cookie"))


def test_the_box_is_shown_unticked(client):
    page = client.get("/en/login").get_data(as_text=True)
    box = page.split('name="remember"')[0].rsplit("<input", 1)[1] + page.split(
        'name="remember"')[1].split(">")[0]
    assert 'type="checkbox"' in box and "checked" not in box
    assert "Keep me logged in" in page


@pytest.mark.parametrize("data", [{}, {"remember": ""}])
def test_off_the_session_cookie_ends_with_the_browser(client, trainee, data):
    response = client.post("/en/login", data={"login": trainee.login_code, "secret": PIN,
                                              **data})
    assert response.status_code == 302
    cookie = session_cookie(response)
    assert "expires" not in cookie and "max-age" not in cookie
    assert "httponly" in cookie and cookie["samesite"] == "Lax"
    assert no_remember_cookie(response)
    # Later pages keep it a browser session.
    later = client.get("/en/welcome")
    assert all("Expires" not in h for h in later.headers.getlist("Set-Cookie"))


def test_on_the_session_lasts_fourteen_days(client, trainee):
    response = client.post("/en/login", data={"login": trainee.login_code, "secret": PIN,
                                              "remember": "y"})
    assert response.status_code == 302
    cookie = session_cookie(response)
    expires = parsedate_to_datetime(cookie["expires"])
    left = expires - datetime.now(UTC)
    assert timedelta(days=13, hours=23) < left <= timedelta(days=14)
    assert no_remember_cookie(response)
    assert client.get("/en/welcome").status_code == 200


def test_the_days_follow_the_setting(app, client, trainee):
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(days=3)
    app.config["SESSION_DAYS"] = 3
    assert "For 3 days" in client.get("/en/login").get_data(as_text=True)
    response = client.post("/en/login", data={"login": trainee.login_code, "secret": PIN,
                                              "remember": "y"})
    left = parsedate_to_datetime(session_cookie(response)["expires"]) - datetime.now(UTC)
    assert timedelta(days=2, hours=23) < left <= timedelta(days=3)
