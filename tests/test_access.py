"""Every route, every role: the expected answer. A route missing from this table fails.

Statuses: 200 shown, 302 redirected (to the login page for visitors), 403 refused,
404 hidden, 405 wrong method, 400 bad input. Paths name real objects ({cohort}, {session},
{trainee}, {attempt}, {number}: the trainer's centre's cohort, its session, a trainee of it
with an attempt and a certificate); an unknown id is tested as such, never by chance.
`lone_trainer` is a trainer whose account has no centre (old data): refused everywhere a
trainer works. Later features add their rows and roles here.
"""

import time
from datetime import date

import pyotp
import pytest
from sqlalchemy import select

from orientation.agencies import services as agencies
from orientation.extensions import db
from orientation.jobs import certificates as print_job
from orientation.learn.services import create_cohort, get_programme, join_cohort
from orientation.models import (
    Attempt,
    Certificate,
    Departure,
    DestinationContact,
    Payment,
    Role,
    User,
)
from orientation.second_factor import services as second_factor
from orientation.trainer import import_batches
from orientation.trainer.cohorts import add_session, get_sessions
from tests.conftest import PASSWORD, log_in

ROLES = ("visitor", "trainee", "trainer", "lone_trainer", "admin")

def by_role(visitor, trainee, trainer, lone_trainer, admin):
    return dict(visitor=visitor, trainee=trainee, trainer=trainer, lone_trainer=lone_trainer,
                admin=admin)


EVERYONE_200 = by_role(200, 200, 200, 200, 200)
TRAINER_PAGE = by_role(302, 403, 200, 403, 200)
TRAINEE_ONLY = by_role(302, 200, 403, 403, 403)
TRAINEE_POST = by_role(302, 302, 403, 403, 403)
ADMIN_PAGE = by_role(302, 403, 403, 403, 200)
ADMIN_ONLY = ADMIN_PAGE
ADMIN_POST = by_role(302, 403, 403, 403, 303)
COHORT = "/km/trainer/cohorts/{cohort}"
TRAINEE = COHORT + "/trainees/{trainee}"
# endpoint: (method, path, by_role(visitor, trainee, trainer, lone_trainer, admin))
EXPECTED = {
    "main.root": ("GET", "/", by_role(302, 302, 302, 302, 302)),
    "main.home": ("GET", "/km/", EVERYONE_200),
    "main.favicon": ("GET", "/favicon.ico", EVERYONE_200),
    "main.switch_language": ("GET", "/language/lo?next=/km/", by_role(302, 302, 302, 302, 302)),
    "auth.login": ("GET", "/km/login", EVERYONE_200),
    "auth.logout": ("POST", "/km/logout", by_role(302, 302, 302, 302, 302)),
    "auth.register": ("GET", "/km/register", EVERYONE_200),
    "auth.welcome": ("GET", "/km/welcome", by_role(302, 200, 200, 200, 200)),
    # One's own account: a trainee's PIN and data, staff's password (even a trainer without
    # a centre may change it). Posted empty: the form again with its messages.
    "account.change_pin": ("GET", "/km/account/pin", TRAINEE_ONLY),
    "account.change_password": ("GET", "/km/account/password", by_role(302, 403, 200, 200, 200)),
    "account.my_data": ("GET", "/km/account/my-data", TRAINEE_ONLY),
    # The second factor: staff's own (a trainer without a centre too); a page that needs
    # it on sends back to the status page. The login's code page without a password step
    # sends to the login page. The admin's security page; {lost_phone} is another trainer, whose
    # second factor is on.
    "second_factor.status": ("GET", "/km/account/second-factor", by_role(302, 403, 200, 200,
                                                                           200)),
    "second_factor.setup": ("GET", "/km/account/second-factor/setup",
                            by_role(302, 403, 200, 200, 200)),
    "second_factor.renew_codes": ("GET", "/km/account/second-factor/recovery-codes",
                                  by_role(302, 403, 302, 302, 302)),
    "second_factor.turn_off": ("GET", "/km/account/second-factor/off",
                               by_role(302, 403, 302, 302, 302)),
    "second_factor.login_code": ("GET", "/km/login/code", by_role(302, 302, 302, 302, 302)),
    "security.security": ("GET", "/km/admin/security", by_role(302, 403, 403, 403, 200)),
    "security.reset": ("GET", "/km/admin/security/staff/{lost_phone}/reset",
                       by_role(302, 403, 403, 403, 200)),
    "trainer.home": ("GET", "/km/trainer/", TRAINER_PAGE),
    "trainer.trainees": ("GET", "/km/trainer/trainees", TRAINER_PAGE),
    "trainer.cohort": ("GET", COHORT, TRAINER_PAGE),
    "trainer.new_session": ("GET", COHORT + "/sessions/new", TRAINER_PAGE),
    "trainer.register": ("GET", COHORT + "/sessions/{session}", TRAINER_PAGE),
    # Admins have no centre of their own: a cohort belongs to a centre.
    "trainer.new_cohort": ("GET", "/km/trainer/cohorts/new", by_role(302, 403, 200, 403, 404)),
    "trainer.import_trainees": ("GET", COHORT + "/import", TRAINER_PAGE),
    # A previewed batch (a real file, checked) and one already saved.
    "trainer.import_batch": ("GET", COHORT + "/import/{batch}", TRAINER_PAGE),
    "trainer.save_import": ("POST", COHORT + "/import/{batch}/save",
                            by_role(302, 403, 303, 403, 303)),
    "trainer.import_cards": ("POST", COHORT + "/import/{saved}/cards-1.pdf", TRAINER_PAGE),
    "trainer.import_template": ("GET", "/km/trainer/import-template.csv", TRAINER_PAGE),
    # A new login card (a PDF) for the cohort's trainee.
    "trainer.reprint_card": ("POST", "/km/trainer/trainees/{trainee}/card", TRAINER_PAGE),
    "trainer.export": ("GET", COHORT + "/attendance.csv", TRAINER_PAGE),
    # Starts (or finds) the cohort's print job, then its page; {job} has finished.
    "trainer.print_certificates": ("POST", COHORT + "/certificates/print",
                                   by_role(302, 403, 303, 403, 303)),
    "trainer.job": ("GET", COHORT + "/jobs/{job}", TRAINER_PAGE),
    "trainer.job_result": ("GET", COHORT + "/jobs/{job}/result.pdf", TRAINER_PAGE),
    # A finished job: nothing to try again, back to its page.
    "trainer.retry_job": ("POST", COHORT + "/jobs/{job}/retry",
                          by_role(302, 403, 303, 403, 303)),
    "trainer.results": ("GET", COHORT + "/results", TRAINER_PAGE),
    "trainer.question": ("GET", "/km/trainer/questions/first-steps/final/passport",
                         TRAINER_PAGE),
    "trainer.trainee": ("GET", TRAINEE, TRAINER_PAGE),
    # Posted without a course or a cohort: 400 (tests/trainer covers the rest).
    "trainer.grant_attempt": ("POST", TRAINEE + "/grant", by_role(302, 403, 400, 403, 400)),
    "trainer.move": ("POST", TRAINEE + "/move", by_role(302, 403, 400, 403, 400)),
    "trainer.trainee_origin": ("GET", "/km/trainer/trainees/{trainee}/origin", TRAINER_PAGE),
    "admin.home": ("GET", "/km/admin/", ADMIN_PAGE),
    "admin.new_centre": ("GET", "/km/admin/centres/new", ADMIN_PAGE),
    "admin.edit_centre": ("GET", "/km/admin/centres/{centre}", ADMIN_PAGE),
    "admin.staff_list": ("GET", "/km/admin/staff", ADMIN_PAGE),
    "admin.new_staff": ("GET", "/km/admin/staff/new", ADMIN_PAGE),
    "admin.edit_staff": ("GET", "/km/admin/staff/{staff}", ADMIN_PAGE),
    # {staff} is the trainer: disabled (logged out) as the last role asked, enabled (no
    # change), a new password shown on the answer.
    "admin.disable_staff": ("POST", "/km/admin/staff/{staff}/disable", ADMIN_POST),
    "admin.enable_staff": ("POST", "/km/admin/staff/{staff}/enable", ADMIN_POST),
    "admin.reset_password": ("POST", "/km/admin/staff/{staff}/password", ADMIN_PAGE),
    "admin.contacts_overview": ("GET", "/km/admin/contacts", ADMIN_ONLY),
    "admin.edit_contacts": ("GET", "/km/admin/contacts/TH/lo", ADMIN_ONLY),
    "admin.courses_page": ("GET", "/km/admin/courses", ADMIN_ONLY),
    "admin.certificate_settings": ("GET", "/km/admin/certificates", ADMIN_ONLY),
    "admin.audit_log_page": ("GET", "/km/admin/audit", ADMIN_ONLY),
    "admin.audit_csv": ("GET", "/km/admin/audit.csv", ADMIN_ONLY),
    # A trainee's data on their request (a trainer without a centre is of no trainee's
    # centre: 404). Posted without the typed login code: the page again with its message.
    "privacy.page": ("GET", "/km/trainer/trainees/{trainee}/data",
                     by_role(302, 403, 200, 404, 200)),
    "privacy.export": ("POST", "/km/trainer/trainees/{trainee}/data/export",
                       by_role(302, 403, 200, 404, 200)),
    "privacy.erase": ("POST", "/km/trainer/trainees/{trainee}/data/erase",
                      by_role(302, 403, 200, 404, 200)),
    # The cohort's trainee's departure checklist; the contract review posted empty: the form
    # again with its messages; an unknown payment: 404 (tests/departure covers the rest).
    "trainer.departure": ("GET", TRAINEE + "/departure", TRAINER_PAGE),
    "trainer.review_contract": ("POST", TRAINEE + "/departure/contract",
                                by_role(302, 403, 200, 403, 200)),
    "trainer.remove_payment": ("POST", TRAINEE + "/departure/payments/999999/remove",
                               by_role(302, 403, 404, 403, 404)),
    # The trainee's own checklist; a payment posted empty: the form again with its
    # messages; the trainee's own payment removed.
    "departure.checklist": ("GET", "/km/departure", TRAINEE_ONLY),
    "departure.add_payment": ("POST", "/km/departure/payments", TRAINEE_ONLY),
    "departure.remove_payment": ("POST", "/km/departure/payments/{payment}/remove",
                                 by_role(302, 303, 403, 403, 403)),
    "agencies.agency_list": ("GET", "/km/admin/agencies/", ADMIN_ONLY),
    "agencies.new_agency": ("GET", "/km/admin/agencies/new", ADMIN_ONLY),
    "agencies.edit_agency": ("GET", "/km/admin/agencies/{agency}", ADMIN_ONLY),
    "agencies.import_agencies": ("GET", "/km/admin/agencies/import", ADMIN_ONLY),
    "agencies.import_template": ("GET", "/km/admin/agencies/import-template.csv", ADMIN_ONLY),
    # Posted without a previewed file: 400 (tests/agencies covers the rest).
    "agencies.save_import": ("POST", "/km/admin/agencies/import/save",
                             by_role(302, 403, 403, 403, 400)),
    "agencies.fee_caps": ("GET", "/km/admin/fee-caps", ADMIN_ONLY),
    "agencies.fee_cap": ("GET", "/km/admin/fee-caps/{centre}", ADMIN_ONLY),
    # A trainer's own centre; an admin chooses one ({centre}: the trainer's).
    "agencies.centre_agencies": ("GET", "/km/trainer/agencies", TRAINER_PAGE),
    "agencies.centre_export": ("GET", "/km/trainer/agencies.csv?centre={centre}", TRAINER_PAGE),
    "learn.catalogue": ("GET", "/km/courses/", EVERYONE_200),
    "learn.programme": ("GET", "/km/programmes/thailand", EVERYONE_200),
    "learn.choose_programme": ("POST", "/km/programmes/thailand/choose", TRAINEE_POST),
    "learn.course": ("GET", "/km/courses/first-steps", EVERYONE_200),
    "learn.enrol": ("POST", "/km/courses/first-steps/enrol", TRAINEE_POST),
    "learn.lesson": ("GET", "/km/courses/first-steps/hello", by_role(302, 200, 200, 200, 200)),
    "learn.mark_done": ("POST", "/km/courses/first-steps/hello/done", TRAINEE_POST),
    "learn.my_learning": ("GET", "/km/my-learning", TRAINEE_ONLY),
    # Posted without an origin: 400 (tests/learn/test_origin.py covers the rest).
    "learn.set_origin": ("POST", "/km/my-learning/origin", by_role(302, 302, 403, 403, 403)),
    "media.media": ("GET", "/course-media/first-steps/passport.svg", EVERYONE_200),
    "quizzes.quiz": ("GET", "/km/courses/first-steps/quizzes/final",
                     by_role(302, 200, 200, 200, 200)),
    "quizzes.start": ("POST", "/km/courses/first-steps/quizzes/final/start", TRAINEE_POST),
    # The trainee's own submitted attempt (another trainee's is 404: tests/quizzes).
    "quizzes.attempt": ("GET", "/km/attempts/{attempt}", by_role(302, 302, 403, 403, 403)),
    "quizzes.result": ("GET", "/km/attempts/{attempt}/result", TRAINEE_ONLY),
    "verify.verify_form": ("GET", "/v/", EVERYONE_200),
    "verify.verify": ("GET", "/v/{number}", EVERYONE_200),
    "verify.verify_json": ("GET", "/v/{number}.json", EVERYONE_200),
    "verify.public_key": ("GET", "/certificates/public-key", EVERYONE_200),
    "certificates.mine": ("GET", "/km/my-certificates", TRAINEE_ONLY),
    # The trainee's certificate, issued by the trainer's centre: a trainer without a centre
    # is not of that centre.
    "certificates.show": ("GET", "/km/certificates/{number}", by_role(302, 200, 200, 404, 200)),
    "certificates.pdf": ("GET", "/km/certificates/{number}.pdf",
                         by_role(302, 200, 200, 404, 200)),
    "certificates.manage": ("GET", "/km/certificates/{number}/manage",
                            by_role(302, 403, 200, 404, 200)),
    # Without a reason: refused with a message, back to the manage page.
    "certificates.revoke": ("POST", "/km/certificates/{number}/revoke",
                            by_role(302, 403, 302, 404, 302)),
    "certificates.reissue": ("POST", "/km/certificates/{number}/reissue",
                             by_role(302, 403, 302, 404, 302)),
    "static": ("GET", "/static/css/site.css", EVERYONE_200),
    # Offline use: the manifest, the offline page and the service worker hold nobody's data.
    "offline.manifest": ("GET", "/km/manifest.webmanifest", EVERYONE_200),
    "offline.page": ("GET", "/km/offline", EVERYONE_200),
    "worker.worker": ("GET", "/sw.js", EVERYONE_200),
    # The help page of the trainee's destination (kept on the phone).
    "offline.destination_help": ("GET", "/km/help", TRAINEE_ONLY),
    # A course's offline bundle: the trainee is enrolled, staff read every course.
    "offline.bundle": ("GET", "/km/offline/courses/first-steps.json",
                       by_role(302, 200, 200, 200, 200)),
    # For load balancers and monitors: no login (tests/test_serving.py has the 503s).
    "health.healthz": ("GET", "/healthz", EVERYONE_200),
}


@pytest.fixture
def cohort_with_session(courses, trainer):
    cohort = create_cohort(trainer.centre, get_programme("thailand"), "Batch 1",
                           date(2027, 1, 4), date(2027, 2, 1))
    add_session(cohort, date(2027, 1, 5), 3.0, "Rights", trainer)
    return cohort


@pytest.fixture
def ids(cohort_with_session, trainee, complete, make_user):
    """The real objects the table's paths name: the trainee is in the cohort and has
    passed the first course (an attempt and a certificate)."""
    join_cohort(trainee, cohort_with_session)
    complete(trainee)
    trainer = db.session.scalar(select(User).where(User.role == Role.trainer))
    batch, _ = import_batches.check_file(cohort_with_session, trainer,
                                         "name\r\nស្រី ពេជ្រ\r\n".encode(), "KH")
    saved, _ = import_batches.check_file(cohort_with_session, trainer,
                                         "name\r\nສົມສັກ\r\n".encode(), "KH")
    import_batches.save(saved, trainer, "KH")
    job = print_job.start(cohort_with_session, trainer)
    lost_phone = make_user(Role.trainer, name="Lost phone", centre=trainer.centre)
    _turn_on_second_factor(lost_phone)
    payment = Payment(paid_to="Agency", category="medical", amount=50, currency="USD",
                      receipt=True)
    db.session.add(Departure(user_id=trainee.id, payments=[payment]))
    db.session.commit()
    agency = agencies.create_agency({"country": "KH", "name": "Agency", "licence_number": "1",
                                     "destinations": ["TH"], "licence_expires_on": None,
                                     "address": "", "phone": ""}, None)
    return {"lost_phone": lost_phone.id, "payment": payment.id, "agency": agency.id,
            "batch": batch.token, "saved": saved.token, "cohort": cohort_with_session.id,
            "staff": trainer.id, "centre": trainer.centre_id,
            "job": job.token,
            "session": get_sessions(cohort_with_session.id)[0][0].id,
            "trainee": trainee.id,
            "attempt": db.session.scalar(select(Attempt.id).where(Attempt.user_id ==
                                                                  trainee.id)),
            "number": db.session.scalar(select(Certificate.number).where(
                Certificate.user_id == trainee.id))}


def _turn_on_second_factor(user):
    """The trainer's second factor on, confirmed a minute ago."""
    secret = second_factor.get_setup_secret(user)
    earlier = time.time() - 60
    assert second_factor.confirm_setup(user, pyotp.TOTP(secret).at(earlier), now=earlier)


@pytest.fixture
def lone_trainer_client(app, make_user, centre):
    """A trainer whose account lost its centre (old data: the rules now refuse to make one)."""
    lone = make_user(Role.trainer, name="No centre", centre=centre)
    lone.centre_id = None
    db.session.commit()
    client = app.test_client()
    assert log_in(client, lone.login_code, PASSWORD).status_code == 302
    return client


PATHS = ["/km/trainer/cohorts/{cohort}", "/km/trainer/cohorts/{cohort}/sessions/new",
         "/km/trainer/cohorts/{cohort}/sessions/{session}"]


@pytest.mark.parametrize("path", PATHS)
def test_another_centres_trainer_gets_404(app, ids, make_user, make_centre, path):
    other = make_user(Role.trainer, name="Other centre", centre=make_centre())
    client = app.test_client()
    log_in(client, other.login_code, PASSWORD)
    path = path.format(**ids)
    assert client.get(path).status_code == 404
    assert client.post(path, data={}).status_code in (404, 405)


def test_ids_are_real(ids):
    assert all(isinstance(value, (int, str)) and value for value in ids.values())


def test_every_route_has_an_entry(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints == set(EXPECTED), "add the new route to EXPECTED with a status per role"


def test_every_view_declares_who_may_open_it(app):
    for endpoint, view in app.view_functions.items():
        if endpoint != "static":
            assert hasattr(view, "access"), f"{endpoint} has no access decorator"


@pytest.fixture
def clients(courses, ids, client, trainee_client, trainer_client, lone_trainer_client,
            admin_client):
    return dict(visitor=client, trainee=trainee_client, trainer=trainer_client,
                lone_trainer=lone_trainer_client, admin=admin_client)


@pytest.mark.parametrize("endpoint", sorted(EXPECTED))
def test_route_answers_each_role_as_expected(clients, ids, endpoint):
    method, path, statuses = EXPECTED[endpoint]
    path = path.format(**ids)
    for role in ROLES:
        response = clients[role].open(path, method=method)
        response.close()
        assert response.status_code == statuses[role], f"{endpoint} as {role}"
        if role == "visitor" and statuses[role] == 302 and endpoint not in (
            "main.root", "main.switch_language"
        ):
            assert "/login" in response.headers["Location"]


# The admin's records pages, posted: refused by role before anything is read or saved.
ADMIN_POSTS = [("/km/admin/contacts/TH/lo", {"embassy_phone-value": "+66 1"}),
               ("/km/admin/courses", {})]


@pytest.mark.parametrize("path, data", ADMIN_POSTS)
def test_admin_posts_refuse_everyone_else(clients, path, data):
    for role in ("visitor", "trainee", "trainer", "lone_trainer"):
        response = clients[role].post(path, data=data)
        assert response.status_code == (302 if role == "visitor" else 403), role
    assert db.session.scalars(select(DestinationContact)).all() == []


def test_visitor_logout_goes_to_login(client):
    assert "/km/login" in client.post("/km/logout").headers["Location"]
