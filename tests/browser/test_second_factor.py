"""A trainer sets up the second factor on a 320 px phone in Khmer, reading the key from the
page as a person would type it into an app, logs out, and logs in again with a code."""

import re
import time

import pyotp
from playwright.sync_api import expect

from tests.browser.conftest import SCREENS
from tests.browser.test_phone import PHONE, check_fits
from tests.conftest import PASSWORD

LANG = "km"


def shoot(page, name):
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENS / f"second-factor-{name}.png", full_page=True)


def type_password(page, live_server, t, trainer):
    page.goto(f"{live_server}/{LANG}/login")
    page.get_by_label(t(LANG, "Trainee code or phone number")).fill(trainer.login_code)
    page.get_by_label(t(LANG, "PIN or password")).fill(PASSWORD)
    page.locator("form.card").get_by_role("button", name=t(LANG, "Log in")).click()


def test_a_trainer_sets_up_the_second_factor_and_logs_in_with_a_code(live_server, page,
                                                                     trainer, t):
    page.set_viewport_size(PHONE)
    type_password(page, live_server, t, trainer)
    expect(page).to_have_url(re.compile(rf"/{LANG}/$"))
    page.locator("details.menu summary").click()
    page.locator("details.menu").get_by_role("link", name=t(LANG, "Second factor")).click()
    page.get_by_role("link", name=t(LANG, "Set up the second factor")).click()
    expect(page).to_have_url(re.compile(rf"/{LANG}/account/second-factor/setup$"))
    expect(page.locator(".qr svg")).to_be_visible()
    secret = page.locator(".secret").inner_text().replace(" ", "")
    check_fits(page, "set-up page")
    shoot(page, f"setup-{LANG}-320")
    code = page.get_by_label(t(LANG, "6-digit code from your app"))
    expect(code).to_have_attribute("inputmode", "numeric")
    code.fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name=t(LANG, "Turn on the second factor")).click()
    expect(page.get_by_text(t(LANG, "They are shown only now."))).to_be_visible()
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    check_fits(page, "recovery codes")
    shoot(page, f"codes-{LANG}-320")
    page.locator("details.menu summary").click()
    page.locator("details.menu").get_by_role("button", name=t(LANG, "Log out")).click()

    type_password(page, live_server, t, trainer)
    expect(page).to_have_url(re.compile(rf"/{LANG}/login/code"))
    check_fits(page, "code page")
    shoot(page, f"login-code-{LANG}-320")
    # The next step's code: the one typed at set-up may be this step's, and is never reused.
    page.get_by_label(t(LANG, "6-digit code from your app")).fill(
        pyotp.TOTP(secret).at(time.time() + 30))
    page.locator("form.card").get_by_role("button", name=t(LANG, "Log in"), exact=True).click()
    expect(page).to_have_url(re.compile(rf"/{LANG}/$"))
    page.goto(f"{live_server}/{LANG}/account/second-factor")
    expect(page).to_have_url(re.compile(rf"/{LANG}/account/second-factor$"))
    shoot(page, f"status-{LANG}-320")
