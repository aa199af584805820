"""Admins manage staff accounts in the browser: create, disable, enable, new password."""

import pytest
from sqlalchemy import func, select

from orientation.accounts import services as accounts
from orientation.admin import staff
from orientation.extensions import db
from orientation.models import AuditEvent, Role, User
from tests.conftest import PASSWORD, log_in

NEW = {"display_name": "ສົມພອນ ແກ້ວ", "login_code": "somphone", "role": "trainer",
       "password": "a long first password"}


def staff_count():
    return db.session.scalar(select(func.count()).select_from(User)
                             .where(User.role != Role.trainee))


def test_the_list_shows_every_staff_member(admin_client, trainer, admin, make_trainee):
    make_trainee(name="Not staff")
    page = admin_client.get("/en/admin/staff").get_data(as_text=True)
    assert trainer.display_name in page and trainer.login_code in page
    assert trainer.centre.name in page and "Never" in page
    assert "Not staff" not in page


def test_admin_creates_a_trainer_who_can_log_in(admin_client, admin, centre, app):
    response = admin_client.post("/en/admin/staff/new", data={**NEW, "centre": centre.id})
    assert response.status_code == 303
    user = db.session.scalar(select(User).where(User.login_code == "somphone"))
    assert (user.role, user.centre_id, user.display_name) == (Role.trainer, centre.id,
                                                              NEW["display_name"])
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.created",
                                                       AuditEvent.subject_id == user.id))
    assert event.actor_id == admin.id
    assert NEW["password"] not in str(event.details)
    assert log_in(app.test_client(), "somphone", NEW["password"]).status_code == 302


def test_admin_creates_an_admin_without_centre(admin_client):
    data = {**NEW, "role": "admin", "centre": ""}
    assert admin_client.post("/en/admin/staff/new", data=data).status_code == 303
    user = db.session.scalar(select(User).where(User.login_code == "somphone"))
    assert (user.role, user.centre_id) == (Role.admin, None)


def test_a_double_submit_creates_one_account(admin_client, centre):
    data = {**NEW, "centre": centre.id}
    assert admin_client.post("/en/admin/staff/new", data=data).status_code == 303
    second = admin_client.post("/en/admin/staff/new", data=data)
    assert second.status_code == 200
    assert "Another account has this login" in second.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).where(User.login_code == "somphone")) == 1


@pytest.mark.parametrize("field, value, message", [
    ("display_name", "", "Please enter a name."),
    ("display_name", "n" * 121, "At most 120 characters."),
    ("login_code", "", "A login has 3 to 32 letters"),
    ("login_code", "a b!", "A login has 3 to 32 letters"),
    ("login_code", "l" * 65, "At most 64 characters."),
    ("password", "short", "Use a password of 8 characters or more."),
    ("password", "123456", "Use a password of 8 characters or more."),
    ("centre", "", "A trainer needs a centre."),
])
def test_bad_input_is_refused_with_a_message(admin_client, centre, field, value, message):
    before = staff_count()
    data = {**NEW, "centre": centre.id, field: value}
    response = admin_client.post("/en/admin/staff/new", data=data)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert staff_count() == before


def test_a_taken_login_is_refused(admin_client, centre, trainer):
    data = {**NEW, "centre": centre.id, "login_code": trainer.login_code.upper()}
    response = admin_client.post("/en/admin/staff/new", data=data)
    assert "Another account has this login" in response.get_data(as_text=True)


@pytest.mark.parametrize("field, value", [("centre", "999"), ("centre", "x"),
                                          ("role", "trainee"), ("role", "")])
def test_a_tampered_role_or_centre_is_a_bad_request(admin_client, centre, field, value):
    before = staff_count()
    data = {**NEW, "centre": centre.id, field: value}
    assert admin_client.post("/en/admin/staff/new", data=data).status_code == 400
    assert staff_count() == before


def test_a_disabled_trainer_cannot_log_in_and_their_session_ends(
        admin_client, trainer_client, trainer, app):
    assert trainer_client.get("/en/trainer/").status_code == 200
    response = admin_client.post(f"/en/admin/staff/{trainer.id}/disable")
    assert response.status_code == 303
    assert trainer_client.get("/en/trainer/").status_code == 302  # to the login page
    assert log_in(app.test_client(), trainer.login_code, PASSWORD).status_code == 200
    assert db.session.scalar(select(AuditEvent.action).order_by(AuditEvent.id.desc())) == \
        "user.disabled"
    page = admin_client.get("/en/admin/staff").get_data(as_text=True)
    assert "Disabled: cannot log in" in page
    assert admin_client.post(f"/en/admin/staff/{trainer.id}/enable").status_code == 303
    assert log_in(app.test_client(), trainer.login_code, PASSWORD).status_code == 302


def test_an_admin_cannot_disable_themself(admin_client, admin):
    response = admin_client.post(f"/en/admin/staff/{admin.id}/disable", follow_redirects=True)
    assert "You cannot do this to your own account here." in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, admin.id).active


def test_the_last_active_admin_cannot_be_disabled(app, admin, make_user):
    other = make_user(Role.admin, name="Second admin")
    staff.set_staff_active(other, False, actor=admin)
    with pytest.raises(staff.Refused):
        staff.set_staff_active(admin, False, actor=other)  # other is disabled: admin is last
    staff.set_staff_active(other, True, actor=admin)
    staff.set_staff_active(admin, False, actor=other)
    assert not admin.active


def test_reset_password_is_shown_once_and_ends_sessions(admin_client, trainer_client, trainer,
                                                        app):
    response = admin_client.post(f"/en/admin/staff/{trainer.id}/password")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    page = response.get_data(as_text=True)
    start = page.index('id="new-password">') + len('id="new-password">')
    password = page[start:page.index("<", start)]
    assert len(password) == 14 and "in person" in page and "Change my password" in page
    assert trainer_client.get("/en/trainer/").status_code == 302
    assert log_in(app.test_client(), trainer.login_code, PASSWORD).status_code == 200
    assert log_in(app.test_client(), trainer.login_code, password).status_code == 302
    event = db.session.scalar(select(AuditEvent).where(
        AuditEvent.action == "user.password_reset"))
    assert event.subject_id == trainer.id and password not in str(event.details)
    assert password not in db.session.get(User, trainer.id).password_hash
    assert password not in admin_client.get("/en/admin/staff").get_data(as_text=True)
    assert password not in admin_client.get("/en/admin/").get_data(as_text=True)


def test_an_admin_resets_their_own_password_on_the_password_page(admin_client, admin):
    response = admin_client.post(f"/en/admin/staff/{admin.id}/password", follow_redirects=True)
    assert "You cannot do this to your own account here." in response.get_data(as_text=True)
    assert not db.session.scalar(select(AuditEvent).where(
        AuditEvent.action == "user.password_reset"))


@pytest.mark.parametrize("action", ["disable", "enable", "password"])
def test_unknown_or_trainee_ids_are_404(admin_client, trainee, action):
    assert admin_client.post(f"/en/admin/staff/999/{action}").status_code == 404
    assert admin_client.post(f"/en/admin/staff/{trainee.id}/{action}").status_code == 404
    assert admin_client.get(f"/en/admin/staff/{trainee.id}/{action}").status_code == 405


def test_new_passwords_pass_the_staff_rule_and_differ():
    from orientation.accounts import rules
    passwords = {staff.new_password() for _ in range(50)}
    assert len(passwords) == 50
    for password in passwords:
        assert rules.check_secret(password, False) == password


def test_create_staff_rule(app, centre, admin):
    with pytest.raises(accounts.TrainerWithoutCentre):
        staff.create_staff(Role.trainer, "T", "tnocentre", PASSWORD, actor=admin)
    with pytest.raises(ValueError):
        staff.create_staff(Role.trainee, "T", "trainee1", PASSWORD, actor=admin)
    staff.create_staff(Role.admin, "A", "second_admin", PASSWORD, actor=admin)
    with pytest.raises(staff.LoginTaken):
        staff.create_staff(Role.admin, "A", "second_admin", PASSWORD, actor=admin)


def test_admin_moves_a_trainer_to_another_centre_and_renames_them(
        admin_client, trainer_client, trainer, make_centre, admin):
    other = make_centre()
    page = admin_client.get(f"/en/admin/staff/{trainer.id}").get_data(as_text=True)
    assert trainer.display_name in page and other.name in page
    data = {"display_name": "ຄູ ໃໝ່", "role": "trainer", "centre": other.id}
    assert admin_client.post(f"/en/admin/staff/{trainer.id}", data=data).status_code == 303
    db.session.expire_all()
    user = db.session.get(User, trainer.id)
    assert (user.display_name, user.centre_id) == ("ຄູ ໃໝ່", other.id)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.updated"))
    assert event.actor_id == admin.id
    assert event.details["changed"]["display_name"] == ["Trainer One", "ຄູ ໃໝ່"]
    assert event.details["changed"]["centre_id"][1] == other.id
    assert trainer_client.get("/en/trainer/").status_code == 302  # what they see changed


def test_a_new_name_alone_keeps_their_session(admin_client, trainer_client, trainer):
    data = {"display_name": "Renamed", "role": "trainer", "centre": trainer.centre_id}
    assert admin_client.post(f"/en/admin/staff/{trainer.id}", data=data).status_code == 303
    assert trainer_client.get("/en/trainer/").status_code == 200


def test_an_admin_cannot_change_their_own_role(admin_client, admin, centre):
    data = {"display_name": admin.display_name, "role": "trainer", "centre": centre.id}
    response = admin_client.post(f"/en/admin/staff/{admin.id}", data=data,
                                 follow_redirects=True)
    assert "You cannot do this to your own account here." in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, admin.id).role == Role.admin


@pytest.mark.parametrize("data, status, message", [
    ({"display_name": "", "role": "trainer", "centre": ""}, 200, "Please enter a name."),
    ({"display_name": "X", "role": "trainer", "centre": ""}, 200, "A trainer needs a centre."),
    ({"display_name": "X", "role": "trainee", "centre": ""}, 400, ""),
    ({"display_name": "X", "role": "trainer", "centre": "12345"}, 400, ""),
])
def test_edit_refuses_bad_input(admin_client, trainer, data, status, message):
    response = admin_client.post(f"/en/admin/staff/{trainer.id}", data=data)
    assert response.status_code == status
    assert message in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, trainer.id).display_name == "Trainer One"


def test_edit_unknown_or_trainee_is_404(admin_client, trainee):
    assert admin_client.get("/en/admin/staff/999").status_code == 404
    assert admin_client.get(f"/en/admin/staff/{trainee.id}").status_code == 404


def test_the_last_admin_keeps_the_admin_role(app, admin, make_user, centre):
    other = make_user(Role.admin, name="Second admin")
    staff.set_staff_active(other, False, actor=admin)
    with pytest.raises(staff.Refused):
        staff.update_staff(admin, display_name=admin.display_name, role=Role.trainer,
                           centre=centre, actor=other)
    staff.update_staff(other, display_name="Second", role=Role.trainer, centre=centre,
                       actor=admin)
    assert (other.role, other.display_name) == (Role.trainer, "Second")
