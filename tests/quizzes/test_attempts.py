"""Attempts through the pages: order stored, graded once, key never shown, own attempts only."""

from flask_babel import force_locale, gettext
from sqlalchemy import func, select

from orientation.completion import complete_if_due
from orientation.content.library import get_library
from orientation.extensions import db
from orientation.learn import services as learning
from orientation.models import Answer, Attempt, Certificate, CourseCompletion
from orientation.quizzes import services
from orientation.quizzes.stats import get_question_stats
from tests.conftest import PIN, log_in
from tests.quizzes.conftest import answer_form


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def t(app, locale, msgid, **values):
    with app.test_request_context(f"/{locale}/"), force_locale(locale):
        return gettext(msgid, **values)


def test_start_stores_the_order_and_a_second_post_reuses_it(enrolled, start):
    first, second = start(), start()
    assert first == second and count(Attempt) == 1
    attempt = db.session.get(Attempt, first)
    assert sorted(q for q, _ in attempt.order) == sorted(
        ["passport", "signs", "fees", "receipt", "check-agency", "police", "help", "records"])


def test_the_key_never_reaches_the_browser(enrolled, start, trainee_client):
    page = trainee_client.get(f"/en/attempts/{start()}").get_data(as_text=True)
    for secret in ('value="passport-kept"', 'value="see-licence"', 'value="me"', "correct",
                   "Because of", "About employer"):
        assert secret not in page  # no option id, key, explanation or feedback
    assert 'value="0"' in page  # positions in the order shown, nothing else


def test_fail_then_pass_and_complete_in_khmer(app, enrolled, trainee, start, trainee_client):
    for lesson in ("hello", "goodbye"):
        learning.mark_done(trainee, enrolled, lesson)
    attempt_id = start("km")
    attempt = db.session.get(Attempt, attempt_id)
    response = trainee_client.post(f"/km/attempts/{attempt_id}", data=answer_form(attempt, False))
    assert response.headers["Location"] == f"/km/attempts/{attempt_id}/result"
    result = trainee_client.get(f"/km/attempts/{attempt_id}/result").get_data(as_text=True)
    assert "ការពន្យល់ 1" in result  # explanations in Khmer
    assert t(app, "km", "Not right") in result
    assert count(CourseCompletion) == 0

    second = start("km")
    attempt = db.session.get(Attempt, second)
    trainee_client.post(f"/km/attempts/{second}", data=answer_form(attempt))
    result = trainee_client.get(f"/km/attempts/{second}/result").get_data(as_text=True)
    assert t(app, "km", "You have completed this course.") in result
    completion = db.session.scalar(select(CourseCompletion))
    assert (completion.attempt_id, completion.locale, completion.score) == (second, "km", 1.0)
    assert count(Certificate) == 1  # reconcile issued it, in the same transaction
    assert {a.locale for a in db.session.scalars(select(Answer))} == {"km"}


def test_passing_before_the_last_lesson_completes_when_it_is_read(enrolled, trainee, start,
                                                                  trainee_client):
    attempt_id = start()
    trainee_client.post(f"/en/attempts/{attempt_id}",
                        data=answer_form(db.session.get(Attempt, attempt_id)))
    learning.mark_done(trainee, enrolled, "hello")
    assert count(CourseCompletion) == 0
    trainee_client.post("/en/courses/first-steps/goodbye/done")
    assert count(CourseCompletion) == 1


def test_double_submit_records_once(enrolled, start, trainee_client):
    attempt_id = start()
    form = answer_form(db.session.get(Attempt, attempt_id))
    first = trainee_client.post(f"/en/attempts/{attempt_id}", data=form)
    again = trainee_client.post(f"/en/attempts/{attempt_id}", data=answer_form(
        db.session.get(Attempt, attempt_id), right=False))
    assert first.headers["Location"] == again.headers["Location"]
    assert count(Answer) == 8
    assert db.session.get(Attempt, attempt_id).score == 1.0


def test_tampered_and_foreign_options_are_refused(enrolled, start, trainee_client):
    attempt_id = start()
    attempt = db.session.get(Attempt, attempt_id)
    index = {question_id: i for i, (question_id, _) in enumerate(attempt.order)}
    tampered = [
        (f"q{index['passport']}", ["99"]), (f"q{index['passport']}", ["-1"]),
        (f"q{index['passport']}", ["abc"]), (f"q{index['passport']}", ["3"]),  # 3 options: 0-2
        (f"q{index['signs']}", ["0", "0"]), (f"q{index['fees']}", ["maybe"]),
        (f"q{index['police']}-0", ["9"]), (f"q{index['police']}-1",
                                          answer_form(attempt).getlist(f"q{index['police']}-0")),
    ]
    for field, values in tampered:
        form = answer_form(attempt)
        form.setlist(field, values)
        response = trainee_client.post(f"/en/attempts/{attempt_id}", data=form)
        assert response.status_code == 400, (field, values)
    assert count(Answer) == 0 and db.session.get(Attempt, attempt_id).submitted_at is None


def test_unanswered_questions_are_marked_and_nothing_is_saved(app, enrolled, start,
                                                              trainee_client):
    attempt_id = start("lo")
    attempt = db.session.get(Attempt, attempt_id)
    index = {question_id: i for i, (question_id, _) in enumerate(attempt.order)}
    form = answer_form(attempt)
    kept = form.getlist(f"q{index['passport']}")[0]
    del form[f"q{index['signs']}"]
    response = trainee_client.post(f"/lo/attempts/{attempt_id}", data=form)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert page.count(t(app, "lo", "Answer this question.")) == 1
    assert f'name="q{index["passport"]}" value="{kept}" checked' in page  # the rest is kept
    assert count(Answer) == 0


def test_someone_elses_attempt_is_404(app, enrolled, start, make_trainee):
    attempt_id = start()
    other = make_trainee(name="Other")
    learning.enrol(other, enrolled)
    client = app.test_client()
    log_in(client, other.login_code, PIN)
    assert client.get(f"/en/attempts/{attempt_id}").status_code == 404
    assert client.post(f"/en/attempts/{attempt_id}", data={}).status_code == 404
    assert client.get(f"/en/attempts/{attempt_id}/result").status_code == 404
    assert client.get("/en/attempts/999999").status_code == 404


def test_attempt_limit_grant_and_wait(enrolled, trainee, start, trainee_client, trainer):
    enrolled.max_attempts = 1
    db.session.commit()
    attempt_id = start()
    trainee_client.post(f"/en/attempts/{attempt_id}",
                        data=answer_form(db.session.get(Attempt, attempt_id), right=False))
    refused = trainee_client.post("/en/courses/first-steps/quizzes/final/start")
    assert refused.headers["Location"].endswith("/quizzes/final")
    assert count(Attempt) == 1
    services.grant_attempt(trainee.id, enrolled, actor=trainer)
    assert start() != attempt_id

    enrolled.max_attempts, enrolled.attempt_wait_minutes = None, 60
    db.session.commit()
    last = db.session.scalars(select(Attempt).order_by(Attempt.id.desc())).first()
    trainee_client.post(f"/en/attempts/{last.id}", data=answer_form(last, right=False))
    trainee_client.post("/en/courses/first-steps/quizzes/final/start")
    assert count(Attempt) == 2


def test_practice_quiz_gates_nothing(enrolled, trainee, start, trainee_client):
    for lesson in ("hello", "goodbye"):
        learning.mark_done(trainee, enrolled, lesson)
    attempt_id = start(quiz="practice-hello")
    trainee_client.post(f"/en/attempts/{attempt_id}",
                        data=answer_form(db.session.get(Attempt, attempt_id)))
    assert db.session.get(Attempt, attempt_id).passed
    assert count(CourseCompletion) == 0


def test_not_enrolled_cannot_start(courses, trainee_client):
    response = trainee_client.post("/en/courses/first-steps/quizzes/final/start")
    assert response.status_code == 302 and count(Attempt) == 0


def test_completion_exactly_once_when_two_passing_submissions_race(app, enrolled, trainee,
                                                                    race):
    for lesson in ("hello", "goodbye"):
        learning.mark_done(trainee, enrolled, lesson)
    quiz = get_library().courses["first-steps"].quizzes["final"]
    ids = []
    for _ in range(2):  # two open attempts, as from two devices
        attempt = Attempt(user_id=trainee.id, course_id=enrolled.id, quiz_id="final", final=True,
                          course_version=1, locale="en",
                          order=[[q.id, [o.id for o in q.options]] for q in quiz.questions])
        db.session.add(attempt)
        db.session.commit()
        ids.append(attempt.id)
    answers = {q.id: ([q.correct] if q.type in ("single", "true_false") else list(q.correct))
               for q in quiz.questions}

    def submitter(attempt_id):
        def submit():
            services.submit_attempt(db.session.get(type(trainee), trainee.id),
                                    db.session.get(Attempt, attempt_id),
                                    db.session.get(type(enrolled), enrolled.id), quiz, answers,
                                    "en")
        return submit

    errors = race(*(submitter(i) for i in ids))
    assert errors == []
    assert count(CourseCompletion) == 1
    assert complete_if_due(trainee.id, enrolled).attempt_id in ids


def test_question_statistics_by_language_and_version(app, enrolled, make_trainee):
    for lang, right in (("km", True), ("lo", False), ("lo", True)):
        trainee = make_trainee(name=f"T {lang}")
        learning.enrol(trainee, enrolled)
        client = app.test_client()
        log_in(client, trainee.login_code, PIN)
        attempt_id = int(client.post(f"/{lang}/courses/first-steps/quizzes/final/start")
                         .headers["Location"].rsplit("/", 1)[1])
        client.post(f"/{lang}/attempts/{attempt_id}",
                    data=answer_form(db.session.get(Attempt, attempt_id), right))
    stats = {s.question_id: s for s in get_question_stats(enrolled.id)}
    passport = stats["passport"]
    assert (passport.overall.answers, passport.overall.correct) == (3, 2)
    assert passport.by_locale["km"].share_correct == 1.0
    assert passport.by_locale["lo"].share_correct == 0.5
    assert passport.by_version[1].answers == 3


def test_staff_see_the_quiz_but_cannot_start(courses, trainer_client):
    assert trainer_client.get("/en/courses/first-steps/quizzes/final").status_code == 200
    assert trainer_client.post("/en/courses/first-steps/quizzes/final/start").status_code == 403
