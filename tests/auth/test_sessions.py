"""Sessions end: a cookie copied before logout, a new PIN, a role change or disabling no
longer opens anything afterwards."""

from sqlalchemy import select

from orientation.accounts import services as accounts
from orientation.extensions import db
from orientation.models import AuditEvent, Role
from orientation.trainer import imports
from tests.conftest import PASSWORD, PIN, log_in


def copy_of(app, client):
    """Another browser holding a copy of `client`'s session cookie (e.g. stolen, or saved
    on a shared computer)."""
    other = app.test_client()
    other.set_cookie("session", client.get_cookie("session").value)
    return other


def logged_in(client):
    return client.get("/en/welcome").status_code == 200


def test_logout_ends_every_copy_of_the_session(app, trainee_client):
    copy = copy_of(app, trainee_client)
    assert logged_in(copy)
    trainee_client.post("/en/logout")
    assert not logged_in(copy)
    assert not logged_in(trainee_client)


def test_a_new_pin_ends_older_sessions(app, trainee, trainee_client, trainer):
    copy = copy_of(app, trainee_client)
    imports.reset_pin(trainee, trainer)  # a reprinted login card
    assert not logged_in(copy) and not logged_in(trainee_client)


def test_a_reprinted_card_ends_the_trainees_sessions(app, trainee, trainee_client,
                                                     trainer_client):
    response = trainer_client.post(f"/en/trainer/trainees/{trainee.id}/card")
    assert response.status_code == 200
    assert not logged_in(trainee_client)


def test_a_role_change_ends_sessions(app, trainer, trainer_client):
    assert trainer_client.get("/en/trainer/").status_code == 200
    accounts.change_role(trainer, Role.admin)
    assert trainer_client.get("/en/trainer/").status_code == 302  # to the login page


def test_disabling_ends_sessions_and_enabling_does_not_bring_them_back(app, trainee,
                                                                      trainee_client):
    copy = copy_of(app, trainee_client)
    accounts.set_active(trainee, False)
    assert not logged_in(copy)
    accounts.set_active(trainee, True)
    assert not logged_in(copy) and not logged_in(trainee_client)
    assert log_in(trainee_client, trainee.login_code, PIN).status_code == 302  # logs in again


def test_a_new_login_is_not_ended_by_the_old_logout(app, trainee, make_user):
    first = app.test_client()
    log_in(first, trainee.login_code, PIN)
    first.post("/en/logout")
    second = app.test_client()
    assert log_in(second, trainee.login_code, PIN).status_code == 302
    assert logged_in(second)


def test_a_cookie_from_before_session_versions_is_refused(app, admin, client):
    with client.session_transaction() as session:
        session["_user_id"] = str(admin.id)  # the old form: no version
        session["_fresh"] = True
    assert client.get("/en/admin/").status_code == 302


def test_disabling_is_audited(app, make_user, admin, centre):
    user = make_user(Role.trainer, secret=PASSWORD, centre=centre)
    version = user.session_version
    accounts.set_active(user, False, actor=admin)
    assert user.session_version == version + 1
    event = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert (event.action, event.subject_id, event.actor_id) == ("user.disabled", user.id,
                                                                admin.id)


def test_the_command_line_disables_and_enables(app, runner, trainee, trainee_client):
    result = runner.invoke(args=["users", "disable", trainee.login_code])
    assert result.exit_code == 0, result.output
    assert not logged_in(trainee_client)
    assert log_in(trainee_client, trainee.login_code, PIN).status_code == 200  # refused
    assert runner.invoke(args=["users", "disable", "--enable", trainee.login_code]).exit_code == 0
    assert log_in(trainee_client, trainee.login_code, PIN).status_code == 302
    assert runner.invoke(args=["users", "disable", "nobody"]).exit_code != 0
