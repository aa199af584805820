"""The readiness rule, without a request or a database: each item, each flag, ready."""

from datetime import date
from types import SimpleNamespace

import pytest

from orientation.departure import fee_rules
from orientation.departure.readiness import ITEMS, Facts, assess, legal_destinations
from orientation.models import Agency, Departure, Payment

TODAY = date(2027, 1, 10)
DEPARTS = date(2027, 3, 1)
CHANNELS = {
    "KH": {"TH": SimpleNamespace(status="legal"), "MY": SimpleNamespace(status="legal"),
           "HK": SimpleNamespace(status="not_legal")},
    "LA": {"TH": SimpleNamespace(status="legal"), "MY": SimpleNamespace(status="ask_centre")},
    "VN": {"MY": SimpleNamespace(status="legal")},
}
AGENCY = dict(id=7, country="KH", name="A", licence_number="1", destinations=["TH", "MY"],
              licence_expires_on=date(2030, 1, 1))


def complete(**changes):
    values = dict(destination="TH", sector="factory", agency_id=7, agency_name=None,
                  contract_reviewed_on=date(2027, 1, 5), contract_reviewed_by_id=1,
                  contract_language="km", contract_copy_kept=True, passport_kept=True,
                  insurance=True, contacts_saved=True)
    values.update(changes)
    return Departure(**values)


def payment(n=1, **changes):
    values = dict(id=n, paid_to="Agency", category="other", amount=10, currency="USD",
                  receipt=True)
    values.update(changes)
    return Payment(**values)


def run(departure=None, agency=None, payments=(), origin="KH", cap=None, cap_currency=None,
        departs_on=DEPARTS, today=TODAY):
    if departure is not None and departure.agency_id is not None and agency is None:
        agency = Agency(**AGENCY)
    return assess(Facts(departure, agency, list(payments), origin, cap, cap_currency,
                        departs_on, today), CHANNELS)


def codes(readiness):
    return [flag.code for flag in readiness.flags]


def test_a_complete_checklist_is_ready():
    result = run(complete())
    assert result.ready and not result.open_items and not result.flags


def test_nothing_saved_yet_is_every_item_open():
    result = run(None)
    assert [item.code for item in result.open_items] == list(ITEMS)
    assert not result.flags and not result.ready


@pytest.mark.parametrize("field, value, item", [
    ("destination", None, "destination"), ("sector", None, "sector"),
    ("agency_id", None, "agency"), ("contract_reviewed_on", None, "contract_reviewed"),
    ("contract_copy_kept", None, "contract_copy"), ("contract_copy_kept", False,
                                                    "contract_copy"),
    ("passport_kept", None, "passport"), ("insurance", None, "insurance"),
    ("insurance", False, "insurance"), ("contacts_saved", None, "contacts"),
    ("contacts_saved", False, "contacts")])
def test_each_open_item(field, value, item):
    result = run(complete(**{field: value}), agency=Agency(**AGENCY))
    assert [i.code for i in result.open_items] == [item]
    assert not result.ready


def test_passport_kept_by_someone_else_is_a_flag():
    result = run(complete(passport_kept=False))
    assert "passport_not_kept" in codes(result) and not result.ready


@pytest.mark.parametrize("origin, destination, flagged", [
    ("KH", "TH", False), ("KH", "HK", True), ("LA", "MY", True),  # "ask your centre" is not legal
    ("VN", "TH", True), (None, "TH", True)])
def test_destination_must_be_a_legal_channel_from_the_origin(origin, destination, flagged):
    result = run(complete(destination=destination), origin=origin)
    assert ("destination_not_legal" in codes(result)) == flagged


def test_legal_destinations_are_the_legal_channels_only():
    assert legal_destinations("LA", CHANNELS) == ("TH",)
    assert legal_destinations(None, CHANNELS) == ()


def test_an_agency_typed_in_is_not_on_the_list():
    result = run(complete(agency_id=None, agency_name="Quick Jobs Co"))
    assert codes(result) == ["agency_not_listed"]
    assert not [i for i in result.open_items if i.code == "agency"]


@pytest.mark.parametrize("expires, departs_on, flagged", [
    (date(2027, 2, 1), DEPARTS, True),  # valid today, expired by the departure
    (date(2027, 3, 1), DEPARTS, False),  # valid on the day of departure
    (date(2027, 1, 9), None, True),  # no cohort: today decides
    (date(2027, 2, 1), None, False),
    (None, DEPARTS, False)])  # no expiry on record: not called expired
def test_agency_licence_expired_before_departure(expires, departs_on, flagged):
    agency = Agency(**{**AGENCY, "licence_expires_on": expires})
    result = run(complete(), agency=agency, departs_on=departs_on)
    assert ("agency_expired" in codes(result)) == flagged


def test_agency_not_licensed_for_the_destination():
    agency = Agency(**{**AGENCY, "destinations": ["MY"]})
    assert codes(run(complete(), agency=agency)) == ["agency_not_for_destination"]


@pytest.mark.parametrize("category", [c.code for c in fee_rules.CATEGORIES
                                      if c.payer == fee_rules.EMPLOYER])
def test_an_employer_cost_paid_by_the_worker_is_flagged(category):
    result = run(complete(), payments=[payment(3, category=category)])
    assert [(f.code, f.payment_id) for f in result.flags] == [("employer_cost_paid", 3)]
    assert result.payment_flags(3) == ["employer_cost_paid"]


def test_personal_spending_is_never_flagged_even_without_receipt():
    result = run(complete(), payments=[payment(category="other", receipt=False)])
    assert result.ready


def test_an_unknown_category_is_not_waved_through():
    result = run(complete(), payments=[payment(category="bribe", receipt=True)])
    assert codes(result) == ["employer_cost_paid"]


def test_a_payment_without_receipt_is_flagged():
    result = run(complete(), payments=[payment(4, category="medical", receipt=False)])
    assert result.payment_flags(4) == ["employer_cost_paid", "no_receipt"]


def vn_fees(*amounts, currency="VND"):
    return [payment(n, category="service_fee", amount=a, currency=currency)
            for n, a in enumerate(amounts, 1)]


def test_viet_nam_service_fee_is_checked_against_the_cap_not_flagged_as_employer_cost():
    under = run(complete(destination="MY"), origin="VN", cap=1000, cap_currency="VND",
                payments=vn_fees(400, 600))
    assert under.ready
    over = run(complete(destination="MY"), origin="VN", cap=1000, cap_currency="VND",
               payments=vn_fees(400, 601))
    assert [(f.code, f.payment_id) for f in over.flags] == [("fee_over_cap", 2)]


def test_a_cap_in_another_currency_is_not_compared():
    result = run(complete(destination="MY"), origin="VN", cap=1000, cap_currency="USD",
                 payments=vn_fees(5_000_000))
    assert result.ready


def test_no_cap_entered_no_cap_flag():
    result = run(complete(destination="MY"), origin="VN", payments=vn_fees(5_000_000))
    assert result.ready


def test_the_cap_is_only_for_trainees_from_viet_nam():
    result = run(complete(), origin="KH", cap=10, cap_currency="VND",
                 payments=vn_fees(5_000_000))
    assert codes(result) == ["employer_cost_paid"]  # the ILO standard, not Viet Nam's cap


def test_every_category_is_explained_in_every_language():
    for category in fee_rules.CATEGORIES:
        for texts in (category.name, category.text):
            assert set(texts) == {"en", "km", "lo", "vi", "zh"}
            assert all(text.strip() for text in texts.values())
    assert fee_rules.BY_CODE["other"].payer == fee_rules.WORKER


def test_every_lesson_named_is_a_lesson_of_money_matters():
    from orientation.config import REPO_ROOT
    lessons = REPO_ROOT / "courses" / fee_rules.MONEY_COURSE / "lessons"
    for slug in {c.lesson for c in fee_rules.CATEGORIES} | {fee_rules.RECEIPT_LESSON}:
        assert (lessons / f"{slug}.en.md").exists(), slug
