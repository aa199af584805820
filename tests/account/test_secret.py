"""Changing one's own PIN (trainees) or password (staff): the old one required, the new one
twice by the rules the app gives PINs by, throttled like login, audited, other sessions end."""

import pytest
from sqlalchemy import select

from orientation.extensions import db
from orientation.models import AuditEvent
from tests.auth.test_sessions import copy_of, logged_in
from tests.conftest import PASSWORD, PIN, log_in

NEW_PIN = "135792"
NEW_PASSWORD = "a new long passphrase"


def change(client, old, new, confirm=None, path="/en/account/pin"):
    return client.post(path, data={"old": old, "new": new,
                                   "confirm": new if confirm is None else confirm})


def events(action):
    return db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)).all()


def test_the_page_asks_for_the_old_pin_and_the_new_one_twice(trainee_client):
    page = trainee_client.get("/en/account/pin").get_data(as_text=True)
    for name in ("old", "new", "confirm"):
        assert f'name="{name}"' in page
    assert 'autocomplete="current-password"' in page and 'autocomplete="new-password"' in page


def test_a_trainee_changes_the_pin_and_other_sessions_end(app, trainee, trainee_client):
    other = copy_of(app, trainee_client)
    elsewhere = app.test_client()
    log_in(elsewhere, trainee.login_code, PIN)
    response = change(trainee_client, PIN, NEW_PIN)
    assert response.status_code == 302
    assert response.headers["Location"] == "/en/account/pin"
    assert "Your PIN is changed" in trainee_client.get("/en/account/pin").get_data(as_text=True)
    assert logged_in(trainee_client)  # the phone that changed it stays logged in
    assert not logged_in(other) and not logged_in(elsewhere)
    assert log_in(app.test_client(), trainee.login_code, PIN).status_code == 200  # refused
    assert log_in(app.test_client(), trainee.login_code, NEW_PIN).status_code == 302
    [event] = events("user.pin_changed")
    assert event.actor_id == trainee.id and event.subject_id == trainee.id
    assert event.centre_id == trainee.centre_id
    assert NEW_PIN not in str(event.details) and PIN not in str(event.details)


def test_khmer_digits_are_a_pin_and_a_password_is_allowed(app, trainee, trainee_client):
    assert change(trainee_client, "២៤៦៨១០", "១៣៥៧៩២", NEW_PIN).status_code == 302
    assert change(trainee_client, NEW_PIN, "my own words").status_code == 302
    assert log_in(app.test_client(), trainee.login_code, "my own words").status_code == 302


def test_keep_me_logged_in_stays_as_it_was(app, trainee):
    client = app.test_client()
    client.post("/en/login", data={"login": trainee.login_code, "secret": PIN, "remember": "y"})
    response = change(client, PIN, NEW_PIN)
    assert "Expires=" in response.headers["Set-Cookie"]


BAD = [
    # (old, new, confirm, message)
    ("", "", "", "Please enter your PIN or password."),
    ("", NEW_PIN, NEW_PIN, "Please enter your PIN or password."),
    ("999999", NEW_PIN, NEW_PIN, "This is not your PIN or password now. Please try again."),
    (PIN, NEW_PIN, "135793", "The two do not match. Please type them again."),
    (PIN, NEW_PIN, "", "The two do not match. Please type them again."),
    (PIN, "", "", "Use a PIN of exactly 6 digits, or a password of 8 characters or more."),
    (PIN, "12345", "12345", "Use a PIN of exactly 6 digits, or a password of 8 characters"),
    (PIN, "123456", "123456", "This PIN is too easy to guess."),
    ("x" * 129, NEW_PIN, NEW_PIN, "This is too long for a password."),
    (PIN, "x" * 129, "x" * 129, "A password can have at most 128 characters."),
]


@pytest.mark.parametrize(("old", "new", "confirm", "message"), BAD)
def test_bad_input_is_refused_with_a_message(app, trainee, trainee_client, old, new, confirm,
                                             message):
    before = trainee.password_hash
    response = change(trainee_client, old, new, confirm)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert message in page and 'aria-invalid="true"' in page
    db.session.refresh(trainee)
    assert trainee.password_hash == before and events("user.pin_changed") == []
    assert logged_in(trainee_client)


@pytest.mark.parametrize("lang", ["km", "lo"])
def test_the_page_and_its_messages_are_in_the_trainees_language(trainee_client, lang):
    page = change(trainee_client, "", "", "", path=f"/{lang}/account/pin")
    text = page.get_data(as_text=True)
    assert f'<html lang="{lang}">' in text and text.count('class="error" id=') == 2


def test_guessing_the_old_pin_is_throttled_like_login(app, trainee, trainee_client):
    app.config["LOGIN_LIMIT_PER_ACCOUNT"] = "3 per 15 minutes"
    for _ in range(3):
        assert change(trainee_client, "999999", NEW_PIN).status_code == 200
    assert change(trainee_client, PIN, NEW_PIN).status_code == 429  # even the right one
    # The same count as logging in to the account: that is locked too.
    assert log_in(app.test_client(), trainee.login_code, PIN).status_code == 429
    db.session.refresh(trainee)
    assert events("user.pin_changed") == []


def test_a_right_old_pin_starts_the_count_again(app, trainee, trainee_client):
    app.config["LOGIN_LIMIT_PER_ACCOUNT"] = "3 per 15 minutes"
    change(trainee_client, "999999", NEW_PIN)
    change(trainee_client, "999999", NEW_PIN)
    assert change(trainee_client, PIN, NEW_PIN).status_code == 302
    assert change(trainee_client, "999999", PIN).status_code == 200
    assert change(trainee_client, NEW_PIN, "975318").status_code == 302


def test_a_form_without_its_csrf_token_changes_nothing(app, trainee, trainee_client):
    app.config["WTF_CSRF_ENABLED"] = True
    before = trainee.password_hash
    response = change(trainee_client, PIN, NEW_PIN, path="/km/account/pin")
    assert response.status_code == 400
    assert 'role="alert"' in response.get_data(as_text=True)  # the form again, explained
    db.session.refresh(trainee)
    assert trainee.password_hash == before


@pytest.mark.parametrize("who", ["trainer", "admin"])
def test_staff_change_their_password(app, request, who):
    user, client = request.getfixturevalue(who), request.getfixturevalue(f"{who}_client")
    other = copy_of(app, client)
    path = "/en/account/password"
    assert 'name="confirm"' in client.get(path).get_data(as_text=True)
    refused = change(client, PASSWORD, NEW_PIN, path=path)  # no PIN for staff
    assert "Use a password of 8 characters or more." in refused.get_data(as_text=True)
    wrong = change(client, "not my password", NEW_PASSWORD, path=path)
    assert "This is not your password now." in wrong.get_data(as_text=True)
    assert change(client, PASSWORD, NEW_PASSWORD, path=path).status_code == 302
    assert logged_in(client) and not logged_in(other)
    assert log_in(app.test_client(), user.login_code, NEW_PASSWORD).status_code == 302
    [event] = events("user.password_changed")
    assert event.actor_id == user.id == event.subject_id


def test_each_role_has_its_own_page(trainee_client, trainer_client):
    assert trainee_client.get("/en/account/password").status_code == 403
    assert trainer_client.get("/en/account/pin").status_code == 403
    assert trainer_client.post("/en/account/pin", data={}).status_code == 403
