"""Quiz journeys: failed, then passed, in Khmer and Vietnamese; practice in Lao; at 360 px."""

import re

import pytest
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


EXPLANATION = {"km": "ការពន្យល់ 1", "vi": "Giải thích 1"}  # the fixture quiz's texts


@pytest.mark.parametrize("lang", ["km", "vi"])
def test_final_quiz_failed_then_passed(live_server, page, courses, trainee, t, shoot, lang):
    course = courses["first-steps"]
    learning.enrol(trainee, course)
    for lesson in ("hello", "goodbye"):
        learning.mark_done(trainee, course, lesson)
    log_in(page, live_server, t, trainee, lang)
    page.goto(f"{live_server}/{lang}/courses/first-steps")
    page.get_by_role("link", name=t(lang, "Open the final quiz")).click()
    page.get_by_role("button", name=t(lang, "Start the quiz")).click()
    expect(page.locator("fieldset.question")).to_have_count(8)
    shoot(f"1-quiz-{lang}")

    page.get_by_role("button", name=t(lang, "Send my answers")).click()  # nothing chosen
    expect(page.locator("fieldset.question.missing")).to_have_count(8)

    answer(page, attempt_id_of(page), right=False)
    page.get_by_role("button", name=t(lang, "Send my answers")).click()
    expect(page).to_have_url(re.compile(rf"/{lang}/attempts/\d+/result$"))
    expect(page.locator(".score.not-yet")).to_be_visible()
    expect(page.locator(".mark.right")).to_have_count(0)
    expect(page.get_by_text(EXPLANATION[lang])).to_be_visible()  # explanations in the language
    shoot(f"2-failed-{lang}")

    page.get_by_role("link", name=t(lang, "Back to the quiz")).click()
    page.get_by_role("button", name=t(lang, "Try again")).click()
    second = attempt_id_of(page)
    answer(page, second, right=True)
    page.get_by_role("button", name=t(lang, "Send my answers")).click()
    expect(page.get_by_text(t(lang, "You passed. Well done!"))).to_be_visible()
    expect(page.get_by_text(t(lang, "You have completed this course."))).to_be_visible()
    shoot(f"3-passed-{lang}")
    page.go_back()  # back to the answered form: a sent attempt shows its result, not the form
    expect(page).to_have_url(re.compile(rf"/{lang}/attempts/{second}/result$"))
    expect(page.locator("form.quiz")).to_have_count(0)
    expect(page.get_by_text(t(lang, "You passed. Well done!"))).to_be_visible()
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
