"""Offline use, server side: the manifest, the worker, the offline page, and the headers
that tell the worker whose page it is and whether it may keep it."""

import gzip
import json
import re
from datetime import date

import pytest
from flask_babel import force_locale, format_date
from sqlalchemy import func, select

from orientation.content.library import get_library
from orientation.extensions import db
from orientation.i18n import CODES
from orientation.learn import services as learning
from orientation.learn.contacts import set_contact
from orientation.models import Answer, Certificate, LessonProgress
from orientation.offline import services
from orientation.offline.views import STATIC_FILES
from orientation.quizzes import services as quizzes
from tests.conftest import SILENT_MP3_FRAME
from tests.quizzes.conftest import answer_form

LESSON = "/km/courses/first-steps/hello"


def test_user_key_is_a_keyed_hash_never_the_id():
    key = services.user_key("secret", 7)
    assert re.fullmatch(r"[0-9a-f]{16}", key)
    assert key == services.user_key("secret", 7)
    assert key != services.user_key("secret", 8)
    assert key != services.user_key("another secret", 7)  # cannot be guessed without it


@pytest.mark.parametrize("endpoint, status, logged_in, mode", [
    ("learn.lesson", 200, True, "user"),
    ("learn.course", 200, True, "user"),
    ("learn.my_learning", 200, True, "user"),
    ("certificates.mine", 200, True, "user"),
    ("certificates.pdf", 200, True, "user"),  # once downloaded, it opens offline
    ("verify.verify", 200, True, "user"),  # with the person's own copies: gone at logout
    ("verify.verify", 200, False, "public"),  # a verifier's phone
    ("verify.verify", 404, False, None),  # an unknown number
    ("verify.verify_json", 200, False, None),
    ("quizzes.attempt", 200, True, "user"),
    ("quizzes.attempt", 422, True, None),  # "answer every question": not a page to keep
    ("quizzes.result", 200, True, None),
    ("learn.course", 200, False, None),  # anonymous pages are not saved per user
    ("learn.lesson", 404, True, None),
    ("learn.catalogue", 200, True, None),
    ("trainer.cohort", 200, True, None),
    (None, 404, True, None),
])
def test_keep_mode(endpoint, status, logged_in, mode):
    assert services.keep_mode(endpoint, status, logged_in) == mode


def test_worker_is_served_at_the_root_with_its_settings(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "no-cache"  # a new version is seen at once
    first_line = response.get_data(as_text=True).split("\n", 1)[0]
    settings = json.loads(first_line.removeprefix("self.OFFLINE = ").rstrip(";"))
    assert settings["offline"] == {code: f"/{code}/offline" for code in CODES}
    assert len(settings["static"]) == len(STATIC_FILES)
    for url in settings["static"]:
        assert re.search(r"\?v=[0-9a-f]{12}$", url)
        response = client.get(url)
        assert response.status_code == 200
        response.close()


def test_worker_and_page_script_stay_under_10_kb_compressed(client):
    worker = client.get("/sw.js").data
    response = client.get("/static/js/offline.js")
    script = response.data
    response.close()
    assert len(gzip.compress(worker)) + len(gzip.compress(script)) < 10 * 1024


@pytest.mark.parametrize("lang", CODES)
def test_manifest_per_language(client, t, lang):
    response = client.get(f"/{lang}/manifest.webmanifest")
    assert response.mimetype == "application/manifest+json"
    manifest = json.loads(response.data)
    assert manifest["name"] == t(lang, "Orientation")
    assert manifest["start_url"] == f"/{lang}/"
    assert manifest["display"] == "standalone" and manifest["id"] == "/"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        image = client.get(icon["src"])
        assert image.status_code == 200 and image.data.startswith(b"\x89PNG")
        image.close()


@pytest.mark.parametrize("lang", CODES)
def test_offline_page_in_each_language(client, t, lang):
    page = client.get(f"/{lang}/offline").get_data(as_text=True)
    assert f"<h1>{t(lang, 'No connection')}</h1>" in page


def test_every_page_links_the_manifest_and_the_page_script(client):
    page = client.get("/lo/").get_data(as_text=True)
    assert '<link rel="manifest" href="/lo/manifest.webmanifest">' in page
    assert re.search(r'<script src="/static/js/offline\.js\?v=\w+" defer></script>', page)


@pytest.fixture
def reader(courses, trainee):
    learning.enrol(trainee, courses["first-steps"], learning.EnrolmentSource.programme)
    return trainee


def test_a_read_page_is_kept_for_its_reader_only(app, reader, trainee_client, t):
    response = trainee_client.get(LESSON)
    key = services.user_key(app.config["SECRET_KEY"], reader.id)
    assert response.headers["Offline-User"] == key
    assert response.headers["Offline-Keep"] == "user"
    assert response.headers["Cache-Control"] == "no-store"  # the browser's own cache: never
    page = response.get_data(as_text=True)
    assert f'data-user="{key}"' in page
    before = t("km", "Offline: saved copy from %(date)s", date="|").split("|")[0]
    assert re.search(r'<p class="offline-note" hidden>' + re.escape(before) + r"[^<]*20\d\d",
                     page)
    assert str(reader.id) not in key


def test_other_pages_are_not_kept(reader, trainee_client, client):
    catalogue = trainee_client.get("/km/courses/")
    assert "Offline-Keep" not in catalogue.headers
    assert "offline-note" not in catalogue.get_data(as_text=True)
    missing = trainee_client.get("/km/courses/first-steps/nowhere")
    assert missing.status_code == 404 and "Offline-Keep" not in missing.headers
    anonymous = client.get("/km/courses/first-steps")
    assert anonymous.headers["Offline-User"] == services.NOBODY
    assert "Offline-Keep" not in anonymous.headers
    page = anonymous.get_data(as_text=True)
    assert "offline-note" not in page and "data-user" not in page


def test_files_carry_no_person(reader, trainee_client):
    for url in ("/static/css/site.css", "/course-media/first-steps/passport.svg"):
        response = trainee_client.get(url)
        assert "Offline-User" not in response.headers
        response.close()


def test_logout_clears_the_sites_data_on_the_phone(trainee_client):
    response = trainee_client.post("/km/logout")
    assert response.status_code == 302
    assert response.headers["Clear-Site-Data"] == '"cache", "storage"'


BUNDLE = "/km/offline/courses/first-steps.json"


def test_bundle_lists_every_lesson_picture_and_recording(reader, trainee_client, courses):
    response = trainee_client.get(BUNDLE)
    assert response.status_code == 200
    bundle = response.get_json()
    assert bundle["course"] == "first-steps" and bundle["lang"] == "km"
    assert bundle["version"] == courses["first-steps"].version
    assert bundle["pages"] == ["/km/courses/first-steps", "/km/courses/first-steps/hello",
                               "/km/courses/first-steps/goodbye"]
    sizes = {file["url"]: file["size"] for file in bundle["files"]}
    assert sizes["/course-media/first-steps/hello.mp3"] == len(SILENT_MP3_FRAME) * 20
    assert "/course-media/first-steps/passport.svg" in sizes
    assert bundle["size"] == sum(sizes.values())
    for url in bundle["pages"] + list(sizes):  # every address answers
        answer = trainee_client.get(url)
        assert answer.status_code == 200, url
        answer.close()


def test_bundle_follows_the_lesson_rules(app, courses, trainee_client, trainer_client, client):
    assert trainee_client.get(BUNDLE).status_code == 403  # not enrolled
    assert trainee_client.get("/km/offline/courses/draft-course.json").status_code == 404
    assert trainee_client.get("/km/offline/courses/nowhere.json").status_code == 404
    assert trainer_client.get(BUNDLE).status_code == 200  # staff read every lesson
    assert client.get(BUNDLE).status_code == 302  # to the login page


def test_keep_box_only_for_an_enrolled_trainee(reader, trainee_client, client, courses, t):
    page = trainee_client.get("/lo/courses/first-steps").get_data(as_text=True)
    assert 'id="keep" hidden' in page  # shown by the page script: nothing without it
    assert 'data-bundle="/lo/offline/courses/first-steps.json"' in page
    assert f'data-version="{courses["first-steps"].version}"' in page
    assert t("lo", "Keep this course on my phone") in page
    assert 'id="keep"' not in client.get("/lo/courses/first-steps").get_data(as_text=True)


def test_queued_forms_are_marked_and_say_where_to_go_on(reader, trainee_client, client):
    first = trainee_client.get(LESSON).get_data(as_text=True)
    assert re.search(r'action="/km/courses/first-steps/hello/done" data-queue\s+'
                     r'data-next="/km/courses/first-steps/goodbye"', first)
    last = trainee_client.get("/km/courses/first-steps/goodbye").get_data(as_text=True)
    assert 'data-next="/km/courses/first-steps"' in last
    assert re.search(r'data-user="\w+"\s+data-waiting="[^"]+" data-sent="[^"]+"', first)
    assert "data-waiting" not in client.get("/km/").get_data(as_text=True)


def lesson_rows(user_id):
    return db.session.scalar(select(func.count()).select_from(LessonProgress)
                             .where(LessonProgress.user_id == user_id))


def test_a_lesson_mark_sent_twice_is_recorded_once(reader, trainee_client):
    """What the phone's queue does when an answer was lost on the way: it sends again."""
    for _ in range(2):
        response = trainee_client.post(LESSON + "/done")
        assert response.status_code == 302
        assert response.headers["Location"] == "/km/courses/first-steps/goodbye"
    assert lesson_rows(reader.id) == 1


def test_quiz_answers_sent_twice_are_graded_once(reader, trainee_client, courses):
    course = courses["first-steps"]
    quiz = get_library().courses["first-steps"].final_quiz
    attempt = quizzes.start_attempt(reader, course, quiz, "km")
    form = answer_form(attempt, right=True)
    for _ in range(2):
        response = trainee_client.post(f"/km/attempts/{attempt.id}", data=form)
        assert response.headers["Location"] == f"/km/attempts/{attempt.id}/result"
    assert db.session.scalar(select(func.count()).select_from(Answer)
                             .where(Answer.attempt_id == attempt.id)) == len(quiz.questions)


def test_verification_page_is_kept_publicly_for_a_visitor(client, complete, trainee, t):
    complete(trainee)
    number = db.session.scalar(select(Certificate.number))
    response = client.get(f"/v/{number}")
    assert response.headers["Offline-Keep"] == "public"
    assert response.headers["Offline-User"] == services.NOBODY
    assert '<p class="offline-note" hidden>' in response.get_data(as_text=True)
    assert "Offline-Keep" not in client.get("/v/AAAA-AAAA-AAAA").headers


def test_certificate_pdf_is_kept_for_its_owner(complete, trainee, trainee_client):
    complete(trainee)
    number = db.session.scalar(select(Certificate.number))
    response = trainee_client.get(f"/km/certificates/{number}.pdf")
    assert response.headers["Offline-Keep"] == "user"
    mine = trainee_client.get("/km/my-certificates").get_data(as_text=True)
    assert f'href="/km/certificates/{number}.pdf" data-kept="' in mine


def test_help_contacts_in_the_files_order_with_labels_and_phone_links(app):
    known = {"embassy_phone": "Phone of the embassy", "embassy_address": "Address",
             "new_key": "A contact added to contacts.yaml since"}
    values = {"embassy_address": "1 Example Road", "new_key": "+66 (0) 0000-0000",
              "embassy_phone": "+66 0000 0000", "unknown": "ignored"}
    with app.test_request_context("/en/"):
        contacts = services.help_contacts(known, values)
    assert [(c.label, c.value, c.tel) for c in contacts] == [
        ("Your embassy or consulate: phone", "+66 0000 0000", "tel:+6600000000"),
        ("Your embassy or consulate: address", "1 Example Road", None),
        ("A contact added to contacts.yaml since", "+66 (0) 0000-0000", "tel:+66000000000"),
    ]
    assert services.help_contacts(known, {}) == []


def test_help_page_shows_the_destinations_contacts(courses, trainee, trainee_client, t):
    learning.choose_programme(trainee, learning.get_programme("thailand"))
    set_contact("TH", "km", "embassy_phone", "+66 0000 0000")
    set_contact("TH", "lo", "embassy_phone", "+66 1111 1111")
    response = trainee_client.get("/km/help")
    assert response.headers["Offline-Keep"] == "user"
    page = response.get_data(as_text=True)
    assert t("km", "Who can help you in %(country)s", country=t("km", "Thailand")) in page
    assert '<a href="tel:+6600000000">+66 0000 0000</a>' in page and "1111" not in page
    learning_page = trainee_client.get("/km/my-learning").get_data(as_text=True)
    assert '<a href="/km/help" data-keep-offline>' in learning_page


def test_help_page_says_when_each_contact_was_checked(courses, trainee, trainee_client, t):
    learning.choose_programme(trainee, learning.get_programme("thailand"))
    set_contact("TH", "lo", "embassy_phone", "+66 0000 0000", checked_on=date(2026, 11, 3))
    set_contact("TH", "lo", "centre_phone", "021 000 000")  # never checked
    page = trainee_client.get("/lo/help").get_data(as_text=True)
    with force_locale("lo"):
        checked = t("lo", "Checked on %(date)s", date=format_date(date(2026, 11, 3), "medium"))
    assert page.count(checked) == 1 and "021 000 000" in page
    contacts = page[page.index('<dl class="card contacts">'):page.index("</dl>")]
    assert contacts.count('class="meta"') == 1  # the contact never checked shows no date


def test_help_page_without_a_programme_or_contacts(courses, trainee, trainee_client, t):
    page = trainee_client.get("/lo/help").get_data(as_text=True)
    assert f"<h1>{t('lo', 'Who can help you')}</h1>" in page
    assert "data-keep-offline" not in trainee_client.get("/lo/my-learning").get_data(
        as_text=True)
    learning.choose_programme(trainee, learning.get_programme("thailand"))
    page = trainee_client.get("/lo/help").get_data(as_text=True)
    assert t("lo", "Your training centre has not added these contacts yet. Ask your trainer."
             ) in page
