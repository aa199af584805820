"""Departure readiness on a phone: a trainee fills in the checklist in Khmer, a trainer
confirms the contract review in Lao, both at 320 px (screenshots in test-results/screens/)."""

from datetime import date

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from orientation.config import REPO_ROOT
from orientation.extensions import db
from orientation.learn.services import create_cohort, get_programme, join_cohort
from orientation.models import Agency, Departure, Payment, Role
from tests.browser.test_learning import log_in
from tests.conftest import PASSWORD, departs_in

PHONE = {"width": 320, "height": 568}


@pytest.fixture
def settings(settings):
    settings["COURSES_FOLDER"] = str(REPO_ROOT / "courses")  # the money lessons are linked
    return settings


@pytest.fixture
def cohort(courses, centre, trainee):
    centre.country = "KH"
    db.session.add(Agency(country="KH", name="Demo Agency One (fictional)",
                          licence_number="DEMO-KH-001", destinations=["TH"],
                          licence_expires_on=date(2099, 1, 1)))
    db.session.commit()
    cohort = create_cohort(centre, get_programme("thailand"), "Batch 1",
                           departs_in(centre, -10), departs_in(centre, 20))
    join_cohort(trainee, cohort)
    return cohort


def fits(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width} px wide"


def answer(page, t, lang, question, choice):
    page.locator("fieldset", has_text=t(lang, question)).get_by_label(t(lang, choice)).check()


def test_a_khmer_trainee_fills_in_the_checklist(live_server, page, cohort, trainee, t, shoot):
    lang = "km"
    page.set_viewport_size(PHONE)
    log_in(page, live_server, t, trainee, lang)
    page.goto(f"{live_server}/{lang}/my-learning")
    page.get_by_role("link", name=t(lang, "Before you leave: your checklist")).click()
    page.get_by_label(t(lang, "Where will you work?")).select_option("TH")
    page.get_by_label(t(lang, "What kind of work?")).select_option("factory")
    page.get_by_label(t(lang, "Recruitment agency")).select_option(
        label="Demo Agency One (fictional) (DEMO-KH-001)")
    answer(page, t, lang, "Do you keep your passport yourself?", "Yes")
    answer(page, t, lang, "Do you have insurance for your work abroad?", "Yes")
    answer(page, t, lang, "Are the help contacts saved on your phone?", "Yes")
    page.locator("form", has=page.get_by_label(t(lang, "Where will you work?"))) \
        .get_by_role("button", name=t(lang, "Save")).click()
    expect(page.get_by_text(t(lang, "Saved."))).to_be_visible()
    page.get_by_label(t(lang, "Paid to (a person or a company)")).fill("ក្រុមហ៊ុន ក")
    page.get_by_label(t(lang, "What for?")).select_option("medical")
    page.get_by_label(t(lang, "Amount")).fill("១២០")  # Khmer digits
    answer(page, t, lang, "Did you get a receipt?", "No")
    page.get_by_role("button", name=t(lang, "Add this payment")).click()
    expect(page.get_by_text(t(lang, "Payment saved."))).to_be_visible()
    expect(page.get_by_text("ការពិនិត្យសុខភាពដែលត្រូវការដើម្បីទទួលបានការងារ")).to_be_visible()
    expect(page.get_by_role("link", name=t(lang, "Read the lesson: what to do")).first) \
        .to_have_attribute("href", "/km/courses/money-matters/if-you-are-asked-to-pay")
    fits(page)
    shoot("checklist-km-320")
    payment = db.session.scalar(select(Payment))
    assert (payment.amount, payment.receipt) == (120, False)


def test_a_lao_trainer_confirms_the_contract_review_on_a_phone(live_server, page, cohort,
                                                               trainee, make_user, centre,
                                                               t, shoot):
    lang = "lo"
    trainer = make_user(Role.trainer, name="ຄູ ສົມພອນ", centre=centre, preferred_locale=lang)
    db.session.add(Departure(user_id=trainee.id, destination="TH"))
    db.session.commit()
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server}/{lang}/login")
    page.get_by_label(t(lang, "Trainee code or phone number")).fill(trainer.login_code)
    page.get_by_label(t(lang, "PIN or password")).fill(PASSWORD)
    page.locator("form.card").get_by_role("button", name=t(lang, "Log in")).click()
    page.goto(f"{live_server}/{lang}/trainer/cohorts/{cohort.id}/trainees/{trainee.id}")
    page.get_by_role("link", name=t(lang, "Departure checklist and contract review")).click()
    page.get_by_label(t(lang, "Language of the contract")).select_option("km")
    answer(page, t, lang, "Does the trainee keep a copy of the contract?", "Yes")
    page.get_by_role("button", name=t(lang, "Confirm the contract review")).click()
    expect(page.get_by_text(t(lang, "Contract review saved."))).to_be_visible()
    fits(page)
    shoot("contract-review-lo-320")
    departure = db.session.scalar(select(Departure))
    db.session.refresh(departure)
    assert (departure.contract_language, departure.contract_reviewed_by_id,
            departure.contract_copy_kept) == ("km", trainer.id, True)
