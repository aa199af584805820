"""The first journey: a visitor switches to Khmer, logs in, and moves on to Lao."""

import re

from playwright.sync_api import expect

from orientation.accounts.rules import format_code
from tests.conftest import PIN


def test_visitor_switches_to_khmer_logs_in_and_switches_to_lao(
    live_server, page, trainee, t, shoot
):
    page.goto(live_server + "/", wait_until="load")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.get_by_role("link", name="ខ្មែរ").click()
    expect(page.locator("html")).to_have_attribute("lang", "km")
    shoot("1-home-km")

    page.get_by_role("link", name=t("km", "Log in")).first.click()
    page.get_by_label(t("km", "Trainee code or phone number")).fill(trainee.login_code)
    page.get_by_label(t("km", "PIN or password")).fill(PIN)
    shoot("2-login-km")
    page.locator("form.card").get_by_role("button", name=t("km", "Log in")).click()

    expect(page).to_have_url(re.compile(r"/km/$"))
    heading = t("km", "Welcome, %(name)s", name=trainee.display_name)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.get_by_text(format_code(trainee.login_code))).to_be_visible()
    shoot("3-home-km-logged-in")

    # Logged in, the switcher is a small form: it also saves the account's language.
    page.get_by_role("button", name="ລາວ").click()
    expect(page).to_have_url(re.compile(r"/lo/$"))
    expect(page.locator("html")).to_have_attribute("lang", "lo")
    heading = t("lo", "Welcome, %(name)s", name=trainee.display_name)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    shoot("4-home-lo")
    page.goto(live_server + "/")
    expect(page).to_have_url(re.compile(r"/lo/$"))  # the saved language


def test_wrong_pin_then_right_one_in_vietnamese(live_server, page, trainee, t, shoot):
    page.goto(live_server + "/vi/login")
    page.get_by_label(t("vi", "Trainee code or phone number")).fill(trainee.login_code)
    page.get_by_label(t("vi", "PIN or password")).fill("000000")
    page.locator("form.card").get_by_role("button", name=t("vi", "Log in")).click()
    message = t("vi", "The login or the PIN/password is not right. Please try again.")
    expect(page.get_by_role("alert")).to_have_text(message)
    shoot("wrong-pin-vi")
    page.get_by_label(t("vi", "PIN or password")).fill(PIN)
    page.locator("form.card").get_by_role("button", name=t("vi", "Log in")).click()
    expect(page).to_have_url(re.compile(r"/vi/$"))


def test_register_in_lao_shows_the_code_and_logs_in(live_server, page, t, shoot):
    page.goto(live_server + "/lo/register")
    page.get_by_label(t("lo", "Your name")).fill("ບຸນມີ ສີສະຫວາດ")
    page.get_by_label(t("lo", "Where do you come from?")).select_option("LA")
    page.get_by_label(t("lo", "PIN or password"), exact=True).fill("135790")
    page.get_by_label(t("lo", "The same PIN or password again")).fill("135790")
    shoot("1-form-lo")
    page.get_by_role("button", name=t("lo", "Create my account")).click()
    expect(page).to_have_url(re.compile(r"/lo/welcome$"))
    code = page.locator(".code").inner_text()
    assert re.fullmatch(r"\d{4} \d{4}", code)
    shoot("2-welcome-lo")

    page.locator("details.menu summary").click()  # the phone's menu
    page.get_by_role("button", name=t("lo", "Log out")).click()
    page.goto(live_server + "/lo/login")
    page.get_by_label(t("lo", "Trainee code or phone number")).fill(code)
    page.get_by_label(t("lo", "PIN or password")).fill("135790")
    page.locator("form.card").get_by_role("button", name=t("lo", "Log in")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        t("lo", "Welcome, %(name)s", name="ບຸນມີ ສີສະຫວາດ"))


def test_no_horizontal_scroll_at_360_px(live_server, page, admin):
    for path in ("/km/", "/lo/login", "/km/register"):
        page.goto(live_server + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} is {width}px wide"


def test_the_login_fields_ask_a_phone_for_its_keyboard(live_server, page, t, shoot):
    """Defect: inputmode="None" told phones to show no keyboard at all."""
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server + "/km/login")
    login = page.get_by_label(t("km", "Trainee code or phone number"))
    secret = page.get_by_label(t("km", "PIN or password"))
    for field in (login, secret):
        assert field.get_attribute("inputmode") in (None, "numeric", "tel", "text")
        for name in ("inputmode", "autocomplete", "maxlength"):
            assert field.get_attribute(name) != "None"
    assert login.get_attribute("autocomplete") == "username"
    assert secret.get_attribute("autocomplete") == "current-password"
    login.focus()
    assert page.evaluate("document.activeElement.inputMode") != "none"
    shoot("login-km-320")
