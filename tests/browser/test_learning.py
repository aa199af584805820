"""Learning journeys: choose a programme, read lessons, mark them done, continue elsewhere."""

import re

from playwright.sync_api import expect

from tests.conftest import PIN


def log_in(page, live_server, t, trainee, lang):
    page.goto(f"{live_server}/{lang}/login")
    page.get_by_label(t(lang, "Trainee code or phone number")).fill(trainee.login_code)
    page.get_by_label(t(lang, "PIN or password")).fill(PIN)
    page.locator("form.card").get_by_role("button", name=t(lang, "Log in")).click()


def test_khmer_trainee_chooses_programme_reads_and_continues_in_vietnamese(
    live_server, page, courses, trainee, t, shoot
):
    log_in(page, live_server, t, trainee, "km")
    page.get_by_role("link", name=t("km", "Courses")).first.click()
    page.get_by_role("link", name="ទៅថៃ").click()
    shoot("1-programme-km")
    page.get_by_role("button", name=t("km", "Choose this programme")).click()
    expect(page).to_have_url(re.compile(r"/km/my-learning$"))
    expect(page.get_by_role("link", name="ជំហានដំបូង")).to_be_visible()
    shoot("2-my-learning-km")

    page.get_by_role("link", name="ជំហានដំបូង").click()
    page.get_by_role("link", name=t("km", "Start")).click()
    lesson = page.locator("article.lesson")
    expect(lesson).to_have_attribute("lang", "km")
    expect(lesson.get_by_role("heading", level=1)).to_have_text("សួស្តី")
    expect(lesson.get_by_role("img", name="លិខិតឆ្លងដែននៅក្នុងដៃ")).to_be_visible()
    expect(lesson.locator("audio")).to_have_count(1)
    expect(lesson.locator("em.contact")).to_have_text(t("km", "ask your trainer"))
    shoot("3-lesson-km")
    page.locator("form.next-step").get_by_role("button").click()  # "Next: ..." records it
    expect(page).to_have_url(re.compile(r"/km/courses/first-steps/goodbye$"))

    # Later, on the centre's computer, in Vietnamese: the course continues where it stopped.
    other = page.context.browser.new_page(viewport={"width": 360, "height": 740})
    log_in(other, live_server, t, trainee, "vi")
    other.goto(f"{live_server}/vi/my-learning")
    expect(other.get_by_text(t("vi", "%(done)s of %(total)s lessons done", done=1, total=2))
           ).to_be_visible()
    other.get_by_role("link", name="Những bước đầu tiên").click()
    other.get_by_role("link", name=t("vi", "Continue")).click()
    expect(other.locator("article.lesson h1")).to_have_text("Tạm biệt")
    other.close()


def test_lao_lesson_reads_well_without_javascript(live_server, browser, courses, trainee, t):
    context = browser.new_context(java_script_enabled=False,
                                  viewport={"width": 360, "height": 740})
    page = context.new_page()
    log_in(page, live_server, t, trainee, "lo")
    page.goto(f"{live_server}/lo/courses/first-steps")
    page.get_by_role("button", name=t("lo", "Join this course")).click()
    page.get_by_role("link", name=t("lo", "Start")).click()
    expect(page.locator("article.lesson")).to_have_attribute("lang", "lo")
    page.locator("form.next-step").get_by_role("button").click()
    expect(page.locator("article.lesson h1")).to_have_text("ລາກ່ອນ")
    context.close()


def test_reading_with_next_records_every_lesson_and_leads_to_the_quiz(
    live_server, page, courses, trainee, t, shoot
):
    """Defect: reading with "next" recorded nothing; the course stayed at 0 of 2."""
    log_in(page, live_server, t, trainee, "lo")
    page.goto(f"{live_server}/lo/courses/first-steps")
    page.get_by_role("button", name=t("lo", "Join this course")).click()
    page.get_by_role("link", name=t("lo", "Start")).click()
    next_button = page.locator("form.next-step").get_by_role("button")
    expect(next_button).to_contain_text("ລາກ່ອນ")  # names the next lesson
    next_button.click()
    shoot("last-lesson-lo")
    final = page.get_by_role("button", name=t("lo", "Done: go to the final quiz"))
    expect(final).to_be_visible()
    final.click()
    expect(page).to_have_url(re.compile(r"/lo/courses/first-steps/quizzes/final$"))
    page.goto(f"{live_server}/lo/my-learning")
    expect(page.get_by_text(t("lo", "%(done)s of %(total)s lessons done", done=2, total=2))
           ).to_be_visible()
