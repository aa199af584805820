"""The trainer on a phone and a laptop: the matrix keeps its header (and, on a phone, the
names) in view while scrolling; a name leads to the trainee's page and its actions."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from orientation.extensions import db
from orientation.learn import services as learning
from orientation.models import Programme
from tests.conftest import PASSWORD, departs_in

NAMES = ["ສົມສັກ ພົມມະວົງ", "សុខ ចាន់ថា", "Nguyễn Thị Hoa", "王芳"]


def log_in(page, live_server, lang, trainer, t):
    page.goto(f"{live_server}/{lang}/login")
    page.get_by_label(t(lang, "Trainee code or phone number")).fill(trainer.login_code)
    page.get_by_label(t(lang, "PIN or password")).fill(PASSWORD)
    page.locator("form.card").get_by_role("button", name=t(lang, "Log in")).click()


def box(page, selector):
    return page.locator(selector).first.bounding_box()


@pytest.mark.parametrize(("lang", "width"), [("lo", 320), ("km", 360), ("en", 1280)])
def test_matrix_header_and_names_stay_in_view(live_server, page, courses, trainer, t, shoot,
                                              make_trainee, lang, width):
    cohort = learning.create_cohort(trainer.centre, db.session.scalar(select(Programme)),
                                    "Batch 9", date.today(), departs_in(trainer.centre, 5))
    for n in range(40):
        learning.join_cohort(make_trainee(name=f"{NAMES[n % 4]} {n}", centre=trainer.centre),
                             cohort, commit=False)
    db.session.commit()
    page.set_viewport_size({"width": width, "height": 700})
    log_in(page, live_server, lang, trainer, t)
    page.goto(f"{live_server}/{lang}/trainer/cohorts/{cohort.id}?sort=name")
    expect(page.locator("[aria-sort=ascending]")).to_have_count(1)
    expect(page.locator(".sort-bar [aria-current]")).to_have_text(t(lang, "Name"))
    reason = page.locator(".risk-reason").first
    if lang == "en":
        expect(reason).to_have_text("departs in 5 days, 0 of 3 courses complete")
    expect(reason).to_contain_text("5")
    shoot(f"1-matrix-{lang}-{width}")
    wrap = ".table-wrap.sticky"
    top = box(page, wrap)["y"]
    page.locator(wrap).evaluate("el => { el.scrollTop = 900; }")
    assert abs(box(page, f"{wrap} thead th")["y"] - top) < 3  # the header stayed on top
    if width <= 360:
        left = box(page, wrap)["x"]
        page.locator(wrap).evaluate("el => { el.scrollLeft = 400; }")
        assert abs(box(page, f"{wrap} tbody td")["x"] - left) < 3  # names stayed
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    shoot(f"2-matrix-scrolled-{lang}-{width}")


def test_from_the_matrix_to_a_trainee_and_back(live_server, page, courses, trainer, t, shoot,
                                               make_trainee):
    programme = db.session.scalar(select(Programme))
    cohort = learning.create_cohort(trainer.centre, programme, "Batch 10", date.today(),
                                    date.today() + timedelta(days=30))
    learning.create_cohort(trainer.centre, programme, "Batch 11", date.today(),
                           date.today() + timedelta(days=60))
    lao = make_trainee(name="ສົມສັກ ພົມມະວົງ", centre=trainer.centre)
    learning.join_cohort(lao, cohort)
    page.set_viewport_size({"width": 320, "height": 700})
    log_in(page, live_server, "lo", trainer, t)
    page.goto(f"{live_server}/lo/trainer/cohorts/{cohort.id}")
    page.get_by_role("link", name="ສົມສັກ ພົມມະວົງ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("ສົມສັກ ພົມມະວົງ")
    shoot("1-trainee-lo-320")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    with page.expect_download() as card:
        page.get_by_role("button", name=t("lo", "Print a new login card")).click()
    assert card.value.suggested_filename == f"card-{lao.id}.pdf"
    page.get_by_role("button", name=t("lo", "Give one more attempt")).click()
    expect(page.get_by_text(t("lo", "%(name)s may try the final quiz once more.",
                              name="ສົມສັກ ພົມມະວົງ"))).to_be_visible()
    page.get_by_label(t("lo", "Move to another cohort")).select_option(label="Batch 11")
    page.get_by_role("button", name=t("lo", "Move"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Batch 11")
    page.goto(f"{live_server}/lo/trainer/trainees?q=ສົມສັກ")
    expect(page.get_by_role("link", name="ສົມສັກ ພົມມະວົງ")).to_be_visible()
    shoot("2-search-lo-320")
