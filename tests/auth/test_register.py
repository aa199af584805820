"""Trainees registering themselves: the code shown, bad input refused, double submits."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from orientation.extensions import db
from orientation.models import AuditEvent, User


def token_of(client, lang="en"):
    """The request token of a registration form this client was shown."""
    page = client.get(f"/{lang}/register").get_data(as_text=True)
    return re.search(r'name="request_token" type="hidden" value="([0-9a-f]+)"', page).group(1)


def form(client, lang="en", **changes):
    values = {"display_name": "ສົມສັກ ພົມມະວົງ", "latin_name": "Somsack Phommavong",
              "phone": "020 5555 1234", "origin": "LA", "secret": "135790", "confirm": "135790",
              "request_token": token_of(client, lang)}
    values.update(changes)
    return values


def users():
    return db.session.scalar(select(func.count()).select_from(User))


def test_register_shows_the_new_trainee_code(client):
    response = client.post("/lo/register", data=form(client, "lo"))
    assert response.headers["Location"] == "/lo/welcome"
    user = db.session.scalar(select(User))
    assert user.display_name == "ສົມສັກ ພົມມະວົງ"
    assert user.latin_name == "SOMSACK PHOMMAVONG"
    assert user.phone == "+8562055551234"
    assert user.preferred_locale == "lo"
    assert user.centre is None
    assert user.origin == "LA"
    page = client.get("/lo/welcome").get_data(as_text=True)
    assert f"{user.login_code[:4]} {user.login_code[4:]}" in page
    assert "ສົມສັກ ພົມມະວົງ" in page
    event = db.session.scalar(select(AuditEvent))
    assert (event.action, event.subject_id, event.actor_id) == ("user.created", user.id, None)


def test_new_trainee_can_log_in_with_code_and_pin(client):
    client.post("/en/register", data=form(client, phone=""))
    code = db.session.scalar(select(User.login_code))
    client.post("/en/logout")
    response = client.post("/en/login", data={"login": code, "secret": "135790"})
    assert response.status_code == 302


@pytest.mark.parametrize(("changes", "field"), [
    ({"display_name": ""}, "display_name"),
    ({"display_name": "ក" * 10_000}, "display_name"),
    ({"latin_name": "សុខ"}, "latin_name"),
    ({"phone": "12"}, "phone"),
    ({"origin": ""}, "origin"),
    ({"origin": "TH"}, "origin"),
    ({"secret": "123", "confirm": "123"}, "secret"),
    ({"secret": "x" * 200, "confirm": "x" * 200}, "secret"),
    ({"confirm": "000000"}, "confirm"),
])
def test_bad_input_is_refused_next_to_the_field(client, changes, field):
    response = client.post("/km/register", data=form(client, "km", **changes))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f'id="{field}-error"' in page
    assert users() == 0
    if field != "display_name":
        assert "ສົມສັກ ພົມມະວົງ" in page  # what was typed is still there


def test_khmer_name_typed_decomposed_is_stored_nfc_and_shown_exactly(client):
    typed = "សុខ  ចាន់ថា".replace("ា", "\u17B6")  # same letters, doubled space
    client.post("/km/register", data=form(client, "km", display_name=typed, phone=""))
    user = db.session.scalar(select(User))
    assert user.display_name == "សុខ ចាន់ថា"
    assert "សុខ ចាន់ថា" in client.get("/km/").get_data(as_text=True)


def test_ten_thousand_character_name_gets_a_clear_message(client):
    page = client.post("/en/register", data=form(client, display_name="x" * 10_000)).get_data(
        as_text=True)
    assert "at most 120 characters" in page
    assert users() == 0


def _same_browser_again(app, client):
    """A second client holding the cookie `client` has now: a request sent before the first
    one's answer arrived (a double click) carries the session from before it."""
    other = app.test_client()
    cookie = client.get_cookie("session")
    other.set_cookie("session", cookie.value)
    return other


def test_double_submit_creates_one_account(client, app):
    values = form(client, phone="+856 20 5555 1234")
    second_click = _same_browser_again(app, client)
    first = client.post("/en/register", data=values)
    second = second_click.post("/en/register", data=values)
    assert users() == 1
    assert first.headers["Location"] == second.headers["Location"] == "/en/welcome"
    assert db.session.scalar(select(User)).display_name in second_click.get(
        "/en/welcome").get_data(as_text=True)


def test_token_from_another_browser_gets_nothing(client, app):
    values = form(client, phone="")
    assert client.post("/en/register", data=values).status_code == 302
    elsewhere = app.test_client()
    elsewhere.get("/en/register")
    response = elsewhere.post("/en/register", data=values)
    assert response.status_code == 200
    assert elsewhere.get("/en/welcome").status_code == 302  # to the login page: not logged in
    assert users() == 1


def test_back_and_submit_with_another_pin_gets_nothing(client, app):
    values = form(client, phone="")
    back = _same_browser_again(app, client)  # the page the Back button shows again
    client.post("/en/register", data=values)
    client.post("/en/logout")
    response = back.post("/en/register", data={**values, "secret": "975310",
                                              "confirm": "975310"})
    assert response.status_code == 200
    assert back.get("/en/welcome").status_code == 302
    assert users() == 1


def test_replay_after_ten_minutes_gets_nothing(client, app):
    values = form(client, phone="")
    again = _same_browser_again(app, client)
    client.post("/en/register", data=values)
    user = db.session.scalar(select(User))
    user.created_at -= timedelta(minutes=11)
    db.session.commit()
    assert again.post("/en/register", data=values).status_code == 200
    assert again.get("/en/welcome").status_code == 302


@pytest.mark.parametrize("token", ["", "a" * 32, "a" * 5000, "\x00" * 32])
def test_a_token_this_session_was_not_given_is_refused(client, token):
    form(client)  # a real form was shown, with another token
    response = client.post("/en/register", data=form(client, phone="", request_token=token))
    if "\x00" in token:  # refused before any view: a bad request (orientation/security.py)
        assert response.status_code == 400
    else:
        assert response.status_code == 200
        assert "already sent" in response.get_data(as_text=True)
    assert users() == 0


def test_registration_can_be_switched_off(app, client):
    app.config["SELF_REGISTRATION"] = False
    assert client.get("/en/register").status_code == 404
    assert client.post("/en/register", data={"display_name": "x"}).status_code == 404
    assert users() == 0
    assert "/en/register" not in client.get("/en/login").get_data(as_text=True)
