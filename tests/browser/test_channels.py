"""A Lao trainee on a 320 px phone opens the Hong Kong programme: one clear warning page in
Lao, no way to choose it, and the lesson on warning signs one tap away (shipped courses)."""

import pytest
from playwright.sync_api import expect

from orientation.config import REPO_ROOT
from tests.browser.test_learning import log_in
from tests.browser.test_phone import PHONE, check_fits


@pytest.fixture
def settings(settings):
    settings["COURSES_FOLDER"] = str(REPO_ROOT / "courses")
    return settings


def test_lao_trainee_sees_the_hong_kong_warning_on_a_phone(live_server, page, courses,
                                                           make_trainee, centre, t, shoot):
    trainee = make_trainee(name="ບຸນມີ ພົມມະວົງສາ", centre=centre, origin="LA",
                           preferred_locale="lo")
    page.set_viewport_size(PHONE)
    log_in(page, live_server, t, trainee, "lo")
    page.goto(f"{live_server}/lo/courses/")
    expect(page.locator("a[href='/lo/programmes/hong-kong']")).to_have_count(0)
    expect(page.locator("a[href='/lo/programmes/thailand']")).to_have_count(1)

    page.goto(f"{live_server}/lo/programmes/hong-kong")
    warning = t("lo", "There is no legal way for people from %(origin)s to do %(work)s in "
                "%(destination)s. An offer to do it is a warning sign.",
                origin=t("lo", "Laos"), work="ວຽກຮັບໃຊ້ໃນເຮືອນ",
                destination=t("lo", "Hong Kong"))
    expect(page.get_by_text(warning)).to_be_visible()
    expect(page.get_by_role("button", name=t("lo", "Choose this programme"))).to_have_count(0)
    check_fits(page, "the warning page")
    shoot("warning-lo-320")

    page.get_by_role("link", name=t("lo", "Read the lesson on warning signs")).click()
    expect(page).to_have_url(f"{live_server}/lo/courses/safe-migration")  # join it to read


def test_lao_trainee_reads_who_can_come_to_thailand(live_server, page, courses, make_trainee,
                                                   centre, t, shoot):
    trainee = make_trainee(centre=centre, origin="LA", preferred_locale="lo")
    page.set_viewport_size(PHONE)
    log_in(page, live_server, t, trainee, "lo")
    page.goto(f"{live_server}/lo/courses/living-in-thailand")
    box = page.locator("section.channels")
    expect(box.get_by_role("heading", name=t("lo", "Who can come here legally, and how")))\
        .to_be_visible()
    expect(box).to_contain_text("2002")
    check_fits(page, "the Thailand course")
    shoot("thailand-box-lo-320")


def test_visitors_read_every_origins_channel_to_hong_kong(live_server, page, courses, t, shoot):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server}/km/courses/living-in-hong-kong")
    rows = page.locator("section.channels h3")
    expect(rows).to_have_count(4)
    expect(rows.nth(0)).to_contain_text(t("km", "Legal channel"))  # Cambodia
    expect(rows.nth(1)).to_contain_text(t("km", "No legal channel"))  # Laos
    check_fits(page, "the Hong Kong course")
    shoot("hong-kong-table-km-320")
