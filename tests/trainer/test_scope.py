"""Scope with real objects: another centre's trainer, and a trainer without a centre, act on
the first centre's real cohort, session, trainee, attempt and certificate, through every
route of the URL map; they get 404 (403 without a centre) and the database does not change.

The tables below are driven by the URL map: a new route fails test_every_route_has_a_case
until it has a case here (or a reason why it touches no centre's data).
"""

import io
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from orientation.access import may_act_on
from orientation.accounts.rules import format_code
from orientation.agencies import services as agencies
from orientation.extensions import db
from orientation.jobs import certificates as print_job
from orientation.jobs import services as jobs
from orientation.learn import services as learning
from orientation.models import (
    Attempt,
    Certificate,
    Departure,
    JobKind,
    JobState,
    Payment,
    Programme,
    Role,
    User,
)
from orientation.trainer import cohorts, import_batches
from tests.conftest import PASSWORD, log_in

CSV = b"name,latin_name,phone,language,trainee_code\r\nNew Person,NEW PERSON,,km,\r\n"


def upload():
    return {"file": (io.BytesIO(CSV), "trainees.csv")}


def agency_upload():
    return {"file": (io.BytesIO(b"country,name,licence_number,destinations\r\nKH,X,9,TH\r\n"),
                     "agencies.csv")}


AGENCY = {"country": "KH", "name": "Changed", "licence_number": "9", "destinations": ["MY"]}
# Trainer pages outside the trainer blueprint: refused to a trainer without a centre too.
TRAINER_PAGES = {"agencies.centre_agencies", "agencies.centre_export"}


def cohort_url(tail=""):
    return "/en/trainer/cohorts/{cohort}" + tail


TRAINEE = cohort_url("/trainees/{trainee}")
# endpoint: [(method, url, form data or a function making it, status for another centre's
# trainer)]. Urls and data take the first centre's ids: {cohort}, {session}, {trainee},
# {number}, {attempt}, {course}; {own_cohort} is the stranger's own cohort.
SCOPED = {
    "trainer.cohort": [("GET", cohort_url(), None, 404),
                       ("GET", cohort_url("?sort=name&show=at_risk"), None, 404)],
    "trainer.export": [("GET", cohort_url(f"/{name}.{kind}"), None, 404)
                       for name in ("matrix", "attendance", "certificates", "results",
                                    "readiness")
                       for kind in ("csv", "pdf")],
    "trainer.print_certificates": [("POST", cohort_url("/certificates/print"), None, 404)],
    # The first centre's print job and import job, under its cohort and under the stranger's.
    "trainer.job": [("GET", cohort_url("/jobs/{job}"), None, 404),
                    ("GET", "/en/trainer/cohorts/{own_cohort}/jobs/{job}", None, 404),
                    ("GET", "/en/trainer/cohorts/{own_cohort}/jobs/{import_job}", None, 404)],
    "trainer.job_result": [("GET", cohort_url("/jobs/{job}/result.pdf"), None, 404),
                           ("GET", "/en/trainer/cohorts/{own_cohort}/jobs/{job}/result.pdf",
                            None, 404)],
    "trainer.retry_job": [("POST", cohort_url("/jobs/{failed_job}/retry"), None, 404),
                          ("POST", "/en/trainer/cohorts/{own_cohort}/jobs/{failed_job}/retry",
                           None, 404)],
    "trainer.results": [("GET", cohort_url("/results"), None, 404)],
    "trainer.import_trainees": [("GET", cohort_url("/import"), None, 404),
                                ("POST", cohort_url("/import"), upload, 404)],
    "trainer.import_batch": [("GET", cohort_url("/import/{batch}"), None, 404),
                             ("GET", cohort_url("/import/{saved}"), None, 404)],
    "trainer.save_import": [("POST", cohort_url("/import/{batch}/save"), None, 404),
                            ("POST", "/en/trainer/cohorts/{own_cohort}/import/{batch}/save",
                             None, 404)],
    "trainer.import_cards": [("POST", cohort_url("/import/{saved}/cards-1.pdf"), None, 404),
                             ("POST", "/en/trainer/cohorts/{own_cohort}/import/{saved}"
                              "/cards-1.pdf", None, 404)],
    "trainer.new_session": [("GET", cohort_url("/sessions/new"), None, 404),
                            ("POST", cohort_url("/sessions/new"),
                             {"held_on": "2027-01-05", "hours": "2", "topic": "x"}, 404)],
    "trainer.register": [("GET", cohort_url("/sessions/{session}"), None, 404),
                         ("POST", cohort_url("/sessions/{session}"), {"present": []}, 404),
                         ("POST", cohort_url("/sessions/{session}"), {"everyone": "1"}, 404)],
    "trainer.trainee": [("GET", TRAINEE, None, 404),
                        ("GET", "/en/trainer/cohorts/{own_cohort}/trainees/{trainee}", None,
                         404)],
    "trainer.grant_attempt": [
        ("POST", TRAINEE + "/grant", {"course_id": "{course}"}, 404),
        ("POST", "/en/trainer/cohorts/{own_cohort}/trainees/{trainee}/grant",
         {"course_id": "{course}"}, 404)],
    "trainer.move": [
        ("POST", TRAINEE + "/move", {"cohort_id": "{own_cohort}"}, 404),
        ("POST", "/en/trainer/cohorts/{own_cohort}/trainees/{trainee}/move",
         {"cohort_id": "{own_cohort}"}, 404)],
    "trainer.reprint_card": [("POST", "/en/trainer/trainees/{trainee}/card", None, 404),
                             ("POST", "/en/trainer/trainees/{self_registered}/card", None,
                              404)],
    "trainer.trainee_origin": [
        ("GET", "/en/trainer/trainees/{trainee}/origin", None, 404),
        ("POST", "/en/trainer/trainees/{trainee}/origin", {"origin": "VN"}, 404),
        ("POST", "/en/trainer/trainees/{self_registered}/origin", {"origin": "VN"}, 404)],
    # A trainee's data on their request: with their code typed right, still nothing.
    "privacy.page": [("GET", "/en/trainer/trainees/{trainee}/data", None, 404)],
    "privacy.export": [("POST", "/en/trainer/trainees/{trainee}/data/export",
                        {"export-confirm": "{trainee_code}"}, 404)],
    "privacy.erase": [("POST", "/en/trainer/trainees/{trainee}/data/erase",
                       {"erase-confirm": "{trainee_code}", "erase-revoke": "y"}, 404),
                      ("POST", "/en/trainer/trainees/{self_registered}/data/erase",
                       {"erase-confirm": "x"}, 404)],
    "trainer.departure": [
        ("GET", TRAINEE + "/departure", None, 404),
        ("POST", TRAINEE + "/departure", {"c-destination": "TH", "c-passport_kept": "no"}, 404),
        ("GET", "/en/trainer/cohorts/{own_cohort}/trainees/{trainee}/departure", None, 404)],
    "trainer.review_contract": [
        ("POST", TRAINEE + "/departure/contract",
         {"r-reviewed_on": "2026-01-05", "r-language": "km", "r-copy_kept": "yes"}, 404),
        ("POST", "/en/trainer/cohorts/{own_cohort}/trainees/{trainee}/departure/contract",
         {"r-reviewed_on": "2026-01-05", "r-language": "km", "r-copy_kept": "yes"}, 404)],
    "trainer.remove_payment": [
        ("POST", TRAINEE + "/departure/payments/{payment}/remove", None, 404),
        ("POST", "/en/trainer/cohorts/{own_cohort}/trainees/{trainee}/departure/payments"
         "/{payment}/remove", None, 404)],
    # Pages with no centre's ids: the stranger sees their own centre's, never the first's.
    "trainer.home": [("GET", "/en/trainer/", None, 200)],
    "trainer.trainees": [("GET", "/en/trainer/trainees?q={trainee_name}", None, 200),
                         ("GET", "/en/trainer/trainees?q={trainee_code}", None, 200)],
    "trainer.new_cohort": [("GET", "/en/trainer/cohorts/new", None, 200)],
    "trainer.import_template": [("GET", "/en/trainer/import-template.csv", None, 200)],
    # Course content, the same for every centre.
    "trainer.question": [("GET", "/en/trainer/questions/first-steps/final/passport", None,
                          200)],
    "certificates.manage": [("GET", "/en/certificates/{number}/manage", None, 404)],
    "certificates.revoke": [("POST", "/en/certificates/{number}/revoke", {"reason": "x"},
                             404)],
    "certificates.reissue": [("POST", "/en/certificates/{number}/reissue", None, 404)],
    "certificates.show": [("GET", "/en/certificates/{number}", None, 404)],
    "certificates.pdf": [("GET", "/en/certificates/{number}.pdf", None, 404)],
    # A centre's agencies: the stranger's own centre; the first centre's id is 404.
    "agencies.centre_agencies": [("GET", "/en/trainer/agencies", None, 200),
                                 ("GET", "/en/trainer/agencies?centre={centre}", None, 404)],
    "agencies.centre_export": [("GET", "/en/trainer/agencies.csv", None, 200),
                               ("GET", "/en/trainer/agencies.csv?centre={centre}", None, 404)],
    # The agency list and the centres' fee caps: admins only.
    "agencies.agency_list": [("GET", "/en/admin/agencies/", None, 403)],
    "agencies.new_agency": [("GET", "/en/admin/agencies/new", None, 403),
                            ("POST", "/en/admin/agencies/new", AGENCY, 403)],
    "agencies.edit_agency": [("GET", "/en/admin/agencies/{agency}", None, 403),
                             ("POST", "/en/admin/agencies/{agency}", AGENCY, 403)],
    "agencies.import_agencies": [("POST", "/en/admin/agencies/import", agency_upload, 403)],
    "agencies.save_import": [("POST", "/en/admin/agencies/import/save", None, 403)],
    "agencies.import_template": [("GET", "/en/admin/agencies/import-template.csv", None, 403)],
    "agencies.fee_caps": [("GET", "/en/admin/fee-caps", None, 403)],
    "agencies.fee_cap": [("GET", "/en/admin/fee-caps/{centre}", None, 403),
                         ("POST", "/en/admin/fee-caps/{centre}",
                          {"amount": "100", "currency": "USD"}, 403)],
    # A trainee's own pages: staff are refused by role.
    "quizzes.attempt": [("GET", "/en/attempts/{attempt}", None, 403),
                        ("POST", "/en/attempts/{attempt}", {}, 403)],
    "quizzes.result": [("GET", "/en/attempts/{attempt}/result", None, 403)],
}
# Routes that hold no centre's data, and why.
UNSCOPED = {
    "main.root": "redirects to a language", "main.home": "public start page",
    "main.switch_language": "the viewer's own preference", "auth.login": "public",
    "main.favicon": "an icon",
    "auth.logout": "the viewer's own session", "auth.register": "public",
    "auth.welcome": "the viewer's own code", "admin.home": "admins only (tests/test_access)",
    "admin.contacts_overview": "admins only (tests/test_access)",
    "admin.edit_contacts": "admins only (tests/test_access)",
    "admin.courses_page": "admins only (tests/test_access)",
    "admin.certificate_settings": "admins only (tests/test_access, tests/certificates)",
    "admin.audit_log_page": "admins only (tests/test_access)",
    "admin.audit_csv": "admins only (tests/test_access)",
    "learn.catalogue": "public course list", "learn.programme": "public",
    "learn.course": "public", "learn.lesson": "course content",
    "learn.enrol": "trainees only, for themselves", "learn.mark_done": "trainees only",
    "learn.choose_programme": "trainees only", "learn.my_learning": "trainees only",
    "learn.set_origin": "trainees only, their own origin",
    "media.media": "course media", "quizzes.quiz": "course content",
    "quizzes.start": "trainees only, for themselves",
    "certificates.mine": "trainees only, their own",
    "verify.verify_form": "public", "verify.verify": "public verification",
    "verify.verify_json": "public verification", "verify.public_key": "public",
    "static": "files", "health.healthz": "the server's own state",
    "account.change_pin": "trainees only, their own PIN",
    "account.change_password": "staff, their own password",
    "account.my_data": "trainees only, their own data",
    "second_factor.status": "staff, their own second factor",
    "second_factor.setup": "staff, their own second factor",
    "second_factor.renew_codes": "staff, their own recovery codes",
    "second_factor.turn_off": "staff, their own second factor",
    "second_factor.login_code": "the account whose password this browser gave",
    "security.security": "admins only (tests/test_access, tests/second_factor)",
    "security.reset": "admins only (tests/test_access, tests/second_factor)",
    "offline.manifest": "the app's name and icons", "offline.page": "the same for everyone",
    "worker.worker": "code", "offline.bundle": "course content (tests/offline)",
    "offline.destination_help": "trainees only, their own destination",
    "admin.new_centre": "admins only", "admin.edit_centre": "admins only",
    "admin.staff_list": "admins only", "admin.new_staff": "admins only",
    "admin.disable_staff": "admins only", "admin.enable_staff": "admins only",
    "admin.reset_password": "admins only", "admin.edit_staff": "admins only",
    "departure.checklist": "trainees only, their own checklist",
    "departure.add_payment": "trainees only, their own payments",
    "departure.remove_payment": "trainees only, their own payments (tests/departure)",
}


def test_every_route_has_a_case(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert not set(SCOPED) & set(UNSCOPED)
    missing = endpoints - set(SCOPED) - set(UNSCOPED)
    assert not missing, "add a scope case (or a reason) for these routes"
    assert not (set(SCOPED) | set(UNSCOPED)) - endpoints, "cases for routes that are gone"


@pytest.fixture
def world(courses, trainer, make_centre, make_user, make_trainee, complete):
    """Two centres with a trainer, a cohort and trainees each; the first centre's cohort has
    a session with attendance, and its trainee an attempt and a certificate."""
    programme = db.session.scalar(select(Programme))
    first = learning.create_cohort(trainer.centre, programme, "Alpha-cohort", date.today(),
                                   date.today() + timedelta(days=5))
    trainee = make_trainee(name="ស្រី ពៅ", centre=trainer.centre)
    learning.join_cohort(trainee, first)
    complete(trainee)
    session = cohorts.add_session(first, date.today(), 2.0, "Rights", trainer)
    cohorts.record_attendance(session, {trainee.id}, trainer)
    other_centre = make_centre()
    stranger = make_user(Role.trainer, name="Stranger", centre=other_centre)
    own = learning.create_cohort(other_centre, programme, "Own", date.today(),
                                 date.today() + timedelta(days=50))
    learning.join_cohort(make_trainee(name="Their trainee", centre=other_centre), own)
    certificate = db.session.scalar(select(Certificate).where(Certificate.user_id ==
                                                              trainee.id))
    batch, _ = import_batches.check_file(first, trainer, CSV, "KH")
    saved, _ = import_batches.check_file(first, trainer, CSV.replace(b"New", b"Newer"), "KH")
    import_batches.save(saved, trainer, "KH")
    job = print_job.start(first, trainer)
    failed = jobs.new_job(JobKind.certificates, first, trainer, 1)  # an earlier one that failed
    failed.state, failed.error, failed.active_key = JobState.failed, "failed", None
    payment = Payment(paid_to="Agency", category="medical", amount=50, currency="USD",
                      receipt=False)
    db.session.add(Departure(user_id=trainee.id, destination="TH", payments=[payment]))
    db.session.commit()
    agency = agencies.create_agency({"country": "KH", "name": "Agency", "licence_number": "1",
                                     "destinations": ["TH"], "licence_expires_on": None,
                                     "address": "", "phone": ""}, None)
    return {"agency": agency.id, "centre": first.centre_id,
            "job": job.token, "failed_job": failed.token,
            "import_job": jobs.get_batch_job(saved.id).token,
            "cohort": first.id, "session": session.id, "trainee": trainee.id,
            "trainee_name": trainee.display_name, "trainee_code": trainee.login_code,
            "number": certificate.number, "attempt": _attempt(trainee),
            "course": programme.entries[0].course_id, "own_cohort": own.id,
            "self_registered": make_trainee(name="Alone").id, "stranger": stranger,
            "batch": batch.token, "saved": saved.token, "payment": payment.id}


def _attempt(trainee):
    return db.session.scalar(select(Attempt.id).where(Attempt.user_id == trainee.id))


def snapshot():
    """Every row of every table, to compare before and after a request."""
    db.session.expire_all()
    return {table.name: sorted(map(repr, db.session.execute(select(table)).all()))
            for table in db.metadata.sorted_tables}


def fill(value, ids):
    if isinstance(value, str):
        return value.format(**ids)
    if isinstance(value, list):
        return [fill(v, ids) for v in value]
    return value


def run_cases(client, ids, expect):
    """Request every case; [(case, problem)] for each that answered otherwise or changed
    the database."""
    problems = []
    for endpoint, cases in SCOPED.items():
        for method, url, data, stranger_status in cases:
            data = data() if callable(data) else {k: fill(v, ids) for k, v in (data or {})
                                                  .items()}
            url = fill(url, ids)
            before = snapshot()
            response = client.open(url, method=method, data=data)
            body = response.get_data(as_text=True) if response.mimetype == "text/html" else ""
            response.close()
            wanted = expect(endpoint, stranger_status)
            if response.status_code != wanted:
                problems.append((method, url, f"{response.status_code} not {wanted}"))
            if snapshot() != before:
                problems.append((method, url, "the database changed"))
            if format_code(ids["trainee_code"]) in body or "Alpha-cohort" in body:
                problems.append((method, url, "shows the first centre's data"))
    return problems


def test_another_centres_trainer_gets_404_and_changes_nothing(app, world):
    client = app.test_client()
    assert log_in(client, world["stranger"].login_code, PASSWORD).status_code == 302
    assert run_cases(client, world, lambda endpoint, status: status) == []


def test_a_trainer_without_centre_gets_403_on_every_trainer_page(app, world):
    """Old data: the account became a trainer without a centre before the rules refused it."""
    lone = world["stranger"]
    lone.centre_id = None
    db.session.commit()
    client = app.test_client()
    assert log_in(client, lone.login_code, PASSWORD).status_code == 302

    def expect(endpoint, status):
        return 403 if endpoint.startswith("trainer.") or endpoint in TRAINER_PAGES else status

    assert run_cases(client, world, expect) == []
    for rule in app.url_map.iter_rules():  # the table covers every trainer route
        assert not rule.endpoint.startswith("trainer.") or rule.endpoint in SCOPED


def test_scope_rule(make_centre, make_user, make_trainee, trainer, admin):
    own = make_trainee(name="Own", centre=trainer.centre)
    other = make_trainee(name="Other", centre=make_centre())
    alone = make_trainee(name="Self-registered")  # no centre
    assert may_act_on(trainer, own) and not may_act_on(trainer, other)
    assert not may_act_on(trainer, alone)
    lone = db.session.get(User, trainer.id)
    lone.centre_id = None  # old data
    assert not may_act_on(lone, alone) and not may_act_on(lone, own)
    assert all(may_act_on(admin, t) for t in (own, other, alone))
    assert not may_act_on(own, own)  # a trainee acts on nobody
