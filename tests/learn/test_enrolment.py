"""Enrolment rules: open courses, programmes, cohorts, and what a trainee not enrolled may do."""

from datetime import date

import pytest
from sqlalchemy import func, select

from orientation.extensions import db
from orientation.learn import services
from orientation.models import (
    CohortMember,
    Enrolment,
    EnrolmentSource,
    LessonProgress,
    Programme,
    ProgrammeEnrolment,
)


def enrolled(user):
    return {e.course.slug: e.source for e in db.session.scalars(
        select(Enrolment).where(Enrolment.user_id == user.id))}


def test_open_course_self_enrolment(courses, make_trainee):
    trainee = make_trainee()
    services.enrol(trainee, courses["first-steps"])
    services.enrol(trainee, courses["first-steps"])  # twice: still one
    assert enrolled(trainee) == {"first-steps": EnrolmentSource.self}


@pytest.mark.parametrize("slug", ["closed-course", "draft-course"])
def test_closed_and_draft_courses_refuse_self_enrolment(courses, make_trainee, slug):
    with pytest.raises(services.NotAllowed):
        services.enrol(make_trainee(), courses[slug])


def test_programme_enrols_in_its_published_courses(courses, make_trainee):
    trainee = make_trainee()
    programme = db.session.scalar(select(Programme))
    services.choose_programme(trainee, programme)
    services.choose_programme(trainee, programme)
    assert enrolled(trainee) == {"first-steps": EnrolmentSource.programme,
                                 "closed-course": EnrolmentSource.programme}
    assert services.get_active_programme(trainee.id) == programme


def test_cohort_enrols_members_and_moving_keeps_progress(courses, make_trainee, centre):
    trainee = make_trainee(centre=centre)
    programme = db.session.scalar(select(Programme))
    first = services.create_cohort(centre, programme, "Batch 1", date(2027, 1, 4),
                                   date(2027, 2, 1))
    second = services.create_cohort(centre, programme, "Batch 2", date(2027, 2, 1),
                                    date(2027, 3, 1))
    services.join_cohort(trainee, first)
    assert enrolled(trainee)["first-steps"] == EnrolmentSource.cohort
    services.mark_done(trainee, courses["first-steps"], "hello")
    services.join_cohort(trainee, second)
    services.join_cohort(trainee, second)  # again: nothing new
    members = db.session.scalars(select(CohortMember).where(
        CohortMember.user_id == trainee.id).order_by(CohortMember.id)).all()
    assert [(m.cohort.name, m.left_at is None) for m in members] == [("Batch 1", False),
                                                                    ("Batch 2", True)]
    assert db.session.scalar(select(func.count()).select_from(LessonProgress)) == 1
    assert db.session.scalar(select(func.count()).select_from(ProgrammeEnrolment)) == 1


def test_not_enrolled_trainee_cannot_mark_progress(courses, make_trainee):
    with pytest.raises(services.NotAllowed):
        services.mark_done(make_trainee(), courses["first-steps"], "hello")
    assert db.session.scalar(select(func.count()).select_from(LessonProgress)) == 0


def test_marking_twice_records_once_and_unknown_lesson_is_refused(courses, make_trainee):
    trainee = make_trainee()
    services.enrol(trainee, courses["first-steps"])
    services.mark_done(trainee, courses["first-steps"], "hello")
    services.mark_done(trainee, courses["first-steps"], "hello")
    assert db.session.scalar(select(func.count()).select_from(LessonProgress)) == 1
    with pytest.raises(LookupError):
        services.mark_done(trainee, courses["first-steps"], "no-such-lesson")


def test_cli_creates_cohort_and_adds_trainees(courses, runner, make_trainee, centre,
                                              make_centre):
    trainee = make_trainee(centre=centre)
    outsider = make_trainee(centre=make_centre())
    args = ["cohorts", "create", "--centre", centre.licence_number, "--programme", "thailand",
            "--name", "Batch 7", "--starts", "2027-01-04", "--departs", "2027-02-01"]
    assert runner.invoke(args=args).exit_code == 0
    assert runner.invoke(args=args).exit_code != 0  # the same name twice
    bad_dates = [*args[:-4], "--starts", "2027-03-01", "--departs", "2027-02-01"]
    assert runner.invoke(args=bad_dates).exit_code != 0
    add = ["cohorts", "add", "--centre", centre.licence_number, "--cohort", "Batch 7"]
    assert runner.invoke(args=[*add, outsider.login_code]).exit_code != 0
    result = runner.invoke(args=[*add, trainee.login_code])
    assert result.exit_code == 0, result.output
    assert "first-steps" in enrolled(trainee)


def test_contacts_cli(courses, runner):
    assert runner.invoke(args=["contacts", "set", "TH", "km", "embassy_phone",
                               "+66 2 000 0000"]).exit_code == 0
    assert "embassy_phone" in runner.invoke(args=["contacts", "list", "TH", "km"]).output
    assert runner.invoke(args=["contacts", "set", "TH", "km", "bank", "1"]).exit_code != 0
    assert runner.invoke(args=["contacts", "set", "TH", "km", "embassy_phone", ""]).exit_code == 0
    assert runner.invoke(args=["contacts", "list", "TH", "km"]).output == ""
