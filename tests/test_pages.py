"""What a phone downloads and how a page is built: small pages, nothing from another host,
queries that do not grow, one h1 and no skipped heading, a skip link, an icon, dates."""

import gzip
import re
from datetime import datetime
from html.parser import HTMLParser

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from orientation.audit import action_label
from orientation.config import REPO_ROOT
from orientation.content.library import get_library
from orientation.extensions import db
from orientation.models import Certificate, Role
from orientation.quizzes import services as quizzes

BUDGET = 30 * 1024  # HTML, CSS and JavaScript of one page, compressed
PAGES = ["/km/", "/lo/login", "/vi/register", "/zh/welcome", "/en/trainer/",
         "/en/trainer/trainees", "/en/admin/",
         "/km/courses/", "/lo/courses/first-steps", "/km/courses/first-steps/hello",
         "/lo/programmes/thailand", "/vi/courses/first-steps/quizzes/final"]


def page_weight(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    html = response.get_data(as_text=True)
    total = len(gzip.compress(response.data))
    for asset in re.findall(r'(?:href|src)="(/static/[^"?]+\.(?:css|js)(?:\?v=\w+)?)"', html):
        asset_response = client.get(asset)
        total += len(gzip.compress(asset_response.data))
        asset_response.close()
    return html, total


@pytest.mark.parametrize("path", PAGES)
def test_page_weight_budget_and_no_other_host(courses, admin_client, path):
    html, total = page_weight(admin_client, path)
    assert total < BUDGET, f"{path} weighs {total} bytes compressed"
    assert not re.search(r'(?:src|href|action)="(?:https?:)?//', html), "a request to another host"


def test_trainer_page_queries_do_not_grow_with_trainees(app, trainer_client, trainer,
                                                        make_user, count_queries):
    def load():
        assert trainer_client.get("/en/trainer/trainees").status_code == 200

    for n in range(3):
        make_user(Role.trainee, name=f"Trainee {n}", centre=trainer.centre)
    few = count_queries(load)
    for n in range(60):
        make_user(Role.trainee, name=f"More {n}", centre=trainer.centre)
    assert count_queries(load) == few


def test_trainer_sees_only_their_centre(trainer_client, make_user, make_centre):
    other = make_centre()
    make_user(Role.trainee, name="Elsewhere Person", centre=other)
    page = trainer_client.get("/en/trainer/trainees").get_data(as_text=True)
    assert "Elsewhere Person" not in page


def test_trainer_page_pages(app, trainer_client, trainer, make_user):
    app.config["PAGE_SIZE"] = 2
    for name in ("Ann", "Bob", "Cam"):
        make_user(Role.trainee, name=name, centre=trainer.centre)
    first = trainer_client.get("/en/trainer/trainees").get_data(as_text=True)
    second = trainer_client.get("/en/trainer/trainees?page=2").get_data(as_text=True)
    assert "Ann" in first and "Cam" not in first and "Cam" in second
    assert trainer_client.get("/en/trainer/trainees?page=-3").status_code == 200
    assert trainer_client.get("/en/trainer/trainees?page=abc").status_code == 200


def test_admin_page_lists_centres_and_audit(app, admin_client, centre):
    page = admin_client.get("/km/admin/").get_data(as_text=True)
    with app.test_request_context("/km/"), force_locale("km"):
        label = str(action_label("centre.created"))
    assert centre.licence_number in page and label in page and label != "Centre created"


class Outline(HTMLParser):
    """The headings of a page in order, the first element a keyboard reaches, the icon link."""

    FOCUSABLE = {"a", "button", "input", "select", "textarea", "summary"}

    def __init__(self):
        super().__init__()
        self.levels, self.first_focusable, self.ids, self.icons = [], None, set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "link" and attrs.get("rel") == "icon":
            self.icons.append(attrs["href"])
        focusable = tag in self.FOCUSABLE and attrs.get("type") != "hidden" and (
            tag != "a" or "href" in attrs)
        if focusable and self.first_focusable is None:
            self.first_focusable = (tag, attrs)


def outline(html):
    parser = Outline()
    parser.feed(html)
    return parser


@pytest.fixture
def trainee_pages(courses, trainee, complete):
    """Every page a trainee reaches in a course, with a passed attempt and a certificate."""
    passed = complete(trainee)
    package = get_library().courses["first-steps"]
    practice = quizzes.start_attempt(trainee, courses["first-steps"],
                                     package.practice_after("hello"), "km")
    number = db.session.scalar(select(Certificate.number))
    return ["/km/", "/km/courses/", "/lo/programmes/thailand", "/km/courses/first-steps",
            "/km/courses/first-steps/hello", "/km/courses/first-steps/quizzes/final",
            f"/km/attempts/{practice.id}", f"/lo/attempts/{passed.id}/result",
            "/km/my-learning", "/lo/my-certificates", f"/km/certificates/{number}",
            "/km/no-such-page"]


VISITOR_PAGES = ["/km/", "/lo/login", "/km/register", "/lo/courses/", "/km/courses/first-steps"]


def _check_outline(html, path):
    page = outline(html)
    assert page.levels.count(1) == 1, f"{path}: {page.levels.count(1)} h1"
    assert page.levels[0] == 1, f"{path} starts at h{page.levels[0]}"
    for before, after in zip(page.levels, page.levels[1:], strict=False):
        assert after <= before + 1, f"{path} jumps from h{before} to h{after}"
    return page


def test_trainee_pages_have_one_h1_and_no_skipped_level(trainee_pages, trainee_client):
    for path in trainee_pages:
        response = trainee_client.get(path)
        assert response.status_code == (404 if "no-such" in path else 200), path
        _check_outline(response.get_data(as_text=True), path)


@pytest.mark.parametrize("path", VISITOR_PAGES)
def test_visitor_pages_have_one_h1_and_no_skipped_level(courses, client, path):
    _check_outline(client.get(path).get_data(as_text=True), path)


@pytest.mark.parametrize("who", ["visitor", "trainee", "trainer", "admin"])
def test_skip_link_is_the_first_thing_to_focus(courses, request, who):
    client = request.getfixturevalue("client" if who == "visitor" else f"{who}_client")
    for path in ("/km/", "/lo/courses/"):
        page = outline(client.get(path).get_data(as_text=True))
        tag, attrs = page.first_focusable
        assert (tag, attrs.get("class"), attrs.get("href")) == ("a", "skip", "#content"), path
        assert "content" in page.ids


def test_favicon_is_an_image_on_every_page(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response.mimetype.startswith("image/")
    assert response.data[:4] == b"\x00\x00\x01\x00"  # an ICO file
    response.close()
    icons = outline(client.get("/km/login").get_data(as_text=True)).icons
    assert icons, "no <link rel=icon>"
    for href in icons:
        icon = client.get(href)
        assert icon.status_code == 200 and icon.mimetype.startswith("image/"), href
        icon.close()


def test_menu_lists_each_role_its_pages(app, trainee_client, trainer_client, admin_client):
    expected = {
        trainee_client: (["My learning", "My certificates"], ["Trainer pages", "Admin"]),
        trainer_client: (["Trainer pages"], ["My learning", "Admin"]),
        admin_client: (["Trainer pages", "Admin"], ["My learning"]),
    }
    for client, (shown, hidden) in expected.items():
        html = client.get("/en/").get_data(as_text=True)
        menu = html.split('<details class="menu">', 1)[1].split("</details>", 1)[0]
        assert "<summary>Menu</summary>" in menu and 'action="/en/logout"' in menu
        for label in shown:
            assert f">{label}</a>" in menu, label
        for label in hidden:
            assert f">{label}</a>" not in menu, label


@pytest.mark.parametrize("locale", ["km", "lo", "vi", "zh", "en"])
@pytest.mark.parametrize("form", ["short", "medium", "long", "full"])
def test_dates_show_hours_and_minutes_never_seconds(app, locale, form):
    moment = datetime(2026, 12, 7, 9, 46, 37)
    app.config["DEFAULT_TIME_ZONE"] = "UTC"  # shown as stored: the format is under test here
    with app.test_request_context(f"/{locale}/"), force_locale(locale):
        text = app.jinja_env.filters["format_datetime"](moment, form)
    assert re.search(r"\b0?9\D{0,3}46\b", text), text
    assert "37" not in text, text
    assert "2026" in text or "26" in text, text


def test_my_certificates_date_has_no_seconds(app, trainee_client, trainee, complete):
    complete(trainee)
    issued = db.session.scalar(select(Certificate.issued_at))
    html = trainee_client.get("/en/my-certificates").get_data(as_text=True)
    assert f"{issued.minute:02d}" in html
    assert not re.search(r"\d:\d\d:\d\d", html), "a time with seconds"


def test_certificate_page_has_back_and_print_outside_the_paper(trainee_client, trainer_client,
                                                              trainee, complete):
    complete(trainee)
    number = db.session.scalar(select(Certificate.number))
    html = trainee_client.get(f"/km/certificates/{number}").get_data(as_text=True)
    assert '<nav class="actions" lang="km">' in html
    assert 'href="/km/my-certificates"' in html
    assert '<button type="button" id="print" hidden>' in html  # shown by the script
    assert 'id="print-help"' in html  # what to do without it
    assert re.search(r'<script src="/static/js/print\.js\?v=\w+" defer></script>', html)
    assert "<script>" not in html  # the policy allows no inline script
    staff = trainer_client.get(f"/en/certificates/{number}").get_data(as_text=True)
    assert f'href="/en/certificates/{number}/manage"' in staff
    css = (REPO_ROOT / "static" / "css" / "certificate.css").read_text()
    assert re.search(r"@media print\s*{\s*\.actions\s*{\s*display:\s*none", css)
