"""Offline on a phone (issue 15): pages once opened open again with no connection, per
person; a page never opened shows the offline page of its language; logging out leaves
nothing of the person on the phone. The network is switched off with the browser context."""

import re
from pathlib import Path

from playwright.sync_api import expect
from sqlalchemy import func, select

from orientation.content.library import get_library
from orientation.content.loader import load_library
from orientation.extensions import db
from orientation.learn import services as learning
from orientation.learn.contacts import set_contact
from orientation.models import (
    Answer,
    Attempt,
    Certificate,
    CourseCompletion,
    Lesson,
    LessonProgress,
)
from tests.browser.conftest import SCREENS
from tests.browser.test_learning import log_in
from tests.browser.test_quizzes import answer, attempt_id_of
from tests.conftest import SILENT_MP3_FRAME

LESSON = "/km/courses/first-steps/hello"


def wait_for_worker(page):
    """Until the service worker controls the page (it claims pages once installed).
    Polled from here: the page's policy refuses the eval that wait_for_function uses."""
    for attempt in range(300):  # it saves ten files when installed: a busy machine is slow
        if page.evaluate("!!(navigator.serviceWorker && navigator.serviceWorker.controller)"):
            return
        if attempt % 100 == 99:  # an install that failed is tried again by the next page
            page.reload()
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


def keep_course(page, live_server, t, lang):
    page.goto(f"{live_server}/{lang}/courses/first-steps")
    box = page.locator("#keep")
    box.get_by_role("button", name=t(lang, "Keep this course on my phone")).click()
    expect(box.get_by_role("button", name=t(lang, "Remove it from this phone"))).to_be_visible()
    return box


def lesson_titles(lang):
    package = get_library().courses["first-steps"]
    return [(lesson.id, lesson.texts[lang].title) for lesson in package.lessons]


def test_kept_course_opens_every_lesson_offline(live_server, page, courses, trainee, t, shoot):
    enrolled_and_logged_in(page, live_server, t, courses, trainee, "vi")
    box = keep_course(page, live_server, t, "vi")
    kept = t("vi", "Kept on this phone: %(size)s", size="|").split("|")[0]
    expect(box.get_by_role("status")).to_have_text(re.compile(
        re.escape(kept) + r"\s*\d+(,\d)?\s*(kB|MB)"))  # Vietnamese writes 8,3 kB
    shoot("kept-vi")
    page.context.set_offline(True)
    for lesson_id, title in lesson_titles("vi"):  # none of them was opened before
        page.goto(f"{live_server}/vi/courses/first-steps/{lesson_id}")
        expect(page.locator("article.lesson h1")).to_have_text(title)
        expect(page.locator(".offline-note")).to_be_visible()
    assert page.evaluate(
        "fetch('/course-media/first-steps/hello.mp3').then(r => r.blob()).then(b => b.size)"
    ) == len(SILENT_MP3_FRAME) * 20
    page.goto(f"{live_server}/vi/courses/first-steps")
    expect(page.locator("#keep").get_by_role("status")).to_contain_text(kept)
    shoot("kept-offline-vi")
    page.context.set_offline(False)
    page.locator("#keep").get_by_role("button", name=t("vi", "Remove it from this phone")).click()
    expect(page.locator("#keep").get_by_role("status")).to_have_text(
        t("vi", "Removed from this phone."))
    page.context.set_offline(True)
    page.goto(f"{live_server}/vi/courses/first-steps/{lesson_titles('vi')[1][0]}")
    expect(page.get_by_role("heading", level=1)).to_have_text(t("vi", "No connection"))


def test_new_course_version_replaces_the_saved_copies(app, live_server, page, courses, trainee,
                                                       t):
    enrolled_and_logged_in(page, live_server, t, courses, trainee)
    keep_course(page, live_server, t, "km")
    folder = Path(app.config["COURSES_FOLDER"])
    course_file = folder / "first-steps" / "course.yaml"
    course_file.write_text(course_file.read_text().replace("version: 1", "version: 2"))
    lesson_file = folder / "first-steps" / "lessons" / "goodbye.km.md"
    old_title = lesson_titles("km")[1][1]
    lesson_file.write_text(lesson_file.read_text().replace(
        f"title: {old_title}", f"title: {old_title} ២"))
    load_library(str(folder))
    page.goto(f"{live_server}/km/courses/first-steps")  # sees version 2: saves it again
    expect(page.locator("#keep").get_by_role("button", name=t(
        "km", "Remove it from this phone"))).to_be_visible()
    names = saved_caches(page)
    kept = [name for name in names if "-c-first-steps-" in name]
    assert len(kept) == 1 and kept[0].endswith("-v2-km")
    page.context.set_offline(True)
    page.goto(f"{live_server}/km/courses/first-steps/{lesson_titles('km')[1][0]}")
    expect(page.locator("article.lesson h1")).to_have_text(f"{old_title} ២")


def progress_rows(lesson_slug):
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(LessonProgress).join(Lesson)
                             .where(Lesson.slug == lesson_slug))


def test_lesson_read_offline_is_sent_when_back_online_and_recorded_once(
        live_server, page, courses, trainee, t, shoot):
    enrolled_and_logged_in(page, live_server, t, courses, trainee)
    keep_course(page, live_server, t, "km")
    (first, _), (second, second_title) = lesson_titles("km")
    page.goto(f"{live_server}/km/courses/first-steps/{first}")
    page.context.set_offline(True)
    page.locator("form.next-step").get_by_role("button").click()  # "Next: ..." reads it
    expect(page.locator("article.lesson h1")).to_have_text(second_title)  # the kept copy
    waiting = page.locator("#offline-queue")
    expect(waiting).to_have_text(t("km", "Waiting on this phone: it will be sent when you "
                                         "are connected."))
    shoot("waiting-km")
    assert progress_rows(first) == 0
    # The same mark twice (as when an answer is lost on the way): recorded once.
    page.evaluate("""caches.keys()
        .then(names => caches.open(names.find(n => /^o-u-[^-]+$/.test(n))))
        .then(cache => cache.keys().then(keys => keys.filter(k => k.url.includes('/queue/')))
        .then(keys => cache.match(keys[0]).then(r => cache.put(keys[0].url + '-again', r))))""")
    page.context.set_offline(False)
    expect(waiting).to_have_text(t("km", "Sent: your progress is saved."))
    shoot("sent-km")
    assert progress_rows(first) == 1 and progress_rows(second) == 0
    page.reload()
    expect(page.locator("#offline-queue")).to_have_count(0)  # nothing left to send


def test_quiz_answered_offline_is_sent_on_reconnect_and_graded_once(
        live_server, page, courses, trainee, t, shoot):
    course = courses["first-steps"]
    enrolled_and_logged_in(page, live_server, t, courses, trainee, "zh")
    for lesson in ("hello", "goodbye"):
        learning.mark_done(trainee, course, lesson)
    page.goto(f"{live_server}/zh/courses/first-steps/quizzes/final")
    page.get_by_role("button", name=t("zh", "Start the quiz")).click()
    expect(page.locator("fieldset.question")).to_have_count(8)
    attempt_id = attempt_id_of(page)
    page.context.set_offline(True)  # the signal drops while the trainee answers
    answer(page, attempt_id, right=True)
    page.get_by_role("button", name=t("zh", "Send my answers")).click()
    expect(page.locator("#offline-queue")).to_have_text(
        t("zh", "Waiting on this phone: it will be sent when you are connected."))
    shoot("quiz-waiting-zh")
    page.get_by_role("button", name=t("zh", "Send my answers")).click()  # again: a replay
    db.session.expire_all()
    assert db.session.get(Attempt, attempt_id).submitted_at is None
    page.context.set_offline(False)
    expect(page).to_have_url(re.compile(rf"/zh/attempts/{attempt_id}/result$"))
    expect(page.locator(".score")).to_be_visible()
    shoot("quiz-sent-zh")
    db.session.expire_all()
    attempt = db.session.get(Attempt, attempt_id)
    assert attempt.submitted_at is not None and attempt.passed
    assert db.session.scalar(select(func.count()).select_from(Answer)
                             .where(Answer.attempt_id == attempt_id)) == 8  # graded once
    assert db.session.scalar(select(func.count()).select_from(Attempt)) == 1
    assert db.session.scalar(select(func.count()).select_from(CourseCompletion)) == 1


def test_certificate_pdf_once_downloaded_opens_offline(live_server, page, complete, trainee, t,
                                                       shoot):
    complete(trainee, locale="km")
    log_in(page, live_server, t, trainee, "km")
    wait_for_worker(page)
    page.goto(f"{live_server}/km/my-certificates")
    link = page.get_by_role("link", name=re.compile(re.escape(t("km", "Download (PDF)"))))
    expect(link).not_to_contain_text(t("km", "On this phone"))
    with page.expect_response(re.compile(r"\.pdf$")) as online:
        link.click()
    assert online.value.status == 200
    page.context.set_offline(True)
    page.goto(f"{live_server}/km/my-certificates")
    expect(page.locator(".offline-note")).to_be_visible()
    expect(link).to_contain_text(t("km", "On this phone"))
    shoot("certificates-offline-km")
    with page.expect_response(re.compile(r"\.pdf$")) as offline:
        link.click()
    assert offline.value.status == 200
    assert offline.value.headers["content-type"] == "application/pdf"
    # (Chromium's PDF viewer reports its own page as the body: read the saved copy instead.)
    assert page.evaluate("""url => caches.match(url).then(r => r.arrayBuffer())
        .then(b => new TextDecoder().decode(b.slice(0, 4)))""", offline.value.url) == "%PDF"


def test_verification_page_once_opened_still_checks_offline(live_server, browser, complete,
                                                            trainee, t):
    complete(trainee, locale="km")
    certificate = db.session.scalar(select(Certificate))
    link = f"{live_server}/v/{certificate.number}#{certificate.payload}"
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN",
                                  extra_http_headers={"Accept-Language": "vi"})
    phone = context.new_page()  # a verifier: nobody logged in
    phone.goto(link)
    wait_for_worker(phone)
    phone.reload()  # now through the worker, which keeps it
    expect(phone.locator(".offline-note")).to_be_hidden()
    context.set_offline(True)
    phone.goto("about:blank")
    phone.goto(link)
    verdict = phone.locator("#verdict")
    expect(verdict).to_contain_text(t("vi", "Genuine certificate"))
    expect(verdict.locator(".signature")).to_have_text(t(
        "vi", "The code on the paper is signed by the issuer: name, course and date are as "
              "issued."))  # the signature check, in the browser, offline
    expect(phone.locator(".offline-note")).to_contain_text(before_date(t, "vi"))
    phone.screenshot(path=SCREENS / "verify-offline-vi.png", full_page=True)
    context.close()


def test_destination_help_page_is_kept_once_a_destination_is_chosen(
        live_server, page, courses, trainee, t, shoot):
    learning.choose_programme(trainee, learning.get_programme("thailand"))
    set_contact("TH", "km", "embassy_phone", "+66 0000 0000")
    log_in(page, live_server, t, trainee, "km")
    wait_for_worker(page)
    page.goto(f"{live_server}/km/my-learning")  # saves the help page, never opened
    for _ in range(50):
        if page.evaluate("caches.match(location.origin + '/km/help')"):
            break
        page.wait_for_timeout(100)
    page.context.set_offline(True)
    page.goto(f"{live_server}/km/my-learning")
    page.get_by_role("link", name=t("km", "Who can help you in %(country)s",
                                    country=t("km", "Thailand"))).click()
    expect(page.get_by_role("link", name="+66 0000 0000")).to_have_attribute(
        "href", "tel:+6600000000")
    expect(page.locator(".offline-note")).to_be_visible()
    shoot("help-offline-km")


def test_next_person_on_the_phone_never_gets_the_first_ones_pages(
        live_server, page, courses, trainee, make_trainee, t):
    """No logout (the session ended, or Clear-Site-Data is not supported): the first page
    answered for someone else deletes the first person's copies."""
    enrolled_and_logged_in(page, live_server, t, courses, trainee)
    page.goto(live_server + LESSON)
    first = [name for name in saved_caches(page) if name.startswith("o-u-")]
    assert first
    page.context.clear_cookies()
    page.goto(f"{live_server}/km/")  # answered for nobody
    left = page.evaluate("""caches.keys().then(ns => Promise.all(ns.map(n => caches.open(n)
        .then(c => c.keys()).then(ks => n + ': ' + ks.map(k => k.url).join(' ')))))""")
    assert not any(name.startswith("o-u-") for name in saved_caches(page)), left
    other = make_trainee(name="ສົມສັກ")
    learning.enrol(other, courses["first-steps"], learning.EnrolmentSource.programme)
    log_in(page, live_server, t, other, "km")
    page.goto(f"{live_server}/km/my-learning")
    names = saved_caches(page)
    assert any(name.startswith("o-u-") for name in names) and not set(first) & set(names)
    page.context.set_offline(True)
    page.goto(live_server + LESSON)
    expect(page.get_by_role("heading", level=1)).to_have_text(t("km", "No connection"))


def test_lesson_mark_whose_connection_fails_while_online_waits_too(
        live_server, page, courses, trainee, t):
    """The browser believes it is online, the post fails on the way: the worker queues it."""
    enrolled_and_logged_in(page, live_server, t, courses, trainee)
    page.goto(live_server + LESSON)
    dead = re.compile(r".*/hello/done$")
    page.context.route(dead, lambda route: route.abort("internetdisconnected"))
    page.locator("form.next-step").get_by_role("button").click()
    expect(page.locator("#offline-queue")).to_have_text(
        t("km", "Waiting on this phone: it will be sent when you are connected."))
    expect(page.locator("article.lesson h1")).to_have_text("សួស្តី")  # the same lesson
    assert progress_rows("hello") == 0
    page.context.unroute(dead)
    page.reload()
    expect(page.locator("#offline-queue")).to_have_text(t("km", "Sent: your progress is saved."))
    assert progress_rows("hello") == 1


def test_quiz_answers_whose_connection_fails_while_online_are_sent_later(
        live_server, page, courses, trainee, t):
    course = courses["first-steps"]
    enrolled_and_logged_in(page, live_server, t, courses, trainee, "lo")
    for lesson in ("hello", "goodbye"):
        learning.mark_done(trainee, course, lesson)
    page.goto(f"{live_server}/lo/courses/first-steps/quizzes/final")
    page.get_by_role("button", name=t("lo", "Start the quiz")).click()
    attempt_id = attempt_id_of(page)
    answer(page, attempt_id, right=True)
    dead = re.compile(rf".*/attempts/{attempt_id}$")
    page.context.route(dead, lambda route: route.abort("internetdisconnected"))
    page.get_by_role("button", name=t("lo", "Send my answers")).click()
    expect(page.locator("#offline-queue")).to_have_text(
        t("lo", "Waiting on this phone: it will be sent when you are connected."))
    expect(page.locator(".offline-note")).to_be_visible()  # the attempt's saved page
    page.context.unroute(dead)
    page.evaluate("window.dispatchEvent(new Event('online'))")  # as when the signal returns
    expect(page).to_have_url(re.compile(rf"/lo/attempts/{attempt_id}/result$"))
    db.session.expire_all()
    assert db.session.get(Attempt, attempt_id).passed
