"""Trainees registering themselves: the code shown, bad input refused, double submits."""

import pytest
from sqlalchemy import func, select

from orientation.extensions import db
from orientation.models import AuditEvent, User


def form(**changes):
    values = {"display_name": "ສົມສັກ ພົມມະວົງ", "latin_name": "Somsack Phommavong",
              "phone": "020 5555 1234", "secret": "135790", "confirm": "135790",
              "request_token": "a" * 32}
    values.update(changes)
    return values


def users():
    return db.session.scalar(select(func.count()).select_from(User))


def test_register_shows_the_new_trainee_code(client):
    response = client.post("/lo/register", data=form())
    assert response.headers["Location"] == "/lo/welcome"
    user = db.session.scalar(select(User))
    assert user.display_name == "ສົມສັກ ພົມມະວົງ"
    assert user.latin_name == "SOMSACK PHOMMAVONG"
    assert user.phone == "+8562055551234"
    assert user.preferred_locale == "lo"
    assert user.centre is None
    page = client.get("/lo/welcome").get_data(as_text=True)
    assert f"{user.login_code[:4]} {user.login_code[4:]}" in page
    assert "ສົມສັກ ພົມມະວົງ" in page
    event = db.session.scalar(select(AuditEvent))
    assert (event.action, event.subject_id, event.actor_id) == ("user.created", user.id, None)


def test_new_trainee_can_log_in_with_code_and_pin(client):
    client.post("/en/register", data=form(phone=""))
    code = db.session.scalar(select(User.login_code))
    client.post("/en/logout")
    response = client.post("/en/login", data={"login": code, "secret": "135790"})
    assert response.status_code == 302


@pytest.mark.parametrize(("changes", "field"), [
    ({"display_name": ""}, "display_name"),
    ({"display_name": "ក" * 10_000}, "display_name"),
    ({"latin_name": "សុខ"}, "latin_name"),
    ({"phone": "12"}, "phone"),
    ({"secret": "123", "confirm": "123"}, "secret"),
    ({"secret": "x" * 200, "confirm": "x" * 200}, "secret"),
    ({"confirm": "000000"}, "confirm"),
])
def test_bad_input_is_refused_next_to_the_field(client, changes, field):
    response = client.post("/km/register", data=form(**changes))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f'id="{field}-error"' in page
    assert users() == 0
    if field != "display_name":
        assert "ສົມສັກ ພົມມະວົງ" in page  # what was typed is still there


def test_khmer_name_typed_decomposed_is_stored_nfc_and_shown_exactly(client):
    typed = "សុខ  ចាន់ថា".replace("ា", "\u17B6")  # same letters, doubled space
    client.post("/km/register", data=form(display_name=typed, phone=""))
    user = db.session.scalar(select(User))
    assert user.display_name == "សុខ ចាន់ថា"
    assert "សុខ ចាន់ថា" in client.get("/km/").get_data(as_text=True)


def test_ten_thousand_character_name_gets_a_clear_message(client):
    page = client.post("/en/register", data=form(display_name="x" * 10_000)).get_data(
        as_text=True)
    assert "at most 120 characters" in page
    assert users() == 0


def test_double_submit_creates_one_account(client, app):
    first = client.post("/en/register", data=form(phone="+856 20 5555 1234"))
    other_tab = app.test_client()  # the second request still carries the old session
    second = other_tab.post("/en/register", data=form(phone="+856 20 5555 1234"))
    assert users() == 1
    assert first.headers["Location"] == second.headers["Location"] == "/en/welcome"
    assert db.session.scalar(select(User)).display_name in other_tab.get("/en/welcome").get_data(
        as_text=True)


def test_registration_can_be_switched_off(app, client):
    app.config["SELF_REGISTRATION"] = False
    assert client.get("/en/register").status_code == 404
    assert client.post("/en/register", data=form()).status_code == 404
    assert users() == 0
    assert "/en/register" not in client.get("/en/login").get_data(as_text=True)
