"""The second factor's rules at fixed times: the code window, replays, recovery codes."""

import pyotp
import pytest

from orientation.models import Role
from orientation.second_factor import rules

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
NOW = 1_800_000_015  # inside step 60_000_000
STEP = NOW // 30


def code_at(seconds):
    return pyotp.TOTP(SECRET).at(seconds)


def test_the_current_code_matches_its_step():
    assert rules.matching_step(SECRET, code_at(NOW), NOW) == STEP


@pytest.mark.parametrize("skew, step", [(-30, STEP - 1), (30, STEP + 1)])
def test_a_phone_one_step_fast_or_slow_is_accepted(skew, step):
    assert rules.matching_step(SECRET, code_at(NOW + skew), NOW) == step


@pytest.mark.parametrize("skew", [-60, 60, -3600])
def test_a_code_two_steps_away_is_refused(skew):
    assert rules.matching_step(SECRET, code_at(NOW + skew), NOW) is None


def test_a_code_is_never_accepted_twice_nor_an_older_one():
    assert rules.matching_step(SECRET, code_at(NOW), NOW, last_step=STEP) is None
    assert rules.matching_step(SECRET, code_at(NOW - 30), NOW, last_step=STEP) is None
    assert rules.matching_step(SECRET, code_at(NOW + 30), NOW, last_step=STEP) == STEP + 1


@pytest.mark.parametrize("typed", ["", "12345", "1234567", "abcdef", None])
def test_what_is_not_six_digits_is_refused(typed):
    assert rules.matching_step(SECRET, typed, NOW) is None


def test_a_wrong_code_is_refused():
    valid = {code_at(NOW + skew) for skew in (-30, 0, 30)}
    wrong = next(c for c in ("000000", "111111", "222222", "333333") if c not in valid)
    assert rules.matching_step(SECRET, wrong, NOW) is None


def test_spaces_and_khmer_digits_are_read():
    code = code_at(NOW)
    khmer = "".join("០១២៣៤៥៦៧៨៩"[int(d)] for d in code)
    assert rules.matching_step(SECRET, f"{code[:3]} {code[3:]}", NOW) == STEP
    assert rules.matching_step(SECRET, khmer, NOW) == STEP


def test_the_secret_is_shown_in_groups_of_four_and_the_qr_names_the_account():
    assert rules.grouped("ABCDEFGHIJ") == "ABCD EFGH IJ"
    secret = rules.new_secret()
    assert len(secret) == 32 and pyotp.TOTP(secret).now().isdigit()
    uri = rules.provisioning_uri(secret, "trainer1")
    assert uri.startswith("otpauth://totp/Orientation:trainer1?") and f"secret={secret}" in uri


def test_recovery_codes_are_distinct_and_read_back_however_typed():
    codes = rules.new_recovery_codes()
    assert len(codes) == 10 == len(set(codes))
    code = codes[0]
    assert rules.clean_recovery_code(code) == code
    assert rules.clean_recovery_code(f"  {code.upper().replace('-', ' ')} ") == code
    assert rules.clean_recovery_code(code[:-1]) is None
    assert rules.clean_recovery_code("0" * 10) is None  # not in the alphabet


def test_what_the_settings_require_by_role():
    settings = {"second_factor.admins": True, "second_factor.trainers": False}
    assert rules.is_required(Role.admin, settings)
    assert not rules.is_required(Role.trainer, settings)
    assert not rules.is_required(Role.trainee, {**settings, "second_factor.trainers": True})
