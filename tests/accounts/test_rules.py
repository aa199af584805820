"""The rules for what people type, called directly."""

import unicodedata

import pytest

from orientation.accounts import rules


@pytest.mark.parametrize(("typed", "stored"), [
    ("  សុខ   ចាន់ថា ", "សុខ ចាន់ថា"),
    ("ສົມສັກ ພົມມະວົງ", "ສົມສັກ ພົມມະວົງ"),
    ("Nguye\u0302\u0303n Thi\u0323 Hoa", "Nguyễn Thị Hoa"),  # decomposed input, NFC out
    ("李明", "李明"),
])
def test_names_in_any_script_are_kept_in_nfc(app, typed, stored):
    cleaned = rules.clean_name(typed)
    assert cleaned == stored
    assert unicodedata.is_normalized("NFC", cleaned)


@pytest.mark.parametrize("typed", ["", "   ", None, "x" * 121, "ក" * 10_000])
def test_empty_and_oversized_names_are_refused(app, typed):
    with pytest.raises(ValueError):
        rules.clean_name(typed)


@pytest.mark.parametrize(("typed", "stored"), [
    ("Sok  Chantha", "SOK CHANTHA"), ("", None), ("O'Neil-Smith", "O'NEIL-SMITH"),
])
def test_latin_names(app, typed, stored):
    assert rules.clean_latin_name(typed) == stored


@pytest.mark.parametrize("typed", ["សុខ", "Nguyễn", "李", "1SOK", "x" * 121])
def test_latin_names_refuse_other_scripts(app, typed):
    with pytest.raises(ValueError):
        rules.clean_latin_name(typed)


@pytest.mark.parametrize(("typed", "region", "stored"), [
    ("+855 12 345 678", None, "+85512345678"),
    ("012 345 678", "KH", "+85512345678"),
    ("០១២ ៣៤៥ ៦៧៨", "KH", "+85512345678"),  # Khmer digits from a Khmer keyboard
    ("020 5555 1234", "LA", "+8562055551234"),
    ("0912 345 678", "VN", "+84912345678"),
    ("", "KH", None),
])
def test_phones_become_e164(app, typed, region, stored):
    assert rules.clean_phone(typed, region) == stored


@pytest.mark.parametrize("typed", ["12", "not a phone", "+1", "9" * 40])
def test_bad_phones_are_refused(app, typed):
    with pytest.raises(ValueError):
        rules.clean_phone(typed, "KH")


def test_logins_are_normalised(app):
    assert rules.normalise_login(" 1234-5678 ") == "12345678"
    assert rules.normalise_login("໑໒໓໔ ໕໖໗໘") == "12345678"  # Lao digits
    assert rules.normalise_login("Trainer.One") == "trainerone"


def test_trainee_codes_are_eight_digits_and_vary(app):
    codes = {rules.new_trainee_code() for _ in range(200)}
    assert all(len(c) == 8 and c.isdigit() and c[0] != "0" for c in codes)
    assert len(codes) > 190
    assert rules.format_code("12345678") == "1234 5678"


@pytest.mark.parametrize(("secret", "may_use_pin", "ok"), [
    ("246813", True, True), ("២៤៦៨១៣", True, True), ("246813", False, False),
    ("12345", True, False), ("1234567", True, False), ("longenough", False, True),
    ("short", False, False), ("x" * 129, True, False), ("", True, False),
])
def test_pins_and_passwords(app, secret, may_use_pin, ok):
    if ok:
        assert rules.check_secret(secret, may_use_pin)
    else:
        with pytest.raises(ValueError):
            rules.check_secret(secret, may_use_pin)


def test_staff_logins(app):
    assert rules.clean_login_code("Trainer_1") == "trainer_1"
    with pytest.raises(ValueError):
        rules.clean_login_code("a!")


@pytest.mark.parametrize(("typed", "regions", "stored"), [
    ("020 5555 1234", ["LA", "KH"], "+8562055551234"),  # the centre's country first
    ("012 345 678", ["LA", "KH"], "+85512345678"),  # then the hint
    ("+84 912 345 678", ["KH"], "+84912345678"),  # international form anywhere
])
def test_phones_are_read_for_several_regions_in_order(app, typed, regions, stored):
    assert rules.clean_phone(typed, regions) == stored


def test_a_refused_phone_shows_an_example_of_the_first_region(app):
    with pytest.raises(ValueError) as refused, app.test_request_context("/en/"):
        rules.clean_phone("12", ["LA", "KH"])
    with app.test_request_context("/en/"):
        assert str(refused.value.args[0]).endswith("Example: +856 20 23 123 456")


@pytest.mark.parametrize("pin", [
    "000000", "111111", "999999", "123456", "654321", "012345", "543210", "890123", "123123",
    "121212", "111222", "112233", "១២៣៤៥៦",
])
def test_easy_pins_are_refused_with_a_message(app, pin):
    with app.test_request_context():
        with pytest.raises(ValueError) as refused:
            rules.check_secret(pin, True)
        assert "too easy" in str(refused.value.args[0])


@pytest.mark.parametrize("pin", ["246813", "507913", "135790", "840261"])
def test_other_pins_are_accepted(app, pin):
    assert rules.check_secret(pin, True) == pin


def test_easy_pin_as_a_password_of_staff_is_just_too_short(app):
    with app.test_request_context():
        with pytest.raises(ValueError) as refused:
            rules.check_secret("123456", False)
        assert "8 characters" in str(refused.value.args[0])


@pytest.mark.parametrize("typed", [
    "Sok\u200bChantha",  # zero-width space
    "\ufeffSok",  # byte order mark
    "Sok\x00",  # NUL: PostgreSQL refuses it
    "Sok\x1b[31m",  # ESC
    "Sok \u202eahtnahC",  # right-to-left override
    "\u3164", "\u2800", "\u115f\u1160", "\uffa0",  # blank "letters"
    "Sok\u3164Chantha",
    "Sok\u2028Chantha", "Sok\u2029",
    "\u200d", "\u200cសុខ", "សុខ\u200d", "Sok \u200d Chantha",  # joiners outside a word
    "123", "...", "😀",  # no letter
])
def test_invisible_characters_and_names_without_letters_are_refused(app, typed):
    with pytest.raises(ValueError):
        rules.clean_name(typed)


@pytest.mark.parametrize("typed", [
    "ស\u17d2\u200dរី",  # Khmer with a zero-width joiner inside the word
    "ສີ\u200cລາ",  # Lao with a zero-width non-joiner inside the word
    "Mary-Jane O'Neil", "李明 2",
])
def test_joiners_inside_words_are_kept(app, typed):
    assert rules.clean_name(typed) == typed


def test_cohort_names_use_the_same_rule(app):
    assert rules.clean_short_text("  Batch\t12  ", 120) == "Batch 12"
    assert rules.clean_short_text("   ", 120) == ""
    with pytest.raises(ValueError):
        rules.clean_short_text("Batch\u202e21", 120)
    with pytest.raises(ValueError):
        rules.clean_short_text("B" * 121, 120)
