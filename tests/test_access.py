"""Every route, every role: the expected answer. A route missing from this table fails.

Statuses: 200 shown, 302 redirected (to the login page for visitors), 403 refused,
404 hidden, 405 wrong method. Later features add their rows and roles here.
"""

from datetime import date

import pytest

from orientation.learn.services import create_cohort, get_programme
from orientation.models import Role
from orientation.trainer.cohorts import add_session
from tests.conftest import PASSWORD, log_in

ROLES = ("visitor", "trainee", "trainer", "admin")

# endpoint: (method, path, {role: status})
EXPECTED = {
    "main.root": ("GET", "/", dict(visitor=302, trainee=302, trainer=302, admin=302)),
    "main.home": ("GET", "/km/", dict(visitor=200, trainee=200, trainer=200, admin=200)),
    "main.favicon": ("GET", "/favicon.ico", dict(visitor=200, trainee=200, trainer=200, admin=200)),
    "main.switch_language": ("GET", "/language/lo?next=/km/",
                             dict(visitor=302, trainee=302, trainer=302, admin=302)),
    "auth.login": ("GET", "/km/login", dict(visitor=200, trainee=200, trainer=200, admin=200)),
    "auth.logout": ("POST", "/km/logout", dict(visitor=302, trainee=302, trainer=302, admin=302)),
    "auth.register": ("GET", "/km/register",
                      dict(visitor=200, trainee=200, trainer=200, admin=200)),
    "auth.welcome": ("GET", "/km/welcome", dict(visitor=302, trainee=200, trainer=200, admin=200)),
    "trainer.home": ("GET", "/km/trainer/", dict(visitor=302, trainee=403, trainer=200, admin=200)),
    "trainer.trainees": ("GET", "/km/trainer/trainees",
                         dict(visitor=302, trainee=403, trainer=200, admin=200)),
    # Cohort 1 is the trainer's own centre's (the `cohort` fixture); others are 404.
    "trainer.cohort": ("GET", "/km/trainer/cohorts/1",
                       dict(visitor=302, trainee=403, trainer=200, admin=200)),
    "trainer.new_session": ("GET", "/km/trainer/cohorts/1/sessions/new",
                            dict(visitor=302, trainee=403, trainer=200, admin=200)),
    "trainer.register": ("GET", "/km/trainer/cohorts/1/sessions/1",
                         dict(visitor=302, trainee=403, trainer=200, admin=200)),
    # Admins have no centre of their own: a cohort belongs to a centre.
    "trainer.new_cohort": ("GET", "/km/trainer/cohorts/new",
                           dict(visitor=302, trainee=403, trainer=200, admin=404)),
    "trainer.import_trainees": ("GET", "/km/trainer/cohorts/1/import",
                                dict(visitor=302, trainee=403, trainer=200, admin=200)),
    "trainer.save_import": ("POST", "/km/trainer/cohorts/1/import/save",
                            dict(visitor=302, trainee=403, trainer=302, admin=302)),
    "trainer.import_template": ("GET", "/km/trainer/import-template.csv",
                                dict(visitor=302, trainee=403, trainer=200, admin=200)),
    "trainer.reprint_card": ("POST", "/km/trainer/trainees/999/card",
                             dict(visitor=302, trainee=403, trainer=404, admin=404)),
    "trainer.export": ("GET", "/km/trainer/cohorts/1/attendance.csv",
                       dict(visitor=302, trainee=403, trainer=200, admin=200)),
    "trainer.print_certificates": ("GET", "/km/trainer/cohorts/1/certificates-print.pdf",
                                   dict(visitor=302, trainee=403, trainer=302, admin=302)),
    "trainer.results": ("GET", "/km/trainer/cohorts/1/results",
                        dict(visitor=302, trainee=403, trainer=200, admin=200)),
    "trainer.question": ("GET", "/km/trainer/questions/first-steps/final/passport",
                         dict(visitor=302, trainee=403, trainer=200, admin=200)),
    "trainer.trainee": ("GET", "/km/trainer/cohorts/1/trainees/999",
                        dict(visitor=302, trainee=403, trainer=404, admin=404)),
    "trainer.grant_attempt": ("POST", "/km/trainer/cohorts/1/trainees/999/grant",
                              dict(visitor=302, trainee=403, trainer=404, admin=404)),
    "trainer.move": ("POST", "/km/trainer/cohorts/1/trainees/999/move",
                     dict(visitor=302, trainee=403, trainer=404, admin=404)),
    "admin.home": ("GET", "/km/admin/", dict(visitor=302, trainee=403, trainer=403, admin=200)),
    "learn.catalogue": ("GET", "/km/courses/",
                        dict(visitor=200, trainee=200, trainer=200, admin=200)),
    "learn.programme": ("GET", "/km/programmes/thailand",
                        dict(visitor=200, trainee=200, trainer=200, admin=200)),
    "learn.choose_programme": ("POST", "/km/programmes/thailand/choose",
                               dict(visitor=302, trainee=302, trainer=403, admin=403)),
    "learn.course": ("GET", "/km/courses/first-steps",
                     dict(visitor=200, trainee=200, trainer=200, admin=200)),
    "learn.enrol": ("POST", "/km/courses/first-steps/enrol",
                    dict(visitor=302, trainee=302, trainer=403, admin=403)),
    # A trainee not enrolled is sent to the course page to join it first.
    "learn.lesson": ("GET", "/km/courses/first-steps/hello",
                     dict(visitor=302, trainee=302, trainer=200, admin=200)),
    "learn.mark_done": ("POST", "/km/courses/first-steps/hello/done",
                        dict(visitor=302, trainee=403, trainer=403, admin=403)),
    "learn.my_learning": ("GET", "/km/my-learning",
                          dict(visitor=302, trainee=200, trainer=403, admin=403)),
    "media.media": ("GET", "/course-media/first-steps/passport.svg",
                    dict(visitor=200, trainee=200, trainer=200, admin=200)),
    "quizzes.quiz": ("GET", "/km/courses/first-steps/quizzes/final",
                     dict(visitor=302, trainee=302, trainer=200, admin=200)),
    "quizzes.start": ("POST", "/km/courses/first-steps/quizzes/final/start",
                      dict(visitor=302, trainee=302, trainer=403, admin=403)),
    # Attempt 1 does not exist (and another trainee's attempt is 404 too: tests/quizzes).
    "quizzes.attempt": ("GET", "/km/attempts/1",
                        dict(visitor=302, trainee=404, trainer=403, admin=403)),
    "quizzes.result": ("GET", "/km/attempts/1/result",
                       dict(visitor=302, trainee=404, trainer=403, admin=403)),
    "verify.verify_form": ("GET", "/v/", dict(visitor=200, trainee=200, trainer=200, admin=200)),
    # An unknown number: a clear 404 for everyone (tests/certificates covers every state).
    "verify.verify": ("GET", "/v/AAAAAAAAAAAA",
                      dict(visitor=404, trainee=404, trainer=404, admin=404)),
    "verify.verify_json": ("GET", "/v/AAAAAAAAAAAA.json",
                           dict(visitor=404, trainee=404, trainer=404, admin=404)),
    "verify.public_key": ("GET", "/certificates/public-key",
                          dict(visitor=200, trainee=200, trainer=200, admin=200)),
    "certificates.mine": ("GET", "/km/my-certificates",
                          dict(visitor=302, trainee=200, trainer=403, admin=403)),
    # Someone else's or an unknown certificate does not exist for the viewer.
    "certificates.show": ("GET", "/km/certificates/AAAAAAAAAAAA",
                          dict(visitor=302, trainee=404, trainer=404, admin=404)),
    "certificates.pdf": ("GET", "/km/certificates/AAAAAAAAAAAA.pdf",
                         dict(visitor=302, trainee=404, trainer=404, admin=404)),
    "certificates.manage": ("GET", "/km/certificates/AAAAAAAAAAAA/manage",
                            dict(visitor=302, trainee=403, trainer=404, admin=404)),
    "certificates.revoke": ("POST", "/km/certificates/AAAAAAAAAAAA/revoke",
                            dict(visitor=302, trainee=403, trainer=404, admin=404)),
    "certificates.reissue": ("POST", "/km/certificates/AAAAAAAAAAAA/reissue",
                             dict(visitor=302, trainee=403, trainer=404, admin=404)),
    "static": ("GET", "/static/css/site.css",
               dict(visitor=200, trainee=200, trainer=200, admin=200)),
}


@pytest.fixture
def cohort_with_session(courses, trainer):
    cohort = create_cohort(trainer.centre, get_programme("thailand"), "Batch 1",
                           date(2027, 1, 4), date(2027, 2, 1))
    add_session(cohort, date(2027, 1, 5), 3.0, "Rights", trainer)
    return cohort


@pytest.mark.parametrize("path", ["/km/trainer/cohorts/1", "/km/trainer/cohorts/1/sessions/new",
                                  "/km/trainer/cohorts/1/sessions/1"])
def test_another_centres_trainer_gets_404(app, cohort_with_session, make_user, make_centre,
                                         path):
    other = make_user(Role.trainer, name="Other centre", centre=make_centre())
    client = app.test_client()
    log_in(client, other.login_code, PASSWORD)
    assert client.get(path).status_code == 404
    assert client.post(path.replace("/new", "/new"), data={}).status_code in (404, 405)


def test_every_route_has_an_entry(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints == set(EXPECTED), "add the new route to EXPECTED with a status per role"


def test_every_view_declares_who_may_open_it(app):
    for endpoint, view in app.view_functions.items():
        if endpoint != "static":
            assert hasattr(view, "access"), f"{endpoint} has no access decorator"


@pytest.fixture
def clients(courses, cohort_with_session, client, trainee_client, trainer_client,
            admin_client):
    return dict(visitor=client, trainee=trainee_client, trainer=trainer_client,
                admin=admin_client)


@pytest.mark.parametrize("endpoint", sorted(EXPECTED))
def test_route_answers_each_role_as_expected(clients, endpoint):
    method, path, statuses = EXPECTED[endpoint]
    for role in ROLES:
        response = clients[role].open(path, method=method)
        response.close()
        assert response.status_code == statuses[role], f"{endpoint} as {role}"
        if role == "visitor" and statuses[role] == 302 and endpoint not in (
            "main.root", "main.switch_language"
        ):
            assert "/login" in response.headers["Location"]


def test_visitor_logout_goes_to_login(client):
    assert "/km/login" in client.post("/km/logout").headers["Location"]

