"""The trainer's view of a trainee's checklist, the contract review, the cohort's column
and report."""

import csv
import io
from datetime import timedelta

import pytest
from sqlalchemy import select

from orientation.extensions import db
from orientation.learn.services import create_cohort, get_programme, join_cohort
from orientation.models import (
    AuditEvent,
    CohortMember,
    Departure,
    Payment,
    Role,
    User,
)
from tests.conftest import PASSWORD, log_in


def url(cohort, trainee, tail=""):
    return f"/en/trainer/cohorts/{cohort.id}/trainees/{trainee.id}/departure{tail}"


def review(day, **values):
    data = {"r-reviewed_on": day.isoformat(), "r-language": "km", "r-copy_kept": "yes"}
    data.update({f"r-{k}": v for k, v in values.items()})
    return data


def ready_checklist(user, agency, trainer, day):
    """A checklist with nothing open and nothing flagged."""
    db.session.add(Departure(
        user_id=user.id, destination="TH", sector="factory", agency_id=agency.id,
        contract_reviewed_on=day, contract_reviewed_by_id=trainer.id, contract_language="km",
        contract_copy_kept=True, passport_kept=True, insurance=True, contacts_saved=True))
    db.session.commit()


def test_the_trainer_confirms_the_contract_review(cohort, trainee, trainer, trainer_client,
                                                 today):
    response = trainer_client.post(url(cohort, trainee, "/contract"), data=review(today))
    assert response.status_code == 303
    departure = db.session.scalar(select(Departure))
    assert (departure.contract_reviewed_on, departure.contract_reviewed_by_id,
            departure.contract_language, departure.contract_copy_kept) == (
        today, trainer.id, "km", True)
    event = db.session.scalar(select(AuditEvent).where(
        AuditEvent.action == "departure.contract_reviewed"))
    assert event.actor_id == trainer.id and event.details["after"]["language"] == "km"
    assert event.details["before"]["reviewed_on"] is None
    assert "Read with Trainer One" in trainer_client.get(url(cohort, trainee)).get_data(
        as_text=True)


@pytest.mark.parametrize("values, message", [
    ({"reviewed_on": ""}, "Please give the date."),
    ({"language": "fr"}, "Please choose the language of the contract."),
    ({"copy_kept": ""}, "Please answer yes or no."),
])
def test_a_bad_contract_review_is_refused(cohort, trainee, trainer_client, today, values,
                                          message):
    response = trainer_client.post(url(cohort, trainee, "/contract"),
                                   data=review(today, **values))
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert db.session.scalar(select(Departure)) is None


def test_a_contract_review_cannot_be_in_the_future(cohort, trainee, trainer_client, today):
    response = trainer_client.post(url(cohort, trainee, "/contract"),
                                   data=review(today + timedelta(days=1)))
    assert "This date is in the future." in response.get_data(as_text=True)
    assert db.session.scalar(select(Departure)) is None


def test_the_destinations_language_is_offered_for_the_contract(cohort, trainee,
                                                               trainer_client, today):
    db.session.add(Departure(user_id=trainee.id, destination="TH"))
    db.session.commit()
    body = trainer_client.get(url(cohort, trainee)).get_data(as_text=True)
    assert 'value="th"' in body and 'value="ko"' not in body
    assert trainer_client.post(url(cohort, trainee, "/contract"),
                               data=review(today, language="th")).status_code == 303


def test_the_trainer_corrects_the_trainees_answers(cohort, agencies, trainee, trainer,
                                                  trainer_client):
    data = {"c-destination": "TH", "c-sector": "fishing", "c-agency": "other",
            "c-agency_name": "Typed Agency", "c-passport_kept": "no", "c-insurance": "",
            "c-contacts_saved": ""}
    assert trainer_client.post(url(cohort, trainee), data=data).status_code == 303
    departure = db.session.scalar(select(Departure))
    assert (departure.sector, departure.agency_name, departure.passport_kept) == (
        "fishing", "Typed Agency", False)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action ==
                                                       "departure.updated"))
    assert event.actor_id == trainer.id
    body = trainer_client.get(url(cohort, trainee)).get_data(as_text=True)
    assert "passport not kept by the worker" in body and "agency not on the list" in body


def test_the_trainer_removes_a_payment(cohort, trainee, trainer_client):
    payment = Payment(paid_to="X", category="travel", amount=5, currency="USD", receipt=True)
    db.session.add(Departure(user_id=trainee.id, payments=[payment]))
    db.session.commit()
    response = trainer_client.post(url(cohort, trainee, f"/payments/{payment.id}/remove"))
    assert response.status_code == 303
    assert db.session.scalar(select(Payment)) is None


def test_another_centres_trainer_gets_404(app, cohort, trainee, make_user, make_centre,
                                          today):
    stranger = make_user(Role.trainer, name="Stranger", centre=make_centre(country="KH"))
    client = app.test_client()
    log_in(client, stranger.login_code, PASSWORD)
    assert client.get(url(cohort, trainee)).status_code == 404
    assert client.post(url(cohort, trainee, "/contract"), data=review(today)).status_code \
        == 404
    assert db.session.scalar(select(Departure)) is None


def test_a_trainee_gets_403_on_the_trainers_pages(cohort, trainee, trainee_client, today):
    assert trainee_client.get(url(cohort, trainee)).status_code == 403
    assert trainee_client.post(url(cohort, trainee, "/contract"),
                               data=review(today)).status_code == 403


def test_the_trainers_trainee_page_links_to_the_checklist(cohort, trainee, trainer_client):
    page = f"/en/trainer/cohorts/{cohort.id}/trainees/{trainee.id}"
    assert url(cohort, trainee) in trainer_client.get(page).get_data(as_text=True)


def test_a_trainee_who_left_the_cohort_is_404_under_it(cohort, trainee, trainer, kh,
                                                      trainer_client, today):
    other = create_cohort(kh, get_programme("thailand"), "Batch 2", today, today)
    join_cohort(trainee, other)
    assert trainer_client.get(url(cohort, trainee)).status_code == 404
    assert trainer_client.get(url(other, trainee)).status_code == 200


def test_the_cohort_page_shows_readiness_beside_progress(cohort, agencies, trainee, trainer,
                                                        make_trainee, kh, trainer_client,
                                                        today):
    ready_checklist(trainee, agencies["good"], trainer, today)
    flagged = make_trainee(name="Flagged Person", centre=kh)
    join_cohort(flagged, cohort)
    db.session.add(Departure(user_id=flagged.id, agency_name="Typed", payments=[
        Payment(paid_to="X", category="medical", amount=50, currency="USD", receipt=False)]))
    db.session.commit()
    body = trainer_client.get(f"/en/trainer/cohorts/{cohort.id}").get_data(as_text=True)
    assert "ready to depart: 1 of 2" in body
    assert ">ready<" in body
    for label in ("agency not on the list", "paid an employer&#39;s cost", "no receipt",
                  "7 open items"):
        assert label in body


def test_a_trainee_with_only_flags_is_not_ready_rather_than_zero_open_items(
        cohort, agencies, trainee, trainer, trainer_client, today):
    ready_checklist(trainee, agencies["good"], trainer, today)
    departure = db.session.scalar(select(Departure).where(Departure.user_id == trainee.id))
    departure.payments.append(Payment(paid_to="X", category="medical", amount=50,
                                      currency="USD", receipt=True))
    db.session.commit()
    body = trainer_client.get(f"/en/trainer/cohorts/{cohort.id}").get_data(as_text=True)
    assert "Not ready yet" in body and "paid an employer&#39;s cost" in body
    assert "0 open items" not in body
    page = trainer_client.get(url(cohort, trainee)).get_data(as_text=True)
    assert "1 problem" in page and "0 things to do" not in page


def add_members(cohort, count, start, agency):
    """Many members with checklists and payments (the page is measured, not their way in)."""
    users = [User(role=Role.trainee, login_code=f"6{start + n:07d}", display_name=f"T{n}",
                  password_hash="x", centre_id=cohort.centre_id) for n in range(count)]
    db.session.add_all(users)
    db.session.flush()
    db.session.add_all(CohortMember(cohort_id=cohort.id, user_id=u.id) for u in users)
    db.session.add_all(Departure(user_id=u.id, agency_id=agency.id, destination="TH", payments=[
        Payment(paid_to="A", category="medical", amount=9, currency="USD", receipt=False)])
        for u in users)
    db.session.commit()


def test_the_cohort_pages_queries_do_not_grow_with_trainees(cohort, agencies, count_queries,
                                                           trainer_client):
    def load():
        assert trainer_client.get(f"/en/trainer/cohorts/{cohort.id}").status_code == 200

    add_members(cohort, 10, 0, agencies["expired"])
    few = count_queries(load)
    add_members(cohort, 300, 10, agencies["good"])
    assert count_queries(load) == few


def test_the_readiness_report_opens_with_the_right_characters(cohort, agencies, trainee,
                                                              trainer_client, t):
    db.session.add(Departure(user_id=trainee.id, agency_id=agencies["expired"].id,
                             destination="TH"))
    db.session.commit()
    response = trainer_client.get(f"/km/trainer/cohorts/{cohort.id}/readiness.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    raw = response.get_data()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][0] == t("km", "Trainee")
    row = next(r for r in rows if r[0] == "សុខ ចាន់ថា")
    assert t("km", "agency licence expired") in row[5]
    assert t("km", "Contract read with a trainer") in row[4]


def test_the_readiness_report_as_pdf(cohort, trainer_client):
    response = trainer_client.get(f"/en/trainer/cohorts/{cohort.id}/readiness.pdf")
    assert response.status_code == 200 and response.get_data().startswith(b"%PDF")
