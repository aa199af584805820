"""Logging in with a code or a phone, failing, throttling and logging out."""

import pytest
from flask import session
from sqlalchemy import select

from orientation.extensions import db
from orientation.models import AuditEvent, Role, User
from tests.conftest import PASSWORD, PIN, log_in

WRONG = "not right"


def test_trainee_logs_in_with_code(client, trainee):
    response = log_in(client, trainee.login_code, PIN)
    assert response.status_code == 302
    assert response.headers["Location"] == "/en/"
    page = client.get("/en/").get_data(as_text=True)
    assert trainee.display_name in page


def test_code_typed_with_spaces_and_khmer_digits(client, make_trainee):
    make_trainee(login_code="12345678")
    assert log_in(client, "១២៣៤ ៥៦៧៨", "២៤៦៨១០").status_code == 302


def test_phone_logs_in_while_exactly_one_active_account_has_it(client, make_trainee):
    first = make_trainee(phone="+85512345678")
    assert log_in(client, "012 345 678", PIN, lang="km").status_code == 302
    client.post("/en/logout")
    second = make_trainee(phone="+85512345678")
    response = log_in(client, "+85512345678", PIN)
    assert response.status_code == 200  # two accounts share it: it names nobody
    second.active = False
    db.session.commit()
    assert log_in(client, "+85512345678", PIN).status_code == 302
    assert first.phone == second.phone


@pytest.mark.parametrize("lang", ["en", "km"])
def test_wrong_secret_and_unknown_login_say_the_same(client, trainee, lang):
    wrong = log_in(client, trainee.login_code, "999999", lang).get_data(as_text=True)
    unknown = log_in(client, "99999999", "999999", lang).get_data(as_text=True)
    marker = 'class="error" role="alert">'
    message = wrong.split(marker)[1].split("<")[0]
    assert message == unknown.split(marker)[1].split("<")[0]
    if lang == "km":
        assert "The login" not in message  # translated


def test_empty_login_shows_messages_next_to_fields(client):
    page = log_in(client, "", "").get_data(as_text=True)
    assert page.count('class="error" id=') == 2


def test_staff_log_in_the_same_way(client, trainer, admin):
    assert log_in(client, trainer.login_code.upper(), PASSWORD).status_code == 302
    client.post("/en/logout")
    assert log_in(client, admin.login_code, PASSWORD).status_code == 302


def test_inactive_account_cannot_log_in(client, trainee):
    trainee.active = False
    db.session.commit()
    assert log_in(client, trainee.login_code, PIN).status_code == 200


def test_session_is_renewed_at_login(client, trainee):
    with client:
        client.get("/en/login")
        session["left_over"] = "from before"
        log_in(client, trainee.login_code, PIN)
        assert "left_over" not in session
        assert session["_user_id"] == str(trainee.id)


def test_next_stays_on_this_site(client, trainer):
    ok = client.post("/en/login?next=/en/trainer/",
                     data={"login": trainer.login_code, "secret": PASSWORD})
    assert ok.headers["Location"] == "/en/trainer/"
    client.post("/en/logout")
    evil = client.post("/en/login?next=https://evil.example/",
                       data={"login": trainer.login_code, "secret": PASSWORD})
    assert evil.headers["Location"] == "/en/"


def test_logout(trainee_client):
    response = trainee_client.post("/en/logout")
    assert response.status_code == 302
    assert trainee_client.get("/en/welcome").status_code == 302  # to the login page


def test_logout_needs_post(trainee_client):
    assert trainee_client.get("/en/logout").status_code == 405


def test_failed_logins_are_throttled_per_account(app, client, trainee):
    app.config["LOGIN_LIMIT_PER_ACCOUNT"] = "3 per 15 minutes"
    for _ in range(3):
        assert log_in(client, trainee.login_code, "000000").status_code == 200
    blocked = log_in(client, trainee.login_code, PIN, lang="km")
    assert blocked.status_code == 429
    assert "Too many attempts" not in blocked.get_data(as_text=True)  # translated
    other = app.test_client()  # another address has the same account throttled
    assert log_in(other, trainee.login_code, PIN).status_code == 429


def test_successful_logins_do_not_count(app, client, trainee):
    app.config["LOGIN_LIMIT_PER_ACCOUNT"] = "2 per 15 minutes"
    for _ in range(4):
        assert log_in(client, trainee.login_code, PIN).status_code == 302
        client.post("/en/logout")


def test_failed_logins_are_throttled_per_address(app, client, make_trainee):
    app.config["LOGIN_LIMIT_PER_ADDRESS"] = "3 per 15 minutes"
    for n in range(3):
        log_in(client, f"1111111{n}", "000000")
    assert log_in(client, "22222222", "000000").status_code == 429
    elsewhere = app.test_client()
    response = elsewhere.post("/en/login", data={"login": "22222222", "secret": "000000"},
                              environ_base={"REMOTE_ADDR": "10.9.9.9"})
    assert response.status_code == 200


def test_roles_and_creation_are_audited(app, make_user, centre):
    user = make_user(Role.trainee, centre=centre)  # a trainer works for a centre
    from orientation.accounts.services import change_role

    change_role(user, Role.trainer)
    actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions[-2:] == ["user.created", "user.role_changed"]
    assert db.session.get(User, user.id).role == Role.trainer
