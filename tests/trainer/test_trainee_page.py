"""The trainer's page for one trainee, and what it leads to: a new card, one more attempt
(only for the cohort's programme), a move; the trainee list's search; the register's
"everyone present"; the matrix's sort, filter and at-risk reasons."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from orientation.extensions import db
from orientation.learn import services as learning
from orientation.models import AttemptGrant, AuditEvent, Programme
from orientation.trainer import cohorts
from tests.conftest import departs_in


@pytest.fixture
def cohort(courses, trainer):
    return learning.create_cohort(trainer.centre, db.session.scalar(select(Programme)),
                                  "Batch 7", date.today(), departs_in(trainer.centre, 5))


@pytest.fixture
def sokha(cohort, make_trainee):
    user = make_trainee(name="សុខ ចាន់ថា", latin_name="SOK CHANTHA", phone="+85512345678",
                        centre=cohort.centre)
    learning.join_cohort(user, cohort)
    return user


def page_of(cohort, user, lang="en"):
    return f"/{lang}/trainer/cohorts/{cohort.id}/trainees/{user.id}"


def test_trainee_page_shows_progress_and_every_action(cohort, sokha, trainer, trainer_client):
    other = learning.create_cohort(trainer.centre, cohort.programme, "Batch 8", date.today(),
                                   date.today() + timedelta(days=60))
    response = trainer_client.get(page_of(cohort, sokha))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "សុខ ចាន់ថា" in page and "SOK CHANTHA" in page
    assert f'action="/en/trainer/trainees/{sokha.id}/card"' in page
    assert f'action="{page_of(cohort, sokha)}/grant"' in page
    assert f'action="{page_of(cohort, sokha)}/move"' in page
    assert f'<option value="{other.id}">Batch 8</option>' in page
    assert "departs in 5 days, 0 of 3 courses complete" in page
    lao = trainer_client.get(page_of(cohort, sokha, "lo"))
    assert lao.status_code == 200


def test_matrix_and_list_link_to_the_trainee_page(cohort, sokha, make_trainee,
                                                  trainer_client):
    loner = make_trainee(name="Loner", centre=cohort.centre)  # in no cohort
    href = f'href="{page_of(cohort, sokha)}"'
    assert href in trainer_client.get(f"/en/trainer/cohorts/{cohort.id}").get_data(as_text=True)
    listing = trainer_client.get("/en/trainer/trainees").get_data(as_text=True)
    assert href in listing
    # without a cohort there is no trainee page: the card is printed from the list
    assert f'action="/en/trainer/trainees/{loner.id}/card"' in listing
    assert f'action="/en/trainer/trainees/{sokha.id}/card"' not in listing


def test_the_card_button_gives_a_new_pin(cohort, sokha, trainer_client):
    old_hash = sokha.password_hash
    response = trainer_client.post(f"/en/trainer/trainees/{sokha.id}/card")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    db.session.expire_all()
    assert sokha.password_hash != old_hash


def test_one_more_attempt_only_for_the_programmes_courses(cohort, sokha, courses,
                                                          trainer_client):
    cohort.programme.entries = [e for e in cohort.programme.entries
                                if e.course.slug == "first-steps"]
    db.session.commit()
    grant = page_of(cohort, sokha) + "/grant"
    grants = lambda: db.session.scalar(select(func.count()).select_from(  # noqa: E731
        AttemptGrant))
    assert trainer_client.post(grant, data={"course_id": courses["closed-course"].id}
                               ).status_code == 404
    assert trainer_client.post(grant, data={"course_id": 987654}).status_code == 404
    for bad in ({}, {"course_id": "x"}, {"course_id": "-1"}, {"course_id": str(2**64)}):
        assert trainer_client.post(grant, data=bad).status_code == 400, bad
    assert grants() == 0
    ok = trainer_client.post(grant, data={"course_id": courses["first-steps"].id})
    assert ok.status_code == 302 and grants() == 1


def test_move_only_within_the_centre(cohort, sokha, trainer, make_centre, trainer_client):
    elsewhere = learning.create_cohort(make_centre(), cohort.programme, "Far", date.today(),
                                       date.today() + timedelta(days=60))
    move = page_of(cohort, sokha) + "/move"
    assert trainer_client.post(move, data={"cohort_id": elsewhere.id}).status_code == 404
    assert trainer_client.post(move, data={}).status_code == 400
    assert learning.get_active_cohort_id(sokha.id) == cohort.id
    mine = learning.create_cohort(trainer.centre, cohort.programme, "Near", date.today(),
                                  date.today() + timedelta(days=60))
    assert trainer_client.post(move, data={"cohort_id": mine.id}).status_code == 302
    assert learning.get_active_cohort_id(sokha.id) == mine.id
    # no longer in the first cohort: its page for the trainee is gone
    assert trainer_client.get(page_of(cohort, sokha)).status_code == 404


def test_a_trainee_of_another_cohort_is_404_on_this_cohorts_page(cohort, sokha, trainer,
                                                                 make_trainee, trainer_client):
    loner = make_trainee(name="Loner", centre=trainer.centre)
    assert trainer_client.get(page_of(cohort, loner)).status_code == 404
    assert trainer_client.get(page_of(cohort, trainer)).status_code == 404  # not a trainee


@pytest.mark.parametrize("typed", ["ចាន់ថា", "sok chantha", "Chantha", "1234 5678",
                                   "012 345 678", "+855 12 345 678", "១២៣៤៥៦៧៨"])
def test_trainee_search(cohort, sokha, make_trainee, trainer_client, typed):
    sokha.login_code = "12345678"
    db.session.commit()
    make_trainee(name="ສົມສັກ", phone="+8562055551234", centre=cohort.centre)
    page = trainer_client.get("/en/trainer/trainees", query_string={"q": typed}
                              ).get_data(as_text=True)
    assert "សុខ ចាន់ថា" in page and "ສົມສັກ" not in page, typed


def test_trainee_search_finds_nothing_safely(cohort, sokha, make_centre, make_trainee,
                                             trainer_client):
    make_trainee(name="Stranger Sok", centre=make_centre())  # another centre's
    for typed in ("%", "_", "Stranger", "x" * 5000, "' OR 1=1 --"):
        response = trainer_client.get("/en/trainer/trainees", query_string={"q": typed})
        page = response.get_data(as_text=True)
        assert response.status_code == 200 and "Stranger Sok" not in page
        assert "សុខ ចាន់ថា" not in page, typed


def test_trainee_search_pages_keep_the_query(app, cohort, make_trainee, trainer_client):
    app.config["PAGE_SIZE"] = 2
    for n in range(5):
        make_trainee(name=f"Dara {n}", centre=cohort.centre)
    make_trainee(name="Other", centre=cohort.centre)
    first = trainer_client.get("/en/trainer/trainees?q=dara").get_data(as_text=True)
    assert "5 trainees found" in first and "Dara 0" in first and "Dara 2" not in first
    assert "page=2&amp;q=dara" in first or "q=dara&amp;page=2" in first
    third = trainer_client.get("/en/trainer/trainees?q=dara&page=3").get_data(as_text=True)
    assert "Dara 4" in third and "Other" not in third
    assert trainer_client.get(f"/en/trainer/trainees?page={2**70}").status_code == 200


def test_register_everyone_present_without_javascript(cohort, sokha, make_trainee, trainer,
                                                      trainer_client):
    second = make_trainee(name="Noy", centre=cohort.centre)
    learning.join_cohort(second, cohort)
    session = cohorts.add_session(cohort, date.today(), 2.0, "", trainer)
    url = f"/en/trainer/cohorts/{cohort.id}/sessions/{session.id}"
    page = trainer_client.get(url).get_data(as_text=True)
    assert 'type="submit" name="everyone"' in page
    assert trainer_client.post(url, data={"everyone": "1"}).status_code == 302
    assert cohorts.get_present_ids(session.id) == {sokha.id, second.id}
    event = db.session.scalar(select(AuditEvent).where(
        AuditEvent.action == "attendance.recorded"))
    assert event.details["present"] == sorted([sokha.id, second.id])


def test_matrix_shows_active_sort_filter_and_reason(cohort, sokha, trainer_client):
    base = f"/en/trainer/cohorts/{cohort.id}"
    page = trainer_client.get(base + "?sort=name&show=at_risk").get_data(as_text=True)
    assert 'aria-sort="ascending">Trainee' in page
    assert f'href="{base}?sort=name&amp;show=at_risk" aria-current="true">Name' in page
    assert f'href="{base}?show=at_risk&amp;sort=name" aria-current="true">At risk only' in page
    assert "Showing 1 trainee at risk" in page
    assert "departs in 5 days, 0 of 3 courses complete" in page
    assert 'class="table-wrap matrix sticky"' in page and "css/table.css" in page
    plain = trainer_client.get(base).get_data(as_text=True)
    assert "aria-sort" not in plain and "Showing all 1 trainee" in plain


def test_risk_reason(app):
    with app.test_request_context("/en/"):
        assert cohorts.risk_reason(5, 2, 7) == "departs in 5 days, 2 of 7 courses complete"
        assert cohorts.risk_reason(1, 0, 1) == "departs in 1 day, 0 of 1 course complete"
        assert cohorts.risk_reason(0, 1, 2) == "departs today, 1 of 2 courses complete"
        assert cohorts.risk_reason(-3, 1, 2) == "departed 3 days ago, 1 of 2 courses complete"
        row = cohorts.Row(None, cells=[cohorts.Cell("complete")] * 4, completed=1, days_left=9)
        assert row.risk_reason == ""
        row.at_risk = True
        assert row.risk_reason == "departs in 9 days, 1 of 4 courses complete"
