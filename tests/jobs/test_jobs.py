"""Long work off the request: chunking rules, the queue's settings, the cohort's print job
(one at a time, progress, download in scope, kept 7 days), and a real consumer."""

import io
import os
import signal
import subprocess
import sys
import time
from datetime import date, timedelta

import pypdf
import pytest
from huey import RedisHuey, SqliteHuey
from sqlalchemy import func, select

from orientation import config
from orientation.extensions import db
from orientation.jobs import certificates as print_job
from orientation.jobs import queue as jobs_queue
from orientation.jobs import services as jobs
from orientation.jobs.queue import make_huey
from orientation.learn import services as learning
from orientation.models import AuditEvent, ImportBatch, ImportState, Job, JobState, Programme
from orientation.models.base import utcnow
from orientation.trainer import import_batches
from tests.conftest import PASSWORD, log_in


@pytest.mark.parametrize(("start", "total", "size", "expected"), [
    (0, 0, 100, []),
    (0, 250, 100, [(0, 100), (100, 200), (200, 250)]),
    (200, 250, 100, [(200, 250)]),  # a retry after two saved chunks
    (250, 250, 100, []),
    (0, 3, 1, [(0, 1), (1, 2), (2, 3)]),
])
def test_chunks_cover_the_rest_once(start, total, size, expected):
    assert jobs.chunks(start, total, size) == expected


@pytest.mark.parametrize(("state", "minutes", "shown"), [
    (JobState.queued, 1, JobState.queued),
    (JobState.running, 14, JobState.running),
    (JobState.running, 16, JobState.failed),  # its consumer went away
    (JobState.queued, 60, JobState.failed),  # no consumer is running
    (JobState.done, 600, JobState.done),
])
def test_a_job_without_progress_for_15_minutes_has_stopped(state, minutes, shown):
    now = utcnow()
    job = Job(state=state, updated_at=now - timedelta(minutes=minutes))
    assert jobs.shown_state(job, now) == shown
    assert (jobs.error_message(job, now) is not None) == (shown == JobState.failed)


def test_jobs_url_is_the_setting_then_the_throttling_redis_then_sqlite(tmp_path):
    def url(**settings):
        return config.jobs_url({"JOBS_URL": None, "RATELIMIT_STORAGE_URI": "memory://",
                                **settings}, tmp_path)

    assert url() == f"sqlite:///{tmp_path / 'jobs.sqlite'}"
    assert url(RATELIMIT_STORAGE_URI="redis://r:6379/0") == "redis://r:6379/0"
    assert url(JOBS_URL="redis://q:6379/1", RATELIMIT_STORAGE_URI="redis://r:6379/0") == \
        "redis://q:6379/1"
    built = config.build(tmp_path, {"SECRET_KEY": "x"}, environ={
        "ORIENTATION_JOBS_URL": "redis://q:6379/2", "ORIENTATION_JOBS_IMMEDIATE": "no"})
    assert built["JOBS_URL"] == "redis://q:6379/2" and built["JOBS_IMMEDIATE"] is False
    assert config.build(tmp_path, {"SECRET_KEY": "x", "TESTING": True})["JOBS_IMMEDIATE"]


def test_the_queue_is_sqlite_in_the_instance_folder_or_redis(tmp_path):
    sqlite = make_huey({"JOBS_URL": f"sqlite:///{tmp_path / 'q' / 'jobs.sqlite'}",
                        "JOBS_IMMEDIATE": False})
    assert isinstance(sqlite, SqliteHuey) and not sqlite.immediate
    assert (tmp_path / "q").is_dir()
    redis = make_huey({"JOBS_URL": "redis://127.0.0.1:6399/1", "JOBS_IMMEDIATE": True})
    assert isinstance(redis, RedisHuey) and redis.immediate
    with pytest.raises(ValueError, match="ORIENTATION_JOBS_URL"):
        make_huey({"JOBS_URL": "amqp://x", "JOBS_IMMEDIATE": False})


@pytest.fixture
def cohort(courses, trainer):
    return learning.create_cohort(trainer.centre, db.session.scalar(select(Programme)),
                                  "Batch 20", date.today(), date.today() + timedelta(days=40))


@pytest.fixture
def graduates(cohort, make_trainee, complete):
    people = [make_trainee(name=name, centre=cohort.centre)
              for name in ("សុខ ចាន់ថា", "ສົມສັກ ພົມມະວົງ", "Nguyễn Thị Hoa")]
    for person, locale in zip(people, ("km", "lo", "vi"), strict=True):
        learning.join_cohort(person, cohort)
        complete(person, locale=locale)
    return people


def print_url(cohort):
    return f"/en/trainer/cohorts/{cohort.id}/certificates/print"


def pages(pdf):
    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def test_certificates_print_in_chunks_into_one_pdf(app, cohort, graduates, trainer_client,
                                                   monkeypatch):
    monkeypatch.setattr(print_job, "CERTIFICATES_PER_CHUNK", 2)
    location = trainer_client.post(print_url(cohort)).location
    job = db.session.scalar(select(Job))
    assert (job.state, job.done, job.total, job.active_key) == (JobState.done, 3, 3, None)
    page = trainer_client.get(location).get_data(as_text=True)
    assert "3 certificates are ready to print." in page
    pdf = trainer_client.get(location + "/result.pdf")
    assert pdf.headers["Content-Disposition"] == \
        f'attachment; filename="certificates-{cohort.id}.pdf"'
    assert pages(pdf.data) == 3
    event = db.session.scalar(select(AuditEvent).where(
        AuditEvent.action == "cohort.certificates_downloaded"))
    assert event.subject_id == cohort.id and event.details["certificates"] == 3
    cohort_page = trainer_client.get(f"/en/trainer/cohorts/{cohort.id}").get_data(as_text=True)
    assert f'href="{location}">The last print of the certificates</a>' in cohort_page


def test_a_second_post_leads_to_the_same_job(app, cohort, graduates, trainer_client,
                                             monkeypatch):
    queued = []
    monkeypatch.setattr(jobs, "enqueue", queued.append)  # no consumer: the job waits
    first = trainer_client.post(print_url(cohort))
    second = trainer_client.post(print_url(cohort))
    assert first.status_code == second.status_code == 303
    assert first.location == second.location and len(queued) == 1
    assert db.session.scalar(select(func.count()).select_from(Job)) == 1
    page = trainer_client.get(first.location).get_data(as_text=True)
    assert "Waiting to start" in page and '<meta http-equiv="refresh" content="2">' in page
    assert trainer_client.get(first.location + "/result.pdf").status_code == 404


def test_a_failed_job_says_so_and_can_be_tried_again(app, cohort, graduates, trainer_client,
                                                     monkeypatch):
    def broken(certificates):
        raise OSError("disk full")

    real = print_job.pdf_of
    monkeypatch.setattr(print_job, "pdf_of", broken)
    location = trainer_client.post(print_url(cohort)).location
    job = db.session.scalar(select(Job))
    assert (job.state, job.error, job.active_key) == (JobState.failed, "failed", None)
    page = trainer_client.get(location).get_data(as_text=True)
    assert "Something went wrong" in page and "Try again" in page and "refresh" not in page
    monkeypatch.setattr(print_job, "pdf_of", real)
    retried = trainer_client.post(location + "/retry")
    assert retried.status_code == 303 and retried.location == location
    assert job.state == JobState.done and pages(job.result) == 3


def test_a_newer_print_replaces_the_older_and_results_go_after_7_days(
        app, cohort, graduates, trainer_client):
    older = trainer_client.post(print_url(cohort)).location
    newer = trainer_client.post(print_url(cohort)).location
    assert older != newer
    assert trainer_client.get(older).status_code == 404  # replaced: deleted with its PDF
    assert db.session.scalar(select(func.count()).select_from(Job)) == 1
    job = db.session.scalar(select(Job))
    job.finished_at = utcnow() - timedelta(days=8)
    db.session.commit()
    assert trainer_client.get(newer + "/result.pdf").status_code == 404
    assert "This file is no longer kept" in trainer_client.get(newer).get_data(as_text=True)
    print_job.forget_old()
    assert db.session.scalar(select(func.count()).select_from(Job)) == 0


def test_no_certificate_no_job(app, cohort, trainer_client):
    response = trainer_client.post(print_url(cohort))
    assert response.status_code == 303 and response.location.endswith(f"/cohorts/{cohort.id}")
    assert db.session.scalar(select(Job)) is None


def test_wrong_tokens_other_centres_and_trainees_are_refused(
        app, cohort, graduates, trainer_client, make_user, make_centre, trainee_client):
    from orientation.models import Role

    location = trainer_client.post(print_url(cohort)).location
    base = f"/en/trainer/cohorts/{cohort.id}/jobs/"
    for path in ("nope", "nope/result.pdf"):
        assert trainer_client.get(base + path).status_code == 404
    assert trainer_client.post(base + "nope/retry").status_code == 404
    stranger = make_user(Role.trainer, name="Other", centre=make_centre())
    other = app.test_client()
    log_in(other, stranger.login_code, PASSWORD)
    for path in (location, location + "/result.pdf"):
        assert other.get(path).status_code == 404
    assert other.post(print_url(cohort)).status_code == 404
    assert trainee_client.get(location).status_code == 403
    assert trainee_client.post(print_url(cohort)).status_code == 403
    assert db.session.scalar(select(func.count()).select_from(Job)) == 1


GOOD = ("name,latin_name,phone,language\r\n"
        "សុខ ចាន់ថា,Sok Chantha,012 345 678,km\r\n"
        "ສົມສັກ ພົມມະວົງ,SOMSACK PHOMMAVONG,+856 20 5555 1234,lo\r\n"
        "Nguyễn Thị Hoa,,,vi\r\n")


def wait_for(condition, seconds=60):
    """Poll what a person reloading the page would see, until `condition` holds."""
    seen = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        db.session.expire_all()
        value = condition()
        seen.append(value)
        if value:
            return seen
        time.sleep(0.05)
    raise AssertionError(f"not done in {seconds} s: {seen[-3:]}")


def test_a_real_consumer_runs_imports_and_prints_off_the_request(
        app, cohort, graduates, trainer, trainer_client, consumer, monkeypatch):
    monkeypatch.setattr(import_batches, "ROWS_PER_CHUNK", 1)
    batch, _ = import_batches.check_file(cohort, trainer, GOOD.encode(), "KH")
    response = trainer_client.post(f"/en/trainer/cohorts/{cohort.id}/import/{batch.token}/save")
    assert response.status_code == 303
    page = trainer_client.get(response.location).get_data(as_text=True)
    assert "Saving trainees" in page or "Trainees saved" in page  # the consumer may be quick
    progress = []

    def saved():
        job = jobs.get_batch_job(batch.id)
        progress.append(job.done)
        return db.session.get(ImportBatch, batch.id).state == ImportState.saved

    wait_for(saved)
    assert progress == sorted(progress) and progress[-1] == 3
    page = trainer_client.get(response.location).get_data(as_text=True)
    # Nguyễn Thị Hoa (no phone) is one of the graduates already: enrolled, not created.
    assert "2 new trainees created." in page and "1 trainee was already here" in page

    location = trainer_client.post(print_url(cohort)).location
    wait_for(lambda: db.session.scalar(select(Job).where(
        Job.token == location.rsplit("/", 1)[1])).state == JobState.done)
    assert pages(trainer_client.get(location + "/result.pdf").data) == 3


REDIS = os.environ.get("ORIENTATION_TEST_REDIS_URL", "")


@pytest.mark.skipif(not REDIS.startswith("redis://"), reason="ORIENTATION_TEST_REDIS_URL unset")
@pytest.mark.parametrize("jobs_url", [REDIS])
def test_a_consumer_on_redis_prints_the_certificates(app, cohort, graduates, trainer_client,
                                                     consumer, jobs_url):
    location = trainer_client.post(print_url(cohort)).location
    wait_for(lambda: db.session.scalar(select(Job).where(
        Job.token == location.rsplit("/", 1)[1])).state == JobState.done)
    assert pages(trainer_client.get(location + "/result.pdf").data) == 3


def test_the_consume_command_runs_queued_jobs_and_stops_on_ctrl_c(
        app, cohort, graduates, trainer_client, settings, tmp_path):
    """`flask --app orientation jobs consume` in its own process, on the test's database."""
    queue = f"sqlite:///{tmp_path / 'cli-jobs.sqlite'}"
    app.config.update(JOBS_IMMEDIATE=False, JOBS_URL=queue)
    jobs_queue.init_app(app)
    location = trainer_client.post(print_url(cohort)).location
    job = db.session.scalar(select(Job))
    assert job.state == JobState.queued  # nobody consumes yet
    env = {**os.environ, **{f"ORIENTATION_{name}": str(settings[name]) for name in (
        "DATABASE_URL", "SECRET_KEY", "SIGNING_KEY_PATH", "PUBLIC_BASE_URL",
        "COURSES_FOLDER")}, "ORIENTATION_JOBS_URL": queue, "ORIENTATION_JOBS_WORKERS": "1"}
    process = subprocess.Popen([sys.executable, "-m", "flask", "--app", "orientation", "jobs",
                                "consume"], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        wait_for(lambda: db.session.get(Job, job.id).state == JobState.done, seconds=120)
    finally:
        process.send_signal(signal.SIGINT)
        output = process.communicate(timeout=60)[0]
    assert process.returncode == 0 and f"Consuming jobs from {queue}" in output
    assert pages(trainer_client.get(location + "/result.pdf").data) == 3


def test_consume_refuses_immediate_mode(runner):
    result = runner.invoke(args=["jobs", "consume"])
    assert result.exit_code != 0 and "ORIENTATION_JOBS_IMMEDIATE" in result.output
