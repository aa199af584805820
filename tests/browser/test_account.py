"""A trainee's own account in a real browser: "Keep me logged in" across a browser restart,
and the account pages on a 320 px phone in Khmer and Lao."""

import re

import pytest
from playwright.sync_api import expect

from orientation.config import REPO_ROOT
from tests.browser.conftest import SCREENS
from tests.browser.test_phone import NAMES, PHONE, check_fits
from tests.conftest import PASSWORD, PIN


def log_in(page, live_server, t, user, lang, keep=False, secret=PIN):
    page.goto(f"{live_server}/{lang}/login")
    page.get_by_label(t(lang, "Trainee code or phone number")).fill(user.login_code)
    page.get_by_label(t(lang, "PIN or password")).fill(secret)
    if keep:
        page.get_by_label(t(lang, "Keep me logged in")).check()
    page.locator("form.card").get_by_role("button", name=t(lang, "Log in")).click()
    expect(page).to_have_url(re.compile(rf"/{lang}/$"))


def reopened(browser, context):
    """The same browser started again: what it stored, without the cookies that had no expiry
    (a browser drops those when it closes)."""
    state = context.storage_state()
    context.close()
    state["cookies"] = [c for c in state["cookies"] if c.get("expires", -1) > 0]
    return browser.new_context(storage_state=state, viewport=PHONE)


@pytest.mark.parametrize("keep", [False, True])
def test_closing_the_browser_ends_the_session_unless_kept(live_server, browser, trainee, t,
                                                          keep):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    log_in(page, live_server, t, trainee, "km", keep=keep)
    page.goto(f"{live_server}/km/welcome")
    expect(page).to_have_url(re.compile(r"/km/welcome$"))
    again = reopened(browser, context)
    page = again.new_page()
    page.goto(f"{live_server}/km/welcome")
    if keep:
        expect(page).to_have_url(re.compile(r"/km/welcome$"))
    else:
        expect(page).to_have_url(re.compile(r"/km/login\?next="))
    again.close()


@pytest.fixture
def settings(settings):
    settings["COURSES_FOLDER"] = str(REPO_ROOT / "courses")  # real titles, long in Khmer
    return settings


@pytest.fixture
def rich_trainee(courses, complete, make_trainee, centre):
    """rich_trainee(lang): a trainee with a certificate, attempts and a phone."""

    def make(lang):
        trainee = make_trainee(name=NAMES[lang], centre=centre, preferred_locale=lang,
                               phone="+85512345678", latin_name="SOK CHANTHA")
        complete(trainee, "safe-migration", lang)
        return trainee

    return make


@pytest.mark.parametrize("lang", ["km", "lo"])
def test_a_trainee_changes_the_pin_on_a_phone_without_script(live_server, browser, rich_trainee,
                                                             t, lang):
    trainee = rich_trainee(lang)
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    log_in(page, live_server, t, trainee, lang)
    page.goto(f"{live_server}/{lang}/my-learning")
    page.get_by_role("link", name=t(lang, "Change my PIN")).click()
    expect(page).to_have_url(re.compile(rf"/{lang}/account/pin$"))
    change = page.locator("form.card").get_by_role("button", name=t(lang, "Change my PIN"))
    change.click()  # empty
    expect(page.get_by_text(t(lang, "Please enter your PIN or password."))).to_be_visible()
    check_fits(page, f"{lang} PIN errors")
    shoot(page, f"pin-empty-{lang}-320")
    page.get_by_label(t(lang, "Your PIN or password now")).fill("999999")
    page.get_by_label(t(lang, "New PIN or password")).fill("135792")
    page.get_by_label(t(lang, "The same PIN or password again")).fill("135792")
    change.click()
    expect(page.get_by_text(t(lang, "This is not your PIN or password now. Please try again."))
           ).to_be_visible()
    shoot(page, f"pin-wrong-{lang}-320")
    page.get_by_label(t(lang, "Your PIN or password now")).fill(PIN)
    page.get_by_label(t(lang, "New PIN or password")).fill("135792")
    page.get_by_label(t(lang, "The same PIN or password again")).fill("135792")
    change.click()
    expect(page.get_by_text(t(lang, "Your PIN is changed. Other phones and computers are "
                                    "logged out."))).to_be_visible()
    check_fits(page, f"{lang} PIN changed")
    shoot(page, f"pin-changed-{lang}-320")
    context.close()


@pytest.mark.parametrize("lang", ["km", "lo"])
def test_my_data_fits_a_320_px_phone(live_server, page, rich_trainee, t, lang):
    trainee = rich_trainee(lang)
    page.set_viewport_size(PHONE)
    log_in(page, live_server, t, trainee, lang)
    page.locator("details.menu summary").click()
    page.locator("details.menu").get_by_role("link", name=t(lang, "My data")).click()
    expect(page).to_have_url(re.compile(rf"/{lang}/account/my-data$"))
    expect(page.locator("main dd").first).to_have_text(NAMES[lang])
    expect(page.get_by_text("+85512345678")).to_be_visible()
    check_fits(page, f"{lang} my data")
    shoot(page, f"my-data-{lang}-320")
    other = "lo" if lang == "km" else "km"
    page.locator("main").get_by_role("button", name=dict(km="ខ្មែរ", lo="ລາວ")[other]).click()
    expect(page).to_have_url(re.compile(rf"/{other}/account/my-data$"))
    expect(page.locator("main strong")).to_have_text(dict(km="ខ្មែរ", lo="ລາວ")[other])


def test_staff_change_the_password_from_the_menu(live_server, page, trainer, t):
    page.set_viewport_size(PHONE)
    log_in(page, live_server, t, trainer, "km", secret=PASSWORD)
    page.locator("details.menu summary").click()
    page.locator("details.menu").get_by_role("link", name=t("km", "Change my password")).click()
    expect(page).to_have_url(re.compile(r"/km/account/password$"))
    page.get_by_label(t("km", "Your password now")).fill(PASSWORD)
    page.get_by_label(t("km", "New password"), exact=True).fill("a new long passphrase")
    page.get_by_label(t("km", "The same password again")).fill("a new long passphrase")
    page.locator("form.card").get_by_role("button", name=t("km", "Change my password")).click()
    expect(page.get_by_text(t("km", "Your password is changed. Other browsers are logged out."))
           ).to_be_visible()
    check_fits(page, "password changed")
    shoot(page, "password-changed-km-320")


def shoot(page, name):
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENS / f"account-{name}.png", full_page=True)


@pytest.mark.parametrize("lang", ["km", "lo"])
def test_the_keep_box_is_unticked_and_fits_a_phone(live_server, page, t, lang):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server}/{lang}/login")
    box = page.get_by_label(t(lang, "Keep me logged in"))
    expect(box).not_to_be_checked()
    assert box.bounding_box()["width"] >= 20  # a finger finds it
    check_fits(page, f"{lang} login")
    shoot(page, f"login-{lang}-320")
