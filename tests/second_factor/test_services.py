"""The second factor's writes: enrolment, a code or a recovery code used once, turning off,
new codes, an admin's reset; every one audited without the secret or a code."""

import time

import pyotp
import pytest
from sqlalchemy import select

from orientation import settings
from orientation.extensions import db
from orientation.models import AuditEvent, RecoveryCode, Role
from orientation.second_factor import services
from tests.conftest import PASSWORD


def actions():
    return [e.action for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]


def test_enrolment_needs_the_apps_code_and_gives_ten_codes_once(trainer):
    secret = services.get_setup_secret(trainer)
    assert services.get_setup_secret(trainer) == secret  # a reload keeps the QR code
    now = time.time()
    assert services.confirm_setup(trainer, "000000" if pyotp.TOTP(secret).at(now) != "000000"
                                  else "111111", now=now) is None
    assert not trainer.has_second_factor
    codes = services.confirm_setup(trainer, pyotp.TOTP(secret).at(now), now=now)
    assert len(codes) == 10 and trainer.has_second_factor
    assert services.get_setup_secret(trainer) is None
    assert services.get_codes_left(trainer) == 10
    stored = db.session.scalars(select(RecoveryCode.code_hash)).all()
    assert not set(codes) & set(stored)  # only hashes are kept
    assert "user.second_factor_on" in actions()


def test_the_enrolment_code_cannot_log_in_again(trainer):
    secret = services.get_setup_secret(trainer)
    now = time.time()
    code = pyotp.TOTP(secret).at(now)
    services.confirm_setup(trainer, code, now=now)
    assert services.use_code(trainer, code, now=now) is None
    assert services.use_code(trainer, pyotp.TOTP(secret).at(now + 30), now=now) == "totp"


def test_each_recovery_code_works_once(trainer, with_factor):
    _, codes = with_factor(trainer)
    assert services.use_code(trainer, codes[3].upper()) == "recovery"
    assert services.use_code(trainer, codes[3]) is None
    assert services.get_codes_left(trainer) == 9
    assert "user.recovery_code_used" in actions()


def test_new_recovery_codes_end_the_old_ones(trainer, with_factor):
    secret, old = with_factor(trainer)
    new = services.renew_recovery_codes(trainer, pyotp.TOTP(secret).now())
    assert len(new) == 10 and not set(new) & set(old)
    assert services.use_code(trainer, old[0]) is None
    assert services.use_code(trainer, new[0]) == "recovery"
    assert "user.recovery_codes_new" in actions()


def test_turning_off_needs_the_password_and_a_code(trainer, with_factor):
    secret, codes = with_factor(trainer)
    assert not services.turn_off(trainer, "wrong password", pyotp.TOTP(secret).now())
    assert not services.turn_off(trainer, PASSWORD, "000000x")
    assert trainer.has_second_factor
    assert services.turn_off(trainer, PASSWORD, codes[0])
    assert not trainer.has_second_factor and trainer.totp_secret is None
    assert services.get_codes_left(trainer) == 0
    assert "user.second_factor_off" in actions()


def test_turning_off_is_refused_when_required(trainer, admin, with_factor):
    secret, _ = with_factor(trainer)
    settings.change_settings({"second_factor.trainers": True}, actor=admin)
    with pytest.raises(services.Required):
        services.turn_off(trainer, PASSWORD, pyotp.TOTP(secret).now())
    assert trainer.has_second_factor


def test_a_reset_needs_the_typed_login_and_ends_sessions(trainer, admin, with_factor):
    with_factor(trainer)
    version = trainer.session_version
    assert not services.reset(trainer, "someone-else", actor=admin)
    assert trainer.has_second_factor
    assert services.reset(trainer, f" {trainer.login_code.upper()} ", actor=admin)
    assert not trainer.has_second_factor and trainer.session_version == version + 1
    event = db.session.scalars(select(AuditEvent).where(
        AuditEvent.action == "user.second_factor_reset")).one()
    assert event.actor_id == admin.id and event.subject_id == trainer.id


def test_settings_are_audited_with_before_and_after(admin):
    assert settings.get_settings()["second_factor.trainers"] is False
    assert settings.change_settings({"second_factor.trainers": True,
                                     "second_factor.admins": False}, actor=admin) == [
        "second_factor.trainers"]
    assert settings.change_settings({"second_factor.trainers": True}, actor=admin) == []
    event = db.session.scalars(select(AuditEvent).where(
        AuditEvent.action == "settings.changed")).one()
    assert event.details == {"before": {"second_factor.trainers": False},
                             "after": {"second_factor.trainers": True}}
    with pytest.raises(KeyError):
        settings.change_settings({"no.such.setting": 1}, actor=admin)


def test_the_audit_log_never_holds_the_secret_or_a_code(trainer, admin, with_factor):
    secret, codes = with_factor(trainer)
    services.use_code(trainer, codes[0])
    services.renew_recovery_codes(trainer, pyotp.TOTP(secret).now())
    services.reset(trainer, trainer.login_code, actor=admin)
    text = repr([(e.action, e.details) for e in db.session.scalars(select(AuditEvent))])
    assert secret not in text and not any(code in text for code in codes)


def test_a_trainee_is_never_required(trainee, admin):
    settings.change_settings({"second_factor.trainers": True, "second_factor.admins": True},
                             actor=admin)
    assert not services.is_required_for(trainee)
    assert trainee.role == Role.trainee


def test_an_admin_requires_it_for_admins_only_with_their_own(admin, with_factor):
    with pytest.raises(services.OwnFactorFirst):
        services.set_requirements(admin, admins=True, trainers=True)
    assert settings.get_settings()["second_factor.trainers"] is False  # nothing saved
    assert services.set_requirements(admin, admins=False, trainers=True) == [
        "second_factor.trainers"]
    with_factor(admin)
    assert services.set_requirements(admin, admins=True, trainers=True) == [
        "second_factor.admins"]


def test_the_command_line_resets_a_lost_second_factor(runner, admin, with_factor):
    with_factor(admin)
    result = runner.invoke(args=["users", "reset-second-factor", admin.login_code])
    assert result.exit_code == 0, result.output
    db.session.refresh(admin)
    assert not admin.has_second_factor
    event = db.session.scalars(select(AuditEvent).where(
        AuditEvent.action == "user.second_factor_reset")).one()
    assert event.actor_id is None
    again = runner.invoke(args=["users", "reset-second-factor", admin.login_code])
    assert again.exit_code != 0 and "no account with a second factor" in again.output
