"""Admins create and edit centres in the browser: validation, uniqueness, audit, issuer line."""

import pytest
from sqlalchemy import func, select

from orientation.admin import services
from orientation.extensions import db
from orientation.models import AuditEvent, Centre

GOOD = {"name": "មជ្ឈមណ្ឌល បណ្តុះបណ្តាល ភ្នំពេញ", "licence_number": "KH-0042", "country": "KH",
        "time_zone": "", "address": "ផ្លូវ ២៧១ ភ្នំពេញ", "signatory_name": "សុខ ដារ៉ា",
        "signatory_title": "នាយក", "issuer_line": "ក្រសួងការងារ និងបណ្តុះបណ្តាលវិជ្ជាជីវៈ"}


def centres_count():
    return db.session.scalar(select(func.count()).select_from(Centre))


def test_admin_creates_a_centre_audited(admin_client, admin):
    response = admin_client.post("/km/admin/centres/new", data=GOOD)
    assert response.status_code == 303
    centre = db.session.scalar(select(Centre).where(Centre.licence_number == "KH-0042"))
    assert (centre.name, centre.country, centre.time_zone, centre.issuer_line) == (
        GOOD["name"], "KH", None, GOOD["issuer_line"])
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "centre.created"))
    assert event.actor_id == admin.id and event.details["licence_number"] == "KH-0042"
    page = admin_client.get(response.headers["Location"]).get_data(as_text=True)
    assert GOOD["name"] in page


def test_a_double_submit_creates_one_centre(admin_client):
    first = admin_client.post("/km/admin/centres/new", data=GOOD)
    second = admin_client.post("/en/admin/centres/new", data=GOOD)
    assert first.status_code == 303 and second.status_code == 200
    assert "Another centre has this licence number" in second.get_data(as_text=True)
    assert centres_count() == 1


@pytest.mark.parametrize("field, value, message", [
    ("name", "", "Please give the centre a name."),
    ("name", "   ", "Please give the centre a name."),
    ("name", "x" * 201, "At most 200 characters."),
    ("licence_number", "", "Please give the licence number."),
    ("licence_number", "L" * 65, "At most 64 characters."),
    ("country", "", "Please choose the country."),
    ("time_zone", "Asia/Atlantis", "This is not a time zone name."),
    ("time_zone", "Z" * 65, "At most 64 characters."),
    ("address", "a" * 301, "At most 300 characters."),
    ("signatory_name", "\u200b\u200b", "cannot be seen or printed"),
    ("issuer_line", "i" * 201, "At most 200 characters."),
])
def test_bad_input_is_refused_with_a_message(admin_client, field, value, message):
    response = admin_client.post("/en/admin/centres/new", data={**GOOD, field: value})
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert centres_count() == 0


def test_a_country_nobody_offered_is_a_bad_request(admin_client):
    response = admin_client.post("/en/admin/centres/new", data={**GOOD, "country": "XX"})
    assert response.status_code == 400
    assert centres_count() == 0


def test_edit_audits_before_and_after(admin_client, admin, make_centre):
    centre = make_centre(country="KH")
    page = admin_client.get(f"/en/admin/centres/{centre.id}").get_data(as_text=True)
    assert centre.licence_number in page
    data = {**GOOD, "licence_number": centre.licence_number, "name": "New name",
            "time_zone": "Asia/Bangkok"}
    assert admin_client.post(f"/en/admin/centres/{centre.id}", data=data).status_code == 303
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "centre.updated"))
    assert event.details["changed"]["name"] == [f"Centre {centre.id}", "New name"]
    assert event.details["changed"]["time_zone"] == [None, "Asia/Bangkok"]
    assert "licence_number" not in event.details["changed"]
    # The same again: nothing changed, nothing recorded.
    assert admin_client.post(f"/en/admin/centres/{centre.id}", data=data).status_code == 303
    assert db.session.scalar(select(func.count()).where(
        AuditEvent.action == "centre.updated")) == 1


def test_emptying_the_time_zone_returns_to_the_countrys(admin_client, make_centre):
    centre = make_centre(country="LA", time_zone="Asia/Bangkok")
    data = {**GOOD, "licence_number": centre.licence_number, "country": "LA", "time_zone": ""}
    assert admin_client.post(f"/en/admin/centres/{centre.id}", data=data).status_code == 303
    db.session.expire_all()
    assert db.session.get(Centre, centre.id).time_zone is None


def test_another_centres_licence_is_refused_on_edit(admin_client, make_centre):
    first, second = make_centre(), make_centre()
    data = {**GOOD, "licence_number": first.licence_number}
    response = admin_client.post(f"/en/admin/centres/{second.id}", data=data)
    assert response.status_code == 200
    assert "Another centre has this licence number" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Centre, second.id).name == f"Centre {second.id}"


def test_unknown_centre_is_404(admin_client):
    assert admin_client.get("/en/admin/centres/999").status_code == 404
    assert admin_client.post("/en/admin/centres/999", data=GOOD).status_code == 404


def test_the_page_is_in_the_admins_language(admin_client, t):
    page = admin_client.get("/km/admin/centres/new").get_data(as_text=True)
    assert t("km", "Licence number") in page
    assert t("km", "Yunnan (China)") in page


def test_update_centre_rule_records_changes_only(app, make_centre):
    centre = make_centre(address="Old")
    services.update_centre(centre, address="New", name=centre.name)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "centre.updated"))
    assert event.details == {"changed": {"address": ["Old", "New"]}}


def test_create_centre_rule_refuses_a_taken_licence(app, make_centre):
    centre = make_centre()
    with pytest.raises(services.LicenceTaken):
        services.create_centre(name="Other", licence_number=centre.licence_number)


@pytest.mark.parametrize("text, clean", [(" KH - 1 ", "KH - 1"), ("１２３", "123")])
def test_clean_licence(text, clean):
    assert services.clean_licence(text) == clean


@pytest.mark.parametrize("text", ["", "  ", "A\u0000B", "x" * 65])
def test_clean_licence_refuses(text):
    with pytest.raises(ValueError):
        services.clean_licence(text)


def test_cli_sets_and_clears_the_issuer_line(runner, make_centre):
    centre = make_centre()
    result = runner.invoke(args=["centres", "edit", centre.licence_number, "--issuer-line",
                                 "Ministry of Labour"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert db.session.get(Centre, centre.id).issuer_line == "Ministry of Labour"
    result = runner.invoke(args=["centres", "edit", centre.licence_number, "--time-zone",
                                 "Asia/Phnom_Penh"])
    db.session.expire_all()
    assert db.session.get(Centre, centre.id).issuer_line == "Ministry of Labour"
    result = runner.invoke(args=["centres", "create", "--licence", "CLI-1", "--name", "C",
                                 "--issuer-line", "Issuer X"])
    assert result.exit_code == 0, result.output
    assert services.get_centre("CLI-1").issuer_line == "Issuer X"
