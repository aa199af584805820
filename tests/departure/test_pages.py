"""The trainee's checklist page: choices, tampered values, payments, audit."""

import re

import pytest
from sqlalchemy import func, select

from orientation.extensions import db
from orientation.models import AuditEvent, Departure, Payment, Role
from tests.conftest import PIN, log_in

PAGE = "/en/departure"
PAYMENTS = "/en/departure/payments"


def checklist(**values):
    data = {"c-destination": "TH", "c-sector": "factory", "c-agency": "",
            "c-agency_name": "", "c-passport_kept": "yes", "c-insurance": "yes",
            "c-contacts_saved": "yes"}
    data.update({f"c-{k}": v for k, v in values.items()})
    return data


def token(client):
    """The one-time token of the payment form the page shows."""
    body = client.get(PAGE).get_data(as_text=True)
    start = body.index('name="p-request_token"')
    tag = body[body.rfind("<", 0, start):body.index(">", start)]
    return tag.split('value="')[1].split('"')[0]


def a_payment(client, **values):
    data = {"p-paid_to": "Agency A", "p-category": "medical", "p-amount": "120",
            "p-currency": "USD", "p-receipt": "yes", "p-paid_on": "",
            "p-request_token": token(client)}
    data.update({f"p-{k}": v for k, v in values.items()})
    return data


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_page_shows_the_checklist_in_khmer(cohort, agencies, trainee_client, t):
    response = trainee_client.get("/km/departure")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "Demo Agency A" in body and "Lao Agency" not in body  # the centre's country only
    assert t("km", "Before you leave") in body


def test_my_learning_links_to_the_checklist(cohort, trainee_client):
    assert "/en/departure" in trainee_client.get("/en/my-learning").get_data(as_text=True)


def test_saves_answers_and_audits_them(cohort, agencies, trainee, trainee_client):
    response = trainee_client.post(PAGE, data=checklist(agency=str(agencies["good"].id)))
    assert response.status_code == 303
    departure = db.session.scalar(select(Departure))
    assert (departure.destination, departure.agency_id, departure.passport_kept) == (
        "TH", agencies["good"].id, True)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action ==
                                                       "departure.updated"))
    assert event.details["changes"]["destination"] == [None, "TH"]
    assert event.actor_id == trainee.id


def test_only_legal_destinations_are_offered(cohort, trainee, trainee_client):
    trainee.origin = "LA"  # LA -> HK: no legal channel; LA -> MY: ask your centre
    db.session.commit()
    body = trainee_client.get(PAGE).get_data(as_text=True)
    assert 'value="TH"' in body and 'value="HK"' not in body and 'value="MY"' not in body


@pytest.mark.parametrize("destination", ["HK", "MY", "XX"])
def test_a_tampered_destination_is_refused(cohort, trainee, trainee_client, destination):
    trainee.origin = "LA"
    db.session.commit()
    response = trainee_client.post(PAGE, data=checklist(destination=destination))
    assert response.status_code == 200
    assert "only a destination with a legal way" in response.get_data(as_text=True)
    assert count(Departure) == 0


def test_a_tampered_destination_is_refused_in_khmer(cohort, trainee, trainee_client, t):
    trainee.origin = "LA"
    db.session.commit()
    response = trainee_client.post("/km/departure", data=checklist(destination="HK"))
    message = t("km", "You can choose only a destination with a legal way to work there "
                      "from where you come from.")
    assert message in response.get_data(as_text=True)


def test_an_agency_of_another_country_is_refused(cohort, agencies, trainee_client):
    response = trainee_client.post(PAGE, data=checklist(agency=str(agencies["lao"].id)))
    assert response.status_code == 200 and count(Departure) == 0


def test_an_agency_not_on_the_list_needs_a_name_and_is_flagged(cohort, agencies,
                                                               trainee_client):
    response = trainee_client.post(PAGE, data=checklist(agency="other"))
    assert "Please write the name of the agency." in response.get_data(as_text=True)
    trainee_client.post(PAGE, data=checklist(agency="other", agency_name="Quick Jobs Co"))
    body = trainee_client.get(PAGE).get_data(as_text=True)
    assert "agency not on the list" in body and "check its licence" in body
    assert db.session.scalar(select(Departure.agency_name)) == "Quick Jobs Co"


def test_an_expired_agency_is_flagged_on_the_page(cohort, agencies, trainee_client):
    trainee_client.post(PAGE, data=checklist(agency=str(agencies["expired"].id)))
    assert "agency licence expired" in trainee_client.get(PAGE).get_data(as_text=True)


def test_an_agency_not_licensed_for_the_destination_is_flagged(cohort, agencies,
                                                               trainee_client):
    trainee_client.post(PAGE, data=checklist(agency=str(agencies["malaysia"].id)))
    body = trainee_client.get(PAGE).get_data(as_text=True)
    assert "agency not licensed for this destination" in body


def test_a_payment_is_added_flagged_and_audited(cohort, trainee, trainee_client):
    response = trainee_client.post(PAYMENTS, data=a_payment(trainee_client, receipt="no"))
    assert response.status_code == 303
    payment = db.session.scalar(select(Payment))
    assert (payment.amount, payment.currency, payment.receipt) == (120, "USD", False)
    body = trainee_client.get(PAGE).get_data(as_text=True)
    assert "paid an employer&#39;s cost" in body and "no receipt" in body
    assert "Medical checks needed to get the job are a recruitment cost." in body
    event = db.session.scalar(select(AuditEvent).where(
        AuditEvent.action == "departure.payment_added"))
    assert event.details["after"]["amount"] == 120


def test_a_double_submit_adds_the_payment_once(cohort, trainee_client):
    data = a_payment(trainee_client)
    assert trainee_client.post(PAYMENTS, data=data).status_code == 303
    assert trainee_client.post(PAYMENTS, data=data).status_code == 303
    assert count(Payment) == 1


def test_a_payment_without_a_token_is_refused(cohort, trainee_client):
    data = a_payment(trainee_client, request_token="")
    assert trainee_client.post(PAYMENTS, data=data).status_code == 400
    assert count(Payment) == 0


@pytest.mark.parametrize("field, value, message", [
    ("paid_to", "", "Please write who you paid."),
    ("paid_to", "x" * 201, "at most 200 characters"),
    ("amount", "", "Please give the amount as a whole number."),
    ("amount", "-5", "Please give the amount as a whole number."),
    ("amount", "0", "The amount must be between 1 and"),
    ("amount", "99999999999", "The amount must be between 1 and"),
    ("amount", "12.50", "Please give the amount as a whole number."),
    ("category", "bribe", "Please choose what the payment was for."),
    ("category", "", "Please choose what the payment was for."),
    ("currency", "EUR", "Please choose a currency."),
    ("receipt", "", "Please answer yes or no."),
    ("receipt", "maybe", "Please answer yes or no."),
    ("paid_on", "2999-01-01", "This date is in the future."),
])
def test_bad_payments_are_refused_with_a_message(cohort, trainee_client, field, value,
                                                 message):
    response = trainee_client.post(PAYMENTS, data=a_payment(trainee_client, **{field: value}))
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert count(Payment) == 0


def test_remove_a_payment_audited(cohort, trainee_client):
    trainee_client.post(PAYMENTS, data=a_payment(trainee_client))
    payment_id = db.session.scalar(select(Payment.id))
    response = trainee_client.post(f"/en/departure/payments/{payment_id}/remove")
    assert response.status_code == 303 and count(Payment) == 0
    event = db.session.scalar(select(AuditEvent).where(
        AuditEvent.action == "departure.payment_removed"))
    assert event.details["before"]["paid_to"] == "Agency A"


def test_another_trainees_payment_cannot_be_removed(app, cohort, trainee_client, make_trainee,
                                                    kh):
    other = make_trainee(name="Other", centre=kh)
    other_client = app.test_client()
    log_in(other_client, other.login_code, PIN)
    other_client.post(PAYMENTS, data=a_payment(other_client))
    payment_id = db.session.scalar(select(Payment.id))
    response = trainee_client.post(f"/en/departure/payments/{payment_id}/remove")
    assert response.status_code == 404 and count(Payment) == 1


def test_a_trainee_without_centre_has_no_agency_list(app, courses, make_trainee):
    alone = make_trainee(name="Alone", origin="KH")
    client = app.test_client()
    log_in(client, alone.login_code, PIN)
    response = client.get(PAGE)
    assert response.status_code == 200 and "Not on the list" in response.get_data(as_text=True)


def test_staff_cannot_open_the_trainees_page(trainer_client, admin_client):
    assert trainer_client.get(PAGE).status_code == 403
    assert admin_client.get(PAGE).status_code == 403
    assert trainer_client.post(PAYMENTS).status_code == 403


def test_the_contract_review_is_read_only_for_the_trainee(cohort, trainee_client):
    body = trainee_client.get(PAGE).get_data(as_text=True)
    assert "Not read with a trainer yet" in body and 'name="r-reviewed_on"' not in body


def test_roles_unchanged(trainee):
    assert trainee.role == Role.trainee


def test_amounts_in_khmer_digits_are_read(cohort, trainee_client):
    trainee_client.post(PAYMENTS, data=a_payment(trainee_client, amount="១ ២០០"))
    assert db.session.scalar(select(Payment.amount)) == 1200


def test_a_service_fee_over_the_centres_cap_is_flagged_for_viet_nam(cohort, kh, trainee,
                                                                    trainee_client):
    kh.service_fee_cap, kh.service_fee_cap_currency = 1000, "VND"
    trainee.origin = "VN"
    db.session.commit()
    trainee_client.post(PAYMENTS, data=a_payment(trainee_client, category="service_fee",
                                                 amount="1500", currency="VND"))
    body = trainee_client.get(PAGE).get_data(as_text=True)
    assert "service fee over the cap" in body and "paid an employer" not in body


def test_pages_render_no_python_value(cohort, agencies, trainee, trainee_client,
                                      trainer_client):
    python_value = re.compile(r'="(None|True|False)"')
    trainee_client.post(PAGE, data=checklist(agency="other", agency_name="X Co"))
    trainee_client.post(PAYMENTS, data=a_payment(trainee_client, receipt="no"))
    pages = [trainee_client.get("/km/departure"),
             trainee_client.post(PAYMENTS, data={"p-amount": "x"}),
             trainer_client.get(f"/lo/trainer/cohorts/{cohort.id}/trainees/{trainee.id}"
                                "/departure")]
    for response in pages:
        assert response.status_code == 200
        assert not python_value.search(response.get_data(as_text=True))


def test_two_submits_at_the_same_moment_add_one_payment(cohort, trainee, race):
    from orientation.departure import services
    from orientation.models import User
    token, user_id = services.new_request_token(), trainee.id
    values = {"paid_to": "A", "category": "medical", "amount": 5, "currency": "USD",
              "receipt": True, "paid_on": None}

    def job():
        user = db.session.get(User, user_id)
        services.add_payment(user, values, token, user)

    assert race(job, job) == []
    assert count(Payment) == 1
