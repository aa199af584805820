"""The second factor through HTTP: enrolment, the login's code page (app code, recovery code,
wrong, expired, keep me logged in), the set-up that a requirement forces, turning off, and
the admin's settings and reset."""

import re
import time

import pyotp
import pytest
from sqlalchemy import select

from orientation import settings
from orientation.auth.services import AWAITING_CODE
from orientation.extensions import db
from orientation.models import AuditEvent, Role
from orientation.second_factor import services
from tests.conftest import PASSWORD, PIN, log_in
from tests.second_factor.conftest import code_now


def secret_on_page(html):
    """The key the set-up page shows in groups of four, as a person would type it."""
    return re.search(r'class="code-inline secret"[^>]*>([A-Z2-7 ]+)<', html)[1].replace(" ", "")


def logged_in(client):
    return client.get("/en/account/second-factor").status_code == 200


def test_a_trainer_sets_it_up_and_sees_the_codes_once(trainer_client, trainer):
    page = trainer_client.get("/en/account/second-factor/setup")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "<svg" in html
    assert 'inputmode="numeric"' in html and 'autocomplete="one-time-code"' in html
    secret = secret_on_page(html)
    wrong = trainer_client.post("/en/account/second-factor/setup", data={"code": "12345"})
    assert "This code is not right" in wrong.get_data(as_text=True)
    done = trainer_client.post("/en/account/second-factor/setup",
                               data={"code": code_now(secret)})
    html = done.get_data(as_text=True)
    assert done.status_code == 200 and "They are shown only now." in html
    codes = re.findall(r"<li>([a-z0-9]{5}-[a-z0-9]{5})</li>", html)
    assert len(codes) == 10
    db.session.refresh(trainer)
    assert trainer.has_second_factor
    again = trainer_client.get("/en/account/second-factor/setup")
    assert again.status_code == 302  # on: no second set-up, no codes shown again
    assert "1 recovery code" not in trainer_client.get("/en/account/second-factor").get_data(
        as_text=True)


@pytest.fixture
def trainer_with_factor(trainer, with_factor):
    secret, codes = with_factor(trainer)
    return trainer, secret, codes


def test_login_asks_for_the_code_after_the_password(client, trainer_with_factor):
    trainer, secret, _ = trainer_with_factor
    response = log_in(client, trainer.login_code, PASSWORD)
    assert response.status_code == 302 and "/en/login/code" in response.headers["Location"]
    assert not logged_in(client)  # not yet
    page = client.get("/en/login/code").get_data(as_text=True)
    assert 'inputmode="numeric"' in page and 'autocomplete="one-time-code"' in page
    response = client.post("/en/login/code", data={"code": code_now(secret)})
    assert response.status_code == 302 and response.headers["Location"] == "/en/"
    assert logged_in(client)


def test_a_wrong_code_or_a_used_one_does_not_log_in(client, trainer_with_factor):
    trainer, secret, _ = trainer_with_factor
    code = code_now(secret)
    other = pyotp.TOTP(secret)
    wrong = next(c for c in ("000000", "111111", "222222") if c not in
                 {other.at(time.time() + s) for s in (-30, 0, 30)})
    log_in(client, trainer.login_code, PASSWORD)
    response = client.post("/en/login/code", data={"code": wrong})
    assert response.status_code == 200 and "This code is not right" in response.get_data(
        as_text=True)
    assert not logged_in(client)
    assert client.post("/en/login/code", data={"code": code}).status_code == 302
    thief = client.application.test_client()
    log_in(thief, trainer.login_code, PASSWORD)
    assert thief.post("/en/login/code", data={"code": code}).status_code == 200  # replayed
    assert not logged_in(thief)


def test_a_recovery_code_logs_in_once(app, trainer_with_factor):
    trainer, _, codes = trainer_with_factor
    for attempt in (1, 2):
        client = app.test_client()
        log_in(client, trainer.login_code, PASSWORD)
        response = client.post("/en/login/code", data={"recovery": codes[0]})
        assert (response.status_code == 302) == (attempt == 1)
        assert logged_in(client) == (attempt == 1)


def test_the_wait_for_the_code_expires(client, trainer_with_factor):
    trainer, secret, _ = trainer_with_factor
    log_in(client, trainer.login_code, PASSWORD)
    with client.session_transaction() as session:
        session[AWAITING_CODE] = {**session[AWAITING_CODE], "until": int(time.time()) - 1}
    response = client.post("/en/login/code", data={"code": code_now(secret)})
    assert response.status_code == 302 and "/en/login" in response.headers["Location"]
    assert not logged_in(client)
    assert client.get("/en/login/code").status_code == 302  # nothing waits any more


def test_a_reset_while_waiting_ends_the_wait(client, admin, trainer_with_factor):
    trainer, secret, _ = trainer_with_factor
    log_in(client, trainer.login_code, PASSWORD)
    services.reset(trainer, trainer.login_code, actor=admin)
    assert client.post("/en/login/code", data={"code": code_now(secret)}).status_code == 302
    assert not logged_in(client)


def test_without_a_password_step_the_code_page_sends_to_login(client):
    response = client.get("/en/login/code?next=/en/trainer/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/en/login?next=")


@pytest.mark.parametrize("keep", [False, True])
def test_keep_me_logged_in_from_the_first_step_is_kept(client, trainer_with_factor, keep):
    trainer, secret, _ = trainer_with_factor
    data = {"login": trainer.login_code, "secret": PASSWORD}
    if keep:
        data["remember"] = "y"
    client.post("/en/login?next=/en/trainer/", data=data)
    response = client.post("/en/login/code?next=/en/trainer/",
                           data={"code": code_now(secret)})
    assert response.headers["Location"] == "/en/trainer/"
    cookie = response.headers["Set-Cookie"]
    assert ("Expires=" in cookie) == keep


def test_code_attempts_are_throttled_and_a_password_does_not_reset_them(
        app, client, trainer_with_factor):
    app.config["RATELIMIT_ENABLED"] = True
    trainer, secret, _ = trainer_with_factor
    valid = {pyotp.TOTP(secret).at(time.time() + s) for s in (-30, 0, 30, 60)}
    wrong = [f"{n:06d}" for n in range(100, 200) if f"{n:06d}" not in valid]
    statuses = []
    for attempt in range(12):
        log_in(client, trainer.login_code, PASSWORD)  # a right password each time
        statuses.append(client.post("/en/login/code", data={"code": wrong[attempt]})
                        .status_code)
    assert statuses[:10] == [200] * 10 and statuses[10:] == [429, 429]
    log_in(client, trainer.login_code, PASSWORD)
    assert client.post("/en/login/code", data={"code": code_now(secret)}).status_code == 429


def test_a_trainee_is_never_asked(client, trainee, admin):
    settings.change_settings({"second_factor.trainers": True, "second_factor.admins": True},
                             actor=admin)
    response = log_in(client, trainee.login_code, PIN)
    assert response.headers["Location"] == "/en/"
    assert client.get("/en/my-learning").status_code == 200
    assert client.get("/en/account/second-factor").status_code == 403


def test_required_but_not_set_up_forces_the_set_up(client, trainer, admin):
    settings.change_settings({"second_factor.trainers": True}, actor=admin)
    log_in(client, trainer.login_code, PASSWORD)
    for path in ("/en/trainer/", "/en/account/password", "/en/account/second-factor"):
        response = client.get(path)
        assert response.status_code == 302
        assert response.headers["Location"] == "/en/account/second-factor/setup"
    page = client.get("/en/account/second-factor/setup").get_data(as_text=True)
    assert "The admins require a second factor for your role." in page
    secret = secret_on_page(page)
    client.post("/en/account/second-factor/setup", data={"code": code_now(secret)})
    assert client.get("/en/trainer/").status_code == 200
    assert client.post("/en/logout").status_code == 302  # logging out was always allowed


def test_an_open_session_meets_a_new_requirement(trainer_client, admin):
    assert trainer_client.get("/en/trainer/").status_code == 200
    settings.change_settings({"second_factor.trainers": True}, actor=admin)
    assert trainer_client.get("/en/trainer/").status_code == 302


def test_turning_off_with_password_and_code(trainer_client, trainer, with_factor):
    secret, _ = with_factor(trainer)
    assert trainer_client.get("/en/account/second-factor/off").status_code == 200
    wrong = trainer_client.post("/en/account/second-factor/off",
                                data={"password": "not it at all", "code": code_now(secret)})
    assert "The password or the code is not right." in wrong.get_data(as_text=True)
    done = trainer_client.post("/en/account/second-factor/off",
                               data={"password": PASSWORD, "code": code_now(secret)})
    assert done.status_code == 302
    db.session.refresh(trainer)
    assert not trainer.has_second_factor


def test_turning_off_is_refused_when_required(trainer_client, trainer, admin, with_factor):
    secret, _ = with_factor(trainer)
    settings.change_settings({"second_factor.trainers": True}, actor=admin)
    page = trainer_client.get("/en/account/second-factor/off").get_data(as_text=True)
    assert "it cannot be turned off" in page and 'name="password"' not in page
    response = trainer_client.post("/en/account/second-factor/off",
                                   data={"password": PASSWORD, "code": code_now(secret)})
    assert response.status_code == 403
    db.session.refresh(trainer)
    assert trainer.has_second_factor


def test_new_recovery_codes_need_the_apps_code(trainer_client, trainer, with_factor):
    secret, old = with_factor(trainer)
    assert trainer_client.post("/en/account/second-factor/recovery-codes",
                               data={"code": "12"}).status_code == 200
    response = trainer_client.post("/en/account/second-factor/recovery-codes",
                                   data={"code": code_now(secret)})
    new = re.findall(r"<li>([a-z0-9]{5}-[a-z0-9]{5})</li>", response.get_data(as_text=True))
    assert len(new) == 10 and not set(new) & set(old)


def test_pages_without_a_factor_go_back_to_the_status(trainer_client):
    for path in ("/en/account/second-factor/off", "/en/account/second-factor/recovery-codes"):
        response = trainer_client.get(path)
        assert response.headers["Location"] == "/en/account/second-factor"


def test_an_admin_requires_it_for_admins_only_with_their_own(admin_client, admin,
                                                             with_factor):
    page = admin_client.get("/en/admin/security").get_data(as_text=True)
    assert "only after you have set up your own second factor" in page
    refused = admin_client.post("/en/admin/security", data={"admins": "y"})
    assert "Set up your own second factor first." in refused.get_data(as_text=True)
    assert settings.get_settings()["second_factor.admins"] is False
    with_factor(admin)
    assert admin_client.post("/en/admin/security", data={"admins": "y"}).status_code == 302
    saved = settings.get_settings()
    assert (saved["second_factor.admins"], saved["second_factor.trainers"]) == (True, False)
    assert db.session.scalar(select(AuditEvent.action).where(
        AuditEvent.action == "settings.changed")) == "settings.changed"


def test_the_admin_lists_staff_and_resets_a_lost_phone(app, admin_client, admin, trainer,
                                                       with_factor):
    with_factor(trainer)
    trainer_client = app.test_client()
    log_in(trainer_client, trainer.login_code, PASSWORD)
    page = admin_client.get("/en/admin/security").get_data(as_text=True)
    url = f"/en/admin/security/staff/{trainer.id}/reset"
    assert trainer.display_name in page and url in page
    wrong = admin_client.post(url, data={"login": "admin1"})
    assert "This is not their login." in wrong.get_data(as_text=True)
    done = admin_client.post(url, data={"login": trainer.login_code})
    assert done.status_code == 302
    db.session.refresh(trainer)
    assert not trainer.has_second_factor
    response = log_in(trainer_client, trainer.login_code, PASSWORD)
    assert response.headers["Location"] == "/en/"  # the password alone again
    assert admin_client.get(url).status_code == 302  # nothing left to reset


@pytest.mark.parametrize("who", ["self", "trainee", "nobody"])
def test_reset_is_404_for_oneself_a_trainee_or_nobody(admin_client, admin, trainee, who):
    user_id = {"self": admin.id, "trainee": trainee.id, "nobody": 999_999}[who]
    assert admin_client.get(f"/en/admin/security/staff/{user_id}/reset").status_code == 404
    assert admin_client.post(f"/en/admin/security/staff/{user_id}/reset",
                             data={"login": "x"}).status_code == 404


def test_the_admin_pages_are_refused_to_trainers(trainer_client, admin):
    assert trainer_client.get("/en/admin/security").status_code == 403
    assert trainer_client.post(f"/en/admin/security/staff/{admin.id}/reset",
                               data={"login": admin.login_code}).status_code == 403
    assert db.session.get(type(admin), admin.id).role == Role.admin
