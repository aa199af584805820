"""Trainers: cohorts of their own centre only, the matrix, attendance and programme hours."""

import contextlib
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from orientation.content.library import get_library
from orientation.extensions import db
from orientation.learn import services as learning
from orientation.models import Certificate, CohortMember, Programme, Role, User
from orientation.quizzes import services as quizzes
from orientation.trainer import cohorts


@pytest.fixture
def programme(courses):
    return db.session.scalar(select(Programme))


@pytest.fixture
def cohort(programme, trainer):
    return learning.create_cohort(trainer.centre, programme, "Batch 1", date.today(),
                                  date.today() + timedelta(days=10))


def member(make_trainee, cohort, name):
    trainee = make_trainee(name=name, centre=cohort.centre)
    learning.join_cohort(trainee, cohort)
    return trainee


def test_matrix_states_and_at_risk(app, cohort, make_trainee, complete, trainer):
    done = member(make_trainee, cohort, "ស្រី ពេជ្រ")
    complete(done, locale="km")
    halfway = member(make_trainee, cohort, "ສົມສັກ")
    learning.mark_done(halfway, cohort.programme.entries[0].course, "hello")
    idle = member(make_trainee, cohort, "Lan")
    courses, rows = cohorts.get_matrix(cohort, date.today(), 14, 0.5)
    assert [c.slug for c in courses] == ["first-steps", "closed-course", "draft-course"]
    by_name = {row.trainee.display_name: row for row in rows}
    assert [c.state for c in by_name["ស្រី ពេជ្រ"].cells][:1] == ["complete"]
    assert (by_name["ສົມສັກ"].cells[0].state, by_name["ສົມສັກ"].cells[0].done) == (
        "in_progress", 1)
    assert by_name["Lan"].cells[0].state == "not_started"
    assert all(row.at_risk for row in rows)  # departs in 10 days, under half done
    assert idle in [row.trainee for row in rows]


def test_failed_quiz_shows_as_failed(app, cohort, make_trainee):
    trainee = member(make_trainee, cohort, "Noy")
    course = cohort.programme.entries[0].course
    quiz = get_library().courses["first-steps"].final_quiz
    attempt = quizzes.start_attempt(trainee, course, quiz, "lo")
    wrong = {q.id: ([not q.correct] if q.type == "true_false" else
                    [o.id for o in q.options if o.id not in (
                        [q.correct] if isinstance(q.correct, str) else q.correct)][:1]
                    if q.type != "ordering" else list(reversed(q.correct)))
             for q in quiz.questions}
    quizzes.submit_attempt(trainee, attempt, course, quiz, wrong, "lo")
    _, rows = cohorts.get_matrix(cohort, date.today(), 14, 0.5)
    assert rows[0].cells[0].state == "failed"


def add_members(cohort, count, start):
    """Many members at once (the matrix is measured, not the way they came)."""
    users = [User(role=Role.trainee, login_code=f"5{start + n:07d}", display_name=f"T{n}",
                  password_hash="x", centre_id=cohort.centre_id) for n in range(count)]
    db.session.add_all(users)
    db.session.flush()
    db.session.add_all(CohortMember(cohort_id=cohort.id, user_id=u.id) for u in users)
    db.session.commit()


def test_matrix_queries_do_not_grow_from_10_to_1000(app, cohort, count_queries,
                                                    trainer_client):
    def load():
        assert trainer_client.get(f"/en/trainer/cohorts/{cohort.id}").status_code == 200

    add_members(cohort, 10, 0)
    few = count_queries(load)
    add_members(cohort, 990, 10)
    assert count_queries(load) == few


def test_attendance_hours_complete_a_programme(app, cohort, programme, make_trainee, complete,
                                              trainer):
    programme.classroom_hours = 4
    programme.entries = [e for e in programme.entries if e.course.slug == "first-steps"]
    db.session.commit()
    trainee = member(make_trainee, cohort, "Sokha")
    complete(trainee)
    kinds = lambda: sorted(c.snapshot["kind"] for c in db.session.scalars(  # noqa: E731
        select(Certificate)))
    assert kinds() == ["course"]
    first = cohorts.add_session(cohort, date.today(), 3.0, "Rights", trainer)
    cohorts.record_attendance(first, {trainee.id}, trainer)
    assert kinds() == ["course"]  # 3 of 4 hours
    second = cohorts.add_session(cohort, date.today(), 1.5, "Safety", trainer)
    cohorts.record_attendance(second, {trainee.id, 999999}, trainer)  # a stranger is ignored
    assert kinds() == ["course", "programme"]
    certificate = db.session.scalar(select(Certificate).where(Certificate.programme_id ==
                                                              programme.id))
    assert certificate.snapshot["hours"] == {"online": 1.5, "classroom": 4.5, "required": 5.5}


def test_register_page_saves_ticks(app, cohort, make_trainee, trainer, trainer_client):
    trainee = member(make_trainee, cohort, "Dara")
    session = cohorts.add_session(cohort, date.today(), 2.0, "", trainer)
    url = f"/km/trainer/cohorts/{cohort.id}/sessions/{session.id}"
    assert "Dara" in trainer_client.get(url).get_data(as_text=True)
    trainer_client.post(url, data={"present": [str(trainee.id), "x", "-1"]})
    assert cohorts.get_present_ids(session.id) == {trainee.id}
    trainer_client.post(url, data={})
    assert cohorts.get_present_ids(session.id) == set()


def test_new_session_form_refuses_bad_hours(app, cohort, trainer_client):
    url = f"/lo/trainer/cohorts/{cohort.id}/sessions/new"
    response = trainer_client.post(url, data={"held_on": "2027-01-05", "hours": "99"})
    assert response.status_code == 200 and 'id="hours-error"' in response.get_data(as_text=True)
    response = trainer_client.post(url, data={"held_on": "not a date", "hours": "2"})
    assert 'id="held_on-error"' in response.get_data(as_text=True)
    ok = trainer_client.post(url, data={"held_on": "2027-01-05", "hours": "2.5",
                                        "topic": "ສິດຂອງແຮງງານ"})
    assert ok.status_code == 302
    assert cohorts.get_sessions(cohort.id)[0][0].topic == "ສິດຂອງແຮງງານ"


def test_matrix_sorts_and_filters(app, cohort, make_trainee, complete, trainer_client):
    done = member(make_trainee, cohort, "Zed")
    complete(done)
    member(make_trainee, cohort, "Amy")
    base = f"/en/trainer/cohorts/{cohort.id}"
    by_name = trainer_client.get(base + "?sort=name").get_data(as_text=True)
    assert by_name.index("Amy") < by_name.index("Zed")
    by_progress = trainer_client.get(base + "?sort=progress").get_data(as_text=True)
    assert by_progress.index("Zed") < by_progress.index("Amy")
    assert trainer_client.get(base + "?sort=nonsense&show=x").status_code == 200


def test_at_risk_rule():
    today = date(2027, 1, 1)
    assert cohorts.is_at_risk(today + timedelta(days=14), today, 1, 4, 14, 0.5)
    assert not cohorts.is_at_risk(today + timedelta(days=15), today, 0, 4, 14, 0.5)
    assert not cohorts.is_at_risk(today + timedelta(days=3), today, 2, 4, 14, 0.5)


def test_matrix_says_what_the_completion_rule_says(app, cohort, make_trainee, trainer):
    """Defect: "passed" for a trainee who passed the final with lessons unread."""
    from tests.test_reconcile import pass_final

    trainee = member(make_trainee, cohort, "Vanh")
    course = cohort.programme.entries[0].course
    learning.mark_done(trainee, course, "hello")
    pass_final(trainee, course)
    _, rows = cohorts.get_matrix(cohort, date.today(), 14, 0.5)
    cell = rows[0].cells[0]
    assert (cell.state, cell.done, cell.total) == ("passed_lessons_left", 1, 2)
    assert rows[0].completed == 0
    learning.mark_done(trainee, course, "goodbye")
    _, rows = cohorts.get_matrix(cohort, date.today(), 14, 0.5)
    assert rows[0].cells[0].state == "complete" and rows[0].completed == 1


@pytest.mark.parametrize(("done", "passed", "tried", "completed", "state"), [
    (0, False, False, False, "not_started"), (1, False, False, False, "in_progress"),
    (2, False, True, False, "failed"), (1, True, True, False, "passed_lessons_left"),
    (2, True, True, True, "complete")])
def test_course_state_rule(done, passed, tried, completed, state):
    from orientation.completion import course_state

    assert course_state(done, passed, tried, completed) == state


def test_two_cohorts_of_one_name_racing_make_one(app, programme, trainer, race):
    """Issue 12: the cohort-name race answered 500."""
    from orientation.models import Cohort, User

    def create():
        with contextlib.suppress(cohorts.NameTaken):
            cohorts.create(db.session.get(User, trainer.id), "Batch 9", programme.id,
                           date.today(), date.today() + timedelta(days=30))

    assert race(create, create) == []
    assert len(db.session.scalars(select(Cohort).where(Cohort.name == "Batch 9")).all()) == 1
