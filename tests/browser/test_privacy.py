"""A trainer, on the trainee's request, downloads their data and then erases them, in Lao
on a 320 px phone: the typed code, a wrong one refused with a message, the erased page."""

import json
import re
import zipfile

from playwright.sync_api import expect

from orientation.accounts.rules import format_code
from tests.browser.test_phone import PHONE, check_fits
from tests.conftest import PASSWORD
from tests.privacy.conftest import world  # noqa: F401  (the fixture)

LANG = "lo"


def test_a_trainer_exports_then_erases_a_trainee_in_lao(live_server, page, t, shoot,
                                                        world):  # noqa: F811
    trainee, code = world.trainee, format_code(world.trainee.login_code)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server}/{LANG}/login")
    page.get_by_label(t(LANG, "Trainee code or phone number")).fill(world.trainer.login_code)
    page.get_by_label(t(LANG, "PIN or password")).fill(PASSWORD)
    page.locator("form.card").get_by_role("button", name=t(LANG, "Log in")).click()
    page.goto(f"{live_server}/{LANG}/trainer/cohorts/{world.cohort.id}/trainees/{trainee.id}")
    page.get_by_role("link", name=t(LANG, "Data and erasure")).click()
    expect(page).to_have_url(re.compile(rf"/{LANG}/trainer/trainees/{trainee.id}/data$"))
    check_fits(page, "data and erasure")
    shoot("1-page")

    page.locator("#export-confirm").fill(code)
    with page.expect_download() as download:
        page.get_by_role("button", name=t(LANG, "Download their data")).click()
    assert download.value.suggested_filename == f"trainee-{trainee.id}-data.zip"
    with zipfile.ZipFile(download.value.path()) as archive:
        data = json.loads(archive.read("data.json"))
    assert data["user_account"]["display_name"] == trainee.display_name

    page.locator("#erase-confirm").fill("1234 5678")
    page.get_by_role("button", name=t(LANG, "Erase their data")).click()
    expect(page.locator("#erase-confirm-error")).to_have_text(
        t(LANG, "That is not this trainee's login code. Nothing was done."))
    check_fits(page, "wrong code")
    shoot("2-wrong-code")

    page.get_by_label(t(LANG, "Also revoke their certificates")).check()
    page.locator("#erase-confirm").fill(code)
    page.get_by_role("button", name=t(LANG, "Erase their data")).click()
    expect(page).to_have_url(re.compile(rf"/{LANG}/trainer/trainees/{trainee.id}/data$"))
    expect(page.locator("main .verdict")).to_be_visible()
    expect(page.get_by_text(trainee.display_name)).to_have_count(0)
    expect(page.locator("main h1 + p strong")).to_contain_text("Erased trainee ")
    check_fits(page, "erased")
    shoot("3-erased")
