"""The admin's agency list and form: expiry warnings, create and edit with bad input, the
licence unique per country, tampered ids, the audit trail, the centres' fee caps."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from orientation.agencies import rules
from orientation.extensions import db
from orientation.models import Agency, AuditEvent

# The phone library's own example mobile number of Cambodia (not a real agency's).
PHONE = "+85591234567"
GOOD = {"country": "KH", "name": "ក្រុមហ៊ុន ជ័យ Manpower", "licence_number": "123/molvt",
        "destinations": ["TH", "MY"], "licence_expires_on": "2030-06-30",
        "address": "Phnom Penh", "phone": "091 234 567"}


def post(client, url, **changes):
    return client.post(url, data={**GOOD, **changes})


def agencies():
    return db.session.scalar(select(func.count()).select_from(Agency))


def events(action):
    return db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)
                              .order_by(AuditEvent.id)).all()


def test_create_cleans_saves_and_audits(admin_client, admin):
    response = post(admin_client, "/km/admin/agencies/new")
    assert response.status_code == 303
    agency = db.session.scalar(select(Agency))
    assert (agency.country, agency.name, agency.licence_number, agency.destinations,
            agency.licence_expires_on, agency.phone) == (
        "KH", "ក្រុមហ៊ុន ជ័យ Manpower", "123/MOLVT", ["TH", "MY"], date(2030, 6, 30), PHONE)
    [event] = events("agency.created")
    assert event.actor_id == admin.id and event.details["before"] is None
    assert event.details["after"]["licence_number"] == "123/MOLVT"
    assert event.details["after"]["licence_expires_on"] == "2030-06-30"


@pytest.mark.parametrize(("field", "value", "message"), [
    ("name", "", "Please give the agency&#39;s name."),
    ("name", "x" * 201, "A name can have at most 200 characters."),
    ("licence_number", "  ", "Please give the licence number."),
    ("licence_number", "9" * 65, "At most 64 characters."),
    ("country", "", "Please choose the country."),
    ("country", "TH", "Please choose the country."),
    ("destinations", [], "Choose at least one destination."),
    ("destinations", ["TH", "JP"], "Unknown destination JP: use TH, MY, HK or KR."),
    ("licence_expires_on", "2030-02-30", "is not a date"),
    ("licence_expires_on", "30/06/2030", "is not a date"),
    ("address", "x" * 501, "At most 500 characters."),
    ("phone", "12", "This is not a phone number we can use."),
])
def test_bad_input_is_refused_with_a_message(admin_client, field, value, message):
    response = post(admin_client, "/en/admin/agencies/new", **{field: value})
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert agencies() == 0


def test_bad_input_is_refused_in_the_admins_language(admin_client, t):
    page = post(admin_client, "/km/admin/agencies/new", destinations=[]).get_data(as_text=True)
    assert t("km", "Choose at least one destination.") in page


def test_a_licence_number_is_unique_per_country(admin_client, make_agency):
    make_agency(country="KH", licence_number="123/MOLVT")
    page = post(admin_client, "/en/admin/agencies/new").get_data(as_text=True)
    assert "An agency of this country already has this licence number." in page
    assert agencies() == 1
    # The same number in another country is another licence.
    assert post(admin_client, "/en/admin/agencies/new", country="LA",
                phone="").status_code == 303
    assert agencies() == 2


def test_edit_audits_before_and_after(admin_client, make_agency):
    agency = make_agency(name="Old name", destinations=["TH"])
    url = f"/en/admin/agencies/{agency.id}"
    page = admin_client.get(url).get_data(as_text=True)
    assert 'value="Old name"' in page and 'value="2030-01-01"' in page
    response = post(admin_client, url, licence_number=agency.licence_number)
    assert response.status_code == 303
    db.session.expire_all()
    assert agency.name == GOOD["name"] and agency.destinations == ["TH", "MY"]
    [event] = events("agency.updated")
    assert event.details["before"]["name"] == "Old name"
    assert event.details["after"]["destinations"] == ["TH", "MY"]
    assert "country" not in event.details["after"]  # only what changed
    post(admin_client, url, licence_number=agency.licence_number)  # the same again
    assert len(events("agency.updated")) == 1


def test_edit_refuses_an_agency_without_destination(admin_client, make_agency):
    agency = make_agency(destinations=["TH", "KR"])
    page = post(admin_client, f"/en/admin/agencies/{agency.id}", destinations=[],
                licence_number=agency.licence_number).get_data(as_text=True)
    assert "Choose at least one destination." in page
    db.session.expire_all()
    assert agency.destinations == ["TH", "KR"]


def test_edit_cannot_take_another_agencys_licence(admin_client, make_agency):
    first, second = make_agency(licence_number="A-1"), make_agency(licence_number="A-2")
    page = post(admin_client, f"/en/admin/agencies/{second.id}",
                licence_number="a-1").get_data(as_text=True)
    assert "An agency of this country already has this licence number." in page
    db.session.expire_all()
    assert second.licence_number == "A-2" and first.licence_number == "A-1"


@pytest.mark.parametrize("url", ["/en/admin/agencies/999", "/en/admin/agencies/0",
                                 "/en/admin/fee-caps/999"])
def test_unknown_ids_are_404(admin_client, url):
    assert admin_client.get(url).status_code == 404
    assert admin_client.post(url, data=GOOD).status_code == 404


def test_the_list_warns_before_a_licence_expires(admin_client, make_agency):
    today = rules.country_today("KH")
    make_agency(name="Expired one", licence_expires_on=today - timedelta(days=1))
    make_agency(name="Soon one", licence_expires_on=today + timedelta(days=60))
    make_agency(name="Fine one", licence_expires_on=today + timedelta(days=61))
    make_agency(name="Unknown one", licence_expires_on=None)
    make_agency(name="Lao one", country="LA")
    page = admin_client.get("/en/admin/agencies/").get_data(as_text=True)
    rows = {name: page[page.index(name):].split("</tr>")[0] for name in (
        "Expired one", "Soon one", "Fine one", "Unknown one")}
    assert "Expired on" in rows["Expired one"]
    assert "Expires soon" in rows["Soon one"]
    assert "Expires" not in rows["Fine one"] and "Not known" not in rows["Fine one"]
    assert "Not known" in rows["Unknown one"]
    assert page.index("Licensed in Cambodia") < page.index("Expired one") < page.index(
        "Licensed in Laos") < page.index("Lao one")


def test_trainers_and_trainees_cannot_reach_admin_pages(trainer_client, trainee_client,
                                                        make_agency):
    agency = make_agency()
    for client in (trainer_client, trainee_client):
        for url in ("/en/admin/agencies/", "/en/admin/agencies/new",
                    f"/en/admin/agencies/{agency.id}", "/en/admin/agencies/import",
                    "/en/admin/fee-caps"):
            assert client.get(url).status_code == 403
        assert client.post(f"/en/admin/agencies/{agency.id}", data=GOOD).status_code == 403
    db.session.expire_all()
    assert agency.name != GOOD["name"]


def test_fee_cap_is_entered_per_centre_and_audited(admin_client, make_centre):
    centre = make_centre(country="VN")
    page = admin_client.get(f"/vi/admin/fee-caps/{centre.id}").get_data(as_text=True)
    assert "69/2020/QH14" in page
    response = admin_client.post(f"/en/admin/fee-caps/{centre.id}",
                                 data={"amount": "12.000.000", "currency": "VND"})
    assert response.status_code == 303
    db.session.expire_all()
    assert (centre.service_fee_cap, centre.service_fee_cap_currency) == (12_000_000, "VND")
    [event] = events("centre.fee_cap_changed")
    assert event.details == {"before": {"amount": None, "currency": None},
                             "after": {"amount": 12_000_000, "currency": "VND"}}
    assert "12,000,000 VND" in admin_client.get("/en/admin/fee-caps").get_data(as_text=True)
    admin_client.post(f"/en/admin/fee-caps/{centre.id}", data={"amount": "", "currency": "VND"})
    db.session.expire_all()
    assert centre.service_fee_cap is None and centre.service_fee_cap_currency is None
    assert len(events("centre.fee_cap_changed")) == 2


@pytest.mark.parametrize(("data", "message"), [
    ({"amount": "12.5", "currency": "VND"}, "Write a whole number above 0"),
    ({"amount": "0", "currency": "VND"}, "Write a whole number above 0"),
    ({"amount": "100", "currency": "EUR"}, "Please choose the currency."),
])
def test_bad_fee_caps_are_refused(admin_client, centre, data, message):
    response = admin_client.post(f"/en/admin/fee-caps/{centre.id}", data=data)
    assert message in response.get_data(as_text=True)
    db.session.expire_all()
    assert centre.service_fee_cap is None
    assert not events("centre.fee_cap_changed")
