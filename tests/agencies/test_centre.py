"""The centre-wide view of agencies: counts per agency and destination, median fees per
currency, flags; the ministry's CSV with numbers only; scope; queries that do not grow."""

import csv
import io
from datetime import timedelta

import pytest

from orientation.accounts.rules import format_code
from orientation.agencies import reads, rules
from orientation.extensions import db
from orientation.models import Departure, Payment, Role
from orientation.timezones import local_today
from tests.conftest import PASSWORD, log_in


def depart(trainee, agency=None, name=None, destination="TH", payments=()):
    """A trainee's checklist with an agency and payments (amount, currency, category,
    receipt)."""
    departure = Departure(user_id=trainee.id, agency_id=agency.id if agency else None,
                          agency_name=name, destination=destination)
    for amount, currency, category, receipt in payments:
        departure.payments.append(Payment(paid_to="someone", category=category, amount=amount,
                                          currency=currency, receipt=receipt))
    db.session.add(departure)
    db.session.commit()
    return departure


@pytest.fixture
def world(trainer, make_trainee, make_agency, make_centre):
    """The trainer's centre: two trainees with a listed agency (expired, licensed for
    Thailand only), two who typed the same unlisted name differently, one without agency;
    another centre's trainee with the same listed agency."""
    centre = trainer.centre
    today = local_today(centre)
    listed = make_agency(name="Sun Manpower", licence_number="SUN-1", destinations=["TH"],
                         licence_expires_on=today - timedelta(days=1))
    people = [make_trainee(name=f"Trainee {n}", centre=centre) for n in range(5)]
    depart(people[0], listed, destination="TH",
           payments=[(100, "USD", "medical", True), (50, "USD", "other", False)])
    depart(people[1], listed, destination="MY", payments=[(300, "USD", "service_fee", True)])
    depart(people[2], name="Golden Star", destination="TH",
           payments=[(400_000, "KHR", "travel", False), (100, "USD", "training", True)])
    depart(people[3], name="  golden   STAR ", destination=None,
           payments=[(1_000_000, "KHR", "other", True)])
    depart(people[4])  # no agency named yet
    outsider = make_trainee(name="Elsewhere", centre=make_centre())
    depart(outsider, listed, destination="TH", payments=[(9_999, "USD", "medical", False)])
    return {"centre": centre, "listed": listed, "people": people, "outsider": outsider}


def test_counts_medians_and_flags(world):
    centre = world["centre"]
    sun, golden = reads.get_centre_agencies(centre, local_today(centre))
    assert (sun.name, sun.listed, sun.trainees) == ("Sun Manpower", True, 2)
    assert sun.by_destination == {"TH": 1, "MY": 1}
    assert sun.medians == {"USD": 225}  # totals 150 and 300
    assert sun.licence_expired and sun.not_licensed_for == 1
    assert (sun.flagged_payments, sun.without_receipt) == (2, 1)  # medical, service fee
    assert (golden.name, golden.listed, golden.trainees) == ("Golden Star", False, 2)
    assert golden.by_destination == {"TH": 1, None: 1}
    assert golden.medians == {"KHR": 700_000, "USD": 100}
    assert (golden.flagged_payments, golden.without_receipt) == (2, 1)
    assert golden.not_licensed_for == 0 and not golden.licence_expired


def test_vietnams_service_fee_is_not_flagged_for_a_trainee_from_viet_nam(
        trainer, make_trainee, make_agency):
    agency = make_agency(country="VN", destinations=["KR"])
    trainee = make_trainee(name="Lan", centre=trainer.centre, origin="VN")
    depart(trainee, agency, destination="KR", payments=[(1000, "USD", "service_fee", True),
                                                          (200, "USD", "medical", True)])
    [line] = reads.get_centre_agencies(trainer.centre, local_today(trainer.centre))
    assert line.flagged_payments == 1


def test_the_page_shows_numbers_and_flags(world, trainer_client):
    page = trainer_client.get("/en/trainer/agencies").get_data(as_text=True)
    assert "Sun Manpower" in page and "SUN-1" in page and "Golden Star" in page
    assert "225 USD" in page and "700,000 KHR" in page
    assert "Licence expired" in page and "Not on the list" in page
    assert "1 trainee going where the licence does not allow" in page
    assert "2 payments the employer should make" in page
    assert "9,999" not in page  # the other centre's trainee


def test_export_for_the_ministry_has_numbers_and_no_personal_data(world, trainer_client):
    people = world["people"]
    people[0].display_name, people[0].latin_name = "ឈ្មោះ​ពិសេស Zyxwv", "QUIRKYNAME"
    people[0].phone = "+85591234567"
    db.session.commit()
    response = trainer_client.get("/en/trainer/agencies.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    for person in [*people, world["outsider"]]:
        for private in (person.display_name, person.login_code, format_code(person.login_code),
                        person.latin_name, person.phone):
            assert not private or private not in text, private
    assert "91234567" not in text
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    sun, golden = rows
    assert (sun["Agency"], sun["Licence number"], sun["On the list"], sun["Trainees"]) == (
        "Sun Manpower", "SUN-1", "yes", "2")
    assert (sun["To Thailand"], sun["To Malaysia"], sun["Median fee (USD)"]) == ("1", "1", "225")
    assert (sun["Licence expired"], sun["Trainees sent where the licence does not allow"]) == (
        "yes", "1")
    assert (golden["On the list"], golden["Median fee (KHR)"], golden["Destination not chosen"],
            golden["Payments without receipt"]) == ("no", "700000", "1", "1")


def test_export_headers_are_in_the_viewers_language(world, trainer_client, t):
    text = trainer_client.get("/km/trainer/agencies.csv").get_data(as_text=True)
    assert t("km", "Payments without receipt") in text.splitlines()[0]


def test_an_even_number_of_trainees_has_a_half_median():
    assert reads._number(rules.median_per_currency([{"USD": 1}, {"USD": 2}])["USD"]) == "1.5"


def test_a_trainer_sees_only_their_centre(world, app, make_user, make_centre):
    stranger = make_user(Role.trainer, name="Stranger", centre=make_centre())
    client = app.test_client()
    log_in(client, stranger.login_code, PASSWORD)
    page = client.get("/en/trainer/agencies").get_data(as_text=True)
    assert "Sun Manpower" not in page and "Golden Star" not in page
    assert "Sun Manpower" not in client.get("/en/trainer/agencies.csv").get_data(as_text=True)
    own = world["centre"].id
    assert client.get(f"/en/trainer/agencies?centre={own}").status_code == 404
    assert client.get(f"/en/trainer/agencies.csv?centre={own}").status_code == 404


def test_an_admin_chooses_the_centre(world, admin_client):
    page = admin_client.get("/en/trainer/agencies").get_data(as_text=True)
    assert "Choose a centre." in page and "Sun Manpower" not in page
    page = admin_client.get(f"/en/trainer/agencies?centre={world['centre'].id}").get_data(
        as_text=True)
    assert "Sun Manpower" in page
    assert admin_client.get("/en/trainer/agencies?centre=99999").status_code == 404
    assert admin_client.get("/en/trainer/agencies.csv").status_code == 404
    assert admin_client.get(f"/en/trainer/agencies.csv?centre={world['centre'].id}"
                            ).status_code == 200


def test_trainees_and_trainers_without_centre_are_refused(world, trainee_client, app,
                                                          make_user, make_centre):
    assert trainee_client.get("/en/trainer/agencies").status_code == 403
    lone = make_user(Role.trainer, name="Lone", centre=make_centre())
    lone.centre_id = None
    db.session.commit()
    client = app.test_client()
    log_in(client, lone.login_code, PASSWORD)
    assert client.get("/en/trainer/agencies").status_code == 403
    assert client.get("/en/trainer/agencies.csv").status_code == 403


def test_queries_do_not_grow_with_the_trainees(trainer, trainer_client, make_trainee,
                                               make_agency, count_queries):
    agencies = [make_agency(destinations=["TH"]), make_agency(destinations=["MY"])]

    def add(n):
        for i in range(n):
            depart(make_trainee(name=f"T{i}", centre=trainer.centre), agencies[i % 2],
                   destination="TH", payments=[(100 + i, "USD", "medical", i % 2 == 0)])
        depart(make_trainee(name="Typed", centre=trainer.centre), name=f"Typed {n}")

    add(2)
    few = count_queries(lambda: trainer_client.get("/en/trainer/agencies"))
    add(8)
    many = count_queries(lambda: trainer_client.get("/en/trainer/agencies"))
    assert many == few
    assert count_queries(lambda: trainer_client.get("/en/trainer/agencies.csv")) <= few
