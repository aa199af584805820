"""The learning pages as a trainee uses them, in Khmer, Lao and other languages."""

from pathlib import Path

import pytest
from flask_babel import force_locale, gettext

from orientation.content.library import forget_library
from orientation.learn import services
from tests.conftest import PIN, log_in


def page(client, path, status=200):
    response = client.get(path)
    assert response.status_code == status, path
    return response.get_data(as_text=True)


def t(app, locale, msgid, **values):
    with app.test_request_context(f"/{locale}/"), force_locale(locale):
        return gettext(msgid, **values)


def test_catalogue_lists_published_courses_and_filters(courses, client):
    html = page(client, "/km/courses/")
    assert "ជំហានដំបូង" in html and "ទៅថៃ" in html and "Draft" not in html
    assert "ជំហានដំបូង" not in page(client, "/km/courses/?topic=rights")
    assert "បិទ" in page(client, "/km/courses/?topic=rights")
    assert "ទៅថៃ" not in page(client, "/km/courses/?destination=KR")
    assert page(client, "/km/courses/?destination=XX&topic=<script>")  # ignored, not an error


def test_choose_programme_then_read_lessons_in_lao(app, courses, trainee_client):
    response = trainee_client.post("/lo/programmes/thailand/choose")
    assert response.headers["Location"] == "/lo/my-learning"
    html = page(trainee_client, "/lo/my-learning")
    assert "ບາດກ້າວທຳອິດ" in html and "ປິດ" in html
    lesson = page(trainee_client, "/lo/courses/first-steps/hello")
    assert '<article class="lesson" lang="lo">' in lesson
    assert "ຮັກສາໜັງສືຜ່ານແດນ" in lesson
    assert t(app, "lo", "ask your trainer") in lesson


def test_contacts_set_for_the_destination_and_language_appear(courses, trainee_client, runner):
    runner.invoke(args=["contacts", "set", "TH", "km", "embassy_phone", "+66 2 555 0100"])
    trainee_client.post("/km/courses/first-steps/enrol")
    assert "+66 2 555 0100" in page(trainee_client, "/km/courses/first-steps/hello")
    assert "+66 2 555 0100" not in page(trainee_client, "/lo/courses/first-steps/hello")


def test_enrol_mark_done_and_continue_on_another_device(app, courses, trainee, trainee_client):
    trainee_client.post("/km/courses/first-steps/enrol")
    response = trainee_client.post("/km/courses/first-steps/hello/done")
    assert response.headers["Location"] == "/km/courses/first-steps/goodbye"
    assert trainee_client.post("/km/courses/first-steps/hello/done").status_code == 302  # again

    phone = app.test_client()  # days later, another device
    log_in(phone, trainee.login_code, PIN, lang="vi")
    course = page(phone, "/vi/courses/first-steps")
    assert 'href="/vi/courses/first-steps/goodbye">' + t(app, "vi", "Continue") in course
    assert t(app, "vi", "%(done)s of %(total)s lessons done", done=1, total=2) in course
    last = phone.post("/vi/courses/first-steps/goodbye/done")
    assert last.headers["Location"] == "/vi/courses/first-steps/quizzes/final"  # the quiz next
    assert t(app, "vi", "You have read every lesson of this course.") in page(
        phone, "/vi/courses/first-steps/quizzes/final")


def test_lesson_main_action_records_and_moves_on(app, courses, trainee_client):
    """The next step is one POST button; the last lesson's leads to the final quiz."""
    trainee_client.post("/km/courses/first-steps/enrol")
    first = page(trainee_client, "/km/courses/first-steps/hello")
    assert 'action="/km/courses/first-steps/hello/done"' in first
    assert 'rel="next"' not in first  # no plain link that would record nothing
    last = page(trainee_client, "/km/courses/first-steps/goodbye")
    assert t(app, "km", "Done: go to the final quiz") in last


def test_staff_read_lessons_with_plain_links(app, courses, trainer_client):
    lesson = page(trainer_client, "/en/courses/first-steps/hello")
    assert 'rel="next" href="/en/courses/first-steps/goodbye"' in lesson
    assert "/done" not in lesson


def test_not_enrolled_trainee_is_sent_to_join(courses, trainee_client):
    response = trainee_client.get("/km/courses/first-steps/hello")
    assert response.headers["Location"] == "/km/courses/first-steps"
    assert trainee_client.post("/km/courses/first-steps/hello/done").status_code == 403


def test_closed_course_cannot_be_joined_by_a_trainee(courses, trainee_client):
    assert trainee_client.post("/km/courses/closed-course/enrol").status_code == 403


@pytest.mark.parametrize("path", [
    "/km/courses/no-such-course", "/km/courses/first-steps/no-such-lesson",
    "/km/courses/draft-course", "/km/programmes/nowhere", "/km/courses/draft-course/unwritten",
])
def test_unknown_and_draft_pages_are_404_in_the_visitors_language(app, courses, trainee_client,
                                                                  path):
    html = page(trainee_client, path, 404)
    assert t(app, "km", "Page not found") in html


def test_draft_cannot_be_marked(courses, trainee_client):
    assert trainee_client.post("/km/courses/draft-course/unwritten/done").status_code == 404


def test_staff_preview_drafts(courses, trainer_client):
    assert page(trainer_client, "/en/courses/draft-course")


def test_lesson_missing_in_a_language_falls_back_to_english_with_its_lang(app, courses,
                                                                          trainer_client):
    Path(app.config["COURSES_FOLDER"], "first-steps/lessons/goodbye.zh.md").unlink()
    forget_library(app)
    html = page(trainer_client, "/zh/courses/first-steps/goodbye")
    assert '<article class="lesson" lang="en">' in html


def test_media_is_served_and_stays_in_its_folder(courses, client):
    response = client.get("/course-media/first-steps/hello.mp3")
    assert response.status_code == 200 and response.mimetype == "audio/mpeg"
    response.close()
    for path in ("/course-media/first-steps/../course.yaml",
                 "/course-media/first-steps/%2e%2e/course.yaml",
                 "/course-media/nowhere/x.svg", "/course-media/first-steps/missing.svg"):
        response = client.get(path)
        assert response.status_code == 404, path
        response.close()


def test_my_learning_queries_do_not_grow_with_courses(courses, trainee, trainee_client,
                                                      count_queries):
    services.enrol(trainee, courses["first-steps"])
    one = count_queries(lambda: page(trainee_client, "/en/my-learning"))
    services.choose_programme(trainee, services.get_programme("thailand"))
    assert count_queries(lambda: page(trainee_client, "/en/my-learning")) == one
