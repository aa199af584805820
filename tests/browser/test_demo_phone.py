"""The README's demo on a phone: the demo trainees who read Khmer and Lao log in at 320 px and
at 360 px and open every page of their menu, where My learning says to continue, the course,
the lesson, the departure checklist and a certificate. Nothing is wider than the screen, the
header stays small, and screenshots land in test-results/screens/ (test_demo_phone-*) for a
person to look at.

tests/browser/test_phone.py checks the same on made-up trainees; this is the data a centre
first sees when it tries the product as the README says.
"""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SCREENS
from tests.browser.test_crawl import demo_data, settings  # noqa: F401  (fixtures)
from tests.browser.test_phone import PHONE, check_fits

DEMO_TRAINEES = {"km": "10000001", "lo": "10000002"}
WIDTHS = (320, 360)


def log_in(page, live_server, lang):
    page.goto(f"{live_server}/{lang}/login")
    page.locator("#login").fill(DEMO_TRAINEES[lang])
    page.locator("#secret").fill("123456")
    page.locator("#submit").click()
    expect(page).to_have_url(re.compile(rf"/{lang}/$"))


def menu_pages(page, live_server):
    """The same-site pages the phone menu links, except logging out (a form, not a link)."""
    hrefs = page.locator("details.menu a").evaluate_all("links => links.map(a => a.href)")
    return [href for href in dict.fromkeys(hrefs) if href.startswith(live_server)]


def visit(page, url, lang, where, shots):
    """Open a page in the trainee's language (None: a certificate, in its own language)."""
    response = page.goto(url)
    assert response.status < 400, f"{where}: {response.status}"
    if lang:
        expect(page.locator("html")).to_have_attribute("lang", lang)
        check_fits(page, where)
    else:  # the print view has no site header
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= page.viewport_size["width"], f"{where} is {width} px wide"
    name = re.sub(r"[^a-z0-9]+", "-", urlsplit(url).path.lower()).strip("-")
    path = SCREENS / f"test_demo_phone-{name[:2]}-{page.viewport_size['width']}-{name}.png"
    page.screenshot(path=path, full_page=True)
    shots.append(path)


@pytest.mark.parametrize("lang", ["km", "lo"])
@pytest.mark.parametrize("width", WIDTHS)
def test_the_demo_trainee_uses_every_page_on_a_phone(demo_data, live_server, page, lang,  # noqa: F811
                                                     width):
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({**PHONE, "width": width})
    page.goto(f"{live_server}/{lang}/login")
    check_fits(page, f"login at {width}")
    log_in(page, live_server, lang)
    shots = []
    pages = menu_pages(page, live_server)
    assert len(pages) >= 4, pages  # courses, my learning, my certificates, my data
    for url in pages:
        visit(page, url, lang, f"{url} at {width}", shots)

    page.goto(f"{live_server}/{lang}/my-learning")
    cont = page.locator("main a.button").first  # "Continue: lesson N of ..." at the top
    expect(cont).to_be_visible()
    lesson = cont.get_attribute("href")
    visit(page, live_server + lesson, lang, f"continue ({lesson}) at {width}", shots)
    course = re.sub(r"/[^/]+$", "", lesson)
    visit(page, live_server + course, lang, f"course at {width}", shots)
    for path in ("/", "/departure"):  # the start page; "Before you leave: your checklist"
        visit(page, f"{live_server}/{lang}{path}", lang, f"{path} at {width}", shots)

    page.goto(f"{live_server}/{lang}/my-certificates")
    printed = page.locator("main a.button.secondary").first  # "Print": the certificate page
    expect(printed).to_be_visible()
    visit(page, live_server + printed.get_attribute("href"), None, f"certificate at {width}",
          shots)
    assert all(path.stat().st_size > 0 for path in shots)
