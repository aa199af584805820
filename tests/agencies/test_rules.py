"""The agency rules without a request: what may be typed, expiry warnings at fixed dates, the
median fee per currency, which payments are flagged, how typed names are grouped."""

from datetime import date

import pytest

from orientation.agencies import rules

TODAY = date(2027, 3, 1)


@pytest.mark.parametrize(("expires", "state"), [
    (None, "unknown"),
    (date(2027, 2, 28), "expired"),  # yesterday
    (date(2027, 3, 1), "expiring"),  # valid through today
    (date(2027, 4, 30), "expiring"),  # 60 days
    (date(2027, 5, 1), "valid"),  # 61 days
])
def test_expiry_state_at_fixed_dates(expires, state):
    assert rules.expiry_state(expires, TODAY) == state


def test_median_per_currency_of_each_trainees_total():
    trainee_totals = [rules.total_per_currency([(100, "USD"), (50, "USD"), (400_000, "KHR")]),
                      rules.total_per_currency([(300, "USD")]),
                      rules.total_per_currency([(200, "USD"), (1_000_000, "KHR")]),
                      rules.total_per_currency([(10_000_000, "VND")])]
    assert trainee_totals[0] == {"USD": 150, "KHR": 400_000}
    # USD: 150, 300, 200 -> 200; KHR: 400 000 and 1 000 000 -> their mean; VND: one trainee.
    assert rules.median_per_currency(trainee_totals) == {
        "KHR": 700_000, "USD": 200, "VND": 10_000_000}
    assert rules.median_per_currency([]) == {}


def test_employer_costs_are_flagged_but_vietnams_capped_service_fee():
    assert rules.is_flagged_payment("medical", "KH")
    assert rules.is_flagged_payment("service_fee", "LA")
    assert not rules.is_flagged_payment("service_fee", "VN")  # Law 69/2020: within a cap
    assert not rules.is_flagged_payment("other", "KH")


def test_typed_names_group_whatever_their_case_and_spaces():
    assert rules.group_key(None, "  Golden  Star ") == rules.group_key(None, "golden star")
    assert rules.group_key(7, "Golden Star") == ("listed", 7)
    assert rules.group_key(7, None) != rules.group_key(None, "7")


@pytest.mark.parametrize(("text", "clean"), [
    (" th  my ", ["TH", "MY"]), ("KR,TH", ["TH", "KR"]), ("HK;HK", ["HK"]),
    (["MY", "TH"], ["TH", "MY"]),
])
def test_destinations(text, clean):
    assert rules.clean_destinations(text) == clean


@pytest.mark.parametrize("text", ["TH JP", "", "  ", ["XX"], [], None])  # None: no field sent
def test_unknown_or_no_destination_is_refused(text):
    with pytest.raises(ValueError):
        rules.clean_destinations(text)


def test_licence_numbers_are_compared_as_printed():
    assert rules.clean_licence_number(" 123/ molvt ") == "123/ MOLVT"
    assert rules.clean_licence_number("១២៣ ab") == "123 AB"  # Khmer digits
    assert rules.clean_licence_number("Số 45/LĐTBXH-GP") == "SỐ 45/LĐTBXH-GP"
    for bad in ("", "   ", "x" * 65, "12\u200b3"):
        with pytest.raises(ValueError):
            rules.clean_licence_number(bad)


@pytest.mark.parametrize("text", ["2027-02-30", "31/03/2027", "2027-3-1", "20270301",
                                  "tomorrow"])
def test_bad_dates_are_refused(text):
    with pytest.raises(ValueError):
        rules.clean_expiry(text)


def test_dates_and_empty_dates():
    assert rules.clean_expiry(" 2027-03-31 ") == date(2027, 3, 31)
    assert rules.clean_expiry("") is None
    # A form posted without the field keeps the agency's saved date (it was a 500).
    assert rules.clean_expiry(date(2027, 3, 31)) == date(2027, 3, 31)


def test_names_any_script_and_length():
    assert rules.clean_agency_name("  ក្រុមហ៊ុន   ជ័យ ") == "ក្រុមហ៊ុន ជ័យ"
    for bad in ("", "   ", "x" * 201, "123"):
        with pytest.raises(ValueError):
            rules.clean_agency_name(bad)
    assert rules.clean_agency_name("x" * 200) == "x" * 200


def test_address_keeps_lines_and_has_a_limit():
    assert rules.clean_address(" No. 1 \r\n\r\n Street  2 ") == "No. 1\nStreet 2"
    with pytest.raises(ValueError):
        rules.clean_address("x" * 501)


@pytest.mark.parametrize(("text", "amount"), [
    ("12.000.000", 12_000_000), ("12,000,000", 12_000_000), ("12 000", 12_000),
    (" 1500 ", 1500), ("", None), ("១២០០", 1200)])
def test_fee_cap_amounts(text, amount):
    assert rules.clean_fee_cap(text) == amount


@pytest.mark.parametrize("text", ["12.5", "1,2", "0", "-5", "abc", "99999999999", "1.000,5"])
def test_bad_fee_caps_are_refused(text):
    with pytest.raises(ValueError):
        rules.clean_fee_cap(text)
