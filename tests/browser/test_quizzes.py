"""Quiz journeys: failed, then passed, in Khmer; practice in Lao; all on a 360 px screen."""

import re

from playwright.sync_api import expect
from sqlalchemy import select

from orientation.extensions import db
from orientation.learn import services as learning
from orientation.models import Attempt, CourseCompletion
from tests.browser.test_learning import log_in
from tests.quizzes.conftest import answer_form


def answer(page, attempt_id, right):
    db.session.expire_all()
    form = answer_form(db.session.get(Attempt, attempt_id), right)
    for name in form:
        values = form.getlist(name)
        if "-" in name:  # an ordering step: its place
            page.locator(f'select[name="{name}"]').select_option(values[0])
        else:
            for value in values:
                page.locator(f'input[name="{name}"][value="{value}"]').check()


def attempt_id_of(page):
    return int(re.search(r"/attempts/(\d+)", page.url)[1])


def test_final_quiz_failed_then_passed_in_khmer(live_server, page, courses, trainee, t, shoot):
    course = courses["first-steps"]
    learning.enrol(trainee, course)
    for lesson in ("hello", "goodbye"):
        learning.mark_done(trainee, course, lesson)
    log_in(page, live_server, t, trainee, "km")
    page.goto(f"{live_server}/km/courses/first-steps")
    page.get_by_role("link", name=t("km", "Open the final quiz")).click()
    page.get_by_role("button", name=t("km", "Start the quiz")).click()
    expect(page.locator("fieldset.question")).to_have_count(8)
    shoot("1-quiz-km")

    page.get_by_role("button", name=t("km", "Send my answers")).click()  # nothing chosen
    expect(page.locator("fieldset.question.missing")).to_have_count(8)

    answer(page, attempt_id_of(page), right=False)
    page.get_by_role("button", name=t("km", "Send my answers")).click()
    expect(page).to_have_url(re.compile(r"/km/attempts/\d+/result$"))
    expect(page.locator(".score.not-yet")).to_be_visible()
    expect(page.locator(".mark.right")).to_have_count(0)
    expect(page.get_by_text("ការពន្យល់ 1")).to_be_visible()  # explanations in Khmer
    shoot("2-failed-km")

    page.get_by_role("link", name=t("km", "Back to the quiz")).click()
    page.get_by_role("button", name=t("km", "Try again")).click()
    answer(page, attempt_id_of(page), right=True)
    page.get_by_role("button", name=t("km", "Send my answers")).click()
    expect(page.get_by_text(t("km", "You passed. Well done!"))).to_be_visible()
    expect(page.get_by_text(t("km", "You have completed this course."))).to_be_visible()
    shoot("3-passed-km")
    page.go_back()  # back to the answered form, and send it again
    if page.locator("form.quiz").count():
        page.get_by_role("button", name=t("km", "Send my answers")).click()
    db.session.expire_all()
    assert len(db.session.scalars(select(CourseCompletion)).all()) == 1
    assert len(db.session.scalars(select(Attempt)).all()) == 2


def test_practice_quiz_after_a_lesson_in_lao(live_server, page, courses, trainee, t, shoot):
    learning.enrol(trainee, courses["first-steps"])
    log_in(page, live_server, t, trainee, "lo")
    page.goto(f"{live_server}/lo/courses/first-steps/hello")
    page.get_by_role("link", name=t("lo", "Practice quiz: test yourself")).click()
    page.get_by_role("button", name=t("lo", "Start the quiz")).click()
    answer(page, attempt_id_of(page), right=True)
    shoot("1-practice-lo")
    page.get_by_role("button", name=t("lo", "Send my answers")).click()
    expect(page.locator(".mark.right")).to_have_count(2)
    expect(page.get_by_text("ຄຳອະທິບາຍ 1")).to_be_visible()
    shoot("2-practice-result-lo")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
