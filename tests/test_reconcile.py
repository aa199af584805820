"""Rules that hold when content changes: one reconcile per trainee brings enrolments,
completions and certificates in line with the facts, idempotently."""

from pathlib import Path

from sqlalchemy import func, select

from orientation.certificates import services as certificates
from orientation.completion import reconcile
from orientation.content.check import source_sha
from orientation.content.library import get_library
from orientation.extensions import db
from orientation.learn import services as learning
from orientation.models import (
    Certificate,
    CourseCompletion,
    Enrolment,
    Programme,
    ProgrammeCourse,
    Role,
    Status,
)
from orientation.quizzes import services as quizzes
from tests.conftest import right_answers
from tests.content.test_check import edit


def count(model, *where):
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def pass_final(user, course, locale="km"):
    quiz = get_library().courses[course.slug].final_quiz
    attempt = quizzes.start_attempt(user, course, quiz, locale)
    return quizzes.submit_attempt(user, attempt, course, quiz, right_answers(quiz), locale)


def remove_goodbye(folder):
    """Version 2 of first-steps without its last lesson, in every language."""
    edit(folder / "first-steps/course.yaml", "  - goodbye\n", "")
    edit(folder / "first-steps/course.yaml", "version: 1", "version: 2")
    edit(folder / "first-steps/lessons/hello.en.md", "Read [the next lesson](goodbye.md). ", "")
    sha = source_sha(folder / "first-steps/lessons/hello.en.md")
    for lang in ("km", "lo", "vi", "zh"):
        path = folder / f"first-steps/lessons/hello.{lang}.md"
        text = path.read_text()
        start = text.index("\n\n[")
        text = text[:start] + text[text.index("\n", start + 2):]
        path.write_text("\n".join(f"source_sha: {sha}" if line.startswith("source_sha") else line
                                  for line in text.split("\n")))


def test_a_version_removing_the_last_unread_lesson_completes_those_who_passed(
        app, runner, courses, make_trainee):
    trainee = make_trainee()
    course = courses["first-steps"]
    learning.enrol(trainee, course)
    learning.mark_done(trainee, course, "hello")
    pass_final(trainee, course)
    assert count(CourseCompletion) == 0  # "goodbye" is still unread

    remove_goodbye(Path(app.config["COURSES_FOLDER"]))
    result = runner.invoke(args=["courses", "load"])
    assert result.exit_code == 0, result.output
    assert "Reconciled 1 trainees" in result.output
    assert count(CourseCompletion) == 1 and count(Certificate) == 1
    assert runner.invoke(args=["courses", "reconcile", "--all"]).exit_code == 0
    assert count(Certificate) == 1  # issued once, however often it runs


def test_a_course_added_to_a_published_programme_enrols_existing_members(
        app, runner, courses, make_trainee):
    programme = db.session.scalar(select(Programme))
    trainee = make_trainee()
    learning.choose_programme(trainee, programme)
    closed = courses["closed-course"]
    assert count(Enrolment, Enrolment.user_id == trainee.id, Enrolment.course_id == closed.id)

    # The programme later gains a course it did not list: members are enrolled after a load.
    folder = Path(app.config["COURSES_FOLDER"])
    edit(folder / "programmes/thailand.yaml", "courses: [first-steps, closed-course, draft-course]",
         "courses: [first-steps, draft-course]")
    assert runner.invoke(args=["courses", "load"]).exit_code == 0
    db.session.execute(Enrolment.__table__.delete().where(Enrolment.course_id == closed.id))
    db.session.commit()
    edit(folder / "programmes/thailand.yaml", "courses: [first-steps, draft-course]",
         "courses: [first-steps, closed-course, draft-course]")
    result = runner.invoke(args=["courses", "load"])
    assert result.exit_code == 0, result.output
    assert count(Enrolment, Enrolment.user_id == trainee.id, Enrolment.course_id == closed.id)


def test_programme_completion_ignores_draft_courses(app, courses, complete, make_trainee):
    programme = db.session.scalar(select(Programme))
    programme.classroom_hours = 0
    db.session.execute(ProgrammeCourse.__table__.delete().where(
        ProgrammeCourse.course_id == courses["closed-course"].id))
    db.session.commit()
    db.session.expire_all()
    assert courses["draft-course"].status == Status.draft
    trainee = make_trainee()
    learning.choose_programme(trainee, programme)
    complete(trainee)  # first-steps; the draft course cannot be taken
    kinds = sorted(c.snapshot["kind"] for c in db.session.scalars(select(Certificate)))
    assert kinds == ["course", "programme"]


def test_reconcile_is_idempotent_and_my_learning_runs_it(app, courses, make_trainee,
                                                          trainee_client, trainee):
    course = courses["first-steps"]
    learning.enrol(trainee, course)
    for lesson in ("hello", "goodbye"):
        learning.mark_done(trainee, course, lesson)
    pass_final(trainee, course)
    certificate = db.session.scalar(select(Certificate))
    db.session.delete(certificate)  # as if issuance had failed at completion time
    db.session.commit()
    trainee_client.get("/en/my-learning")
    assert count(Certificate) == 1
    assert not reconcile(trainee.id)


def test_a_revoked_certificate_is_not_issued_again(app, courses, complete, make_trainee,
                                                   admin):
    trainee = make_trainee()
    complete(trainee)
    certificates.revoke(db.session.scalar(select(Certificate)), "Duplicate account", admin)
    assert not reconcile(trainee.id)
    assert count(Certificate) == 1


def test_last_lesson_and_passing_submit_racing_end_complete(app, courses, make_trainee, race):
    """On PostgreSQL each transaction used to miss the other's row."""
    trainee = make_trainee()
    course = courses["first-steps"]
    learning.enrol(trainee, course)
    learning.mark_done(trainee, course, "hello")
    quiz = get_library().courses["first-steps"].final_quiz
    attempt = quizzes.start_attempt(trainee, course, quiz, "en")
    ids = (trainee.id, course.id, attempt.id)

    def read_last():
        learning.mark_done(db.session.get(type(trainee), ids[0]),
                           db.session.get(type(course), ids[1]), "goodbye")

    def submit():
        quizzes.submit_attempt(db.session.get(type(trainee), ids[0]),
                               db.session.get(type(attempt), ids[2]),
                               db.session.get(type(course), ids[1]), quiz,
                               right_answers(quiz), "en")

    assert race(read_last, submit) == []
    db.session.expire_all()
    assert count(CourseCompletion) == 1 and count(Certificate) == 1


def test_reissue_keeps_the_completion_date_and_what_was_true(app, courses, complete, centre,
                                                             make_trainee, trainer):
    trainee = make_trainee(name="Sreypech", centre=centre)
    complete(trainee)
    original = db.session.scalar(select(Certificate))
    original.snapshot = {**original.snapshot, "completed_on": "2026-01-05",
                         "issued_on": "2026-01-05", "score": 0.9}
    db.session.commit()
    trainee.display_name = "Srey Pech"
    courses["first-steps"].pass_mark = 90  # changed since: must not reach the replacement
    db.session.commit()
    new = certificates.reissue(original, trainer)
    s = new.snapshot
    assert (s["name"], s["completed_on"], s["score"], s["pass_mark"]) == (
        "Srey Pech", "2026-01-05", 0.9, 70)
    assert s["issued_on"] != "2026-01-05"
    from orientation.models import AuditEvent
    event = db.session.scalar(select(AuditEvent).where(
        AuditEvent.action == "certificate.replaced"))
    assert event.details["corrected"] == ["name"]


def test_reconcile_by_trainee_code_touches_only_those_trainees(app, runner, courses, complete,
                                                              make_trainee, make_user):
    first, second = make_trainee(name="First"), make_trainee(name="Second")
    for trainee in (first, second):
        complete(trainee)
    # As if the certificates and completions had been lost (a restore, a failed job).
    db.session.execute(Certificate.__table__.delete())
    db.session.execute(CourseCompletion.__table__.delete())
    db.session.commit()

    result = runner.invoke(args=["courses", "reconcile", first.login_code])
    assert result.exit_code == 0, result.output
    assert "Reconciled 1 trainees: 1 had something new." in result.output
    assert count(CourseCompletion, CourseCompletion.user_id == first.id) == 1
    assert count(Certificate, Certificate.user_id == first.id) == 1
    assert count(CourseCompletion, CourseCompletion.user_id == second.id) == 0

    again = runner.invoke(args=["courses", "reconcile", first.login_code])
    assert "Reconciled 1 trainees: 0 had something new." in again.output


def test_reconcile_refuses_unknown_codes_staff_and_no_codes(app, runner, make_trainee,
                                                            make_user):
    trainee, admin = make_trainee(), make_user(Role.admin)
    for args in ([trainee.login_code, "99999999"], [admin.login_code], []):
        result = runner.invoke(args=["courses", "reconcile", *args])
        assert result.exit_code == 2, (args, result.output)
        assert "Reconciled" not in result.output
    both = runner.invoke(args=["courses", "reconcile", "--all", trainee.login_code])
    assert both.exit_code == 2 and "name trainee codes, or --all" in both.output
