"""Exports that open right in a spreadsheet, results by language, extra attempts, moves."""

import csv
import io
from datetime import date, timedelta

import pypdf
import pytest
from sqlalchemy import select

from orientation.completion import reconcile
from orientation.extensions import db
from orientation.learn import services as learning
from orientation.models import AttemptGrant, AuditEvent, Programme, Role
from orientation.trainer import cohorts
from orientation.trainer.exports import safe_cell
from tests.conftest import PASSWORD, log_in


@pytest.fixture
def cohort(courses, trainer):
    return learning.create_cohort(trainer.centre, db.session.scalar(select(Programme)),
                                  "Batch 3", date.today(), date.today() + timedelta(days=40))


@pytest.fixture
def members(cohort, make_trainee, complete, trainer):
    khmer = make_trainee(name="សុខ ចាន់ថា", latin_name="SOK CHANTHA", centre=cohort.centre)
    lao = make_trainee(name="=HYPERLINK(\"x\")", centre=cohort.centre)
    for user in (khmer, lao):
        learning.join_cohort(user, cohort)
    complete(khmer, locale="km")
    session = cohorts.add_session(cohort, date.today(), 2.0, "+1 topic", trainer)
    cohorts.record_attendance(session, {khmer.id}, trainer)
    return khmer, lao


def read_csv(response):
    assert response.data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))


@pytest.mark.parametrize("name", ["matrix", "attendance", "certificates"])
def test_csv_exports_round_trip_names_and_neutralise_formulas(cohort, members, trainer_client,
                                                              name):
    rows = read_csv(trainer_client.get(f"/km/trainer/cohorts/{cohort.id}/{name}.csv"))
    flat = [cell for row in rows for cell in row]
    assert "សុខ ចាន់ថា" in flat
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in flat)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "cohort.exported"))
    assert event.details == {"export": name, "format": "csv"}


def test_matrix_csv_and_pdf(cohort, members, trainer_client):
    rows = read_csv(trainer_client.get(f"/en/trainer/cohorts/{cohort.id}/matrix.csv"))
    khmer = next(r for r in rows if r[0] == "សុខ ចាន់ថា")
    assert khmer[3].startswith("complete") and khmer[-2] == "2"
    assert "'=HYPERLINK(\"x\")" in [r[0] for r in rows]
    pdf = trainer_client.get(f"/lo/trainer/cohorts/{cohort.id}/attendance.pdf")
    assert pdf.mimetype == "application/pdf"
    assert len(pypdf.PdfReader(io.BytesIO(pdf.data)).pages) >= 1


def test_safe_cell():
    assert [safe_cell(v) for v in ("=1+1", "+855", "-3", "@a", "ok", None, 7)] == [
        "'=1+1", "'+855", "'-3", "'@a", "ok", "", "7"]


def test_results_by_language_and_question_in_every_language(cohort, members, trainer_client):
    page = trainer_client.get(f"/en/trainer/cohorts/{cohort.id}/results").get_data(as_text=True)
    assert "Who keeps your passport?" in page and "ខ្មែរ" in page
    question = trainer_client.get("/en/trainer/questions/first-steps/final/passport")
    text = question.get_data(as_text=True)
    assert "សំណួរ 1" in text and "ຄຳຖາມ 1" in text and "问题 1" in text


def test_print_cohort_certificates(cohort, members, trainer_client):
    started = trainer_client.post(f"/en/trainer/cohorts/{cohort.id}/certificates/print")
    assert started.status_code == 303 and "/jobs/" in started.location
    page = trainer_client.get(started.location).get_data(as_text=True)
    assert "1 certificate is ready to print." in page and "refresh" not in page
    response = trainer_client.get(started.location + "/result.pdf")
    assert response.mimetype == "application/pdf"
    assert len(pypdf.PdfReader(io.BytesIO(response.data)).pages) == 1


def test_grant_and_move(cohort, members, trainer, trainer_client, courses):
    khmer, lao = members
    response = trainer_client.post(f"/en/trainer/cohorts/{cohort.id}/trainees/{lao.id}/grant",
                                   data={"course_id": courses["first-steps"].id})
    assert response.status_code == 302
    assert db.session.scalar(select(AttemptGrant)).user_id == lao.id
    other = learning.create_cohort(trainer.centre, cohort.programme, "Batch 4", date.today(),
                                   date.today() + timedelta(days=90))
    response = trainer_client.post(f"/en/trainer/cohorts/{cohort.id}/trainees/{khmer.id}/move",
                                   data={"cohort_id": other.id})
    assert response.headers["Location"].endswith(f"/cohorts/{other.id}")
    assert learning.get_active_cohort_id(khmer.id) == other.id
    _, rows = cohorts.get_matrix(other, date.today(), 14, 0.5)
    assert rows[0].cells[0].state == "complete"  # progress and completion kept


def test_other_centre_cannot_export_or_move(cohort, members, make_user, make_centre, app):
    stranger = make_user(Role.trainer, name="Other", centre=make_centre())
    client = app.test_client()
    log_in(client, stranger.login_code, PASSWORD)
    for path in (f"/en/trainer/cohorts/{cohort.id}/matrix.csv",
                 f"/en/trainer/cohorts/{cohort.id}/results",
                 f"/en/trainer/cohorts/{cohort.id}/trainees/{members[0].id}"):
        assert client.get(path).status_code == 404
    assert client.get(f"/en/trainer/cohorts/{cohort.id}/secrets.csv").status_code == 404


def test_trainer_creates_a_cohort(courses, trainer_client, trainer):
    programme = db.session.scalar(select(Programme))
    url = "/lo/trainer/cohorts/new"
    good = {"name": "ຮຸ່ນ 5", "programme": programme.id, "starts_on": "2027-01-04",
            "departs_on": "2027-02-15"}
    for changes, field in (({"name": ""}, "name"), ({"name": "x" * 10_000}, "name"),
                           ({"programme": 9999}, "programme"),
                           ({"departs_on": "2026-12-01"}, "departs_on"),
                           ({"starts_on": "soon"}, "starts_on")):
        page = trainer_client.post(url, data={**good, **changes}).get_data(as_text=True)
        assert f'id="{field}-error"' in page, changes
    response = trainer_client.post(url, data=good)
    assert response.status_code == 302
    again = trainer_client.post(url, data=good).get_data(as_text=True)
    assert 'id="name-error"' in again
    home = trainer_client.get("/lo/trainer/").get_data(as_text=True)
    assert "ຮຸ່ນ 5" in home


def test_cohort_list_counts_finished(cohort, members, trainer_client, trainer):
    cohort.programme.classroom_hours = 0
    cohort.programme.entries = [e for e in cohort.programme.entries
                                if e.course.slug == "first-steps"]
    db.session.commit()
    reconcile(members[0].id)
    db.session.commit()
    rows = cohorts.get_cohorts(trainer.centre_id)
    assert [(c.name, n, done) for c, n, done in rows] == [("Batch 3", 2, 1)]


def test_results_export(cohort, members, trainer_client):
    rows = read_csv(trainer_client.get(f"/en/trainer/cohorts/{cohort.id}/results.csv"))
    assert rows[0][:3] == ["Course or programme", "Question", "All"]
    assert any(r[1] == "Who keeps your passport?" and r[2] == "100%" for r in rows)
