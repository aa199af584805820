"""Offline on a phone (issue 15): pages once opened open again with no connection, per
person; a page never opened shows the offline page of its language; logging out leaves
nothing of the person on the phone. The network is switched off with the browser context."""

import re

from playwright.sync_api import expect

from orientation.learn import services as learning
from tests.browser.test_learning import log_in

LESSON = "/km/courses/first-steps/hello"


def wait_for_worker(page):
    """Until the service worker controls the page (it claims pages once installed).
    Polled from here: the page's policy refuses the eval that wait_for_function uses."""
    for _ in range(100):
        if page.evaluate("!!(navigator.serviceWorker && navigator.serviceWorker.controller)"):
            return
        page.wait_for_timeout(100)
    raise AssertionError("no service worker controls the page")


def saved_caches(page):
    return page.evaluate("caches.keys()")


def before_date(t, lang):
    """The translated "saved copy" line up to its date."""
    return t(lang, "Offline: saved copy from %(date)s", date="|").split("|")[0].strip()


def enrolled_and_logged_in(page, live_server, t, courses, trainee, lang="km"):
    learning.enrol(trainee, courses["first-steps"], learning.EnrolmentSource.programme)
    log_in(page, live_server, t, trainee, lang)
    wait_for_worker(page)


def test_visited_lesson_opens_offline_with_the_saved_copy_line(
        live_server, page, courses, trainee, t, shoot):
    enrolled_and_logged_in(page, live_server, t, courses, trainee)
    page.goto(live_server + LESSON)
    expect(page.locator(".offline-note")).to_be_hidden()  # online: the page as always
    page.goto(f"{live_server}/km/my-learning")
    page.context.set_offline(True)
    page.goto(live_server + LESSON)
    expect(page.locator("article.lesson h1")).to_have_text("សួស្តី")
    note = page.locator(".offline-note")
    expect(note).to_be_visible()
    expect(note).to_contain_text(before_date(t, "km"))
    expect(note).to_contain_text(re.compile(r"20\d\d"))  # the date, as Khmer writes it
    picture = page.locator("article.lesson img").first
    expect(picture).to_be_visible()
    assert picture.evaluate("img => img.complete && img.naturalWidth > 0")
    assert page.evaluate("getComputedStyle(document.body).fontFamily") != "", "stylesheet"
    assert page.evaluate("document.styleSheets[0].cssRules.length") > 10
    page.goto(f"{live_server}/km/my-learning")
    expect(page.locator(".offline-note")).to_be_visible()
    shoot("lesson-offline-km")


def test_page_never_opened_shows_the_translated_offline_page(
        live_server, page, courses, trainee, t, shoot):
    enrolled_and_logged_in(page, live_server, t, courses, trainee, "lo")
    page.context.set_offline(True)
    page.goto(f"{live_server}/lo/courses/first-steps/goodbye")
    expect(page.get_by_role("heading", level=1)).to_have_text(t("lo", "No connection"))
    expect(page.locator("html")).to_have_attribute("lang", "lo")
    assert page.evaluate("document.styleSheets[0].cssRules.length") > 10
    shoot("never-opened-lo")


def test_logout_leaves_nothing_of_the_person(live_server, page, courses, trainee, t, shoot):
    enrolled_and_logged_in(page, live_server, t, courses, trainee)
    page.goto(live_server + LESSON)
    assert any(name.startswith("o-u-") for name in saved_caches(page))
    # Only Chromium's handling of the logout's Clear-Site-Data removes these two.
    page.evaluate("localStorage.setItem('mark', '1') || caches.open('mark')")
    page.locator("details.menu summary").click()
    page.locator("details.menu").get_by_role("button", name=t("km", "Log out")).click()
    expect(page.get_by_role("link", name=t("km", "Log in")).first).to_be_visible()
    assert page.evaluate("localStorage.getItem('mark')") is None
    wait_for_worker(page)  # unregistered by Clear-Site-Data, registered again by this page
    names = saved_caches(page)
    assert "mark" not in names and not any(name.startswith("o-u-") for name in names)
    page.context.set_offline(True)
    page.goto(live_server + LESSON)
    expect(page.get_by_role("heading", level=1)).to_have_text(t("km", "No connection"))
    expect(page.locator("article.lesson")).to_have_count(0)
    shoot("after-logout-km")
