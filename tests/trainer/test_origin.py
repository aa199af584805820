"""Staff and origins: setting where a trainee comes from, and placements in a cohort whose
destination has no legal channel from there (a move, an import) refused with the reason."""

import io
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from orientation.extensions import db
from orientation.learn import services as learning
from orientation.models import AuditEvent, CohortMember, ImportBatch, Programme, Role, User

REFUSED = ("{name} comes from Yunnan (China). There is no legal way for people from Yunnan "
           "(China) to work in Thailand, so {name} cannot join this cohort.")


@pytest.fixture
def cohorts(courses, trainer):
    """Two Thailand cohorts of the trainer's centre."""
    programme = db.session.scalar(select(Programme))
    return [learning.create_cohort(trainer.centre, programme, name, date.today(),
                                   date.today() + timedelta(days=30)) for name in ("A", "B")]


@pytest.fixture
def sokha(cohorts, make_trainee):
    user = make_trainee(name="Sokha", centre=cohorts[0].centre, origin="KH")
    learning.join_cohort(user, cohorts[0])
    return user


def origin_url(user, lang="en"):
    return f"/{lang}/trainer/trainees/{user.id}/origin"


@pytest.mark.parametrize("staff", ["trainer_client", "admin_client"])
def test_staff_set_a_trainees_origin(request, sokha, staff):
    client = request.getfixturevalue(staff)
    page = client.get(origin_url(sokha)).get_data(as_text=True)
    assert "Where does this trainee come from?" in page
    assert '<option selected value="KH">Cambodia</option>' in page
    response = client.post(origin_url(sokha), data={"origin": "LA"})
    assert response.status_code == 303
    assert "Saved: Sokha comes from Laos." in client.get(response.location).get_data(
        as_text=True)
    db.session.refresh(sokha)
    assert sokha.origin == "LA"
    event = db.session.scalar(select(AuditEvent).where(
        AuditEvent.action == "user.origin_changed"))
    assert event.details == {"old": "KH", "new": "LA"} and event.actor_id != sokha.id


def test_the_trainee_page_links_to_the_origin(cohorts, sokha, trainer_client):
    page = trainer_client.get(f"/en/trainer/cohorts/{cohorts[0].id}/trainees/{sokha.id}"
                              ).get_data(as_text=True)
    assert "Comes from: Cambodia" in page and f'href="{origin_url(sokha)}"' in page
    assert f'href="{origin_url(sokha)}"' in trainer_client.get(
        "/en/trainer/trainees").get_data(as_text=True)


@pytest.mark.parametrize("data", [{"origin": "TH"}, {"origin": "kh"}])
def test_a_bad_origin_is_400(sokha, trainer_client, data):
    assert trainer_client.post(origin_url(sokha), data=data).status_code == 400


@pytest.mark.parametrize("data", [{}, {"origin": ""}])
def test_choosing_nothing_shows_the_form_with_a_message(sokha, trainer_client, data):
    response = trainer_client.post(origin_url(sokha), data=data)
    assert response.status_code == 200
    assert "Please choose where they come from." in response.get_data(as_text=True)
    db.session.refresh(sokha)
    assert sokha.origin == "KH"


def test_not_a_trainee_or_no_such_id_is_404(trainer, trainer_client, sokha):
    assert trainer_client.get(origin_url(trainer)).status_code == 404
    assert trainer_client.get("/en/trainer/trainees/999999/origin").status_code == 404
    assert trainer_client.get("/en/trainer/trainees/x/origin").status_code == 404


def test_an_origin_with_no_channel_to_the_cohort_is_refused(sokha, trainer_client):
    response = trainer_client.post(origin_url(sokha), data={"origin": "CN"})
    assert response.status_code == 200
    assert ("Not saved: the cohort prepares for Thailand, and there is no legal way for "
            "people from Yunnan (China) to work there.") in response.get_data(as_text=True)
    db.session.refresh(sokha)
    assert sokha.origin == "KH"


def test_moving_a_trainee_to_a_cohort_without_channel_is_refused(cohorts, sokha,
                                                                 trainer_client):
    sokha.origin = "CN"  # data from before the rule
    db.session.commit()
    page = f"/en/trainer/cohorts/{cohorts[0].id}/trainees/{sokha.id}"
    response = trainer_client.post(page + "/move", data={"cohort_id": cohorts[1].id},
                                   follow_redirects=True)
    assert REFUSED.format(name="Sokha") in response.get_data(as_text=True)
    assert learning.get_active_cohort_id(sokha.id) == cohorts[0].id


def upload(client, cohort, text):
    return client.post(f"/en/trainer/cohorts/{cohort.id}/import",
                       data={"file": (io.BytesIO(text.encode()), "trainees.csv")},
                       content_type="multipart/form-data")


def test_an_import_reports_the_line_of_a_trainee_without_channel(cohorts, trainer_client,
                                                                  make_trainee):
    yunnan = make_trainee(name="Li Wei", centre=cohorts[0].centre, origin="CN")
    members = db.session.scalar(select(func.count()).select_from(CohortMember))
    response = upload(trainer_client, cohorts[1], "name,trainee_code\r\nNew One,\r\n"
                      f"Li Wei,{yunnan.login_code}\r\n")
    assert response.status_code == 200  # shown with its errors, not kept as a batch
    assert REFUSED.format(name="Li Wei") in response.get_data(as_text=True)
    assert db.session.scalar(select(ImportBatch)) is None
    assert db.session.scalar(select(func.count()).select_from(CohortMember)) == members
    assert db.session.scalar(select(func.count()).select_from(User).where(
        User.role == Role.trainee, User.display_name == "New One")) == 0


def test_new_trainees_come_from_the_centres_country(app, trainer, cohorts, trainer_client):
    trainer.centre.country = "CN"
    db.session.commit()
    response = upload(trainer_client, cohorts[0], "name\r\nWang Fang\r\n")
    assert REFUSED.format(name="Wang Fang") in response.get_data(as_text=True)
    trainer.centre.country = "LA"
    db.session.commit()
    assert upload(trainer_client, cohorts[0], "name\r\nWang Fang\r\n").status_code == 303
