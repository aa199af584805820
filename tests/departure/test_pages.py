"""The trainee's checklist page: choices, tampered values, payments, audit."""

from sqlalchemy import select

from orientation.extensions import db
from orientation.models import AuditEvent, Departure, Payment

PAGE = "/en/departure"


def checklist(**values):
    data = {"c-destination": "TH", "c-sector": "factory", "c-agency": "",
            "c-agency_name": "", "c-passport_kept": "yes", "c-insurance": "yes",
            "c-contacts_saved": "yes"}
    data.update({f"c-{k}": v for k, v in values.items()})
    return data


def test_page_shows_the_checklist_in_khmer(cohort, agencies, trainee_client):
    response = trainee_client.get("/km/departure")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "Demo Agency A" in body and "Lao Agency" not in body  # the centre's country only


def test_saves_answers_and_audits_them(cohort, agencies, trainee, trainee_client):
    data = checklist(agency=str(agencies["good"].id))
    response = trainee_client.post(PAGE, data=data)
    assert response.status_code == 303
    departure = db.session.scalar(select(Departure))
    assert (departure.destination, departure.agency_id, departure.passport_kept) == (
        "TH", agencies["good"].id, True)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action ==
                                                       "departure.updated"))
    assert event.details["changes"]["destination"] == [None, "TH"]
