"""The product on a cheap phone, 320 px wide, in Khmer and Lao: a header of one line and the
language switch, a menu that needs no script, and no page wider than the screen.

The shipped courses are used (long questions, pictures 320 px wide); screenshots at 320 px and
360 px land in test-results/screens/ for a person to look at.
"""

import re

import pytest
from playwright.sync_api import expect

from orientation.config import REPO_ROOT
from orientation.content.library import get_library
from orientation.learn import services as learning
from orientation.quizzes import services as quizzes
from tests.browser.conftest import SCREENS
from tests.browser.test_learning import log_in

PHONE = {"width": 320, "height": 568}
NAMES = {"km": "សុខ ចាន់ថា", "lo": "ບຸນມີ ພົມມະວົງສາ"}


@pytest.fixture
def settings(settings):
    settings["COURSES_FOLDER"] = str(REPO_ROOT / "courses")
    return settings


@pytest.fixture
def phone_trainee(courses, complete, make_trainee, centre):
    """phone_trainee(lang): a trainee with a certificate, two lessons read of "Money matters"
    and its final quiz (pictures, long questions) open: {name: path} of the pages to check."""

    def make(lang):
        trainee = make_trainee(name=NAMES[lang], centre=centre, preferred_locale=lang)
        passed = complete(trainee, "safe-migration", lang)
        course = courses["money-matters"]
        package = get_library().courses["money-matters"]
        learning.enrol(trainee, course)
        for lesson in package.lessons[:2]:
            learning.mark_done(trainee, course, lesson.id)
        attempt = quizzes.start_attempt(trainee, course, package.final_quiz, lang)
        return trainee, {
            "home": f"/{lang}/",
            "catalogue": f"/{lang}/courses/",
            "course": f"/{lang}/courses/money-matters",
            "lesson": f"/{lang}/courses/money-matters/{package.lessons[2].id}",
            "quiz": f"/{lang}/attempts/{attempt.id}",
            "result": f"/{lang}/attempts/{passed.id}/result",
            "my-learning": f"/{lang}/my-learning",
            "my-certificates": f"/{lang}/my-certificates",
        }

    return make


def header_height(page):
    return page.evaluate("""() => {
        const top = document.querySelector('header.top').getBoundingClientRect();
        const bar = document.querySelector('nav.languages').getBoundingClientRect();
        return bar.bottom - top.top;
    }""")


def check_fits(page, where):
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"]
    assert width <= viewport, f"{where} is {width} px wide at {viewport} px"
    height = header_height(page)
    assert height < 0.25 * PHONE["height"], f"{where}: header and languages take {height} px"


@pytest.mark.parametrize("lang", ["km", "lo"])
def test_every_page_fits_a_320_px_phone(live_server, page, phone_trainee, t, shoot, lang):
    trainee, pages = phone_trainee(lang)
    for width in (320, 360):
        page.set_viewport_size({**PHONE, "width": width})
        page.context.clear_cookies()
        page.goto(f"{live_server}/{lang}/login")
        check_fits(page, f"login at {width}")
        shoot(f"{lang}-{width}-login")
        log_in(page, live_server, t, trainee, lang)
        expect(page).to_have_url(re.compile(rf"/{lang}/$"))
        for name, path in pages.items():
            page.goto(live_server + path)
            expect(page.locator("html")).to_have_attribute("lang", lang)
            check_fits(page, f"{name} at {width}")
            shoot(f"{lang}-{width}-{name}")
    page.set_viewport_size(PHONE)
    page.goto(live_server + pages["quiz"])
    pictures = page.locator("fieldset.question img")
    assert pictures.count() > 0
    for i in range(pictures.count()):  # lazy pictures load when scrolled to (random order)
        picture = pictures.nth(i)
        picture.scroll_into_view_if_needed()
        expect(picture).to_be_visible()
        box = picture.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


@pytest.mark.parametrize("lang", ["km", "lo"])
def test_phone_menu_opens_without_script_and_logs_out(live_server, browser, phone_trainee, t,
                                                      lang):
    trainee, pages = phone_trainee(lang)
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    log_in(page, live_server, t, trainee, lang)
    page.goto(live_server + pages["my-learning"])
    log_out = page.get_by_role("button", name=t(lang, "Log out"))
    expect(log_out).to_be_hidden()
    menu = page.locator("header details.menu")
    summary = menu.locator("summary")
    expect(summary).to_have_text(t(lang, "Menu"))
    assert summary.bounding_box()["height"] >= 44
    summary.click()
    expect(menu).to_have_attribute("open", "")
    expect(menu.get_by_text(NAMES[lang])).to_be_visible()
    for label in ("Courses", "My learning", "My certificates"):
        expect(menu.get_by_role("link", name=t(lang, label), exact=True)).to_be_visible()
    # One line each: no label wraps word by word any more.
    assert log_out.bounding_box()["height"] < 60
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENS / f"phone-menu-open-{lang}-320.png")
    log_out.click()
    expect(page).to_have_url(re.compile(rf"/{lang}/$"))
    page.locator("header details.menu summary").click()
    expect(page.locator("header details.menu").get_by_role("link", name=t(lang, "Log in"))
           ).to_be_visible()
    context.close()


def test_my_learning_says_where_to_continue(live_server, page, phone_trainee, t, shoot):
    trainee, pages = phone_trainee("lo")
    page.set_viewport_size(PHONE)
    log_in(page, live_server, t, trainee, "lo")
    page.goto(live_server + pages["my-learning"])
    title = get_library().courses["money-matters"].title["lo"]
    link = page.get_by_role("link", name=t("lo", "Continue: lesson %(number)s of %(course)s",
                                           number=3, course=title))
    expect(link).to_be_visible()
    link.click()
    expect(page).to_have_url(re.compile(pages["lesson"] + "$"))


def test_skip_link_is_the_first_stop_of_the_keyboard(live_server, page, phone_trainee, t):
    trainee, pages = phone_trainee("km")
    page.set_viewport_size(PHONE)
    log_in(page, live_server, t, trainee, "km")
    page.goto(live_server + pages["my-learning"])
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name=t("km", "Skip to content"))
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_certificate_print_view_has_print_and_back_but_not_on_paper(live_server, browser, page,
                                                                    phone_trainee, t, shoot):
    trainee, pages = phone_trainee("km")
    page.set_viewport_size(PHONE)
    log_in(page, live_server, t, trainee, "km")
    page.goto(live_server + pages["my-certificates"])
    page.get_by_role("link", name=t("km", "Print"), exact=True).click()
    printing = page.get_by_role("button", name=t("km", "Print"))
    expect(printing).to_be_visible()
    expect(page.locator("#print-help")).to_be_hidden()
    shoot("certificate-km-320")
    page.emulate_media(media="print")
    expect(page.locator("nav.actions")).to_be_hidden()
    expect(page.locator(".certificate")).to_be_visible()
    page.emulate_media(media="screen")
    page.get_by_role("link", name=t("km", "Back to my certificates")).click()
    expect(page).to_have_url(re.compile(pages["my-certificates"] + "$"))

    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    still = context.new_page()
    log_in(still, live_server, t, trainee, "km")
    still.goto(page.url)
    still.get_by_role("link", name=t("km", "Print"), exact=True).click()
    expect(still.get_by_text(t("km", "To print, use your browser's Print command."))
           ).to_be_visible()
    expect(still.locator("#print")).to_be_hidden()
    context.close()


def test_header_is_one_line_in_every_language(live_server, page, courses, t):
    page.set_viewport_size(PHONE)
    for lang in ("km", "lo", "vi", "zh", "en"):
        page.goto(f"{live_server}/{lang}/courses/")
        check_fits(page, lang)
        brand = page.locator("header.top .brand")
        lines = brand.evaluate("""e => { const r = document.createRange();
            r.selectNodeContents(e); return new Set([...r.getClientRects()].map(
            b => Math.round(b.top))).size; }""")
        assert lines == 1, f"{lang}: the name takes {lines} lines"
        switch = page.locator("nav.languages a")
        tops = {round(switch.nth(i).bounding_box()["y"]) for i in range(switch.count())}
        assert len(tops) == 1, f"{lang}: the language switch takes {len(tops)} lines"
        for i in range(switch.count()):
            box = switch.nth(i).bounding_box()
            assert box["height"] >= 44 and box["width"] >= 44, f"{lang}: a small touch target"
