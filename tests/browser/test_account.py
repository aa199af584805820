"""A trainee's own account in a real browser: "Keep me logged in" across a browser restart,
and the account pages on a 320 px phone in Khmer and Lao."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_phone import PHONE
from tests.conftest import PIN


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
