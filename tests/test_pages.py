"""What a phone downloads: small pages, nothing from another host, queries that do not grow."""

import gzip
import re

import pytest
from flask_babel import force_locale

from orientation.audit import action_label
from orientation.models import Role

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
    for asset in re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html):
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
